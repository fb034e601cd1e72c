package io.guiji.jobs.stream;

import static io.guiji.jobs.stream.StreamTesting.committed;
import static io.guiji.jobs.stream.StreamTesting.finalStates;
import static io.guiji.jobs.stream.StreamTesting.json;
import static io.guiji.jobs.stream.StreamTesting.places;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile messages on a real broker and PostgreSQL: each kind that once stopped the job (a
 * bracketed three-character part in a name, a 100,000-digit amount, NUL and lone surrogates, broken
 * and deeply nested JSON, a field over the size limit, bytes that are not UTF-8, a registry entry
 * with the same troubles) is accounted for exactly once — accepted with a quality flag or rejected
 * with a reason — while the records around it are published, and the job never restarts
 * (docs/contract.md §7).
 */
class GuijiStreamJobPoisonITCase {
    private static final String PENALTIES = "in.poison.penalty";
    private static final String REGISTRY = "in.poison.registry";
    private static final String CATALOG = "in.poison.catalog";
    private static final StreamTesting.Topics OUT = StreamTesting.Topics.of("poison");
    private static final String USCC = "91110000600037341L";

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
    void poisonMessagesAreAccountedForOnceAndTheJobNeverRestarts(
            @InjectMiniCluster MiniCluster mini) throws Exception {
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(REGISTRY, 1);
        KAFKA.createTopic(CATALOG, 1);
        OUT.create(KAFKA);
        StreamTesting.createTables(PG);
        StreamTesting.produce(
                KAFKA,
                List.of(
                        json(
                                REGISTRY,
                                0,
                                "{\"统一社会信用代码\":\""
                                        + USCC
                                        + "\",\"企业名称\":\"朝阳市某某商店（连锁店）\",\"行政区划代码\":\"211302\"}"),
                        json(REGISTRY, 0, "{\"企业名称\":\"（未登记）\",\"行政区划代码\":\"211302\"}"),
                        json(
                                REGISTRY,
                                0,
                                "{\"企业名称\":\"朝阳市零\\u0000字节有限公司\",\"统一社会信用代码\":\"91110108MA01ABCD2X\"}"),
                        json(REGISTRY, 0, "{\"企业名称\":"),
                        json(
                                CATALOG,
                                0,
                                "{\"部门编码\":\"SCJG01\",\"部门名称\":\"市场监管局\",\"行政区划代码\":\"211302\",\"信息类别\":\"penalty\"}")));

        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, OUT, "poison");
        StreamTesting.postgres(conf, PG);
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        conf.put(GuijiOptions.KAFKA_CATALOG_TOPIC.key(), CATALOG);
        conf.put("guiji.source.scjg-penalty.topic", PENALTIES);
        conf.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-penalty.record-type", "penalty");
        StreamConfig cfg = StreamTesting.config(conf);

        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);
        JobClient job = env.executeAsync("guiji stream poison test");
        try {
            List<ProducerRecord<String, byte[]>> messages = new ArrayList<>();
            Map<Integer, String> kinds = new LinkedHashMap<>();
            poison(messages, kinds);
            List<String> inputs = StreamTesting.produce(KAFKA, messages);

            StreamTesting.await(
                    "every message in the Kafka outputs",
                    Duration.ofSeconds(120),
                    () ->
                            places(
                                            finalStates(
                                                    committed(
                                                            KAFKA,
                                                            OUT.unified(),
                                                            UnifiedRecord.class)),
                                            committed(KAFKA, OUT.rejected(), RejectedRecord.class))
                                    .keySet()
                                    .containsAll(inputs));

            List<RejectedRecord> rejected = committed(KAFKA, OUT.rejected(), RejectedRecord.class);
            Map<String, UnifiedRecord> finals =
                    finalStates(committed(KAFKA, OUT.unified(), UnifiedRecord.class));
            StreamTesting.assertExactlyOnce(places(finals, rejected), inputs);

            Map<String, String> outcome = new HashMap<>();
            finals.values()
                    .forEach(
                            u ->
                                    u.getSources()
                                            .forEach(
                                                    s ->
                                                            outcome.put(
                                                                    StreamTesting.ref(s),
                                                                    "unified")));
            rejected.forEach(r -> outcome.put(StreamTesting.ref(r), r.getReason().name()));
            Map<String, String> byKind = new LinkedHashMap<>();
            kinds.forEach((i, kind) -> byKind.put(kind, outcome.get(inputs.get(i))));
            assertThat(byKind)
                    .as("outcome of each kind of message")
                    .containsExactlyEntriesOf(EXPECTED);

            for (UnifiedRecord u : finals.values()) {
                assertThat(u.toString())
                        .as("no NUL in a published record")
                        .doesNotContain("\u0000");
            }
            UnifiedRecord chain =
                    finals.values().stream()
                            .filter(u -> u.getFields().getDocNo().equals("朝市监罚〔2026〕P-1号"))
                            .findFirst()
                            .orElseThrow();
            assertThat(chain.getEnterpriseId())
                    .as("the bracketed name links by name")
                    .isEqualTo(USCC);
            UnifiedRecord huge =
                    finals.values().stream()
                            .filter(u -> u.getFields().getDocNo().equals("朝市监罚〔2026〕P-4号"))
                            .findFirst()
                            .orElseThrow();
            assertThat(huge.getQualityFlags())
                    .as("an amount no decimal(24,6) can hold is a flag")
                    .contains("INVALID_FINE_AMOUNT");
            assertThat(huge.toString())
                    .as("and the amount is left empty")
                    .contains("\"fine_amount\": null");
            for (RejectedRecord r : rejected) {
                assertThat(r.getRaw())
                        .as("no NUL in a rejected record's raw text")
                        .doesNotContain("\u0000");
            }

            Map<String, Long> kafkaVersions = new HashMap<>();
            finals.forEach((id, u) -> kafkaVersions.put(id, u.getVersion()));
            StreamTesting.await(
                    "PostgreSQL to catch up with Kafka",
                    Duration.ofSeconds(60),
                    () -> pgVersions().equals(kafkaVersions) && pgRejected() == rejected.size());

            assertThat(exceptionHistory(mini, job)).as("failures the job went through").isEmpty();
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).isFalse();
        } finally {
            job.cancel().get();
        }
    }

    /** What became of each kind of message. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("good before", "unified");
        EXPECTED.put("bracketed three characters, a chain store", "unified");
        EXPECTED.put("bracketed three characters, unregistered", "unified");
        EXPECTED.put("60,000-digit fine", "unified");
        EXPECTED.put(
                "100,000-digit fine, over the field size limit", RejectReason.MALFORMED.name());
        EXPECTED.put("1e999999 fine", "unified");
        EXPECTED.put("NUL in the subject and the facts", "unified");
        EXPECTED.put("lone surrogate in the subject", "unified");
        EXPECTED.put("C0 controls everywhere", "unified");
        EXPECTED.put("broken JSON", RejectReason.MALFORMED.name());
        EXPECTED.put("JSON nested 100,000 deep", RejectReason.MALFORMED.name());
        EXPECTED.put("a 200,000-character field", RejectReason.MALFORMED.name());
        EXPECTED.put("not UTF-8", RejectReason.MALFORMED.name());
        EXPECTED.put("a JSON array", RejectReason.MALFORMED.name());
        EXPECTED.put("empty message", RejectReason.MALFORMED.name());
        EXPECTED.put("NUL in the document number only", "unified");
        EXPECTED.put("good after", "unified");
    }

    private static void poison(List<ProducerRecord<String, byte[]>> m, Map<Integer, String> kinds) {
        add(m, kinds, "good before", penalty("朝阳市某某商店（连锁店）", "P-1", "3.5"));
        add(
                m,
                kinds,
                "bracketed three characters, a chain store",
                penalty("某某商店（连锁店）", "P-2", "1"));
        add(m, kinds, "bracketed three characters, unregistered", penalty("（未登记）", "P-3", "1"));
        add(m, kinds, "60,000-digit fine", penalty("朝阳市大额商店", "P-4", "9".repeat(60_000)));
        add(
                m,
                kinds,
                "100,000-digit fine, over the field size limit",
                penalty("朝阳市更大额商店", "P-4a", "9".repeat(100_000)));
        add(m, kinds, "1e999999 fine", penalty("朝阳市指数商店", "P-5", "1e999999"));
        add(
                m,
                kinds,
                "NUL in the subject and the facts",
                "{\"行政相对人名称\":\"朝阳市零\\u0000字节有限公司\",\"行政处罚决定书文号\":\"朝市监罚[2026]P-6号\","
                        + "\"处罚决定日期\":\"2026-05-01\",\"违法事实\":\"事实\\u0000\\u0000\"}");
        add(
                m,
                kinds,
                "lone surrogate in the subject",
                "{\"行政相对人名称\":\"朝阳市\\ud800半字有限公司\",\"行政处罚决定书文号\":\"朝市监罚[2026]P-7号\",\"处罚决定日期\":\"2026-05-01\"}");
        add(
                m,
                kinds,
                "C0 controls everywhere",
                "{\"行政相对人名称\":\"朝阳市\\u0001\\u001f控制有限公司\",\"行政处罚决定书文号\":\"朝市监罚[2026]P-8\\u0007号\","
                        + "\"处罚决定日期\":\"2026-05-01\",\"处罚机关\":\"\\u007f\\u0085\"}");
        add(m, kinds, "broken JSON", "{\"行政相对人名称\":\"朝阳市断行商店\",\"行政处罚决定书文号\":");
        add(
                m,
                kinds,
                "JSON nested 100,000 deep",
                "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        add(
                m,
                kinds,
                "a 200,000-character field",
                penalty("朝阳市" + "长".repeat(200_000) + "有限公司", "P-11", "1"));
        add(
                m,
                kinds,
                "not UTF-8",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ':', '1', '}'});
        add(m, kinds, "a JSON array", "[1,2,3]");
        add(m, kinds, "empty message", "");
        add(
                m,
                kinds,
                "NUL in the document number only",
                "{\"行政相对人名称\":\"朝阳市文号商店\",\"行政处罚决定书文号\":\"朝市监罚[2026]P-15\\u0000号\",\"处罚决定日期\":\"2026-05-01\"}");
        add(m, kinds, "good after", penalty("朝阳市某某商店（连锁店）", "P-16", "2"));
    }

    private static void add(
            List<ProducerRecord<String, byte[]>> m,
            Map<Integer, String> kinds,
            String kind,
            String json) {
        add(m, kinds, kind, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(
            List<ProducerRecord<String, byte[]>> m,
            Map<Integer, String> kinds,
            String kind,
            byte[] value) {
        kinds.put(m.size(), kind);
        m.add(StreamTesting.bytes(PENALTIES, 0, value));
    }

    private static String penalty(String subject, String doc, String fine) {
        return "{\"行政相对人名称\":\""
                + subject
                + "\",\"行政处罚决定书文号\":\"朝市监罚[2026]"
                + doc
                + "号\","
                + "\"处罚决定日期\":\"2026-05-01\",\"罚款金额（万元）\":"
                + fine
                + ",\"处罚机关\":\"朝阳市市场监督管理局\"}";
    }

    /**
     * The job's exception history from the mini-cluster's REST API: every failure that led to a
     * restart.
     */
    private static List<String> exceptionHistory(MiniCluster mini, JobClient job) throws Exception {
        URI uri = mini.getRestAddress().get().resolve("/jobs/" + job.getJobID() + "/exceptions");
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(uri).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
        JsonNode entries =
                new ObjectMapper().readTree(r.body()).path("exceptionHistory").path("entries");
        List<String> failures = new ArrayList<>();
        entries.forEach(
                e ->
                        failures.add(
                                e.path("exceptionName").asText()
                                        + ": "
                                        + e.path("stacktrace")
                                                .asText()
                                                .lines()
                                                .findFirst()
                                                .orElse("")));
        return failures;
    }

    private static Map<String, Long> pgVersions() {
        Map<String, Long> v = new HashMap<>();
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record_id, version FROM unified_record")) {
            while (rs.next()) {
                v.put(rs.getString(1), rs.getLong(2));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return v;
    }

    private static long pgRejected() {
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM rejected_record WHERE kind = 'record'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
