package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.link.fuzzy.Hanzi;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A homophone of a trade name that every province's enterprise of one kind shares (人民出版社: the
 * provinces' people's publishing houses, real names), so that its pinyin and core keys are
 * over-full (issue 12, docs/contract.md §6): the record's place keys find its own province's, and
 * what the over-full keys can still hide is another place's, which cannot tie with it.
 */
class RealNameHomophonesTest {
    static final List<String> PROVINCES =
            List.of(
                    "上海", "云南", "内蒙古", "吉林", "四川", "宁夏", "安徽", "山西", "江苏", "河北", "河南", "浙江", "湖北",
                    "湖南", "福建", "陕西", "黑龙江");

    /** Seventeen real publishers: more than a lookup answers (16). */
    static final List<String> REAL = PROVINCES.stream().map(p -> p + "人民出版社").toList();

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REAL);

    @Test
    void aHomophoneLinksToItsProvincesPublisherPastTheOverfullKeys() {
        for (String[] homophone :
                new String[][] {
                    {"陕西任民出版社", "陕西人民出版社"},
                    {"福建人敏出版社", "福建人民出版社"},
                    {"吉林人民储版社", "吉林人民出版社"}, // 储版 read as the industry word 出版
                }) {
            UnifiedRecord r = link(homophone[0], 16);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", homophone[0], r.getLinkEvidence())
                    .isEqualTo(id(homophone[1]));
            assertThat(r.getLinkEvidence())
                    .anyMatch(e -> e.startsWith("fuzzy=blocking_key_skipped:"));
        }
    }

    @Test
    void aHomophoneWithoutAPlaceOrOfAnUnregisteredProvinceDoesNotLink() {
        assertThat(link("任民出版社", 16).getEnterpriseId()).isNull();
        assertThat(link("广东任民出版社", 16).getEnterpriseId()).isNull();
        assertThat(link("广东人民出版社", 16).getEnterpriseId()).isNull();
    }

    @Provide
    Arbitrary<String> provinces() {
        return Arbitraries.of(
                "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
                "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西",
                "甘肃", "青海", "宁夏", "新疆");
    }

    /**
     * A homophone of one character of 人民出版 written under any province links, with 16 answers a key,
     * exactly as with complete answers: to that province's publisher when it is registered, to none
     * otherwise.
     */
    @Property(tries = 200)
    void keysSkippedLinkAsCompleteAnswersWould(
            @ForAll("provinces") String province, @ForAll("homophones") String written) {
        String record = province + written;

        UnifiedRecord skipped = link(record, 16);
        UnifiedRecord complete = link(record, 1000);

        assertThat(skipped.getEnterpriseId())
                .as("%s: %s", record, skipped.getLinkEvidence())
                .isEqualTo(complete.getEnterpriseId());
        String own = province + "人民出版社";
        assertThat(skipped.getEnterpriseId())
                .as("%s: %s", record, skipped.getLinkEvidence())
                .isEqualTo(REAL.contains(own) ? id(own) : null);
    }

    @Provide
    Arbitrary<String> homophones() {
        String[] trade = {"人", "民", "出", "版"};
        String chars = "任仁忍认刃壬敏闽珉皿悯抿储初除础楚处板扳班办伴";
        return Arbitraries.integers()
                .between(0, 3)
                .flatMap(
                        i ->
                                Arbitraries.of(chars.chars().mapToObj(c -> (char) c).toList())
                                        .filter(c -> Hanzi.homophones(c, trade[i].charAt(0)))
                                        .map(
                                                c -> {
                                                    StringBuilder b = new StringBuilder("人民出版");
                                                    b.setCharAt(i, c);
                                                    return b + "社";
                                                }));
    }

    private static UnifiedRecord link(String name, int maxMatches) {
        CompactRegistryIndex index = new CompactRegistryIndex();
        for (RegistryEntry e : REGISTRY) {
            index.put(e);
        }
        return new LocalLinker(index, FuzzyPolicy.DEFAULT, maxMatches)
                .link(LinkDeciderTest.record(name, f -> {}))
                .record();
    }

    private static String id(String name) {
        return RealNameKeysTest.usccOf(REAL.indexOf(name));
    }
}
