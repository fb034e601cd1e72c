package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.Regions.Found;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The national division table (divisions.tsv, GB/T 2260) as {@link Regions} reads it: real
 * divisions of every level in full and short form, names several divisions share, development
 * zones, old names, and only a run of divisions each inside the one before as a place prefix.
 */
class NationalDivisionsTest {
    /** The table's rows: code, full name, kind, short forms. */
    static List<String[]> rows() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                Regions.class.getResourceAsStream("divisions.tsv"),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("#")) {
                    out.add(line.split("\t", -1));
                }
            }
        }
        return out;
    }

    @Test
    void theTableLoadsInAFewMillisecondsAndHoldsTheWholeCountry() throws IOException {
        Regions.whole("建平县"); // loads the table, if no other test has
        System.out.printf("divisions.tsv read in %.1f ms of CPU time%n", Regions.loadNanos() / 1e6);
        // a few ms on a quiet machine; the bound only catches a loader gone quadratic
        assertThat(Regions.loadNanos()).isLessThan(1_000_000_000L);

        List<String[]> rows = rows();
        // 31 of the statistical code list, and 台湾, 香港, 澳门 (GB/T 2260 71, 81, 82)
        assertThat(rows.stream().filter(r -> r[2].equals("province"))).hasSize(34);
        assertThat(rows.stream().filter(r -> r[2].equals("prefecture")).count()).isGreaterThan(330);
        assertThat(rows.stream().filter(r -> r[2].startsWith("district") || r[2].equals("county")))
                .hasSizeGreaterThan(2800);
        assertThat(rows).allSatisfy(r -> assertThat(r[0]).matches("\\d{6}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "211300, 朝阳市",
        "211302, 双塔区",
        "211303, 龙城区",
        "211321, 朝阳县",
        "211322, 建平县",
        "211324, 喀喇沁左翼蒙古族自治县",
        "211381, 北票市",
        "211382, 凌源市",
        "110105, 朝阳区",
        "220104, 朝阳区",
    })
    void theDivisionsOfDomainSection5AreInTheTable(String code, String name) throws IOException {
        assertThat(rows()).anySatisfy(r -> assertThat(r).startsWith(code, name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "大石桥市华盛, 210882, 4", // a county-level city of 营口
        "大石桥华盛, 210882, 3",
        "苏家屯区华盛, 210111, 4", // a district of 沈阳
        "瓦房店华盛, 210281, 3",
        "喀左华盛, 211324, 2", // the usual abbreviation
        "岫岩满族自治县华盛, 210323, 7",
        "岫岩县华盛, 210323, 3",
        "桓仁华盛, 210522, 2",
        "莫力达瓦达斡尔族自治旗华盛, 150722, 11",
        "鄂温克旗华盛, 150724, 4",
        "神农架林区华盛, 429021, 5",
        "延边朝鲜族自治州华盛, 2224, 8",
        "延边州华盛, 2224, 3",
        "内蒙古华盛, 15, 3",
        "广西壮族自治区华盛, 45, 7",
        "吉林华盛, 22, 2", // the province, not the prefecture of that name
        "吉林市华盛, 2202, 3",
        "北票县华盛, 211381, 3", // an old name: 北票 was a county until 1985
        "普兰店市华盛, 210214, 4", // an old name: 普兰店市 became a district of 大连 in 2015
    })
    void realDivisionsStartANameInFullAndUsualShortForms(String s, String region, int length) {
        assertThat(Regions.atStart(s, 0, 2)).isEqualTo(new Found(region, length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "宏伟鑫源", // 宏伟区 of 辽阳: its short form is a common trade name
        "振兴鑫源", // 振兴区 of 丹东
        "东方鑫源", // 东方市 of 海南
        "中山鑫源", // 中山市 and 大连's 中山区
        "铁西鑫源", // a district's short form, read only after its city
        "城区鑫源", // 城区 is a district's full name, read only after its city
        "华宁森腾", // 华宁县 of 云南: an ordinary county keeps its 县 at the start of a name
        "康平鑫源", // 康平县 of 沈阳 likewise
    })
    void shortFormsThatAreTradeNamesOrDistrictsDoNotStartAName(String s) {
        assertThat(Regions.atStart(s, 0, 2)).isNull();
    }

    @Test
    void aNameSeveralDivisionsShareIsAllOfThemUntilADivisionBeforeItSays() {
        assertThat(Regions.atStart("铁西区华盛", 0, 2)).isEqualTo(new Found("210106|210303|220302", 3));
        assertThat(Regions.leading("沈阳市铁西区华盛", 2))
                .containsExactly(new Found("2101", 3), new Found("210106", 3));
        assertThat(Regions.leading("鞍山铁西华盛", 2))
                .containsExactly(new Found("2103", 2), new Found("210303", 2));
        assertThat(Regions.leading("北京朝阳华盛", 2))
                .as("朝阳 after 北京 is Beijing's district, not the city of 辽宁")
                .containsExactly(new Found("11", 2), new Found("110105", 2));
        assertThat(Regions.leading("辽宁本溪华盛", 2))
                .as("the shallowest reading: the prefecture 本溪市, not 本溪县")
                .containsExactly(new Found("21", 2), new Found("2105", 2));
    }

    @Test
    void onlyARunOfDivisionsEachInsideTheOneBeforeIsAPlacePrefix() {
        assertThat(Regions.leading("大连天津饭店", 0)).containsExactly(new Found("2102", 2));
        assertThat(Regions.leading("北京天津饭店", 2)).containsExactly(new Found("11", 2));
        assertThat(Regions.leading("大连沈阳市华盛", 2))
                .as("a known division outside the one before is not taken for an unknown one")
                .containsExactly(new Found("2102", 2));
        assertThat(Regions.leading("辽宁省大连市甘井子区华盛", 2))
                .containsExactly(new Found("21", 3), new Found("2102", 3), new Found("210211", 4));
        assertThat(Regions.leading("营口大石桥华盛", 2))
                .containsExactly(new Found("2108", 2), new Found("210882", 3));
        assertThat(Regions.leading("沈阳康平华盛", 2))
                .as("an ordinary county's short form after its city")
                .containsExactly(new Found("2101", 2), new Found("210123", 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "大连经济技术开发区华盛, 2102Z开发, 7",
        "大连开发区华盛, 2102Z开发, 3", // what 大连 calls its 经济技术开发区
        "大连高新技术产业园区华盛, 2102Z高新, 8",
        "大连高新区华盛, 2102Z高新, 3",
        "大连长兴岛经济技术开发区华盛, 2102Z开发长兴岛, 10",
        "大连金普新区华盛, 2102Z新区金普, 4",
        "沈阳经济技术开发区华盛, 2101Z开发, 7",
    })
    void aDevelopmentZoneIsReadAfterItsCity(String s, String zone, int length) {
        List<Found> leading = Regions.leading(s, 2);

        assertThat(leading).hasSize(2);
        assertThat(leading.get(1)).isEqualTo(new Found(zone, length));
        assertThat(Regions.nested(zone, leading.get(0).region())).isTrue();
        assertThat(Regions.depth(zone)).isEqualTo(5);
    }

    @Test
    void everyZoneTheSourceListsIsReadAsAZoneOfItsCity() throws IOException {
        List<String[]> zones =
                rows().stream()
                        .filter(r -> r[2].equals("zone"))
                        .filter(r -> r[1].matches(".*(开发区|高新区|新区|保税区|产业园区)$"))
                        .toList();
        assertThat(zones).hasSizeGreaterThan(50);
        int read = 0;
        for (String[] z : zones) {
            List<Found> leading = Regions.leading(z[1] + "华盛商贸", 2);
            String last = leading.isEmpty() ? "" : leading.get(leading.size() - 1).region();
            int length = leading.stream().mapToInt(Found::length).sum();
            if (length == z[1].length() && last.startsWith(z[0].substring(0, 4) + "Z")) {
                read++;
            }
        }
        // the rest are zones named without their city (中新苏滁高新技术产业开发区) or with a name of
        // more than three characters
        assertThat(read)
                .as("zones read in full after their city")
                .isGreaterThan(zones.size() * 8 / 10);
    }

    @Test
    void twoZonesOfACityAreApartAndAZoneMayOverlapItsCitysDistricts() {
        assertThat(Regions.nested("2102Z开发", "2102Z高新")).isFalse();
        assertThat(Regions.nested("2102Z开发", "21")).isTrue();
        assertThat(Regions.nested("2102Z开发", "2102")).isTrue();
        // 大连经济技术开发区 lies in 金州区; which districts a zone spans the table does not say
        assertThat(Regions.nested("2102Z开发", "210213")).isTrue();
        assertThat(Regions.nested("210213", "2102Z开发")).isTrue();
        assertThat(Regions.nested("2102Z开发", "210106")).isFalse();
        assertThat(Regions.same("2102Z开发", "210213")).isFalse();
    }

    @Test
    void regionsWithAlternativesAreTheSameWhenOneAlternativeIs() {
        assertThat(Regions.same("210106|210303|220302", "210303")).isTrue();
        assertThat(Regions.same("210106|210303", "220302")).isFalse();
        assertThat(Regions.nested("210106|210303", "2103")).isTrue();
        assertThat(Regions.nested("210106|210303", "2113")).isFalse();
        assertThat(Regions.depth("22|2202")).isEqualTo(4);
        assertThat(Regions.depth("?某某县")).isZero();
    }
}
