package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CitizenIdTest {
    static final String EXAMPLE = "11010519491231002X";

    @Test
    void domainExampleIsValid() {
        assertThat(CitizenId.isValid(EXAMPLE)).isTrue();
        assertThat(CitizenId.checkChar(EXAMPLE.substring(0, 17))).isEqualTo('X');
        assertThat(CitizenId.hasBirthDate(EXAMPLE)).isTrue();
    }

    /**
     * Every weight is non-zero mod 11, so any one substituted digit (or check character) is caught.
     */
    @Test
    void everySingleCharacterTypoFails() {
        for (int i = 0; i < 18; i++) {
            for (char c : (i < 17 ? "0123456789" : "0123456789X").toCharArray()) {
                if (c != EXAMPLE.charAt(i)) {
                    String typo = EXAMPLE.substring(0, i) + c + EXAMPLE.substring(i + 1);
                    assertThat(CitizenId.isValid(typo)).as(typo).isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11010519491231002x",
                "11010519491231002",
                "11010519491231002XX",
                "A1010519491231002X"
            })
    void malformedNumbersAreInvalid(String id) {
        assertThat(CitizenId.isValid(id)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsInvalid(String id) {
        assertThat(CitizenId.isValid(id)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "11010519491231002X, true",
        "110105194902290000, false", // 1949 is not a leap year
        "110105200002290000, true", // 2000 is
        "110105194913010000, false", // month 13
        "110105189912310000, false", // before 1900
    })
    void birthDateMustExist(String id, boolean expected) {
        assertThat(CitizenId.hasBirthDate(id)).isEqualTo(expected);
    }

    @Test
    void maskKeepsTheFirstSixAndLastFour() {
        assertThat(CitizenId.mask(EXAMPLE)).isEqualTo("110105********002X");
        assertThat(CitizenId.mask(" " + EXAMPLE + " ")).isEqualTo("110105********002X");
    }

    @ParameterizedTest
    @CsvSource({"110105194912, 110105********4912", "12345678, ********78", "1234, ********"})
    void shortValuesAreNeverPublishedWhole(String id, String masked) {
        assertThat(CitizenId.mask(id)).isEqualTo(masked).isNotEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void maskOfNothingIsNothing(String id) {
        assertThat(CitizenId.mask(id)).isEqualTo(id);
    }
}
