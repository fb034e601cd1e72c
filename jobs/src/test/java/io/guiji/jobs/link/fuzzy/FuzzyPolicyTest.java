package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fuzzy policy's bounds: a minimum score in (0, 1], a minimum margin in [0, 1). */
class FuzzyPolicyTest {

    @ParameterizedTest(name = "score {0} margin {1}")
    @CsvSource({"1.0, 0.0", "0.001, 0.999", "0.88, 0.05"})
    void thresholdsWithinTheirBoundsAreAccepted(double minScore, double minMargin) {
        assertThatCode(() -> new FuzzyPolicy(true, minScore, minMargin, 0.5))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "score {0}")
    @CsvSource({"0.0", "-0.1", "1.001", "NaN"})
    void aMinimumScoreOutsideZeroToOneIsRefused(double minScore) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FuzzyPolicy(true, minScore, 0.05, 0.5))
                .withMessageContaining("min score");
    }

    @ParameterizedTest(name = "margin {0}")
    @CsvSource({"1.0", "-0.001", "NaN"})
    void aMinimumMarginOutsideZeroToOneIsRefused(double minMargin) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FuzzyPolicy(true, 0.88, minMargin, 0.5))
                .withMessageContaining("min margin");
    }
}
