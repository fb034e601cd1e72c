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
