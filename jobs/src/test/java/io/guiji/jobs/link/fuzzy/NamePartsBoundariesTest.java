package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Taking names apart at the edges: punctuation, Latin letters, brackets, names that are nearly all
 * form or region.
 */
class NamePartsBoundariesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"朝阳市华·盛商贸有限公司", "朝阳市华_盛商贸有限公司", "朝阳市华 盛商贸有限公司", "朝阳市华、盛商贸有限公司"})
    void punctuationAndSpacesInsideANameAreDropped(String name) {
        NameParts p = NameParts.parse(name);

        assertThat(p.text()).isEqualTo("朝阳市华盛商贸有限公司");
        assertThat(p.trade()).isEqualTo("华盛");
    }

    @Test
    void aBracketedThreeCharacterDivisionOrWordIsReadWithoutFailing() {
        // issue 10: a bracketed part of exactly three characters once read past the end of the name
        assertThat(NameParts.parse("华盛商贸（海城市）有限公司").regions()).containsExactly("210381");
        assertThat(NameParts.parse("华盛商贸（某城市）有限公司").regions()).containsExactly("?某城市");
        assertThat(NameParts.parse("某某商店（连锁店）").text()).isEqualTo("某某商店连锁店");
    }

    @Test
    void latinLettersAreUpperCasedFromAToZ() {
        NameParts p = NameParts.parse("朝阳市azby科技有限公司");

        assertThat(p.text()).isEqualTo("朝阳市AZBY科技有限公司");
        assertThat(p.trade()).isEqualTo("AZBY");
        assertThat(p.industry()).isEqualTo("科技");
        assertThat(NameParts.parse("朝阳市AZBY科技有限公司").core()).isEqualTo(p.core());
    }

    @Test
    void aBracketedDivisionIsARegionInItsFullForm() {
        NameParts p = NameParts.parse("华盛商贸（朝阳县）有限公司");

        assertThat(p.regions()).containsExactly("211321");
        assertThat(p.core()).isEqualTo("华盛商贸");
        assertThat(p.text()).isEqualTo("华盛商贸有限公司");
    }

    @Test
    void otherBracketedTextStaysInTheNameWithoutItsBrackets() {
        NameParts p = NameParts.parse("华盛（连锁）商贸有限公司");

        assertThat(p.text()).isEqualTo("华盛连锁商贸有限公司");
        assertThat(p.core()).isEqualTo("华盛连锁商贸");
        assertThat(p.legalForm()).isEqualTo("有限公司");
        assertThat(p.regions()).isEmpty();
    }

    @Test
    void aNameThatIsOnlyABranchSuffixIsNoBranch() {
        NameParts p = NameParts.parse("分公司");

        assertThat(p.branch()).isNull();
        assertThat(p.text()).isEqualTo("分公司");
    }

    @Test
    void aBranchNamedOtherwiseThanByADivisionStartsAfterTheHeadOfficesForm() {
        NameParts p = NameParts.parse("朝阳市华盛商贸有限公司第一分公司");

        assertThat(p.branch()).isEqualTo("第一分公司");
        assertThat(p.legalForm()).isEqualTo("有限公司");
        assertThat(p.core()).isEqualTo("华盛商贸");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"有限公司", "商店", "合作社"})
    void aLegalFormNeverTakesTheWholeName(String name) {
        NameParts p = NameParts.parse(name);

        assertThat(p.legalForm()).isNotEqualTo(name);
        assertThat(p.core()).isNotEmpty();
        assertThat(name).endsWith(p.legalForm()).startsWith(p.core());
    }

    @Test
    void aDivisionThatWouldLeaveLessThanTwoCharactersBelongsToTheTradeName() {
        NameParts p = NameParts.parse("朝阳市华有限公司");

        assertThat(p.regions()).isEmpty();
        assertThat(p.core()).isEqualTo("朝阳市华");
        assertThat(p.legalForm()).isEqualTo("有限公司");
    }

    @Test
    void aDivisionNotInsideTheOneBeforeItBelongsToTheTradeName() {
        // only a run of divisions each inside the one before is a place prefix (docs/domain.md
        // §5.1)
        NameParts p = NameParts.parse("双塔区龙城区华盛商贸有限公司");

        assertThat(p.regions()).containsExactly("211302");
        assertThat(p.trade()).isEqualTo("龙城区华盛");
    }

    @Test
    void ofTwoEquallySpecificDivisionsTheFirstWrittenIsTheRegion() {
        NameParts p = NameParts.parse("双塔区华盛商贸（龙城区）有限公司");

        assertThat(p.regions()).containsExactly("211303", "211302");
        assertThat(p.region()).isEqualTo("211303");
    }

    @Test
    void theMostSpecificKnownDivisionIsTheRegion() {
        assertThat(NameParts.parse("辽宁省朝阳市建平县华盛商贸有限公司").region()).isEqualTo("211322");
        assertThat(NameParts.parse("华盛商贸有限公司").region()).isNull();
    }

    @Test
    void aNameWithoutIndustryOrFormIsMatchableFromFourCharactersOn() {
        assertThat(NameParts.parse("华盛达兴").matchable()).isTrue();
        assertThat(NameParts.parse("华盛达").matchable()).isFalse();
        assertThat(NameParts.parse("华盛商贸").matchable()).as("an industry word says enough").isTrue();
        assertThat(NameParts.parse("华盛商店").matchable()).as("a form says enough").isTrue();
        assertThat(NameParts.parse("华商店").matchable())
                .as("a one-character trade name never")
                .isFalse();
    }

    @Test
    void nothingIsLeftOfANameOfOnlyPunctuationOrBrackets() {
        assertThat(NameParts.parse("·、（）")).isNull();
        assertThat(NameParts.parse("  ")).isNull();
        assertThat(NameParts.parse(null)).isNull();
    }
}
