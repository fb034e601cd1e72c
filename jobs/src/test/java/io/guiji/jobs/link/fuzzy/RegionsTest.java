package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.Regions.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Divisions at the start of a name: known full and short forms, unknown divisions, and how regions
 * relate.
 */
class RegionsTest {

    @Test
    void aKnownDivisionNeedsOnlyOneCharacterAfterIt() {
        assertThat(Regions.atStart("建平县店", 0, 0)).isEqualTo(new Found("211322", 3));
        assertThat(Regions.atStart("朝阳市店", 0, 2))
                .as("a full form ignores minRest")
                .isEqualTo(new Found("2113", 3));
    }

    @Test
    void aKnownDivisionThatIsTheWholeRestIsNotADivisionAtTheStart() {
        assertThat(Regions.atStart("建平县", 0, 1)).isNull();
        assertThat(Regions.atStart("华盛建平县", 2, 1)).isNull();
    }

    @Test
    void aKnownDivisionFollowedByMarketOrMunicipalIsAWordNotADivision() {
        // 北京市场…: 北京市 followed by 场; the short form 北京 then stands before 市 and is not taken either
        assertThat(Regions.atStart("北京市场开发", 0, 2)).isNull();
        assertThat(Regions.atStart("朝阳市政工程", 0, 2)).isNull();
    }

    @Test
    void 场AfterACountyMakesNoWord() {
        // 盐边县场旋矿业: a homophone of 盐边县昌旋矿业, not a name that starts with no place
        assertThat(Regions.atStart("盐边县场旋矿业", 0, 2)).isEqualTo(new Found("510422", 3));
        assertThat(Regions.atStart("朝阳县政府采购", 0, 2)).isNull();
    }

    @Test
    void theLongestKnownFullFormWins() {
        assertThat(Regions.atStart("喀喇沁左翼蒙古族自治县华盛", 0, 2)).isEqualTo(new Found("211324", 11));
        assertThat(Regions.atStart("内蒙古自治区华盛", 0, 2)).isEqualTo(new Found("15", 6));
    }

    @ParameterizedTest(name = "{0} minRest {1}")
    @CsvSource({
        "建平华盛, 2, 211322, 2", // exactly minRest characters follow
        "建平华盛, 0, 211322, 2",
        "建平, 0, 211322, 2", // nothing follows and nothing needs to
        "喀左华盛商贸, 2, 211324, 2",
        "喀喇沁左翼华盛, 2, 211324, 5", // a longer short form (喀喇沁 alone is also 赤峰's 喀喇沁旗)
        "朝阳华盛, 2, 2113, 2",
    })
    void aShortFormCountsWhenAtLeastMinRestCharactersFollow(
            String s, int minRest, String region, int length) {
        assertThat(Regions.atStart(s, 0, minRest)).isEqualTo(new Found(region, length));
    }

    @ParameterizedTest(name = "{0} minRest {1}")
    @CsvSource({
        "建平华, 2", // one character is not enough
        "朝阳, 2", // the trade name 朝阳 survives
    })
    void aShortFormWithTooLittleAfterItIsNotADivision(String s, int minRest) {
        assertThat(Regions.atStart(s, 0, minRest)).isNull();
    }

    @Test
    void aShortFormBeforeADivisionSuffixIsNotTakenAlone() {
        // 北京 then 省: not 北京 + 省…, but an unknown division 北京省 (no such province is known)
        assertThat(Regions.atStart("北京省华盛", 0, 2)).isEqualTo(new Found("?北京省", 3));
        assertThat(Regions.atStart("建平旗华盛", 0, 2)).isEqualTo(new Found("?建平旗", 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "某城市华盛, ?某城市", // exactly minRest characters after an unknown division
        "某某省华盛, ?某某省", // 省 is the first of the suffixes
        "某某旗华盛, ?某某旗", // 旗 the last
        "某某县华盛商贸, ?某某县",
        "某某区华盛, ?某某区",
    })
    void twoHanCharactersAndADivisionSuffixMakeAnUnknownDivision(String s, String region) {
        assertThat(Regions.atStart(s, 0, 2)).isEqualTo(new Found(region, 3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "某城市华, 2", // too little follows
        "AB市华盛, 2", // not Han
        "海B市华盛, 2",
        "A城市华盛, 2",
        "某某店华盛, 2", // not a division suffix
        "某某市场开发, 2", // 市场
        "某某区域经理, 2", // 区域
        "某某县级单位, 2", // 县级
    })
    void otherwiseThereIsNoUnknownDivision(String s, int minRest) {
        assertThat(Regions.atStart(s, 0, minRest)).isNull();
    }

    @Test
    void divisionsAreFoundFromAnOffset() {
        assertThat(Regions.atStart("辽宁省朝阳市华盛", 3, 2)).isEqualTo(new Found("2113", 3));
        assertThat(Regions.atStart("辽宁省海城市华盛", 3, 2)).isEqualTo(new Found("210381", 3));
        assertThat(Regions.atStart("辽宁省某城市华盛", 3, 2)).isEqualTo(new Found("?某城市", 3));
    }

    @Test
    void leadingFindsEveryDivisionInOrder() {
        assertThat(Regions.leading("辽宁省朝阳市双塔区华盛商贸", 2))
                .containsExactly(new Found("21", 3), new Found("2113", 3), new Found("211302", 3));
        assertThat(Regions.leading("华盛商贸", 2)).isEmpty();
    }

    @Test
    void aWholeNameIsADivisionInFullOrShortForm() {
        assertThat(Regions.whole("建平县")).isEqualTo("211322");
        assertThat(Regions.whole("建平")).isEqualTo("211322");
        assertThat(Regions.whole("朝阳县")).isEqualTo("211321");
        assertThat(Regions.whole("朝阳")).as("朝阳 alone is the city").isEqualTo("2113");
        assertThat(Regions.whole("朝阳区"))
                .as("Beijing's and Changchun's (docs/domain.md §5)")
                .isEqualTo("110105|220104");
        assertThat(Regions.whole("华盛")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "211322, 211322",
        "211300, 2113",
        "210000, 21",
        "110105, 110105",
        "000000, 00", // two digits always stay
    })
    void aDivisionCodeLosesItsTrailingZeroPairs(String code, String region) {
        assertThat(Regions.ofCode(code)).isEqualTo(region);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(
            value = {"NULL", "21130", "2113000", "21130A"},
            nullValues = "NULL")
    void onlySixAsciiDigitsAreADivisionCode(String code) {
        assertThat(Regions.ofCode(code)).isNull();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "21, 2113, true",
        "2113, 21, true",
        "2113, 2113, true",
        "211322, 211321, false",
        "2113, 2112, false",
        "?海城市, ?海城市, true",
        "?海城市, ?海城, false",
        "?海城市, 21, false", // an unknown division is in no known one
        "21, ?海城市, false",
        "?21, 21, false",
    })
    void regionsAreNestedWhenOneIsAPrefixOfTheOther(String a, String b, boolean nested) {
        assertThat(Regions.nested(a, b)).isEqualTo(nested);
    }
}
