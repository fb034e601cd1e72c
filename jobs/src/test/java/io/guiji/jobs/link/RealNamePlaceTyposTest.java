package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.Hanzi;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
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
 * A place prefix written with one character replaced, on real enterprise names (issue 12,
 * docs/contract.md §6): 辽凝成大 starts with no place, but with 辽宁 written with a typo. A homophone
 * (the slip of an input method) links; another character links as a trade-name typo does, when the
 * legal representative confirms it; a start that is one character from two places names neither,
 * and a real place as written is never read as another.
 */
class RealNamePlaceTyposTest {
    private static final List<RegistryEntry> REGISTRY =
            RealNameLegalRepsTest.withLegalReps(RealNameKeysTest.REAL, "法定代表人");

    @Test
    void aHomophoneInThePlaceLinks() {
        for (String[] typo :
                new String[][] {
                    {"辽凝成大股份有限公司", "辽宁成大股份有限公司"},
                    {"大联万达集团股份有限公司", "大连万达集团股份有限公司"},
                    {"沈样机床股份有限公司", "沈阳机床股份有限公司"},
                    {"大莲万达集团股份有限公司", "大连万达集团股份有限公司"},
                }) {
            UnifiedRecord r = RealNameLegalRepsTest.link(REGISTRY, typo[0], null);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", typo[0], r.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.id(typo[1]));
            assertThat(r.getLinkEvidence())
                    .contains(
                            "place_typo="
                                    + typo[0].substring(0, 2)
                                    + "/"
                                    + typo[1].substring(0, 2));
        }
    }

    @Test
    void aTypoInTheFirstOfTwoPlacesOrBeforeThePlacesSuffixLinks() {
        List<String> names = new ArrayList<>(RealNamePlacesTest.REAL);
        names.addAll(RealNameTyposTest.REAL);
        List<RegistryEntry> registry = RealNameLegalRepsTest.withLegalReps(names, "法定代表人");
        for (String[] typo :
                new String[][] {
                    {"中庆南川石银村镇银行", "重庆南川石银村镇银行"}, // 重庆's district 南川 after it
                    {"天津滨海德商村镇银行", "天津滨海德商村镇银行"},
                    {"天晋滨海德商村镇银行", "天津滨海德商村镇银行"},
                    {"苏洲市商业银行", "苏州市商业银行"}, // 苏洲市 reads as an unknown place
                    {"深圳市投资管理公司", "深圳市投资管理公司"},
                    {"深镇市投资管理公司", "深圳市投资管理公司"},
                }) {
            UnifiedRecord r = RealNameLegalRepsTest.link(registry, typo[0], null);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", typo[0], r.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.usccOf(names.indexOf(typo[1])));
        }
    }

    @Test
    void anotherCharacterInThePlaceLinksOnlyWithTheRegisteredLegalRepresentative() {
        String name = "辽宁成大股份有限公司";
        int n = RealNameKeysTest.REAL.indexOf(name);

        UnifiedRecord listed = RealNameLegalRepsTest.link(REGISTRY, "辽宇成大股份有限公司", null);
        UnifiedRecord other = RealNameLegalRepsTest.link(REGISTRY, "辽宇成大股份有限公司", "欧阳明月");
        UnifiedRecord linked =
                RealNameLegalRepsTest.link(REGISTRY, "辽宇成大股份有限公司", RealNameLegalRepsTest.person(n));

        assertThat(listed.getEnterpriseId()).isNull();
        assertThat(listed.getCandidates())
                .extracting(LinkCandidate::getEnterpriseId)
                .containsExactly(RealNameKeysTest.id(name));
        assertThat(other.getEnterpriseId()).isNull();
        assertThat(linked.getEnterpriseId()).isEqualTo(RealNameKeysTest.id(name));
        assertThat(linked.getLinkEvidence())
                .contains("fuzzy=typo_rule", "legal_rep=equal", "place_typo=辽宇/辽宁");
    }

