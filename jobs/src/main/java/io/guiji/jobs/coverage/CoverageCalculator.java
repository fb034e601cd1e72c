package io.guiji.jobs.coverage;

import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CatalogItem;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.CoverageTotals;
import io.guiji.schemas.DeptStats;
import io.guiji.schemas.DivisionCoverage;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.TimelinessSummary;
import io.guiji.schemas.internal.DeptCounters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Collection coverage against the resource catalogue (docs/contract.md §8), as a pure function of
 * the catalogue and the departments' counters. A department counts as covered when it has at least
 * one accepted record of a type catalogued for it; an item (department × type) when it has one.
 * Status compares department coverage with the target, overall and per division. Timeliness
 * (licence and penalty records published within the deadline) is given per department, in the
 * totals, and as a summary naming the deadline and the working-day calendar.
 */
public final class CoverageCalculator {
    /** Division of catalogue entries that name none. */
    public static final String UNKNOWN_DIVISION = "unknown";

    private static final double EPSILON = 1e-9;

    private CoverageCalculator() {}

    /** The snapshot for a period named only (no bounds, no timeliness summary). */
    public static CoverageSnapshot compute(
            Collection<CatalogEntry> catalog,
            Map<String, DeptCounters> counters,
            double target,
            String period,
            String generatedAt) {
        return compute(catalog, counters, target, period, null, null, generatedAt);
    }

    /** The snapshot for {@code period}, with the timeliness summary of {@code rule}. */
    public static CoverageSnapshot compute(
            Collection<CatalogEntry> catalog,
            Map<String, DeptCounters> counters,
            double target,
            CoveragePeriod period,
            TimelinessRule rule,
            String generatedAt) {
        return compute(
                catalog,
                counters,
                target,
                period.name(),
                period.isAll() ? null : new String[] {period.from() + "", period.to() + ""},
                rule,
                generatedAt);
    }

