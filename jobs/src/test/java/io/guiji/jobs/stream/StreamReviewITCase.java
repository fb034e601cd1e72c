package io.guiji.jobs.stream;

import static io.guiji.jobs.stream.StreamTesting.committed;
import static io.guiji.jobs.stream.StreamTesting.finalStates;
import static io.guiji.jobs.stream.StreamTesting.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.cli.Guiji;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MANUAL tier live in streaming (docs/contract.md §6), on a real broker and PostgreSQL, through
 * the command line a reviewer uses: the job leaves two records of a name that two registry entries
 * share unlinked with both as candidates; {@code guiji review list --config} offers them from
 * PostgreSQL; {@code accept --config} appends the decision to the decisions topic, and the running
 * job re-publishes exactly those two records once, linked {@code MANUAL}, with the change in the
 * link changelog, in Kafka (read_committed) and in PostgreSQL, where {@code review_decisions}
 * records who decided, when and why; {@code withdraw} (itself a decision) gives the tiers back. Two
 * messages on the decisions topic that are not decisions go to the reference dead letter, and the
 * job never restarts.
 */
class StreamReviewITCase {
    private static final String PENALTIES = "in.review.penalty";
    private static final String REGISTRY = "in.review.registry";
    private static final StreamTesting.Topics OUT = StreamTesting.Topics.of("review");
    private static final String FIRST = "91110000600037341L";
    private static final String SECOND = "91310115MA1K3BTP2B";
    private static final String NAME = "朝阳市某某商贸有限公司";
    private static final String THIRD = "91211300MA0000001A";
    private static final String HUASHENG = "朝阳市华盛商贸有限公司";
    private static final Pattern DECISION_ID = Pattern.compile("recorded as ([0-9a-f-]{36})");

    @RegisterExtension
    @Order(1)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = StreamTesting.miniCluster();

    @TempDir Path dir;

    @Test
    void aReviewersDecisionRepublishesTheRecordsItSettlesOnceAndAWithdrawalUndoesIt()
            throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(REGISTRY, 1);
        OUT.create(KAFKA);
        StreamTesting.Db db = PG::connection;
        StreamTesting.createTables(db);
        StreamTesting.produce(
                KAFKA,
                List.of(
                        registryEntry(FIRST, NAME),
                        registryEntry(SECOND, NAME),
                        registryEntry(THIRD, HUASHENG)));

