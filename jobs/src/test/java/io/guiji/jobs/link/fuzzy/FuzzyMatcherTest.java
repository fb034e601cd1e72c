package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Candidate;
import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring and the link decision of the fuzzy tier. */
class FuzzyMatcherTest {
    static final String HUASHENG = "朝阳市华盛商贸有限公司";
    static final String E1 = "91211300MA0000001A";
    static final String E2 = "91211300MA0000002A";
    static final String E3 = "91211300MA0000003A";

    @Test
    void traditionalCharactersLinkWithFullScore() {
        Outcome o = decide("朝陽市華盛商貿有限公司", current(E1, HUASHENG));

        assertThat(o.link().enterpriseId()).isEqualTo(E1);
        assertThat(o.link().score().value()).isEqualTo(1.0);
        assertThat(o.evidence())
                .contains(
                        "score=1.000",
                        "runner_up=none",
                        "trade_name=same:华盛",
                        "legal_form=same:有限公司",
                        "region=same:2113",
                        "traditional_to_simplified");
    }

    @Test
    void aHomophoneTypoWithADroppedPrefixLinksBelowFullScore() {
        Outcome o = decide("华胜商贸有限公司", current(E1, HUASHENG));

        assertThat(o.link().enterpriseId()).isEqualTo(E1);
        assertThat(o.link().score().value()).isEqualTo(0.91);
        assertThat(o.evidence()).contains("trade_name=homophone:华胜/华盛", "region=record_lacks:2113");
    }

    @Test
    void aTradeNameRegisteredAsWrittenIsNotTakenForATypoOfAHomophone() {
        // 华胜商贸 exists (in another city): a record of 朝阳市华胜商贸 is not a misspelt 朝阳市华盛商贸
        Outcome o = decide("朝阳市华胜商贸有限公司", current(E1, HUASHENG), current(E2, "沈阳市华胜商贸有限公司"));

        assertThat(o.link()).isNull();
        assertThat(o.evidence()).contains("fuzzy=name_registered_as_written:" + E2);
        assertThat(o.ranked())
                .extracting(FuzzyMatcher.Scored::enterpriseId)
                .containsExactly(E1, E2);
    }

    @Test
    void aTradeNameRegisteredOnlyInAnotherPlaceAndFormLeavesTheHomophoneTypoLinked() {
        // 华胜 is registered as a 沈阳 shop and a 辽宁 (province) store: neither can be a 朝阳 company
        // (another city, a province against a city), so 华胜 here is 华盛 misspelt
        Outcome o =
                decide(
                        "朝阳市华胜商贸有限公司",
                        current(E1, HUASHENG),
                        current(E2, "沈阳市华胜商贸经营部"),
                        current(E3, "辽宁华胜商贸商店"));

        assertThat(o.link()).as("%s", o.evidence()).isNotNull();
        assertThat(o.link().enterpriseId()).isEqualTo(E1);
        assertThat(o.evidence()).contains("trade_name=homophone:华胜/华盛");
    }

    @Test
    void aTradeNameRegisteredInTheRecordsPlaceInAnotherFormIsANameOfItsOwn() {
        // 朝阳市华胜商贸经营部 may be the record's enterprise with its form written otherwise
        Outcome o = decide("朝阳市华胜商贸有限公司", current(E1, HUASHENG), current(E2, "朝阳市华胜商贸经营部"));

        assertThat(o.link()).isNull();
        assertThat(o.evidence()).contains("fuzzy=name_registered_as_written:" + E2);
    }

    @Test
    void aRecordReadAnotherWayIsNoTypoOfTheNameItReadsAs() {
        // 兴宁 (a city of 广东) read as the start of 威远县兴宁富润's trade name: the record is that
        // name with its prefix dropped, though 富润物业管理 is registered as written in 眉山
        Outcome o =
                decide(
                        "兴宁富润物业管理有限公司",
                        current(E1, "内江市威远县兴宁富润物业管理有限公司"),
                        current(E2, "眉山市洪雅县富润物业管理有限公司"));

        assertThat(o.link()).as("%s", o.evidence()).isNotNull();
        assertThat(o.link().enterpriseId()).isEqualTo(E1);
        assertThat(o.evidence()).contains("place_reading=trade_name:兴宁");
    }

    @Test
    void aCharacterThatIsNotAHomophoneOnlyMakesACandidate() {
        Outcome o = decide("朝阳市华兴商贸有限公司", current(E1, HUASHENG));

        assertThat(o.link()).isNull();
        assertThat(o.ranked())
                .singleElement()
                .satisfies(s -> assertThat(s.score().value()).isEqualTo(0.86));
        assertThat(o.evidence()).contains("fuzzy=below_min_score:0.880");
    }

