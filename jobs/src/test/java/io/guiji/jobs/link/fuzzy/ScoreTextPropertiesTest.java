package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The scores in link evidence are written without a {@link java.util.Formatter}; the text must be
 * what {@code String.format("%.3f")} wrote before, so evidence stays comparable across versions.
 */
class ScoreTextPropertiesTest {

    @Property(tries = 5000)
    void scoresAreWrittenAsFormatWritesThem(@ForAll @DoubleRange(min = 0, max = 1) double v) {
        assertThat(FuzzyMatcher.fmt(v)).isEqualTo(String.format(Locale.ROOT, "%.3f", v));
    }

    @Property(tries = 2000)
    void soAreRoundingEdges(@ForAll @DoubleRange(min = 0, max = 1000) double thousandths) {
        double v = Math.floor(thousandths) / 1000 + 0.0005;
        assertThat(FuzzyMatcher.fmt(v)).isEqualTo(String.format(Locale.ROOT, "%.3f", v));
    }

    @Property(tries = 3000)
    void similarityIsWrittenWithTwoDecimalsAsFormatWritesIt(
            @ForAll @DoubleRange(min = 0, max = 1) double v,
            @ForAll @DoubleRange(min = 0, max = 100) double hundredths) {
        assertThat(FuzzyMatcher.decimals(v, 2)).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
        double edge = Math.floor(hundredths) / 100 + 0.005;
        assertThat(FuzzyMatcher.decimals(edge, 2))
                .isEqualTo(String.format(Locale.ROOT, "%.2f", edge));
    }
}
