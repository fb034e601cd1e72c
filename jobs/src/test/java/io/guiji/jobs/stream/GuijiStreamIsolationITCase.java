package io.guiji.jobs.stream;

import static io.guiji.jobs.stream.StreamTesting.committed;
import static io.guiji.jobs.stream.StreamTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.validate.FailingParsers;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A poison message in streaming, on a real broker, with restarts switched off so that any failure
 * would end the job: it lands on the dead-letter topic as PROCESSING_ERROR with the stage and the
 * error, the messages before and after it are unified, and the job is still RUNNING — no restart
 * was needed, and none was possible.
 */
class GuijiStreamIsolationITCase {
    private static final String POISON = "毒药";

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = StreamTesting.miniCluster();

    private static String penalty(String name, String docNo) {
        return "{\"行政相对人名称\":\""
                + name
                + "\",\"行政处罚决定书文号\":\""
                + docNo
                + "\",\"处罚决定日期\":\"2026-03-01\"}";
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterAndTheJobRunsOnWithoutARestart() throws Exception {
        StreamTesting.Topics out = StreamTesting.Topics.of("poison");
        out.create(KAFKA);
        KAFKA.createTopic("poison.penalty.json", 1);
        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, out, "poison");
        conf.put(GuijiOptions.STATE_BACKEND.key(), "hashmap");
        conf.put("restart-strategy.type", "none"); // a failure would end the job
        conf.put("guiji.source.json.topic", "poison.penalty.json");
        conf.put("guiji.source.json.dept-code", "SCJG01");
        conf.put("guiji.source.json.record-type", "penalty");
        StreamConfig cfg = StreamTesting.config(conf);
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        // Normalizing throws on the poison message (the parser is the production one but for that
        // row).
        GuijiStreamJob.define(
                env,
                cfg,
                rows -> rows,
                FailingParsers.throwingOn(
                        POISON, cfg.settings().fixedProcessingDate(), cfg.settings().zone()));
        JobClient job = env.executeAsync("guiji stream poison test");
        try {
            List<String> sent =
                    StreamTesting.produce(
                            KAFKA,
                            List.of(
                                    json(
                                            "poison.penalty.json",
                                            0,
                                            penalty("朝阳市某某商贸有限公司", "朝市监罚〔2026〕1号")),
                                    json(
                                            "poison.penalty.json",
                                            0,
                                            penalty("朝阳市某某商贸有限公司" + POISON, "朝市监罚〔2026〕2号")),
                                    json(
                                            "poison.penalty.json",
                                            0,
                                            penalty("朝阳市某某商贸有限公司", "朝市监罚〔2026〕3号"))));

            StreamTesting.await(
                    "the poison on the dead-letter topic, the others unified",
                    Duration.ofSeconds(90),
                    () ->
                            committed(KAFKA, out.rejected(), RejectedRecord.class).size() == 1
                                    && committed(KAFKA, out.unified(), UnifiedRecord.class).size()
                                            == 2);

            assertThat(committed(KAFKA, out.rejected(), RejectedRecord.class))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(StreamTesting.ref(r)).isEqualTo(sent.get(1));
                                assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                                assertThat(r.getMessage())
                                        .isEqualTo(
                                                "stage parse: java.lang.IllegalStateException: poisoned row");
                                assertThat(r.getRaw()).contains(POISON);
                            });
            List<String> sources = new ArrayList<>();
            committed(KAFKA, out.unified(), UnifiedRecord.class)
                    .forEach(u -> u.getSources().forEach(s -> sources.add(StreamTesting.ref(s))));
            assertThat(sources).containsExactlyInAnyOrder(sent.get(0), sent.get(2));
            assertThat(job.getJobStatus().get())
                    .as("running, with restarts switched off")
                    .isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }
}
