package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.NameParts;
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
import org.junit.jupiter.api.Test;

/**
 * A town (镇, 乡, 街道) written after its county, as individual businesses' names write it, left out by
 * a record (docs/domain.md §5.1): 瓦房店市利民加油站 is 瓦房店市复州城镇利民加油站; another town is another business. The
 * towns are real towns of 辽宁; the businesses are made up.
 */
class RealNameTownsTest {
    static final List<String> REGISTERED =
            List.of("瓦房店市复州城镇利民加油站", "庄河市青堆镇海鲜批发部", "开原市老城街道王记粮店", "铁岭县新台子镇宏伟砖厂");

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REGISTERED);

    @Test
    void theTownLeftOutNamesTheSameBusiness() {
        assertThat(link("瓦房店市利民加油站")).isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(link("庄河市海鲜批发部")).isEqualTo(RealNameKeysTest.usccOf(1));
        assertThat(link("开原市王记粮店")).isEqualTo(RealNameKeysTest.usccOf(2));
        assertThat(link("鐵嶺縣宏偉磚廠")).isEqualTo(RealNameKeysTest.usccOf(3));
        assertThat(RealNameKeysTest.link(REGISTRY, "瓦房店市利民加油站").getLinkEvidence())
                .contains("town=one_side:复州城镇");
    }

    @Test
    void anotherTownIsAnotherBusiness() {
        assertThat(link("瓦房店市太阳街道利民加油站")).isNull();
        assertThat(link("庄河市光明山镇海鲜批发部")).isNull();
    }

    @Test
    void aTownIsReadOnlyAfterACounty() {
        assertThat(NameParts.parse("瓦房店市复州城镇利民加油站").town()).isEqualTo("复州城镇");
        assertThat(NameParts.parse("开原市老城街道王记粮店").town()).isEqualTo("老城街道");
        assertThat(NameParts.parse("复州城镇利民加油站").town()).as("no county before it").isNull();
        assertThat(NameParts.parse("大连华镇科技有限公司").town()).as("a city: no town").isNull();
        assertThat(NameParts.parse("瓦房店市古镇酒业有限公司").town()).as("古 alone is no town").isNull();
    }

    /**
     * Any county of the table, a town after it and a business: the name without the town links to
     * it; with another town, never.
     */
    @Property(tries = 300)
    void aBusinessIsFoundWithoutItsTownAndNotUnderAnother(
            @ForAll("counties") String county,
            @ForAll("towns") String town,
            @ForAll("towns") String other,
            @ForAll("businesses") String business) {
        Assume.that(!town.substring(0, 2).equals(other.substring(0, 2)));
        String registered = county + town + business;
        NameParts parsed = NameParts.parse(registered);
        Assume.that(parsed != null && town.equals(parsed.town()));
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(registered));

        UnifiedRecord without = RealNameKeysTest.link(registry, county + business);
        assertThat(without.getEnterpriseId())
                .as("%s: %s", county + business, without.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(0));
        UnifiedRecord elsewhere = RealNameKeysTest.link(registry, county + other + business);
        assertThat(elsewhere.getEnterpriseId())
                .as("%s: %s", county + other + business, elsewhere.getLinkEvidence())
                .isNull();
    }

    /** Every county-level city, county and banner of the table, by its full name. */
    @Provide
    Arbitrary<String> counties() {
        List<String> out = new ArrayList<>();
        for (String[] row : DivisionTable.rows()) {
            if (row[2].equals("county") && !row[0].endsWith("00")) {
                out.add(row[1]);
            }
        }
        return Arbitraries.of(out);
    }

    @Provide
    Arbitrary<String> towns() {
        return Arbitraries.of(
                "复州城镇", "青堆镇", "老城街道", "新台子镇", "光明山镇", "太阳街道", "红旗镇", "大营子乡", "哈达乡", "石佛寺街道");
    }

    @Provide
    Arbitrary<String> businesses() {
        return Arbitraries.of("利民加油站", "海鲜批发部", "王记粮店", "宏伟砖厂", "兴旺五金商店", "鑫源超市");
    }

    private static String link(String name) {
        return RealNameKeysTest.link(REGISTRY, name).getEnterpriseId();
    }
}
