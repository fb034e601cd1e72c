package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Candidate;
import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Outcome;
import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Scored;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fuzzy tier's decision at its edges: thresholds met exactly, which name of an enterprise
 * counts, why nothing linked.
 */
class FuzzyMatcherDecisionTest {
    static final String HUASHENG = "朝阳市华盛商贸有限公司";
    static final String E1 = "91211300MA0000001A";
    static final String E2 = "91211300MA0000002A";
    static final String E3 = "91211300MA0000003A";

    @Test
    void theBestScoreRanksFirstWhateverItsEnterpriseId() {
        Outcome o = decide(HUASHENG, current(E1, "朝阳市华兴商贸有限公司"), current(E2, HUASHENG));

        assertThat(o.ranked()).extracting(Scored::enterpriseId).containsExactly(E2, E1);
        assertThat(o.link().enterpriseId()).isEqualTo(E2);
        assertThat(o.evidence()).contains("score=1.000", "runner_up=0.860:" + E1);
    }

    @Test
    void aNameTooBareToMatchGetsAnEmptyOutcome() {
        Outcome o = decide("张伟", current(E1, "张伟"));

        assertThat(o).isEqualTo(new Outcome(null, List.of(), List.of()));
    }

    @Test
    void theLowestIdOfTheEnterprisesRegisteredAsWrittenIsNamed() {
        Outcome o =
                decide(
                        "朝阳市华胜商贸有限公司",
                        current(E1, HUASHENG),
                        current(E3, "沈阳市华胜商贸有限公司"),
                        current(E2, "大连市华胜商贸有限公司"));

        assertThat(o.link()).isNull();
        assertThat(o.evidence()).contains("fuzzy=name_registered_as_written:" + E2);
    }

    @Test
    void whenEveryCandidateIsRefusedTheBestRefusalIsTheEvidence() {
        Outcome o = decide("朝阳市华盛商贸有限责任公司", current(E1, HUASHENG));

        assertThat(o.link()).isNull();
        assertThat(o.ranked()).hasSize(1);
        assertThat(o.evidence()).containsExactly("fuzzy=refused:legal_form_differs");
    }

    @Test
    void withoutCandidatesThereIsNoEvidenceUnlessAKeyWasTooCommon() {
        assertThat(FuzzyMatcher.decide(HUASHENG, List.of(), true, FuzzyPolicy.DEFAULT).evidence())
                .isEmpty();
        assertThat(FuzzyMatcher.decide(HUASHENG, List.of(), false, FuzzyPolicy.DEFAULT).evidence())
                .containsExactly("fuzzy=blocking_key_overfull");
        assertThat(
                        FuzzyMatcher.decide(
                                        "朝阳市华盛商贸有限责任公司",
                                        List.of(current(E1, HUASHENG)),
                                        false,
                                        FuzzyPolicy.DEFAULT)
                                .evidence())
                .containsExactly("fuzzy=refused:legal_form_differs", "fuzzy=blocking_key_overfull");
    }

    @Test
    void aScoreOfExactlyTheMinimumLinks() {
        FuzzyPolicy minScore094 = new FuzzyPolicy(true, 0.94, 0.05, 0.5);

        Outcome o =
                FuzzyMatcher.decide(
                        HUASHENG, List.of(current(E1, "建平县华盛商贸有限公司")), true, minScore094);

        assertThat(o.link().score().value()).isEqualTo(0.94);
        assertThat(o.link().enterpriseId()).isEqualTo(E1);
    }

    @Test
    void aLeadOfExactlyTheMinimumMarginLinks() {
        FuzzyPolicy margin006 = new FuzzyPolicy(true, 0.88, 0.06, 0.5);

        // 1.000 against 0.940 (a county inside the record's city)
        Outcome o =
                FuzzyMatcher.decide(
                        HUASHENG,
                        List.of(current(E2, "建平县华盛商贸有限公司"), current(E1, HUASHENG)),
                        true,
                        margin006);

        assertThat(o.link().enterpriseId()).isEqualTo(E1);
        assertThat(o.evidence()).contains("runner_up=0.940:" + E2);
    }

    @Test
    void aTieAtTheMinimumScoreFailsOnTheMarginNotTheScore() {
        FuzzyPolicy minScore094 = new FuzzyPolicy(true, 0.94, 0.05, 0.5);

        Outcome o =
                FuzzyMatcher.decide(
                        HUASHENG,
                        List.of(current(E1, "建平县华盛商贸有限公司"), current(E2, "双塔区华盛商贸有限公司")),
                        true,
                        minScore094);

        assertThat(o.link()).isNull();
        assertThat(o.evidence())
                .containsExactly(
                        "score=0.940", "runner_up=0.940:" + E2, "fuzzy=below_min_margin:0.050");
    }

    @Test
    void anEnterpriseIsJudgedByANameThatMayLinkBeforeARefusedOne() {
        Candidate refused = current(E1, "朝阳市华盛商贸有限责任公司"); // another legal form: 0.5, refused
        Candidate poor =
                new Candidate(E1, "朝阳市华盛商贸有限责任公司", "朝阳市鑫源商贸有限公司", true, null); // 0 but not refused

        for (List<Candidate> order : List.of(List.of(refused, poor), List.of(poor, refused))) {
            Scored best = decide(HUASHENG, order.toArray(Candidate[]::new)).ranked().get(0);

            assertThat(best.score().refused()).isFalse();
            assertThat(best.matchedName()).isEqualTo("朝阳市鑫源商贸有限公司");
        }
    }

    @Test
    void anEnterpriseIsJudgedByItsBestScoringName() {
        Candidate exact = current(E1, HUASHENG);
        Candidate typo = new Candidate(E1, HUASHENG, "朝阳市华兴商贸有限公司", true, null);

        for (List<Candidate> order : List.of(List.of(exact, typo), List.of(typo, exact))) {
            Outcome o = decide(HUASHENG, order.toArray(Candidate[]::new));

            assertThat(o.ranked())
                    .singleElement()
                    .satisfies(s -> assertThat(s.matchedName()).isEqualTo(HUASHENG));
            assertThat(o.link().score().value()).isEqualTo(1.0);
        }
    }

    @Test
    void ofEquallyScoringNamesOfOneEnterpriseTheSameIsChosenWhateverTheOrder() {
        // two former names, both 0.970: a region the record lacks (−0.02) and a former name (−0.01)
        Candidate jianping = new Candidate(E1, "朝阳市鑫源建材有限公司", "建平县华盛商贸有限公司", true, null);
        Candidate lingyuan = new Candidate(E1, "朝阳市鑫源建材有限公司", "凌源市华盛商贸有限公司", true, null);

        Outcome first = decide("华盛商贸有限公司", jianping, lingyuan);
        Outcome second = decide("华盛商贸有限公司", lingyuan, jianping);

        assertThat(first.ranked())
                .singleElement()
                .satisfies(s -> assertThat(s.score().value()).isEqualTo(0.97));
        assertThat(first).isEqualTo(second);
    }

    private static Outcome decide(String record, Candidate... candidates) {
        return FuzzyMatcher.decide(record, List.of(candidates), true, FuzzyPolicy.DEFAULT);
    }

    private static Candidate current(String id, String name) {
        return new Candidate(id, name, null, false, null);
    }
}
