package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming job rides out a restart of its (only) Kafka broker in the middle of the stream:
 * input is sent just before the broker goes down and after it is back; the job keeps retrying (its
 * sources, sinks and the PostgreSQL feed all lose the broker) and, once the broker is back, Kafka
 * (read_committed) and PostgreSQL hold exactly the input, nothing lost or doubled.
 */
class KafkaRestartITCase {
    private static final String PENALTIES = "in.penalty";
    private static final String REGISTRY = "in.registry";
    private static final StreamTesting.Topics OUT = StreamTesting.Topics.of("kr");

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = StreamTesting.miniCluster();

    @Test
    void theJobKeepsRunningThroughABrokerRestartAndBothOutputsEndExact() throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(REGISTRY, 1);
        OUT.create(KAFKA);
        StreamTesting.Db db = PG::connection;
        StreamTesting.createTables(db);
        StreamTesting.produce(KAFKA, List.of(StreamTesting.registryEntry(REGISTRY)));

        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, OUT, "kr");
        StreamTesting.postgres(conf, PG);
        conf.remove(GuijiOptions.RESTART_ATTEMPTS.key()); // the default: no limit
        conf.put(GuijiOptions.RESTART_MAX_DELAY.key(), "4 s");
        conf.put(GuijiOptions.STATE_BACKEND.key(), "hashmap");
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        conf.put("guiji.source.scjg-penalty.topic", PENALTIES);
        conf.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-penalty.record-type", "penalty");
        StreamConfig cfg = StreamTesting.config(conf);

        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, UnaryOperator.identity());
        JobClient job = env.executeAsync("guiji stream Kafka restart test");
        try {
            List<String> inputs =
                    new ArrayList<>(
                            StreamTesting.produce(
                                    KAFKA, StreamTesting.penalties(PENALTIES, "0", 30)));
            StreamTesting.await(
                    "batch 0 in PostgreSQL",
                    Duration.ofSeconds(120),
                    () -> StreamTesting.pgPlaces(db).keySet().containsAll(inputs));

            // Batch 1 is in flight when the broker goes down for 20 s.
            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "1", 30)));
            KAFKA.stopBroker();
            Thread.sleep(20_000);
            System.out.println("broker down for 20 s: job " + job.getJobStatus().get());
            assertThat(job.getJobStatus().get()).isIn(JobStatus.RUNNING, JobStatus.RESTARTING);
            KAFKA.startBroker();
            inputs.addAll(
                    StreamTesting.produce(KAFKA, StreamTesting.penalties(PENALTIES, "2", 30)));

            StreamTesting.assertCaughtUpExactly(KAFKA, OUT, db, inputs, Duration.ofSeconds(150));
            StreamTesting.await(
                    "the job RUNNING",
                    Duration.ofSeconds(30),
                    () -> status(job) == JobStatus.RUNNING);
            System.out.println(
                    "restarts: "
                            + StreamTesting.numRestarts(client, job.getJobID())
                            + ", failures: "
                            + StreamTesting.failures(client, job.getJobID()));
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
}
