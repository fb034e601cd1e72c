package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Harness tests of {@link LinkResolver}: a unified record meets the registry's answers to its
 * lookup keys, whatever arrives first, and is published with its decided link (docs/contract.md §6).
 */
class LinkResolverTest {
    static final String RECORD_ID = "penalty:SCJG01:朝市监罚〔2024〕12号";
    static final String DEPT = "SCJG01";
    static final String NAME = "朝阳市鑫源建材有限公司";
    static final String REG_NO = "110108000000016";
    static final String E1 = "91110000600037341L";
    static final String NAME_KEY = LinkKeys.NAME + NAME;
    static final String REG_NO_KEY = LinkKeys.REG_NO + REG_NO;

    /** Dedup's output: two copies, a valid registration number, no USCC; version 1, not yet linked. */
    static final UnifiedRecord PENALTY_BY_REG_NO_AND_NAME = unified(1, List.of(
            new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
            new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L)));

    private KeyedTwoInputStreamOperatorTestHarness<String, UnifiedRecord, LookupAnswer, UnifiedRecord> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    // ---------------------------------------------------------------- FINAL

    static Stream<Arguments> arrivalOrders() {
        return Stream.of(Arguments.of("record before answers", true), Arguments.of("answers before record", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrivalOrders")
    void finalModeEmitsOnceAtTheEndWithTheDecidedLink(String order, boolean recordFirst) throws Exception {
        open(EmitMode.FINAL);
        if (recordFirst) {
            harness.processElement1(copyOf(PENALTY_BY_REG_NO_AND_NAME), 0L);
        }
        answerEveryKeyButTheNameEmpty();
        harness.processElement2(answer(NAME_KEY, new RegistryMatch(E1, NAME, false)), 0L);
        if (!recordFirst) {
            harness.processElement1(copyOf(PENALTY_BY_REG_NO_AND_NAME), 0L);
        }
        assertThat(harness.extractOutputValues()).as("nothing before the end of input").isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        List<UnifiedRecord> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        UnifiedRecord linked = out.get(0);
        assertThat(linked.getEnterpriseId()).isEqualTo(E1);
        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(linked.getLinkConfidence()).isEqualTo(LinkDecider.NAME_CONFIDENCE);
        assertThat(linked.getVersion()).as("the version dedup counted").isEqualTo(1);
        assertThat(linked.getSources()).isEqualTo(PENALTY_BY_REG_NO_AND_NAME.getSources());
        assertThat(linked.getFields()).isEqualTo(PENALTY_BY_REG_NO_AND_NAME.getFields());

        assertThat(values(harness.getSideOutput(LinkResolver.DEPT_DELTAS))).containsExactly(
                delta(1, 1, 1, 1));
        assertThat(values(harness.getSideOutput(LinkResolver.LINK_CHANGES))).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void finalModePublishesNothingForAnswersWhoseRecordNeverArrived() throws Exception {
        open(EmitMode.FINAL);
        harness.processElement2(answer(NAME_KEY, new RegistryMatch(E1, NAME, false)), 0L);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(values(harness.getSideOutput(LinkResolver.DEPT_DELTAS))).isEmpty();
    }

    @Test
    void finalModeUsesOnlyTheLatestAnswerOfAKey() throws Exception {
        open(EmitMode.FINAL);
        harness.processElement1(copyOf(PENALTY_BY_REG_NO_AND_NAME), 0L);
        answerEveryKeyButTheNameEmpty();
        harness.processElement2(answer(NAME_KEY, new RegistryMatch(E1, NAME, false)), 0L);
        harness.processElement2(answer(NAME_KEY), 0L);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(r -> assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE));
        assertThat(values(harness.getSideOutput(LinkResolver.DEPT_DELTAS))).containsExactly(delta(1, 1, 1, 0));
    }

    // ---------------------------------------------------------------- CHANGES

    @Test
    void changesModeWaitsForEveryKeyThenReLinksWhenARegistryEntryArrivesLater() throws Exception {
        open(EmitMode.CHANGES);

        assertThat(LinkKeys.requestsFor(PENALTY_BY_REG_NO_AND_NAME)).extracting(LookupRequest::getKey)
                .contains(REG_NO_KEY, NAME_KEY);
        harness.processElement1(copyOf(PENALTY_BY_REG_NO_AND_NAME), 0L);
        assertThat(harness.extractOutputValues()).as("no key answered yet").isEmpty();
        answerEveryKeyButTheNameEmpty();
        assertThat(harness.extractOutputValues()).as("the name key is not answered yet").isEmpty();

        harness.processElement2(answer(NAME_KEY), 0L);
        assertThat(harness.extractOutputValues()).hasSize(1);
        UnifiedRecord first = harness.extractOutputValues().get(0);
        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(first.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(first.getEnterpriseId()).isNull();
        assertThat(values(harness.getSideOutput(LinkResolver.LINK_CHANGES))).as("a first publication is no change").isEmpty();

        // The registry entry arrives: the name key is answered again, now with one enterprise.
        harness.processElement2(answer(NAME_KEY, new RegistryMatch(E1, NAME, false)), 0L);
        assertThat(harness.extractOutputValues()).hasSize(2);
        UnifiedRecord second = harness.extractOutputValues().get(1);
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(second.getEnterpriseId()).isEqualTo(E1);

        List<LinkChange> changes = values(harness.getSideOutput(LinkResolver.LINK_CHANGES));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getRecordId()).isEqualTo(RECORD_ID);
            assertThat(c.getOldEnterpriseId()).isNull();
            assertThat(c.getNewEnterpriseId()).isEqualTo(E1);
            assertThat(c.getOldMethod()).isEqualTo(LinkMethod.NONE);
            assertThat(c.getNewMethod()).isEqualTo(LinkMethod.NAME);
            assertThat(c.getVersion()).isEqualTo(2);
            assertThat(c.getChangedAt()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        });

        List<DeptDelta> deltas = values(harness.getSideOutput(LinkResolver.DEPT_DELTAS));
        assertThat(deltas).containsExactly(delta(1, 1, 1, 0), delta(0, 0, 0, 1));
        assertThat(sum(deltas)).as("the department's counters after both publications").isEqualTo(delta(1, 1, 1, 1));

        // The same answer again changes nothing.
        harness.processElement2(answer(NAME_KEY, new RegistryMatch(E1, NAME, false)), 0L);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(values(harness.getSideOutput(LinkResolver.DEPT_DELTAS))).hasSize(2);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void changesModeRepublishesANewDedupVersionWithoutALinkChange() throws Exception {
        open(EmitMode.CHANGES);
        answerEveryKeyButTheNameEmpty();
        harness.processElement2(answer(NAME_KEY, new RegistryMatch(E1, NAME, false)), 0L);
        harness.processElement1(copyOf(PENALTY_BY_REG_NO_AND_NAME), 0L);
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(r -> assertThat(r.getEnterpriseId()).isEqualTo(E1));

        UnifiedRecord thirdCopy = unified(2, List.of(
                new SourceRef("records/SCJG01/penalty/2024-03.csv", 7L),
                new SourceRef("records/SCJG01/penalty/credit-platform.csv", 2L),
                new SourceRef("records/SCJG01/penalty/credit-platform.csv", 9L)));
        harness.processElement1(thirdCopy, 0L);

        assertThat(harness.extractOutputValues()).hasSize(2);
        UnifiedRecord second = harness.extractOutputValues().get(1);
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getSources()).hasSize(3);
        assertThat(second.getEnterpriseId()).isEqualTo(E1);
        assertThat(values(harness.getSideOutput(LinkResolver.LINK_CHANGES))).isEmpty();
        List<DeptDelta> deltas = values(harness.getSideOutput(LinkResolver.DEPT_DELTAS));
        assertThat(deltas).containsExactly(delta(1, 1, 1, 1), delta(0, 1, 0, 0));
        assertThat(sum(deltas)).isEqualTo(delta(1, 2, 1, 1));
    }

    @Test
    void changesModeReEmitsAnUnchangedRecordOnlyOnce() throws Exception {
        open(EmitMode.CHANGES);
        answerEveryKeyButTheNameEmpty();
        harness.processElement2(answer(NAME_KEY), 0L);
        harness.processElement1(copyOf(PENALTY_BY_REG_NO_AND_NAME), 0L);
        harness.processElement1(copyOf(PENALTY_BY_REG_NO_AND_NAME), 0L);

        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void changesModePublishesANaturalPersonAtOnceWithoutAsking() throws Exception {
        open(EmitMode.CHANGES);
        UnifiedRecord person = UnifiedRecord.newBuilder(PENALTY_BY_REG_NO_AND_NAME)
                .setFields(DecisionFields.newBuilder(PENALTY_BY_REG_NO_AND_NAME.getFields())
                        .setSubjectName("李四").setSubjectCategory("自然人").setRegNo(null)
                        .setIdNo("11010519491231002X").build())
                .build();

        harness.processElement1(person, 0L);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.PERSON);
            assertThat(r.getEnterpriseId()).isNull();
            assertThat(r.getVersion()).isEqualTo(1);
        });
        assertThat(values(harness.getSideOutput(LinkResolver.DEPT_DELTAS))).containsExactly(delta(1, 1, 0, 0));
    }

    // ---------------------------------------------------------------- fixtures

    static UnifiedRecord unified(long version, List<SourceRef> sources) {
        return UnifiedRecord.newBuilder()
                .setRecordId(RECORD_ID)
                .setVersion(version)
                .setRecordType(RecordType.penalty)
                .setDeptCode(DEPT)
                .setFields(DecisionFields.newBuilder()
                        .setDocNo("朝市监罚〔2024〕12号")
                        .setSubjectName(NAME)
                        .setSubjectCategory("法人及非法人组织")
                        .setRegNo(REG_NO)
                        .setDecisionDate("2024-02-20")
                        .setStatus(RecordStatus.ACTIVE)
                        .setUpdatedAt("2024-03-05T10:30:00")
                        .build())
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setQualityFlags(new ArrayList<>())
                .setSources(new ArrayList<>(sources))
                .build();
    }

    static LookupAnswer answer(String key, RegistryMatch... matches) {
        return new LookupAnswer(RECORD_ID, key, new ArrayList<>(List.of(matches)), false);
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

    static DeptDelta sum(List<DeptDelta> deltas) {
        DeptDelta s = delta(0, 0, 0, 0);
        for (DeptDelta d : deltas) {
            assertThat(d.getDeptCode()).isEqualTo(DEPT);
            s.setReceived(s.getReceived() + d.getReceived());
            s.setAccepted(s.getAccepted() + d.getAccepted());
            s.setRejected(s.getRejected() + d.getRejected());
            s.setUnified(s.getUnified() + d.getUnified());
            s.setDuplicates(s.getDuplicates() + d.getDuplicates());
            s.setNonPerson(s.getNonPerson() + d.getNonPerson());
            s.setLinked(s.getLinked() + d.getLinked());
        }
        return s;
    }

    /** An empty answer for every key the record asks about except its name key (its registration number is unknown). */
    private void answerEveryKeyButTheNameEmpty() throws Exception {
        for (LookupRequest r : LinkKeys.requestsFor(PENALTY_BY_REG_NO_AND_NAME)) {
            if (!r.getKey().equals(NAME_KEY)) {
                harness.processElement2(answer(r.getKey()), 0L);
            }
        }
    }

    private static UnifiedRecord copyOf(UnifiedRecord r) {
        return UnifiedRecord.newBuilder(r).build();
    }

    private static <T> List<T> values(Collection<StreamRecord<T>> records) {
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private void open(EmitMode mode) throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LinkResolver(mode, "Asia/Shanghai")),
                UnifiedRecord::getRecordId, LookupAnswer::getRecordId, Types.STRING);
        harness.open();
    }
}
