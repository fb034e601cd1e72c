package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RegNoTest {
    static final String EXAMPLE = "110108000000016";

    @Test
    void domainExampleIsValid() {
        assertThat(RegNo.isValid(EXAMPLE)).isTrue();
        assertThat(RegNo.checkDigit(EXAMPLE.substring(0, 14))).isEqualTo('6');
    }

    /** ISO 7064 MOD 11,10 catches every single substituted digit. */
    @Test
    void everySingleDigitTypoFails() {
        for (int i = 0; i < 15; i++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c != EXAMPLE.charAt(i)) {
                    String typo = EXAMPLE.substring(0, i) + c + EXAMPLE.substring(i + 1);
                    assertThat(RegNo.isValid(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"11010800000001", "1101080000000160", "11010800000001A", "110108 00000016"})
    void malformedNumbersAreInvalid(String code) {
        assertThat(RegNo.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsInvalid(String code) {
        assertThat(RegNo.isValid(code)).isFalse();
    }

    @Test
    void generatedCheckDigitsValidate() {
        for (int i = 0; i < 1000; i++) {
            String first14 = String.format("2113%010d", i * 7919L);
            assertThat(RegNo.isValid(first14 + RegNo.checkDigit(first14))).as(first14).isTrue();
        }
    }

    @Test
    void checkDigitNeedsFourteenDigits() {
        assertThatThrownBy(() -> RegNo.checkDigit("1101080000000A"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
