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
 * A province or city written inside a name without the brackets of its registered form (issue 12,
 * docs/domain.md §5.1): 华为软件技术大连有限公司 is 华为软件技术（大连）有限公司, on real names of that shape.
 */
class RealNameInnerPlacesTest {
    static final List<String> REAL =
            List.of(
                    "华为软件技术（大连）有限公司",
                    "英特尔半导体（大连）有限公司",
                    "国网辽宁省电力有限公司",
                    "中国东方航空股份有限公司",
                    "东软集团（大连）有限公司");

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REAL);

    @Test
    void theBracketsLeftOutNameTheSameEnterprise() {
        assertThat(link("华为软件技术大连有限公司")).isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(link("英特尔半导体大连有限公司")).isEqualTo(RealNameKeysTest.usccOf(1));
        assertThat(link("国网辽宁电力有限公司")).isEqualTo(RealNameKeysTest.usccOf(2));
        assertThat(link("东软集团大连有限公司")).isEqualTo(RealNameKeysTest.usccOf(4));
    }

    @Test
    void anotherCityInsideTheNameIsAnotherEnterprise() {
        assertThat(link("华为软件技术沈阳有限公司")).isNull();
        assertThat(link("国网吉林电力有限公司")).isNull();
    }

    @Test
    void aCountyLevelNameInsideATradeNameStaysTradeName() {
        // 东方 is a city of 海南 at the county level: 中国东方航空 writes no place
        assertThat(NameParts.parse("中国东方航空股份有限公司").regions()).isEmpty();
        assertThat(NameParts.parse("中国东方航空股份有限公司").trade()).isEqualTo("中国东方");
    }

    /**
     * Any province or prefecture, written in brackets in a registered name and without them in a
     * record, names the same enterprise; another one, never.
     */
    @Property(tries = 300)
    void aPlaceInsideTheNameLinksOnlyToItsOwnPlace(
            @ForAll("places") String place,
            @ForAll("places") String other,
            @ForAll("cores") String[] core) {
        String registered = core[0] + "（" + place + "）" + core[1] + "有限公司";
        NameParts parsed = NameParts.parse(registered);
        Assume.that(parsed != null && parsed.regions().size() == 1);
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(registered));

        String same = core[0] + place + core[1] + "有限公司";
        UnifiedRecord r = RealNameKeysTest.link(registry, same);
        assertThat(r.getEnterpriseId())
                .as("%s: %s", same, r.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(0));

        NameParts o = NameParts.parse(core[0] + "（" + other + "）" + core[1] + "有限公司");
        Assume.that(o != null && !o.regions().equals(parsed.regions()));
        String elsewhere = core[0] + other + core[1] + "有限公司";
        assertThat(RealNameKeysTest.link(registry, elsewhere).getEnterpriseId())
                .as("%s", elsewhere)
                .isNull();
    }

    /** The short forms of provinces and prefectures that name one division wherever they stand. */
    @Provide
    Arbitrary<String> places() {
        List<String> out = new ArrayList<>();
        for (String[] row : DivisionTable.rows()) {
            boolean level = row[2].equals("province") || row[2].equals("prefecture");
            if (level && row.length > 3 && !row[3].isEmpty() && !row[3].startsWith("~")) {
                out.add(row[3].split(",")[0]);
            }
        }
        return Arbitraries.of(out);
    }

    /**
     * A real trade name and what follows the place: industry words or nothing (the place is read
     * before industry words of the list or the form only).
     */
    @Provide
    Arbitrary<String[]> cores() {
        return Arbitraries.of(
                new String[] {"华为软件", "技术"},
                new String[] {"英特尔半导体", ""},
                new String[] {"东软", "集团"},
                new String[] {"恒信", "商贸"},
                new String[] {"万科", "房地产开发"});
    }

    private static String link(String name) {
        return RealNameKeysTest.link(REGISTRY, name).getEnterpriseId();
    }
}
