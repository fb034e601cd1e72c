package io.guiji.cluster;

import static io.guiji.cluster.StandaloneCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.CoverageTotals;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * guiji's streaming job as an ordinary Flink job on a real multi-process cluster: three JVMs on
 * 127.0.0.1 (a JobManager and the TaskManagers {@code tm1}, {@code tm2}, one slot each) started by
 * {@code deploy/standalone/flink-cluster.sh}; the shaded jar submitted over REST by {@code
 * deploy/standalone/guiji-job.sh} with a configuration file and {@code -D} options, as an operator
 * would; a real Kafka broker in and out; PostgreSQL written by a login role that has only the
 * grants of {@code deploy/postgres/roles.sql}, its password only in the cluster's environment.
 *
 * <p>The two tests share the cluster and the job (one lineage: it survives a killed TaskManager,
 * then an upgrade through a savepoint) and one ledger of every message sent. Each ends by proving,
 * record by record, that every input is in exactly one place: each decision (doc_no) is exactly one
 * unified record in the {@code read_committed} unified topic's latest states and exactly one row in
 * PostgreSQL, whose sources are exactly its copies sent; each malformed message is exactly one
 * rejected record; every record's published versions are 1..n, none twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuijiClusterITCase {
    private static final String PENALTIES = "records.SCJG01.penalty";
    private static final String REGISTRY = "guiji.registry";
    private static final String CATALOG = "guiji.catalog";
    private static final String UNIFIED = "guiji.unified";
    private static final String REJECTED = "guiji.rejected";
    private static final String COVERAGE = "guiji.coverage";

    private static final String ENTERPRISE = "朝阳市某某商贸有限公司";
    private static final String ENTERPRISE_USCC = "91110000600037341L";

    /** The job's PostgreSQL password: only ever in the environment of the cluster's processes. */
    private static final String JOB_PG_PASSWORD = UUID.randomUUID().toString();

    private static final String JOB_PG_ROLE =
            "guiji_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @RegisterExtension
    @Order(1)
    static final StandaloneCluster FLINK =
            new StandaloneCluster().withEnvironment("GUIJI_PG_PASSWORD", JOB_PG_PASSWORD);

    @RegisterExtension
    @Order(2)
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    @Order(3)
    static final PostgresExtension PG = new PostgresExtension();

    private static final Ledger LEDGER = new Ledger();
    private static List<String> jobArgs;
    private static String jobId;

    @BeforeAll
    static void createTopicsTablesAndSubmitTheJob() throws Exception {
        long t0 = System.nanoTime();
        KAFKA.createTopic(PENALTIES, 2);
        KAFKA.createTopic(REGISTRY, 1, Map.of("retention.ms", "-1"));
        KAFKA.createTopic(CATALOG, 1, Map.of("retention.ms", "-1"));
        KAFKA.createTopic(UNIFIED, 2, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic(REJECTED, 2);
        KAFKA.createTopic("guiji.reference-rejected", 1);
        KAFKA.createTopic(COVERAGE, 1);
        KAFKA.createTopic("guiji.link-changes", 2);
        KAFKA.createTopic("guiji.review-decisions", 1, Map.of("retention.ms", "-1"));
        KAFKA.createTopic("guiji.enterprises", 2, Map.of("cleanup.policy", "compact"));
        KAFKA.createTopic("guiji.leads", 2, Map.of("cleanup.policy", "compact"));
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute(Files.readString(repository("deploy/postgres/schema.sql")));
            s.execute(Files.readString(repository("deploy/postgres/roles.sql")));
            s.execute(
                    "CREATE ROLE "
                            + JOB_PG_ROLE
                            + " LOGIN PASSWORD '"
                            + JOB_PG_PASSWORD
                            + "' IN ROLE guiji_writer");
        }
        KAFKA.produce(
                List.of(
                        new ProducerRecord<>(
                                REGISTRY,
                                "{\"统一社会信用代码\":\""
                                        + ENTERPRISE_USCC
                                        + "\",\"企业名称\":\""
                                        + ENTERPRISE
                                        + "\",\"行政区划代码\":\"211302\"}"),
                        new ProducerRecord<>(
                                CATALOG,
                                "{\"部门编码\":\"SCJG01\",\"部门名称\":\"市场监管局\",\"行政区划代码\":\"211302\",\"信息类别\":\"penalty\"}"),
                        new ProducerRecord<>(
                                CATALOG,
                                "{\"部门编码\":\"ZJJ01\",\"部门名称\":\"住建局\",\"行政区划代码\":\"211302\",\"信息类别\":\"license\"}")));

        // The job's configuration as an operator writes it: a file, plus -D options; no password
        // anywhere.
        Path conf = FLINK.home().resolve("stream.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "guiji.kafka.bootstrap-servers: " + KAFKA.bootstrapServers(),
                        "guiji.kafka.group-id: guiji-cluster-it",
                        "guiji.kafka.transactional-id-prefix: guiji-cluster-it",
                        "guiji.kafka.registry-topic: " + REGISTRY,
                        "guiji.kafka.catalog-topic: " + CATALOG,
                        "guiji.source.scjg-penalty.topic: " + PENALTIES,
                        "guiji.source.scjg-penalty.dept-code: SCJG01",
                        "guiji.source.scjg-penalty.record-type: penalty",
                        "guiji.postgres.url: " + PG.jdbcUrl(),
                        "guiji.postgres.user: " + JOB_PG_ROLE,
                        "guiji.postgres.password-env: GUIJI_PG_PASSWORD",
                        "guiji.postgres.batch-interval: 200 ms",
                        "guiji.parallelism: 2",
                        "guiji.processing-date: 2026-11-25",
                        "guiji.state.backend: rocksdb",
                        "guiji.restart.attempts: 30",
                        "guiji.restart.delay: 1 s",
                        ""),
                StandardCharsets.UTF_8);
        jobArgs =
                List.of(
                        "--config",
                        conf.toString(),
                        "-Dguiji.checkpoint.interval=2 s",
                        "-Dguiji.coverage.min-interval=500 ms");
        jobId = FLINK.submit(jobArgs);
        await(
                "job " + jobId + " running on the cluster",
                Duration.ofSeconds(120),
                () -> FLINK.allTasksRunning(jobId));
        assertThat(FLINK.taskManagersOf(jobId))
                .as("TaskManagers running the job")
                .containsExactlyInAnyOrder("tm1", "tm2");
        System.out.printf("set up and job submitted: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @AfterAll
    static void cancelTheJobAndDropItsRole() throws Exception {
        if (jobId != null && "RUNNING".equals(FLINK.jobStatus(jobId))) {
            FLINK.cancel(jobId);
            await(
                    "job cancelled",
                    Duration.ofSeconds(60),
                    () ->
                            !"RUNNING".equals(FLINK.jobStatus(jobId))
                                    && !"CANCELLING".equals(FLINK.jobStatus(jobId)));
        }
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + JOB_PG_ROLE);
        } catch (SQLException e) {
            System.err.println(
                    "could not drop the test role " + JOB_PG_ROLE + ": " + e.getMessage());
        }
    }

    @Test
    @Order(1)
    void everyRecordExactlyOnceInKafkaAndPostgresAfterATaskManagerIsKilledMidStream()
            throws Exception {
        long t0 = System.nanoTime();
        // A first batch, all the way through: the job works and has state and committed output.
        List<Message> first = new ArrayList<>(decisions(0, 400));
        first.add(malformed());
        first.add(malformed());
        send(first);
        awaitAllInKafka("the first batch in Kafka");
        long restartsBefore = FLINK.restarts(jobId);

        // A steady stream, with new copies of earlier decisions among new ones; tm2 dies in the
        // middle of it.
        List<Message> stream = new ArrayList<>();
        for (int n = 400; n < 1600; n++) {
            stream.add(decision(n));
            if (n % 30 == 0) {
                stream.add(decision(n - 397)); // a new copy of a decision of the first batch
            }
            if (n % 500 == 0) {
                stream.add(malformed());
            }
        }
        try (Feeder feeder = new Feeder(stream, 150)) {
            await(
                    "a third of the stream sent",
                    Duration.ofSeconds(60),
                    () -> feeder.sent() >= stream.size() / 3);
            int sentAtKill = feeder.sent();
            FLINK.killTaskManager("tm2");
            System.out.printf(
                    "SIGKILL to tm2 after %d of %d messages of the stream%n",
                    sentAtKill, stream.size());
            FLINK.startTaskManager("tm3");
            feeder.join();
            assertThat(sentAtKill)
                    .as("messages sent when tm2 was killed")
                    .isLessThan(stream.size());
        }
        await(
                "the job restarted on tm1 and tm3",
                Duration.ofSeconds(120),
                () -> FLINK.restarts(jobId) > restartsBefore && FLINK.allTasksRunning(jobId));
        awaitAllInKafka("every record in Kafka after the restart");
        awaitAllInPostgres("PostgreSQL caught up");

        assertThat(FLINK.taskManagers())
                .as("registered TaskManagers")
                .containsExactlyInAnyOrder("tm1", "tm3");
        assertThat(FLINK.taskManagersOf(jobId))
                .as("TaskManagers running the job")
                .containsExactlyInAnyOrder("tm1", "tm3");
        assertExactlyOnce();
        assertThat(LEDGER.copies()).as("new copies of earlier decisions sent").isEqualTo(40);
        String metrics = FLINK.prometheusScrape();
        Files.writeString(
                FLINK.home().resolve("prometheus.txt"),
                metrics); // for a look at what there is to watch
        assertThat(metrics)
                .as("the Prometheus reporter's metrics")
                .containsPattern(
                        "flink_jobmanager_job_numRestarts\\{[^}]*job_name=\"guiji_stream\"[^}]*\\} [1-9]")
                .contains("flink_jobmanager_job_lastCheckpointDuration")
                .contains("flink_taskmanager_job_task_operator_recordsAccepted");
        assertTheJobsRoleCannotDelete();
        assertThat(FLINK.logsContaining(JOB_PG_PASSWORD))
                .as("cluster logs that contain the job's PostgreSQL password")
                .isEmpty();
        System.out.printf("failover test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(2)
    void aSavepointUpgradeCarriesDedupLinksAndCoverageOverAndLosesNothing() throws Exception {
        long t0 = System.nanoTime();
        send(decisions(2000, 2200));
        awaitAllInKafka("a batch before the savepoint in Kafka");

        // Stop with a savepoint while records keep arriving; they wait in Kafka during the upgrade.
        String savepoint;
        Map<String, UnifiedRecord> atSavepoint;
        CoverageSnapshot coverageAtSavepoint;
        List<Message> stream = decisions(2200, 3000);
        try (Feeder feeder = new Feeder(stream, 150)) {
            await("the stream under way", Duration.ofSeconds(30), () -> feeder.sent() >= 100);
            String oldJob = jobId;
            long stop = System.nanoTime();
            savepoint = FLINK.stopWithSavepoint(oldJob);
            int sentAtStop = feeder.sent();
            assertThat(FLINK.jobStatus(oldJob)).isEqualTo("FINISHED");
            System.out.printf(
                    "stopped with savepoint %s in %.1f s, after %d of %d messages of the stream%n",
                    savepoint, (System.nanoTime() - stop) / 1e9, sentAtStop, stream.size());
            atSavepoint = finalsByDoc();
            coverageAtSavepoint = latestCoverage();
            feeder.join();
            assertThat(sentAtStop)
                    .as("messages sent when the job had stopped")
                    .isLessThan(stream.size());
        }
        assertThat(atSavepoint)
                .as("decisions in the savepoint's committed output")
                .hasSizeGreaterThan(200);

        // While the job is down: new copies of decisions that only the savepoint's state knows,
        // decisions
        // of the registered enterprise (known only from the registry topic, read long before), a
        // bad message.
        List<String> known = atSavepoint.keySet().stream().sorted().toList();
        List<String> seenBefore =
                IntStream.range(0, known.size())
                        .filter(i -> i % Math.max(2, known.size() / 30) == 1)
                        .mapToObj(known::get)
                        .toList();
        List<Message> downtime = new ArrayList<>();
        seenBefore.forEach(doc -> downtime.add(decision(docNumber(doc))));
        downtime.addAll(decisions(4000, 4040));
        downtime.add(malformed());
        send(downtime);

        // The upgrade path: the same jar (a new one in real life) resumed from the savepoint.
        jobId = FLINK.resume(savepoint, jobArgs);
        await(
                "the resumed job running",
                Duration.ofSeconds(120),
                () -> FLINK.allTasksRunning(jobId));
        JsonNode restored =
                FLINK.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        assertThat(restored.path("is_savepoint").asBoolean())
                .as("restored from a savepoint: " + restored)
                .isTrue();
        assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);
        send(decisions(4040, 4240));
        awaitAllInKafka("every record in Kafka after the resume");
        awaitAllInPostgres("PostgreSQL caught up");

        assertExactlyOnce();
        Map<String, UnifiedRecord> finals = finalsByDoc();
        // Dedup state carried over: each new copy merged into the record the savepoint held.
        assertThat(seenBefore).as("decisions re-sent after the savepoint").hasSizeGreaterThan(25);
        for (String doc : seenBefore) {
            UnifiedRecord before = atSavepoint.get(doc);
            UnifiedRecord after = finals.get(doc);
            assertThat(after.getRecordId()).as(doc).isEqualTo(before.getRecordId());
            assertThat(after.getVersion())
                    .as("version of " + doc)
                    .isGreaterThan(before.getVersion());
            assertThat(refs(after))
                    .as("sources of " + doc)
                    .containsAll(refs(before))
                    .hasSize(refs(before).size() + 1);
        }
        // Registry state carried over: decisions of the enterprise after the resume are linked by
        // name.
        List<UnifiedRecord> ofEnterprise =
                IntStream.range(4000, 4240)
                        .filter(n -> n % 4 == 0)
                        .mapToObj(n -> finals.get(docNo(n)))
                        .toList();
        assertThat(ofEnterprise)
                .hasSize(60)
                .allSatisfy(
                        u -> {
                            assertThat(u.getEnterpriseId())
                                    .as(u.getFields().getDocNo())
                                    .isEqualTo(ENTERPRISE_USCC);
                            assertThat(u.getLinkMethod()).isEqualTo(LinkMethod.NAME);
                        });
        // Coverage state carried over: the counts go on from the savepoint's, over everything ever
        // sent.
        CoverageTotals before = coverageAtSavepoint.getTotals();
        CoverageTotals expected = LEDGER.expectedTotals();
        // Received and rejected are counted at parsing, unified and linked after linking: a
        // snapshot
        // may show the first complete before the second, so wait for the whole set (or time out and
        // show it).
        List<Long> expectedCounts = counts(expected);
        try {
            await(
                    "coverage counting every record",
                    Duration.ofSeconds(60),
                    () -> counts(latestCoverage().getTotals()).equals(expectedCounts));
        } catch (AssertionError timedOut) {
            // fall through: the assertion below shows the counts it got
        }
        CoverageSnapshot coverage = latestCoverage();
        CoverageTotals totals = coverage.getTotals();
        assertThat(counts(totals))
                .as("coverage totals: received, accepted, rejected, duplicates, unified, linked")
                .containsExactlyElementsOf(expectedCounts);
        assertThat(coverage.getTotals().getReceived()).isGreaterThan(before.getReceived());
        assertThat(coverage.getTotals().getDuplicates()).isGreaterThan(before.getDuplicates());
        assertThat(coverage.getDeptCoverage())
                .as("SCJG01 of SCJG01 and ZJJ01 (catalogue state)")
                .isEqualTo(0.5);
        await(
                "coverage in PostgreSQL",
                Duration.ofSeconds(30),
                () ->
                        queryLong(
                                        "SELECT (snapshot->'totals'->>'received')::bigint FROM coverage_snapshot WHERE period = '2026'")
                                == expected.getReceived());
        JsonNode last =
                FLINK.get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        System.out.printf(
                "state after %d decisions: %d bytes (checkpointed incrementally: %d bytes)%n",
                LEDGER.refsByDoc().size(),
                last.path("state_size").asLong(),
                last.path("checkpointed_size").asLong());
        assertThat(FLINK.logsContaining(JOB_PG_PASSWORD))
                .as("cluster logs that contain the job's PostgreSQL password")
                .isEmpty();
        System.out.printf("savepoint test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static List<Long> counts(CoverageTotals t) {
        return List.of(
                t.getReceived(),
                t.getAccepted(),
                t.getRejected(),
                t.getDuplicates(),
                t.getUnified(),
                t.getLinked());
    }

    // ------------------------------------------------------------------ the proof

    /**
     * Every input in exactly one place, record by record, in Kafka (read_committed) and in
     * PostgreSQL.
     */
    private static void assertExactlyOnce() throws Exception {
        List<UnifiedRecord> states = committed(UNIFIED, UnifiedRecord.class);
        Map<String, List<Long>> versions = new TreeMap<>();
        states.forEach(
                u ->
                        versions.computeIfAbsent(u.getRecordId(), k -> new ArrayList<>())
                                .add(u.getVersion()));
        List<String> badVersions =
                versions.entrySet().stream()
                        .filter(
                                e ->
                                        !e.getValue()
                                                .equals(
                                                        LongStream.rangeClosed(
                                                                        1, e.getValue().size())
                                                                .boxed()
                                                                .toList()))
                        .map(e -> e.getKey() + " published versions " + e.getValue())
                        .toList();
        assertThat(badVersions)
                .as("records whose published versions are not 1..n, each once")
                .isEmpty();

        Map<String, List<UnifiedRecord>> kafka =
                finals(states).values().stream()
                        .collect(Collectors.groupingBy(u -> u.getFields().getDocNo()));
        Map<String, List<String>> expected = LEDGER.refsByDoc();
        assertThat(kafka.keySet())
                .as("decisions in the unified topic")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> wrong = new ArrayList<>();
        expected.forEach(
                (doc, refs) -> {
                    List<UnifiedRecord> records = kafka.get(doc);
                    if (records.size() != 1) {
                        wrong.add(doc + ": " + records.size() + " unified records");
                    } else if (!sorted(refs(records.get(0))).equals(sorted(refs))) {
                        wrong.add(
                                doc
                                        + ": sources "
                                        + sorted(refs(records.get(0)))
                                        + ", sent "
                                        + sorted(refs));
                    }
                });
        assertThat(wrong)
                .as("decisions not exactly once in Kafka with exactly their copies as sources")
                .isEmpty();
        assertThat(
                        committed(REJECTED, RejectedRecord.class).stream()
                                .map(r -> r.getFile() + "#" + r.getRow())
                                .toList())
                .as("rejected records in Kafka")
                .containsExactlyInAnyOrderElementsOf(LEDGER.malformed());

        Map<String, List<String[]>> rows = new HashMap<>();
        query(
                "SELECT doc_no, record_id, version FROM unified_record",
                rs ->
                        rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(
                                        new String[] {
                                            rs.getString(2), String.valueOf(rs.getLong(3))
                                        }));
        Map<String, List<String>> sources = new HashMap<>();
        query(
                "SELECT record_id, source_file || '#' || source_row FROM unified_record_source",
                rs ->
                        sources.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(rs.getString(2)));
        assertThat(rows.keySet())
                .as("decisions in PostgreSQL")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
                (doc, refs) -> {
                    List<String[]> r = rows.get(doc);
                    UnifiedRecord k = kafka.get(doc).get(0);
                    if (r.size() != 1) {
                        wrong.add(doc + ": " + r.size() + " rows");
                    } else if (!r.get(0)[0].equals(k.getRecordId())
                            || Long.parseLong(r.get(0)[1]) != k.getVersion()) {
                        wrong.add(
                                doc
                                        + ": row "
                                        + String.join(" v", r.get(0))
                                        + ", Kafka "
                                        + k.getRecordId()
                                        + " v"
                                        + k.getVersion());
                    } else if (!sorted(sources.getOrDefault(r.get(0)[0], List.of()))
                            .equals(sorted(refs))) {
                        wrong.add(
                                doc
                                        + ": source rows "
                                        + sorted(sources.get(r.get(0)[0]))
                                        + ", sent "
                                        + sorted(refs));
                    }
                });
        assertThat(wrong)
                .as(
                        "decisions not exactly one row in PostgreSQL, as in Kafka, with exactly their copies")
                .isEmpty();
        List<String> rejectedRows = new ArrayList<>();
        query(
                "SELECT source_file || '#' || source_row FROM rejected_record WHERE kind = 'record'",
                rs -> rejectedRows.add(rs.getString(1)));
        assertThat(rejectedRows)
                .as("rejected rows in PostgreSQL")
                .containsExactlyInAnyOrderElementsOf(LEDGER.malformed());
        System.out.printf(
                "exactly once: %d decisions from %d messages (%d copies, %d malformed)%n",
                expected.size(), LEDGER.messages(), LEDGER.copies(), LEDGER.malformed().size());
    }

    /** The job's login role has the grants of roles.sql only: it writes, but it cannot delete. */
    private static void assertTheJobsRoleCannotDelete() {
        Properties p = new Properties();
        p.setProperty("user", JOB_PG_ROLE);
        p.setProperty("password", JOB_PG_PASSWORD);
        assertThatThrownBy(
                        () -> {
                            try (Connection c = DriverManager.getConnection(PG.jdbcUrl(), p);
                                    Statement s = c.createStatement()) {
                                s.execute("DELETE FROM unified_record");
                            }
                        })
                .hasMessageContaining("permission denied");
    }

    private static void awaitAllInKafka(String what) throws InterruptedException {
        awaitSlowly(
                what,
                Duration.ofSeconds(150),
                () -> {
                    Map<String, UnifiedRecord> finals = finalsByDoc();
                    return LEDGER.refsByDoc().entrySet().stream()
                                    .allMatch(
                                            e ->
                                                    finals.containsKey(e.getKey())
                                                            && refs(finals.get(e.getKey()))
                                                                    .containsAll(e.getValue()))
                            && committed(REJECTED, RejectedRecord.class).size()
                                    >= LEDGER.malformed().size();
                });
    }

    private static void awaitAllInPostgres(String what) throws InterruptedException {
        awaitSlowly(
                what,
                Duration.ofSeconds(60),
                () -> {
                    Map<String, Long> kafka = new HashMap<>();
                    finals(committed(UNIFIED, UnifiedRecord.class))
                            .forEach((id, u) -> kafka.put(id, u.getVersion()));
                    Map<String, Long> pg = new HashMap<>();
                    query(
                            "SELECT record_id, version FROM unified_record",
                            rs -> pg.put(rs.getString(1), rs.getLong(2)));
                    return pg.equals(kafka)
                            && queryLong("SELECT count(*) FROM unified_record_source")
                                    >= LEDGER.messages() - LEDGER.malformed().size()
                            && queryLong("SELECT count(*) FROM rejected_record")
                                    >= LEDGER.malformed().size();
                });
    }

    /** Polls once a second: each poll reads whole topics. */
    private static void awaitSlowly(String what, Duration timeout, BooleanSupplier done)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError(
                        "timed out after "
                                + timeout.toSeconds()
                                + " s waiting for "
                                + what
                                + " (job "
                                + jobId
                                + ": "
                                + FLINK.jobStatus(jobId)
                                + ", restarts "
                                + FLINK.restarts(jobId)
                                + ")");
            }
            Thread.sleep(1000);
        }
        System.out.printf("%s: %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------ input

    /** One Kafka message of the penalty topic; {@code docNo} null for a malformed one. */
    record Message(int partition, String value, String docNo, boolean ofEnterprise) {}

    private static String docNo(int n) {
        return "朝市监罚〔2026〕" + n + "号";
    }

    private static int docNumber(String docNo) {
        return Integer.parseInt(docNo.substring("朝市监罚〔2026〕".length(), docNo.length() - 1));
    }

    /** Decision n: every fourth names the registered enterprise, the others a shop of their own. */
    private static Message decision(int n) {
        boolean ofEnterprise = n % 4 == 0;
        String subject = ofEnterprise ? ENTERPRISE : "朝阳市测试" + n + "商店";
        String json =
                String.format(
                        "{\"行政相对人名称\":\"%s\",\"行政处罚决定书文号\":\"%s\",\"处罚决定日期\":\"2026-0%d-1%d\","
                                + "\"罚款金额（万元）\":%d.5,\"处罚机关\":\"朝阳市市场监督管理局\"}",
                        subject, docNo(n), 1 + n % 9, n % 10, n % 50);
        return new Message(n % 2, json, docNo(n), ofEnterprise);
    }

    private static List<Message> decisions(int from, int to) {
        return IntStream.range(from, to).mapToObj(GuijiClusterITCase::decision).toList();
    }

    private static Message malformed() {
        return new Message(0, "{\"行政相对人名称\":\"朝阳市断行商店\",\"行政处罚决定书文号\":", null, false);
    }

    private static void send(List<Message> messages) throws Exception {
        try (KafkaProducer<String, String> producer = KAFKA.createProducer(Map.of())) {
            sendBatch(producer, messages);
        }
    }

    private static void sendBatch(KafkaProducer<String, String> producer, List<Message> messages)
            throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Message m : messages) {
            acks.add(
                    producer.send(new ProducerRecord<>(PENALTIES, m.partition(), null, m.value())));
        }
        producer.flush();
        for (int i = 0; i < messages.size(); i++) {
            RecordMetadata md = acks.get(i).get();
            LEDGER.sent(
                    messages.get(i),
                    "kafka:" + md.topic() + "/" + md.partition() + "#" + md.offset());
        }
    }

    /**
     * Sends messages in the background at a steady rate, in ticks of 50 ms, as a department's feed
     * would.
     */
    private static final class Feeder implements AutoCloseable {
        private final AtomicInteger sent = new AtomicInteger();
        private final Thread thread;
        private volatile Throwable failure;

        Feeder(List<Message> messages, int perSecond) {
            int perTick = Math.max(1, perSecond / 20);
            thread =
                    new Thread(
                            () -> {
                                try (KafkaProducer<String, String> producer =
                                        KAFKA.createProducer(Map.of())) {
                                    for (int i = 0; i < messages.size(); i += perTick) {
                                        long tick = System.nanoTime();
                                        List<Message> batch =
                                                messages.subList(
                                                        i, Math.min(messages.size(), i + perTick));
                                        sendBatch(producer, batch);
                                        sent.addAndGet(batch.size());
                                        Thread.sleep(
                                                Math.max(
                                                        0,
                                                        50
                                                                - (System.nanoTime() - tick)
                                                                        / 1_000_000));
                                    }
                                } catch (Throwable t) {
                                    failure = t;
                                }
                            },
                            "feeder");
            thread.start();
        }

        int sent() {
            if (failure != null) {
                throw new AssertionError("the feeder failed", failure);
            }
            return sent.get();
        }

        void join() throws InterruptedException {
            thread.join(Duration.ofSeconds(120).toMillis());
            assertThat(thread.isAlive()).as("feeder still sending after 120 s").isFalse();
            sent();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    /** Everything sent so far, and where it must end up. */
    private static final class Ledger {
        private final Map<String, List<String>> refsByDoc = new TreeMap<>();
        private final List<String> malformed = new ArrayList<>();
        private final Map<String, Boolean> ofEnterprise = new HashMap<>();
        private long messages;

        synchronized void sent(Message m, String ref) {
            messages++;
            if (m.docNo() == null) {
                malformed.add(ref);
            } else {
                refsByDoc.computeIfAbsent(m.docNo(), k -> new ArrayList<>()).add(ref);
                ofEnterprise.put(m.docNo(), m.ofEnterprise());
            }
        }

        synchronized Map<String, List<String>> refsByDoc() {
            Map<String, List<String>> copy = new TreeMap<>();
            refsByDoc.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return copy;
        }

        synchronized List<String> malformed() {
            return List.copyOf(malformed);
        }

        synchronized long messages() {
            return messages;
        }

        /** Copies beyond the first of a decision. */
        synchronized long copies() {
            return refsByDoc.values().stream().mapToLong(r -> r.size() - 1).sum();
        }

        /** The coverage totals that everything sent must give (docs/contract.md §8). */
        synchronized CoverageTotals expectedTotals() {
            long valid = messages - malformed.size();
            long linked = ofEnterprise.values().stream().filter(b -> b).count();
            return CoverageTotals.newBuilder()
                    .setReceived(messages)
                    .setAccepted(valid)
                    .setRejected(malformed.size())
                    .setDuplicates(copies())
                    .setUnified(refsByDoc.size())
                    .setNonPerson(0)
                    .setLinked(linked)
                    .setRejectedByReason(Map.of())
                    .build();
        }
    }

    // ------------------------------------------------------------------ output

    private static <T extends SpecificRecord> List<T> committed(String topic, Class<T> type) {
        AvroBinary<T> avro = new AvroBinary<>(type);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KAFKA.readCommitted(
                        topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            out.add(avro.decode(r.value()));
        }
        return out;
    }

    /** The latest (highest version) state of each record_id. */
    private static Map<String, UnifiedRecord> finals(List<UnifiedRecord> states) {
        Map<String, UnifiedRecord> last = new HashMap<>();
        states.forEach(
                u ->
                        last.merge(
                                u.getRecordId(),
                                u,
                                (a, b) -> a.getVersion() >= b.getVersion() ? a : b));
        return last;
    }

    /**
     * The latest state of each decision, by doc_no (a doc_no in two records fails the exactly-once
     * proof instead).
     */
    private static Map<String, UnifiedRecord> finalsByDoc() {
        Map<String, UnifiedRecord> byDoc = new HashMap<>();
        finals(committed(UNIFIED, UnifiedRecord.class))
                .values()
                .forEach(u -> byDoc.put(u.getFields().getDocNo(), u));
        return byDoc;
    }

    private static CoverageSnapshot latestCoverage() {
        List<CoverageSnapshot> all = committed(COVERAGE, CoverageSnapshot.class);
        assertThat(all).as("coverage snapshots").isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static List<String> refs(UnifiedRecord u) {
        return u.getSources().stream()
                .map((SourceRef s) -> s.getFile() + "#" + s.getRow())
                .toList();
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted(Comparator.naturalOrder()).toList();
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, RowHandler handler) {
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e, e);
        }
    }

    private static long queryLong(String sql) {
        long[] v = {-1};
        query(sql, rs -> v[0] = rs.getLong(1));
        return v[0];
    }

    private static Path repository(String path) {
        return Path.of(System.getProperty("guiji.repository", "../..")).resolve(path);
    }
}
