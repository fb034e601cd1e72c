package io.guiji.jobs.link;

import static io.guiji.jobs.dedup.Copies.ANOTHER_PENALTY;
import static io.guiji.jobs.dedup.Copies.INVALID_USCC;
import static io.guiji.jobs.dedup.Copies.OTHER_RECORD_ID;
import static io.guiji.jobs.dedup.Copies.OTHER_VALID_USCC;
import static io.guiji.jobs.dedup.Copies.PENALTY_FROM_DEPARTMENT;
import static io.guiji.jobs.dedup.Copies.RECORD_ID;
import static io.guiji.jobs.dedup.Copies.REVOCATION;
import static io.guiji.jobs.dedup.Copies.SAME_PENALTY_VIA_CREDIT_PLATFORM;
import static io.guiji.jobs.dedup.Copies.VALID_USCC;
import static io.guiji.jobs.dedup.Copies.copy;
import static io.guiji.jobs.dedup.Copies.withFlags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.dedup.Copies;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DedupLinkOperator} uniting copies and publishing (docs/contract.md §5, §6): all copies of
 * one identity become one record whatever their arrival order; FINAL publishes each record once at
 * the end of input, linked against the registry as it then stands, and forgets it; CHANGES
 * publishes every change with a growing version. Each publication carries its department's counter
 * deltas.
 */
class DedupLinkOperatorTest {
    static final String DEPT = "SCJG01";
    static final String NAME = "朝阳市鑫源建材有限公司";
    static final String REG_NO = "110108000000016";
    static final String E1 = "91110000600037341L";

    /**
     * Two copies of the penalty with a valid (unregistered) registration number and the same
     * content.
     */
    static final SupervisionRecord BY_REG_NO_AND_NAME =
            copy(
                    RECORD_ID,
                    "records/SCJG01/penalty/2024-03.csv",
                    7,
                    "2024-03-05T10:30:00",
                    f -> f.setRegNo(REG_NO));

    static final SupervisionRecord BY_REG_NO_AND_NAME_AGAIN =
            copy(
                    RECORD_ID,
                    "records/SCJG01/penalty/credit-platform.csv",
                    2,
                    "2024-03-05T10:30:00",
                    f -> f.setRegNo(REG_NO));

    /** The enterprise the penalty names, registered without a registration number. */
    static final RegistryEntry XINYUAN = LinkDeciderTest.entry(E1, NAME, null);

    private LinkStages stages;

    @AfterEach
    void close() throws Exception {
        if (stages != null) {
            stages.close();
        }
    }

    // ---------------------------------------------------------------- FINAL: uniting

    @Test
    void finalModeEmitsOneUnifiedRecordPerKeyOnlyWhenTheInputEndsAndThenForgetsIt()
            throws Exception {
        open(EmitMode.FINAL);
        stages.copies(
                PENALTY_FROM_DEPARTMENT,
                SAME_PENALTY_VIA_CREDIT_PLATFORM,
                ANOTHER_PENALTY,
                REVOCATION);

        assertThat(stages.published()).isEmpty();
        assertThat(stages.harness.numEventTimeTimers())
                .as("one end-of-input timer per key")
                .isEqualTo(2);
        assertThat(stages.harness.numKeyedStateEntries()).isEqualTo(2);

        stages.harness.processBothWatermarks(
                new Watermark(4_102_444_800_000L)); // 2100-01-01: late, not the end
        assertThat(stages.published()).isEmpty();

        stages.end();
        List<UnifiedRecord> out = stages.published();
        assertThat(out)
                .extracting(UnifiedRecord::getRecordId)
                .containsExactlyInAnyOrder(RECORD_ID, OTHER_RECORD_ID);
        assertThat(stages.harness.numEventTimeTimers()).isZero();
        assertThat(stages.harness.numKeyedStateEntries())
                .as("a bounded run publishes each record once: state cleared")
                .isZero();

        UnifiedRecord unified = only(out, RECORD_ID);
        assertThat(unified).isEqualTo(expectedFinalOfThreeCopies());
        assertThat(unified.getFields().getStatus())
                .as("the latest copy, a revocation, wins")
                .isEqualTo(RecordStatus.REVOKED);
        assertThat(unified.getVersion())
                .as("two distinct contents: the penalty and its revocation")
                .isEqualTo(2);
        UnifiedRecord other = only(out, OTHER_RECORD_ID);
        assertThat(other.getVersion()).isEqualTo(1);
        assertThat(other.getSources())
                .containsExactly(new SourceRef("records/SCJG01/penalty/2024-03.csv", 8L));
        assertThat(counts(stages.side(DedupLinkOperator.DEPT_DELTAS)))
                .containsExactlyInAnyOrder(delta(1, 2, 1, 0), delta(1, 0, 1, 0));
        assertThat(stages.count("duplicateCopies")).isEqualTo(2);
    }