    private static CoverageSnapshot compute(
            Collection<CatalogEntry> catalog,
            Map<String, DeptCounters> counters,
            double target,
            String period,
            String[] bounds,
            TimelinessRule rule,
            String generatedAt) {
        Map<String, TreeSet<RecordType>> itemsByDept = new TreeMap<>();
        Map<String, CatalogEntry> deptInfo = new TreeMap<>();
        for (CatalogEntry e : catalog) {
            if (e.getDeleted()) {
                continue;
            }
            itemsByDept
                    .computeIfAbsent(e.getDeptCode(), k -> new TreeSet<>())
                    .add(e.getRecordType());
            deptInfo.merge(e.getDeptCode(), e, CoverageCalculator::richer);
        }

        List<String> uncoveredDepts = new ArrayList<>();
        List<CatalogItem> uncoveredItems = new ArrayList<>();
        Map<String, int[]> division = new TreeMap<>(); // depts, covered depts, items, covered items
        Map<String, DeptStats> byDept = new TreeMap<>();
        int depts = 0;
        int coveredDepts = 0;
        int items = 0;
        int coveredItems = 0;
        for (Map.Entry<String, TreeSet<RecordType>> d : itemsByDept.entrySet()) {
            String dept = d.getKey();
            DeptCounters c = counters.get(dept);
            int deptItems = d.getValue().size();
            int deptCovered = 0;
            for (RecordType t : d.getValue()) {
                if (acceptedOf(c, t) > 0) {
                    deptCovered++;
                } else {
                    uncoveredItems.add(new CatalogItem(dept, t));
                }
            }
            boolean covered = deptCovered > 0;
            if (!covered) {
                uncoveredDepts.add(dept);
            }
            depts++;
            coveredDepts += covered ? 1 : 0;
            items += deptItems;
            coveredItems += deptCovered;
            CatalogEntry info = deptInfo.get(dept);
            String div = info.getDivisionCode() == null ? UNKNOWN_DIVISION : info.getDivisionCode();
            int[] acc = division.computeIfAbsent(div, k -> new int[4]);
            acc[0]++;
            acc[1] += covered ? 1 : 0;
            acc[2] += deptItems;
            acc[3] += deptCovered;
            byDept.put(dept, stats(dept, info, c, d.getValue(), deptCovered, deptItems));
        }

        List<String> uncatalogued = new ArrayList<>();
        CoverageTotals totals =
                CoverageTotals.newBuilder()
                        .setReceived(0L)
                        .setAccepted(0L)
                        .setRejected(0L)
                        .setDuplicates(0L)
                        .setUnified(0L)
                        .setNonPerson(0L)
                        .setLinked(0L)
                        .setRejectedByReason(new TreeMap<>())
                        .build();
        for (DeptCounters c : new TreeMap<>(counters).values()) {
            add(totals, c);
            String dept = c.getDeptCode();
            if (!dept.isEmpty() && !itemsByDept.containsKey(dept) && c.getReceived() > 0) {
                uncatalogued.add(dept);
                byDept.put(dept, stats(dept, null, c, null, 0, 0));
            }
        }

        Map<String, DivisionCoverage> byDivision = new TreeMap<>();
        for (Map.Entry<String, int[]> e : division.entrySet()) {
            int[] a = e.getValue();
            double dc = ratio(a[1], a[0]);
            byDivision.put(
                    e.getKey(),
                    new DivisionCoverage(
                            e.getKey(),
                            a[0],
                            a[1],
                            a[2],
                            a[3],
                            dc,
                            ratio(a[3], a[2]),
                            status(dc, target)));
        }
        double deptCoverage = ratio(coveredDepts, depts);
        TimelinessSummary timeliness =
                rule == null
                        ? null
                        : TimelinessSummary.newBuilder()
                                .setDeadlineWorkingDays(rule.deadline())
                                .setCalendar(rule.calendar().describe())
                                .setTimely(totals.getTimely())
                                .setLate(totals.getLate())
                                .setUnknown(totals.getTimelinessUnknown())
                                .setRate(rate(totals.getTimely(), totals.getLate()))
                                .build();
        return CoverageSnapshot.newBuilder()
                .setPeriod(period)
                .setPeriodFrom(bounds == null ? null : bounds[0])
                .setPeriodTo(bounds == null ? null : bounds[1])
                .setTimeliness(timeliness)
                .setGeneratedAt(generatedAt)
                .setDeptCoverage(deptCoverage)
                .setItemCoverage(ratio(coveredItems, items))
                .setTarget(target)
                .setStatus(status(deptCoverage, target))
                .setUncoveredDepts(uncoveredDepts)
                .setUncoveredItems(uncoveredItems)
                .setUncataloguedDepts(uncatalogued)
                .setByDivision(byDivision)
                .setByDept(byDept)
                .setTotals(totals)
                .build();
    }

    public static String status(double coverage, double target) {
        return coverage + EPSILON >= target ? "MET" : "BELOW";
    }

