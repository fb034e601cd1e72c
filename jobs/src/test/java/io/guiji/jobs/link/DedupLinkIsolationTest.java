package io.guiji.jobs.link;

import static io.guiji.jobs.dedup.Copies.ANOTHER_PENALTY;
import static io.guiji.jobs.dedup.Copies.OTHER_RECORD_ID;
import static io.guiji.jobs.dedup.Copies.PENALTY_FROM_DEPARTMENT;
import static io.guiji.jobs.dedup.Copies.RECORD_ID;
import static io.guiji.jobs.dedup.Copies.SAME_PENALTY_VIA_CREDIT_PLATFORM;
import static io.guiji.jobs.dedup.Copies.copy;
import static io.guiji.jobs.link.DedupLinkOperatorTest.BY_REG_NO_AND_NAME;
import static io.guiji.jobs.link.DedupLinkOperatorTest.E1;
import static io.guiji.jobs.link.DedupLinkOperatorTest.XINYUAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.dedup.CopyMerger;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DedupLinkOperator}'s isolation (docs/contract.md §7): a copy whose merge throws, or (in
 * CHANGES) whose united record could not be encoded, is rejected alone as PROCESSING_ERROR with the
 * record's state as it was before it; a record linking throws on is published unlinked, flagged
 * {@code LINK_ERROR}; a registry entry whose places cannot be computed is a reference rejection and
 * the entry before it stays in force. Each is counted in {@value ProcessingErrors#METRIC}.
 */
class DedupLinkIsolationTest {
    static final String POISON_FILE = "records/SCJG01/penalty/poison.csv";

    private LinkStages stages;

    @AfterEach
    void close() throws Exception {
        if (stages != null) {
            stages.close();
        }
    }

    /**
     * A copy of the same penalty with no fields at all: a value is missing where one is required.
     */
    static SupervisionRecord withoutFields() {
        SupervisionRecord r = copy(RECORD_ID, POISON_FILE, 3, "2024-03-02T09:00:00", f -> {});
        r.setFields(null);
        return r;
    }

    /** A copy of the same penalty whose fine has more digits than the schema's decimal holds. */
    static SupervisionRecord withHugeFine() {
        return copy(
                RECORD_ID,
                POISON_FILE,
                4,
                "2024-03-02T09:00:00",
                f ->
                        ((PenaltyDetails) f.getDetails())
                                .setFineAmount(new BigDecimal("9".repeat(40) + ".000000")));
    }

    // ---------------------------------------------------------------- dedup

    @Test
    void aCopyWithoutFieldsIsRejectedAndTheNextCopyMergesAsIfItNeverCame() throws Exception {
        open(EmitMode.CHANGES, CopyMerger::add, LocalLinker::link);

        stages.copy(PENALTY_FROM_DEPARTMENT);
        sendAsIs(withoutFields());
        stages.copy(SAME_PENALTY_VIA_CREDIT_PLATFORM);

        List<UnifiedRecord> out = stages.published();
        assertThat(out).extracting(UnifiedRecord::getVersion).containsExactly(1L, 2L);
        assertThat(out.get(1).getSources())
                .containsExactly(
                        new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                        new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L));
        assertThat(rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getFile()).isEqualTo(POISON_FILE);
                            assertThat(r.getRow()).isEqualTo(3);
                            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                            assertThat(r.getMessage())
                                    .startsWith("stage dedup: java.lang.NullPointerException");
                            assertThat(r.getDeptCode()).isEqualTo("SCJG01");
                            assertThat(r.getRecordType()).isEqualTo("penalty");
                        });
        assertThat(rejectionDeltas())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.getAccepted())
                                    .as("the parser counted the copy accepted")
                                    .isEqualTo(-1);
                            assertThat(d.getRejected()).isEqualTo(1);
                            assertThat(d.getRejectReason())
                                    .isEqualTo(RejectReason.PROCESSING_ERROR);
                            assertThat(d.getRecordType()).isEqualTo(RecordType.penalty);
                            assertThat(d.getProcessingErrors()).isEqualTo(1);
                        });
        assertThat(stages.count(ProcessingErrors.METRIC)).isEqualTo(1);
        assertThat(stages.count("duplicateCopies"))
                .as("the rejected copy is no duplicate")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(EmitMode.class)
    void aMergeThatThrowsAfterChangingTheStateLeavesTheStateAsItWas(EmitMode mode)
            throws Exception {
        // The merge adds the copy's source to the live state object, then fails.
        open(
                mode,
                (state, c) -> {
                    var next = CopyMerger.add(state, c);
                    if (c.getSource().getFile().equals(POISON_FILE)) {
                        throw new IllegalStateException("failed after merging");
                    }
                    return next;
                },
                LocalLinker::link);

        stages.copies(
                PENALTY_FROM_DEPARTMENT,
                copy(RECORD_ID, POISON_FILE, 5, "2099-01-01T00:00:00", f -> {}),
                SAME_PENALTY_VIA_CREDIT_PLATFORM);
        stages.end();

        UnifiedRecord unified = stages.latest().get(RECORD_ID);
        assertThat(unified.getSources())
                .containsExactly(
                        new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                        new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L));
        assertThat(unified.getFields().getUpdatedAt())
                .as("the failed copy never won")
                .isEqualTo("2024-03-05T10:30:00");
        if (mode == EmitMode.FINAL) {
            assertThat(unified.getVersion()).as("its content was never counted").isEqualTo(1);
        } else {
            assertThat(stages.published()).as("it was never published").hasSize(2);
        }
        assertThat(rejected())
                .extracting(RejectedRecord::getMessage)
                .containsExactly(
                        "stage dedup: java.lang.IllegalStateException: failed after merging");
    }

    @Test
    void streamingACopyWhoseUnitedRecordCannotBeEncodedIsRejectedAndTheRecordStaysAsItWas()
            throws Exception {
        open(EmitMode.CHANGES, CopyMerger::add, LocalLinker::link);

        stages.copy(PENALTY_FROM_DEPARTMENT);
        sendAsIs(withHugeFine());
        stages.copy(SAME_PENALTY_VIA_CREDIT_PLATFORM);

        assertThat(rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getRow()).isEqualTo(4);
                            assertThat(r.getMessage())
                                    .startsWith("stage dedup: org.apache.avro.AvroTypeException: ")
                                    .contains("precision 46");
                        });
        List<UnifiedRecord> out = stages.published();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).getSources()).extracting(SourceRef::getRow).containsExactly(7L, 2L);
        assertThat(stages.count(ProcessingErrors.METRIC)).isEqualTo(1);
    }

    @Test
    void atTheEndOfABoundedRunARecordThatCannotBeBuiltRejectsEachOfItsCopiesOnce()
            throws Exception {
        // In a job such a copy is rejected by the parser before it gets here; here it arrives.
        open(EmitMode.FINAL, CopyMerger::add, LocalLinker::link);

        stages.copy(PENALTY_FROM_DEPARTMENT);
        sendAsIs(withHugeFine());
        stages.copy(ANOTHER_PENALTY).end();

        assertThat(stages.published())
                .extracting(UnifiedRecord::getRecordId)
                .as("the other record is published as usual")
                .containsExactly(OTHER_RECORD_ID);
        assertThat(rejected())
                .extracting(
                        RejectedRecord::getFile, RejectedRecord::getRow, RejectedRecord::getReason)
                .containsExactlyInAnyOrder(
                        tuple(
                                "records/SCJG01/penalty/2024-03.csv",
                                7L,
                                RejectReason.PROCESSING_ERROR),
                        tuple(POISON_FILE, 4L, RejectReason.PROCESSING_ERROR));
        assertThat(rejectionDeltas())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.getAccepted()).isEqualTo(-2);
                            assertThat(d.getRejected()).isEqualTo(2);
                            assertThat(d.getProcessingErrors()).isEqualTo(2);
                        });
        assertThat(publicationDeltas()).as("the other record's").hasSize(1);
        assertThat(stages.count(ProcessingErrors.METRIC)).isEqualTo(2);
        assertThat(stages.harness.numKeyedStateEntries()).isZero();
    }

    // ---------------------------------------------------------------- link

    /**
     * Links as in production, except the record {@link io.guiji.jobs.dedup.Copies#RECORD_ID}, which
     * it throws on.
     */
    static LocalLinker.Linked failingOnTheFirstRecord(LocalLinker linker, UnifiedRecord r) {
        if (r.getRecordId().equals(RECORD_ID)) {
            throw new IllegalStateException("cannot decide " + r.getRecordId());
        }
        return linker.link(r);
    }

    @Test
    void streamingARecordLinkingThrowsOnIsPublishedUnlinkedOnceAndTheNextIsLinked()
            throws Exception {
        open(EmitMode.CHANGES, CopyMerger::add, DedupLinkIsolationTest::failingOnTheFirstRecord);
        stages.registry(XINYUAN);

        stages.copy(BY_REG_NO_AND_NAME).copy(BY_REG_NO_AND_NAME); // the same copy again
        stages.copy(RelinkingTest.named(OTHER_RECORD_ID, DedupLinkOperatorTest.NAME));

        List<UnifiedRecord> out = stages.published();
        assertThat(out)
                .extracting(UnifiedRecord::getRecordId)
                .containsExactly(RECORD_ID, OTHER_RECORD_ID);
        UnifiedRecord failed = out.get(0);
        assertThat(failed.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(failed.getEnterpriseId()).isNull();
        assertThat(failed.getVersion()).isEqualTo(1);
        assertThat(failed.getSources()).containsExactly(BY_REG_NO_AND_NAME.getSource());
        assertThat(failed.getQualityFlags()).containsExactly(QualityFlags.LINK_ERROR);
        assertThat(failed.getLinkEvidence())
                .containsExactly(
                        "error=stage link: java.lang.IllegalStateException: cannot decide "
                                + RECORD_ID);
        assertThat(out.get(1).getLinkMethod())
                .as("the next record links as usual")
                .isEqualTo(LinkMethod.NAME);
        assertThat(out.get(1).getEnterpriseId()).isEqualTo(E1);

        assertThat(publicationDeltas())
                .extracting(
                        DeptDelta::getUnified, DeptDelta::getLinked, DeptDelta::getProcessingErrors)
                .containsExactly(tuple(1L, 0L, 1L), tuple(1L, 1L, 0L));
        assertThat(stages.count(ProcessingErrors.METRIC)).isEqualTo(1);
    }

    @Test
    void aBoundedRunPublishesARecordLinkingThrowsOnUnlinkedAtTheEnd() throws Exception {
        open(EmitMode.FINAL, CopyMerger::add, DedupLinkIsolationTest::failingOnTheFirstRecord);

        stages.registry(XINYUAN).copy(BY_REG_NO_AND_NAME).end();

        assertThat(stages.published())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE);
                            assertThat(r.getQualityFlags()).contains(QualityFlags.LINK_ERROR);
                        });
        assertThat(publicationDeltas())
                .singleElement()
                .satisfies(d -> assertThat(d.getProcessingErrors()).isEqualTo(1));
        assertThat(stages.count(ProcessingErrors.METRIC)).isEqualTo(1);
    }

    @Test
    void aRecordLinkingMakesUnencodableIsPublishedWithoutTheValueAndFlagged() throws Exception {
        open(
                EmitMode.CHANGES,
                CopyMerger::add,
                (linker, r) -> {
                    LocalLinker.Linked l = linker.link(r);
                    l.record()
                            .getFields()
                            .setSubjectName(null); // required by the schema: a real bad value
                    return l;
                });

        stages.copy(BY_REG_NO_AND_NAME);

        assertThat(stages.published())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getQualityFlags())
                                    .contains(QualityFlags.UNENCODABLE_VALUE);
                            assertThat(r.getLinkEvidence())
                                    .contains("unencodable=UnifiedRecord.fields.subject_name");
                            assertThat(r.getFields().getSubjectName())
                                    .as("a required text that was absent is published empty")
                                    .isEmpty();
                            assertThat(r.getSources())
                                    .containsExactly(BY_REG_NO_AND_NAME.getSource());
                        });
        assertThat(publicationDeltas())
                .singleElement()
                .satisfies(d -> assertThat(d.getProcessingErrors()).isEqualTo(1));
        assertThat(stages.count(ProcessingErrors.METRIC)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- registry

    static final RegistryEntry ROW_B1 = DedupLinkOperatorTest.ROW_B1;

    /**
     * A row of the extract for the same enterprise whose former names are missing (the schema
     * requires a list).
     */
    static RegistryEntry withoutFormerNames() {
        RegistryEntry e =
                DedupLinkOperatorTest.registryRow("朝阳市鑫源新材料有限公司", List.of(), "registry/c.csv", 2);
        e.setFormerNames(null);
        return e;
    }

    @ParameterizedTest
    @EnumSource(EmitMode.class)
    void anEntryWhosePlacesCannotBeComputedIsRejectedAndTheEntryBeforeItStaysInForce(EmitMode mode)
            throws Exception {
        open(mode, CopyMerger::add, LocalLinker::link);

        stages.registry(ROW_B1);
        stages.harness.processElement2(
                new StreamRecord<>(
                        new io.guiji.schemas.internal.IndexedEntry(
                                withoutFormerNames(), null, null)));
        stages.copy(BY_REG_NO_AND_NAME).end();

        assertThat(stages.latest().get(RECORD_ID))
                .satisfies(
                        r -> {
                            assertThat(r.getLinkMethod())
                                    .as("b.csv#1 still in force")
                                    .isEqualTo(LinkMethod.NAME);
                            assertThat(r.getEnterpriseId()).isEqualTo(E1);
                        });
        assertThat(stages.side(DedupLinkOperator.REFERENCE_REJECTED))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getFile()).isEqualTo("registry/c.csv");
                            assertThat(r.getRow()).isEqualTo(2);
                            assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                            assertThat(r.getMessage())
                                    .startsWith("stage index: java.lang.NullPointerException");
                            assertThat(r.getRaw()).contains("朝阳市鑫源新材料有限公司");
                        });
        assertThat(stages.count(ProcessingErrors.METRIC)).isEqualTo(1);
    }

    /**
     * Every linking subtask receives every registry entry: an entry none can index is one
     * rejection, from the first subtask, not one per subtask.
     */
    @ParameterizedTest
    @EnumSource(EmitMode.class)
    void anEntryNoSubtaskCanIndexIsRejectedOnceWhateverTheParallelism(EmitMode mode)
            throws Exception {
        List<Long> rejections = new java.util.ArrayList<>();
        List<Long> errors = new java.util.ArrayList<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            LinkStages each =
                    new LinkStages(
                            LinkStages.metered(mode, null, CopyMerger::add, LocalLinker::link),
                            3,
                            subtask);
            each.registry(ROW_B1);
            each.harness.processElement2(
                    new StreamRecord<>(
                            new io.guiji.schemas.internal.IndexedEntry(
                                    withoutFormerNames(), null, null)));
            rejections.add((long) each.side(DedupLinkOperator.REFERENCE_REJECTED).size());
            errors.add(each.count(ProcessingErrors.METRIC));
            each.harness.close();
        }

        assertThat(rejections).containsExactly(1L, 0L, 0L);
        assertThat(errors).containsExactly(1L, 0L, 0L);
    }

    @Test
    void streamingTheNextEntryIsIndexedFromTheOneInForceBeforeTheRejectedOne() throws Exception {
        open(EmitMode.CHANGES, CopyMerger::add, LocalLinker::link);
        stages.copy(RelinkingTest.named(OTHER_RECORD_ID, "朝阳市鑫源建材厂"));

        stages.registry(ROW_B1); // 鑫源建材厂 is its former name
        stages.harness.processElement2(
                new StreamRecord<>(
                        new io.guiji.schemas.internal.IndexedEntry(
                                withoutFormerNames(), null, null)));
        stages.registry(DedupLinkOperatorTest.ROW_A9); // renamed again, the former name dropped

        assertThat(stages.latest().get(OTHER_RECORD_ID).getLinkMethod())
                .as("the rename from b.csv#1 took 鑫源建材厂 away")
                .isNotEqualTo(LinkMethod.FORMER_NAME);
        assertThat(stages.linkChanges())
                .extracting(c -> c.getNewMethod())
                .containsExactly(
                        LinkMethod.FORMER_NAME,
                        stages.latest().get(OTHER_RECORD_ID).getLinkMethod());
    }

    // ---------------------------------------------------------------- helpers

    private void open(EmitMode mode, DedupLinkOperator.Merge merge, DedupLinkOperator.Link link)
            throws Exception {
        stages = new LinkStages(LinkStages.metered(mode, null, merge, link));
    }

    /** Sends {@code copy} itself: a copy the schema's builder would refuse to copy. */
    private void sendAsIs(SupervisionRecord copy) throws Exception {
        stages.harness.processElement1(new StreamRecord<>(copy));
    }

    private List<RejectedRecord> rejected() {
        return stages.side(DedupLinkOperator.REJECTED);
    }

    private List<DeptDelta> rejectionDeltas() {
        return stages.side(DedupLinkOperator.DEPT_DELTAS).stream()
                .filter(d -> d.getRejectReason() != null)
                .toList();
    }

    private List<DeptDelta> publicationDeltas() {
        return stages.side(DedupLinkOperator.DEPT_DELTAS).stream()
                .filter(d -> d.getRejectReason() == null)
                .toList();
    }
}