    @Test
    void aStartOneCharacterFromTwoRegisteredPlacesNamesNeitherByItself() {
        List<String> names = List.of("湖南人民出版社", "湖北人民出版社");
        List<RegistryEntry> registry = RealNameLegalRepsTest.withLegalReps(names, "法定代表人");

        for (String rep : new String[] {null, "欧阳明月"}) {
            UnifiedRecord r = RealNameLegalRepsTest.link(registry, "湖车人民出版社", rep);

            assertThat(r.getEnterpriseId()).as("%s", r.getLinkEvidence()).isNull();
            assertThat(r.getCandidates()).hasSize(2);
        }
        // unless the legal representative says which
        assertThat(
                        RealNameLegalRepsTest.link(
                                        registry, "湖车人民出版社", RealNameLegalRepsTest.person(1))
                                .getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(1));
        // a homophone of one of them is that one
        assertThat(RealNameLegalRepsTest.link(registry, "湖难人民出版社", null).getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(0));
    }

    @Test
    void aPlaceTypoLinksPastTheOverfullCoreKeyOfEveryProvincesPublisher() {
        List<RegistryEntry> registry =
                RealNameLegalRepsTest.withLegalReps(RealNameHomophonesTest.REAL, "法定代表人");

        UnifiedRecord r = RealNameLegalRepsTest.link(registry, "陕溪人民出版社", null);

        assertThat(r.getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(RealNameHomophonesTest.REAL.indexOf("陕西人民出版社")));
        assertThat(r.getLinkEvidence()).contains("fuzzy=blocking_key_skipped:F:人民出版");
    }

    @Test
    void aTypoReadAsTheRegisteredNameIsNotHeldBackByItsSiblingOfAnotherLegalForm() {
        List<String> names = List.of("上海宝钢集团公司", "上海宝钢集团");
        List<RegistryEntry> registry = RealNameLegalRepsTest.withLegalReps(names, "法定代表人");

        assertThat(RealNameLegalRepsTest.link(registry, "尚海宝钢集团公司", null).getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(RealNameLegalRepsTest.link(registry, "尚海宝钢集团", null).getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(1));
    }

    @Test
    void aRealPlaceAsWrittenIsNeverReadAsAnother() {
        // 大同 is a city of its own: 大同万达 is another enterprise than 大连万达, unregistered
        UnifiedRecord r = RealNameLegalRepsTest.link(REGISTRY, "大同万达集团股份有限公司", null);

        assertThat(r.getEnterpriseId()).isNull();
        assertThat(r.getLinkEvidence()).noneMatch(e -> e.startsWith("place_typo="));
    }

    // ---------------------------------------------------------------- properties, real names

    private static final String POOL =
            "辽宁大连沈阳鞍山抚顺本溪丹东锦州营口阜新辽阳盘锦铁岭朝阳葫芦岛北京天津上海重庆河北山西吉林黑龙江江苏浙江安徽福建江西山东河南湖北湖南广东海南四川贵州云南陕西甘肃青海"
                    + "凝联样莲临宇金银华盛兴达信通海天明光新源泰德福利民东方红星宏远鑫恒丰顺安业贸"
                    + "疗聊柠狞答搭联廉怜练深申身神洋杨扬养青清轻情纯淳被贝背经精晶景冲钟众忠亲勤琴";

    @Provide
    Arbitrary<Integer> placed() {
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n < RealNameKeysTest.REAL.size(); n++) {
            if (placeLength(RealNameKeysTest.REAL.get(n)) >= 2) {
                out.add(n);
            }
        }
        return Arbitraries.of(out);
    }

