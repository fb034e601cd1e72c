package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.jobs.link.fuzzy.Regions;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A dropped place prefix on real enterprise names (issue 12, docs/domain.md §5.1): a district or
 * county written without the city it is read after (南川 for 重庆南川), and a place that is the start of
 * a registered trade name after another place (上海汇丰 of 香港上海汇丰银行). A name is read both ways; the
 * reading links only where it is clearly the best, and never across two named places.
 */
class RealNamePlacesTest {
    static final List<String> REAL =
            List.of("重庆南川石银村镇银行", "天津滨海德商村镇银行", "香港上海汇丰银行有限公司", "上海浦东发展银行", "浦东发展银行", "深圳市投资管理公司");

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REAL);

    @Test
    void aDistrictWrittenWithoutItsMunicipalityLinksToTheNameWithIt() {
        for (String[] dropped :
                new String[][] {
                    {"南川石银村镇银行", "重庆南川石银村镇银行"},
                    {"滨海德商村镇银行", "天津滨海德商村镇银行"}, // 滨海: 天津's district and 盐城's county
                    {"重慶南川石銀村鎮銀行", "重庆南川石银村镇银行"},
                }) {
            UnifiedRecord r = RealNameTyposTest.link(REGISTRY, dropped[0], FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", dropped[0], r.getLinkEvidence())
                    .isEqualTo(id(dropped[1]));
        }
        assertThat(
                        RealNameTyposTest.link(REGISTRY, "南川石银村镇银行", FuzzyPolicy.DEFAULT)
                                .getLinkEvidence())
                .contains("place_reading=parent_dropped:南川", "region=same:500119");
    }

    @Test
    void aPlaceThatStartsTheRegisteredTradeNameLinksWithTheFirstPlaceDropped() {
        for (String dropped : List.of("上海汇丰银行有限公司", "上海汇丰银行（香港）有限公司", "上海汇丰银行(香港)有限公司")) {
            UnifiedRecord r = RealNameTyposTest.link(REGISTRY, dropped, FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", dropped, r.getLinkEvidence())
                    .isEqualTo(id("香港上海汇丰银行有限公司"));
        }
        assertThat(
                        RealNameTyposTest.link(REGISTRY, "上海汇丰银行有限公司", FuzzyPolicy.DEFAULT)
                                .getLinkEvidence())
                .contains("place_reading=trade_name:上海", "trade_name=same:上海汇丰");
    }

    @Test
    void aDistrictSeveralCitiesHaveDoesNotChooseBetweenThem() {
        // 铁西区 is a district of 沈阳, 鞍山 and 四平
        List<RegistryEntry> two =
                RealNameKeysTest.registry(List.of("沈阳铁西华晨商贸有限公司", "鞍山铁西华晨商贸有限公司"));

        UnifiedRecord r = RealNameTyposTest.link(two, "铁西华晨商贸有限公司", FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId()).isNull();
        assertThat(r.getCandidates()).hasSize(2);
    }

    @Test
    void bothReadingsOfTheStartOfANameFindingAnEnterpriseIsNoLink() {
        // 和平华晨: the trade name of a 北京 enterprise, or 和平区 (天津, 沈阳) and 华晨
        List<RegistryEntry> two =
                RealNameKeysTest.registry(List.of("北京和平华晨商贸有限公司", "天津和平区华晨商贸有限公司"));

        UnifiedRecord r = RealNameTyposTest.link(two, "和平华晨商贸有限公司", FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId()).isNull();
        assertThat(r.getCandidates())
                .extracting(LinkCandidate::getEnterpriseId)
                .containsExactlyInAnyOrder(RealNameKeysTest.usccOf(0), RealNameKeysTest.usccOf(1));
    }

    @Test
    void anotherPlaceBeforeTheRegisteredTradeNameIsNotTheSameName() {
        assertThat(
                        RealNameTyposTest.link(REGISTRY, "北京上海汇丰银行有限公司", FuzzyPolicy.DEFAULT)
                                .getEnterpriseId())
                .isNull();
        // 浦东 read as the district leaves only industry words: no reading of its own
        assertThat(
                        RealNameTyposTest.link(REGISTRY, "浦东发展银行", FuzzyPolicy.DEFAULT)
                                .getEnterpriseId())
                .isEqualTo(id("浦东发展银行"));
    }

    /**
     * Names registered as place, industry words and form, with no trade name of their own (state
     * and public-utility enterprises: 北京市电力公司, 辽宁省电力有限公司, 深圳市投资管理公司): the place is the trade name,
     * and records write it in any of its forms, before the industry or in brackets.
     */
    static final List<String> PLACE_AS_TRADE_NAME =
            List.of("北京市电力公司", "上海市电力公司", "辽宁省电力有限公司", "深圳市投资管理公司", "内蒙古自治区电力公司");

    @Test
    void aPlaceThatIsTheTradeNameMeetsItInAnyOfItsForms() {
        List<RegistryEntry> registry = RealNameKeysTest.registry(PLACE_AS_TRADE_NAME);
        for (String[] written :
                new String[][] {
                    {"北京电力公司", "北京市电力公司"},
                    {"电力公司（北京）", "北京市电力公司"},
                    {"电力公司(北京市)", "北京市电力公司"},
                    {"上海电力公司", "上海市电力公司"},
                    {"辽宁电力有限公司", "辽宁省电力有限公司"},
                    {"电力有限公司（辽宁省）", "辽宁省电力有限公司"},
                    {"遼寧電力有限公司", "辽宁省电力有限公司"},
                    {"投资管理（深圳）公司", "深圳市投资管理公司"},
                    {"深圳投资管理公司", "深圳市投资管理公司"},
                    {"内蒙古电力公司", "内蒙古自治区电力公司"},
                }) {
            UnifiedRecord r = RealNameTyposTest.link(registry, written[0], FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", written[0], r.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.usccOf(PLACE_AS_TRADE_NAME.indexOf(written[1])));
        }
        assertThat(
                        RealNameTyposTest.link(registry, "电力公司（北京）", FuzzyPolicy.DEFAULT)
                                .getLinkEvidence())
                .contains("trade_name=same_place:北京/北京市", "industry=same:电力");
    }

    @Test
    void anotherPlaceOrNoneAsTheTradeNameIsNotTheSameEnterprise() {
        List<RegistryEntry> registry = RealNameKeysTest.registry(PLACE_AS_TRADE_NAME);
        for (String other :
                List.of(
                        "天津电力公司",
                        "电力公司（天津）",
                        "天津市电力公司",
                        "大连电力有限公司",
                        "电力有限公司（大连）",
                        // the industry and form alone name any place's
                        "投资管理公司",
                        "电力公司",
                        "电力有限公司",
                        // a city of the province is another name than the province's
                        // (docs/domain.md §5.1)
                        "沈阳电力有限公司",
                        "北京电力有限公司")) {
            UnifiedRecord r = RealNameTyposTest.link(registry, other, FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId()).as("%s: %s", other, r.getLinkEvidence()).isNull();
        }
    }

    // ---------------------------------------------------------------- properties over the table

    /** The city (or municipality) of each district and county, by its code. */
    private static final Map<String, String> CITY = new HashMap<>();

    /** The codes of the districts and counties whose short form is read only after their city. */
    private static final Map<String, List<String>> AFTER_CITY = afterCity();

    /** Every real name of the tests read without its place: a trade name, an industry, a form. */
    @Provide
    Arbitrary<String> bareNames() {
        List<String> bare = new ArrayList<>();
        for (String name : RealNameKeysTest.REAL) {
            NameParts p = NameParts.parse(name);
            if (p != null
                    && p.regions().isEmpty()
                    && p.branch() == null
                    && p.trade().length() >= 2) {
                bare.add(name);
            }
        }
        return Arbitraries.of(bare);
    }

    @Provide
    Arbitrary<String> shortForms() {
        return Arbitraries.of(new ArrayList<>(AFTER_CITY.keySet()));
    }

    /**
     * A name registered under a district or county written after its city, written with the city
     * dropped, links to it when that district or county is the only one of the form.
     */
    @Property(tries = 300)
    void aDistrictWithItsCityDroppedLinksToTheOneNameRegisteredThere(
            @ForAll("bareNames") String bare, @ForAll("shortForms") String form) {
        List<String> codes = AFTER_CITY.get(form);
        Assume.that(codes.size() == 1);
        String registered = CITY.get(codes.get(0)) + form + bare;
        NameParts p = NameParts.parse(registered);
        NameParts b = NameParts.parse(bare);
        // the registered name must read as the city, the district and the bare name; the record
        // as a name that does not start with a place as written (甘南 is 甘南州 before 甘南县)
        Assume.that(p.regions().size() == 2 && p.core().equals(b.core()));
        Assume.that(NameParts.parse(form + bare).regions().isEmpty());
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(registered));

        UnifiedRecord r = RealNameTyposTest.link(registry, form + bare, FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId())
                .as("%s for %s: %s", form + bare, registered, r.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(0));
    }

    /**
     * A district or county written without its city never links to the same name registered in
     * another district or county: the dropped city does not make two places one.
     */
    @Property(tries = 300)
    void aDistrictWithItsCityDroppedNeverLinksToAnotherDistrict(
            @ForAll("bareNames") String bare,
            @ForAll("shortForms") String form,
            @ForAll("shortForms") String other) {
        Assume.that(!form.equals(other));
        String registered = CITY.get(AFTER_CITY.get(other).get(0)) + other + bare;
        NameParts p = NameParts.parse(registered);
        Assume.that(p.regions().size() == 2);
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(registered));
        String record = form + bare;
        // a form that also starts a name as a place of its own names that place, not a district
        // without its city (文山 is 文山州 before 文山市, and 马关 lies in 文山州), as in the property above
        Assume.that(NameParts.parse(record).regions().isEmpty());
        // a stem several divisions share may name the other's too (铁西: 沈阳, 鞍山, 四平)
        Assume.that(AFTER_CITY.get(form).stream().noneMatch(AFTER_CITY.get(other)::contains));

        UnifiedRecord r = RealNameTyposTest.link(registry, record, FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId()).as("%s: %s", record, r.getLinkEvidence()).isNull();
    }

    /** Provinces and prefectures of the table: full name and the short forms that start a name. */
    private static final List<String[]> PLACES = provincesAndPrefectures();

    @Provide
    Arbitrary<String[]> places() {
        return Arbitraries.of(PLACES);
    }

    @Provide
    Arbitrary<String> industries() {
        return Arbitraries.of("电力", "投资管理", "燃气", "水务", "建筑工程", "自来水", "供销");
    }

    /**
     * A name registered as a province's or prefecture's full name, industry words and a form links
     * from the place's short form before the industry and from either form in brackets after it,
     * and never from another province's or prefecture's.
     */
    @Property(tries = 400)
    void aPlaceAsTheTradeNameLinksFromItsOtherFormsAndNotFromAnotherPlace(
            @ForAll("places") String[] place,
            @ForAll("places") String[] other,
            @ForAll("industries") String industry,
            @ForAll boolean limited) {
        String form = limited ? "有限公司" : "公司";
        String registered = place[0] + industry + form;
        Assume.that(NameParts.parse(registered).regions().isEmpty()); // the place is the trade name
        String shortForm = place[1];
        Assume.that(
                !other[0].equals(place[0])
                        && !Regions.nested(Regions.whole(other[0]), Regions.whole(place[0])));
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(registered));

        for (String same :
                List.of(
                        shortForm + industry + form,
                        industry + form + "（" + shortForm + "）",
                        industry + form + "（" + place[0] + "）")) {
            UnifiedRecord r = RealNameTyposTest.link(registry, same, FuzzyPolicy.DEFAULT);
            assertThat(r.getEnterpriseId())
                    .as("%s for %s: %s", same, registered, r.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.usccOf(0));
        }
        for (String another :
                List.of(other[1] + industry + form, industry + form + "（" + other[0] + "）")) {
            UnifiedRecord r = RealNameTyposTest.link(registry, another, FuzzyPolicy.DEFAULT);
            assertThat(r.getEnterpriseId())
                    .as("%s for %s: %s", another, registered, r.getLinkEvidence())
                    .isNull();
        }
    }

    private static List<String[]> provincesAndPrefectures() {
        List<String[]> out = new ArrayList<>();
        for (String[] f : DivisionTable.rows()) {
            if (!(f[2].equals("province") || f[2].equals("prefecture")) || f[3].isEmpty()) {
                continue;
            }
            String shortForm = f[3].split(",")[0];
            // a short form that names this division alone where a name starts
            String region = Regions.whole(f[1]);
            if (!shortForm.startsWith("~")
                    && region != null
                    && region.equals(Regions.whole(shortForm))) {
                out.add(new String[] {f[1], shortForm});
            }
        }
        return out;
    }

    /**
     * The short forms marked as read only after a containing division in the division table, of
     * districts and counties, with their codes; fills {@link #CITY} with the full name of each
     * one's prefecture (its province for a municipality's district: 重庆市南川区).
     */
    private static Map<String, List<String>> afterCity() {
        Map<String, String> names = new HashMap<>();
        List<String[]> rows = DivisionTable.rows();
        for (String[] f : rows) {
            names.put(f[0], f[1]);
        }
        Map<String, List<String>> out = new HashMap<>();
        for (String[] f : rows) {
            if (!(f[2].equals("district") || f[2].equals("county")) || f[3].isEmpty()) {
                continue;
            }
            String city = names.get(f[0].substring(0, 4) + "00");
            if (city == null) {
                city = names.get(f[0].substring(0, 2) + "0000");
            }
            if (city == null) {
                continue;
            }
            CITY.put(f[0], city);
            for (String form : f[3].split(",")) {
                if (form.startsWith("~") && form.length() >= 3) {
                    out.computeIfAbsent(form.substring(1), k -> new ArrayList<>()).add(f[0]);
                }
            }
        }
        return out;
    }

    private static String id(String name) {
        return RealNameKeysTest.usccOf(REAL.indexOf(name));
    }
}
