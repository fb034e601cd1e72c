package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.link.fuzzy.Hanzi;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The typo rule and the reading of a typo as a registered name on real enterprise names (issue 12):
 * a non-homophone typo in an industry or legal-form word links when it is the only reading; a typo
 * in a trade name only with {@link FuzzyPolicy#tradeNameTypos} {@code ALL}, and never between two
 * registered near-duplicates; a typo read as one registered name is not held back by that name's
 * same-core siblings (another legal form, no place).
 */
class RealNameTyposTest {
    private static final FuzzyPolicy TRADE_TYPOS =
            FuzzyPolicy.DEFAULT.withTradeNameTypos(FuzzyPolicy.TradeNameTypos.ALL);

    /** Real names of which a typo in the industry word or the place-as-trade-name is written. */
    static final List<String> REAL =
            List.of(
                    "邯郸钢铁集团",
                    "苏州市商业银行",
                    "烟台商业银行",
                    "中国石油化工股份有限公司",
                    "甲骨文公司",
                    "中国中信集团公司",
                    "中国电信集团公司",
                    "辽宁九州饭店",
                    "大连九州饭店",
                    "中国电影集团",
                    "中国电影集团公司",
                    "上海浦东发展银行",
                    "浦东发展银行",
                    "香港三联书店",
                    "马鞍山钢铁公司");

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REAL);

    @Test
    void aNonHomophoneTypoInAnIndustryWordLinksWhenItIsTheOnlyReading() {
        for (String[] typo :
                new String[][] {
                    {"邯郸钢千集团", "邯郸钢铁集团"}, // before the industry word 集团
                    {"苏州市泉业银行", "苏州市商业银行"}, // the place is the trade name
                    {"中国理油化工股份有限公司", "中国石油化工股份有限公司"}, // into the industry word
                    {"马鞍山钢恒公司", "马鞍山钢铁公司"},
                }) {
            UnifiedRecord r = link(REGISTRY, typo[0], FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId()).as(typo[0]).isEqualTo(id(typo[1]));
            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
            assertThat(r.getLinkEvidence()).contains("fuzzy=typo_rule");
        }
    }

    @Test
    void anIndustryWordTypoThatReadsAsTwoRegisteredNamesDoesNotLink() {
        List<RegistryEntry> both = RealNameKeysTest.registry(List.of("马鞍山钢铁公司", "马鞍山钢材公司"));

        UnifiedRecord r = link(both, "马鞍山钢恒公司", FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId()).isNull();
        assertThat(r.getCandidates()).hasSize(2);
    }

    @Test
    void aTradeNameTypoIsListedByDefaultAndLinkedOnlyWhenThePolicySaysSo() {
        UnifiedRecord listed = link(REGISTRY, "甲骨韵公司", FuzzyPolicy.DEFAULT);
        UnifiedRecord linked = link(REGISTRY, "甲骨韵公司", TRADE_TYPOS);

        assertThat(listed.getEnterpriseId()).isNull();
        assertThat(listed.getCandidates())
                .extracting(LinkCandidate::getEnterpriseId)
                .containsExactly(id("甲骨文公司"));
        assertThat(linked.getEnterpriseId()).isEqualTo(id("甲骨文公司"));
        assertThat(linked.getLinkEvidence())
                .contains("fuzzy=typo_rule", "trade_name=one_edit:甲骨韵/甲骨文");
    }

    @Test
    void placedLinksATradeNameTypoOnlyWhereTheNameWritesTheEnterprisesPlace() {
        FuzzyPolicy placed =
                FuzzyPolicy.DEFAULT.withTradeNameTypos(FuzzyPolicy.TradeNameTypos.PLACED);

        // 大连 written, 大连九州饭店 registered there
        UnifiedRecord dalian = link(REGISTRY, "大连九川饭店", placed);
        assertThat(dalian.getEnterpriseId()).isEqualTo(id("大连九州饭店"));
        assertThat(dalian.getLinkEvidence()).contains("fuzzy=typo_rule", "region=same:2102");
        assertThat(link(REGISTRY, "大连九川饭店", FuzzyPolicy.DEFAULT).getEnterpriseId()).isNull();
        // no place written: a look-alike could be registered anywhere
        assertThat(link(REGISTRY, "甲骨韵公司", placed).getEnterpriseId()).isNull();
        // between two registered near-duplicates, as with every policy
        assertThat(link(REGISTRY, "中国乐信集团公司", placed).getEnterpriseId()).isNull();
    }

    @Test
    void aLegalRepresentativeOtherThanTheRegisteredOneKeepsATradeNameTypoFromLinkingOnTheName() {
        List<RegistryEntry> withReps = RealNameLegalRepsTest.withLegalReps(REAL, "法定代表人");
        String registered = RealNameLegalRepsTest.person(REAL.indexOf("大连九州饭店"));
        for (FuzzyPolicy.TradeNameTypos typos : FuzzyPolicy.TradeNameTypos.values()) {
            FuzzyPolicy policy = FuzzyPolicy.DEFAULT.withTradeNameTypos(typos);

            UnifiedRecord other = link(withReps, "大连九川饭店", "欧阳明月", policy);
            UnifiedRecord same = link(withReps, "大连九川饭店", registered, policy);
            UnifiedRecord none = link(withReps, "大连九川饭店", null, policy);

            assertThat(other.getEnterpriseId())
                    .as("%s: %s", typos, other.getLinkEvidence())
                    .isNull();
            assertThat(same.getEnterpriseId()).as("%s", typos).isEqualTo(id("大连九州饭店"));
            assertThat(none.getEnterpriseId())
                    .as("%s", typos)
                    .isEqualTo(typos == FuzzyPolicy.TradeNameTypos.CONFIRMED ? null : id("大连九州饭店"));
        }
    }

    @Test
    void aTradeNameTypoBetweenTwoRegisteredNearDuplicatesNeverLinks() {
        // 中信 and 电信: both registered, 乐信 is one character from each
        assertThat(link(REGISTRY, "中国乐信集团公司", TRADE_TYPOS).getEnterpriseId()).isNull();
        // 辽宁九州饭店 is not 大连九州饭店 (docs/domain.md §5.1), typo or not
        List<RegistryEntry> dalianOnly = RealNameKeysTest.registry(List.of("大连九州饭店"));
        assertThat(link(dalianOnly, "辽宁九川饭店", TRADE_TYPOS).getEnterpriseId()).isNull();
        assertThat(link(REGISTRY, "大连九川饭店", TRADE_TYPOS).getEnterpriseId()).isEqualTo(id("大连九州饭店"));
    }

    @Test
    void aTypoReadAsOneRegisteredNameIsNotHeldBackByItsSameCoreSiblings() {
        for (String[] typo :
                new String[][] {
                    {"众国电影集团", "中国电影集团"},
                    {"众国电影集团公司", "中国电影集团公司"},
                    {"上海普东发展银行", "上海浦东发展银行"},
                    {"普东发展银行", "浦东发展银行"},
                    // 浦东 read as the district, 法展 as a typo of the industry word 发展(银行)
                    {"上海浦东法展银行", "上海浦东发展银行"},
                }) {
            UnifiedRecord r = link(REGISTRY, typo[0], FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId()).as(typo[0]).isEqualTo(id(typo[1]));
        }
        // read as neither (a place of its own): the two stay within the margin
        assertThat(link(REGISTRY, "北京众国电影集团", FuzzyPolicy.DEFAULT).getEnterpriseId()).isNull();
    }

    @Test
    void aHongKongNameLinksWithItsPlaceDropped() {
        UnifiedRecord r = link(REGISTRY, "三联书店", FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId()).isEqualTo(id("香港三联书店"));
        assertThat(r.getLinkEvidence()).contains("region=record_lacks:81");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(RealNameKeysTest.REAL);
    }

    /**
     * Two registered names one trade-name character apart (a real name and its near-duplicate): a
     * record one character from both never links, whatever the policy.
     */
    @Property(tries = 300)
    void aTypoOneCharacterFromTwoRegisteredNamesNeverLinks(
            @ForAll("names") String name,
            @ForAll @IntRange(max = 40) int at,
            @ForAll @IntRange(max = 100) int first,
            @ForAll @IntRange(max = 100) int second) {
        String chars = "金银华盛兴达信通海天明光新源泰德福利民东方红星宏远鑫恒丰顺安";
        NameParts p = NameParts.parse(name);
        String trade = p.trade();
        int start = name.indexOf(trade);
        int i = at % trade.length();
        char a = chars.charAt(first % chars.length());
        char b = chars.charAt(second % chars.length());
        Assume.that(
                trade.length() >= 2
                        && start >= 0
                        && a != b
                        && a != trade.charAt(i)
                        && b != trade.charAt(i)
                        // a homophone of one of them is a homophone typo, linked as one
                        && !Hanzi.homophones(b, trade.charAt(i))
                        && !Hanzi.homophones(b, a));
        String twin = name.substring(0, start + i) + a + name.substring(start + i + 1);
        String record = name.substring(0, start + i) + b + name.substring(start + i + 1);
        NameParts q = NameParts.parse(twin);
        NameParts r = NameParts.parse(record);
        // both must keep the name's structure (a typo that makes a region or an industry word is
        // another kind of variant)
        Assume.that(same(p, q) && same(p, r));
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(name, twin));

        UnifiedRecord linked = link(registry, record, TRADE_TYPOS);

        assertThat(linked.getEnterpriseId())
                .as("%s: %s", record, linked.getLinkEvidence())
                .isNull();
    }

    private static final List<RegistryEntry> REAL_REGISTRY =
            RealNameKeysTest.registry(RealNameKeysTest.REAL);

    /**
     * A replaced character of an industry or legal-form word links, if at all, to the enterprise
     * whose name it was: the typo rule never takes a name for another.
     */
    @Property(tries = 300)
    void aTypoInAnIndustryOrLegalFormWordNeverLinksToAnotherEnterprise(
            @ForAll("names") String name,
            @ForAll @IntRange(max = 40) int at,
            @ForAll @IntRange(max = 100) int with) {
        String chars = "金银华盛兴达信通海天明光新源泰德福利民东方红星宏远鑫恒丰顺安业贸";
        NameParts p = NameParts.parse(name);
        String word = p.industry().length() >= 2 ? p.industry() : p.legalForm();
        int start = name.lastIndexOf(word);
        Assume.that(word.length() >= 2 && start >= 0);
        int i = start + at % word.length();
        char c = chars.charAt(with % chars.length());
        Assume.that(c != name.charAt(i));
        String misspelt = name.substring(0, i) + c + name.substring(i + 1);
        Assume.that(!RealNameKeysTest.REAL.contains(misspelt));

        UnifiedRecord r = link(REAL_REGISTRY, misspelt, FuzzyPolicy.DEFAULT);

        if (r.getEnterpriseId() != null) {
            assertThat(r.getEnterpriseId())
                    .as("%s: %s", misspelt, r.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.id(name));
        }
    }

    private static boolean same(NameParts p, NameParts q) {
        return q != null
                && q.trade().length() == p.trade().length()
                && q.industry().equals(p.industry())
                && q.legalForm().equals(p.legalForm())
                && q.regions().equals(p.regions());
    }

    static UnifiedRecord link(List<RegistryEntry> registry, String name, FuzzyPolicy policy) {
        return link(registry, name, null, policy);
    }

    static UnifiedRecord link(
            List<RegistryEntry> registry, String name, String legalRep, FuzzyPolicy policy) {
        CompactRegistryIndex index = new CompactRegistryIndex();
        for (RegistryEntry e : registry) {
            index.put(e);
        }
        return new LocalLinker(index, policy, 16)
                .link(LinkDeciderTest.record(name, f -> f.setLegalRep(legalRep)))
                .record();
    }

    static String id(String name) {
        return RealNameKeysTest.usccOf(REAL.indexOf(name));
    }
}
