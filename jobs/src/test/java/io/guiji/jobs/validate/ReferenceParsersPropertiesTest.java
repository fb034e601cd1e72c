package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.normalize.HostileText;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;

/**
 * Generated rows through {@link ReferenceParsers} in a harness: whatever a registry or catalogue
 * row holds, and whether an earlier stage or the normalizer failed on it, the parser never throws
 * and the row leaves exactly once — as its entries (one for the registry, at least one for the
 * catalogue) or as one rejection — and everything that leaves can be encoded.
 */
class ReferenceParsersPropertiesTest {

    enum Fate {
        NORMAL,
        FAILED_BEFORE,
        NORMALIZER_THROWS
    }

    record Case(RawRow row, Fate fate) {}

    private final ReferencePropertiesTest rows = new ReferencePropertiesTest();

    @Provide
    Arbitrary<List<Case>> registryBatches() {
        return batches(rows.registryRows());
    }

    @Provide
    Arbitrary<List<Case>> catalogBatches() {
        return batches(rows.catalogRows());
    }

    @Property(tries = 60)
    void everyRegistryRowIsOneEntryOrOneRejection(@ForAll("registryBatches") List<Case> batch)
            throws Exception {
        Set<Long> throwOn = number(batch);
        check(
                new ReferenceParsers.RegistryParseFunction(
                        (n, row) -> {
                            if (throwOn.contains(row.row)) {
                                throw new IllegalStateException("generated failure");
                            }
                            return n.registry(row);
                        }),
                batch,
                true);
    }

    @Property(tries = 60)
    void everyCatalogueRowIsItsEntriesOrOneRejection(@ForAll("catalogBatches") List<Case> batch)
            throws Exception {
        Set<Long> throwOn = number(batch);
        check(
                new ReferenceParsers.CatalogParseFunction(
                        (n, row) -> {
                            if (throwOn.contains(row.row)) {
                                throw new IllegalStateException("generated failure");
                            }
                            return n.catalog(row);
                        }),
                batch,
                false);
    }

    private static Arbitrary<List<Case>> batches(Arbitrary<RawRow> row) {
        Arbitrary<Fate> fate =
                Arbitraries.frequency(
                        Tuple.of(8, Fate.NORMAL),
                        Tuple.of(1, Fate.FAILED_BEFORE),
                        Tuple.of(1, Fate.NORMALIZER_THROWS));
        return Combinators.combine(row, fate, HostileText.strings())
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

    /**
     * Numbers the rows by their place in the batch; returns the numbers the normalizer is to throw
     * on.
     */
    private static Set<Long> number(List<Case> batch) {
        Set<Long> throwOn = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).row().row = i;
            if (batch.get(i).fate() == Fate.NORMALIZER_THROWS) {
                throwOn.add((long) i);
            }
        }
        return throwOn;
    }

    private static void check(
            ProcessFunction<RawRow, ?> parser, List<Case> batch, boolean oneEntryPerRow)
            throws Exception {
        long processingErrors = 0;
        try (ReferenceParsersTest.Run<?> run = new ReferenceParsersTest.Run<>(parser)) {
            for (Case c : batch) {
                int entriesBefore = run.entries().size();
                int rejectedBefore = run.rejected().size();

                run.harness.processElement(c.row(), 0L);

                int entries = run.entries().size() - entriesBefore;
                int rejections = run.rejected().size() - rejectedBefore;
                if (rejections == 1) {
                    assertThat(entries).as("a rejected row leaves no entry").isZero();
                    RejectedRecord r = run.rejected().get(rejectedBefore);
                    assertThat(r.getRow()).isEqualTo(c.row().row);
                    assertThat(AvroGuard.problem(r)).isNull();
                    if (c.fate() != Fate.NORMAL) {
                        assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                    }
                    processingErrors += r.getReason() == RejectReason.PROCESSING_ERROR ? 1 : 0;
                } else {
                    assertThat(rejections).as("at most one rejection per row").isZero();
                    assertThat(c.fate())
                            .as("a row a stage failed on is never read into entries")
                            .isEqualTo(Fate.NORMAL);
                    if (oneEntryPerRow) {
                        assertThat(entries).isEqualTo(1);
                    } else {
                        assertThat(entries).isPositive();
                    }
                }
            }
            for (Object e : run.entries()) {
                assertThat(AvroGuard.problem((IndexedRecord) e)).isNull();
            }
            assertThat(run.metrics.count(ProcessingErrors.METRIC)).isEqualTo(processingErrors);
        }
    }
}
