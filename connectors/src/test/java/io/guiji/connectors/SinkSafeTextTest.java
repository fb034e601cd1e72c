package io.guiji.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SinkSafeText} as the sinks use it: no NUL, control character or lone surrogate survives;
 * clean text and clean records are returned as they are. (Its properties over arbitrary text are in
 * the jobs module's {@code TextPropertiesTest}.)
 */
class SinkSafeTextTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "abc|abc",
                "朝阳市|朝阳市",
                "a\u0000b|ab",
                "x\uD800y|xy",
                "x\uDC00|x",
                "a\u0001\u007f\u009fb|ab",
                "ok\uD83D\uDE00|ok\uD83D\uDE00",
                "\uDE00\uD83Dz|z"
            })
    void dropsNulControlsAndLoneSurrogates(String in, String out) {
        assertThat(SinkSafeText.clean(in)).isEqualTo(out);
        assertThat(SinkSafeText.isSafe(SinkSafeText.clean(in))).isTrue();
        assertThat(SinkSafeText.clean(SinkSafeText.clean(in))).isEqualTo(SinkSafeText.clean(in));
    }

    /**
     * Generated strings from an alphabet rich in what sinks refuse: the invariants hold for all.
     */
    @Test
    void generatedStringsAreCleanedIdempotentlyWithinTheirLength() {
        long seed = Long.getLong("sinksafetext.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        char[] alphabet = {
            'a', '朝', '\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00',
            '\uFFFD', '\u0001', '\u0085', '\n', ' '
        };
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String in = b.toString();
            String out = SinkSafeText.clean(in);
            String why =
                    "seed "
                            + seed
                            + " (-Dsinksafetext.seed="
                            + seed
                            + "), input "
                            + in.chars().mapToObj(Integer::toHexString).toList();
            assertThat(SinkSafeText.isSafe(out)).as(why).isTrue();
            assertThat(out.indexOf('\u0000')).as(why).isNegative();
            assertThat(SinkSafeText.clean(out)).as(why).isEqualTo(out);
            assertThat(out.length()).as(why).isLessThanOrEqualTo(in.length());
            assertThat(out.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .as(why)
                    .isEqualTo(
                            new String(
                                            out.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                            java.nio.charset.StandardCharsets.UTF_8)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(SinkSafeText.isSafe(in)).as(why).isEqualTo(out.equals(in));
        }
    }

    @Test
    void nulAloneBecomesEmpty() {
        assertThat(SinkSafeText.clean("\u0000\u0000")).isEmpty();
        assertThat(SinkSafeText.cleanOrEmpty(null)).isEmpty();
    }

    @Test
    void cleanTextIsTheSameInstance() {
        String s = "朝阳市某某商贸有限公司";
        assertThat(SinkSafeText.clean(s)).isSameAs(s);
    }

    @Test
    void aRecordIsCleanedAtEveryDepthAndCopiedOnlyWhenItMustBe() {
        RejectedRecord clean =
                new RejectedRecord("f", 1L, RejectReason.MALFORMED, "m", "raw", "SCJG01", null);
        assertThat(SinkSafeText.cleanRecord(clean)).isSameAs(clean);

        RejectedRecord dirty =
                new RejectedRecord(
                        "f\u0000", 1L, RejectReason.MALFORMED, "m", "r\uD800aw", "SCJG01", null);
        RejectedRecord cleaned = SinkSafeText.cleanRecord(dirty);
        assertThat(cleaned.getFile()).isEqualTo("f");
        assertThat(cleaned.getRaw()).isEqualTo("raw");
        assertThat(cleaned.getReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(dirty.getFile()).as("the original is unchanged").isEqualTo("f\u0000");
    }
}
