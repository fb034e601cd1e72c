package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What each feature of a pair of names adds to or takes from the score, and what refuses a pair.
 */
class FuzzyScorerTest {

    @Test
    void 股份公司IsWhat股份有限公司IsCalledNotAnotherForm() {
        FuzzyScore s = score("营口港务股份公司", "营口港务股份有限公司");
        FuzzyScore back = score("营口港务股份有限公司", "营口港务股份公司");

        assertThat(s.refused()).isFalse();
        assertThat(s.value()).isEqualTo(0.97);
        assertThat(s.evidence()).contains("legal_form=abbreviated:股份公司/股份有限公司");
        assertThat(back.refused()).isFalse();
        assertThat(score("营口港务有限公司", "营口港务股份公司").refusal()).isEqualTo("legal_form_differs");
    }

    @Test
    void identicalNamesScoreOneAndSayWhatWasTheSame() {
        FuzzyScore s = score("朝阳市华盛商贸有限公司", "朝阳市华盛商贸有限公司");

        assertThat(s.value()).isEqualTo(1.0);
        assertThat(s.refused()).isFalse();
        assertThat(s.evidence())
                .containsExactly(
                        "trade_name=same:华盛",
                        "industry=same:商贸",
                        "legal_form=same:有限公司",
                        "region=same:2113",
                        "branch=no");
    }

    @Test
    void namesWithoutIndustryFormOrRegionSayNothingOfThem() {
        FuzzyScore s = score("华盛达兴", "华盛达兴");

        assertThat(s.value()).isEqualTo(1.0);
        assertThat(s.evidence())
                .containsExactly("trade_name=same:华盛达兴", "region=none", "branch=no");
    }

    @Test
    void anIndustryWordOnOneSideOnlyCostsALittle() {
        FuzzyScore recordLacks = score("华盛有限公司", "华盛商贸有限公司");
        FuzzyScore registryLacks = score("华盛商贸有限公司", "华盛有限公司");

        assertThat(recordLacks.value()).isEqualTo(0.97);
        assertThat(recordLacks.evidence()).contains("industry=one_side:商贸");
        assertThat(registryLacks.value()).isEqualTo(0.97);
        assertThat(registryLacks.evidence()).contains("industry=one_side:商贸");
    }

    @Test
    void aDifferentIndustryCostsMoreTheLessAlikeTheWordsAre() {
        FuzzyScore unlike = score("华盛商贸有限公司", "华盛建材有限公司");
        FuzzyScore alike = score("华盛商贸有限公司", "华盛经贸有限公司");

        // 0.15, plus 0.15 × (1 − Jaro-Winkler): 商贸/建材 share nothing (0), 商贸/经贸 one place of two
        // (2/3)
        assertThat(unlike.value()).isEqualTo(0.70);
        assertThat(unlike.evidence()).contains("industry=different:商贸/建材");
        assertThat(alike.value()).isEqualTo(0.80);
        assertThat(alike.refused()).isFalse();
    }

    @Test
    void aLegalFormOnOneSideOnlyCostsALittleAndADifferentOneRefuses() {
        FuzzyScore oneSide = score("华盛商贸", "华盛商贸有限公司");
        FuzzyScore otherSide = score("华盛商贸有限公司", "华盛商贸");
        FuzzyScore different = score("华盛商贸有限公司", "华盛商贸有限责任公司");

        assertThat(oneSide.value()).isEqualTo(0.97);
        assertThat(oneSide.evidence()).contains("legal_form=one_side:有限公司");
        assertThat(otherSide.value()).isEqualTo(0.97);
        assertThat(different.refusal()).isEqualTo("legal_form_differs");
        assertThat(different.value()).as("halved").isEqualTo(0.5);
    }

    @Test
    void aRegionMissingOnOneSideCostsALittleAndTheRegistryDivisionStandsInForARegionlessName() {
        FuzzyScore recordLacks =
                FuzzyScorer.score(parse("华盛商贸有限公司"), parse("建平县华盛商贸有限公司"), null, false);
        // the division places a name that writes none only against a record that writes one
        FuzzyScore neither =
                FuzzyScorer.score(parse("华盛商贸有限公司"), parse("华盛商贸有限公司"), "211322", false);
        FuzzyScore registryLacks = score("建平县华盛商贸有限公司", "华盛商贸有限公司");
        FuzzyScore byDivision =
                FuzzyScorer.score(parse("建平县华盛商贸有限公司"), parse("华盛商贸有限公司"), "211322", false);
        FuzzyScore nameFirst =
                FuzzyScorer.score(parse("建平县华盛商贸有限公司"), parse("建平县华盛商贸有限公司"), "211382", false);

        assertThat(recordLacks.value()).isEqualTo(0.98);
        assertThat(recordLacks.evidence()).contains("region=record_lacks:211322");
        assertThat(neither.value()).isEqualTo(1.0);
        assertThat(neither.evidence()).contains("region=none");
        assertThat(registryLacks.value()).isEqualTo(0.98);
        assertThat(registryLacks.evidence()).contains("region=registry_lacks:211322");
        assertThat(byDivision.value()).isEqualTo(1.0);
        assertThat(byDivision.evidence()).contains("region=same:211322");
        assertThat(nameFirst.evidence())
                .as("the name's own region before the entry's division")
                .contains("region=same:211322");
    }

