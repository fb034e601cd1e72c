package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.OperatorMetrics;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.normalize.HostileText;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * Generated input for {@link RecordParseFunction} in a harness: whatever the rows hold (any path,
 * header, values, raw text, reader error, a stage failed before, or a normalizer that throws on
 * them), the parser never throws, every row leaves exactly once — accepted or rejected — with
 * exactly one delta that says which, its counters add up, and every rejection can be published.
 * {@link RecordNormalizerPropertiesTest} covers what the normalizer makes of a single row.
 */
class RecordParseFunctionPropertiesTest {

    /** A row and what happens to it before the parser's own code sees it. */
    record Case(RawRow row, Fate fate) {}

    enum Fate {
        /** Normalized as in production. */
        NORMAL,
        /** An earlier stage failed on it ({@link RawRow#failedAt}). */
        FAILED_BEFORE,
        /** The normalizer throws on it. */
        NORMALIZER_THROWS
    }

    @Provide
    Arbitrary<List<Case>> batches() {
        RecordNormalizerPropertiesTest rows = new RecordNormalizerPropertiesTest();
        Arbitrary<RawRow> row = Arbitraries.oneOf(rows.rows(), rows.usableRows());
        Arbitrary<Fate> fate =
                Arbitraries.frequency(
                        Tuple.of(8, Fate.NORMAL),
                        Tuple.of(1, Fate.FAILED_BEFORE),
                        Tuple.of(1, Fate.NORMALIZER_THROWS));
        Arbitrary<String> message = HostileText.strings();
        return Combinators.combine(row, fate, message)
                .as(
                        (r, f, m) -> {
                            if (f == Fate.FAILED_BEFORE) {
                                r.failedAt("decode", m);
                            }
                            return new Case(r, f);
                        })
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }

    @Property(tries = 60)
    void everyRowLeavesExactlyOnceAcceptedOrRejectedWithOneDeltaSayingWhich(
            @ForAll("batches") List<Case> batch) throws Exception {
        // Rows are numbered by their place in the batch, so each is found again by its number.
        Set<Long> throwOn = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).row().row = i;
            if (batch.get(i).fate() == Fate.NORMALIZER_THROWS) {
                throwOn.add((long) i);
            }
        }
        OperatorMetrics metrics = new OperatorMetrics();
        RecordParseFunction parser =
                new RecordParseFunction(
                        RecordNormalizerPropertiesTest.TODAY,
                        "Asia/Shanghai",
                        (n, r) -> {
                            if (throwOn.contains(r.row)) {
                                throw new IllegalStateException("generated failure");
                            }
                            return n.normalize(r);
                        });
        try (OneInputStreamOperatorTestHarness<RawRow, SupervisionRecord> h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(parser), metrics.environment())) {
            h.open();
            for (Case c : batch) {
                h.processElement(c.row(), 0L);
            }

            List<SupervisionRecord> accepted = h.extractOutputValues();
            List<RejectedRecord> rejected = side(h, RecordParseFunction.REJECTED);
            List<DeptDelta> deltas = side(h, RecordParseFunction.DEPT_DELTAS);

            List<Long> out = new ArrayList<>();
            accepted.forEach(a -> out.add(a.getSource().getRow()));
            rejected.forEach(r -> out.add(r.getRow()));
            assertThat(out)
                    .as("every row once, accepted or rejected")
                    .containsExactlyInAnyOrderElementsOf(
                            batch.stream().map(c -> c.row().row).toList());

            for (RejectedRecord r : rejected) {
                assertThat(AvroGuard.problem(r)).as("a rejection every sink takes").isNull();
                Fate fate = batch.get((int) r.getRow()).fate();
                if (fate != Fate.NORMAL) {
                    assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                    assertThat(r.getMessage())
                            .startsWith(
                                    fate == Fate.FAILED_BEFORE ? "stage decode" : "stage parse: ");
                }
            }
            for (SupervisionRecord a : accepted) {
                assertThat(batch.get((int) a.getSource().getRow()).fate())
                        .as("a row a stage failed on is never accepted")
                        .isEqualTo(Fate.NORMAL);
            }

            assertThat(deltas).as("one delta per row").hasSize(batch.size());
            for (DeptDelta d : deltas) {
                assertThat(d.getReceived()).isEqualTo(1L);
                assertThat(d.getAccepted() + d.getRejected()).isEqualTo(1L);
                assertThat(d.getDeptCode()).isNotNull();
                assertThat(d.getRejectReason() != null).isEqualTo(d.getRejected() == 1L);
            }
            assertThat(deltas.stream().filter(d -> d.getAccepted() == 1L).count())
                    .isEqualTo(accepted.size());
            assertThat(deltas.stream().filter(d -> d.getProcessingErrors() == 1L).count())
                    .isEqualTo(
                            rejected.stream()
                                    .filter(r -> r.getReason() == RejectReason.PROCESSING_ERROR)
                                    .count());

            assertThat(metrics.count("recordsAccepted")).isEqualTo(accepted.size());
            assertThat(metrics.count("recordsRejected")).isEqualTo(rejected.size());
            assertThat(metrics.count(ProcessingErrors.METRIC))
                    .isEqualTo(
                            rejected.stream()
                                    .filter(r -> r.getReason() == RejectReason.PROCESSING_ERROR)
                                    .count());
        }
    }

    private static <T> List<T> side(
            OneInputStreamOperatorTestHarness<RawRow, ?> h, OutputTag<T> tag) {
        ConcurrentLinkedQueue<StreamRecord<T>> q = h.getSideOutput(tag);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }
}
