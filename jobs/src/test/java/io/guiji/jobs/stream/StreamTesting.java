package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import io.guiji.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Shared pieces of the streaming ITCases: configuration, topics, producing with offsets, reading
 * outputs.
 */
final class StreamTesting {
    private StreamTesting() {}

    static final String PROCESSING_DATE = "2026-11-25";

    /** Output topic names of one test (a suffix keeps tests in one broker apart). */
    record Topics(
            String unified,
            String rejected,
            String referenceRejected,
            String coverage,
            String linkChanges,
            String reviewDecisions,
            String enterprises,
            String leads) {
        static Topics of(String suffix) {
            return new Topics(
                    "out.unified." + suffix,
                    "out.rejected." + suffix,
                    "out.reference-rejected." + suffix,
                    "out.coverage." + suffix,
                    "out.link-changes." + suffix,
                    "in.review-decisions." + suffix,
                    "out.enterprises." + suffix,
                    "out.leads." + suffix);
        }

        void create(KafkaBrokerExtension kafka) {
            kafka.createTopic(unified, 2, Map.of("cleanup.policy", "compact"));
            kafka.createTopic(rejected, 2);
            kafka.createTopic(referenceRejected, 1);
            kafka.createTopic(coverage, 1);
            kafka.createTopic(linkChanges, 1);
            kafka.createTopic(reviewDecisions, 1, Map.of("retention.ms", "-1"));
            kafka.createTopic(enterprises, 2, Map.of("cleanup.policy", "compact"));
            kafka.createTopic(leads, 2, Map.of("cleanup.policy", "compact"));
        }
    }

