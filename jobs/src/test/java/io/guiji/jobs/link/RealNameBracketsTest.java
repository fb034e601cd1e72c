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
 * A branch part put in brackets on real names (issue 12, docs/contract.md §6): a record that is a
 * registered name as written but for its brackets names that one, not a registered name of the same
 * core with a place before it (浦东发展银行潍坊分行 and 上海浦东发展银行潍坊市分行, two registered branches).
 */
class RealNameBracketsTest {
    static final List<String> REAL =
            List.of("浦东发展银行潍坊分行", "上海浦东发展银行潍坊市分行", "浦东发展银行", "上海浦东发展银行", "香港上海汇丰银行有限公司");

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REAL);

    @Test
    void aNameWrittenAsRegisteredButForItsBracketsLinksToThatName() {
        for (String[] written :
                new String[][] {
                    {"浦东发展银行（潍坊分行）", "浦东发展银行潍坊分行"},
                    {"浦东发展银行(潍坊分行)", "浦东发展银行潍坊分行"},
                    {"上海浦东发展银行（潍坊市分行）", "上海浦东发展银行潍坊市分行"},
                }) {
            UnifiedRecord r = RealNameTyposTest.link(REGISTRY, written[0], FuzzyPolicy.DEFAULT);

            assertThat(r.getEnterpriseId())
                    .as("%s: %s", written[0], r.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.usccOf(REAL.indexOf(written[1])));
        }
    }

    @Test
    void aBracketedPlaceIsNoBracketToDrop() {
        List<RegistryEntry> shanghai = RealNameKeysTest.registry(List.of("上海汇丰银行有限公司"));

        assertThat(
                        RealNameTyposTest.link(shanghai, "上海汇丰银行（香港）有限公司", FuzzyPolicy.DEFAULT)
                                .getEnterpriseId())
                .isNull();
    }

    @Provide
    Arbitrary<String> heads() {
        List<String> heads = new ArrayList<>();
        for (String name : RealNameKeysTest.REAL) {
            NameParts p = NameParts.parse(name);
            if (p != null
                    && p.regions().isEmpty()
                    && p.branch() == null
                    && !p.legalForm().isEmpty()) {
                heads.add(name);
            }
        }
        return Arbitraries.of(heads);
    }

    @Provide
    Arbitrary<String> cities() {
        return Arbitraries.of("潍坊", "大连", "烟台", "苏州", "洛阳", "绵阳", "柳州", "赣州", "宝鸡", "齐齐哈尔");
    }

    @Provide
    Arbitrary<String> provinces() {
        return Arbitraries.of("上海", "北京", "广东", "辽宁", "浙江", "四川");
    }

    /**
     * A real head office's branch, registered beside the same branch of the head office written
     * with a province before it: the record that is the first but for its brackets links to it.
     */
    @Property(tries = 200)
    void aBranchInBracketsLinksToTheBranchRegisteredAsWritten(
            @ForAll("heads") String head,
            @ForAll("cities") String city,
            @ForAll("provinces") String province) {
        String branch = head + city + "分公司";
        String twin = province + head + city + "分公司";
        NameParts b = NameParts.parse(branch);
        NameParts t = NameParts.parse(twin);
        Assume.that(
                b.branch() != null
                        && t.branch() != null
                        && b.core().equals(t.core())
                        && t.regions().size() == 1);
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(branch, twin));
        String record = head + "（" + city + "分公司）";

        UnifiedRecord r = RealNameTyposTest.link(registry, record, FuzzyPolicy.DEFAULT);

        assertThat(r.getEnterpriseId())
                .as("%s: %s", record, r.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(0));
    }
}
