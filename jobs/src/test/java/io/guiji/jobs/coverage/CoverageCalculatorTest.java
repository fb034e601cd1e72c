package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CatalogItem;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.DeptStats;
import io.guiji.schemas.DivisionCoverage;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.internal.DeptCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Coverage against the resource catalogue (docs/contract.md §8), {@link CoverageCalculator}. */
class CoverageCalculatorTest {
    static final double TARGET = 0.95;
    static final String CHAOYANG = "211302";
    static final String LONGCHENG = "211303";

    /**
     * Market supervision (penalty, license) and environment (inspection) in 双塔区, tax (penalty) in
     * 龙城区. Market supervision has supplied licences; environment only penalties, a type not
     * catalogued for it; tax nothing. Statistics bureau supplied records but is not in the
     * catalogue.
     */
    static final List<CatalogEntry> CATALOG =
            List.of(
                    item("SCJG01", "市场监督管理局", CHAOYANG, RecordType.penalty),
                    item("SCJG01", "市场监督管理局", CHAOYANG, RecordType.license),
                    item("HBJ01", "生态环境局", CHAOYANG, RecordType.inspection),
                    item("SWJ01", "税务局", LONGCHENG, RecordType.penalty));

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
        c.put("", counters("", 2, 0, 2, 0, 0, 0, 0, Map.of(), Map.of("UNKNOWN_SOURCE", 2L)));
        return c;
    }

    @Test
    void aDepartmentIsCoveredOnlyByATypeCataloguedForIt() {
        CoverageSnapshot s = compute(CATALOG, counters());

        assertThat(s.getDeptCoverage())
                .as("SCJG01 of SCJG01, HBJ01, SWJ01")
                .isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.getUncoveredDepts())
                .as("HBJ01 sent penalties, but only inspections are catalogued for it")
                .containsExactly("HBJ01", "SWJ01");
        assertThat(s.getStatus()).isEqualTo("BELOW");
        assertThat(s.getTarget()).isEqualTo(TARGET);
    }

    /** What the coverage page's matrix and "why it lags" need, per department. */
    @Test
    void eachDepartmentCarriesItsCataloguedTypesAcceptedByTypeAndRejectedByReason() {
        CoverageSnapshot s = compute(CATALOG, counters());

        DeptStats scjg = s.getByDept().get("SCJG01");
        assertThat(scjg.getCataloguedTypes()).containsExactly("license", "penalty");
        assertThat(scjg.getAcceptedByType()).containsExactly(Map.entry("license", 8L));
        assertThat(scjg.getRejectedByReason()).containsExactly(Map.entry("MISSING_FIELD", 2L));
        DeptStats hbj = s.getByDept().get("HBJ01");
        assertThat(hbj.getCataloguedTypes()).containsExactly("inspection");
        assertThat(hbj.getAcceptedByType())
                .as("a type not catalogued for it still counts here")
                .containsExactly(Map.entry("penalty", 3L));
        DeptStats tjj = s.getByDept().get("TJJ01");
        assertThat(tjj.getCataloguedTypes()).as("not catalogued").isEmpty();
        assertThat(tjj.getRejectedByReason()).containsExactly(Map.entry("INVALID_DATE", 1L));
        assertThat(s.getByDept().get("SWJ01").getAcceptedByType()).isEmpty();
    }

    @Test
    void itemCoverageCountsDepartmentTypePairsWithAnAcceptedRecord() {
        CoverageSnapshot s = compute(CATALOG, counters());

        assertThat(s.getItemCoverage()).as("SCJG01×license of four items").isEqualTo(0.25);
        assertThat(s.getUncoveredItems())
                .as("sorted by department, then type")
                .containsExactly(
                        new CatalogItem("HBJ01", RecordType.inspection),
                        new CatalogItem("SCJG01", RecordType.penalty),
                        new CatalogItem("SWJ01", RecordType.penalty));
    }

    @Test
    void uncoveredListsAreSortedWhateverTheCatalogueOrder() {
        List<CatalogEntry> reversed = new ArrayList<>(CATALOG);
        Collections.reverse(reversed);

        assertThat(compute(reversed, counters())).isEqualTo(compute(CATALOG, counters()));
    }

    @Test
    void departmentsSupplyingRecordsButAbsentFromTheCatalogueAreListed() {
        CoverageSnapshot s = compute(CATALOG, counters());

        assertThat(s.getUncataloguedDepts())
                .as("the empty department (no path) is not a department")
                .containsExactly("TJJ01");
        DeptStats tjj = s.getByDept().get("TJJ01");
        assertThat(tjj.getCatalogued()).isFalse();
        assertThat(tjj.getCataloguedItems()).isZero();
        assertThat(tjj.getReceived()).isEqualTo(4);
        assertThat(s.getByDept()).doesNotContainKey("");
    }

    @Test
    void perDepartmentFiguresComeFromItsCounters() {
        CoverageSnapshot s = compute(CATALOG, counters());

        DeptStats scjg = s.getByDept().get("SCJG01");
        assertThat(scjg.getDeptName()).isEqualTo("市场监督管理局");
        assertThat(scjg.getDivisionCode()).isEqualTo(CHAOYANG);
        assertThat(scjg.getCatalogued()).isTrue();
        assertThat(scjg.getReceived()).isEqualTo(10);
        assertThat(scjg.getAccepted()).isEqualTo(8);
        assertThat(scjg.getRejected()).isEqualTo(2);
        assertThat(scjg.getDuplicates()).isEqualTo(1);
        assertThat(scjg.getUnified()).isEqualTo(7);
        assertThat(scjg.getNonPerson()).isEqualTo(6);
        assertThat(scjg.getLinked()).isEqualTo(5);
        assertThat(scjg.getLinkRate()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(scjg.getRecordTypes()).containsExactly("license");
        assertThat(scjg.getCoveredItems()).isEqualTo(1);
        assertThat(scjg.getCataloguedItems()).isEqualTo(2);

        DeptStats swj = s.getByDept().get("SWJ01");
        assertThat(swj.getReceived()).as("a catalogued department that sent nothing").isZero();
        assertThat(swj.getCoveredItems()).isZero();
        assertThat(swj.getCataloguedItems()).isEqualTo(1);
    }

    @Test
    void linkRateIsNullWhenADepartmentHasNoNonPersonRecords() {
        CoverageSnapshot s = compute(CATALOG, counters());

        assertThat(s.getByDept().get("HBJ01").getLinkRate()).as("only natural persons").isNull();
        assertThat(s.getByDept().get("SWJ01").getLinkRate()).as("no records").isNull();
    }

    @Test
    void figuresArePerDivision() {
        CoverageSnapshot s = compute(CATALOG, counters());

        assertThat(s.getByDivision()).containsOnlyKeys(CHAOYANG, LONGCHENG);
        DivisionCoverage chaoyang = s.getByDivision().get(CHAOYANG);
        assertThat(chaoyang)
                .isEqualTo(new DivisionCoverage(CHAOYANG, 2, 1, 3, 1, 0.5, 1.0 / 3, "BELOW"));
        DivisionCoverage longcheng = s.getByDivision().get(LONGCHENG);
        assertThat(longcheng)
                .isEqualTo(new DivisionCoverage(LONGCHENG, 1, 0, 1, 0, 0.0, 0.0, "BELOW"));
    }

    @Test
    void aCatalogueEntryWithoutDivisionCountsUnderUnknown() {
        List<CatalogEntry> catalog = List.of(item("GAJ01", "公安局", null, RecordType.coercion));
        Map<String, DeptCounters> c =
                Map.of(
                        "GAJ01",
                        counters("GAJ01", 1, 1, 0, 0, 1, 1, 1, Map.of("coercion", 1L), Map.of()));

        CoverageSnapshot s = compute(catalog, c);

        assertThat(s.getByDivision()).containsOnlyKeys(CoverageCalculator.UNKNOWN_DIVISION);
        assertThat(s.getByDivision().get(CoverageCalculator.UNKNOWN_DIVISION).getStatus())
                .isEqualTo("MET");
        assertThat(s.getDeptCoverage()).isEqualTo(1.0);
        assertThat(s.getStatus()).isEqualTo("MET");
    }

    @ParameterizedTest(name = "{0} of 20 departments covered, target {1} → {2}")
    @CsvSource({
        "19, 0.95, MET",
        "20, 0.95, MET",
        "18, 0.95, BELOW",
        "19, 0.96, BELOW",
        "14, 0.7, MET",
    })
    void statusIsMetFromExactlyTheTarget(int covered, double target, String status) {
        List<CatalogEntry> catalog = new ArrayList<>();
        Map<String, DeptCounters> c = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            String dept = String.format("D%02d", i);
            catalog.add(item(dept, "部门" + i, CHAOYANG, RecordType.penalty));
            if (i <= covered) {
                c.put(dept, counters(dept, 1, 1, 0, 0, 1, 1, 1, Map.of("penalty", 1L), Map.of()));
            }
        }

        CoverageSnapshot s =
                CoverageCalculator.compute(catalog, c, target, "all-input", "2024-07-01T00:00:00");

        assertThat(s.getDeptCoverage()).isEqualTo(covered / 20.0);
        assertThat(s.getStatus()).isEqualTo(status);
        assertThat(s.getByDivision().get(CHAOYANG).getStatus()).isEqualTo(status);
    }

    @Test
    void anEmptyCatalogueGivesZeroCoverage() {
        CoverageSnapshot s = compute(List.of(), counters());

        assertThat(s.getDeptCoverage()).isEqualTo(0.0);
        assertThat(s.getItemCoverage()).isEqualTo(0.0);
        assertThat(s.getStatus()).isEqualTo("BELOW");
        assertThat(s.getUncoveredDepts()).isEmpty();
        assertThat(s.getUncoveredItems()).isEmpty();
        assertThat(s.getByDivision()).isEmpty();
        assertThat(s.getUncataloguedDepts()).containsExactly("HBJ01", "SCJG01", "TJJ01");
    }

    @Test
    void deletedCatalogueEntriesDoNotCount() {
        List<CatalogEntry> catalog = new ArrayList<>(CATALOG);
        catalog.add(
                CatalogEntry.newBuilder(item("HBJ01", "生态环境局", CHAOYANG, RecordType.penalty))
                        .setDeleted(true)
                        .build());

        CoverageSnapshot s = compute(catalog, counters());

        assertThat(s.getUncoveredDepts()).contains("HBJ01");
        assertThat(s.getItemCoverage()).isEqualTo(0.25);
    }

    @Test
    void totalsAddUpEveryDepartmentIncludingTheUnnamedOne() {
        CoverageSnapshot s = compute(CATALOG, counters());

        assertThat(s.getTotals().getReceived()).isEqualTo(19);
        assertThat(s.getTotals().getAccepted()).isEqualTo(14);
        assertThat(s.getTotals().getRejected()).isEqualTo(5);
        assertThat(s.getTotals().getDuplicates()).isEqualTo(1);
        assertThat(s.getTotals().getUnified()).isEqualTo(13);
        assertThat(s.getTotals().getNonPerson()).isEqualTo(9);
        assertThat(s.getTotals().getLinked()).isEqualTo(6);
        assertThat(s.getTotals().getRejectedByReason())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("MISSING_FIELD", 2L, "INVALID_DATE", 1L, "UNKNOWN_SOURCE", 2L));
        assertThat(s.getPeriod()).isEqualTo("all-input");
        assertThat(s.getGeneratedAt()).isEqualTo("2024-07-01T00:00:00");
    }

    // ---------------------------------------------------------------- helpers

    static CoverageSnapshot compute(
            List<CatalogEntry> catalog, Map<String, DeptCounters> counters) {
        return CoverageCalculator.compute(
                catalog, counters, TARGET, "all-input", "2024-07-01T00:00:00");
    }

    static CatalogEntry item(String dept, String name, String division, RecordType type) {
        return CatalogEntry.newBuilder()
                .setDeptCode(dept)
                .setDeptName(name)
                .setDivisionCode(division)
                .setRecordType(type)
                .setUpdateCycle("每月")
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
