package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PrivatePostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming job rides out PostgreSQL outages: a PostgreSQL server of the test's own is stopped
 * for a minute in the middle of the stream, later the job's role loses its grants for a while. The
 * PostgreSQL sinks fail and are restarted (exponential delay, no limit) until the server answers
 * again; then both outputs hold exactly the input, nothing lost or doubled. Only the PostgreSQL
 * feed is restarted (region failover): the pipeline that writes Kafka never is.
 */
class PostgresOutageITCase {
    private static final String PENALTIES = "in.penalty";
    private static final String REGISTRY = "in.registry";
    private static final StreamTesting.Topics OUT = StreamTesting.Topics.of("pgo");
    private static final String JOB_ROLE = "guiji_job";

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final PrivatePostgresExtension PG = new PrivatePostgresExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = StreamTesting.miniCluster();

    @Test
    void theJobKeepsRunningThroughAStoppedServerAndRevokedGrantsAndBothOutputsEndExact()
            throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(REGISTRY, 1);
        OUT.create(KAFKA);
        StreamTesting.Db db = PG::connection;
        StreamTesting.createTables(db);
        // The job logs in as a role of its own with the grants of deploy/postgres/roles.sql.
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute(
                    Files.readString(
                            Path.of("..", "deploy", "postgres", "roles.sql"),
                            StandardCharsets.UTF_8));
            s.execute("CREATE ROLE " + JOB_ROLE + " LOGIN IN ROLE guiji_writer");
        }
        StreamTesting.produce(KAFKA, List.of(StreamTesting.registryEntry(REGISTRY)));

        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, OUT, "pgo");
        conf.remove(GuijiOptions.RESTART_ATTEMPTS.key()); // the default: no limit
        conf.put(
                GuijiOptions.RESTART_MAX_DELAY.key(),
                "4 s"); // notice the server's return within seconds
        conf.put(GuijiOptions.STATE_BACKEND.key(), "hashmap");
        conf.put(GuijiOptions.POSTGRES_URL.key(), PG.jdbcUrl());
        conf.put(GuijiOptions.POSTGRES_USER.key(), JOB_ROLE);
        conf.put(GuijiOptions.POSTGRES_BATCH_INTERVAL.key(), "200 ms");
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        conf.put("guiji.source.scjg-penalty.topic", PENALTIES);
        conf.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-penalty.record-type", "penalty");
        StreamConfig cfg = StreamTesting.config(conf);

        AttemptProbe.HIGHEST_ATTEMPT.set(0);
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(
                env,
                cfg,
                rows ->
                        rows.map(new AttemptProbe<RawRow>())
                                .returns(TypeInformation.of(RawRow.class))
                                .name("attempt probe"));
        JobClient job = env.executeAsync("guiji stream PostgreSQL outage test");
        try {
            List<String> inputs =
                    new ArrayList<>(
                            StreamTesting.produce(
                                    KAFKA, StreamTesting.penalties(PENALTIES, "0", 30)));
            StreamTesting.await(
                    "batch 0 in PostgreSQL",
                    Duration.ofSeconds(120),
                    () -> StreamTesting.pgPlaces(db).keySet().containsAll(inputs));

            // 1. The server is down for a minute, input keeps coming.
            PG.stop();
            long down = System.nanoTime();
            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "1", 30)));
            Thread.sleep(30_000);
            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "2", 30)));
            Thread.sleep(Math.max(0, 60_000 - (System.nanoTime() - down) / 1_000_000));
            System.out.printf(
                    "after a minute without PostgreSQL: job %s, %d of %d inputs committed in Kafka%n",
                    job.getJobStatus().get(),
                    StreamTesting.kafkaPlaces(KAFKA, OUT).size(),
                    inputs.size());
            // RESTARTING while the failed region waits out its delay: Flink reports the job so,
            // though
            // the rest of it runs on.
            assertThat(job.getJobStatus().get()).isIn(JobStatus.RUNNING, JobStatus.RESTARTING);
            PG.start();
            StreamTesting.assertCaughtUpExactly(KAFKA, OUT, db, inputs, Duration.ofSeconds(120));

            // 2. The job's role loses its grants for a while (as a mistaken REVOKE would), then
            // gets them back.
            try (Connection c = PG.connection();
                    Statement s = c.createStatement()) {
                s.execute("REVOKE guiji_writer FROM " + JOB_ROLE);
            }
            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "3", 30)));
            Thread.sleep(15_000);
            assertThat(StreamTesting.pgPlaces(db))
                    .as("nothing written without grants")
                    .doesNotContainKeys(inputs.get(inputs.size() - 1));
            try (Connection c = PG.connection();
                    Statement s = c.createStatement()) {
                s.execute("GRANT guiji_writer TO " + JOB_ROLE);
            }
            StreamTesting.assertCaughtUpExactly(KAFKA, OUT, db, inputs, Duration.ofSeconds(120));

            StreamTesting.await(
                    "the job RUNNING",
                    Duration.ofSeconds(30),
                    () -> status(job) == JobStatus.RUNNING);
            StreamTesting.await(
                    "the restarts in the numRestarts metric",
                    Duration.ofSeconds(30),
                    () -> restarts(client, job) >= 2);
            List<String> failures = StreamTesting.failures(client, job.getJobID());
            System.out.println("restarts: " + restarts(client, job) + ", failures: " + failures);
            assertThat(failures)
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f).containsIgnoringCase("PostgreSQL"));
            assertThat(AttemptProbe.HIGHEST_ATTEMPT.get())
                    .as("attempts of the pipeline that writes Kafka")
                    .isZero();
            assertThat(StreamTesting.finishedVertices(client, job.getJobID()))
                    .as("finished tasks")
                    .isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    private static JobStatus status(JobClient job) {
        try {
            return job.getJobStatus().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long restarts(Configuration client, JobClient job) {
        try {
            return StreamTesting.numRestarts(client, job.getJobID());
        } catch (Exception e) {
            return -1;
        }
    }
}
