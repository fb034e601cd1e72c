package io.guiji.jobs.stream;

import static io.guiji.jobs.stream.StreamTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The streaming enterprise view end to end (docs/contract.md §9), on a real broker and PostgreSQL:
 * profiles on the compacted profile topic and in {@code enterprise_profiles}, leads on the lead
 * topic and in {@code leads}, as records, revocations and registry entries arrive.
 *
 * <ol>
 *   <li>A penalty and a food licence of a registered company give its profile (latest penalty,
 *       valid licence); a penalty of a business name not in the registry gives a 无照 lead; a penalty
 *       of a company whose registry entry has not arrived yet gives one too.
 *   <li>The penalty is revoked: it leaves the profile. The late registry entry arrives: its
 *       company's record is linked, has a profile, and its 无照 lead is withdrawn.
 *   <li>That company's only record is revoked: its profile is a tombstone and its row is deleted.
 * </ol>
 *
 * Kafka is read as read_committed consumers see it; PostgreSQL as the feed left it.
 */
class StreamEnterpriseViewsITCase {
    private static final String PENALTIES = "ev.penalty";
    private static final String LICENCES = "ev.license";
    private static final String REGISTRY = "ev.registry";
    private static final StreamTesting.Topics OUT = StreamTesting.Topics.of("ev");

