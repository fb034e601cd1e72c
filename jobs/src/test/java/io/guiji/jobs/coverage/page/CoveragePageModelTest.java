package io.guiji.jobs.coverage.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.json.OutputJson;
import io.guiji.jobs.coverage.CoverageCalculator;
import io.guiji.jobs.coverage.page.CoveragePage.DeptRow;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.internal.DeptCounters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The coverage page's model against the snapshot it is computed from, in the JSON form of {@code
 * coverage.json}: every figure the page shows must be that file's.
 */
class CoveragePageModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TARGET = 0.95;

    /**
     * Market supervision covers one of its two items, environment none (it sent only a type not
     * catalogued for it), tax nothing at all; statistics supplies records without being catalogued.
     */
    static final List<CatalogEntry> CATALOG =
            List.of(
                    item("SCJG01", "市场监督管理局", "211302", RecordType.penalty),
                    item("SCJG01", "市场监督管理局", "211302", RecordType.license),
                    item("HBJ01", "生态环境局", "211302", RecordType.inspection),
                    item("SWJ01", null, "211303", RecordType.penalty));

    static Map<String, DeptCounters> counters() {
        Map<String, DeptCounters> c = new HashMap<>();
        c.put(
                "SCJG01",
                counters(
                        "SCJG01",
                        10,
                        8,
                        2,
                        1,
                        7,
                        6,
                        5,
                        Map.of("license", 8L),
                        Map.of("MISSING_FIELD", 2L)));
        c.put("HBJ01", counters("HBJ01", 3, 3, 0, 0, 3, 0, 0, Map.of("penalty", 3L), Map.of()));
        c.put(
                "TJJ01",
                counters(
                        "TJJ01",
                        4,
                        3,
                        1,
                        0,
                        3,
                        3,
                        1,
                        Map.of("penalty", 3L),
                        Map.of("INVALID_DATE", 1L)));
        return c;
    }

    @Test
    void theHeadlineIsTheSnapshots() throws IOException {
        JsonNode json = json(CoverageCalculator.compute(CATALOG, counters(), TARGET, "2026", "t"));
        CoveragePage.Headline h = CoveragePageModel.of(json).headline();

        assertThat(h.deptCoverage()).isEqualTo(json.get("dept_coverage").asDouble());
        assertThat(h.itemCoverage()).isEqualTo(json.get("item_coverage").asDouble());
        assertThat(h.target()).isEqualTo(TARGET);
        assertThat(h.status()).isEqualTo("BELOW").isEqualTo(json.get("status").asText());
        assertThat(h.statusLabel()).isEqualTo("未达标");
        assertThat(h.coveredDepts()).as("SCJG01").isEqualTo(1);
        assertThat(h.depts()).isEqualTo(3);
        assertThat(h.coveredItems()).isEqualTo(1);
        assertThat(h.items()).isEqualTo(4);
        assertThat(h.laggingDepts()).as("HBJ01, SWJ01").isEqualTo(2);
        assertThat(h.uncataloguedDepts()).as("TJJ01").isEqualTo(1);
        assertThat(h.received()).isEqualTo(17);
        assertThat(h.linkRate()).as("(5 + 1) / (6 + 3)").isCloseTo(6.0 / 9, within(1e-12));
        assertThat(h.periodLabel()).isEqualTo("2026 年度");
    }

    @Test
    void laggingDepartmentsComeFirstThenPartlyCoveredThenUncatalogued() throws IOException {
        JsonNode json = json(CoverageCalculator.compute(CATALOG, counters(), TARGET, "2026", "t"));
        List<DeptRow> rows = CoveragePageModel.of(json).departments();

        assertThat(rows)
                .extracting(DeptRow::code)
                .containsExactly("HBJ01", "SWJ01", "SCJG01", "TJJ01");
        assertThat(rows).extracting(DeptRow::order).containsExactly(0, 1, 2, 3);
        assertThat(rows).extracting(DeptRow::lagging).containsExactly(true, true, false, false);
        assertThat(rows)
                .extracting(DeptRow::status)
                .containsExactly("UNCOVERED", "UNCOVERED", "PARTIAL", "UNCATALOGUED");
        assertThat(rows.get(1).label()).as("no name in the catalogue: the code").isEqualTo("SWJ01");
        assertThat(rows.get(2).label()).isEqualTo("市场监督管理局");
        assertThat(rows.get(2).missingTypes()).containsExactly("行政处罚");
        assertThat(rows.get(2).rejectedByReason()).containsExactly(Map.entry("MISSING_FIELD", 2L));
        assertThat(rows.get(0).missingTypes()).containsExactly("行政检查");
    }

    @Test
    void theMatrixMarksGapsCoveredItemsAndUncataloguedData() throws IOException {
        JsonNode json = json(CoverageCalculator.compute(CATALOG, counters(), TARGET, "2026", "t"));
        CoveragePage page = CoveragePageModel.of(json);
        CoveragePage.Matrix m = page.matrix();

        assertThat(m.columns()).containsExactly("行政许可", "行政检查", "行政处罚", "行政强制", "司法信息", "失信名单");
        assertThat(m.rows()).containsExactly("生态环境局", "SWJ01", "市场监督管理局", "TJJ01");
        assertThat(cell(m, "生态环境局", "行政检查")).containsExactly(1, 0, 1, 0);
        assertThat(cell(m, "生态环境局", "行政处罚"))
                .as("sent but not catalogued")
                .containsExactly(2, 0, 3, 3);
        assertThat(cell(m, "市场监督管理局", "行政许可")).containsExactly(0, 2, 2, 8);
        assertThat(cell(m, "市场监督管理局", "行政处罚")).containsExactly(2, 2, 1, 0);
        assertThat(cell(m, "TJJ01", "行政处罚")).containsExactly(2, 3, 3, 3);
        assertThat(cell(m, "SWJ01", "行政许可")).containsExactly(0, 1, 0, 0);
    }

    @Test
    void divisionsAreSortedByCoverageLowestFirst() throws IOException {
        JsonNode json = json(CoverageCalculator.compute(CATALOG, counters(), TARGET, "2026", "t"));
        List<CoveragePage.DivisionBar> bars = CoveragePageModel.of(json).divisions();

        assertThat(bars)
                .extracting(CoveragePage.DivisionBar::code)
                .containsExactly("211303", "211302");
        assertThat(bars.get(1).deptCoverage())
                .isEqualTo(json.at("/by_division/211302/dept_coverage").asDouble())
                .isEqualTo(0.5);
        assertThat(bars.get(0).statusLabel()).isEqualTo("未达标");
    }

    /** Any catalogue and counters: each figure of the page is the snapshot's. */
    @Property(tries = 200)
    void everyFigureOfThePageIsTheSnapshots(@ForAll("inputs") Input in) throws IOException {
        JsonNode json =
                json(CoverageCalculator.compute(in.catalog(), in.counters(), 0.8, "2026", "t"));
        CoveragePage page = CoveragePageModel.of(json);

        CoveragePage.Headline h = page.headline();
        assertThat(h.deptCoverage()).isEqualTo(json.get("dept_coverage").asDouble());
        assertThat(h.itemCoverage()).isEqualTo(json.get("item_coverage").asDouble());
        assertThat(h.status()).isEqualTo(json.get("status").asText());
        assertThat(h.depts() == 0 ? 0.0 : (double) h.coveredDepts() / h.depts())
                .isCloseTo(h.deptCoverage(), within(1e-12));
        assertThat(h.items() == 0 ? 0.0 : (double) h.coveredItems() / h.items())
                .isCloseTo(h.itemCoverage(), within(1e-12));
        assertThat(h.laggingDepts()).isEqualTo(json.get("uncovered_depts").size());
        assertThat(h.accepted()).isEqualTo(json.at("/totals/accepted").asLong());

        assertThat(page.departments()).hasSize(json.get("by_dept").size());
        boolean seenNotLagging = false;
        for (DeptRow r : page.departments()) {
            JsonNode d = json.get("by_dept").get(r.code());
            assertThat(r.received()).isEqualTo(d.get("received").asLong());
            assertThat(r.accepted()).isEqualTo(d.get("accepted").asLong());
            assertThat(r.rejected()).isEqualTo(d.get("rejected").asLong());
            assertThat(r.duplicates()).isEqualTo(d.get("duplicates").asLong());
            assertThat(r.linkRate() == null).isEqualTo(d.get("link_rate").isNull());
            if (r.linkRate() != null) {
                assertThat(r.linkRate()).isEqualTo(d.get("link_rate").asDouble());
            }
            assertThat(r.rejectedByReason().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(r.rejected());
            assertThat(!r.lagging() || !seenNotLagging).as("lagging first").isTrue();
            seenNotLagging |= !r.lagging();
        }

        long coveredCells = page.matrix().cells().stream().filter(c -> c[2] == 2).count();
        long gapCells = page.matrix().cells().stream().filter(c -> c[2] == 1).count();
        assertThat(coveredCells).isEqualTo(h.coveredItems());
        assertThat(gapCells).isEqualTo(json.get("uncovered_items").size());

        assertThat(page.divisions()).hasSize(json.get("by_division").size());
        for (int i = 1; i < page.divisions().size(); i++) {
            assertThat(page.divisions().get(i).deptCoverage())
                    .isGreaterThanOrEqualTo(page.divisions().get(i - 1).deptCoverage());
        }
    }

    @Test
    void thePageCarriesTheModelAsJsonAndEChartsAndNothingFromTheNetwork() throws IOException {
        List<CatalogEntry> catalog = new ArrayList<>(CATALOG);
        catalog.add(
                item("X01", "</script><script>alert(1)</script>", "211302", RecordType.judicial));
        JsonNode json = json(CoverageCalculator.compute(catalog, counters(), TARGET, "2026", "t"));
        CoveragePage page = CoveragePageModel.of(json);

        String html = CoveragePageHtml.render(page);

        assertThat(html).contains("echarts").contains("Apache Software Foundation");
        assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?https?:");
        assertThat(html)
                .as("the name cannot close the data island")
                .doesNotContain("</script><script>alert");
        Matcher island =
                Pattern.compile(
                                "<script type=\"application/json\" id=\"guiji-data\">(.*?)</script>",
                                Pattern.DOTALL)
                        .matcher(html);
        assertThat(island.find()).isTrue();
        JsonNode data = JSON.readTree(island.group(1));
        assertThat(data).isEqualTo(JSON.readTree(JSON.writeValueAsString(page)));
        assertThat(data.get("departments").findValuesAsText("name"))
                .contains("</script><script>alert(1)</script>");
        assertThat(html).contains("var LIVE = null;");
        assertThat(CoveragePageHtml.render(page, "coverage.json", 5000))
                .contains("var LIVE = {\"url\": \"coverage.json\", \"refreshMillis\": 5000};");
    }

    @Test
    void pagesRenderedAtOnceByManyThreadsAreTheSame() throws Exception {
        CoveragePage page =
                CoveragePageModel.of(
                        json(CoverageCalculator.compute(CATALOG, counters(), TARGET, "2026", "t")));
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> pages = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pages.add(pool.submit(() -> CoveragePageHtml.render(page)));
            }
            String first = pages.get(0).get();
            assertThat(first).contains("echarts").contains("var LIVE = null;");
            for (java.util.concurrent.Future<String> p : pages) {
                assertThat(p.get()).isEqualTo(first);
            }
            assertThat(CoveragePageHtml.render(page)).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static long[] cell(CoveragePage.Matrix m, String row, String column) {
        int y = m.rows().indexOf(row);
        int x = m.columns().indexOf(column);
        return m.cells().stream().filter(c -> c[0] == x && c[1] == y).findFirst().orElseThrow();
    }

    static JsonNode json(CoverageSnapshot s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = OutputJson.generator(out)) {
            OutputJson.write(g, s);
        }
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    record Input(List<CatalogEntry> catalog, Map<String, DeptCounters> counters) {}

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<String> dept = Arbitraries.of("A01", "B02", "C03", "D04", "E05", "F06");
        Arbitrary<RecordType> type = Arbitraries.of(RecordType.class);
        Arbitrary<String> division = Arbitraries.of("211302", "211303", null);
        Arbitrary<List<CatalogEntry>> catalog =
                Combinators.combine(dept, division, type)
                        .as((d, div, t) -> item(d, d.startsWith("A") ? null : "部门" + d, div, t))
                        .list()
                        .ofMaxSize(12);
        Arbitrary<DeptCounters> counter =
                Combinators.combine(
                                dept,
                                type.list().ofMaxSize(3),
                                Arbitraries.longs().between(0, 5),
                                Arbitraries.longs().between(0, 5),
                                Arbitraries.longs().between(0, 5))
                        .as(
                                (d, types, rejected, nonPerson, linked) -> {
                                    Map<String, Long> byType = new HashMap<>();
                                    types.forEach(t -> byType.merge(t.name(), 1L, Long::sum));
                                    long accepted =
                                            byType.values().stream().mapToLong(x -> x).sum();
                                    return counters(
                                            d,
                                            accepted + rejected,
                                            accepted,
                                            rejected,
                                            0,
                                            accepted,
                                            nonPerson,
                                            Math.min(linked, nonPerson),
                                            byType,
                                            rejected == 0
                                                    ? Map.of()
                                                    : Map.of("MALFORMED", rejected));
                                });
        Arbitrary<Map<String, DeptCounters>> counters =
                counter.list()
                        .ofMaxSize(6)
                        .map(
                                l -> {
                                    Map<String, DeptCounters> m = new HashMap<>();
                                    l.forEach(c -> m.put(c.getDeptCode(), c));
                                    return m;
                                });
        return Combinators.combine(catalog, counters).as(Input::new);
    }

    static CatalogEntry item(String dept, String name, String division, RecordType type) {
        return CatalogEntry.newBuilder()
                .setDeptCode(dept)
                .setDeptName(name)
                .setDivisionCode(division)
                .setRecordType(type)
                .build();
    }

    static DeptCounters counters(
            String dept,
            long received,
            long accepted,
            long rejected,
            long duplicates,
            long unified,
            long nonPerson,
            long linked,
            Map<String, Long> acceptedByType,
            Map<String, Long> rejectedByReason) {
        return new DeptCounters(
                dept,
                received,
                accepted,
                rejected,
                duplicates,
                unified,
                nonPerson,
                linked,
                new HashMap<>(acceptedByType),
                new HashMap<>(rejectedByReason),
                0L,
                0L,
                0L,
                0L);
    }
}