    @Test
    void aRegionInsideTheOtherCostsMoreThanAMissingOne() {
        FuzzyScore s = score("朝阳市华盛商贸有限公司", "建平县华盛商贸有限公司");

        assertThat(s.value()).isEqualTo(0.94);
        assertThat(s.refused()).isFalse();
        assertThat(s.evidence()).contains("region=nested:2113/211322");
    }

    @Test
    void regionsApartOrContradictingEachOtherRefuse() {
        FuzzyScore apart = score("凌源市华盛商贸有限公司", "建平县华盛商贸有限公司");
        // 建平县 lies in 朝阳市, but 沈阳市 does not (a bracket can say so; a prefix cannot: 沈阳市建平县…
        // reads 建平县 as part of the trade name)
        FuzzyScore contradicting = score("沈阳市华盛商贸（建平县）有限公司", "朝阳市华盛商贸有限公司");

        assertThat(apart.refusal()).isEqualTo("region_differs");
        assertThat(apart.evidence()).contains("region=different:211382/211322");
        assertThat(contradicting.refusal()).isEqualTo("region_differs");
        assertThat(contradicting.evidence()).contains("region=different:211322/2113");
        assertThat(contradicting.value()).isEqualTo(0.5);
    }

    @Test
    void aBranchAgainstTheSameBranchIsNotRefused() {
        FuzzyScore s = score("朝阳市华盛商贸有限公司建平分公司", "朝阳市华盛商贸有限公司建平分公司");

        assertThat(s.refused()).isFalse();
        assertThat(s.evidence()).contains("branch=same:建平分公司");
    }

    @Test
    void oneHomophoneScoresBelowEqualAndEachFurtherOneLess() {
        FuzzyScore one = score("华胜达兴", "华盛达兴");
        FuzzyScore two = score("华胜达星", "华盛达兴");

        assertThat(one.value()).isEqualTo(0.93);
        assertThat(two.value()).isEqualTo(0.90);
        assertThat(two.evidence()).contains("trade_name=homophone:华胜达星/华盛达兴");
    }

    @Test
    void homophonesInMoreThanHalfTheTradeNameAreNotATypo() {
        FuzzyScore s = score("华胜答", "华盛达"); // two of three characters replaced by homophones

        assertThat(s.evidence())
                .anySatisfy(e -> assertThat(e).startsWith("trade_name=similar:华胜答/华盛达:"));
        assertThat(s.value()).isLessThan(FuzzyScorer.OTHER_EDIT);
    }

    @Test
    void oneOtherEditScoresBelowAHomophone() {
        FuzzyScore s = score("华兴商贸有限公司", "华盛商贸有限公司");

        assertThat(s.value()).isEqualTo(FuzzyScorer.OTHER_EDIT);
        assertThat(s.evidence()).contains("trade_name=one_edit:华兴/华盛");
    }

    @Test
    void tradeNamesFurtherApartScoreByTheirSimilarity() {
        FuzzyScore similar = score("华盛达兴商贸有限公司", "华盛鑫源商贸有限公司");
        FuzzyScore unrelated = score("华盛商贸有限公司", "鑫源商贸有限公司");

        assertThat(similar.value()).isStrictlyBetween(0.3, 0.85);
        assertThat(similar.evidence())
                .anySatisfy(e -> assertThat(e).startsWith("trade_name=similar:华盛达兴/华盛鑫源:"));
        assertThat(unrelated.value()).isEqualTo(0.0);
    }

    @Test
    void aFormerNameCostsALittle() {
        FuzzyScore s = FuzzyScorer.score(parse("华盛商贸有限公司"), parse("华盛商贸有限公司"), null, true);

        assertThat(s.value()).isEqualTo(0.99);
        assertThat(s.evidence()).contains("former_name");
    }

    private static FuzzyScore score(String record, String candidate) {
        return FuzzyScorer.score(parse(record), parse(candidate), null, false);
    }

    private static NameParts parse(String name) {
        return NameParts.parse(name);
    }
}
