package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A partnership's kind written in brackets after its form (（特殊普通合伙）, （有限合伙）), on real firm names
 * (issue 12): a record that leaves it out names the same firm; one that writes another kind names
 * another.
 */
class RealNamePartnershipsTest {
    static final List<String> REAL =
            List.of(
                    "普华永道中天会计师事务所（特殊普通合伙）",
                    "德勤华永会计师事务所（特殊普通合伙）",
                    "安永华明会计师事务所（特殊普通合伙）",
                    "毕马威华振会计师事务所（特殊普通合伙）",
                    "立信会计师事务所（特殊普通合伙）",
                    "天健会计师事务所（特殊普通合伙）",
                    "信永中和会计师事务所（特殊普通合伙）",
                    "大华会计师事务所（特殊普通合伙）");

    private static final List<RegistryEntry> REGISTRY = RealNameKeysTest.registry(REAL);

    @Property(tries = 50)
    void aFirmWrittenWithoutItsKindLinksToIt(@ForAll @IntRange(max = 7) int n) {
        String name = REAL.get(n);
        String bare = name.substring(0, name.indexOf('（'));

        UnifiedRecord r = RealNameLegalRepsTest.link(REGISTRY, bare, null);

        assertThat(r.getEnterpriseId())
                .as("%s: %s", bare, r.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(n));
        assertThat(r.getLinkEvidence()).anyMatch(e -> e.startsWith("legal_form=kind_one_side:"));
    }

    @Test
    void anotherKindNamesAnotherFirm() {
        UnifiedRecord r = RealNameLegalRepsTest.link(REGISTRY, "立信会计师事务所（普通合伙）", null);

        assertThat(r.getEnterpriseId()).isNull();
    }

    @Test
    void aFirmRegisteredWithTwoKindsIsNamedByNeitherWithout() {
        List<RegistryEntry> two =
                RealNameKeysTest.registry(List.of("立信会计师事务所（特殊普通合伙）", "立信会计师事务所（普通合伙）"));

        assertThat(RealNameLegalRepsTest.link(two, "立信会计师事务所", null).getEnterpriseId()).isNull();
        assertThat(RealNameLegalRepsTest.link(two, "立信会计师事务所(普通合伙)", null).getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(1));
    }
}
