package io.guiji.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * {@link Errors#oneLine}: the line a user sees for a failure the checks before the run could not
 * catch.
 */
class ErrorsTest {

    @Test
    void aFileErrorNamesThePathTheReasonAndWhatToCheck() {
        RuntimeException failure =
                new RuntimeException(
                        "Job failed",
                        new java.io.UncheckedIOException(
                                new AccessDeniedException("/data/out/unified")));

        assertThat(Errors.oneLine(failure))
                .isEqualTo(
                        "cannot use /data/out/unified: permission denied; check that the path exists and its permissions");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThat(Errors.oneLine(new NoSuchFileException("/data/in/records/a.csv")))
                .startsWith("cannot use /data/in/records/a.csv: no such file;");
    }

    @Test
    void anIllegalArgumentIsItsMessageAlone() {
        assertThat(
                        Errors.oneLine(
                                new IllegalArgumentException(
                                        "configuration guiji.x must be 1\nsecond line")))
                .isEqualTo("configuration guiji.x must be 1");
    }
}
