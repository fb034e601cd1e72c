package io.guiji.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.QualityFlags;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Harness tests of {@link DedupFunction} (docs/contract.md §5): all copies of one identity become one
 * unified record whatever their arrival order; FINAL publishes once at the end of input, CHANGES on
 * every change with a growing version.
 */
class DedupFunctionTest {
    static final String RECORD_ID = "penalty:SCJG01:朝市监罚〔2024〕12号";
    static final String OTHER_RECORD_ID = "penalty:SCJG01:朝市监罚〔2024〕13号";
    static final String VALID_USCC = "91110000600037341L";
    static final String OTHER_VALID_USCC = "91310115MA1K3BTP2B";
    /** {@link #VALID_USCC} with a wrong check character. */
    static final String INVALID_USCC = "91110000600037341K";

    /** The penalty as the deciding department supplied it. */
    static final SupervisionRecord PENALTY_FROM_DEPARTMENT =
            copy(RECORD_ID, "records/SCJG01/penalty/2024-03.csv", 7, "2024-03-01T09:00:00", f -> {});
    /** The same decision re-published through the credit platform: another file, a later updated_at. */
    static final SupervisionRecord SAME_PENALTY_VIA_CREDIT_PLATFORM =
            copy(RECORD_ID, "records/SCJG01/penalty/credit-platform.csv", 2, "2024-03-05T10:30:00", f -> {});
    /** The department revokes the decision: the latest copy. */
    static final SupervisionRecord REVOCATION =
            copy(RECORD_ID, "records/SCJG01/penalty/revocations.csv", 1, "2024-06-01T08:00:00",
                    f -> f.setStatus(RecordStatus.REVOKED));
    /** An unrelated decision of the same department. */
    static final SupervisionRecord ANOTHER_PENALTY =
            copy(OTHER_RECORD_ID, "records/SCJG01/penalty/2024-03.csv", 8, "2024-03-01T09:00:00",
                    f -> f.setDocNo("朝市监罚〔2024〕13号"));

    private KeyedOneInputStreamOperatorTestHarness<String, SupervisionRecord, UnifiedRecord> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    // ---------------------------------------------------------------- FINAL

    @Test
    void finalModeEmitsOneUnifiedRecordPerKeyOnlyWhenTheInputEnds() throws Exception {
        open(EmitMode.FINAL);
        send(PENALTY_FROM_DEPARTMENT, SAME_PENALTY_VIA_CREDIT_PLATFORM, ANOTHER_PENALTY, REVOCATION);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).as("one end-of-input timer per key").isEqualTo(2);

        harness.processWatermark(4_102_444_800_000L); // 2100-01-01: late, but not the end of input
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(Long.MAX_VALUE);
        List<UnifiedRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(UnifiedRecord::getRecordId)
                .containsExactlyInAnyOrder(RECORD_ID, OTHER_RECORD_ID);
        assertThat(harness.numEventTimeTimers()).isZero();

