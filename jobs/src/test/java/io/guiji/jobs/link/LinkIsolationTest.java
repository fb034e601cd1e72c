package io.guiji.jobs.link;

import static io.guiji.jobs.link.LinkResolverTest.E1;
import static io.guiji.jobs.link.LinkResolverTest.NAME;
import static io.guiji.jobs.link.LinkResolverTest.NAME_KEY;
import static io.guiji.jobs.link.LinkResolverTest.PENALTY_BY_REG_NO_AND_NAME;
import static io.guiji.jobs.link.LinkResolverTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the link stage's isolation: a unified record that makes linking throw is still
 * published, unlinked and flagged {@code LINK_ERROR}, exactly once per change; the next record is
 * linked as usual.
 */
class LinkIsolationTest {
    static final String OTHER_ID = "penalty:SCJG01:朝市监罚〔2024〕99号";

    private KeyedTwoInputStreamOperatorTestHarness<String, UnifiedRecord, LookupAnswer, UnifiedRecord> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void open(EmitMode mode, LinkResolver.Decide decide) throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new LinkResolver(mode, "Asia/Shanghai", FuzzyPolicy.DEFAULT, decide)),
                UnifiedRecord::getRecordId, LookupAnswer::getRecordId, Types.STRING);
        harness.open();
    }

    /** Decides as in production, except for the record {@link LinkResolverTest#RECORD_ID}, which it throws on. */
    static UnifiedRecord failingOnTheFirstRecord(UnifiedRecord r, java.util.Map<String, LookupAnswer> answers,
                                                 FuzzyPolicy policy, List<LookupRequest> requests) {
        if (r.getRecordId().equals(LinkResolverTest.RECORD_ID)) {
            throw new IllegalStateException("cannot decide " + r.getRecordId());
        }
        return LinkDecider.decide(r, answers, policy, requests);
    }

    static UnifiedRecord other() {
        UnifiedRecord r = UnifiedRecord.newBuilder(PENALTY_BY_REG_NO_AND_NAME).build();
        r.setRecordId(OTHER_ID);
        return r;
    }

    private void answerEveryKey(String recordId, UnifiedRecord r) throws Exception {
        for (LookupRequest q : LinkKeys.requestsFor(r)) {
            LookupAnswer a = q.getKey().equals(NAME_KEY) ? answer(NAME_KEY, new RegistryMatch(E1, NAME, false)) : answer(q.getKey());
            a.setRecordId(recordId);
            harness.processElement2(a, 0L);
        }
    }

    private List<DeptDelta> deltas() {
        var q = harness.getSideOutput(LinkResolver.DEPT_DELTAS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void streamingARecordLinkingThrowsOnIsPublishedUnlinkedOnceAndTheNextIsLinked() throws Exception {
        open(EmitMode.CHANGES, LinkIsolationTest::failingOnTheFirstRecord);

        harness.processElement1(UnifiedRecord.newBuilder(PENALTY_BY_REG_NO_AND_NAME).build(), 0L);
        answerEveryKey(LinkResolverTest.RECORD_ID, PENALTY_BY_REG_NO_AND_NAME);
        answerEveryKey(LinkResolverTest.RECORD_ID, PENALTY_BY_REG_NO_AND_NAME); // the same answers again
        harness.processElement1(other(), 0L);
        answerEveryKey(OTHER_ID, other());

        List<UnifiedRecord> out = harness.extractOutputValues();
        assertThat(out).extracting(UnifiedRecord::getRecordId).containsExactly(LinkResolverTest.RECORD_ID, OTHER_ID);
        UnifiedRecord failed = out.get(0);
        assertThat(failed.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(failed.getEnterpriseId()).isNull();
        assertThat(failed.getVersion()).isEqualTo(1);
        assertThat(failed.getSources()).isEqualTo(PENALTY_BY_REG_NO_AND_NAME.getSources());
        assertThat(failed.getQualityFlags()).containsExactly(QualityFlags.LINK_ERROR);
        assertThat(failed.getLinkEvidence()).containsExactly(
                "error=stage link: java.lang.IllegalStateException: cannot decide " + LinkResolverTest.RECORD_ID);
        assertThat(out.get(1).getLinkMethod()).as("the next record links as usual").isEqualTo(LinkMethod.NAME);
        assertThat(out.get(1).getEnterpriseId()).isEqualTo(E1);

        assertThat(deltas()).extracting(DeptDelta::getUnified, DeptDelta::getLinked, DeptDelta::getProcessingErrors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0L, 1L), org.assertj.core.groups.Tuple.tuple(1L, 1L, 0L));
    }

    @Test
    void aBoundedRunPublishesARecordLinkingThrowsOnUnlinkedAtTheEnd() throws Exception {
        open(EmitMode.FINAL, LinkIsolationTest::failingOnTheFirstRecord);

        harness.processElement1(UnifiedRecord.newBuilder(PENALTY_BY_REG_NO_AND_NAME).build(), 0L);
        answerEveryKey(LinkResolverTest.RECORD_ID, PENALTY_BY_REG_NO_AND_NAME);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE);
            assertThat(r.getQualityFlags()).contains(QualityFlags.LINK_ERROR);
        });
    }

    @Test
    void aRecordWithoutASubjectNameIsPublishedWithTheValueItLacksEmptyAndFlagged() throws Exception {
        open(EmitMode.CHANGES, LinkDecider::decide);
        UnifiedRecord nameless = UnifiedRecord.newBuilder(PENALTY_BY_REG_NO_AND_NAME).build();
        nameless.getFields().setSubjectName(null); // required by the schema: a real bad input

        harness.processElement1(nameless, 0L);
        for (LookupRequest q : LinkKeys.requestsFor(nameless)) {
            harness.processElement2(answer(q.getKey()), 0L);
        }

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.getQualityFlags()).contains(QualityFlags.UNENCODABLE_VALUE);
            assertThat(r.getLinkEvidence()).contains("unencodable=UnifiedRecord.fields.subject_name");
            assertThat(r.getFields().getSubjectName()).as("a required text that was absent is published empty").isEmpty();
            assertThat(r.getSources()).isEqualTo(PENALTY_BY_REG_NO_AND_NAME.getSources());
        });
        assertThat(deltas()).singleElement().satisfies(d -> assertThat(d.getProcessingErrors()).isEqualTo(1));
    }
}
