package io.guiji.jobs.link;

import static io.guiji.jobs.link.RelinkingTest.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.dedup.CopyMerger;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DedupLinkOperator} restored from a checkpoint in CHANGES mode: the registry index, which
 * is not checkpointed, is rebuilt by reading the registry again up to the positions the checkpoint
 * recorded ({@link RegistryReplay}), and the reverse index from the records' keyed state, so that
 * new records link and a registry change re-links the records of before the failure.
 */
class DedupLinkRestoreTest {
    static final String TOPIC = "kafka:registry/0";
    static final String XINYUAN = "朝阳市鑫源建材有限公司";
    static final String HONGDA = "朝阳市宏达商贸有限公司";
    static final String HUASHENG = "朝阳市华盛商贸有限公司";
    static final String YUANDA = "朝阳市远大建材有限公司";
    static final String E1 = "91110000600037341L";
    static final String E2 = "91310115MA1K3BTP2B";
    static final String E3 = "92340602MA2PBMEM24";
    static final String E4 = LinkDeciderTest.usccWith("MA0000000");
    static final String R1 = "penalty:SCJG01:R1";
    static final String R2 = "penalty:SCJG01:R2";
    static final String R3 = "penalty:SCJG01:R3";
    static final String R4 = "penalty:SCJG01:R4";

    /** The registry topic's partition 0: the entry at offset n is at index n. */
    private final List<RegistryEntry> topic = new ArrayList<>();

    private LinkStages stages;
    private OperatorSubtaskState checkpoint;

    /**
     * Before the failure: two entries applied (offsets 0, 1), a third in the topic not yet; a
     * linked and an unlinked record.
     */
    @BeforeEach
    void runUntilACheckpoint() throws Exception {
        append(E1, XINYUAN);
        append(E2, HONGDA);
        append(E3, YUANDA);
        try (LinkStages before = new LinkStages(operator(new ListReplay(topic)))) {
            before.registry(topic.get(0)).registry(topic.get(1));
            before.copy(named(R1, HONGDA)).copy(named(R2, HUASHENG));
            assertThat(before.latest().get(R1).getEnterpriseId()).isEqualTo(E2);
            assertThat(before.latest().get(R2).getLinkMethod()).isEqualTo(LinkMethod.NONE);
            checkpoint = before.harness.snapshot(1L, 1L);
        }
    }

    @AfterEach
    void close() throws Exception {
        if (stages != null) {
            stages.close();
        }
    }

