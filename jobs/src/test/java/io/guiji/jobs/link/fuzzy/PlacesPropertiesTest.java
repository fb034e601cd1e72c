package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyMatcher.Candidate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated cases over the whole division table and real enterprise and branch names: any division,
 * in any form that may start a name, is read as the place prefix and leaves the same core; a branch
 * never matches its head office; two different places of the same level never link.
 */
class PlacesPropertiesTest {
    /** Real trade names, with their industry and form, that hold no division. */
    private static final String[] NAMES = {
        "华盛商贸有限公司",
        "九州饭店",
        "鑫源建材有限公司",
        "金石滩旅游发展有限公司",
        "恒力石化股份有限公司",
        "万达商业管理有限公司",
        "德信物流有限公司",
        "同仁堂大药房",
        "顺丰速运有限公司",
        "蓝天环保科技有限公司",
    };

    /** Real head offices. */
    private static final String[] HEADS = {
        "中国工商银行股份有限公司",
        "中国石化销售股份有限公司",
        "中国移动通信集团辽宁有限公司",
        "中国人民财产保险股份有限公司",
        "中国邮政集团有限公司",
        "辽宁成大方圆医药连锁有限公司",
        "朝阳市华盛商贸有限公司",
        "大连万达商业管理集团股份有限公司",
    };

    /** Divisions in a form that may start a name: {code, form}. */
    private static final List<String[]> FORMS = new ArrayList<>();

    /** Prefecture-level divisions in full form, and provinces: {region, form, level}. */
    private static final List<String[]> PLACES = new ArrayList<>();

    static {
        try {
            for (String[] r : NationalDivisionsTest.rows()) {
                if (r[2].equals("zone") || r[2].equals("district2")) {
                    continue;
                }
                FORMS.add(new String[] {r[0], r[1]});
                for (String s : r[3].isEmpty() ? new String[0] : r[3].split(",")) {
                    if (!s.startsWith("~")) {
                        FORMS.add(new String[] {r[0], s});
                    }
                }
                if (r[2].equals("province") || r[2].equals("prefecture")) {
                    PLACES.add(new String[] {Regions.ofCode(r[0]), r[1], r[2]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String[]> forms() {
        return Arbitraries.of(FORMS);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    @Property(tries = 2000)
    void anyDivisionInAnyFormAsPrefixLeavesTheSameCore(
            @ForAll("forms") String[] division, @ForAll("names") String name) {
        NameParts bare = NameParts.parse(name);
        NameParts prefixed = NameParts.parse(division[1] + name);

        assertThat(prefixed.core()).as(division[1] + name).isEqualTo(bare.core());
        assertThat(prefixed.regions()).hasSize(1);
        // nested, not same: a prefecture without counties lists itself again as its county-level
        // division (嘉峪关市 6202 and 620201), and the shallower reading is taken
        assertThat(Regions.nested(prefixed.region(), Regions.ofCode(division[0])))
                .as("%s read as %s", division[1], prefixed.region())
                .isTrue();
        // every key but the short-name typo keys, which carry the most specific region written
        // (FuzzyKeys: one character and an industry word alone are too common nationwide)
        assertThat(placeFree(FuzzyKeys.of(prefixed))).isEqualTo(placeFree(FuzzyKeys.of(bare)));
    }

    /** The keys that leave the region out: all but {@code F:<region>|…}. */
    static java.util.Set<String> placeFree(java.util.Set<String> keys) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(keys);
        out.removeIf(k -> k.startsWith(FuzzyKeys.CORE) && k.contains("|"));
        return out;
    }

    @Provide
    Arbitrary<String> heads() {
        return Arbitraries.of(HEADS);
    }

    @Provide
    Arbitrary<String> endings() {
        List<String> all = new ArrayList<>(Branches.endings(false));
        all.addAll(Branches.endings(true));
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<String> qualifiers() {
        return Arbitraries.of("大连", "大连市", "辽宁大连", "金州", "大连中山", "第一", "星海", "沈阳铁西", "");
    }

    @Property(tries = 1000)
    void aBranchNeverMatchesItsHeadOfficeNorItsHeadOfficeTheBranch(
            @ForAll("heads") String head,
            @ForAll("qualifiers") String qualifier,
            @ForAll("endings") String ending) {
        String branch = head + qualifier + ending;
        NameParts b = NameParts.parse(branch);
        NameParts h = NameParts.parse(head);

        assertThat(b.branch()).as(branch).isNotNull();
        assertThat(b.core()).isEqualTo(h.core());
        assertThat(FuzzyScorer.score(b, h, null, false).refused()).isTrue();
        assertThat(FuzzyScorer.score(h, b, null, false).refused()).isTrue();
        assertThat(decide(branch, head)).isFalse();
        assertThat(decide(head, branch)).isFalse();
    }

    @Property(tries = 1000)
    void twoSiblingBranchesNeverMatch(
            @ForAll("heads") String head,
            @ForAll("qualifiers") String q1,
            @ForAll("qualifiers") String q2,
            @ForAll("endings") String ending) {
        NameParts a = NameParts.parse(head + q1 + ending);
        NameParts b = NameParts.parse(head + q2 + ending);
        Assume.that(!Branches.same(a.branch(), b.branch()));

        assertThat(decide(head + q1 + ending, head + q2 + ending)).isFalse();
        // siblings are refused whatever their places: 大连中山 and 沈阳铁西, 第一 and 星海
        assertThat(FuzzyScorer.score(a, b, null, false).refusal()).isEqualTo("other_branch");
    }

    @Provide
    Arbitrary<String[]> places() {
        return Arbitraries.of(PLACES);
    }

    @Property(tries = 2000)
    void twoDifferentPlacesOfTheSameLevelNeverLink(
            @ForAll("places") String[] a,
            @ForAll("places") String[] b,
            @ForAll("names") String name) {
        Assume.that(a[2].equals(b[2]) && !a[0].equals(b[0]));

        assertThat(decide(a[1] + name, b[1] + name)).as(a[1] + " / " + b[1]).isFalse();
    }

    @Provide
    Arbitrary<String[]> provincesAndTheirPrefectures() {
        List<String[]> pairs = new ArrayList<>();
        for (String[] p : PLACES) {
            for (String[] c : PLACES) {
                if (p[2].equals("province") && c[2].equals("prefecture") && c[0].startsWith(p[0])) {
                    pairs.add(new String[] {p[1], c[1]});
                }
            }
        }
        return Arbitraries.of(pairs);
    }

    @Property(tries = 2000)
    void aProvinceAndAPrefectureInsideItNeverLink(
            @ForAll("provincesAndTheirPrefectures") String[] pair, @ForAll("names") String name) {
        String[] province = {null, pair[0]};
        String[] city = {null, pair[1]};

        assertThat(decide(province[1] + name, city[1] + name))
                .as(pair[0] + "/" + pair[1])
                .isFalse();
        assertThat(decide(city[1] + name, province[1] + name)).isFalse();
    }

    /**
     * Whether the fuzzy tier links a record named {@code record} to the one entry {@code entry}.
     */
    private static boolean decide(String record, String entry) {
        return FuzzyMatcher.decide(
                                record,
                                List.of(new Candidate("E1", entry, null, false, null)),
                                true,
                                FuzzyPolicy.DEFAULT)
                        .link()
                != null;
    }
}
