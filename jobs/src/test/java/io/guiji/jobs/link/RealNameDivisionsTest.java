package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
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
 * A registered name that writes no place is placed by its entry's division code (issue 12,
 * docs/domain.md §5.1): a record that writes a province links to the one registered there, never to
 * one registered in another province. 太平洋保险公司 (浙江) and 太平洋保险 (安徽) are two real names of two
 * enterprises.
 */
class RealNameDivisionsTest {
    private static final RegistryEntry ZHEJIANG = entry(0, "太平洋保险公司", "330000");
    private static final RegistryEntry ANHUI = entry(1, "太平洋保险", "340000");
    private static final List<RegistryEntry> REGISTRY = List.of(ZHEJIANG, ANHUI);

    @Test
    void aProvinceWrittenBeforeAPlacelessNameLinksToTheOneRegisteredThere() {
        for (String[] written :
                new String[][] {
                    {"浙江太平洋保险公司", ZHEJIANG.getEnterpriseId()},
                    {"浙江省太平洋保险公司", ZHEJIANG.getEnterpriseId()},
                    {"安徽太平洋保险", ANHUI.getEnterpriseId()},
                    {"安徽省太平洋保险", ANHUI.getEnterpriseId()},
                }) {
            UnifiedRecord r = RealNameTyposTest.link(REGISTRY, written[0], FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", written[0], r.getLinkEvidence())
                    .isEqualTo(written[1]);
        }
        assertThat(
                        RealNameTyposTest.link(REGISTRY, "浙江太平洋保险公司", FuzzyPolicy.DEFAULT)
                                .getLinkEvidence())
                .contains("region=same:33");
    }

    @Test
    void aProvinceWhereNeitherIsRegisteredLinksToNeither() {
        UnifiedRecord r = RealNameTyposTest.link(REGISTRY, "江苏太平洋保险公司", FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId()).isNull();
        assertThat(r.getLinkEvidence()).contains("fuzzy=refused:region_differs");
    }

    @Test
    void twoNamesThatWriteNoPlaceLackNothingOfEachOther() {
        // the division does not cost a record that writes no place: the typo rule still applies
        RegistryEntry oracle = entry(0, "甲骨文公司", "110000");

        UnifiedRecord r =
                RealNameTyposTest.link(
                        List.of(oracle),
                        "甲骨韵公司",
                        FuzzyPolicy.DEFAULT.withTradeNameTypos(FuzzyPolicy.TradeNameTypos.ALL));

        assertThat(r.getEnterpriseId()).isEqualTo(oracle.getEnterpriseId());
        assertThat(r.getLinkEvidence()).contains("region=none", "fuzzy=typo_rule");
    }

    // ---------------------------------------------------------------- property

    /** The provinces of the division table: code and every form (full and short). */
    private static final List<String[]> PROVINCES = provinces();

    @Provide
    Arbitrary<String> placeless() {
        List<String> names = new ArrayList<>();
        for (String name : RealNameKeysTest.REAL) {
            NameParts p = NameParts.parse(name);
            if (p != null && p.regions().isEmpty() && p.branch() == null && p.matchable()) {
                names.add(name);
            }
        }
        return Arbitraries.of(names);
    }

    @Provide
    Arbitrary<Integer> provinceIndex() {
        return Arbitraries.integers().between(0, PROVINCES.size() - 1);
    }

    /**
     * A real name registered without a place in its name, in some province, written with a province
     * in front: linked when that is the province it is registered in, never otherwise.
     */
    @Property(tries = 300)
    void aProvinceWrittenLinksOnlyToTheNameRegisteredInIt(
            @ForAll("placeless") String name,
            @ForAll("provinceIndex") int registeredIn,
            @ForAll("provinceIndex") int written,
            @ForAll boolean shortForm) {
        String[] at = PROVINCES.get(registeredIn);
        String[] w = PROVINCES.get(written);
        String record = (shortForm && w.length > 2 ? w[2] : w[1]) + name;
        NameParts p = NameParts.parse(record);
        // the province must read as the place and the name after it as the name
        Assume.that(
                p != null
                        && p.regions().size() == 1
                        && p.core().equals(NameParts.parse(name).core()));
        RegistryEntry e = entry(0, name, at[0]);

        UnifiedRecord r = RealNameTyposTest.link(List.of(e), record, FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId())
                .as("%s, registered in %s: %s", record, at[1], r.getLinkEvidence())
                .isEqualTo(registeredIn == written ? e.getEnterpriseId() : null);
    }

    private static RegistryEntry entry(int i, String name, String division) {
        RegistryEntry e = LinkDeciderTest.entry(RealNameKeysTest.usccOf(i), name, null);
        e.setDivisionCode(division);
        return e;
    }

    private static List<String[]> provinces() {
        List<String[]> out = new ArrayList<>();
        for (String[] f : DivisionTable.rows()) {
            if (f.length < 4 || !f[2].equals("province")) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(f[0], f[1]));
            for (String form : f[3].split(",")) {
                if (!form.isEmpty() && !form.startsWith("~")) {
                    row.add(form);
                }
            }
            out.add(row.toArray(new String[0]));
        }
        return out;
    }
}