    /**
     * Whatever character replaces one of a real name's place, and whatever legal representative the
     * record names, the record links to the enterprise whose name it was or to none.
     */
    @Property(tries = 400)
    void aPlaceTypoNeverLinksToAnotherEnterprise(
            @ForAll("placed") int n,
            @ForAll @IntRange(max = 10) int at,
            @ForAll @IntRange(max = 200) int with,
            @ForAll boolean registeredRep) {
        String typo = placeTypo(n, at, POOL.charAt(with % POOL.length()));
        Assume.that(typo != null);

        UnifiedRecord r =
                RealNameLegalRepsTest.link(
                        REGISTRY, typo, registeredRep ? RealNameLegalRepsTest.person(n) : "欧阳明月");

        if (r.getEnterpriseId() != null) {
            assertThat(r.getEnterpriseId())
                    .as("%s: %s", typo, r.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.usccOf(n));
        }
    }

    /**
     * Most place typos of real names link: every homophone, and the others with their legal
     * representative.
     */
    @Test
    void mostPlaceTyposOfRealNamesLink() {
        int homophones = 0;
        int homophonesLinked = 0;
        int others = 0;
        int othersLinked = 0;
        int othersLinkedWithout = 0;
        for (int n = 0; n < RealNameKeysTest.REAL.size(); n++) {
            String name = RealNameKeysTest.REAL.get(n);
            for (int at = 0; at < placeLength(name); at++) {
                for (int w = 0; w < POOL.length(); w++) {
                    char c = POOL.charAt(w);
                    boolean homophone = Hanzi.homophones(c, name.charAt(at));
                    String typo = placeTypo(n, at, c);
                    if (typo == null || (!homophone && (w + 13 * n + at) % 7 != 0)) {
                        continue; // every homophone, one in seven of the others
                    }
                    String id = RealNameKeysTest.usccOf(n);
                    if (homophone) {
                        homophones++;
                        homophonesLinked +=
                                id.equals(
                                                RealNameLegalRepsTest.link(REGISTRY, typo, null)
                                                        .getEnterpriseId())
                                        ? 1
                                        : 0;
                    } else {
                        others++;
                        othersLinked +=
                                id.equals(
                                                RealNameLegalRepsTest.link(
                                                                REGISTRY,
                                                                typo,
                                                                RealNameLegalRepsTest.person(n))
                                                        .getEnterpriseId())
                                        ? 1
                                        : 0;
                        othersLinkedWithout +=
                                RealNameLegalRepsTest.link(REGISTRY, typo, null).getEnterpriseId()
                                                != null
                                        ? 1
                                        : 0;
                    }
                }
            }
        }
        assertThat(others).isGreaterThan(100);
        assertThat((double) othersLinked / others)
                .as("%d of %d", othersLinked, others)
                .isGreaterThan(0.9);
        assertThat(othersLinkedWithout).isZero();
        assertThat(homophones).isGreaterThan(30);
        {
            assertThat(homophonesLinked)
                    .as("%d of %d", homophonesLinked, homophones)
                    .isEqualTo(homophones);
        }
    }

    /** The length of the place a name is written with (before its core), or 0. */
    static int placeLength(String name) {
        NameParts p = NameParts.parse(name);
        if (p == null || p.regions().isEmpty()) {
            return 0;
        }
        int m = p.text().indexOf(p.core());
        return m <= 4 ? Math.max(m, 0) : 0;
    }

    /**
     * The n-th real name with its place's character at {@code at} replaced by {@code c}, when that
     * leaves a name that writes no place and no registered name; else null.
     */
    static String placeTypo(int n, int at, char c) {
        String name = RealNameKeysTest.REAL.get(n);
        int m = placeLength(name);
        if (m < 2) {
            return null;
        }
        int i = at % m;
        if (name.charAt(i) == c) {
            return null;
        }
        String typo = name.substring(0, i) + c + name.substring(i + 1);
        NameParts q = NameParts.parse(typo);
        if (q == null || !q.regions().isEmpty() || RealNameKeysTest.REAL.contains(typo)) {
            return null;
        }
        return typo;
    }
}
