package io.guiji.jobs.coverage.notice;

import io.guiji.schemas.CatalogItem;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.DeptStats;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.TimelinessSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a notice (通报) of one period says (docs/contract.md §9): coverage against the target, the
 * uncovered departments and items, the departments late in publishing (timeliness), and how each
 * compares with the previous period's notice. A pure function of a coverage snapshot and the
 * previous notice ({@link #of}); {@link NoticeRenderer} turns it into Markdown and HTML, so the
 * bounded run and {@code bin/guiji notice} (PostgreSQL) print the same notice from the same model.
 * Also the notice's data file ({@code notices/<period>.json}), which the next period's notice
 * compares with.
 */
public record NoticeModel(
        String period,
        String periodLabel,
        String periodFrom,
        String periodTo,
        String generatedAt,
        double target,
        String status,
        int depts,
        int coveredDepts,
        double deptCoverage,
        int items,
        int coveredItems,
        double itemCoverage,
        Timeliness timeliness,
        List<Dept> uncovered,
        List<Dept> late,
        List<Dept> departments,
        List<Dept> uncatalogued,
        Previous previous) {

    /** One department's line. */
    public record Dept(
            String code,
            String name,
            String division,
            boolean covered,
            int coveredItems,
            int cataloguedItems,
            List<String> uncoveredTypes,
            long accepted,
            long timely,
            long late,
            long timelinessUnknown,
            Double timelinessRate,
            Change change) {}

    /**
     * A department compared with the previous notice: {@code previousCovered} and {@code
     * previousRate} as they were there (null: not in it, or no previous notice).
     */
    public record Change(
            Boolean previousCovered, Double previousTimelinessRate, Long previousLate) {
        static final Change NONE = new Change(null, null, null);
    }

    /** The period's timeliness (双公示 deadline in working days). */
    public record Timeliness(
            int deadlineWorkingDays,
            String calendar,
            long timely,
            long late,
            long unknown,
            Double rate) {}

    /** The previous period's headline figures, from its notice. */
    public record Previous(
            String period,
            String periodLabel,
            double deptCoverage,
            double itemCoverage,
            Double timelinessRate,
            List<String> uncoveredCodes) {}

    /**
     * The notice of {@code snapshot}'s period; {@code periodLabel} names it in Chinese; {@code
     * previous} is the previous period's notice, or null when there is none.
     */
    public static NoticeModel of(
            CoverageSnapshot snapshot, String periodLabel, NoticeModel previous) {
        Map<String, Dept> before = new TreeMap<>();
        if (previous != null) {
            for (Dept d : previous.departments()) {
                before.put(d.code(), d);
            }
        }
        Map<String, List<String>> uncoveredTypes = new LinkedHashMap<>();
        for (CatalogItem i : snapshot.getUncoveredItems()) {
            uncoveredTypes
                    .computeIfAbsent(i.getDeptCode(), k -> new ArrayList<>())
                    .add(typeName(i.getRecordType()));
        }
        List<Dept> departments = new ArrayList<>();
        List<Dept> uncatalogued = new ArrayList<>();
        int depts = 0;
        int covered = 0;
        int items = 0;
        int coveredItems = 0;
        for (DeptStats s : new TreeMap<>(snapshot.getByDept()).values()) {
            Dept p = before.get(s.getDeptCode());
            Change change =
                    previous == null
                            ? Change.NONE
                            : new Change(
                                    p == null ? null : p.covered(),
                                    p == null ? null : p.timelinessRate(),
                                    p == null ? null : p.late());
            Dept d =
                    new Dept(
                            s.getDeptCode(),
                            s.getDeptName(),
                            s.getDivisionCode(),
                            s.getCatalogued() && s.getCoveredItems() > 0,
                            s.getCoveredItems(),
                            s.getCataloguedItems(),
                            List.copyOf(uncoveredTypes.getOrDefault(s.getDeptCode(), List.of())),
                            s.getAccepted(),
                            s.getTimely(),
                            s.getLate(),
                            s.getTimelinessUnknown(),
                            s.getTimelinessRate(),
                            change);
            if (s.getCatalogued()) {
                departments.add(d);
                depts++;
                covered += d.covered() ? 1 : 0;
                items += s.getCataloguedItems();
                coveredItems += s.getCoveredItems();
            } else {
                uncatalogued.add(d);
            }
        }
        List<Dept> uncovered = new ArrayList<>();
        List<Dept> late = new ArrayList<>();
        for (Dept d : departments) {
            if (!d.covered() || !d.uncoveredTypes().isEmpty()) {
                uncovered.add(d);
            }
        }
        for (Dept d : concat(departments, uncatalogued)) {
            if (d.late() > 0) {
                late.add(d);
            }
        }
        // Departments with nothing collected first, then by the share of items collected.
        uncovered.sort(
                Comparator.comparing(Dept::covered)
                        .thenComparingDouble(d -> share(d.coveredItems(), d.cataloguedItems()))
                        .thenComparing(Dept::code));
        // The latest first: lowest share on time, then most records late.
        late.sort(
                Comparator.comparingDouble(
                                (Dept d) -> d.timelinessRate() == null ? 1 : d.timelinessRate())
                        .thenComparing(Comparator.comparingLong(Dept::late).reversed())
                        .thenComparing(Dept::code));
        TimelinessSummary t = snapshot.getTimeliness();
        Timeliness timeliness =
                t == null
                        ? null
                        : new Timeliness(
                                t.getDeadlineWorkingDays(),
                                t.getCalendar(),
                                t.getTimely(),
                                t.getLate(),
                                t.getUnknown(),
                                t.getRate());
        Previous prev =
                previous == null
                        ? null
                        : new Previous(
                                previous.period(),
                                previous.periodLabel(),
                                previous.deptCoverage(),
                                previous.itemCoverage(),
                                previous.timeliness() == null ? null : previous.timeliness().rate(),
                                previous.uncovered().stream()
                                        .filter(d -> !d.covered())
                                        .map(Dept::code)
                                        .toList());
        return new NoticeModel(
                snapshot.getPeriod(),
                periodLabel,
                snapshot.getPeriodFrom(),
                snapshot.getPeriodTo(),
                snapshot.getGeneratedAt(),
                snapshot.getTarget(),
                snapshot.getStatus(),
                depts,
                covered,
                snapshot.getDeptCoverage(),
                items,
                coveredItems,
                snapshot.getItemCoverage(),
                timeliness,
                List.copyOf(uncovered),
                List.copyOf(late),
                List.copyOf(departments),
                List.copyOf(uncatalogued),
                prev);
    }

    /** Departments collected now that had collected nothing in the previous period (已整改). */
    public List<Dept> nowCovered() {
        return departments.stream()
                .filter(d -> d.covered() && Boolean.FALSE.equals(d.change().previousCovered()))
                .toList();
    }

    /** The Chinese name of a record type (docs/contract.md §1). */
    public static String typeName(RecordType t) {
        return switch (t) {
            case license -> "行政许可";
            case inspection -> "行政检查";
            case penalty -> "行政处罚";
            case coercion -> "行政强制";
            case judicial -> "司法";
            case dishonesty -> "失信名单";
        };
    }

    private static double share(int num, int den) {
        return den == 0 ? 0 : (double) num / den;
    }

    private static List<Dept> concat(List<Dept> a, List<Dept> b) {
        List<Dept> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
