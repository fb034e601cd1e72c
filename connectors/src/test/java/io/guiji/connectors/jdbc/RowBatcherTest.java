package io.guiji.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link RowBatcher}: every row sent once, in order, in lists of at most the
 * maximum, none held across a checkpoint barrier or the end of input, a partial list sent when its
 * interval has passed, and a row Flink may reuse copied before it is kept.
 */
class RowBatcherTest {
    /** A mutable Flink POJO, as a reused input object would be. */
    public static class Row {
        public String value;

        public Row() {}

        Row(String value) {
            this.value = value;
        }
    }

    private static final long INTERVAL = 200;

    @Property(tries = 300)
    void everyRowIsSentOnceInOrderAndNoneIsHeldAcrossABarrier(
            @ForAll("actions") List<Integer> actions, @ForAll @IntRange(min = 1, max = 5) int max)
            throws Exception {
        List<String> sent = new ArrayList<>();
        try (OneInputStreamOperatorTestHarness<Row, List<Row>> h = harness(max, false)) {
            long now = 0;
            int next = 0;
            for (int a : actions) {
                if (a == BARRIER) {
                    h.prepareSnapshotPreBarrier(next);
                    assertThat(values(h))
                            .as("all rows before the barrier are out")
                            .containsExactlyElementsOf(sent);
                } else if (a == TIME) {
                    now += INTERVAL / 2;
                    h.setProcessingTime(now);
                } else {
                    String v = "r" + next++;
                    sent.add(v);
                    h.processElement(new Row(v), 0);
                }
            }
            h.endInput();
            assertThat(values(h)).containsExactlyElementsOf(sent);
            for (List<Row> list : h.extractOutputValues()) {
                assertThat(list).isNotEmpty().hasSizeLessThanOrEqualTo(max);
            }
        }
    }

    @Test
    void aPartialListIsSentOnceItsIntervalHasPassed() throws Exception {
        try (OneInputStreamOperatorTestHarness<Row, List<Row>> h = harness(500, false)) {
            h.setProcessingTime(1_000);
            h.processElement(new Row("a"), 0);
            h.setProcessingTime(1_000 + INTERVAL - 1);
            h.processElement(new Row("b"), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(1_000 + INTERVAL);
            assertThat(values(h)).containsExactly("a", "b");
            h.processElement(new Row("c"), 0);
            h.setProcessingTime(1_000 + 2 * INTERVAL);
            assertThat(values(h)).containsExactly("a", "b", "c");
        }
    }

    @Test
    void aRowIsCopiedBeforeItIsKeptWhenFlinkReusesObjects() throws Exception {
        for (boolean reuse : new boolean[] {false, true}) {
            try (OneInputStreamOperatorTestHarness<Row, List<Row>> h = harness(2, reuse)) {
                Row reused = new Row("a");
                h.processElement(reused, 0);
                reused.value = "b";
                h.processElement(reused, 0);
                assertThat(values(h))
                        .as("object reuse %s", reuse)
                        .containsExactlyElementsOf(reuse ? List.of("a", "b") : List.of("b", "b"));
            }
        }
    }

    @Test
    void aListHoldsARowAndWaitsAMillisecondAtLeast() {
        assertThat(
                        List.of(
                                (Runnable) () -> new RowBatcher<Row>(0, 10),
                                () -> new RowBatcher<Row>(10, 0)))
                .allSatisfy(
                        r ->
                                assertThatThrownBy(r::run)
                                        .isInstanceOf(IllegalArgumentException.class));
    }

    // ------------------------------------------------------------------ fixtures

    private static final int BARRIER = -1;
    private static final int TIME = -2;

    @Provide
    Arbitrary<List<Integer>> actions() {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.just(0)),
                        Tuple.of(1, Arbitraries.just(BARRIER)),
                        Tuple.of(2, Arbitraries.just(TIME)))
                .list()
                .ofMaxSize(60);
    }

    private static OneInputStreamOperatorTestHarness<Row, List<Row>> harness(
            int max, boolean objectReuse) throws Exception {
        OneInputStreamOperatorTestHarness<Row, List<Row>> h =
                new OneInputStreamOperatorTestHarness<>(
                        new RowBatcher<>(max, INTERVAL),
                        TypeInformation.of(Row.class).createSerializer(new SerializerConfigImpl()));
        if (objectReuse) {
            h.getExecutionConfig().enableObjectReuse();
        }
        h.open();
        return h;
    }

    private static List<String> values(OneInputStreamOperatorTestHarness<Row, List<Row>> h) {
        List<String> out = new ArrayList<>();
        for (List<Row> list : h.extractOutputValues()) {
            for (Row r : list) {
                out.add(r.value);
            }
        }
        return out;
    }
}
