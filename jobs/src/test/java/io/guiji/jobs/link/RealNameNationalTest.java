package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * National enterprises' names written without their 中国 (issue 12, docs/domain.md §5.1): records say
 * 工商银行大连分行 for 中国工商银行股份有限公司大连分行, as they leave a place out.
 */
class RealNameNationalTest {
    /** Real names of national enterprises (public registry names). */
    static final List<String> REAL =
            List.of(
                    "中国工商银行股份有限公司",
                    "中国建设银行股份有限公司",
                    "中国移动通信集团有限公司",
                    "中国远洋海运集团有限公司",
                    "中国华能集团有限公司",
                    "中国第一汽车集团有限公司",
                    "中国平安保险（集团）股份有限公司",
                    "中国石油化工股份有限公司",
                    "中国工商银行股份有限公司大连分行");

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REAL);
    private static final Transliterator TO_TRADITIONAL =
            Transliterator.getInstance("Simplified-Traditional");

    @Property(tries = 40)
    void aNationalNameWithout中国LinksToIt(
            @ForAll @IntRange(max = 8) int n, @ForAll boolean traditional) {
        String rest = REAL.get(n).substring(2);
        String record = traditional ? TO_TRADITIONAL.transliterate(rest) : rest;

        UnifiedRecord r = RealNameKeysTest.link(REGISTRY, record);

        assertThat(r.getEnterpriseId())
                .as("%s: %s", record, r.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(n));
        assertThat(r.getLinkEvidence()).contains("place_reading=national_dropped:中国");
    }

    @Test
    void aBranchWrittenAsRecordsWriteItLinksToTheBranch() {
        assertThat(RealNameKeysTest.link(REGISTRY, "工商银行大连分行").getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(8));
        assertThat(RealNameKeysTest.link(REGISTRY, "工商银行沈阳分行").getEnterpriseId())
                .as("another branch, unregistered")
                .isNull();
    }

    @Test
    void aNameRegisteredWithAPlaceAsWellIsNotChosenBetween() {
        List<RegistryEntry> two = RealNameKeysTest.registry(List.of("中国华能集团有限公司", "辽宁华能集团有限公司"));

        assertThat(RealNameKeysTest.link(two, "华能集团有限公司").getEnterpriseId()).isNull();
        assertThat(RealNameKeysTest.link(two, "大连华能集团有限公司").getEnterpriseId())
                .as("a place written: not the national enterprise")
                .isNull();
    }
}
