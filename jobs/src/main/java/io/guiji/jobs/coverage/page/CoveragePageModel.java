package io.guiji.jobs.coverage.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.guiji.jobs.coverage.page.CoveragePage.DeptRow;
import io.guiji.jobs.coverage.page.CoveragePage.DivisionBar;
import io.guiji.jobs.coverage.page.CoveragePage.Headline;
import io.guiji.jobs.coverage.page.CoveragePage.Matrix;
import io.guiji.jobs.coverage.page.CoveragePage.TrendPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the {@link CoveragePage} from a coverage snapshot in its JSON form, the form of {@code
 * OUTPUT/coverage.json} and of the {@code snapshot} column of PostgreSQL's {@code
 * coverage_snapshot} (docs/contract.md §8–9), so that the file and the live page are one
 * computation. Nothing is recounted that the snapshot states: coverage ratios, target, status and
 * each department's counts are the snapshot's own; the page only orders, labels and groups them.
 */
public final class CoveragePageModel {
    static final String TITLE = "归集覆盖率";

    private CoveragePageModel() {}

    /** The page of one snapshot, without a trend. */
    public static CoveragePage of(JsonNode snapshot) {
        return of(snapshot, List.of());
    }

    /**
     * The page of the latest snapshot, with the trend drawn from earlier ones ({@code history},
     * oldest first, the latest among them or not).
     */
    public static CoveragePage of(JsonNode snapshot, List<TrendPoint> history) {
        double target = snapshot.path("target").asDouble();
        List<DeptRow> rows = departments(snapshot);
        Headline headline = headline(snapshot, rows, target);
        Map<String, String> reasons = new TreeMap<>();
        for (DeptRow r : rows) {
            r.rejectedByReason()
                    .keySet()
                    .forEach(k -> reasons.put(k, ChineseLabels.rejectReason(k)));
        }
        snapshot.path("totals")
                .path("rejected_by_reason")
                .fieldNames()
                .forEachRemaining(k -> reasons.put(k, ChineseLabels.rejectReason(k)));
        return new CoveragePage(
                headline,
                divisions(snapshot),
                rows,
                matrix(rows, snapshot),
                List.copyOf(history),
                reasons,
                rate(snapshot.path("timeliness").path("rate")));
    }

    /** A measured rate, or null while none is (no licence or penalty evaluated). */
    private static Double rate(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }

    private static Headline headline(JsonNode s, List<DeptRow> rows, double target) {
        int depts = 0;
        int items = 0;
        int coveredItems = 0;
        int uncatalogued = 0;
        for (DeptRow r : rows) {
            if (r.catalogued()) {
                depts++;
                items += r.cataloguedItems();
                coveredItems += r.coveredItems();
            } else {
                uncatalogued++;
            }
        }
        int lagging = s.path("uncovered_depts").size();
        JsonNode t = s.path("totals");
        long nonPerson = t.path("non_person").asLong();
        String status = s.path("status").asText();
        double itemCoverage = s.path("item_coverage").asDouble();
        String itemStatus = itemCoverage + 1e-9 >= target ? "MET" : "BELOW";
        String period = s.path("period").asText();
        return new Headline(
                TITLE,
                period,
                ChineseLabels.period(period),
                s.path("generated_at").asText(),
                target,
                s.path("dept_coverage").asDouble(),
                depts - lagging,
                depts,
                itemCoverage,
                coveredItems,
                items,
                status,
                ChineseLabels.status(status),
                itemStatus,
                ChineseLabels.status(itemStatus),
                lagging,
                uncatalogued,
                t.path("received").asLong(),
                t.path("accepted").asLong(),
                t.path("rejected").asLong(),
                t.path("duplicates").asLong(),
                t.path("unified").asLong(),
                nonPerson == 0 ? null : (double) t.path("linked").asLong() / nonPerson);
    }

    private static List<DivisionBar> divisions(JsonNode s) {
        List<DivisionBar> bars = new ArrayList<>();
        for (JsonNode d : iterable(s.path("by_division"))) {
            String status = d.path("status").asText();
            String code = d.path("division_code").asText();
            bars.add(
                    new DivisionBar(
                            code,
                            "unknown".equals(code) ? "未注明区划" : code,
                            d.path("depts").asInt(),
                            d.path("covered_depts").asInt(),
                            d.path("items").asInt(),
                            d.path("covered_items").asInt(),
                            d.path("dept_coverage").asDouble(),
                            d.path("item_coverage").asDouble(),
                            status,
                            ChineseLabels.status(status)));
        }
        bars.sort(
                Comparator.comparingDouble(DivisionBar::deptCoverage)
                        .thenComparingDouble(DivisionBar::itemCoverage)
                        .thenComparing(DivisionBar::code));
        return bars;
    }