    @Test
    void theIndexIsReadAgainUpToTheCheckpointedPositionsAndANewRecordLinks() throws Exception {
        ListReplay replay = new ListReplay(topic);
        stages = new LinkStages(operator(replay), checkpoint);

        assertThat(replay.asked).containsExactly(Map.of(TOPIC, 1L));
        stages.copy(named(R3, XINYUAN)).copy(named(R4, YUANDA));

        assertThat(stages.latest().get(R3))
                .satisfies(
                        r -> {
                            assertThat(r.getEnterpriseId()).isEqualTo(E1);
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NAME);
                            assertThat(r.getVersion()).isEqualTo(1);
                        });
        assertThat(stages.latest().get(R4).getLinkMethod())
                .as(
                        "offset 2 was not applied before the checkpoint: the source delivers it again, not the replay")
                .isNotEqualTo(LinkMethod.NAME);
    }

    @Test
    void aRegistryChangeAfterTheRestoreReLinksTheRecordsOfBefore() throws Exception {
        stages = new LinkStages(operator(new ListReplay(topic)), checkpoint);

        stages.registry(topic.get(2));
        assertThat(stages.published()).as("no record of before reads 远大's keys").isEmpty();

        registerHuashengAndWithdrawHongda();

        assertThat(stages.published())
                .extracting(
                        UnifiedRecord::getRecordId,
                        UnifiedRecord::getVersion,
                        UnifiedRecord::getEnterpriseId,
                        UnifiedRecord::getLinkMethod)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(R2, 2L, E4, LinkMethod.NAME),
                        org.assertj.core.groups.Tuple.tuple(R1, 2L, null, LinkMethod.NONE));
        assertThat(stages.linkChanges()).hasSize(2);
    }

    @Test
    void aCheckpointOfABuildThatKeptTheKeysInsideLinkStateIsReLinkedAllTheSame() throws Exception {
        // As that build's checkpoint holds them: no layout mark, no state of key hashes.
        OperatorSubtaskState older =
                checkpointOfAnOlderBuild(
                        before -> {
                            var operator = before.harness.getOperator();
                            operator.getOperatorStateBackend()
                                    .getUnionListState(
                                            new ListStateDescriptor<>(
                                                    "reverse-index-layout", Types.INT))
                                    .clear();
                            var backend = operator.getKeyedStateBackend();
                            ValueStateDescriptor<long[]> watched =
                                    new ValueStateDescriptor<>(
                                            "link-watched",
                                            PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
                            for (String id : List.of(R1, R2)) {
                                backend.setCurrentKey(id);
                                var state =
                                        backend.getPartitionedState(
                                                VoidNamespace.INSTANCE,
                                                VoidNamespaceSerializer.INSTANCE,
                                                watched);
                                assertThat(state.value()).as("kept by this build").isNotEmpty();
                                state.clear();
                            }
                        });
        stages = new LinkStages(operator(new ListReplay(topic)), older);

        registerHuashengAndWithdrawHongda();

        assertThat(stages.published())
                .as("each record's keys computed again after the restore")
                .extracting(
                        UnifiedRecord::getRecordId,
                        UnifiedRecord::getEnterpriseId,
                        UnifiedRecord::getLinkMethod)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(R2, E4, LinkMethod.NAME),
                        org.assertj.core.groups.Tuple.tuple(R1, null, LinkMethod.NONE));
    }

    @Test
    void aCheckpointOfABuildThatKeptThePublishedRecordWholeGoesOnFromIt() throws Exception {
        // As that build's checkpoint holds them: the record last published, whole.
        OperatorSubtaskState older =
                checkpointOfAnOlderBuild(
                        before -> {
                            var backend = before.harness.getOperator().getKeyedStateBackend();
                            ValueStateDescriptor<io.guiji.schemas.internal.LinkState> link =
                                    new ValueStateDescriptor<>(
                                            "link-state",
                                            io.guiji.connectors.avro.AvroTypes.of(
                                                    io.guiji.schemas.internal.LinkState.class));
                            for (String id : List.of(R1, R2)) {
                                backend.setCurrentKey(id);
                                var state =
                                        backend.getPartitionedState(
                                                VoidNamespace.INSTANCE,
                                                VoidNamespaceSerializer.INSTANCE,
                                                link);
                                var v = state.value();
                                assertThat(v.getLast()).as("kept by this build").isNotNull();
                                assertThat(v.getPublished())
                                        .as("not written by this build")
                                        .isNull();
                                v.setPublished(before.latest().get(id));
                                v.setLast(null);
                                state.update(v);
                            }
                        });
        stages = new LinkStages(operator(new ListReplay(topic)), older);

        stages.copy(named(R1, HONGDA)); // the same copy again: nothing to publish
        assertThat(stages.published()).isEmpty();
        registerHuashengAndWithdrawHongda();

        assertThat(stages.published())
                .extracting(
                        UnifiedRecord::getRecordId,
                        UnifiedRecord::getVersion,
                        UnifiedRecord::getEnterpriseId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(R2, 2L, E4),
                        org.assertj.core.groups.Tuple.tuple(R1, 2L, null));
        assertThat(stages.side(DedupLinkOperator.DEPT_DELTAS))
                .as("the links counted as they change, from what the older build published")
                .extracting(
                        io.guiji.schemas.internal.DeptDelta::getUnified,
                        io.guiji.schemas.internal.DeptDelta::getLinked)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 1L),
                        org.assertj.core.groups.Tuple.tuple(0L, -1L));
        assertThat(stages.linkChanges())
                .extracting(io.guiji.schemas.LinkChange::getOldEnterpriseId)
                .containsExactly(null, E2);
    }

    @Test
    void aCheckpointAfterTheRestoreRecordsTheNewPositions() throws Exception {
        stages = new LinkStages(operator(new ListReplay(topic)), checkpoint);
        stages.registry(topic.get(2));
        OperatorSubtaskState second = stages.harness.snapshot(2L, 2L);
        stages.close();

        ListReplay replay = new ListReplay(topic);
        stages = new LinkStages(operator(replay), second);

        assertThat(replay.asked).containsExactly(Map.of(TOPIC, 2L));
        stages.copy(named(R4, YUANDA));
        assertThat(stages.latest().get(R4).getEnterpriseId()).isEqualTo(E3);
    }

    @Test
    void restoringWithoutAWayToReadTheRegistryAgainFailsAndSaysWhy() {
        assertThatThrownBy(() -> new LinkStages(operator(null), checkpoint))
                .hasStackTraceContaining(
                        "restored a linking state whose registry came from [" + TOPIC + "]")
                .hasStackTraceContaining("--fresh");
    }

    @Test
    void restoringWithoutAReplayIsFineWhenNoRegistryEntryWasApplied() throws Exception {
        OperatorSubtaskState recordsOnly;
        try (LinkStages before = new LinkStages(operator(null))) {
            before.copy(named(R2, HUASHENG));
            recordsOnly = before.harness.snapshot(1L, 1L);
        }
        stages = new LinkStages(operator(null), recordsOnly);

        stages.registry(append(E4, HUASHENG));

        assertThat(stages.latest().get(R2))
                .as("re-linked from the keyed state")
                .satisfies(
                        r -> {
                            assertThat(r.getVersion()).isEqualTo(2);
                            assertThat(r.getEnterpriseId()).isEqualTo(E4);
                        });
    }

    // ---------------------------------------------------------------- helpers

    /** What an older build's state change leaves in a snapshot of the records of before. */
    @FunctionalInterface
    private interface OlderBuild {
        void leave(LinkStages before) throws Exception;
    }

    /**
     * A checkpoint of the registry and records of before, as an older build wrote it: this build's
     * state changed by {@code olderBuild}.
     */
    private OperatorSubtaskState checkpointOfAnOlderBuild(OlderBuild olderBuild) throws Exception {
        try (LinkStages before = new LinkStages(operator(new ListReplay(topic)))) {
            before.registry(topic.get(0)).registry(topic.get(1));
            before.copy(named(R1, HONGDA)).copy(named(R2, HUASHENG));
            olderBuild.leave(before);
            return before.harness.snapshot(1L, 1L);
        }
    }

    /**
     * Two registry changes after the restore: 华盛 registered (R2's name), 宏达 withdrawn (R1's link).
     */
    private void registerHuashengAndWithdrawHongda() throws Exception {
        stages.registry(append(E4, HUASHENG));
        stages.registry(
                RegistryEntry.newBuilder(topic.get(1))
                        .setDeleted(true)
                        .setSource(new SourceRef(TOPIC, 4L))
                        .build());
    }

    private RegistryEntry append(String enterpriseId, String name) {
        RegistryEntry e =
                RegistryEntry.newBuilder(LinkDeciderTest.entry(enterpriseId, name, null))
                        .setSource(new SourceRef(TOPIC, (long) topic.size()))
                        .build();
        topic.add(e);
        return e;
    }

    private static DedupLinkOperator operator(RegistryReplay replay) {
        return LinkStages.metered(EmitMode.CHANGES, replay, CopyMerger::add, LocalLinker::link);
    }

    /**
     * The registry read again from an in-memory copy of its topic, as a Kafka replay reads the
     * partitions.
     */
    static final class ListReplay implements RegistryReplay {
        private static final long serialVersionUID = 1L;
        final List<RegistryEntry> entries;
        final List<Map<String, Long>> asked = new ArrayList<>();

        ListReplay(List<RegistryEntry> entries) {
            this.entries = entries;
        }

        @Override
        public void replay(Map<String, Long> upTo, Consumer<RegistryEntry> sink) {
            asked.add(upTo);
            for (RegistryEntry e : entries) {
                Long last = upTo.get(e.getSource().getFile());
                if (last != null && e.getSource().getRow() <= last) {
                    sink.accept(RegistryEntry.newBuilder(e).build());
                }
            }
        }
    }
}