    private static final String REGISTERED = StreamTesting.REGISTERED_USCC;
    private static final String LATE_NAME = "朝阳市新来餐饮有限公司";
    private static final String LATE_USCC = "91310115MA1K3BTP2B";
    private static final String UNREGISTERED_NAME = "朝阳市双塔区老王小吃店";
    private static final String PENALTY_DOC = "朝市监罚〔2026〕101号";

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
    void profilesAndLeadsFollowRecordsRevocationsAndLinksInKafkaAndPostgres() throws Exception {
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(LICENCES, 1);
        KAFKA.createTopic(REGISTRY, 1);
        OUT.create(KAFKA);
        StreamTesting.createTables(PG);
        StreamTesting.produce(KAFKA, List.of(StreamTesting.registryEntry(REGISTRY)));

        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, OUT, "ev");
        StreamTesting.postgres(conf, PG);
        conf.put(GuijiOptions.STATE_BACKEND.key(), "hashmap");
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        conf.put("guiji.source.scjg-penalty.topic", PENALTIES);
        conf.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-penalty.record-type", "penalty");
        conf.put("guiji.source.scjg-license.topic", LICENCES);
        conf.put("guiji.source.scjg-license.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-license.record-type", "license");
        StreamConfig cfg = StreamTesting.config(conf);
        StreamTesting.Db db = PG::connection;

        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);
        JobClient job = env.executeAsync("guiji stream enterprise views test");
        try {
            // 1. records of a registered company, of an unregistered shop, of a late company
            StreamTesting.produce(
                    KAFKA,
                    List.of(
                            json(
                                    PENALTIES,
                                    0,
                                    penalty(
                                            StreamTesting.REGISTERED_NAME,
                                            PENALTY_DOC,
                                            "2026-03-01",
                                            "",
                                            "2026-03-02 09:00:00")),
                            json(
                                    LICENCES,
                                    0,
                                    "{\"subject_name\":\""
                                            + StreamTesting.REGISTERED_NAME
                                            + "\",\"uscc\":\""
                                            + REGISTERED
                                            + "\",\"doc_no\":\"朝市监许〔2026〕7号\",\"decision_date\":\"2026-01-05\","
                                            + "\"license_name\":\"食品经营许可证\",\"license_no\":\"JY12113020001\","
                                            + "\"valid_from\":\"2026-01-05\",\"valid_to\":\"2031-01-04\"}"),
                            json(
                                    PENALTIES,
                                    1,
                                    penalty(
                                            UNREGISTERED_NAME,
                                            "朝市监罚〔2026〕102号",
                                            "2026-04-01",
                                            "",
                                            "2026-04-02 09:00:00")),
                            json(
                                    PENALTIES,
                                    1,
                                    penalty(
                                            LATE_NAME,
                                            "朝市监罚〔2026〕103号",
                                            "2026-05-01",
                                            "",
                                            "2026-05-02 09:00:00"))));

            StreamTesting.await(
                    "the registered company's profile and two 无照 leads, in Kafka and PostgreSQL",
                    Duration.ofSeconds(120),
                    () ->
                            profile(REGISTERED).map(p -> p.getRecordCount() == 2).orElse(false)
                                    && openLeadsFor(UNREGISTERED_NAME) == 1
                                    && openLeadsFor(LATE_NAME) == 1
                                    && pgProfiles(db).getOrDefault(REGISTERED, "").startsWith("2 ")
                                    && pgOpenLeads(db).size() == 2);
            EnterpriseProfile p = profile(REGISTERED).orElseThrow();
            assertThat(p.getLatestPenalty().getDocNo()).isEqualTo(PENALTY_DOC);
            assertThat(p.getLicencesValid()).hasSize(1);
            assertThat(p.getCountsByType())
                    .containsEntry("penalty", 1L)
                    .containsEntry("license", 1L);
            assertThat(p.getReferenceDate()).isEqualTo(StreamTesting.PROCESSING_DATE);
            assertThat(p.getHealth().getComponents()).isNotEmpty();
            Lead shop =
                    latestLeads().values().stream()
                            .filter(l -> l.getSubjectName().equals(UNREGISTERED_NAME))
                            .findFirst()
                            .orElseThrow();
            assertThat(shop.getKind()).isEqualTo("UNREGISTERED");
            assertThat(shop.getEnterpriseId()).isNull();
            assertThat(pgOpenLeads(db)).containsEntry(shop.getLeadId(), UNREGISTERED_NAME);
            assertThat(pgProfiles(db).get(REGISTERED))
                    .as("record_count, health score and grade, latest penalty in the document")
                    .isEqualTo(
                            "2 "
                                    + p.getHealth().getScore()
                                    + " "
                                    + p.getHealth().getGrade()
                                    + " "
                                    + PENALTY_DOC);

            // 2. the penalty is revoked; the late company's registry entry arrives
            StreamTesting.produce(
                    KAFKA,
                    List.of(
                            json(
                                    PENALTIES,
                                    0,
                                    penalty(
                                            StreamTesting.REGISTERED_NAME,
                                            PENALTY_DOC,
                                            "2026-03-01",
                                            "撤销",
                                            "2026-06-01 09:00:00")),
                            json(
                                    REGISTRY,
                                    0,
                                    "{\"统一社会信用代码\":\""
                                            + LATE_USCC
                                            + "\",\"企业名称\":\""
                                            + LATE_NAME
                                            + "\",\"行政区划代码\":\"211302\"}")));
            StreamTesting.await(
                    "the revoked penalty out of the profile, the late company linked, its lead withdrawn",
                    Duration.ofSeconds(120),
                    () ->
                            profile(REGISTERED).map(x -> x.getRecordCount() == 1).orElse(false)
                                    && profile(LATE_USCC).isPresent()
                                    && openLeadsFor(LATE_NAME) == 0
                                    && pgProfiles(db).getOrDefault(REGISTERED, "").startsWith("1 ")
                                    && pgProfiles(db).containsKey(LATE_USCC)
                                    && pgOpenLeads(db).size() == 1);
            p = profile(REGISTERED).orElseThrow();
            assertThat(p.getLatestPenalty()).isNull();
            assertThat(p.getRecentPenalties()).isEmpty();
            assertThat(p.getCountsByType()).doesNotContainKey("penalty");
            assertThat(p.getLicencesValid()).hasSize(1);
            assertThat(pgProfiles(db).get(REGISTERED)).endsWith(" null");
            assertThat(latestLeads().values())
                    .filteredOn(l -> l.getSubjectName().equals(LATE_NAME))
                    .extracting(Lead::getStatus)
                    .containsOnly("WITHDRAWN");
            assertThat(pgLeadStatuses(db, LATE_NAME)).containsOnly("WITHDRAWN");
            assertThat(pgOpenLeads(db)).containsOnlyKeys(shop.getLeadId());

            // 3. the late company's only record is revoked: no profile left
            StreamTesting.produce(
                    KAFKA,
                    List.of(
                            json(
                                    PENALTIES,
                                    1,
                                    penalty(
                                            LATE_NAME,
                                            "朝市监罚〔2026〕103号",
                                            "2026-05-01",
                                            "撤销",
                                            "2026-07-01 09:00:00"))));
            StreamTesting.await(
                    "a tombstone for the late company and its row deleted",
                    Duration.ofSeconds(120),
                    () ->
                            latestProfiles().containsKey(LATE_USCC)
                                    && latestProfiles().get(LATE_USCC) == null
                                    && !pgProfiles(db).containsKey(LATE_USCC));
            assertThat(pgProfiles(db)).containsOnlyKeys(REGISTERED);
        } finally {
            job.cancel().get();
        }
    }

    private static String penalty(
            String name, String doc, String date, String status, String updated) {
        return "{\"行政相对人名称\":\""
                + name
                + "\",\"行政处罚决定书文号\":\""
                + doc
                + "\",\"处罚类别\":\"罚款\",\"罚款金额（万元）\":2,\"违法行为类型\":\"超范围经营\","
                + "\"处罚决定日期\":\""
                + date
                + "\",\"处罚机关\":\"朝阳市市场监督管理局\",\"当前状态\":\""
                + status
                + "\",\"数据更新时间\":\""
                + updated
                + "\"}";
    }

    /** The latest message of each enterprise on the committed profile topic (null: a tombstone). */
    private static Map<String, EnterpriseProfile> latestProfiles() {
        return StreamTesting.latestProfiles(KAFKA, OUT.enterprises());
    }

    private static Optional<EnterpriseProfile> profile(String enterpriseId) {
        return Optional.ofNullable(latestProfiles().get(enterpriseId));
    }

    /** The latest state of each lead on the committed lead topic. */
    private static Map<String, Lead> latestLeads() {
        Map<String, Lead> latest = new LinkedHashMap<>();
        AvroBinary<Lead> avro = new AvroBinary<>(Lead.class);
        for (ConsumerRecord<byte[], byte[]> r :
                KAFKA.readCommitted(
                        OUT.leads(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Lead l = avro.decode(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(l.getLeadId());
            latest.put(l.getLeadId(), l);
        }
        return latest;
    }

    private static long openLeadsFor(String name) {
        return latestLeads().values().stream()
                .filter(l -> l.getSubjectName().equals(name) && l.getStatus().equals("OPEN"))
                .count();
    }

    /** enterprise_id → "record_count health_score health_grade latest-penalty-doc". */
    private static Map<String, String> pgProfiles(StreamTesting.Db db) {
        Map<String, String> rows = new HashMap<>();
        StreamTesting.query(
                db,
                "SELECT enterprise_id, record_count, health_score, health_grade,"
                        + " profile->'latest_penalty'->>'doc_no' FROM enterprise_profiles",
                rs ->
                        rows.put(
                                rs.getString(1),
                                rs.getLong(2)
                                        + " "
                                        + rs.getInt(3)
                                        + " "
                                        + rs.getString(4)
                                        + " "
                                        + rs.getString(5)));
        return rows;
    }

    /** lead_id → subject_name of the OPEN leads in PostgreSQL. */
    private static Map<String, String> pgOpenLeads(StreamTesting.Db db) {
        Map<String, String> rows = new HashMap<>();
        StreamTesting.query(
                db,
                "SELECT lead_id, subject_name FROM leads WHERE status = 'OPEN'",
                rs -> rows.put(rs.getString(1), rs.getString(2)));
        return rows;
    }

    private static List<String> pgLeadStatuses(StreamTesting.Db db, String name) {
        List<String> statuses = new java.util.ArrayList<>();
        StreamTesting.query(
                db,
                "SELECT status FROM leads WHERE subject_name = '" + name + "'",
                rs -> statuses.add(rs.getString(1)));
        return statuses;
    }
}
