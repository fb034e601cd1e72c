package io.guiji.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SinkText}: no NUL and no lone surrogate survives; clean text is returned as it is. */
class SinkTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|abc",
            "朝阳市|朝阳市",
            "a\u0000b|ab",
            "x\uD800y|x\uFFFDy",
            "x\uDC00|x\uFFFD",
            "\uD800|\uFFFD",
            "ok\uD83D\uDE00|ok\uD83D\uDE00",
            "\uDE00\uD83D|\uFFFD\uFFFD"})
    void cleansNulAndLoneSurrogates(String in, String out) {
        assertThat(SinkText.clean(in)).isEqualTo(out);
        assertThat(SinkText.isClean(SinkText.clean(in))).isTrue();
        assertThat(SinkText.clean(SinkText.clean(in))).isEqualTo(SinkText.clean(in));
    }

    /** Generated strings from an alphabet rich in what sinks refuse: the invariants hold for all. */
    @Test
    void generatedStringsAreCleanedIdempotentlyWithinTheirLength() {
        long seed = Long.getLong("sinktext.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        char[] alphabet = {'a', '朝', '\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '\uFFFD', '\n', ' '};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String in = b.toString();
            String out = SinkText.clean(in);
            String why = "seed " + seed + " (-Dsinktext.seed=" + seed + "), input " + in.chars().mapToObj(Integer::toHexString).toList();
            assertThat(SinkText.isClean(out)).as(why).isTrue();
            assertThat(out.indexOf('\u0000')).as(why).isNegative();
            assertThat(SinkText.clean(out)).as(why).isEqualTo(out);
            assertThat(out.length()).as(why).isLessThanOrEqualTo(in.length());
            assertThat(out.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as(why)
                    .isEqualTo(new String(out.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(SinkText.isClean(in)).as(why).isEqualTo(out.equals(in));
        }
    }

    @Test
    void nulAloneBecomesEmpty() {
        assertThat(SinkText.clean("\u0000\u0000")).isEmpty();
        assertThat(SinkText.cleanOrEmpty(null)).isEmpty();
    }

    @Test
    void cleanTextIsTheSameInstance() {
        String s = "朝阳市某某商贸有限公司";
        assertThat(SinkText.clean(s)).isSameAs(s);
    }

    @Test
    void aRecordIsCleanedAtEveryDepthAndCopiedOnlyWhenItMustBe() {
        RejectedRecord clean = new RejectedRecord("f", 1L, RejectReason.MALFORMED, "m", "raw", "SCJG01", null);
        assertThat(SinkText.cleanRecord(clean)).isSameAs(clean);

        RejectedRecord dirty = new RejectedRecord("f\u0000", 1L, RejectReason.MALFORMED, "m", "r\uD800aw", "SCJG01", null);
        RejectedRecord cleaned = SinkText.cleanRecord(dirty);
        assertThat(cleaned.getFile()).isEqualTo("f");
        assertThat(cleaned.getRaw()).isEqualTo("r\uFFFDaw");
        assertThat(cleaned.getReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(dirty.getFile()).as("the original is unchanged").isEqualTo("f\u0000");
    }
}
