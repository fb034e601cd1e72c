package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The MANUAL tier (docs/contract.md §6, tier 0) over the other tiers' results. */
class ManualDecisionsTest {
    private static final String NAME = "朝阳市某某商贸有限公司";
    private static final String A = "91110000600037341L";
    private static final String B = "91310115MA1K3BTP2B";
    private static int ids;

    @Test
    void anAcceptedCandidateWinsOverTheTiersAndSaysWhoDecidedAndWhy() {
        UnifiedRecord tiers = unlinkedWithCandidates();
        ReviewDecision d = decision(ReviewScope.NAME, NAME, ReviewAction.ACCEPT, B);

        UnifiedRecord out = ManualDecisions.of(List.of(d)).apply(tiers);

        assertThat(out.getEnterpriseId()).isEqualTo(B);
        assertThat(out.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
        assertThat(out.getLinkConfidence()).isEqualTo(1.0);
        assertThat(out.getCandidates()).isEmpty();
        assertThat(out.getLinkEvidence())
                .contains("manual=ACCEPT", "decision=" + d.getDecisionId(), "by=reviewer")
                .contains("tiers=NONE");
    }

    @Test
    void aNameDecisionMeetsTheNameAsTheNameTierReadsIt() {
        UnifiedRecord tiers = unlinkedWithCandidates();
        ReviewDecision d = decision(ReviewScope.NAME, "朝阳市 某某商贸有限公司 ", ReviewAction.ACCEPT, A);

        assertThat(ManualDecisions.of(List.of(d)).apply(tiers).getEnterpriseId()).isEqualTo(A);
    }

    @Test
    void aDecisionOnANameLeavesRecordsWithAValidCodeAndNaturalPersonsAlone() {
        ReviewDecision d = decision(ReviewScope.NAME, NAME, ReviewAction.ACCEPT, B);
        UnifiedRecord coded =
                UnifiedRecord.newBuilder(linked(A, LinkMethod.USCC))
                        .setFields(LinkDeciderTest.record(NAME, f -> f.setUscc(A)).getFields())
                        .build();
        UnifiedRecord person = LinkDeciderTest.record(NAME, f -> f.setSubjectCategory("自然人"));
        person.setLinkMethod(LinkMethod.PERSON);

        ManualDecisions manual = ManualDecisions.of(List.of(d));

        assertThat(manual.apply(coded)).isEqualTo(coded);
        assertThat(manual.apply(person)).isEqualTo(person);
    }

    @Test
    void aRecordsOwnDecisionWinsOverOneOnItsName() {
        UnifiedRecord tiers = unlinkedWithCandidates();
        ManualDecisions manual =
                ManualDecisions.of(
                        List.of(
                                decision(
                                        ReviewScope.RECORD,
                                        tiers.getRecordId(),
                                        ReviewAction.NO_LINK,
                                        null),
                                decision(ReviewScope.NAME, NAME, ReviewAction.ACCEPT, B)));

        UnifiedRecord out = manual.apply(tiers);

        assertThat(out.getEnterpriseId()).isNull();
        assertThat(out.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
        assertThat(out.getLinkEvidence()).contains("manual=NO_LINK", "scope=RECORD");
    }

    @Test
    void aRejectedEnterpriseIsNeverLinkedEvenByACodeTierAndLeavesTheCandidates() {
        ManualDecisions manual =
                ManualDecisions.of(
                        List.of(decision(ReviewScope.NAME, NAME, ReviewAction.REJECT, A)));

        UnifiedRecord fuzzy = linked(A, LinkMethod.FUZZY);
        UnifiedRecord out = manual.apply(fuzzy);
        assertThat(out.getEnterpriseId()).isNull();
        assertThat(out.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
        assertThat(out.getCandidates())
                .extracting(LinkCandidate::getEnterpriseId)
                .containsExactly(B);

        UnifiedRecord unlinked = manual.apply(unlinkedWithCandidates());
        assertThat(unlinked.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(unlinked.getCandidates())
                .extracting(LinkCandidate::getEnterpriseId)
                .containsExactly(B);
        assertThat(unlinked.getLinkEvidence()).contains("manual_rejected=" + A);
    }

    @Test
    void theLatestSettlingDecisionWinsAndAnAcceptLiftsAnEarlierRejection() {
        UnifiedRecord tiers = unlinkedWithCandidates();
        ManualDecisions manual =
                ManualDecisions.of(
                        List.of(
                                decision(ReviewScope.NAME, NAME, ReviewAction.ACCEPT, B),
                                decision(ReviewScope.NAME, NAME, ReviewAction.REJECT, A),
                                decision(ReviewScope.NAME, NAME, ReviewAction.ACCEPT, A)));

        assertThat(manual.apply(tiers).getEnterpriseId()).isEqualTo(A);
    }

    /** Withdrawing every decision gives back exactly what the tiers decided, whatever the log. */
    @Property(tries = 300)
    void withdrawingEveryDecisionGivesTheTiersBack(
            @ForAll("logs") List<ReviewDecision> log, @ForAll("tierResults") UnifiedRecord tiers) {
        List<ReviewDecision> all = new ArrayList<>(log);
        for (ReviewDecision d : log) {
            all.add(withdrawal(d));
        }
        assertThat(ManualDecisions.of(all).apply(tiers)).isEqualTo(tiers);
    }

    /** The tier is a function of the log: applying it twice changes nothing more. */
    @Property(tries = 300)
    void applyingIsIdempotent(
            @ForAll("logs") List<ReviewDecision> log, @ForAll("tierResults") UnifiedRecord tiers) {
        ManualDecisions manual = ManualDecisions.of(log);
        UnifiedRecord once = manual.apply(tiers);
        assertThat(manual.apply(once).getEnterpriseId()).isEqualTo(once.getEnterpriseId());
        assertThat(manual.apply(once).getLinkMethod()).isEqualTo(once.getLinkMethod());
    }

    /** A settled subject's link is the last settling decision's, whatever came before. */
    @Property(tries = 300)
    void aFinalAcceptAlwaysDecides(
            @ForAll("logs") List<ReviewDecision> log, @ForAll("tierResults") UnifiedRecord tiers) {
        List<ReviewDecision> all = new ArrayList<>(log);
        all.add(decision(ReviewScope.NAME, NAME, ReviewAction.ACCEPT, B));
        UnifiedRecord out = ManualDecisions.of(all).apply(tiers);
        boolean ownDecision =
                log.stream()
                        .anyMatch(
                                d ->
                                        d.getScope() == ReviewScope.RECORD
                                                && d.getSubject().equals(tiers.getRecordId()));
        if (!ownDecision) {
            assertThat(out.getEnterpriseId()).isEqualTo(B);
            assertThat(out.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
        }
    }

    @Provide
    Arbitrary<List<ReviewDecision>> logs() {
        Arbitrary<ReviewScope> scope = Arbitraries.of(ReviewScope.RECORD, ReviewScope.NAME);
        Arbitrary<ReviewAction> action =
                Arbitraries.of(ReviewAction.ACCEPT, ReviewAction.REJECT, ReviewAction.NO_LINK);
        Arbitrary<String> enterprise = Arbitraries.of(A, B);
        return Combinators.combine(scope, action, enterprise)
                .as(
                        (s, a, e) ->
                                decision(
                                        s,
                                        s == ReviewScope.RECORD
                                                ? unlinkedWithCandidates().getRecordId()
                                                : NAME,
                                        a,
                                        a == ReviewAction.NO_LINK ? null : e))
                .list()
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<UnifiedRecord> tierResults() {
        return Arbitraries.of(
                unlinkedWithCandidates(),
                linked(A, LinkMethod.FUZZY),
                linked(B, LinkMethod.NAME),
                LinkDeciderTest.record(NAME, f -> {}));
    }

    private static UnifiedRecord unlinkedWithCandidates() {
        UnifiedRecord r = LinkDeciderTest.record(NAME, f -> {}, "AMBIGUOUS_NAME");
        r.setCandidates(
                new ArrayList<>(
                        List.of(new LinkCandidate(A, NAME, 1.0), new LinkCandidate(B, NAME, 1.0))));
        return r;
    }

    private static UnifiedRecord linked(String id, LinkMethod method) {
        UnifiedRecord r = unlinkedWithCandidates();
        r.setEnterpriseId(id);
        r.setLinkMethod(method);
        r.setLinkConfidence(0.9);
        return r;
    }

    static ReviewDecision decision(
            ReviewScope scope, String subject, ReviewAction action, String enterprise) {
        return ReviewDecision.newBuilder()
                .setDecisionId("d" + (++ids))
                .setScope(scope)
                .setSubject(subject)
                .setAction(action)
                .setEnterpriseId(enterprise)
                .setDecidedBy("reviewer")
                .setDecidedAt("2026-12-04T10:00:00+08:00")
                .setReason("营业执照核对")
                .build();
    }

    private static ReviewDecision withdrawal(ReviewDecision d) {
        return ReviewDecision.newBuilder(d)
                .setDecisionId("w" + (++ids))
                .setAction(ReviewAction.WITHDRAW)
                .setEnterpriseId(null)
                .setWithdraws(d.getDecisionId())
                .build();
    }
}