    @Test
    void aBranchNeverLinksToItsHeadOfficeNorTheHeadOfficeToABranch() {
        String branch = HUASHENG + "建平分公司";

        Outcome branchRecord = decide("朝陽市華盛商貿有限公司建平分公司", current(E1, HUASHENG));
        Outcome headRecord = decide("朝陽市華盛商貿有限公司", current(E2, branch));
        Outcome otherBranch = decide(HUASHENG + "凌源分公司", current(E2, branch));

        assertThat(branchRecord.link()).isNull();
        assertThat(branchRecord.ranked().get(0).score().refusal()).isEqualTo("record_is_branch");
        assertThat(headRecord.link()).isNull();
        assertThat(headRecord.ranked().get(0).score().refusal()).isEqualTo("registry_is_branch");
        assertThat(otherBranch.link()).isNull();
        assertThat(
                        decide("朝陽市華盛商貿有限公司建平分公司", current(E1, HUASHENG), current(E2, branch))
                                .link()
                                .enterpriseId())
                .isEqualTo(E2);
    }

    @Test
    void anotherLegalFormOrAnotherCountyNeverLinks() {
        assertThat(decide("朝阳市华盛商贸有限责任公司", current(E1, HUASHENG)).link()).isNull();
        assertThat(decide("建平县华盛商贸有限公司", current(E1, "凌源市华盛商贸有限公司")).link()).isNull();
        assertThat(
                        decide("建平县华盛商贸有限公司", current(E1, "凌源市华盛商贸有限公司"))
                                .ranked()
                                .get(0)
                                .score()
                                .refusal())
                .isEqualTo("region_differs");
    }

    @Test
    void theSameNameInTwoCountiesWithoutAPrefixIsLeftForReviewWithBothCandidates() {
        Outcome o = decide("华盛商贸有限公司", current(E2, "凌源市华盛商贸有限公司"), current(E1, "建平县华盛商贸有限公司"));

        assertThat(o.link()).isNull();
        assertThat(o.evidence()).contains("fuzzy=below_min_margin:0.050");
        assertThat(o.ranked())
                .extracting(FuzzyMatcher.Scored::enterpriseId)
                .as("ties broken by enterprise_id")
                .containsExactly(E1, E2);
    }

    @Test
    void theRankingDoesNotDependOnTheOrderCandidatesArrive() {
        List<Candidate> candidates =
                new ArrayList<>(
                        List.of(
                                current(E3, "朝阳市华胜商贸有限公司"),
                                current(E2, "凌源市华盛商贸有限公司"),
                                current(E1, "建平县华盛商贸有限公司"),
                                current(E1, "建平县华盛商贸有限公司")));
        Outcome first = FuzzyMatcher.decide("华盛商贸有限公司", candidates, true, FuzzyPolicy.DEFAULT);
        Collections.reverse(candidates);
        Outcome second = FuzzyMatcher.decide("华盛商贸有限公司", candidates, true, FuzzyPolicy.DEFAULT);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aFormerNameIsScoredAsItselfAndSaysSo() {
        Outcome o =
                decide(
                        "朝陽市華盛商貿廠",
                        new Candidate(E1, "朝阳市华盛商贸厂", null, true, null),
                        current(E1, HUASHENG));

        assertThat(o.link().enterpriseId()).isEqualTo(E1);
        assertThat(o.link().score().value()).isEqualTo(0.99);
        assertThat(o.evidence()).contains("matched_former_name=朝阳市华盛商贸厂", "former_name");
    }

    @Test
    void nothingLinksWhenABlockingKeyWasTooCommonToAnswer() {
        Outcome o =
                FuzzyMatcher.decide(
                        "朝陽市華盛商貿有限公司", List.of(current(E1, HUASHENG)), false, FuzzyPolicy.DEFAULT);

        assertThat(o.link()).isNull();
        assertThat(o.evidence()).contains("fuzzy=blocking_key_overfull");
    }

    @Test
    void thresholdsComeFromThePolicy() {
        FuzzyPolicy strict = new FuzzyPolicy(true, 0.95, 0.05, 0.5);
        FuzzyPolicy off = new FuzzyPolicy(false, 0.88, 0.05, 0.5);

        assertThat(
                        FuzzyMatcher.decide(
                                        "华胜商贸有限公司", List.of(current(E1, HUASHENG)), true, strict)
                                .link())
                .isNull();
        assertThat(
                        FuzzyMatcher.decide(
                                        "朝陽市華盛商貿有限公司", List.of(current(E1, HUASHENG)), true, off)
                                .link())
                .isNull();
    }

    private static Outcome decide(String record, Candidate... candidates) {
        return FuzzyMatcher.decide(record, List.of(candidates), true, FuzzyPolicy.DEFAULT);
    }

    private static Candidate current(String id, String name) {
        return new Candidate(id, name, null, false, null);
    }
}