    private static List<DeptRow> departments(JsonNode s) {
        Set<String> lagging = new LinkedHashSet<>();
        s.path("uncovered_depts").forEach(n -> lagging.add(n.asText()));
        Map<String, List<String>> missing = new TreeMap<>();
        for (JsonNode i : s.path("uncovered_items")) {
            missing.computeIfAbsent(i.path("dept_code").asText(), k -> new ArrayList<>())
                    .add(ChineseLabels.recordType(i.path("record_type").asText()));
        }
        List<DeptRow> rows = new ArrayList<>();
        for (JsonNode d : iterable(s.path("by_dept"))) {
            String code = d.path("dept_code").asText();
            boolean catalogued = d.path("catalogued").asBoolean();
            int covered = d.path("covered_items").asInt();
            int items = d.path("catalogued_items").asInt();
            String status =
                    !catalogued
                            ? "UNCATALOGUED"
                            : covered == 0 ? "UNCOVERED" : covered < items ? "PARTIAL" : "COVERED";
            String name = text(d.path("dept_name"));
            Map<String, Long> reasons = new TreeMap<>();
            d.path("rejected_by_reason")
                    .fields()
                    .forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
            rows.add(
                    new DeptRow(
                            code,
                            name,
                            name == null ? code : name,
                            text(d.path("division_code")),
                            catalogued,
                            d.path("received").asLong(),
                            d.path("accepted").asLong(),
                            d.path("rejected").asLong(),
                            d.path("duplicates").asLong(),
                            d.path("unified").asLong(),
                            d.path("non_person").asLong(),
                            d.path("linked").asLong(),
                            d.path("link_rate").isNumber() ? d.path("link_rate").asDouble() : null,
                            covered,
                            items,
                            items == 0 ? null : (double) covered / items,
                            status,
                            ChineseLabels.deptStatus(status),
                            lagging.contains(code),
                            0,
                            reasons,
                            missing.getOrDefault(code, List.of()),
                            rate(d.path("timeliness_rate"))));
        }
        rows.sort(
                Comparator.comparingInt(CoveragePageModel::rank)
                        .thenComparing(
                                r -> r.itemCoverage() == null ? 2.0 : r.itemCoverage(),
                                Comparator.naturalOrder())
                        .thenComparing(DeptRow::code));
        List<DeptRow> ordered = new ArrayList<>();
        for (DeptRow r : rows) {
            ordered.add(withOrder(r, ordered.size()));
        }
        return ordered;
    }

    /** Lagging first (the 通报's list), then partly covered, covered, uncatalogued. */
    private static int rank(DeptRow r) {
        if (r.lagging()) {
            return 0;
        }
        return switch (r.status()) {
            case "UNCOVERED" -> 0;
            case "PARTIAL" -> 1;
            case "COVERED" -> 2;
            default -> 3;
        };
    }

    private static Matrix matrix(List<DeptRow> rows, JsonNode s) {
        List<String> codes = new ArrayList<>(ChineseLabels.recordTypes().keySet());
        List<String> columns = new ArrayList<>(ChineseLabels.recordTypes().values());
        List<String> labels = new ArrayList<>();
        List<long[]> cells = new ArrayList<>();
        JsonNode byDept = s.path("by_dept");
        for (int y = 0; y < rows.size(); y++) {
            DeptRow r = rows.get(y);
            labels.add(r.label());
            JsonNode d = byDept.path(r.code());
            Set<String> catalogued = new LinkedHashSet<>();
            d.path("catalogued_types").forEach(n -> catalogued.add(n.asText()));
            JsonNode accepted = d.path("accepted_by_type");
            for (int x = 0; x < codes.size(); x++) {
                String type = codes.get(x);
                long n = accepted.path(type).asLong();
                int state = catalogued.contains(type) ? (n > 0 ? 2 : 1) : (n > 0 ? 3 : 0);
                cells.add(new long[] {x, y, state, n});
            }
        }
        return new Matrix(
                labels, columns, codes, cells, List.of("未列入目录", "目录内·未归集", "目录内·已归集", "目录外·有数据"));
    }

    private static DeptRow withOrder(DeptRow r, int order) {
        return new DeptRow(
                r.code(),
                r.name(),
                r.label(),
                r.division(),
                r.catalogued(),
                r.received(),
                r.accepted(),
                r.rejected(),
                r.duplicates(),
                r.unified(),
                r.nonPerson(),
                r.linked(),
                r.linkRate(),
                r.coveredItems(),
                r.cataloguedItems(),
                r.itemCoverage(),
                r.status(),
                r.statusLabel(),
                r.lagging(),
                order,
                r.rejectedByReason(),
                r.missingTypes(),
                r.timeliness());
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }

    private static Iterable<JsonNode> iterable(JsonNode objectOrArray) {
        return () -> {
            Iterator<JsonNode> it = objectOrArray.elements();
            return it;
        };
    }
}
