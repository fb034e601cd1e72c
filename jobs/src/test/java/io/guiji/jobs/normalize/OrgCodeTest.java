package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OrgCodeTest {
    static Stream<String> valid() {
        return Stream.concat(
                UsccTest.VALID.stream().map(Uscc::orgCode), Stream.of("10000018X", "100000040"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validCodesPass(String code) {
        assertThat(OrgCode.isValid(code)).isTrue();
        assertThat(OrgCode.checkChar(code)).isEqualTo(code.charAt(8));
    }

    @ParameterizedTest
    @CsvSource({"10000018, X", "10000004, 0", "60003734, 1"})
    void checkCharacterTenIsXAndElevenIsZero(String first8, char check) {
        assertThat(OrgCode.checkChar(first8)).isEqualTo(check);
    }

    /**
     * A digit changed by less than 11, times a weight that is non-zero mod 11, is always caught; so
     * is any change of the check character.
     */
    @ParameterizedTest
    @MethodSource("valid")
    void singleDigitTyposFail(String code) {
        for (int i = 0; i < 9; i++) {
            char original = code.charAt(i);
            if (i < 8 && !Character.isDigit(original)) {
                continue;
            }
            for (char c : (i < 8 ? "0123456789" : "0123456789X").toCharArray()) {
                if (c != original) {
                    String typo = code.substring(0, i) + c + code.substring(i + 1);
                    assertThat(OrgCode.isValid(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"60003734-1", "60003734", "6000373411", "60003734x", "6000373#1"})
    void malformedCodesAreInvalid(String code) {
        assertThat(OrgCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsInvalid(String code) {
        assertThat(OrgCode.isValid(code)).isFalse();
    }
}
