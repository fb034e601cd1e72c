package io.guiji.jobs.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Progress}: when it shows something, what it shows, on a terminal and in a log. */
class ProgressTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong rows = new AtomicLong(1_000);
    private final AtomicLong bytes = new AtomicLong(50_000);

    private Progress progress(boolean terminal, long totalBytes) {
        return new Progress(
                new PrintStream(err, true, UTF_8),
                terminal,
                totalBytes,
                rows::get,
                bytes::get,
                null);
    }

    private String printed() {
        return err.toString(UTF_8);
    }

    @Test
    void nothingBeforeReadingStartsNorInItsFirstThreeSeconds() {
        Progress p = progress(false, 1_000_000);
        p.tick(0);
        p.tick(10 * S); // nothing read yet: the cluster is starting
        rows.addAndGet(10);
        p.tick(11 * S); // reading starts
        p.tick(13 * S);

        assertThat(printed()).isEmpty();
    }

    @Test
    void plainLinesComeEveryTenSeconds() {
        Progress p = progress(false, 1_000_000);
        rows.addAndGet(100);
        bytes.addAndGet(100_000);
        p.tick(0);
        rows.addAndGet(300_000);
        bytes.addAndGet(400_000);
        p.tick(4 * S);
        p.tick(9 * S);
        p.tick(14 * S);

        assertThat(printed().lines())
                .containsExactly(
                        "guiji: after 4 s, read 300,100 rows (488.3 KB of 976.6 KB, 50%), 75,025 rows/s, reading ends in about 4 s",
                        "guiji: after 14 s, read 300,100 rows (488.3 KB of 976.6 KB, 50%), 21,436 rows/s, reading ends in about 14 s");
    }

    @Test
    void aTerminalGetsOneRedrawnLineWithABarErasedAtTheEnd() {
        Progress p = progress(true, 1_000);
        rows.addAndGet(10);
        bytes.addAndGet(250);
        p.tick(0);
        p.tick(4 * S);
        bytes.addAndGet(750);
        p.tick(5 * S);
        p.close();

        String shown = printed();
        assertThat(shown)
                .doesNotContain("\n")
                .startsWith("\r[#####---------------] read 10 rows (0.2 KB of 1.0 KB, 25%)")
                .contains(
                        "\r[####################] read 10 rows (1.0 KB of 1.0 KB, 100%); deduplicating, linking, writing, 5 s so far");
        assertThat(shown).endsWith(" \r");
    }

    @Test
    void withoutAKnownSizeThereIsNoPercentageNorTimeLeft() {
        assertThat(Progress.line(5_000, 1_000, 0, 2.0, true))
                .isEqualTo("read 5,000 rows, 2,500 rows/s");
    }

    @Test
    void closedItPrintsNoMore() {
        Progress p = progress(false, 0);
        rows.addAndGet(1);
        p.tick(0);
        p.close();
        p.tick(60 * S);

        assertThat(printed()).isEmpty();
    }

    @Test
    void quietShowsNothing(@TempDir Path dir) throws IOException {
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, UTF_8));
        try (Progress p = Progress.start(dir, true)) {
            p.tick(100 * S);
        } finally {
            System.setErr(original);
        }
        assertThat(printed()).isEmpty();
    }

    @Test
    void theInputSizeCountsTheFilesTheSourceReads(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("records/A/penalty/_tmp"));
        Files.createDirectories(dir.resolve("registry"));
        Files.writeString(dir.resolve("records/A/penalty/a.csv"), "x".repeat(100));
        Files.writeString(dir.resolve("records/A/penalty/.b.csv"), "x".repeat(1000));
        Files.writeString(dir.resolve("records/A/penalty/_tmp/c.csv"), "x".repeat(1000));
        Files.writeString(dir.resolve("registry/r.csv"), "x".repeat(20));
        Files.writeString(dir.resolve("notes.txt"), "x".repeat(1000));

        assertThat(Progress.inputBytes(dir)).isEqualTo(120);
    }

    @Test
    void timeLeftReadsAsAPersonWouldSayIt() {
        assertThat(Progress.duration(0.2)).isEqualTo("1 s");
        assertThat(Progress.duration(75)).isEqualTo("1 min 15 s");
        assertThat(Progress.duration(7260)).isEqualTo("2 h 1 min");
    }
}
