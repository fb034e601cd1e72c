package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Taking enterprise names apart: regions, trade name, industry, legal form, branch. */
class NamePartsTest {

    @Test
    void aFullNameSplitsIntoRegionTradeNameIndustryAndLegalForm() {
        NameParts p = NameParts.parse("朝阳市双塔区华盛商贸有限公司");

        assertThat(p.regions()).containsExactly("2113", "211302");
        assertThat(p.region()).isEqualTo("211302");
        assertThat(p.trade()).isEqualTo("华盛");
        assertThat(p.industry()).isEqualTo("商贸");
        assertThat(p.legalForm()).isEqualTo("有限公司");
        assertThat(p.core()).isEqualTo("华盛商贸");
        assertThat(p.branch()).isNull();
        assertThat(p.traditional()).isFalse();
    }

    @Test
    void traditionalCharactersWidthBracketsAndSpacesAllReadAsTheSimplifiedName() {
        NameParts simplified = NameParts.parse("辽宁省朝阳市华盛商贸（朝阳）有限公司");
        NameParts variant = NameParts.parse(" 遼寧省朝陽市 華盛 商貿(朝陽)有限公司 ");

        assertThat(variant.traditional()).isTrue();
        assertThat(variant.core()).isEqualTo(simplified.core()).isEqualTo("华盛商贸");
        assertThat(variant.regions())
                .isEqualTo(simplified.regions())
                .containsExactly("2113", "21", "2113");
        assertThat(variant.legalForm()).isEqualTo("有限公司");
    }

    @Test
    void aConversionThatWouldChangeTheReadingIsNotMade() {
        assertThat(Hanzi.simplified("乾發華")).as("乾 qián is not 干 gān").isEqualTo("乾发华");
        assertThat(Hanzi.homophones('乾', '千')).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "朝阳市鑫源建材有限公司, 有限公司",
        "朝阳市鑫源建材有限责任公司, 有限责任公司",
        "朝阳市鑫源建材股份有限公司, 股份有限公司",
        "朝阳市鑫源建材厂, 厂",
        "朝阳县鑫源建材经营部, 经营部",
        "朝阳市鑫源建材合伙企业（有限合伙）, 合伙企业有限合伙",
    })
    void theLegalFormIsKeptApartFromTheCore(String name, String form) {
        NameParts p = NameParts.parse(name);

        assertThat(p.legalForm()).isEqualTo(form);
        assertThat(p.core()).isEqualTo("鑫源建材");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "朝阳华盛商贸有限公司建平分公司, 建平分公司",
        "中国工商银行股份有限公司朝阳分行, 朝阳分行",
        "朝阳市华盛超市建平分店, 建平分店",
    })
    void aBranchKeepsItsHeadOfficesCoreAndItsOwnBranchPart(String name, String branch) {
        NameParts p = NameParts.parse(name);

        assertThat(p.branch()).isEqualTo(branch);
        assertThat(NameParts.parse(name.substring(0, name.length() - branch.length())).core())
                .isEqualTo(p.core());
    }

    @Test
    void individualBusinessesHaveTheirShopFormAsLegalForm() {
        NameParts p = NameParts.parse("朝阳市龙城区李四便利店");

        assertThat(p.regions()).containsExactly("2113", "211303");
        assertThat(p.trade()).isEqualTo("李四");
        assertThat(p.legalForm()).isEqualTo("便利店");
        assertThat(p.matchable()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "朝阳商贸有限公司, 朝阳商贸", // 朝阳 is the trade name: stripping it would leave an industry word
        "朝阳县朝阳商贸有限公司, 朝阳商贸",
        "华联超市, 华联", // 超市 is a form, not a division ending in 市
        "北京市场开发有限公司, 北京市场开发", // 市场, not 北京市
        "海城市华盛商贸有限公司, 华盛商贸", // a county-level city of 鞍山
        "某城市华盛商贸有限公司, 华盛商贸", // an unknown division is still a division
    })
    void regionsAreStrippedOnlyWhereTheyAreRegions(String name, String core) {
        assertThat(NameParts.parse(name).core()).isEqualTo(core);
    }

    @Test
    void aBarePersonalNameIsNotMatchable() {
        assertThat(NameParts.parse("张伟").matchable()).isFalse();
        assertThat(FuzzyKeys.of(NameParts.parse("张伟"))).isEmpty();
    }

    @Test
    void blockingKeysAreFewAndSharedByTheVariantsOfAName() {
        List<String> keys = List.copyOf(FuzzyKeys.of(NameParts.parse("朝阳市华盛商贸有限公司")));

        // 盛 also reads chéng; a two-character trade name has typo keys within its region
        assertThat(keys)
                .containsExactly(
                        "F:华盛商贸", "P:hua-sheng|商贸", "P:hua-cheng|商贸", "F:2113|华*商贸", "F:2113|*盛商贸");
        assertThat(FuzzyKeys.of(NameParts.parse("朝陽市華盛商貿有限責任公司"))).containsExactlyElementsOf(keys);
        assertThat(FuzzyKeys.of(NameParts.parse("朝阳市华胜商贸有限公司")))
                .as("a homophone meets on P:")
                .contains("P:hua-sheng|商贸");
    }

    @Test
    void longerTradeNamesAlsoMeetThroughTheirDeletionNeighbourhood() {
        assertThat(FuzzyKeys.of(NameParts.parse("朝阳市华盛达商贸有限公司")))
                .containsExactly(
                        "F:华盛达商贸",
                        "P:hua-sheng-da|商贸",
                        "P:hua-cheng-da|商贸",
                        "F:盛达商贸",
                        "F:华达商贸",
                        "F:华盛商贸");
        assertThat(FuzzyKeys.of(NameParts.parse("朝阳市华圣达商贸有限公司")))
                .as("one substitution meets on a deletion")
                .contains("F:华达商贸");
    }
}