    static Stream<Arguments> everyArrivalOrder() {
        List<SupervisionRecord> copies =
                List.of(
                        PENALTY_FROM_DEPARTMENT,
                        SAME_PENALTY_VIA_CREDIT_PLATFORM,
                        REVOCATION,
                        PENALTY_FROM_DEPARTMENT);
        List<String> names =
                List.of(
                        "PENALTY_FROM_DEPARTMENT",
                        "SAME_PENALTY_VIA_CREDIT_PLATFORM",
                        "REVOCATION",
                        "PENALTY_FROM_DEPARTMENT(re-sent)");
        return Copies.permutations(List.of(0, 1, 2, 3)).stream()
                .map(
                        order ->
                                Arguments.of(
                                        order.stream()
                                                .map(names::get)
                                                .collect(Collectors.joining(" → ")),
                                        order.stream()
                                                .map(copies::get)
                                                .collect(Collectors.toList())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyArrivalOrder")
    void everyArrivalOrderGivesTheSameRecordInBothModes(
            String order, List<SupervisionRecord> copies) throws Exception {
        open(EmitMode.FINAL);
        stages.copies(copies.toArray(new SupervisionRecord[0])).end();
        assertThat(stages.published()).containsExactly(expectedFinalOfThreeCopies());
        stages.close();

        open(EmitMode.CHANGES);
        stages.copies(copies.toArray(new SupervisionRecord[0]));
        assertThat(withoutVersion(stages.latest().get(RECORD_ID)))
                .isEqualTo(withoutVersion(expectedFinalOfThreeCopies()));
    }

    static Stream<Arguments> bothOrders() {
        return Stream.of(Arguments.of("winner first", true), Arguments.of("winner last", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothOrders")
    void copiesWithTheSameUpdatedAtGiveOneResultWhicheverCameFirst(String name, boolean firstFirst)
            throws Exception {
        SupervisionRecord a =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/a.csv",
                        3,
                        "2024-03-05T10:30:00",
                        f -> f.setSubjectName("朝阳市鑫源建材有限公司"));
        SupervisionRecord b =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/b.csv",
                        1,
                        "2024-03-05T10:30:00",
                        f -> f.setSubjectName("朝阳市鑫源建材有限责任公司"));
        for (EmitMode mode : EmitMode.values()) {
            String[] names = new String[2];
            for (int order = 0; order < 2; order++) {
                open(mode);
                boolean aFirst = (order == 0) == firstFirst;
                if (aFirst) {
                    stages.copies(a, b);
                } else {
                    stages.copies(b, a);
                }
                stages.end();
                names[order] = stages.latest().get(RECORD_ID).getFields().getSubjectName();
                stages.close();
            }
            assertThat(names[1])
                    .as("%s: equally recent and complete, the content decides, not the order", mode)
                    .isEqualTo(names[0])
                    .isIn("朝阳市鑫源建材有限公司", "朝阳市鑫源建材有限责任公司");
        }
        stages = null;
    }

    @Test
    void finalModeDoesNotAddASourceForAnIdenticalReSend() throws Exception {
        open(EmitMode.FINAL);
        stages.copies(PENALTY_FROM_DEPARTMENT, PENALTY_FROM_DEPARTMENT, PENALTY_FROM_DEPARTMENT)
                .end();

        UnifiedRecord unified = only(stages.published(), RECORD_ID);
        assertThat(unified.getSources())
                .containsExactly(new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L));
        assertThat(unified.getVersion()).isEqualTo(1);
        assertThat(counts(stages.side(DedupLinkOperator.DEPT_DELTAS)))
                .as("a re-send is no duplicate in the counters")
                .containsExactly(delta(1, 0, 1, 0));
        assertThat(stages.count("duplicateCopies"))
                .as("but every copy after the first is counted")
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothOrders")
    void aValidUsccFromALosingCopyReplacesTheWinnersInvalidOne(String name, boolean winnerFirst)
            throws Exception {
        SupervisionRecord losingWithValid =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/2024-03.csv",
                        7,
                        "2024-03-01T09:00:00",
                        f -> f.setUscc(VALID_USCC));
        SupervisionRecord winningWithInvalid =
                withFlags(
                        copy(
                                RECORD_ID,
                                "records/SCJG01/penalty/credit-platform.csv",
                                2,
                                "2024-03-05T10:30:00",
                                f -> f.setUscc(INVALID_USCC)),
                        QualityFlags.INVALID_USCC,
                        QualityFlags.UNKNOWN_STATUS);

        UnifiedRecord unified = finalOfTwo(winningWithInvalid, losingWithValid, winnerFirst);

        assertThat(unified.getFields().getUpdatedAt()).isEqualTo("2024-03-05T10:30:00");
        assertThat(unified.getFields().getUscc()).isEqualTo(VALID_USCC);
        assertThat(unified.getQualityFlags())
                .as("the winner's other flags stay, INVALID_USCC goes")
                .containsExactly(QualityFlags.UNKNOWN_STATUS);
        assertThat(unified.getLinkMethod()).isEqualTo(LinkMethod.USCC);
        assertThat(unified.getEnterpriseId()).isEqualTo(VALID_USCC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothOrders")
    void aValidUsccFromALosingCopyFillsTheWinnersMissingOne(String name, boolean winnerFirst)
            throws Exception {
        SupervisionRecord losingWithValid =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/2024-03.csv",
                        7,
                        "2024-03-01T09:00:00",
                        f -> f.setUscc(VALID_USCC));
        SupervisionRecord winningWithout =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/credit-platform.csv",
                        2,
                        "2024-03-05T10:30:00",
                        f -> f.setUscc(null));

        UnifiedRecord unified = finalOfTwo(winningWithout, losingWithValid, winnerFirst);

        assertThat(unified.getFields().getUpdatedAt()).isEqualTo("2024-03-05T10:30:00");
        assertThat(unified.getFields().getUscc()).isEqualTo(VALID_USCC);
        assertThat(unified.getQualityFlags()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothOrders")
    void twoDifferentValidUsccsAreFlaggedConflictingAndTheWinnersStays(
            String name, boolean winnerFirst) throws Exception {
        SupervisionRecord losing =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/2024-03.csv",
                        7,
                        "2024-03-01T09:00:00",
                        f -> f.setUscc(OTHER_VALID_USCC));
        SupervisionRecord winning =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/credit-platform.csv",
                        2,
                        "2024-03-05T10:30:00",
                        f -> f.setUscc(VALID_USCC));

        UnifiedRecord unified = finalOfTwo(winning, losing, winnerFirst);

        assertThat(unified.getFields().getUscc()).isEqualTo(VALID_USCC);
        assertThat(unified.getQualityFlags()).containsExactly(QualityFlags.CONFLICTING_USCC);
    }

    /**
     * The record FINAL publishes from two copies, with the enterprise of {@link Copies#VALID_USCC}
     * registered.
     */
    private UnifiedRecord finalOfTwo(
            SupervisionRecord winner, SupervisionRecord loser, boolean winnerFirst)
            throws Exception {
        open(EmitMode.FINAL);
        stages.registry(LinkDeciderTest.entry(VALID_USCC, NAME, null));
        if (winnerFirst) {
            stages.copies(winner, loser);
        } else {
            stages.copies(loser, winner);
        }
        stages.end();
        return only(stages.published(), RECORD_ID);
    }

    // ---------------------------------------------------------------- FINAL: linking

    static Stream<Arguments> recordAndRegistryOrders() {
        return Stream.of(
                Arguments.of("record before registry", true),
                Arguments.of("registry before record", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordAndRegistryOrders")
    void finalModeEmitsOnceAtTheEndWithTheLinkTheWholeRegistryDecides(
            String order, boolean recordFirst) throws Exception {
        open(EmitMode.FINAL);
        if (recordFirst) {
            stages.copies(BY_REG_NO_AND_NAME, BY_REG_NO_AND_NAME_AGAIN).registry(XINYUAN);
        } else {
            stages.registry(XINYUAN).copies(BY_REG_NO_AND_NAME, BY_REG_NO_AND_NAME_AGAIN);
        }
        assertThat(stages.published()).as("nothing before the end of input").isEmpty();
        assertThat(stages.harness.numEventTimeTimers()).isEqualTo(1);

        stages.end();

        UnifiedRecord linked = only(stages.published(), RECORD_ID);
        assertThat(linked.getEnterpriseId()).isEqualTo(E1);
        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(linked.getLinkConfidence()).isEqualTo(LinkDecider.NAME_CONFIDENCE);
        assertThat(linked.getVersion()).as("one content in two copies").isEqualTo(1);
        assertThat(linked.getSources())
                .containsExactly(
                        new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                        new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L));
        assertThat(linked.getFields()).isEqualTo(BY_REG_NO_AND_NAME_AGAIN.getFields());
        assertThat(counts(stages.side(DedupLinkOperator.DEPT_DELTAS)))
                .containsExactly(delta(1, 1, 1, 1));
        assertThat(stages.linkChanges()).isEmpty();
        assertThat(stages.harness.numEventTimeTimers()).isZero();
    }

    @Test
    void finalModeLinksAgainstTheEntryWithTheGreatestSourceWhateverArrivedLast() throws Exception {
        open(EmitMode.FINAL);
        stages.registry(withSource(XINYUAN, "registry/b.csv", 1))
                .registry(
                        withSource(
                                LinkDeciderTest.entry(E1, "朝阳市宏达商贸有限公司", null),
                                "registry/a.csv",
                                9))
                .copy(BY_REG_NO_AND_NAME)
                .end();
        assertThat(only(stages.published(), RECORD_ID).getLinkMethod()).isEqualTo(LinkMethod.NAME);
        stages.close();

        open(EmitMode.FINAL);
        stages.registry(withSource(XINYUAN, "registry/a.csv", 9))
                .registry(
                        withSource(
                                LinkDeciderTest.entry(E1, "朝阳市宏达商贸有限公司", null),
                                "registry/b.csv",
                                1))
                .copy(BY_REG_NO_AND_NAME)
                .end();
        assertThat(only(stages.published(), RECORD_ID).getLinkMethod())
                .as("the enterprise was renamed away")
                .isEqualTo(LinkMethod.NONE);
        assertThat(counts(stages.side(DedupLinkOperator.DEPT_DELTAS)))
                .containsExactly(delta(1, 0, 1, 0));
    }

    static final RegistryEntry ROW_A5 =
            registryRow("朝阳市鑫源建材有限公司（旧行）", List.of(), "registry/a.csv", 5);
    static final RegistryEntry ROW_B1 = registryRow(NAME, List.of("朝阳市鑫源建材厂"), "registry/b.csv", 1);
    static final RegistryEntry ROW_A9 =
            registryRow("朝阳市鑫源建材（集团）有限公司", List.of(), "registry/a.csv", 9);

    static RegistryEntry registryRow(String name, List<String> formerNames, String file, long row) {
        return RegistryEntry.newBuilder(
                        LinkDeciderTest.entry(E1, name, null, formerNames.toArray(new String[0])))
                .setSource(new SourceRef(file, row))
                .build();
    }

    static Stream<Arguments> everyOrderOfTheDuplicates() {
        List<RegistryEntry> rows = List.of(ROW_A5, ROW_B1, ROW_A9);
        List<String> names = List.of("a.csv#5", "b.csv#1", "a.csv#9");
        return Copies.permutations(List.of(0, 1, 2)).stream()
                .map(
                        o ->
                                Arguments.of(
                                        o.stream()
                                                .map(names::get)
                                                .collect(Collectors.joining(" → ")),
                                        o.stream().map(rows::get).collect(Collectors.toList())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOrderOfTheDuplicates")
    void finalModeKeepsTheRegistryDuplicateWithTheGreatestSource(
            String order, List<RegistryEntry> rows) throws Exception {
        open(EmitMode.FINAL);
        for (RegistryEntry r : rows) {
            stages.registry(r);
        }
        stages.copy(BY_REG_NO_AND_NAME)
                .copy(
                        copy(
                                OTHER_RECORD_ID,
                                "records/SCJG01/penalty/2024-03.csv",
                                8,
                                "2024-03-01T09:00:00",
                                f -> f.setSubjectName("朝阳市鑫源建材厂")))
                .end();

        assertThat(stages.latest().get(RECORD_ID).getLinkMethod())
                .as("b.csv#1's name")
                .isEqualTo(LinkMethod.NAME);
        assertThat(stages.latest().get(OTHER_RECORD_ID).getLinkMethod())
                .as("b.csv#1's former name")
                .isEqualTo(LinkMethod.FORMER_NAME);
    }

    @Test
    void finalModeLinksNothingToAWithdrawnEntry() throws Exception {
        open(EmitMode.FINAL);
        stages.registry(ROW_A5)
                .registry(RegistryEntry.newBuilder(ROW_B1).setDeleted(true).build())
                .copy(BY_REG_NO_AND_NAME)
                .end();

        UnifiedRecord r = only(stages.published(), RECORD_ID);
        assertThat(r.getLinkMethod()).isNotIn(LinkMethod.NAME, LinkMethod.FORMER_NAME);
    }

    @Test
    void finalModePublishesNothingForARegistryWithoutRecords() throws Exception {
        open(EmitMode.FINAL);
        stages.registry(XINYUAN).end();

        assertThat(stages.published()).isEmpty();
        assertThat(counts(stages.side(DedupLinkOperator.DEPT_DELTAS))).isEmpty();
    }

    // ---------------------------------------------------------------- CHANGES

    @Test
    void changesModeEmitsEveryChangeWithAGrowingVersionAndNothingForAnExactReSend()
            throws Exception {
        open(EmitMode.CHANGES);

        stages.copy(PENALTY_FROM_DEPARTMENT);
        assertThat(stages.published()).hasSize(1);
        UnifiedRecord first = last();
        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(first.getFields().getStatus()).isEqualTo(RecordStatus.ACTIVE);
        assertThat(first.getSources())
                .containsExactly(new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L));

        stages.copy(PENALTY_FROM_DEPARTMENT);
        assertThat(stages.published()).as("an exact re-send changes nothing").hasSize(1);

        stages.copy(SAME_PENALTY_VIA_CREDIT_PLATFORM);
        assertThat(stages.published()).hasSize(2);
        UnifiedRecord second = last();
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getFields().getUpdatedAt()).isEqualTo("2024-03-05T10:30:00");
        assertThat(second.getSources()).hasSize(2);

        stages.copy(REVOCATION);
        assertThat(stages.published()).hasSize(3);
        UnifiedRecord third = last();
        assertThat(third.getVersion()).isEqualTo(3);
        assertThat(third.getFields().getStatus()).isEqualTo(RecordStatus.REVOKED);
        assertThat(third.getSources())
                .containsExactly(
                        new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                        new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L),
                        new SourceRef("records/SCJG01/penalty/revocations.csv", 1L));

        stages.copies(REVOCATION, SAME_PENALTY_VIA_CREDIT_PLATFORM);
        assertThat(stages.published()).as("re-sends of known copies change nothing").hasSize(3);
        assertThat(stages.harness.numEventTimeTimers())
                .as("CHANGES needs no end-of-input timer")
                .isZero();

        stages.end();
        assertThat(stages.published()).as("nothing more at the end of input").hasSize(3);
        assertThat(stages.harness.numKeyedStateEntries())
                .as("the record's state and the hashes of its keys are kept for later copies")
                .isEqualTo(2);
        assertThat(counts(stages.side(DedupLinkOperator.DEPT_DELTAS)))
                .containsExactly(delta(1, 0, 1, 0), delta(0, 1, 0, 0), delta(0, 1, 0, 0));
        assertThat(stages.count("duplicateCopies")).isEqualTo(5);
    }

    @Test
    void changesModeReEmitsWhenALateOlderCopyAddsASourceButKeepsTheLatestValues() throws Exception {
        open(EmitMode.CHANGES);
        stages.copies(REVOCATION, PENALTY_FROM_DEPARTMENT);

        List<UnifiedRecord> out = stages.published();
        assertThat(out).extracting(UnifiedRecord::getVersion).containsExactly(1L, 2L);
        assertThat(out.get(1).getFields()).isEqualTo(REVOCATION.getFields());
        assertThat(out.get(1).getSources()).hasSize(2);
    }

    @Test
    void changesModeKeepsVersionsPerKey() throws Exception {
        open(EmitMode.CHANGES);
        stages.copies(PENALTY_FROM_DEPARTMENT, ANOTHER_PENALTY, REVOCATION);

        assertThat(stages.published())
                .extracting(UnifiedRecord::getRecordId, UnifiedRecord::getVersion)
                .containsExactly(
                        tuple(RECORD_ID, 1L), tuple(OTHER_RECORD_ID, 1L), tuple(RECORD_ID, 2L));
    }

    @Test
    void changesModeRepublishesANewCopyWithTheSameLinkAndNoLinkChange() throws Exception {
        open(EmitMode.CHANGES);
        stages.registry(XINYUAN).copy(BY_REG_NO_AND_NAME);
        assertThat(stages.published())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getEnterpriseId()).isEqualTo(E1);
                            assertThat(r.getVersion()).isEqualTo(1);
                        });

        stages.copy(BY_REG_NO_AND_NAME_AGAIN);

        assertThat(stages.published()).hasSize(2);
        UnifiedRecord second = last();
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getSources()).hasSize(2);
        assertThat(second.getEnterpriseId()).isEqualTo(E1);
        assertThat(stages.linkChanges()).isEmpty();
        List<DeptDelta> deltas = counts(stages.side(DedupLinkOperator.DEPT_DELTAS));
        assertThat(deltas).containsExactly(delta(1, 0, 1, 1), delta(0, 1, 0, 0));
        assertThat(sum(deltas)).isEqualTo(delta(1, 1, 1, 1));
    }

    @ParameterizedTest
    @EnumSource(EmitMode.class)
    void aNaturalPersonIsPublishedWithoutALink(EmitMode mode) throws Exception {
        open(mode);
        stages.registry(XINYUAN);
        stages.copy(
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/2024-03.csv",
                        7,
                        "2024-03-01T09:00:00",
                        f -> {
                            f.setSubjectName("李四");
                            f.setSubjectCategory("自然人");
                            f.setIdNo("11010519491231002X");
                        }));
        stages.end();

        assertThat(stages.published())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.PERSON);
                            assertThat(r.getEnterpriseId()).isNull();
                            assertThat(r.getVersion()).isEqualTo(1);
                        });
        assertThat(counts(stages.side(DedupLinkOperator.DEPT_DELTAS)))
                .containsExactly(delta(1, 0, 0, 0));
    }

    // ---------------------------------------------------------------- fixtures

    /**
     * The FINAL state of PENALTY_FROM_DEPARTMENT, SAME_PENALTY_VIA_CREDIT_PLATFORM and REVOCATION,
     * with an empty registry.
     */
    static UnifiedRecord expectedFinalOfThreeCopies() {
        return UnifiedRecord.newBuilder()
                .setRecordId(RECORD_ID)
                .setVersion(2)
                .setRecordType(RecordType.penalty)
                .setDeptCode(DEPT)
                .setFields(DecisionFields.newBuilder(REVOCATION.getFields()).build())
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setLinkEvidence(new ArrayList<>())
                .setQualityFlags(new ArrayList<>())
                .setSources(
                        List.of(
                                new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                                new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L),
                                new SourceRef("records/SCJG01/penalty/revocations.csv", 1L)))
                .build();
    }

    static RegistryEntry withSource(RegistryEntry e, String file, long row) {
        return RegistryEntry.newBuilder(e).setSource(new SourceRef(file, row)).build();
    }

    /** A delta of the record's department from publishing (parse counters stay 0). */
    static DeptDelta delta(long unified, long duplicates, long nonPerson, long linked) {
        return DeptDelta.newBuilder()
                .setDeptCode(DEPT)
                .setUnified(unified)
                .setDuplicates(duplicates)
                .setNonPerson(nonPerson)
                .setLinked(linked)
                .build();
    }

    /**
     * The deltas' counts alone: the decision date and first receipt they carry for the coverage
     * stage (period, timeliness) are checked in {@link TimelinessDeltasTest}.
     */
    static List<DeptDelta> counts(List<DeptDelta> deltas) {
        return deltas.stream()
                .map(
                        d ->
                                DeptDelta.newBuilder(d)
                                        .setDecisionDay(null)
                                        .setReceivedDay(null)
                                        .setTimeliness(0)
                                        .build())
                .toList();
    }

    static DeptDelta sum(List<DeptDelta> deltas) {
        DeptDelta s = delta(0, 0, 0, 0);
        for (DeptDelta d : deltas) {
            assertThat(d.getDeptCode()).isEqualTo(DEPT);
            s.setUnified(s.getUnified() + d.getUnified());
            s.setDuplicates(s.getDuplicates() + d.getDuplicates());
            s.setNonPerson(s.getNonPerson() + d.getNonPerson());
            s.setLinked(s.getLinked() + d.getLinked());
            s.setProcessingErrors(s.getProcessingErrors() + d.getProcessingErrors());
        }
        return s;
    }

    static UnifiedRecord withoutVersion(UnifiedRecord r) {
        return UnifiedRecord.newBuilder(r).setVersion(0).build();
    }

    static UnifiedRecord only(List<UnifiedRecord> out, String recordId) {
        List<UnifiedRecord> matching =
                out.stream().filter(r -> r.getRecordId().equals(recordId)).toList();
        assertThat(matching).as("records published for %s", recordId).hasSize(1);
        return matching.get(0);
    }

    private UnifiedRecord last() {
        List<UnifiedRecord> out = stages.published();
        return out.get(out.size() - 1);
    }

    private void open(EmitMode mode) throws Exception {
        stages = new LinkStages(mode);
    }
}
