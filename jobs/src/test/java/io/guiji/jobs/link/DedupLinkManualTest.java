package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.dedup.CopyMerger;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.IndexedEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reviewers' decisions reaching the linking operator on its broadcast input (the MANUAL tier in
 * streaming): the records they concern are linked again and re-published, once, with a link change;
 * a decision seen again changes nothing; the decisions survive a restore; in a bounded run every
 * record is linked with the decisions known.
 */
class DedupLinkManualTest {
    private static final String NAME = "朝阳市鑫源建材有限公司";
    private static final String E1 = "91110000600037341L";
    private static final String E2 = "91310115MA1K3BTP2B";
    private static final String TOPIC = "registry-0";
    private static final String R1 = "penalty:SCJG01:R1";
    private static final String R2 = "penalty:SCJG01:R2";

    private final List<RegistryEntry> topic = new ArrayList<>();
    private LinkStages stages;

    @AfterEach
    void close() throws Exception {
        if (stages != null) {
            stages.close();
        }
    }

    @Test
    void aDecisionOnANameRepublishesEveryRecordOfThatNameOnceWithALinkChange() throws Exception {
        stages = changes();
        twoEnterprisesOfOneName();
        stages.copy(named(R1, NAME)).copy(named(R2, "朝阳市 鑫源建材有限公司"));
        assertThat(stages.latest().values())
                .allSatisfy(r -> assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE));
        int before = stages.published().size();

        ReviewDecision accept = decision("d1", ReviewScope.NAME, NAME, ReviewAction.ACCEPT, E2);
        decide(accept);
        decide(accept); // delivered twice: no second publication

        List<UnifiedRecord> republished =
                stages.published().subList(before, stages.published().size());
        assertThat(republished)
                .extracting(UnifiedRecord::getRecordId)
                .containsExactlyInAnyOrder(R1, R2);
        assertThat(republished)
                .allSatisfy(
                        r -> {
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
                            assertThat(r.getEnterpriseId()).isEqualTo(E2);
                            assertThat(r.getVersion()).isEqualTo(2L);
                        });
        assertThat(stages.linkChanges())
                .extracting(LinkChange::getRecordId, LinkChange::getNewEnterpriseId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(R1, E2),
                        org.assertj.core.groups.Tuple.tuple(R2, E2));
    }

    @Test
    void aDecisionOnOneRecordRepublishesOnlyThatRecord() throws Exception {
        stages = changes();
        twoEnterprisesOfOneName();
        stages.copy(named(R1, NAME)).copy(named(R2, NAME));
        int before = stages.published().size();

        decide(decision("d1", ReviewScope.RECORD, R1, ReviewAction.NO_LINK, null));

        List<UnifiedRecord> republished =
                stages.published().subList(before, stages.published().size());
        assertThat(republished)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getRecordId()).isEqualTo(R1);
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
                            assertThat(r.getEnterpriseId()).isNull();
                        });
    }

    @Test
    void decisionsSurviveARestoreAndAWithdrawalAfterItGivesTheTiersBack() throws Exception {
        OperatorSubtaskState checkpoint;
        try (LinkStages before = changes()) {
            stages = before;
            twoEnterprisesOfOneName();
            stages.copy(named(R1, NAME));
            decide(decision("d1", ReviewScope.NAME, NAME, ReviewAction.ACCEPT, E1));
            assertThat(stages.latest().get(R1).getEnterpriseId()).isEqualTo(E1);
            checkpoint = stages.harness.snapshot(1L, 1L);
        }
        stages = new LinkStages(operator(), checkpoint);

        stages.copy(named(R2, NAME));
        assertThat(stages.latest().get(R2).getLinkMethod())
                .as("a new record of the name, after the restore")
                .isEqualTo(LinkMethod.MANUAL);

        ReviewDecision withdraw =
                ReviewDecision.newBuilder(
                                decision("w1", ReviewScope.NAME, NAME, ReviewAction.WITHDRAW, null))
                        .setWithdraws("d1")
                        .build();
        decide(withdraw);
        assertThat(stages.latest().get(R1).getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(stages.latest().get(R1).getVersion()).isEqualTo(3L);
        assertThat(stages.latest().get(R2).getLinkMethod()).isEqualTo(LinkMethod.NONE);
    }

    @Test
    void aBoundedRunLinksWithEveryDecisionKnown() throws Exception {
        stages = new LinkStages(EmitMode.FINAL);
        stages.registry(LinkDeciderTest.entry(E1, NAME, null))
                .registry(LinkDeciderTest.entry(E2, NAME, null));
        decide(decision("d1", ReviewScope.NAME, NAME, ReviewAction.ACCEPT, E2));
        stages.copy(named(R1, NAME)).end();

        assertThat(stages.published())
                .singleElement()
                .satisfies(r -> assertThat(r.getEnterpriseId()).isEqualTo(E2));
    }

    private LinkStages changes() throws Exception {
        return new LinkStages(operator());
    }

    private DedupLinkOperator operator() {
        return LinkStages.metered(
                EmitMode.CHANGES,
                new DedupLinkRestoreTest.ListReplay(topic),
                CopyMerger::add,
                LocalLinker::link);
    }

    private void twoEnterprisesOfOneName() throws Exception {
        for (String id : List.of(E1, E2)) {
            RegistryEntry e =
                    RegistryEntry.newBuilder(LinkDeciderTest.entry(id, NAME, null))
                            .setSource(new SourceRef(TOPIC, (long) topic.size()))
                            .build();
            topic.add(e);
            stages.registry(e);
        }
    }

    private void decide(ReviewDecision d) throws Exception {
        stages.harness.processElement2(new StreamRecord<>(new IndexedEntry(null, null, d)));
    }

    private static io.guiji.schemas.SupervisionRecord named(String recordId, String name) {
        UnifiedRecord r = LinkDeciderTest.record(name, f -> {});
        r.setRecordId(recordId);
        return LinkStages.copyOf(r);
    }

    private static ReviewDecision decision(
            String id, ReviewScope scope, String subject, ReviewAction action, String enterprise) {
        return ReviewDecision.newBuilder()
                .setDecisionId(id)
                .setScope(scope)
                .setSubject(subject)
                .setAction(action)
                .setEnterpriseId(enterprise)
                .setDecidedBy("reviewer")
                .setDecidedAt("2026-12-04T10:00:00+08:00")
                .setReason("核对")
                .build();
    }
}
