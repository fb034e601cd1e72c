package io.guiji.jobs.link;

import static io.guiji.jobs.link.RegistryIndexerTest.ROW_A9;
import static io.guiji.jobs.link.RegistryIndexerTest.ROW_B1;
import static io.guiji.jobs.link.RegistryIndexerTest.USCC;
import static io.guiji.jobs.link.RegistryIndexerTest.entry;
import static io.guiji.jobs.link.RegistryIndexerTest.indexAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.OperatorMetrics;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.ingest.ReferenceParsers;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.internal.IndexUpdate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of {@link RegistryIndexer}'s isolation: an entry whose keys cannot be computed is
 * a reference rejection (PROCESSING_ERROR), the entry in force before it stays, and the next entry
 * is indexed from that one.
 */
class RegistryIndexerIsolationTest {
    private KeyedOneInputStreamOperatorTestHarness<String, RegistryEntry, IndexUpdate> harness;
    private final OperatorMetrics metrics = new OperatorMetrics();

    /** A row of the extract for the same enterprise whose former names are missing (the schema requires a list). */
    static RegistryEntry withoutFormerNames() {
        RegistryEntry e = entry(USCC, "朝阳市鑫源新材料有限公司", List.of(), "registry/c.csv", 2);
        e.setFormerNames(null);
        return e;
    }

    private void open(EmitMode mode) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RegistryIndexer(mode)),
                RegistryEntry::getEnterpriseId, Types.STRING, metrics.environment());
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private List<RejectedRecord> rejected() {
        var q = harness.getSideOutput(ReferenceParsers.REFERENCE_REJECTED);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void streamingAnEntryWhoseKeysCannotBeComputedIsRejectedAndTheNextIsIndexedFromTheOneBefore() throws Exception {
        open(EmitMode.CHANGES);

        harness.processElement(RegistryEntry.newBuilder(ROW_B1).build(), 0);
        harness.processElement(withoutFormerNames(), 0);
        harness.processElement(RegistryEntry.newBuilder(ROW_A9).build(), 0);

        assertThat(indexAfter(harness.extractOutputValues()))
                .as("the index holds the latest good entry alone: the rename from B1 removed B1's keys")
                .isEqualTo(indexAfter(LinkKeys.diff(null, ROW_A9)));
        assertThat(rejected()).singleElement().satisfies(r -> {
            assertThat(r.getFile()).isEqualTo("registry/c.csv");
            assertThat(r.getRow()).isEqualTo(2);
            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
            assertThat(r.getMessage()).startsWith("stage index: java.lang.NullPointerException");
            assertThat(r.getRaw()).contains("朝阳市鑫源新材料有限公司");
        });
        assertThat(metrics.count(ProcessingErrors.METRIC)).isEqualTo(1);
    }

    @Test
    void aBoundedRunRejectsTheEntryInForceAtTheEndWhenItsKeysCannotBeComputed() throws Exception {
        open(EmitMode.FINAL);

        harness.processElement(RegistryEntry.newBuilder(ROW_B1).build(), 0);
        harness.processElement(withoutFormerNames(), 0); // registry/c.csv: the greatest source, in force at the end
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(rejected()).extracting(RejectedRecord::getFile, RejectedRecord::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("registry/c.csv", RejectReason.PROCESSING_ERROR));
    }
}
