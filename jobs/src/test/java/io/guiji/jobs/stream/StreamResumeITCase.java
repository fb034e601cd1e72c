package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.cli.GuijiJvm;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guiji stream} resumes by itself: the command runs in a JVM of its own, as {@code bin/guiji
 * stream} would, is killed with SIGKILL in the middle of the stream, and is started again with the
 * same command line. The second run says it resumed from a checkpoint ({@code chk-N}), and in the
 * end Kafka (read_committed) and PostgreSQL hold each input exactly once, with no (record_id,
 * version) twice, and records that arrive after the restart are linked as before (the registry
 * index came back with the checkpoint). A third start with {@code --fresh} restores nothing and
 * still links, since the registry topic is then read from its beginning.
 */
class StreamResumeITCase {
    private static final String PENALTIES = "in.penalty";
    private static final String REGISTRY = "in.registry";
    private static final StreamTesting.Topics OUT = StreamTesting.Topics.of("resume");

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path dir;

    @Test
    void aKilledStreamStartedAgainResumesFromItsLatestCheckpointAndTheOutputsAreExact()
            throws Exception {
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(REGISTRY, 1);
        OUT.create(KAFKA);
        StreamTesting.Db db = PG::connection;
        StreamTesting.createTables(db);
        StreamTesting.produce(KAFKA, List.of(StreamTesting.registryEntry(REGISTRY)));

        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, OUT, "resume");
        StreamTesting.postgres(conf, PG);
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        conf.put(GuijiOptions.CHECKPOINT_DIR.key(), dir.resolve("checkpoints").toString());
        conf.put("guiji.source.scjg-penalty.topic", PENALTIES);
        conf.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-penalty.record-type", "penalty");
        Path file = dir.resolve("stream.conf");
        Files.writeString(
                file,
                conf.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n")),
                StandardCharsets.UTF_8);

        Process first = stream(file, dir.resolve("first.out"));
        Process second = null;
        try {
            String started = awaitLine(first, dir.resolve("first.out"), "guiji stream: ");
            assertThat(started).startsWith("guiji stream: no checkpoint in file:");

            List<String> inputs =
                    new ArrayList<>(
                            StreamTesting.produce(
                                    KAFKA, StreamTesting.penalties(PENALTIES, "0", 30)));
            List<String> batch0 = List.copyOf(inputs);
            StreamTesting.await(
                    "batch 0 in PostgreSQL",
                    Duration.ofSeconds(180),
                    () -> StreamTesting.pgPlaces(db).keySet().containsAll(inputs));
            StreamTesting.await(
                    "coverage snapshots in PostgreSQL's coverage_history (the dashboard's trend)",
                    Duration.ofSeconds(60),
                    () -> coverageHistoryRows(db) > 0);

            // Batch 1 is committed, batch 2 is being processed when the process is killed.
            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "1", 30)));
            StreamTesting.await(
                    "batch 1 in Kafka",
                    Duration.ofSeconds(120),
                    () -> StreamTesting.kafkaPlaces(KAFKA, OUT).keySet().containsAll(inputs));
            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "2", 30)));
            Thread.sleep(300);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            System.out.println(
                    "killed: "
                            + StreamTesting.kafkaPlaces(KAFKA, OUT).size()
                            + " of "
                            + inputs.size()
                            + " inputs committed in Kafka; latest checkpoint "
                            + Resume.latestCompleted(
                                    dir.resolve("checkpoints").toUri().toString()));

            second = stream(file, dir.resolve("second.out"));
            String resumed = awaitLine(second, dir.resolve("second.out"), "guiji stream: ");
            System.out.println(resumed);
            assertThat(resumed)
                    .startsWith("guiji stream: resuming from checkpoint file:")
                    .containsPattern("chk-\\d+");

            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "3", 30)));
            StreamTesting.assertCaughtUpExactly(KAFKA, OUT, db, inputs, Duration.ofSeconds(180));
            assertThat(second.isAlive()).as("the resumed stream still runs").isTrue();
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);

            // --fresh restores nothing, and the registry comes back from the beginning of its topic
            // although the consumer group has committed offsets past the entry.
            StreamTesting.Topics fresh = StreamTesting.Topics.of("fresh");
            fresh.create(KAFKA);
            second =
                    stream(
                            file,
                            dir.resolve("third.out"),
                            "--fresh",
                            "-D",
                            GuijiOptions.TOPIC_UNIFIED.key() + "=" + fresh.unified(),
                            "-D",
                            GuijiOptions.TOPIC_REJECTED.key() + "=" + fresh.rejected(),
                            "-D",
                            GuijiOptions.TOPIC_REFERENCE_REJECTED.key()
                                    + "="
                                    + fresh.referenceRejected(),
                            "-D",
                            GuijiOptions.TOPIC_COVERAGE.key() + "=" + fresh.coverage(),
                            "-D",
                            GuijiOptions.TOPIC_LINK_CHANGES.key() + "=" + fresh.linkChanges());
            assertThat(awaitLine(second, dir.resolve("third.out"), "guiji stream: "))
                    .startsWith("guiji stream: starting fresh (--fresh)");
            List<String> later =
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "4", 12));
            StreamTesting.await(
                    "batch 4 in the new outputs",
                    Duration.ofSeconds(180),
                    () -> StreamTesting.kafkaPlaces(KAFKA, fresh).keySet().containsAll(later));
            Map<String, UnifiedRecord> finals =
                    StreamTesting.finalStates(
                            StreamTesting.committed(KAFKA, fresh.unified(), UnifiedRecord.class));
            // Departmental topics start at the group's committed offsets, which follow checkpoints
            // asynchronously: input from just before the kill may be read again, each once.
            Map<String, Integer> places =
                    StreamTesting.places(
                            finals,
                            StreamTesting.committed(KAFKA, fresh.rejected(), RejectedRecord.class));
            assertThat(places.keySet()).containsAll(later);
            assertThat(places.values()).containsOnly(1);
            assertThat(places.keySet())
                    .as("input of batch 0, long committed, is not read again")
                    .doesNotContainAnyElementsOf(batch0);
            assertThat(finals.values())
                    .filteredOn(
                            u ->
                                    StreamTesting.REGISTERED_NAME.equals(
                                            u.getFields().getSubjectName()))
                    .isNotEmpty()
                    .extracting(UnifiedRecord::getEnterpriseId)
                    .containsOnly(StreamTesting.REGISTERED_USCC);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * {@code guiji stream --config FILE} in a JVM of its own, with the test's class path, output to
     * {@code out}.
     */
    private static long coverageHistoryRows(StreamTesting.Db db) {
        try (java.sql.Connection c = db.connect();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM coverage_history")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process stream(Path config, Path out, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("stream", "--config", config.toString()));
        command.addAll(List.of(more));
        return new ProcessBuilder(GuijiJvm.command(command))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
    }

    /**
     * The first line of the process's output that starts with {@code prefix}; fails if the process
     * ends first.
     */
    private static String awaitLine(Process p, Path out, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out)) {
                for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError(
                        "guiji stream exited with "
                                + p.exitValue()
                                + ":\n"
                                + Files.readString(out, StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "no line starting with '"
                        + prefix
                        + "' within 120 s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
    }
}
