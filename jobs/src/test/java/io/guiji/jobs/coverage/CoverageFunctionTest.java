package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.internal.DeptCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Harness tests of {@link CoverageFunction}'s own contract: it keeps the catalogue and each
 * department's latest counters, and publishes {@link CoverageCalculator}'s snapshot of them once at
 * the end of input ({@link EmitMode#FINAL}) or, streaming, at most once per interval and only when
 * the snapshot changed ({@link EmitMode#CHANGES}); a snapshot it cannot compute is not published
 * and the next change tries again. The figures themselves are {@link CoverageCalculatorTest}'s.
 */
class CoverageFunctionTest {
    static final long INTERVAL = 10_000L;
    static final double TARGET = 0.95;
    static final String PERIOD = "2026";

    static final CatalogEntry MARKET_PENALTY = item("SCJG01", "市场监督管理局", RecordType.penalty);
    static final CatalogEntry MARKET_LICENSE = item("SCJG01", "市场监督管理局", RecordType.license);
    static final CatalogEntry ENVIRONMENT_INSPECTION =
            item("HBJ01", "生态环境局", RecordType.inspection);
    static final List<CatalogEntry> CATALOGUE =
            List.of(MARKET_PENALTY, MARKET_LICENSE, ENVIRONMENT_INSPECTION);

    /** Market supervision sent two penalties and a rejected row: it covers one of its two items. */
    static final DeptCounters MARKET_TWO_PENALTIES =
            counters("SCJG01", 3, 2, Map.of("penalty", 2L));

    /** Environment sent one row, rejected: catalogued, not covered. */
    static final DeptCounters ENVIRONMENT_NOTHING_ACCEPTED = counters("HBJ01", 1, 0, Map.of());

    static final List<DeptCounters> COUNTERS =
            List.of(MARKET_TWO_PENALTIES, ENVIRONMENT_NOTHING_ACCEPTED);

    private KeyedTwoInputStreamOperatorTestHarness<
                    Integer, CatalogEntry, DeptCounters, CoverageSnapshot>
            harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** The order in which the catalogue and the counters reach the function. */
    enum Arrival {
        CATALOGUE_FIRST,
        COUNTERS_FIRST,
        INTERLEAVED
    }

    static Stream<Arguments> modesAndArrivals() {
        return Stream.of(EmitMode.values())
                .flatMap(m -> Stream.of(Arrival.values()).map(a -> Arguments.of(m, a)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modesAndArrivals")
    void publishesTheCalculatorsSnapshotOfTheCatalogueAndCountersWhateverTheirOrder(
            EmitMode mode, Arrival arrival) throws Exception {
        open(mode);
        switch (arrival) {
            case CATALOGUE_FIRST -> {
                sendCatalogue(CATALOGUE);
                sendCounters(COUNTERS);
            }
            case COUNTERS_FIRST -> {
                sendCounters(COUNTERS);
                sendCatalogue(CATALOGUE);
            }
            case INTERLEAVED -> {
                harness.processElement2(copy(ENVIRONMENT_NOTHING_ACCEPTED), 0L);
                harness.processElement1(copy(MARKET_LICENSE), 0L);
                harness.processElement2(copy(MARKET_TWO_PENALTIES), 0L);
                harness.processElement1(copy(ENVIRONMENT_INSPECTION), 0L);
                harness.processElement1(copy(MARKET_PENALTY), 0L);
            }
        }
        assertThat(harness.extractOutputValues())
                .as("nothing before the end of input or of the interval")
                .isEmpty();

        settle(mode, 1);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(withoutTime(s)).isEqualTo(expected(CATALOGUE, COUNTERS));
                            assertThat(s.getDeptCoverage()).isEqualTo(0.5);
                            assertThat(s.getUncoveredDepts()).containsExactly("HBJ01");
                            assertThat(s.getPeriod()).isEqualTo(PERIOD);
                            assertThat(s.getGeneratedAt())
                                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
                        });
        assertThat(harness.numEventTimeTimers()).as("no timer left").isZero();
        assertThat(harness.numProcessingTimeTimers()).as("no timer left").isZero();
    }

    @Test
    void finalModeKeepsOneTimerAtTheEndOfInputHoweverManyInputsArrive() throws Exception {
        open(EmitMode.FINAL);
        sendCatalogue(CATALOGUE);
        sendCounters(COUNTERS);
        sendCounters(COUNTERS);

        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE - 1));
        assertThat(harness.extractOutputValues()).as("only the end of input publishes").isEmpty();

        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void changesModePublishesAtMostOncePerIntervalAndOnlyWhenTheSnapshotChanged() throws Exception {
        open(EmitMode.CHANGES);
        harness.setProcessingTime(0L);
        sendCatalogue(CATALOGUE);
        sendCounters(COUNTERS);
        assertThat(harness.numProcessingTimeTimers())
                .as("one pending snapshot, however many inputs")
                .isEqualTo(1);

        harness.setProcessingTime(INTERVAL - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(INTERVAL);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).isZero();

        // The same counters again: the snapshot would differ only in its time, so it is not
        // published.
        sendCounters(COUNTERS);
        harness.setProcessingTime(3 * INTERVAL);
        assertThat(harness.extractOutputValues()).as("unchanged, not published again").hasSize(1);
        assertThat(harness.numProcessingTimeTimers()).isZero();

        // Environment supplies an inspection: a new snapshot, one interval after the change.
        harness.processElement2(counters("HBJ01", 2, 1, Map.of("inspection", 1L)), 0L);
        harness.setProcessingTime(4 * INTERVAL - 1);
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setProcessingTime(4 * INTERVAL);
        assertThat(harness.extractOutputValues()).hasSize(2);
        CoverageSnapshot latest = harness.extractOutputValues().get(1);
        assertThat(latest.getDeptCoverage()).isEqualTo(1.0);
        assertThat(latest.getStatus()).isEqualTo("MET");
        assertThat(latest.getUncoveredDepts()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EmitMode.class)
    void aDepartmentsLatestCountersReplaceItsEarlierOnesAndAreNotAddedToThem(EmitMode mode)
            throws Exception {
        open(mode);
        sendCatalogue(CATALOGUE);
        harness.processElement2(counters("SCJG01", 1, 1, Map.of("penalty", 1L)), 0L);
        harness.processElement2(copy(MARKET_TWO_PENALTIES), 0L);

        settle(mode, 1);

        CoverageSnapshot s = harness.extractOutputValues().get(0);
        assertThat(s.getTotals().getReceived()).isEqualTo(3);
        assertThat(s.getTotals().getAccepted()).isEqualTo(2);
        assertThat(s.getByDept().get("SCJG01").getReceived()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(EmitMode.class)
    void aDeletedCatalogueEntryWithdrawsItsItem(EmitMode mode) throws Exception {
        open(mode);
        sendCatalogue(CATALOGUE);
        sendCounters(COUNTERS);
        CatalogEntry withdrawn = copy(ENVIRONMENT_INSPECTION);
        withdrawn.setDeleted(true);
        harness.processElement1(withdrawn, 0L);

        settle(mode, 1);

        CoverageSnapshot s = harness.extractOutputValues().get(0);
        assertThat(withoutTime(s))
                .isEqualTo(expected(List.of(MARKET_PENALTY, MARKET_LICENSE), COUNTERS));
        assertThat(s.getDeptCoverage())
                .as("only SCJG01 is catalogued now, and covered")
                .isEqualTo(1.0);
        assertThat(s.getUncataloguedDepts()).as("HBJ01 still sent a row").containsExactly("HBJ01");
    }

    @Test
    void aDeletionAfterASnapshotIsPublishedInTheNextOne() throws Exception {
        open(EmitMode.CHANGES);
        harness.setProcessingTime(0L);
        sendCatalogue(CATALOGUE);
        sendCounters(COUNTERS);
        harness.setProcessingTime(INTERVAL);

        CatalogEntry withdrawn = copy(MARKET_LICENSE);
        withdrawn.setDeleted(true);
        harness.processElement1(withdrawn, 0L);
        harness.setProcessingTime(2 * INTERVAL);

        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.extractOutputValues().get(0).getItemCoverage()).isEqualTo(1.0 / 3);
        assertThat(harness.extractOutputValues().get(1).getItemCoverage()).isEqualTo(1.0 / 2);
    }

    @ParameterizedTest
    @EnumSource(EmitMode.class)
    void ofTwoEntriesForOneItemTheSameOneIsKeptWhicheverCameFirst(EmitMode mode) throws Exception {
        CatalogEntry official = item("HBJ01", "朝阳市生态环境局", RecordType.inspection);
        CatalogEntry shortName = item("HBJ01", "生态环境局", RecordType.inspection);

        String officialFirst = keptName(mode, official, shortName);
        String shortNameFirst = keptName(mode, shortName, official);

        assertThat(officialFirst).isIn("朝阳市生态环境局", "生态环境局").isEqualTo(shortNameFirst);
    }

    private String keptName(EmitMode mode, CatalogEntry first, CatalogEntry second)
            throws Exception {
        open(mode);
        try {
            harness.processElement1(copy(first), 0L);
            harness.processElement1(copy(second), 0L);
            settle(mode, 1);
            assertThat(harness.extractOutputValues()).hasSize(1);
            return harness.extractOutputValues().get(0).getByDept().get("HBJ01").getDeptName();
        } finally {
            harness.close();
            harness = null;
        }
    }

    @Test
    void aSnapshotThatCannotBeComputedIsNotPublishedAndTheLastOneStandsUntilTheNextChange()
            throws Exception {
        open(EmitMode.CHANGES);
        harness.setProcessingTime(0L);
        sendCatalogue(CATALOGUE);
        sendCounters(COUNTERS);
        harness.setProcessingTime(INTERVAL);
        assertThat(harness.extractOutputValues()).hasSize(1);

        harness.processElement2(unsummable("SCJG01"), 0L);
        harness.setProcessingTime(2 * INTERVAL);
        assertThat(harness.extractOutputValues()).as("not published, the job goes on").hasSize(1);
        assertThat(harness.numProcessingTimeTimers())
                .as("nothing retried until something changes")
                .isZero();

        harness.processElement2(counters("SCJG01", 4, 3, Map.of("penalty", 2L, "license", 1L)), 0L);
        harness.setProcessingTime(3 * INTERVAL);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.extractOutputValues().get(1).getItemCoverage()).isEqualTo(2.0 / 3);
    }

    @Test
    void aBoundedRunWhoseSnapshotCannotBeComputedPublishesNone() throws Exception {
        open(EmitMode.FINAL);
        sendCatalogue(CATALOGUE);
        harness.processElement2(unsummable("SCJG01"), 0L);

        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    // ---------------------------------------------------------------- fixtures and helpers

    static CatalogEntry item(String dept, String name, RecordType type) {
        return CatalogEntry.newBuilder()
                .setDeptCode(dept)
                .setDeptName(name)
                .setDivisionCode("211302")
                .setRecordType(type)
                .setDeleted(false)
                .build();
    }

    static DeptCounters counters(
            String dept, long received, long accepted, Map<String, Long> acceptedByType) {
        return DeptCounters.newBuilder()
                .setDeptCode(dept)
                .setReceived(received)
                .setAccepted(accepted)
                .setRejected(received - accepted)
                .setAcceptedByType(acceptedByType)
                .setRejectedByReason(
                        received > accepted
                                ? Map.of("MISSING_FIELD", received - accepted)
                                : Map.of())
                .build();
    }

    /** Counters whose per-reason map holds no number: adding them up to the totals fails. */
    static DeptCounters unsummable(String dept) {
        Map<String, Long> broken = new HashMap<>();
        broken.put("MISSING_FIELD", null);
        DeptCounters c = counters(dept, 1, 0, Map.of());
        c.setRejectedByReason(broken);
        return c;
    }

    private void open(EmitMode mode) throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new CoverageFunction(
                                        mode, TARGET, PERIOD, INTERVAL, "Asia/Shanghai")),
                        new CoverageKey<>(),
                        new CoverageKey<>(),
                        Types.INT);
        harness.open();
        harness.setProcessingTime(0L);
    }

    /** Lets the function publish: the end of input (FINAL) or the end of an interval (CHANGES). */
    private void settle(EmitMode mode, int intervals) throws Exception {
        if (mode == EmitMode.FINAL) {
            harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        } else {
            harness.setProcessingTime(harness.getProcessingTime() + intervals * INTERVAL);
        }
    }

    private void sendCatalogue(List<CatalogEntry> entries) throws Exception {
        for (CatalogEntry e : entries) {
            harness.processElement1(copy(e), 0L);
        }
    }

    private void sendCounters(List<DeptCounters> counters) throws Exception {
        for (DeptCounters c : counters) {
            harness.processElement2(DeptCounters.newBuilder(c).build(), 0L);
        }
    }

    private static CatalogEntry copy(CatalogEntry e) {
        return CatalogEntry.newBuilder(e).build();
    }

    private static DeptCounters copy(DeptCounters c) {
        return DeptCounters.newBuilder(c).build();
    }

    private static CoverageSnapshot expected(
            List<CatalogEntry> catalogue, List<DeptCounters> counters) {
        Map<String, DeptCounters> byDept = new HashMap<>();
        counters.forEach(c -> byDept.put(c.getDeptCode(), c));
        return CoverageCalculator.compute(
                new ArrayList<>(catalogue),
                byDept,
                TARGET,
                CoveragePeriod.parse(PERIOD),
                TimelinessRule.defaults(),
                "-");
    }

    private static CoverageSnapshot withoutTime(CoverageSnapshot s) {
        return CoverageSnapshot.newBuilder(s).setGeneratedAt("-").build();
    }
}
