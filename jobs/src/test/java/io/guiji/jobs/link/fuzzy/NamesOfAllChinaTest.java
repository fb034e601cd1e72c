package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Candidate;
import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real enterprise names of all China (docs/domain.md §5.1, §5.2): place prefixes anywhere in the
 * country, place names inside trade names, places that contradict each other, and branches.
 */
class NamesOfAllChinaTest {
    static final String E1 = "91210200MA0000001A";
    static final String E2 = "91210200MA0000002A";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "大石桥市华盛商贸有限公司, 华盛商贸, 210882",
        "营口大石桥华盛商贸有限公司, 华盛商贸, 210882",
        "沈阳市苏家屯区华盛商贸有限公司, 华盛商贸, 210111",
        "苏家屯区华盛商贸有限公司, 华盛商贸, 210111",
        "喀喇沁左翼蒙古族自治县华盛商贸有限公司, 华盛商贸, 211324",
        "喀左华盛商贸有限公司, 华盛商贸, 211324",
        "大连经济技术开发区华盛商贸有限公司, 华盛商贸, 2102Z开发",
        "大连高新区华盛商贸有限公司, 华盛商贸, 2102Z高新",
        "大连高新技术产业园区华盛商贸有限公司, 华盛商贸, 2102Z高新",
        "辽宁省大连市甘井子区华盛商贸有限公司, 华盛商贸, 210211",
        "大连华信计算机技术股份有限公司, 华信计算机技术, 2102",
        "四川新华文轩出版传媒股份有限公司, 新华文轩出版传媒, 51",
        "吉林化纤股份有限公司, 化纤, 22",
        "内蒙古伊利实业集团股份有限公司, 伊利实业集团, 15",
        "广西柳工机械股份有限公司, 柳工机械, 45",
        "新疆金风科技股份有限公司, 金风科技, 65",
        "普兰店市华盛商贸有限公司, 华盛商贸, 210214",
    })
    void placePrefixesOfTheWholeCountryAreRead(String name, String core, String region) {
        NameParts p = NameParts.parse(name);

        assertThat(p.core()).isEqualTo(core);
        assertThat(p.region()).isEqualTo(region);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "大连天津饭店, 天津", // 大连 is the prefix, 天津 part of the trade name
        "北京天津饭店有限公司, 天津饭店",
        "天津饭店有限公司, 天津饭店", // 天津 leaves only a form: it is the trade name
        "沈阳北京华联商厦有限公司, 北京华联商厦",
        "大连沈阳华盛商贸有限公司, 沈阳华盛商贸",
        "宏伟建筑工程有限公司, 宏伟建筑工程",
        "宏伟鑫源商贸有限公司, 宏伟鑫源商贸", // 宏伟区 of 辽阳 is read only after 辽阳
        "东方电气股份有限公司, 东方电气",
        "方正科技集团股份有限公司, 方正科技集团",
        "中山大洋电机股份有限公司, 中山大洋电机",
        "华宁森腾热力有限公司, 华宁森腾热力", // found by the accuracy bench: 华宁县 is in 云南
        "广德静食品有限公司, 广德静食品", // 广德市 of 安徽 would leave the trade name 静
        "文山馨环保商店, 文山馨环保", // 文山州 of 云南 would leave 馨
        "大连华商贸有限公司, 大连华商贸",
    })
    void placeNamesInsideATradeNameStayInIt(String name, String core) {
        assertThat(NameParts.parse(name).core()).isEqualTo(core);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // found by the accuracy bench: 川新 before 能源 is a trade name, though 新能源 is an industry too
        "朝阳市川新能源有限公司, 川新能源, 2113",
        "大连经济技术开发区华盛商贸有限公司, 华盛商贸, 2102Z开发",
    })
    void aPrefixStaysWhenTwoCharactersOfTradeNameFollowIt(String name, String core, String region) {
        NameParts p = NameParts.parse(name);

        assertThat(p.core()).isEqualTo(core);
        assertThat(p.region()).isEqualTo(region);
    }

    @Test
    void aPlaceInsideATradeNameIsReadAlikeWithAndWithoutAPrefixBeforeIt() {
        for (String name : List.of("广德静食品有限公司", "文山馨环保商店", "大连华商贸有限公司", "华宁森腾热力有限公司")) {
            NameParts bare = NameParts.parse(name);

            assertThat(NameParts.parse("朝阳市" + name).core()).as(name).isEqualTo(bare.core());
            assertThat(NameParts.parse("辽宁省" + name).core()).as(name).isEqualTo(bare.core());
        }
    }

    @Test
    void aDistrictShortFormIsAPrefixAfterItsCity() {
        NameParts p = NameParts.parse("辽阳宏伟鑫源商贸有限公司");

        assertThat(p.regions()).containsExactly("2110", "211004");
        assertThat(p.core()).isEqualTo("鑫源商贸");
    }

    @Test
    void aNameWithOrWithoutItsPlacePrefixMeets() {
        for (String withPrefix :
                List.of(
                        "大石桥市华盛商贸有限公司",
                        "沈阳市苏家屯区华盛商贸有限公司",
                        "喀喇沁左翼蒙古族自治县华盛商贸有限公司",
                        "大连经济技术开发区华盛商贸有限公司",
                        "大连高新区华盛商贸有限公司")) {
            Outcome o = decide("华盛商贸有限公司", current(E1, withPrefix));

            assertThat(o.link()).as(withPrefix).isNotNull();
            assertThat(FuzzyKeys.of(NameParts.parse(withPrefix)))
                    .containsAll(
                            PlacesPropertiesTest.placeFree(
                                    FuzzyKeys.of(NameParts.parse("华盛商贸有限公司"))));
        }
    }

    @Test
    void aProvincePrefixAndACityPrefixAreTwoEnterprises() {
        FuzzyScore s = score("辽宁九州饭店", "大连九州饭店");

        assertThat(s.refusal()).isEqualTo("region_level_differs");
        assertThat(s.evidence()).contains("region=other_level:21/2102");
        assertThat(decide("辽宁九州饭店", current(E1, "大连九州饭店")).link()).isNull();
        assertThat(decide("大连九州饭店", current(E1, "辽宁九州饭店")).link()).isNull();
        assertThat(decide("辽宁省九州饭店有限公司", current(E1, "大连市九州饭店有限公司")).link()).isNull();
    }

    @Test
    void aNameWithoutPrefixOrWithTheSamePlaceInAnotherFormStillLinks() {
        assertThat(decide("九州饭店", current(E1, "大连九州饭店")).link().enterpriseId()).isEqualTo(E1);
        assertThat(decide("大连市九州饭店有限公司", current(E1, "大连九州饭店有限公司")).link().enterpriseId())
                .isEqualTo(E1);
        assertThat(score("大连市九州饭店有限公司", "大连九州饭店有限公司").value()).isEqualTo(1.0);
        assertThat(decide("辽宁大连九州饭店", current(E1, "大连九州饭店")).link())
                .as("a province written before the city adds nothing")
                .isNotNull();
        assertThat(decide("鞍山市铁西区华盛商贸有限公司", current(E1, "铁西区华盛商贸有限公司")).link()).isNotNull();
    }

    @Test
    void twoPlacesOfTheSameLevelNeverLink() {
        assertThat(decide("大连九州饭店", current(E1, "沈阳九州饭店")).link()).isNull();
        assertThat(decide("沈阳市铁西区华盛商贸有限公司", current(E1, "鞍山市铁西区华盛商贸有限公司")).link()).isNull();
        assertThat(decide("大连经济技术开发区华盛商贸有限公司", current(E1, "大连高新区华盛商贸有限公司")).link()).isNull();
        assertThat(score("大连九州饭店", "沈阳九州饭店").refusal()).isEqualTo("region_differs");
    }

    @Test
    void ofAProvinceAndACityEnterpriseTheRecordThatNamesNeitherLinksToNeither() {
        Outcome o = decide("九州饭店", current(E1, "大连九州饭店"), current(E2, "辽宁九州饭店"));

        assertThat(o.link()).isNull();
        assertThat(o.evidence()).contains("fuzzy=below_min_margin:0.050");
    }

    // ---- branches ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "中国石化销售股份有限公司辽宁大连石油分公司, 中国石化销售, 辽宁大连石油分公司",
        "中国工商银行股份有限公司大连中山支行, 中国工商银行, 大连中山支行",
        "中国银行股份有限公司大连分行, 中国银行, 大连分行",
        "中国农业银行股份有限公司大连星海分理处, 中国农业银行, 大连星海分理处",
        "中国人民财产保险股份有限公司大连市金州支公司, 中国人民财产保险, 大连市金州支公司",
        "中国邮政集团有限公司大连市金州区支局, 中国邮政集团, 大连市金州区支局",
        "中信证券股份有限公司大连人民路证券营业部, 中信证券, 大连人民路证券营业部",
        "中国移动通信集团辽宁有限公司大连分公司, 中国移动通信集团, 大连分公司",
        "中国石油天然气股份有限公司辽宁大连销售分公司金州加油站, 中国石油天然气, 辽宁大连销售分公司金州加油站",
        "中国联合网络通信有限公司大连市分公司星海营业厅, 中国联合网络通信, 大连市分公司星海营业厅",
        "中国人寿保险股份有限公司大连分公司金州营销服务部, 中国人寿保险, 大连分公司金州营销服务部",
        "辽宁成大方圆医药连锁有限公司大连中山店, 成大方圆医药连锁, 大连中山店",
        "大连华锐重工集团股份有限公司铸锻分厂, 华锐重工集团, 铸锻分厂",
        "朝阳市华盛商贸有限公司第一经营部, 华盛商贸, 第一经营部",
        "朝阳市华盛超市建平分店, 华盛, 建平分店",
    })
    void realBranchNamesKeepTheirHeadOfficesCoreAndTheirOwnBranchPart(
            String name, String core, String branch) {
        NameParts p = NameParts.parse(name);

        assertThat(p.core()).isEqualTo(core);
        assertThat(p.branch()).isEqualTo(branch);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "大连金州华盛加油站, 加油站",
        "朝阳县鑫源建材经营部, 经营部",
        "大连某某企业服务中心, 中心", // 企业 before an outlet ending is no head office
        "建平县华盛门市部, 门市部",
    })
    void anOutletEndingWithoutAHeadOfficeBeforeItIsTheEnterprisesOwnForm(String name, String form) {
        NameParts p = NameParts.parse(name);

        assertThat(p.branch()).isNull();
        assertThat(p.legalForm()).isEqualTo(form);
    }

    @Test
    void aBranchNeverLinksToItsHeadOfficeOrASiblingBranch() {
        String head = "中国工商银行股份有限公司";
        String zhongshan = head + "大连中山支行";

        assertThat(decide(zhongshan, current(E1, head)).link()).isNull();
        assertThat(decide(head, current(E1, zhongshan)).link()).isNull();
        assertThat(decide(zhongshan, current(E1, head + "大连西岗支行")).link()).isNull();
        assertThat(score(zhongshan, head + "大连西岗支行").refusal()).isEqualTo("other_branch");
        assertThat(score(zhongshan, head + "沈阳中山支行").refusal())
                .as("the same unit in another city")
                .isEqualTo("other_branch");
        String station = "中国石油天然气股份有限公司辽宁大连销售分公司";
        assertThat(decide(station + "金州加油站", current(E1, station)).link()).isNull();
        assertThat(decide(station + "金州加油站", current(E1, station + "旅顺加油站")).link()).isNull();
    }

    @Test
    void aBranchWrittenWithItsPlaceInAnotherFormIsTheSameBranch() {
        assertThat(
                        decide("中国石化销售股份有限公司大连石油分公司", current(E1, "中国石化销售股份有限公司辽宁大连石油分公司"))
                                .link()
                                .enterpriseId())
                .isEqualTo(E1);
        assertThat(
                        decide(
                                        "中国工商银行大连中山支行",
                                        current(E1, "中国工商银行股份有限公司大连中山支行"),
                                        current(E2, "中国工商银行股份有限公司"))
                                .link()
                                .enterpriseId())
                .as("a bank's branch written without the bank's form")
                .isEqualTo(E1);
    }

    @Test
    void aBranchWrittenWithAFormItsRegisteredNameLacksIsAnotherHeadOfficesBranch() {
        FuzzyScore s = score("上海宝钢集团公司大连分公司", "上海宝钢集团大连分公司");

        assertThat(s.refusal()).isEqualTo("head_office_differs");
        assertThat(decide("上海宝钢集团公司大连分公司", current(E1, "上海宝钢集团大连分公司")).link()).isNull();
        assertThat(score("上海宝钢集团大连分公司", "上海宝钢集团公司大连分公司").refusal())
                .as("the form left out of the record")
                .isNull();
    }

    private static FuzzyScore score(String record, String candidate) {
        return FuzzyScorer.score(NameParts.parse(record), NameParts.parse(candidate), null, false);
    }

    private static Outcome decide(String record, Candidate... candidates) {
        return FuzzyMatcher.decide(record, List.of(candidates), true, FuzzyPolicy.DEFAULT);
    }

    private static Candidate current(String id, String name) {
        return new Candidate(id, name, null, false, null);
    }
}