    /**
     * One department's figures; {@code catalogued} is the set of types the catalogue lists for it,
     * null for a department missing from the catalogue.
     */
    private static DeptStats stats(
            String dept,
            CatalogEntry info,
            DeptCounters c,
            TreeSet<RecordType> catalogued,
            int covered,
            int items) {
        List<String> types = new ArrayList<>();
        Map<String, Long> acceptedByType = new TreeMap<>();
        Map<String, Long> rejectedByReason = new TreeMap<>();
        long received = 0,
                accepted = 0,
                rejected = 0,
                duplicates = 0,
                unified = 0,
                nonPerson = 0,
                linked = 0,
                timely = 0,
                late = 0,
                unknown = 0;
        if (c != null) {
            for (Map.Entry<String, Long> t : new TreeMap<>(c.getAcceptedByType()).entrySet()) {
                if (t.getValue() > 0) {
                    types.add(t.getKey());
                    acceptedByType.put(t.getKey(), t.getValue());
                }
            }
            for (Map.Entry<String, Long> r : c.getRejectedByReason().entrySet()) {
                if (r.getValue() > 0) {
                    rejectedByReason.put(r.getKey(), r.getValue());
                }
            }
            received = c.getReceived();
            accepted = c.getAccepted();
            rejected = c.getRejected();
            duplicates = c.getDuplicates();
            unified = c.getUnified();
            nonPerson = c.getNonPerson();
            linked = c.getLinked();
            timely = c.getTimely();
            late = c.getLate();
            unknown = c.getTimelinessUnknown();
        }
        return DeptStats.newBuilder()
                .setDeptCode(dept)
                .setDeptName(info == null ? null : info.getDeptName())
                .setDivisionCode(info == null ? null : info.getDivisionCode())
                .setCatalogued(catalogued != null)
                .setReceived(received)
                .setAccepted(accepted)
                .setRejected(rejected)
                .setDuplicates(duplicates)
                .setUnified(unified)
                .setNonPerson(nonPerson)
                .setLinked(linked)
                .setLinkRate(nonPerson == 0 ? null : (double) linked / nonPerson)
                .setRecordTypes(types)
                .setCoveredItems(covered)
                .setCataloguedItems(items)
                .setCataloguedTypes(
                        catalogued == null
                                ? new ArrayList<>()
                                : catalogued.stream()
                                        .map(RecordType::name)
                                        .collect(Collectors.toList()))
                .setAcceptedByType(acceptedByType)
                .setRejectedByReason(rejectedByReason)
                .setTimely(timely)
                .setLate(late)
                .setTimelinessUnknown(unknown)
                .setTimelinessRate(rate(timely, late))
                .build();
    }

    /** timely ÷ (timely + late); null when no record was evaluated. */
    static Double rate(long timely, long late) {
        return timely + late == 0 ? null : (double) timely / (timely + late);
    }

    private static void add(CoverageTotals t, DeptCounters c) {
        t.setReceived(t.getReceived() + c.getReceived());
        t.setAccepted(t.getAccepted() + c.getAccepted());
        t.setRejected(t.getRejected() + c.getRejected());
        t.setProcessingErrors(t.getProcessingErrors() + c.getProcessingErrors());
        t.setDuplicates(t.getDuplicates() + c.getDuplicates());
        t.setUnified(t.getUnified() + c.getUnified());
        t.setNonPerson(t.getNonPerson() + c.getNonPerson());
        t.setLinked(t.getLinked() + c.getLinked());
        t.setTimely(t.getTimely() + c.getTimely());
        t.setLate(t.getLate() + c.getLate());
        t.setTimelinessUnknown(t.getTimelinessUnknown() + c.getTimelinessUnknown());
        for (Map.Entry<String, Long> r : c.getRejectedByReason().entrySet()) {
            t.getRejectedByReason().merge(r.getKey(), r.getValue(), Long::sum);
        }
    }

    private static long acceptedOf(DeptCounters c, RecordType t) {
        if (c == null) {
            return 0;
        }
        Long n = c.getAcceptedByType().get(t.name());
        return n == null ? 0 : n;
    }

    /**
     * Of two catalogue rows for one department, the one that names more (then the smaller name).
     */
    private static CatalogEntry richer(CatalogEntry a, CatalogEntry b) {
        int sa = (a.getDeptName() == null ? 0 : 1) + (a.getDivisionCode() == null ? 0 : 1);
        int sb = (b.getDeptName() == null ? 0 : 1) + (b.getDivisionCode() == null ? 0 : 1);
        if (sa != sb) {
            return sa > sb ? a : b;
        }
        String na = String.valueOf(a.getDeptName()) + a.getDivisionCode();
        String nb = String.valueOf(b.getDeptName()) + b.getDivisionCode();
        return na.compareTo(nb) <= 0 ? a : b;
    }

    private static double ratio(int num, int den) {
        return den == 0 ? 0.0 : (double) num / den;
    }
}
