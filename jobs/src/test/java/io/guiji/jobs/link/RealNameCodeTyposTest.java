package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.OrgCode;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * An invalid code one character from the enterprise's confirms a one-character name typo, as the
 * legal representative does (docs/contract.md §6): the record's 统一社会信用代码 fails its check, so it is
 * no lookup key, but typed for 甲骨文公司's it says which enterprise 甲骨韵公司 is.
 */
class RealNameCodeTyposTest {
    private static final List<RegistryEntry> REGISTRY =
            RealNameLegalRepsTest.withLegalReps(RealNameTyposTest.REAL, "法定代表人");
    private static final String ORACLE = RealNameTyposTest.id("甲骨文公司");

    @Test
    void aMistypedUsccOneCharacterFromTheEnterprisesConfirmsATradeNameTypo() {
        String mistyped = replace(ORACLE, 12, ORACLE.charAt(12) == '5' ? '6' : '5');
        assertThat(Uscc.isValid(mistyped)).isFalse();

        UnifiedRecord r = link("甲骨韵公司", f -> f.setUscc(mistyped));

        assertThat(r.getEnterpriseId()).isEqualTo(ORACLE);
        assertThat(r.getLinkEvidence()).contains("fuzzy=typo_rule", "uscc=one_char_apart");
    }

    @Test
    void twoNeighboursSwappedOrAMistypedOrganizationCodeConfirmToo() {
        String swapped =
                ORACLE.substring(0, 15) + ORACLE.charAt(16) + ORACLE.charAt(15) + ORACLE.charAt(17);
        String org = Uscc.orgCode(ORACLE);
        String orgTypo = replace(org, 3, org.charAt(3) == '1' ? '2' : '1');
        assertThat(Uscc.isValid(swapped) || swapped.equals(ORACLE)).isFalse();
        assertThat(OrgCode.isValid(orgTypo)).isFalse();

        assertThat(link("甲骨韵公司", f -> f.setUscc(swapped)).getEnterpriseId()).isEqualTo(ORACLE);
        UnifiedRecord byOrg = link("甲骨韵公司", f -> f.setOrgCode(orgTypo));
        assertThat(byOrg.getEnterpriseId()).isEqualTo(ORACLE);
        assertThat(byOrg.getLinkEvidence()).contains("org_code=one_char_apart");
    }

    @Test
    void aCodeFurtherFromTheEnterprisesConfirmsNothing() {
        String twoApart = replace(replace(ORACLE, 10, 'X'), 12, 'Y');

        UnifiedRecord r = link("甲骨韵公司", f -> f.setUscc(twoApart));

        assertThat(r.getEnterpriseId()).isNull();
        assertThat(r.getCandidates()).hasSize(1);
    }

    /**
     * Whatever the invalid code, a record links to 甲骨文公司 exactly when the code is one replaced
     * character or one swap of neighbours from its USCC.
     */
    @Property(tries = 300)
    void onlyACodeOneCharacterFromTheEnterprisesConfirms(
            @ForAll @IntRange(max = 17) int at,
            @ForAll @IntRange(max = 30) int with,
            @ForAll @IntRange(max = 17) int other,
            @ForAll boolean twice) {
        String code = replace(ORACLE, at, Uscc.ALPHABET.charAt(with));
        if (twice && other != at) {
            code = replace(code, other, Uscc.ALPHABET.charAt((with + 7) % 31));
        }
        String mistyped = code;
        // two changes may pass the check by chance: a valid code decides at tier 1, name aside
        net.jqwik.api.Assume.that(!Uscc.isValid(mistyped) || mistyped.equals(ORACLE));
        int differ = 0;
        for (int i = 0; i < 18; i++) {
            differ += mistyped.charAt(i) != ORACLE.charAt(i) ? 1 : 0;
        }
        UnifiedRecord r = link("甲骨韵公司", f -> f.setUscc(mistyped));

        if (differ == 1) {
            assertThat(r.getEnterpriseId()).as(mistyped).isEqualTo(ORACLE);
        } else if (differ == 0) {
            assertThat(r.getLinkEvidence())
                    .as("a valid code decides at tier 1")
                    .contains("uscc=" + ORACLE + ":in_registry");
        } else if (!NearCodes.oneCharApart(mistyped, ORACLE)) {
            assertThat(r.getEnterpriseId()).as(mistyped).isNull();
        }
    }

    @Test
    void oneCharApartIsOneReplacementOrOneSwapOfNeighbours() {
        assertThat(NearCodes.oneCharApart("ABCDE", "ABXDE")).isTrue();
        assertThat(NearCodes.oneCharApart("ABCDE", "ABDCE")).isTrue();
        assertThat(NearCodes.oneCharApart("ABCDE", "ACBDX")).isFalse();
        assertThat(NearCodes.oneCharApart("ABCDE", "ABCDE")).isFalse();
        assertThat(NearCodes.oneCharApart("ABCDE", "AXCXE")).isFalse();
        assertThat(NearCodes.oneCharApart("ABCDE", "ABCD")).isFalse();
    }

    private static UnifiedRecord link(String name, Consumer<io.guiji.schemas.DecisionFields> f) {
        CompactRegistryIndex index = new CompactRegistryIndex();
        REGISTRY.forEach(index::put);
        return new LocalLinker(index, io.guiji.jobs.link.fuzzy.FuzzyPolicy.DEFAULT, 16)
                .link(LinkDeciderTest.record(name, f))
                .record();
    }

    private static String replace(String s, int at, char c) {
        return s.substring(0, at) + c + s.substring(at + 1);
    }
}
