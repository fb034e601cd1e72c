package io.guiji.jobs.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.guiji.jobs.review.ReviewStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guiji review} chooses between a bounded run and the streaming job by its options, and says
 * in one line what is wrong: both or neither given, or a broker it cannot reach (the decision is
 * then not recorded, and the command says so).
 */
class ReviewStreamCliTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @TempDir Path dir;

    @BeforeAll
    static void notInDebugMode() {
        assumeTrue(
                System.getenv("GUIJI_DEBUG") == null, "GUIJI_DEBUG prints stack traces on purpose");
    }

    @BeforeEach
    void captureConsole() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, UTF_8));
        System.setOut(new PrintStream(out, true, UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private String failsWithOneLine(String... args) {
        int exit = Guiji.execute(args);
        List<String> lines = err.toString(UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(2);
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).startsWith("guiji: ").doesNotContain("Exception");
        return lines.get(0);
    }

    private Path streamConfig(String servers) throws IOException {
        Path conf = dir.resolve("stream.conf");
        Files.writeString(
                conf,
                "guiji.kafka.bootstrap-servers: "
                        + servers
                        + "\nguiji.source.scjg-penalty.topic: records.SCJG01.penalty\n");
        return conf;
    }

    @Test
    void aDecisionGoesToTheInputOrTheStreamNotBoth() throws IOException {
        String line =
                failsWithOneLine(
                        "review",
                        "accept",
                        "--input",
                        dir.toString(),
                        "--config",
                        streamConfig("127.0.0.1:9").toString(),
                        "--name",
                        "朝阳市某某商贸有限公司",
                        "--enterprise",
                        "91310115MA1K3BTP2B",
                        "--reason",
                        "x");

        assertThat(line)
                .contains("give --input (a bounded run) or --config (the streaming job), not both");
    }

    @Test
    void withNeitherTheCommandSaysWhatToGive() {
        assertThat(failsWithOneLine("review", "history"))
                .contains("give --input (a bounded run) or --config FILE (the streaming job)");
        err.reset();
        assertThat(failsWithOneLine("review", "list", "-Dguiji.parallelism=2"))
                .contains("-D needs --config FILE");
    }

    @Test
    void anUnreachableBrokerLeavesNoDecisionAndSaysWhatToCheck() throws IOException {
        long start = System.nanoTime();
        String line =
                failsWithOneLine(
                        "review",
                        "no-link",
                        "--config",
                        streamConfig("127.0.0.1:9").toString(),
                        "--record",
                        "0f3a",
                        "--reason",
                        "自然人");

        assertThat(line)
                .contains("the decision was NOT recorded")
                .contains("guiji.review-decisions")
                .contains("127.0.0.1:9")
                .contains("guiji.kafka.bootstrap-servers");
        assertThat(out.toString(UTF_8)).doesNotContain("recorded as");
        assertThat((System.nanoTime() - start) / 1e9)
                .as("seconds before giving up")
                .isLessThan(3.0 * ReviewStream.KAFKA_TIMEOUT_MS / 1000);
    }

    @Test
    void aJobRunWithoutDecisionsTakesNone() throws IOException {
        Path conf = streamConfig("127.0.0.1:9");
        Files.writeString(
                conf,
                "guiji.kafka.topic.review-decisions:\n",
                java.nio.file.StandardOpenOption.APPEND);

        String line =
                failsWithOneLine(
                        "review",
                        "reject",
                        "--config",
                        conf.toString(),
                        "--record",
                        "0f3a",
                        "--enterprise",
                        "91310115MA1K3BTP2B",
                        "--reason",
                        "x");

        assertThat(line)
                .contains("guiji.kafka.topic.review-decisions is empty")
                .contains("reads no decisions");
    }
}
