package io.guiji.jobs.cli;

import io.guiji.jobs.QualityFlags;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.CoverageTotals;
import io.guiji.schemas.DeptStats;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.TimelinessSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one-screen summary of a bounded run (docs/contract.md §10). Rejections are listed by reason,
 * PROCESSING_ERROR among them; records a stage failed on (rejected, or published flagged) are
 * counted on a line of their own when there are any.
 */
public final class Summary {
    private static final int LAGGING_SHOWN = 8;

    private Summary() {}

    public static void print(PrintStream out, String title, CoverageSnapshot c, double seconds) {
        print(out, title, c, seconds, true, true);
    }

    /**
     * The summary of a run; {@code registry} and {@code catalog} say whether the input had a usable
     * registry and catalogue, and the summary says what their absence means for linking and
     * coverage.
     */
    public static void print(
            PrintStream out,
            String title,
            CoverageSnapshot c,
            double seconds,
            boolean registry,
            boolean catalog) {
        CoverageTotals t = c.getTotals();
        out.println(title);
        out.printf(
                "  records in      %,10d   (%.1f s, %,.0f records/s)%n",
                t.getReceived(), seconds, seconds > 0 ? t.getReceived() / seconds : 0.0);
        out.printf(
                "  accepted        %,10d   -> %,d unified records (%,d duplicate copies)%n",
                t.getAccepted(), t.getUnified(), t.getDuplicates());
        out.printf(
                "  rejected        %,10d   %s%n",
                t.getRejected(), reasons(t.getRejectedByReason()));
        if (t.getProcessingErrors() > 0) {
            long rejected =
                    t.getRejectedByReason().getOrDefault(RejectReason.PROCESSING_ERROR.name(), 0L);
            out.printf(
                    "  processing errors %,8d   (%,d rejected PROCESSING_ERROR, %,d published flagged %s or %s; see rejected/ and the flags)%n",
                    t.getProcessingErrors(),
                    rejected,
                    t.getProcessingErrors() - rejected,
                    QualityFlags.LINK_ERROR,
                    QualityFlags.UNENCODABLE_VALUE);
        }
        out.printf(
                "  linked          %9s    of %,d non-person unified records (%,d natural persons, never linked)%n",
                percent(t.getLinked(), t.getNonPerson()),
                t.getNonPerson(),
                t.getUnified() - t.getNonPerson());
        if (!registry) {
            out.println(
                    "                  no registry: only records with a valid USCC could link (registry/ missing or without a usable entry)");
        }
        if (!catalog) {
            out.println(
                    "  coverage        not measured: no catalogue (catalog/ missing or without a usable entry)");
            return;
        }
        int depts = 0;
        int items = 0;
        int coveredItems = 0;
        for (DeptStats d : c.getByDept().values()) {
            if (d.getCatalogued()) {
                depts++;
                items += d.getCataloguedItems();
                coveredItems += d.getCoveredItems();
            }
        }
        int coveredDepts = depts - c.getUncoveredDepts().size();
        out.printf(
                "  coverage        departments %s (%d/%d), items %s (%d/%d), target %s: %s%n",
                percent(coveredDepts, depts),
                coveredDepts,
                depts,
                percent(coveredItems, items),
                coveredItems,
                items,
                percent(c.getTarget()),
                c.getStatus());
        if (!c.getUncoveredDepts().isEmpty()) {
            out.printf("  lagging         %s%n", names(c.getUncoveredDepts(), c.getByDept()));
        }
        if (!c.getUncataloguedDepts().isEmpty()) {
            out.printf("  not catalogued  %s%n", names(c.getUncataloguedDepts(), c.getByDept()));
        }
        timeliness(out, c);
    }

    /**
     * The timeliness line (docs/contract.md §8): licences and penalties received within the
     * deadline, and the departments with the most late ones.
     */
    static void timeliness(PrintStream out, CoverageSnapshot c) {
        TimelinessSummary t = c.getTimeliness();
        if (t == null || t.getTimely() + t.getLate() + t.getUnknown() == 0) {
            return;
        }
        out.printf(
                "  timeliness      %s on time (%,d of %,d licences and penalties within %d working days)%s%n",
                percent(t.getTimely(), t.getTimely() + t.getLate()),
                t.getTimely(),
                t.getTimely() + t.getLate(),
                t.getDeadlineWorkingDays(),
                t.getUnknown() > 0 ? String.format(", %,d not evaluated", t.getUnknown()) : "");
        List<DeptStats> late = new ArrayList<>();
        for (DeptStats d : c.getByDept().values()) {
            if (d.getLate() > 0) {
                late.add(d);
            }
        }
        if (late.isEmpty()) {
            return;
        }
        late.sort(
                java.util.Comparator.comparingLong(DeptStats::getLate)
                        .reversed()
                        .thenComparing(DeptStats::getDeptCode));
        List<String> shown = new ArrayList<>();
        for (DeptStats d : late.subList(0, Math.min(LAGGING_SHOWN, late.size()))) {
            shown.add(
                    (d.getDeptName() != null
                                    ? d.getDeptCode() + " " + d.getDeptName()
                                    : d.getDeptCode())
                            + " "
                            + d.getLate());
        }
        out.printf(
                "  late            %s%s (records; list in timeliness/)%n",
                String.join(", ", shown),
                late.size() > LAGGING_SHOWN
                        ? ", … " + (late.size() - LAGGING_SHOWN) + " more"
                        : "");
    }

    /** The coverage page's path, for leaders: the one output meant to be opened, not read. */
    public static void printCoveragePage(PrintStream out, Path output) {
        Path page = output.resolve("coverage.html");
        if (Files.exists(page)) {
            out.println("  coverage page   " + page.toAbsolutePath() + "  (open it in a browser)");
        }
    }

    private static String reasons(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(byReason)
                .forEach((k, v) -> parts.add(k + " " + String.format("%,d", v)));
        return "(" + String.join(", ", parts) + ")";
    }

    private static String names(List<String> codes, Map<String, DeptStats> byDept) {
        List<String> shown = new ArrayList<>();
        for (String code : codes.subList(0, Math.min(LAGGING_SHOWN, codes.size()))) {
            DeptStats d = byDept.get(code);
            shown.add(d != null && d.getDeptName() != null ? code + " " + d.getDeptName() : code);
        }
        String more =
                codes.size() > LAGGING_SHOWN
                        ? ", … " + (codes.size() - LAGGING_SHOWN) + " more in coverage.json"
                        : "";
        return String.join(", ", shown) + more;
    }

    private static String percent(long num, long den) {
        return den == 0 ? "n/a" : percent((double) num / den);
    }

    private static String percent(double ratio) {
        return String.format("%.1f%%", ratio * 100);
    }
}
