package io.guiji.jobs.stream;

import static io.guiji.jobs.stream.StreamTesting.committed;
import static io.guiji.jobs.stream.StreamTesting.finalStates;
import static io.guiji.jobs.stream.StreamTesting.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.TabularFiles;
import io.guiji.connectors.json.OutputJson;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.config.TopicCheck;
import io.guiji.jobs.file.FileRunJob;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.Lead;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming mode against file mode and against bad input, on a real broker:
 *
 * <ul>
 *   <li>the same input through {@link FileRunJob} and through {@link GuijiStreamJob} (each folder's
 *       rows as JSON messages on a topic configured with the folder's department and type; the
 *       registry and catalogue on their topics, sent after the records so they re-link) gives the
 *       same unified records, links and coverage, and the same enterprise profiles and open leads
 *       (the latest state of each key on the profile and lead topics);
 *   <li>undecodable bytes, wrong schemas and broken JSON land on the dead-letter topic as
 *       MALFORMED, with their reasons, while the job keeps running.
 * </ul>
 */
class GuijiStreamJobParityITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset GBK = Charset.forName("GBK");

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = StreamTesting.miniCluster();

    @TempDir Path dir;

    // ------------------------------------------------------------------ parity

    @Test
    void fileModeAndStreamingModeGiveTheSameUnifiedRecordsLinksAndCoverage() throws Exception {
        Path input = writeInput(dir.resolve("input"));
        Path output = dir.resolve("output");
        Configuration fileConf = new Configuration();
        fileConf.set(GuijiOptions.PROCESSING_DATE, StreamTesting.PROCESSING_DATE);
        fileConf.set(GuijiOptions.PARALLELISM, 2);
        FileRunJob.run(input, output, fileConf);
        Map<String, String> fileUnified = comparable(readJson(output.resolve("unified")));
        JsonNode fileCoverage = JSON.readTree(output.resolve("coverage.json").toFile());
        int fileRejected = readJson(output.resolve("rejected")).size();
        Map<String, String> fileProfiles =
                byKey(readJson(output.resolve("enterprises")), "enterprise_id");
        Map<String, String> fileLeads = byKey(readJson(output.resolve("leads")), "lead_id");

        StreamTesting.Topics out = StreamTesting.Topics.of("parity");
        out.create(KAFKA);
        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, out, "parity");
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), "parity.registry");
        conf.put(GuijiOptions.KAFKA_CATALOG_TOPIC.key(), "parity.catalog");
        conf.put(GuijiOptions.STATE_BACKEND.key(), "hashmap");
        KAFKA.createTopic("parity.registry", 1);
        KAFKA.createTopic("parity.catalog", 1);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Path folder : recordFolders(input)) {
            String dept = folder.getParent().getFileName().toString();
            String type = folder.getFileName().toString();
            String topic = "parity.records." + dept + "." + type;
            KAFKA.createTopic(topic, 2);
            String name = (dept + "-" + type).toLowerCase(Locale.ROOT);
            conf.put("guiji.source." + name + ".topic", topic);
            conf.put("guiji.source." + name + ".dept-code", dept);
            conf.put("guiji.source." + name + ".record-type", type);
            int i = 0;
            for (RawRow row : rows(folder, input)) {
                records.add(new ProducerRecord<>(topic, i++ % 2, null, message(row)));
            }
        }
        List<ProducerRecord<String, byte[]>> reference = new ArrayList<>();
        rows(input.resolve("registry"), input)
                .forEach(
                        r ->
                                reference.add(
                                        new ProducerRecord<>(
                                                "parity.registry", 0, null, message(r))));
        rows(input.resolve("catalog"), input)
                .forEach(
                        r ->
                                reference.add(
                                        new ProducerRecord<>(
                                                "parity.catalog", 0, null, message(r))));

        StreamConfig cfg = StreamTesting.config(conf);
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);
        JobClient job = env.executeAsync("guiji stream parity test");
        try {
            StreamTesting.produce(KAFKA, records);
            StreamTesting.produce(
                    KAFKA, reference); // after the records: links must follow the registry
            StreamTesting.await(
                    "streaming outputs equal to file mode",
                    Duration.ofSeconds(120),
                    () ->
                            comparable(
                                                    finalStates(
                                                                    committed(
                                                                            KAFKA,
                                                                            out.unified(),
                                                                            UnifiedRecord.class))
                                                            .values())
                                            .equals(fileUnified)
                                    && committed(KAFKA, out.rejected(), RejectedRecord.class).size()
                                            == fileRejected
                                    && coverageMatches(out, fileCoverage)
                                    && latestProfiles(out).equals(fileProfiles)
                                    && openLeads(out).equals(fileLeads));
            assertThat(
                            comparable(
                                    finalStates(
                                                    committed(
                                                            KAFKA,
                                                            out.unified(),
                                                            UnifiedRecord.class))
                                            .values()))
                    .containsExactlyInAnyOrderEntriesOf(fileUnified);
            assertThat(fileUnified.values())
                    .anyMatch(u -> u.contains("\"link_method\":\"FORMER_NAME\""))
                    .anyMatch(u -> u.contains("\"link_method\":\"USCC\""))
                    .anyMatch(u -> u.contains("\"link_method\":\"PERSON\""));
            assertThat(withoutTime(lastCoverage(out))).isEqualTo(withoutTime(fileCoverage));
            assertThat(fileProfiles).isNotEmpty();
            assertThat(latestProfiles(out)).containsExactlyInAnyOrderEntriesOf(fileProfiles);
            assertThat(openLeads(out)).containsExactlyInAnyOrderEntriesOf(fileLeads);
        } finally {
            job.cancel().get();
        }
    }

    /**
     * A unified state as JSON without what legitimately differs between modes: version, source
     * references (kept as a count) and the first receipt (a message's arrival in streaming, the
     * record's updated_at or its file's date in a bounded run: docs/contract.md §8).
     */
    private static Map<String, String> comparable(Iterable<?> states) {
        Map<String, String> byId = new TreeMap<>();
        for (Object o : states) {
            ObjectNode n =
                    o instanceof UnifiedRecord
                            ? (ObjectNode) tree((UnifiedRecord) o)
                            : (ObjectNode) o;
            n.remove("version");
            n.remove("received_on");
            n.remove("received_basis");
            n.put("sources", n.get("sources").size());
            byId.put(n.get("record_id").asText(), n.toString());
        }
        return byId;
    }

    private boolean coverageMatches(StreamTesting.Topics out, JsonNode fileCoverage) {
        JsonNode last = lastCoverage(out);
        return last != null && withoutTime(last).equals(withoutTime(fileCoverage));
    }

    /** Each JSON line as text, by the value of {@code key}. */
    private static Map<String, String> byKey(List<JsonNode> lines, String key) {
        Map<String, String> byKey = new TreeMap<>();
        lines.forEach(n -> byKey.put(n.get(key).asText(), n.toString()));
        return byKey;
    }

    /**
     * The profile of each enterprise on the committed profile topic, as JSON: the latest message of
     * each key, none after a tombstone.
     */
    private static Map<String, String> latestProfiles(StreamTesting.Topics out) {
        Map<String, String> latest = new TreeMap<>();
        StreamTesting.latestProfiles(KAFKA, out.enterprises())
                .forEach(
                        (id, p) -> {
                            if (p != null) {
                                latest.put(id, asJson(g -> OutputJson.write(g, p)).toString());
                            }
                        });
        return latest;
    }

    /** The leads whose latest state on the committed lead topic is OPEN, as JSON. */
    private static Map<String, String> openLeads(StreamTesting.Topics out) {
        Map<String, Lead> latest = new TreeMap<>();
        committed(KAFKA, out.leads(), Lead.class).forEach(l -> latest.put(l.getLeadId(), l));
        Map<String, String> open = new TreeMap<>();
        latest.forEach(
                (id, l) -> {
                    if (l.getStatus().equals("OPEN")) {
                        open.put(id, asJson(g -> OutputJson.write(g, l)).toString());
                    }
                });
        return open;
    }

    private interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    private static JsonNode asJson(JsonWriting w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = OutputJson.generator(bytes)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return JSON.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode lastCoverage(StreamTesting.Topics out) {
        List<CoverageSnapshot> snapshots = committed(KAFKA, out.coverage(), CoverageSnapshot.class);
        if (snapshots.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = OutputJson.generator(bytes)) {
            OutputJson.write(g, snapshots.get(snapshots.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return JSON.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode withoutTime(JsonNode coverage) {
        ObjectNode n = coverage.deepCopy();
        n.remove("generated_at");
        n.remove("period"); // all-input (bounded) against the calendar year (streaming)
        // Timeliness counts from the first receipt, which the modes read differently (above).
        n.remove("timeliness");
        for (String field : new String[] {"timely", "late", "timeliness_unknown"}) {
            ((ObjectNode) n.get("totals")).remove(field);
        }
        n.get("by_dept")
                .forEach(
                        d ->
                                ((ObjectNode) d)
                                        .remove(
                                                List.of(
                                                        "timely",
                                                        "late",
                                                        "timeliness_unknown",
                                                        "timeliness_rate")));
        return n;
    }

    // ------------------------------------------------------------------ dead letter

    @Test
    void undecodableMessagesGoToTheDeadLetterTopicWithTheirReasonsWhileTheJobRuns()
            throws Exception {
        StreamTesting.Topics out = StreamTesting.Topics.of("dlq");
        out.create(KAFKA);
        KAFKA.createTopic("dlq.penalty.json", 1);
        KAFKA.createTopic("dlq.penalty.avro", 1);
        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, out, "dlq");
        conf.put(GuijiOptions.STATE_BACKEND.key(), "hashmap");
        conf.put("guiji.source.json.topic", "dlq.penalty.json");
        conf.put("guiji.source.json.dept-code", "SCJG01");
        conf.put("guiji.source.json.record-type", "penalty");
        conf.put("guiji.source.avro.topic", "dlq.penalty.avro");
        conf.put("guiji.source.avro.format", "avro");
        StreamConfig cfg = StreamTesting.config(conf);
        TopicCheck.requireTopics(cfg);
        Map<String, String> missingTopic = new java.util.HashMap<>(conf);
        missingTopic.put("guiji.source.other.topic", "dlq.not.created");
        assertThatThrownBy(() -> TopicCheck.requireTopics(StreamTesting.config(missingTopic)))
                .hasMessageContaining("[dlq.not.created]")
                .hasMessageContaining("create-topics.sh");
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);
        JobClient job = env.executeAsync("guiji stream dead-letter test");
        try {
            AvroBinary<SupervisionRecord> avro = new AvroBinary<>(SupervisionRecord.class);
            byte[] goodAvro = avro.encode(penalty("朝市监罚〔2026〕1号"));
            byte[] catalogEntry =
                    new AvroBinary<>(CatalogEntry.class)
                            .encode(
                                    new CatalogEntry(
                                            "SCJG01", null, null, RecordType.penalty, null, false));
            List<String> bad =
                    StreamTesting.produce(
                            KAFKA,
                            List.of(
                                    StreamTesting.bytes(
                                            "dlq.penalty.json",
                                            0,
                                            new byte[] {
                                                (byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0x81
                                            }),
                                    json(
                                            "dlq.penalty.json",
                                            0,
                                            "{\"行政相对人名称\": \"朝阳市某某商贸有限公司\", \"行政处罚决定书文号\": "),
                                    json("dlq.penalty.json", 0, "[\"not\", \"an\", \"object\"]"),
                                    StreamTesting.bytes(
                                            "dlq.penalty.avro",
                                            0,
                                            new byte[] {0x07, 0x01, 0x02, 0x03}),
                                    json(
                                            "dlq.penalty.avro",
                                            0,
                                            "{\"doc_no\": \"JSON on an Avro topic\"}"),
                                    StreamTesting.bytes("dlq.penalty.avro", 0, catalogEntry)));
            List<String> good =
                    StreamTesting.produce(
                            KAFKA,
                            List.of(
                                    json(
                                            "dlq.penalty.json",
                                            0,
                                            "{\"行政相对人名称\":\"朝阳市某某商贸有限公司\",\"行政处罚决定书文号\":\"朝市监罚〔2026〕2号\",\"处罚决定日期\":\"2026-03-01\"}"),
                                    StreamTesting.bytes("dlq.penalty.avro", 0, goodAvro)));

            StreamTesting.await(
                    "bad messages on the dead-letter topic, good ones unified",
                    Duration.ofSeconds(90),
                    () ->
                            committed(KAFKA, out.rejected(), RejectedRecord.class).size()
                                            == bad.size()
                                    && committed(KAFKA, out.unified(), UnifiedRecord.class).size()
                                            == good.size());
            Map<String, RejectedRecord> rejected = new TreeMap<>();
            committed(KAFKA, out.rejected(), RejectedRecord.class)
                    .forEach(r -> rejected.put(StreamTesting.ref(r), r));
            assertThat(rejected.keySet()).containsExactlyInAnyOrderElementsOf(bad);
            assertThat(rejected.values())
                    .extracting(RejectedRecord::getReason)
                    .containsOnly(RejectReason.MALFORMED);
            assertThat(rejected.get(bad.get(0)).getMessage()).contains("not UTF-8");
            assertThat(rejected.get(bad.get(1)).getMessage()).contains("broken JSON");
            assertThat(rejected.get(bad.get(2)).getMessage()).contains("not a JSON object");
            assertThat(rejected.get(bad.get(3)).getMessage()).contains("undecodable Avro");
            assertThat(rejected.get(bad.get(4)).getMessage()).contains("undecodable Avro");
            assertThat(rejected.get(bad.get(5)).getMessage()).contains("undecodable Avro");
            assertThat(rejected.get(bad.get(1)).getRaw())
                    .startsWith("{\"行政相对人名称\": \"朝阳市某某商贸有限公司\"");
            assertThat(rejected.get(bad.get(1)).getDeptCode()).isEqualTo("SCJG01");
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

            // Still running, and still taking input.
            List<String> later =
                    StreamTesting.produce(
                            KAFKA,
                            List.of(
                                    json(
                                            "dlq.penalty.json",
                                            0,
                                            "{\"行政相对人名称\":\"朝阳市某某商贸有限公司\",\"行政处罚决定书文号\":\"朝市监罚〔2026〕3号\",\"处罚决定日期\":\"2026-03-02\"}")));
            StreamTesting.await(
                    "a later good message",
                    Duration.ofSeconds(60),
                    () ->
                            committed(KAFKA, out.unified(), UnifiedRecord.class).stream()
                                    .anyMatch(
                                            u ->
                                                    u.getSources().stream()
                                                            .anyMatch(
                                                                    s ->
                                                                            StreamTesting.ref(s)
                                                                                    .equals(
                                                                                            later
                                                                                                    .get(
                                                                                                            0)))));
        } finally {
            job.cancel().get();
        }
    }

    private static SupervisionRecord penalty(String docNo) {
        return SupervisionRecord.newBuilder()
                .setRecordId("")
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(
                        DecisionFields.newBuilder()
                                .setDocNo(docNo)
                                .setSubjectName("朝阳市某某商贸有限公司")
                                .setDecisionDate("2026-02-01")
                                .setStatus(RecordStatus.ACTIVE)
                                .setDetails(
                                        PenaltyDetails.newBuilder()
                                                .setFineAmount(new java.math.BigDecimal("1.500000"))
                                                .build())
                                .build())
                .setSource(new SourceRef("", 0L))
                .build();
    }

    // ------------------------------------------------------------------ input

    private static Path writeInput(Path input) throws IOException {
        write(
                input,
                "registry/enterprises.csv",
                UTF_8,
                """
                统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态
                91110000600037341L,朝阳市某某商贸有限公司,,朝阳某某商行;朝阳市某某贸易有限公司,211302,存续
                91310115MA1K3BTP2B,朝阳市环保科技有限公司,,,211303,存续
                """);
        write(
                input,
                "catalog/catalogue.csv",
                UTF_8,
                """
                部门编码,部门名称,行政区划代码,信息类别,更新周期
                SCJG01,朝阳市市场监督管理局,211302,行政处罚、行政许可,每月
                HBJ02,朝阳市生态环境局,211303,penalty,每月
                WJW03,朝阳市卫生健康委员会,211303,inspection,每月
                """);
        write(
                input,
                "records/SCJG01/penalty/department.csv",
                UTF_8,
                """
                行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,罚款金额（万元）,处罚决定日期,处罚机关,数据更新时间
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕12号,罚款,1.5,2023-05-06,朝阳市市场监督管理局,2023-05-07 09:00:00
                朝阳某某商行,,朝市监罚〔2023〕13号,警告,,2023-06-01,朝阳市市场监督管理局,
                朝阳市无名小店,,朝市监罚〔2023〕14号,警告,,2023-06-02,朝阳市市场监督管理局,
                朝阳市某某商贸有限公司,,,罚款,2,2023-06-03,朝阳市市场监督管理局,
                """);
        write(
                input,
                "records/SCJG01/penalty/credit_platform.csv",
                GBK,
                """
                CF_XDR_MC,CF_XDR_SHXYM,CF_WSH,CF_CFLB,CF_NR_FK,CF_JDRQ,CF_CFJG,CF_ZT
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚[2023]12号,罚款,1.5,2023/5/6,朝阳市市场监督管理局,撤销
                """);
        write(
                input,
                "records/SCJG01/license/licenses.jsonl",
                UTF_8,
                """
                {"subject_name": "朝阳市某某商贸有限公司", "uscc": "91110000600037341L", "doc_no": "朝市监许〔2023〕7号", "decision_date": "2023-05-06", "license_name": "食品经营许可证"}
                {"subject_name": "朝阳市某某商贸有限公司", "doc_no": "朝市监许〔2023〕8号", "decision_date":
                {"subject_name": "李四", "subject_category": "自然人", "id_no": "11010519491231002X", "doc_no": "朝市监许〔2023〕9号", "decision_date": "2023-07-01"}
                """);
        write(
                input,
                "records/HBJ02/penalty/hb.csv",
                UTF_8,
                """
                行政相对人名称,行政处罚决定书文号,处罚决定日期,罚款金额（万元）
                朝阳市环保科技有限公司,朝环罚〔2023〕1号,2023-09-01,10
                朝阳市环保科技有限公司,朝环罚〔2027〕1号,2027-01-01,10
                """);
        write(
                input,
                "records/JTJ09/inspection/checks.csv",
                UTF_8,
                """
                行政相对人名称,检查编号,检查结果,检查日期
                朝阳市环保科技有限公司,JT-2023-001,未发现问题,2023-08-09
                """);
        return input;
    }

    private static void write(Path root, String rel, Charset cs, String text) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.write(f, text.getBytes(cs));
    }

    private static List<Path> recordFolders(Path input) throws IOException {
        try (Stream<Path> walk = Files.walk(input.resolve("records"), 2)) {
            return walk.filter(p -> input.resolve("records").relativize(p).getNameCount() == 2)
                    .sorted()
                    .toList();
        }
    }

    private static List<RawRow> rows(Path folder, Path root) {
        List<RawRow> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                try (CloseableIterator<RawRow> it = TabularFiles.open(f, root)) {
                    it.forEachRemaining(rows::add);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /**
     * A file row as the JSON message a department would send (its raw text when it did not parse).
     */
    private static byte[] message(RawRow row) {
        if (!row.parsed()) {
            return row.raw.getBytes(UTF_8);
        }
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < row.header.length; i++) {
            n.put(row.header[i], row.values[i]);
        }
        return n.toString().getBytes(UTF_8);
    }

    private static List<JsonNode> readJson(Path folder) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out; // a folder without records is not created
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f, UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode tree(UnifiedRecord u) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = OutputJson.generator(bytes)) {
            OutputJson.write(g, u);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return JSON.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
