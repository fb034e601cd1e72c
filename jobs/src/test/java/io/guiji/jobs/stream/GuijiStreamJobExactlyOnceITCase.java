package io.guiji.jobs.stream;

import static io.guiji.jobs.stream.StreamTesting.committed;
import static io.guiji.jobs.stream.StreamTesting.finalStates;
import static io.guiji.jobs.stream.StreamTesting.json;
import static io.guiji.jobs.stream.StreamTesting.places;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LicenseDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming job end to end on a real broker and a real PostgreSQL: JSON and Avro topics and a
 * polled table in, one injected failure in the middle of the input (restart from the last
 * checkpoint), then proof of exactly once: every input record is in exactly one place among the
 * committed Kafka outputs (a source of one final unified state, or one rejected record) and in
 * PostgreSQL; versions of each record are 1..n without repeats.
 */
class GuijiStreamJobExactlyOnceITCase {
    private static final String PENALTIES = "in.penalty";
    private static final String LICENSES = "in.license.avro";
    private static final String REGISTRY = "in.registry";
    private static final String REGISTERED_USCC = "91110000600037341L";
    private static final String CATALOG = "in.catalog";
    private static final String INSPECTIONS_TABLE = "wjw_inspection";
    private static final StreamTesting.Topics OUT = StreamTesting.Topics.of("eo");

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
    void everyInputIsInExactlyOnePlaceAfterAFailureAndRestart() throws Exception {
        long t0 = System.nanoTime();
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(LICENSES, 2);
        KAFKA.createTopic(REGISTRY, 1);
        KAFKA.createTopic(CATALOG, 1);
        OUT.create(KAFKA);
        StreamTesting.createTables(PG);
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + INSPECTIONS_TABLE
                            + " (id bigserial PRIMARY KEY, xdr_mc text, jcbh text,"
                            + " jcrq text, jcjg text, gxsj timestamp NOT NULL)");
        }
        StreamTesting.produce(
                KAFKA,
                List.of(
                        json(
                                REGISTRY,
                                0,
                                "{\"统一社会信用代码\":\"91110000600037341L\",\"企业名称\":\"朝阳市某某商贸有限公司\",\"行政区划代码\":\"211302\"}"),
                        json(
                                CATALOG,
                                0,
                                "{\"部门编码\":\"SCJG01\",\"部门名称\":\"市场监管局\",\"行政区划代码\":\"211302\",\"信息类别\":\"penalty\"}"),
                        json(
                                CATALOG,
                                0,
                                "{\"部门编码\":\"ZJJ01\",\"部门名称\":\"住建局\",\"行政区划代码\":\"211302\",\"信息类别\":\"license\"}"),
                        json(
                                CATALOG,
                                0,
                                "{\"部门编码\":\"WJW01\",\"部门名称\":\"卫健委\",\"行政区划代码\":\"211302\",\"信息类别\":\"inspection\"}")));

        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, OUT, "eo");
        StreamTesting.postgres(conf, PG);
        conf.put(GuijiOptions.STATE_BACKEND.key(), "rocksdb");
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        conf.put(GuijiOptions.KAFKA_CATALOG_TOPIC.key(), CATALOG);
        conf.put("guiji.source.scjg-penalty.topic", PENALTIES);
        conf.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-penalty.record-type", "penalty");
        conf.put("guiji.source.zjj-license.topic", LICENSES);
        conf.put("guiji.source.zjj-license.format", "avro");
        conf.put("guiji.source.wjw-inspection.table", INSPECTIONS_TABLE);
        conf.put("guiji.source.wjw-inspection.jdbc-url", PG.jdbcUrl());
        conf.put("guiji.source.wjw-inspection.user", PG.user());
        conf.put("guiji.source.wjw-inspection.password-env", PostgresExtension.PASSWORD_ENV);
        conf.put("guiji.source.wjw-inspection.update-column", "gxsj");
        conf.put("guiji.source.wjw-inspection.lag", "200 ms");
        conf.put("guiji.source.wjw-inspection.poll-interval", "500 ms");
        conf.put("guiji.source.wjw-inspection.dept-code", "WJW01");
        conf.put("guiji.source.wjw-inspection.record-type", "inspection");
        conf.put(
                "guiji.source.wjw-inspection.fields",
                "subject_name:xdr_mc, doc_no:jcbh, decision_date:jcrq, result:jcjg, updated_at:gxsj");
        StreamConfig cfg = StreamTesting.config(conf);

        FailOnce.ARMED.set(false);
        FailOnce.FAILURES.set(0);
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(
                env,
                cfg,
                rows ->
                        rows.map(new FailOnce<RawRow>(25))
                                .returns(TypeInformation.of(RawRow.class))
                                .name("fail once")
                                .setParallelism(2));
        JobClient job = env.executeAsync("guiji stream exactly-once test");
        System.out.printf("set up and job submitted: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try {
            List<String> inputs = new ArrayList<>(send(0));
            List<String> firstBatch = List.copyOf(inputs);
            StreamTesting.await(
                    "the first batch in the Kafka outputs",
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
                                    .containsAll(firstBatch));

            FailOnce.ARMED.set(true);
            inputs.addAll(send(1));
            StreamTesting.await(
                    "all input in the Kafka outputs after the restart",
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
            assertThat(FailOnce.FAILURES.get()).as("injected failures").isEqualTo(1);

            // Kafka, read_committed: each input once; versions of a record 1..n, none twice.
            List<UnifiedRecord> states = committed(KAFKA, OUT.unified(), UnifiedRecord.class);
            List<RejectedRecord> rejected = committed(KAFKA, OUT.rejected(), RejectedRecord.class);
            Map<String, UnifiedRecord> finals = finalStates(states);
            StreamTesting.assertExactlyOnce(places(finals, rejected), inputs);
            Map<String, List<Long>> versions = new TreeMap<>();
            states.forEach(
                    u ->
                            versions.computeIfAbsent(u.getRecordId(), k -> new ArrayList<>())
                                    .add(u.getVersion()));
            versions.forEach(
                    (id, v) ->
                            assertThat(v)
                                    .as("versions of " + id)
                                    .containsExactlyElementsOf(
                                            LongStream.rangeClosed(1, v.size()).boxed().toList()));
            assertThat(finals).hasSize(EXPECTED_UNIFIED);
            assertThat(rejected)
                    .extracting(RejectedRecord::getReason)
                    .containsOnly(RejectReason.MISSING_FIELD, RejectReason.MALFORMED);
            assertThat(rejected).hasSize(EXPECTED_REJECTED);
            assertThat(finals.values())
                    .filteredOn(u -> u.getSources().size() == 2)
                    .hasSize(EXPECTED_DUPLICATED);

            // Every output went through one sink: the job's transactions are all its producers'.
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
                List<String> ids =
                        admin.listTransactions().all().get().stream()
                                .map(TransactionListing::transactionalId)
                                .filter(id -> id.startsWith("guiji-eo-"))
                                .toList();
                assertThat(ids)
                        .as("the job's transactional ids")
                        .isNotEmpty()
                        .allMatch(id -> id.startsWith("guiji-eo-outputs-"));
            }

            // PostgreSQL: the same final states, every input once among sources and rejected rows.
            Map<String, Long> kafkaVersions = new HashMap<>();
            finals.forEach((id, u) -> kafkaVersions.put(id, u.getVersion()));
            StreamTesting.await(
                    "PostgreSQL to catch up with Kafka",
                    Duration.ofSeconds(60),
                    () ->
                            pgVersions().equals(kafkaVersions)
                                    && pgPlaces().keySet().containsAll(inputs));
            StreamTesting.assertExactlyOnce(pgPlaces(), inputs);

            // The enterprise view after the failure: the registered company's profile counts each
            // of its records once, in Kafka and in PostgreSQL.
            long linked =
                    finals.values().stream()
                            .filter(u -> REGISTERED_USCC.equals(u.getEnterpriseId()))
                            .count();
            assertThat(linked).isPositive();
            StreamTesting.await(
                    "the registered company's profile with each of its records once",
                    Duration.ofSeconds(60),
                    () -> {
                        var p =
                                StreamTesting.latestProfiles(KAFKA, OUT.enterprises())
                                        .get(REGISTERED_USCC);
                        List<Long> pg = new ArrayList<>();
                        query(
                                "SELECT record_count FROM enterprise_profiles WHERE enterprise_id = '"
                                        + REGISTERED_USCC
                                        + "'",
                                rs -> pg.add(rs.getLong(1)));
                        return p != null
                                && p.getRecordCount() == linked
                                && pg.equals(List.of(linked));
                    });
        } finally {
            job.cancel().get();
        }
    }

    // ------------------------------------------------------------------ input

    private static final int PENALTIES_PER_BATCH = 60;
    private static final int LICENSES_PER_BATCH = 20;
    private static final int INSPECTIONS_PER_BATCH = 10;
    /*
     * Per batch: penalty i with i % 10 == 9 re-sends decision i - 5 (i = 9, 19, 39, 49 accepted; 29, 59
     * rejected), i % 15 == 14 has no subject (i = 14, 29, 44, 59: MISSING_FIELD), one broken JSON. So
     * decisions 4 and 34 have two copies, 14 and 44 only their re-send: 54 penalties, 2 with two sources.
     */
    private static final int EXPECTED_DUPLICATED = 2 * 2;
    private static final int EXPECTED_REJECTED = 2 * (4 + 1);
    private static final int EXPECTED_UNIFIED =
            2 * (54 + LICENSES_PER_BATCH + INSPECTIONS_PER_BATCH);

    /**
     * Sends one batch to the topics and the table; returns the source references of every record
     * sent.
     */
    private static List<String> send(int batch) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < PENALTIES_PER_BATCH; i++) {
            int n = i % 10 == 9 ? i - 5 : i; // a re-send of an earlier decision
            String subject =
                    i % 15 == 14
                            ? ""
                            : n % 3 == 0 ? "朝阳市某某商贸有限公司" : "朝阳市测试" + batch + "-" + n + "商店";
            records.add(
                    json(
                            PENALTIES,
                            i % 2,
                            String.format(
                                    "{\"行政相对人名称\":\"%s\",\"行政处罚决定书文号\":\"朝市监罚[2026]%d-%d号\",\"处罚决定日期\":\"2026-0%d-1%d\","
                                            + "\"罚款金额（万元）\":%d.5,\"处罚机关\":\"朝阳市市场监督管理局\"}",
                                    subject, batch, n, 1 + n % 9, n % 10, n)));
        }
        records.add(json(PENALTIES, batch % 2, "{\"行政相对人名称\":\"朝阳市断行商店\",\"行政处罚决定书文号\":"));
        AvroBinary<SupervisionRecord> avro = new AvroBinary<>(SupervisionRecord.class);
        for (int i = 0; i < LICENSES_PER_BATCH; i++) {
            SupervisionRecord r =
                    SupervisionRecord.newBuilder()
                            .setRecordId("ignored")
                            .setRecordType(RecordType.license)
                            .setDeptCode("ZJJ01")
                            .setFields(
                                    DecisionFields.newBuilder()
                                            .setDocNo("朝建许〔2026〕" + batch + "-" + i + "号")
                                            .setSubjectName("朝阳市建设" + i + "有限公司")
                                            .setDecisionDate("2026-05-0" + (1 + i % 9))
                                            .setStatus(RecordStatus.ACTIVE)
                                            .setDetails(
                                                    new LicenseDetails(
                                                            "建筑施工许可证",
                                                            "L" + i,
                                                            "普通",
                                                            "施工",
                                                            "2026-05-01",
                                                            "2029-05-01"))
                                            .build())
                            .setSource(new SourceRef("ignored", 0L))
                            .build();
            records.add(StreamTesting.bytes(LICENSES, i % 2, avro.encode(r)));
        }
        List<String> refs = new ArrayList<>(StreamTesting.produce(KAFKA, records));
        try (Connection c = PG.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + INSPECTIONS_TABLE
                                        + " (xdr_mc, jcbh, jcrq, jcjg, gxsj) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            for (int i = 0; i < INSPECTIONS_PER_BATCH; i++) {
                ps.setString(1, "朝阳市诊所" + batch + "-" + i);
                ps.setString(2, "WJ-" + batch + "-" + i);
                ps.setString(3, "2026-06-1" + i);
                ps.setString(4, "合格");
                ps.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    refs.add("jdbc:" + INSPECTIONS_TABLE + "#" + rs.getLong(1));
                }
            }
        }
        return refs;
    }

    // ------------------------------------------------------------------ PostgreSQL

    private static Map<String, Long> pgVersions() {
        Map<String, Long> v = new HashMap<>();
        query(
                "SELECT record_id, version FROM unified_record",
                rs -> v.put(rs.getString(1), rs.getLong(2)));
        return v;
    }

    private static Map<String, Integer> pgPlaces() {
        Map<String, Integer> places = new HashMap<>();
        query(
                "SELECT source_file || '#' || source_row FROM unified_record_source"
                        + " UNION ALL SELECT source_file || '#' || source_row FROM rejected_record WHERE kind = 'record'",
                rs -> places.merge(rs.getString(1), 1, Integer::sum));
        return places;
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws Exception;
    }

    private static void query(String sql, RowHandler handler) {
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        } catch (Exception e) {
            throw new AssertionError(sql + ": " + e, e);
        }
    }
}