        UnifiedRecord unified = only(out, RECORD_ID);
        assertThat(unified).isEqualTo(expectedFinalOfThreeCopies());
        assertThat(unified.getFields().getStatus()).as("the latest copy, a revocation, wins").isEqualTo(RecordStatus.REVOKED);
        assertThat(unified.getFields().getUpdatedAt()).isEqualTo("2024-06-01T08:00:00");
        assertThat(unified.getVersion()).as("two distinct contents: the penalty and its revocation").isEqualTo(2);
        assertThat(unified.getSources()).containsExactly(
                new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L),
                new SourceRef("records/SCJG01/penalty/revocations.csv", 1L));
        assertThat(unified.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(unified.getEnterpriseId()).isNull();

        UnifiedRecord other = only(out, OTHER_RECORD_ID);
        assertThat(other.getVersion()).isEqualTo(1);
        assertThat(other.getSources()).containsExactly(new SourceRef("records/SCJG01/penalty/2024-03.csv", 8L));
    }

    static Stream<Arguments> everyArrivalOrder() {
        List<SupervisionRecord> copies = List.of(
                PENALTY_FROM_DEPARTMENT, SAME_PENALTY_VIA_CREDIT_PLATFORM, REVOCATION, PENALTY_FROM_DEPARTMENT);
        List<String> names = List.of("PENALTY_FROM_DEPARTMENT", "SAME_PENALTY_VIA_CREDIT_PLATFORM", "REVOCATION",
                "PENALTY_FROM_DEPARTMENT(re-sent)");
        return permutations(List.of(0, 1, 2, 3)).stream().map(order -> Arguments.of(
                order.stream().map(names::get).collect(Collectors.joining(" → ")),
                order.stream().map(copies::get).collect(Collectors.toList())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyArrivalOrder")
    void finalModeGivesTheSameUnifiedRecordForEveryArrivalOrder(String order, List<SupervisionRecord> copies)
            throws Exception {
        open(EmitMode.FINAL);
        send(copies.toArray(new SupervisionRecord[0]));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).containsExactly(expectedFinalOfThreeCopies());
    }

    @Test
    void finalModeDoesNotAddASourceForAnIdenticalReSend() throws Exception {
        open(EmitMode.FINAL);
        send(PENALTY_FROM_DEPARTMENT, PENALTY_FROM_DEPARTMENT, PENALTY_FROM_DEPARTMENT);
        harness.processWatermark(Long.MAX_VALUE);

        UnifiedRecord unified = only(harness.extractOutputValues(), RECORD_ID);
        assertThat(unified.getSources()).containsExactly(new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L));
        assertThat(unified.getVersion()).isEqualTo(1);
    }

    static Stream<Arguments> bothOrders() {
        return Stream.of(Arguments.of("winner first", true), Arguments.of("winner last", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothOrders")
    void aValidUsccFromALosingCopyReplacesTheWinnersInvalidOne(String name, boolean winnerFirst) throws Exception {
        SupervisionRecord losingWithValid = copy(RECORD_ID, "records/SCJG01/penalty/2024-03.csv", 7,
                "2024-03-01T09:00:00", f -> f.setUscc(VALID_USCC));
        SupervisionRecord winningWithInvalid = withFlags(copy(RECORD_ID, "records/SCJG01/penalty/credit-platform.csv", 2,
                "2024-03-05T10:30:00", f -> f.setUscc(INVALID_USCC)), QualityFlags.INVALID_USCC, QualityFlags.UNKNOWN_STATUS);

        open(EmitMode.FINAL);
        if (winnerFirst) {
            send(winningWithInvalid, losingWithValid);
        } else {
            send(losingWithValid, winningWithInvalid);
        }
        harness.processWatermark(Long.MAX_VALUE);

        UnifiedRecord unified = only(harness.extractOutputValues(), RECORD_ID);
        assertThat(unified.getFields().getUpdatedAt()).isEqualTo("2024-03-05T10:30:00");
        assertThat(unified.getFields().getUscc()).isEqualTo(VALID_USCC);
        assertThat(unified.getQualityFlags())
                .as("the winner's other flags stay, INVALID_USCC goes")
                .containsExactly(QualityFlags.UNKNOWN_STATUS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothOrders")
    void aValidUsccFromALosingCopyFillsTheWinnersMissingOne(String name, boolean winnerFirst) throws Exception {
        SupervisionRecord losingWithValid = copy(RECORD_ID, "records/SCJG01/penalty/2024-03.csv", 7,
                "2024-03-01T09:00:00", f -> f.setUscc(VALID_USCC));
        SupervisionRecord winningWithout = copy(RECORD_ID, "records/SCJG01/penalty/credit-platform.csv", 2,
                "2024-03-05T10:30:00", f -> f.setUscc(null));

        open(EmitMode.FINAL);
        if (winnerFirst) {
            send(winningWithout, losingWithValid);
        } else {
            send(losingWithValid, winningWithout);
        }
        harness.processWatermark(Long.MAX_VALUE);

        UnifiedRecord unified = only(harness.extractOutputValues(), RECORD_ID);
        assertThat(unified.getFields().getUpdatedAt()).isEqualTo("2024-03-05T10:30:00");
        assertThat(unified.getFields().getUscc()).isEqualTo(VALID_USCC);
        assertThat(unified.getQualityFlags()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothOrders")
    void twoDifferentValidUsccsAreFlaggedConflictingAndTheWinnersStays(String name, boolean winnerFirst)
            throws Exception {
        SupervisionRecord losing = copy(RECORD_ID, "records/SCJG01/penalty/2024-03.csv", 7,
                "2024-03-01T09:00:00", f -> f.setUscc(OTHER_VALID_USCC));
        SupervisionRecord winning = copy(RECORD_ID, "records/SCJG01/penalty/credit-platform.csv", 2,
                "2024-03-05T10:30:00", f -> f.setUscc(VALID_USCC));

        open(EmitMode.FINAL);
        if (winnerFirst) {
            send(winning, losing);
        } else {
            send(losing, winning);
        }
        harness.processWatermark(Long.MAX_VALUE);

        UnifiedRecord unified = only(harness.extractOutputValues(), RECORD_ID);
        assertThat(unified.getFields().getUscc()).isEqualTo(VALID_USCC);
        assertThat(unified.getQualityFlags()).containsExactly(QualityFlags.CONFLICTING_USCC);
    }

    // ---------------------------------------------------------------- CHANGES

    @Test
    void changesModeEmitsEveryChangeWithAGrowingVersionAndNothingForAnExactReSend() throws Exception {
        open(EmitMode.CHANGES);

        send(PENALTY_FROM_DEPARTMENT);
        assertThat(harness.extractOutputValues()).hasSize(1);
        UnifiedRecord first = last();
        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(first.getFields().getStatus()).isEqualTo(RecordStatus.ACTIVE);
        assertThat(first.getSources()).containsExactly(new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L));

        send(PENALTY_FROM_DEPARTMENT);
        assertThat(harness.extractOutputValues()).as("an exact re-send changes nothing").hasSize(1);

        send(SAME_PENALTY_VIA_CREDIT_PLATFORM);
        assertThat(harness.extractOutputValues()).hasSize(2);
        UnifiedRecord second = last();
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getFields().getUpdatedAt()).isEqualTo("2024-03-05T10:30:00");
        assertThat(second.getSources()).hasSize(2);

        send(REVOCATION);
        assertThat(harness.extractOutputValues()).hasSize(3);
        UnifiedRecord third = last();
        assertThat(third.getVersion()).isEqualTo(3);
        assertThat(third.getFields().getStatus()).isEqualTo(RecordStatus.REVOKED);
        assertThat(third.getSources()).containsExactly(
                new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L),
                new SourceRef("records/SCJG01/penalty/revocations.csv", 1L));

        send(REVOCATION, SAME_PENALTY_VIA_CREDIT_PLATFORM);
        assertThat(harness.extractOutputValues()).as("re-sends of known copies change nothing").hasSize(3);
        assertThat(harness.numEventTimeTimers()).as("CHANGES needs no end-of-input timer").isZero();

        harness.processWatermark(Long.MAX_VALUE);
        assertThat(harness.extractOutputValues()).as("nothing more at the end of input").hasSize(3);
    }

    @Test
    void changesModeReEmitsWhenALateOlderCopyAddsASourceButKeepsTheLatestValues() throws Exception {
        open(EmitMode.CHANGES);
        send(REVOCATION, PENALTY_FROM_DEPARTMENT);

        List<UnifiedRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(UnifiedRecord::getVersion).containsExactly(1L, 2L);
        UnifiedRecord latest = out.get(1);
        assertThat(latest.getFields()).isEqualTo(REVOCATION.getFields());
        assertThat(latest.getSources()).hasSize(2);
    }

    @Test
    void changesModeKeepsVersionsPerKey() throws Exception {
        open(EmitMode.CHANGES);
        send(PENALTY_FROM_DEPARTMENT, ANOTHER_PENALTY, REVOCATION);

        assertThat(harness.extractOutputValues())
                .extracting(UnifiedRecord::getRecordId, UnifiedRecord::getVersion)
                .containsExactly(
                        tuple(RECORD_ID, 1L),
                        tuple(OTHER_RECORD_ID, 1L),
                        tuple(RECORD_ID, 2L));
    }

    // ---------------------------------------------------------------- fixtures

    /** The FINAL state of PENALTY_FROM_DEPARTMENT, SAME_PENALTY_VIA_CREDIT_PLATFORM and REVOCATION. */
    static UnifiedRecord expectedFinalOfThreeCopies() {
        return UnifiedRecord.newBuilder()
                .setRecordId(RECORD_ID)
                .setVersion(2)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(DecisionFields.newBuilder(REVOCATION.getFields()).build())
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setQualityFlags(new ArrayList<>())
                .setSources(List.of(
                        new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                        new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L),
                        new SourceRef("records/SCJG01/penalty/revocations.csv", 1L)))
                .build();
    }

    static SupervisionRecord copy(String recordId, String file, long row, String updatedAt,
                                  Consumer<DecisionFields> change) {
        DecisionFields fields = DecisionFields.newBuilder()
                .setDocNo("朝市监罚〔2024〕12号")
                .setSubjectName("朝阳市鑫源建材有限公司")
                .setSubjectCategory("法人及非法人组织")
                .setLegalRep("张三")
                .setDecisionDate("2024-02-20")
                .setAuthority("朝阳市市场监督管理局")
                .setStatus(RecordStatus.ACTIVE)
                .setUpdatedAt(updatedAt)
                .setDetails(PenaltyDetails.newBuilder()
                        .setViolationType("虚假宣传")
                        .setPenaltyCategory("罚款")
                        .setFineAmount(new BigDecimal("1.500000"))
                        .build())
                .build();
        change.accept(fields);
        return SupervisionRecord.newBuilder()
                .setRecordId(recordId)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(fields)
                .setQualityFlags(new ArrayList<>())
                .setSource(new SourceRef(file, row))
                .build();
    }

    static SupervisionRecord withFlags(SupervisionRecord r, String... flags) {
        return SupervisionRecord.newBuilder(r).setQualityFlags(new ArrayList<>(List.of(flags))).build();
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }

    private void open(EmitMode mode) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DedupFunction(mode)), SupervisionRecord::getRecordId, Types.STRING);
        harness.open();
    }

    /** Sends deep copies, so state never shares objects with the fixtures. */
    private void send(SupervisionRecord... copies) throws Exception {
        for (SupervisionRecord c : copies) {
            harness.processElement(SupervisionRecord.newBuilder(c).build(), 0L);
        }
    }

    private UnifiedRecord last() {
        List<UnifiedRecord> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private static UnifiedRecord only(List<UnifiedRecord> out, String recordId) {
        List<UnifiedRecord> matching = out.stream().filter(r -> r.getRecordId().equals(recordId)).toList();
        assertThat(matching).as("records emitted for %s", recordId).hasSize(1);
        return matching.get(0);
    }
}