        Map<String, String> conf = StreamTesting.baseConfig(KAFKA, OUT, "review");
        StreamTesting.postgres(conf, PG);
        conf.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        conf.put("guiji.source.scjg-penalty.topic", PENALTIES);
        conf.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        conf.put("guiji.source.scjg-penalty.record-type", "penalty");
        Path file = dir.resolve("guiji-stream.conf");
        Files.writeString(
                file,
                conf.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n")),
                UTF_8);
        StreamConfig cfg = StreamTesting.config(conf);

        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);
        JobClient job = env.executeAsync("guiji stream review test");
        try {
            StreamTesting.produce(
                    KAFKA,
                    List.of(
                            penalty(0, NAME, null, "12"),
                            penalty(1, "朝阳市 某某商贸有限公司", null, "13"),
                            penalty(0, "朝阳某某商行", FIRST, "14"),
                            // a homophone of 华盛 without its place: linked by the fuzzy tier
                            penalty(1, "华胜商贸有限公司", null, "15")));
            StreamTesting.await(
                    "four records in Kafka and PostgreSQL",
                    Duration.ofSeconds(120),
                    () -> StreamTesting.pgVersions(db).size() == 4);
            Map<String, UnifiedRecord> first = finals();
            List<String> uncertain =
                    first.values().stream()
                            .filter(u -> u.getLinkMethod() == LinkMethod.NONE)
                            .map(UnifiedRecord::getRecordId)
                            .sorted()
                            .toList();
            assertThat(uncertain).as("records the tiers cannot settle").hasSize(2);
            for (String id : uncertain) {
                assertThat(first.get(id).getCandidates())
                        .extracting(c -> c.getEnterpriseId().toString())
                        .containsExactlyInAnyOrder(FIRST, SECOND);
            }
            String control =
                    first.values().stream()
                            .filter(u -> u.getLinkMethod() == LinkMethod.USCC)
                            .findFirst()
                            .orElseThrow()
                            .getRecordId();
            UnifiedRecord fuzzy =
                    first.values().stream()
                            .filter(u -> u.getLinkMethod() == LinkMethod.FUZZY)
                            .findFirst()
                            .orElseThrow();
            assertThat(fuzzy.getEnterpriseId()).isEqualTo(THIRD);
            String guessed = fuzzy.getRecordId();

            // Not decisions: the job must pass them to the dead letter and keep going.
            StreamTesting.produce(
                    KAFKA,
                    List.of(
                            json(OUT.reviewDecisions(), 0, "{\"decision_id\":"),
                            json(
                                    OUT.reviewDecisions(),
                                    0,
                                    "{\"decision_id\":\"d-0\",\"scope\":\"NAME\",\"subject\":\""
                                            + NAME
                                            + "\",\"action\":\"ACCEPT\",\"enterprise_id\":\""
                                            + FIRST
                                            + "\",\"decided_by\":\"someone\",\"decided_at\":\"2026-12-04T10:00:00+08:00\"}")));

            Cli list = cli("review", "list", "--config", file.toString());
            assertThat(list.code).as("stderr: %s", list.err).isZero();
            assertThat(list.out)
                    .contains("1. --name " + NAME + " — 2 records")
                    .contains("candidate " + FIRST)
                    .contains("candidate " + SECOND)
                    .contains("1 uncertain link to settle")
                    .contains("guiji review accept --config FILE");

            Cli accept =
                    cli(
                            "review",
                            "accept",
                            "--config",
                            file.toString(),
                            "--name",
                            NAME,
                            "--enterprise",
                            SECOND,
                            "--reason",
                            "营业执照核对: 地址一致",
                            "--by",
                            "reviewer-1");
            assertThat(accept.code).as("stderr: %s", accept.err).isZero();
            assertThat(accept.out).contains("on " + OUT.reviewDecisions());
            String decision = decisionId(accept.out);

            StreamTesting.await(
                    "the decision applied in Kafka",
                    Duration.ofSeconds(120),
                    () -> uncertain.stream().allMatch(id -> finals().get(id).getVersion() == 2));
            Map<String, UnifiedRecord> decided = finals();
            for (String id : uncertain) {
                UnifiedRecord u = decided.get(id);
                assertThat(u.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
                assertThat(u.getEnterpriseId()).isEqualTo(SECOND);
                assertThat(u.getLinkEvidence())
                        .contains(
                                "manual=ACCEPT",
                                "decision=" + decision,
                                "by=reviewer-1",
                                "reason=营业执照核对: 地址一致",
                                "tiers=NONE");
            }
            assertThat(versions())
                    .as("each record's versions in Kafka: the decided ones re-published once")
                    .isEqualTo(
                            Map.of(
                                    uncertain.get(0),
                                    List.of(1L, 2L),
                                    uncertain.get(1),
                                    List.of(1L, 2L),
                                    control,
                                    List.of(1L),
                                    guessed,
                                    List.of(1L)));
            assertThat(changes())
                    .as("the link changelog")
                    .containsExactlyInAnyOrder(
                            uncertain.get(0) + " v2 NONE:null -> MANUAL:" + SECOND,
                            uncertain.get(1) + " v2 NONE:null -> MANUAL:" + SECOND);

            StreamTesting.await(
                    "the decision in PostgreSQL",
                    Duration.ofSeconds(60),
                    () ->
                            pgLinks(db)
                                            .equals(
                                                    Map.of(
                                                            uncertain.get(0),
                                                            "MANUAL:" + SECOND + " v2",
                                                            uncertain.get(1),
                                                            "MANUAL:" + SECOND + " v2",
                                                            control,
                                                            "USCC:" + FIRST + " v1",
                                                            guessed,
                                                            "FUZZY:" + THIRD + " v1"))
                                    && pgDecisions(db).size() == 1);
            assertThat(pgDecisions(db))
                    .containsExactly(
                            decision
                                    + " ACCEPT NAME "
                                    + NAME
                                    + " "
                                    + SECOND
                                    + " reviewer-1 营业执照核对: 地址一致");

            Cli history = cli("review", "history", "--config", file.toString());
            assertThat(history.code).as("stderr: %s", history.err).isZero();
            assertThat(history.out)
                    .contains(decision + " ACCEPT NAME " + NAME + " → " + SECOND)
                    .contains("by reviewer-1: 营业执照核对: 地址一致")
                    .contains("1 decision in review_decisions");
            Cli listed = cli("review", "list", "--config", file.toString());
            assertThat(listed.out).contains("0 uncertain links to settle");

            Cli withdraw =
                    cli(
                            "review",
                            "withdraw",
                            "--config",
                            file.toString(),
                            "--decision",
                            decision,
                            "--reason",
                            "地址核对有误",
                            "--by",
                            "reviewer-2");
            assertThat(withdraw.code).as("stderr: %s", withdraw.err).isZero();
            StreamTesting.await(
                    "the withdrawal applied in Kafka and PostgreSQL",
                    Duration.ofSeconds(120),
                    () ->
                            uncertain.stream().allMatch(id -> finals().get(id).getVersion() == 3)
                                    && pgDecisions(db).size() == 2
                                    && pgLinks(db).get(uncertain.get(0)).equals("NONE:null v3")
                                    && pgLinks(db).get(uncertain.get(1)).equals("NONE:null v3"));
            Map<String, UnifiedRecord> undone = finals();
            for (String id : uncertain) {
                assertThat(undone.get(id).getLinkMethod()).isEqualTo(LinkMethod.NONE);
                assertThat(undone.get(id).getCandidates()).hasSize(2);
            }
            assertThat(versions().get(uncertain.get(0))).containsExactly(1L, 2L, 3L);
            assertThat(versions().get(control)).containsExactly(1L);

            // A reviewer overrides the fuzzy tier: 华胜 is not 华盛. The record is re-published once,
            // unlinked by a MANUAL decision, with the change in the changelog and in PostgreSQL.
            Cli reject =
                    cli(
                            "review",
                            "reject",
                            "--config",
                            file.toString(),
                            "--record",
                            guessed,
                            "--enterprise",
                            THIRD,
                            "--reason",
                            "核对营业执照: 非同一企业",
                            "--by",
                            "reviewer-3");
            assertThat(reject.code).as("stderr: %s", reject.err).isZero();
            StreamTesting.await(
                    "the rejection applied in Kafka and PostgreSQL",
                    Duration.ofSeconds(120),
                    () ->
                            finals().get(guessed).getVersion() == 2
                                    && "MANUAL:null v2".equals(pgLinks(db).get(guessed)));
            UnifiedRecord overridden = finals().get(guessed);
            assertThat(overridden.getLinkMethod()).isEqualTo(LinkMethod.MANUAL);
            assertThat(overridden.getEnterpriseId()).isNull();
            assertThat(overridden.getLinkEvidence())
                    .contains("manual=REJECT", "by=reviewer-3", "tiers=FUZZY:" + THIRD);
            assertThat(versions().get(guessed)).containsExactly(1L, 2L);
            assertThat(changes()).contains(guessed + " v2 FUZZY:" + THIRD + " -> MANUAL:null");

            List<RejectedRecord> notDecisions =
                    committed(KAFKA, OUT.referenceRejected(), RejectedRecord.class);
            assertThat(notDecisions)
                    .extracting(r -> r.getFile() + "#" + r.getRow() + " " + r.getReason())
                    .containsExactlyInAnyOrder(
                            "kafka:" + OUT.reviewDecisions() + "/0#0 " + RejectReason.MALFORMED,
                            "kafka:"
                                    + OUT.reviewDecisions()
                                    + "/0#1 "
                                    + RejectReason.MISSING_FIELD);
            assertThat(notDecisions)
                    .as("in the order the linking subtasks wrote them, which varies")
                    .filteredOn(r -> r.getReason() == RejectReason.MISSING_FIELD)
                    .singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("missing field reason"));

            assertThat(StreamTesting.failures(client, job.getJobID()))
                    .as("failures the job went through")
                    .isEmpty();
        } finally {
            job.cancel().get();
        }
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> registryEntry(
            String uscc, String name) {
        return json(
                REGISTRY,
                0,
                "{\"统一社会信用代码\":\"" + uscc + "\",\"企业名称\":\"" + name + "\",\"行政区划代码\":\"211302\"}");
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> penalty(
            int partition, String subject, String uscc, String number) {
        return json(
                PENALTIES,
                partition,
                "{\"行政相对人名称\":\""
                        + subject
                        + "\""
                        + (uscc == null ? "" : ",\"统一社会信用代码\":\"" + uscc + "\"")
                        + ",\"行政处罚决定书文号\":\"朝市监罚〔2026〕"
                        + number
                        + "号\",\"处罚决定日期\":\"2026-05-06\",\"处罚机关\":\"朝阳市市场监督管理局\"}");
    }

    private static Map<String, UnifiedRecord> finals() {
        return finalStates(committed(KAFKA, OUT.unified(), UnifiedRecord.class));
    }

    /** Every version of each record in the unified topic, in the order published. */
    private static Map<String, List<Long>> versions() {
        Map<String, List<Long>> v = new TreeMap<>();
        for (UnifiedRecord u : committed(KAFKA, OUT.unified(), UnifiedRecord.class)) {
            v.computeIfAbsent(u.getRecordId(), k -> new ArrayList<>()).add(u.getVersion());
        }
        return v;
    }

    private static List<String> changes() {
        List<String> out = new ArrayList<>();
        for (LinkChange c : committed(KAFKA, OUT.linkChanges(), LinkChange.class)) {
            out.add(
                    c.getRecordId()
                            + " v"
                            + c.getVersion()
                            + " "
                            + c.getOldMethod()
                            + ":"
                            + c.getOldEnterpriseId()
                            + " -> "
                            + c.getNewMethod()
                            + ":"
                            + c.getNewEnterpriseId());
        }
        return out;
    }

    /** {@code unified_record}: record_id → {@code method:enterprise vN}. */
    private static Map<String, String> pgLinks(StreamTesting.Db db) {
        Map<String, String> links = new HashMap<>();
        StreamTesting.query(
                db,
                "SELECT record_id, link_method, enterprise_id, version FROM unified_record",
                rs ->
                        links.put(
                                rs.getString(1),
                                rs.getString(2) + ":" + rs.getString(3) + " v" + rs.getLong(4)));
        return links;
    }

    private static List<String> pgDecisions(StreamTesting.Db db) {
        List<String> rows = new ArrayList<>();
        StreamTesting.query(
                db,
                "SELECT decision_id, action, scope, subject, coalesce(enterprise_id, withdraws),"
                        + " decided_by, reason FROM review_decisions ORDER BY source_row",
                rs ->
                        rows.add(
                                rs.getString(1)
                                        + " "
                                        + rs.getString(2)
                                        + " "
                                        + rs.getString(3)
                                        + " "
                                        + rs.getString(4)
                                        + " "
                                        + rs.getString(5)
                                        + " "
                                        + rs.getString(6)
                                        + " "
                                        + rs.getString(7)));
        return rows;
    }

    private static String decisionId(String out) {
        Matcher m = DECISION_ID.matcher(out);
        assertThat(m.find()).as("a decision id in: %s", out).isTrue();
        return m.group(1);
    }

    /** What one command line printed and returned. */
    private record Cli(int code, String out, String err) {}

    private static synchronized Cli cli(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
        int code;
        try {
            code = Guiji.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        Cli c = new Cli(code, out.toString(UTF_8), err.toString(UTF_8));
        originalOut.print(c.out);
        originalErr.print(c.err);
        return c;
    }
}
