package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {
    /** docs/domain.md §1.1's valid examples. */
    static final List<String> VALID =
            List.of(
                    "91110000600037341L",
                    "91310115MA1K3BTP2B",
                    "121200004013590816",
                    "92340602MA2PBMEM24",
                    // DOMAIN says some early Fujian pilot codes (91350…M000…) fail the check yet
                    // are real.
                    // This one, computed, passes: its check character 3 is what mod 31 gives.
                    "91350100M000100Y43");

    static Stream<String> valid() {
        return VALID.stream();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void domainExamplesAreValid(String code) {
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(Uscc.hasShape(code)).isTrue();
        assertThat(Uscc.checkChar(code.substring(0, 17))).isEqualTo(code.charAt(17));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void theEmbeddedOrganizationCodeIsValid(String code) {
        assertThat(Uscc.orgCode(code)).hasSize(9).isEqualTo(code.substring(8, 17));
        assertThat(OrgCode.isValid(Uscc.orgCode(code))).isTrue();
    }

    @Test
    void fujianPilotExamplePassesTheCheck() {
        assertThat(Uscc.isValid("91350100M000100Y43")).isTrue();
        assertThat(Uscc.orgCode("91350100M000100Y43")).isEqualTo("M000100Y4");
    }

    /** Every weight is non-zero mod 31 (a prime), so any one substituted character is caught. */
    @ParameterizedTest
    @MethodSource("valid")
    void everySingleCharacterTypoFails(String code) {
        int typos = 0;
        for (int i = 0; i < 18; i++) {
            for (char c : Uscc.ALPHABET.toCharArray()) {
                if (c != code.charAt(i)) {
                    String typo = code.substring(0, i) + c + code.substring(i + 1);
                    assertThat(Uscc.isValid(typo)).as(typo).isFalse();
                    typos++;
                }
            }
        }
        assertThat(typos).isEqualTo(18 * 30);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "91110000600037341", // 17 characters
                "91110000600037341LL", // 19 characters
                "91110000600037341l", // lower case: callers canonicalize first
                "9111000060003734IL", // I is not in the alphabet
                "9111000060003734OL",
                "9111000060003734SL",
                "9111000060003734VL",
                "9111000060003734ZL",
                "91110000 600037341L",
                "９１１１００００６０００３７３４１Ｌ" // full width: canonicalize first
            })
    void malformedCodesAreInvalid(String code) {
        assertThat(Uscc.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsInvalid(String code) {
        assertThat(Uscc.isValid(code)).isFalse();
        assertThat(Uscc.hasShape(code)).isFalse();
    }

    @Test
    void shapeIgnoresTheCheckCharacter() {
        assertThat(Uscc.hasShape("91110000600037341A")).isTrue();
        assertThat(Uscc.isValid("91110000600037341A")).isFalse();
        assertThat(Uscc.hasShape("91110000600037341I")).isFalse();
    }

    @Test
    void checkCharRejectsCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> Uscc.checkChar("9111000060003734O"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