    /**
     * The embedded cluster every streaming ITCase runs its job on: one TaskManager with two slots,
     * for the job's parallelism 2. Register it with an {@code @Order} after the broker's and the
     * database's: JUnit closes extensions in the reverse order, and without one it stopped the
     * broker first (fields are ordered by their names' hashes), so that each Kafka writer of a job
     * still cancelling waited a minute for the broker to abort its transaction.
     */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    static Map<String, String> baseConfig(
            KafkaBrokerExtension kafka, Topics topics, String suffix) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        c.put(GuijiOptions.KAFKA_GROUP_ID.key(), "guiji-" + suffix);
        c.put(GuijiOptions.KAFKA_TRANSACTIONAL_ID_PREFIX.key(), "guiji-" + suffix);
        c.put(GuijiOptions.TOPIC_UNIFIED.key(), topics.unified());
        c.put(GuijiOptions.TOPIC_REJECTED.key(), topics.rejected());
        c.put(GuijiOptions.TOPIC_REFERENCE_REJECTED.key(), topics.referenceRejected());
        c.put(GuijiOptions.TOPIC_COVERAGE.key(), topics.coverage());
        c.put(GuijiOptions.TOPIC_LINK_CHANGES.key(), topics.linkChanges());
        c.put(GuijiOptions.TOPIC_REVIEW_DECISIONS.key(), topics.reviewDecisions());
        c.put(GuijiOptions.TOPIC_ENTERPRISES.key(), topics.enterprises());
        c.put(GuijiOptions.TOPIC_LEADS.key(), topics.leads());
        c.put(GuijiOptions.PARALLELISM.key(), "2");
        c.put(GuijiOptions.PROCESSING_DATE.key(), PROCESSING_DATE);
        c.put(GuijiOptions.CHECKPOINT_INTERVAL.key(), "1 s");
        c.put(GuijiOptions.COVERAGE_INTERVAL.key(), "500 ms");
        c.put(GuijiOptions.RESTART_ATTEMPTS.key(), "3");
        c.put(GuijiOptions.RESTART_DELAY.key(), "500 ms");
        c.put("pipeline.generic-types", "false"); // no Kryo anywhere in the job
        return c;
    }

    static void postgres(Map<String, String> c, PostgresExtension pg) {
        c.put(GuijiOptions.POSTGRES_URL.key(), pg.jdbcUrl());
        c.put(GuijiOptions.POSTGRES_USER.key(), pg.user());
        c.put(GuijiOptions.POSTGRES_PASSWORD_ENV.key(), PostgresExtension.PASSWORD_ENV);
        c.put(GuijiOptions.POSTGRES_BATCH_INTERVAL.key(), "200 ms");
    }

    static StreamConfig config(Map<String, String> c) {
        return StreamConfig.from(Configuration.fromMap(c));
    }

    /** Creates guiji's tables from deploy/postgres/schema.sql, as an operator would. */
    static void createTables(PostgresExtension pg) throws Exception {
        Path schema = Path.of("..", "deploy", "postgres", "schema.sql");
        String sql = Files.readString(schema, StandardCharsets.UTF_8);
        try (Connection c = pg.connection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Sends values to explicit partitions and returns each one's source reference, {@code
     * kafka:<topic>/<p>#<offset>}.
     */
    static List<String> produce(
            KafkaBrokerExtension kafka, List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> p =
                kafka.createProducer(Map.of(), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                acks.add(p.send(r));
            }
            p.flush();
        }
        List<String> refs = new ArrayList<>();
        for (Future<RecordMetadata> f : acks) {
            RecordMetadata m = f.get();
            refs.add("kafka:" + m.topic() + "/" + m.partition() + "#" + m.offset());
        }
        return refs;
    }

    static ProducerRecord<String, byte[]> json(String topic, int partition, String json) {
        return new ProducerRecord<>(topic, partition, null, json.getBytes(StandardCharsets.UTF_8));
    }

    static ProducerRecord<String, byte[]> bytes(String topic, int partition, byte[] value) {
        return new ProducerRecord<>(topic, partition, null, value);
    }

    /** What read_committed consumers see now, decoded. */
    static <T extends SpecificRecord> List<T> committed(
            KafkaBrokerExtension kafka, String topic, Class<T> type) {
        AvroBinary<T> avro = new AvroBinary<>(type);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                kafka.readCommitted(
                        topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            out.add(avro.decode(r.value()));
        }
        return out;
    }

    /**
     * The latest message of each enterprise on a committed profile topic: its profile, or null
     * after a tombstone (its last record left).
     */
    static Map<String, io.guiji.schemas.EnterpriseProfile> latestProfiles(
            KafkaBrokerExtension kafka, String topic) {
        AvroBinary<io.guiji.schemas.EnterpriseProfile> avro =
                new AvroBinary<>(io.guiji.schemas.EnterpriseProfile.class);
        Map<String, io.guiji.schemas.EnterpriseProfile> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                kafka.readCommitted(
                        topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            io.guiji.schemas.EnterpriseProfile p =
                    r.value() == null ? null : avro.decode(r.value());
            if (p != null) {
                assertThat(p.getEnterpriseId()).as("key of a profile").isEqualTo(key);
                assertThat(p.getRecordCount()).as("an empty profile is a tombstone").isPositive();
            }
            latest.put(key, p);
        }
        return latest;
    }

    /** The highest version of each record_id. */
    static Map<String, UnifiedRecord> finalStates(List<UnifiedRecord> states) {
        Map<String, UnifiedRecord> last = new HashMap<>();
        for (UnifiedRecord u : states) {
            last.merge(u.getRecordId(), u, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
        }
        return last;
    }

    static String ref(SourceRef s) {
        return s.getFile() + "#" + s.getRow();
    }

    static String ref(RejectedRecord r) {
        return r.getFile() + "#" + r.getRow();
    }

    /**
     * Every input reference in the final unified states and the rejected records, with how often it
     * appears.
     */
    static Map<String, Integer> places(
            Map<String, UnifiedRecord> finals, List<RejectedRecord> rejected) {
        Map<String, Integer> places = new HashMap<>();
        for (UnifiedRecord u : finals.values()) {
            for (SourceRef s : u.getSources()) {
                places.merge(ref(s), 1, Integer::sum);
            }
        }
        for (RejectedRecord r : rejected) {
            places.merge(ref(r), 1, Integer::sum);
        }
        return places;
    }

    static void await(String what, Duration timeout, BooleanSupplier done)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(250);
        }
        System.out.printf("%s: %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }

    static void assertExactlyOnce(Map<String, Integer> places, List<String> inputs) {
        assertThat(places.keySet())
                .as("every input in some output, and nothing else")
                .containsExactlyInAnyOrderElementsOf(inputs);
        assertThat(places.entrySet().stream().filter(e -> e.getValue() != 1).toList())
                .as("inputs in more than one place")
                .isEmpty();
    }

    // ------------------------------------------------------------------ outage and resume tests

    /**
     * A company in the registry topic of the outage and resume tests; records naming it link to
     * {@link #REGISTERED_USCC}.
     */
    static final String REGISTERED_NAME = "朝阳市某某商贸有限公司";

    static final String REGISTERED_USCC = "91110000600037341L";

    static ProducerRecord<String, byte[]> registryEntry(String topic) {
        return json(
                topic,
                0,
                "{\"统一社会信用代码\":\""
                        + REGISTERED_USCC
                        + "\",\"企业名称\":\""
                        + REGISTERED_NAME
                        + "\",\"行政区划代码\":\"211302\"}");
    }

    /**
     * One batch of penalty messages over two partitions: {@code n} distinct decisions, every third
     * naming {@link #REGISTERED_NAME}, every tenth a re-send of the one before (a second copy), and
     * one broken JSON message (MALFORMED).
     */
    static List<ProducerRecord<String, byte[]>> penalties(String topic, String batch, int n) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int d = i % 10 == 9 ? i - 1 : i;
            String subject = d % 3 == 0 ? REGISTERED_NAME : "朝阳市停电" + batch + "-" + d + "商店";
            records.add(
                    json(
                            topic,
                            i % 2,
                            String.format(
                                    "{\"行政相对人名称\":\"%s\",\"行政处罚决定书文号\":\"朝市监罚[2026]%s-%d号\","
                                            + "\"处罚决定日期\":\"2026-0%d-1%d\",\"罚款金额（万元）\":%d.5,\"处罚机关\":\"朝阳市市场监督管理局\"}",
                                    subject, batch, d, 1 + d % 9, d % 10, d)));
        }
        records.add(json(topic, 1, "{\"行政相对人名称\":\"朝阳市断行商店\",\"行政处罚决定书文号\":"));
        return records;
    }

    /**
     * A source of PostgreSQL connections: the shared server's test database or a private server.
     */
    interface Db {
        Connection connect() throws java.sql.SQLException;
    }

    static void createTables(Db db) throws Exception {
        String sql =
                Files.readString(
                        Path.of("..", "deploy", "postgres", "schema.sql"), StandardCharsets.UTF_8);
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every input reference in the committed Kafka outputs, with how often it appears. */
    static Map<String, Integer> kafkaPlaces(KafkaBrokerExtension kafka, Topics out) {
        return places(
                finalStates(committed(kafka, out.unified(), UnifiedRecord.class)),
                committed(kafka, out.rejected(), RejectedRecord.class));
    }

    /** The version of each record in {@code unified_record}. */
    static Map<String, Long> pgVersions(Db db) {
        Map<String, Long> v = new HashMap<>();
        query(
                db,
                "SELECT record_id, version FROM unified_record",
                rs -> v.put(rs.getString(1), rs.getLong(2)));
        return v;
    }

    /**
     * Every input reference among the sources and the rejected records in PostgreSQL, with how
     * often it appears.
     */
    static Map<String, Integer> pgPlaces(Db db) {
        Map<String, Integer> places = new HashMap<>();
        query(
                db,
                "SELECT source_file || '#' || source_row FROM unified_record_source"
                        + " UNION ALL SELECT source_file || '#' || source_row FROM rejected_record WHERE kind = 'record'",
                rs -> places.merge(rs.getString(1), 1, Integer::sum));
        return places;
    }

    interface RowHandler {
        void accept(java.sql.ResultSet rs) throws Exception;
    }

    static void query(Db db, String sql, RowHandler handler) {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        } catch (Exception e) {
            throw new AssertionError(sql + ": " + e, e);
        }
    }

    /**
     * The outcome every outage test asserts, once Kafka and PostgreSQL have caught up: each input
     * in exactly one place in Kafka (read_committed) and in PostgreSQL; each record's versions in
     * Kafka are 1..n, none twice (so no (record_id, version) is doubled); PostgreSQL holds each
     * record's final version; every record that names the registered company is linked to it, in
     * Kafka and PostgreSQL.
     */
    static void assertCaughtUpExactly(
            KafkaBrokerExtension kafka, Topics out, Db db, List<String> inputs, Duration timeout)
            throws InterruptedException {
        await(
                "every input in the Kafka outputs",
                timeout,
                () -> kafkaPlaces(kafka, out).keySet().containsAll(inputs));
        List<UnifiedRecord> states = committed(kafka, out.unified(), UnifiedRecord.class);
        Map<String, UnifiedRecord> finals = finalStates(states);
        assertExactlyOnce(
                places(finals, committed(kafka, out.rejected(), RejectedRecord.class)), inputs);
        Map<String, List<Long>> versions = new java.util.TreeMap<>();
        states.forEach(
                u ->
                        versions.computeIfAbsent(u.getRecordId(), k -> new ArrayList<>())
                                .add(u.getVersion()));
        versions.forEach(
                (id, v) ->
                        assertThat(v)
                                .as("versions of " + id + " in Kafka")
                                .containsExactlyElementsOf(
                                        java.util.stream.LongStream.rangeClosed(1, v.size())
                                                .boxed()
                                                .toList()));
        List<UnifiedRecord> registered =
                finals.values().stream()
                        .filter(u -> REGISTERED_NAME.equals(u.getFields().getSubjectName()))
                        .toList();
        assertThat(registered).as("records naming the registered company").isNotEmpty();
        assertThat(registered)
                .extracting(UnifiedRecord::getEnterpriseId)
                .as("their links")
                .containsOnly(REGISTERED_USCC);

        Map<String, Long> kafkaVersions = new HashMap<>();
        finals.forEach((id, u) -> kafkaVersions.put(id, u.getVersion()));
        try {
            await(
                    "PostgreSQL to catch up with Kafka",
                    timeout,
                    () ->
                            pgVersions(db).equals(kafkaVersions)
                                    && pgPlaces(db).keySet().containsAll(inputs));
        } catch (AssertionError e) {
            Map<String, Long> pg = pgVersions(db);
            Map<String, String> diff = new java.util.TreeMap<>();
            kafkaVersions.forEach(
                    (id, v) -> {
                        if (!v.equals(pg.get(id))) {
                            diff.put(
                                    id,
                                    "kafka v"
                                            + v
                                            + ", pg "
                                            + (pg.containsKey(id) ? "v" + pg.get(id) : "none"));
                        }
                    });
            pg.keySet().stream()
                    .filter(id -> !kafkaVersions.containsKey(id))
                    .forEach(id -> diff.put(id, "only in pg"));
            List<String> missing =
                    inputs.stream().filter(i -> !pgPlaces(db).containsKey(i)).toList();
            throw new AssertionError(
                    e.getMessage()
                            + ": records differing "
                            + diff
                            + "; inputs missing in PostgreSQL "
                            + missing,
                    e);
        }
        assertExactlyOnce(pgPlaces(db), inputs);
        Map<String, String> pgLinks = new HashMap<>();
        query(
                db,
                "SELECT record_id, enterprise_id FROM unified_record WHERE subject_name = '"
                        + REGISTERED_NAME
                        + "'",
                rs -> pgLinks.put(rs.getString(1), rs.getString(2)));
        assertThat(pgLinks).hasSize(registered.size());
        assertThat(pgLinks.values()).containsOnly(REGISTERED_USCC);
    }

    /**
     * The {@code numRestarts} metric of a job, over the mini-cluster's REST API (refreshed every
     * few seconds).
     */
    static long numRestarts(
            Configuration clientConfiguration, org.apache.flink.api.common.JobID job)
            throws Exception {
        String body = rest(clientConfiguration, "/jobs/" + job + "/metrics?get=numRestarts");
        com.fasterxml.jackson.databind.JsonNode n =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        return n.isArray() && !n.isEmpty() ? Long.parseLong(n.get(0).get("value").asText()) : -1;
    }

    /**
     * The failures of a job as the REST API lists them ({@code /jobs/<id>/exceptions}): task and
     * exception, one per line.
     */
    static List<String> failures(
            Configuration clientConfiguration, org.apache.flink.api.common.JobID job)
            throws Exception {
        com.fasterxml.jackson.databind.JsonNode n =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                rest(
                                        clientConfiguration,
                                        "/jobs/" + job + "/exceptions?maxExceptions=100"));
        List<String> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode e :
                n.path("exceptionHistory").path("entries")) {
            out.add(e.path("taskName").asText("(job)") + ": " + e.path("exceptionName").asText());
        }
        return out;
    }

    /**
     * The vertices of a running job that have finished: none may, in a streaming job (see {@code
     * EmptySource}).
     */
    static List<String> finishedVertices(
            Configuration clientConfiguration, org.apache.flink.api.common.JobID job)
            throws Exception {
        List<String> finished = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode v :
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(rest(clientConfiguration, "/jobs/" + job))
                        .path("vertices")) {
            if (v.path("tasks").path("FINISHED").asInt() > 0) {
                finished.add(v.path("name").asText());
            }
        }
        return finished;
    }

    private static String rest(Configuration clientConfiguration, String path) throws Exception {
        String host = clientConfiguration.get(org.apache.flink.configuration.RestOptions.ADDRESS);
        int port = clientConfiguration.get(org.apache.flink.configuration.RestOptions.PORT);
        java.net.http.HttpResponse<String> r =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        "http://" + host + ":" + port + path))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
