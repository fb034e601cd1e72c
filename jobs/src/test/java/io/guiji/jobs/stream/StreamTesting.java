package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.testing.KafkaBrokerExtension;
import io.guiji.connectors.testing.PostgresExtension;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Shared pieces of the streaming ITCases: configuration, topics, producing with offsets, reading outputs. */
final class StreamTesting {
    private StreamTesting() {}

    static final String PROCESSING_DATE = "2026-11-25";

    /** Output topic names of one test (a suffix keeps tests in one broker apart). */
    record Topics(String unified, String rejected, String referenceRejected, String coverage, String linkChanges) {
        static Topics of(String suffix) {
            return new Topics("out.unified." + suffix, "out.rejected." + suffix, "out.reference-rejected." + suffix,
                    "out.coverage." + suffix, "out.link-changes." + suffix);
        }

        void create(KafkaBrokerExtension kafka) {
            kafka.createTopic(unified, 2, Map.of("cleanup.policy", "compact"));
            kafka.createTopic(rejected, 2);
            kafka.createTopic(referenceRejected, 1);
            kafka.createTopic(coverage, 1);
            kafka.createTopic(linkChanges, 1);
        }
    }

    /** The settings every streaming test shares: fast checkpoints and snapshots, parallelism 2. */
    static Map<String, String> baseConfig(KafkaBrokerExtension kafka, Topics topics, String suffix) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        c.put(GuijiOptions.KAFKA_GROUP_ID.key(), "guiji-" + suffix);
        c.put(GuijiOptions.KAFKA_TRANSACTIONAL_ID_PREFIX.key(), "guiji-" + suffix);
        c.put(GuijiOptions.TOPIC_UNIFIED.key(), topics.unified());
        c.put(GuijiOptions.TOPIC_REJECTED.key(), topics.rejected());
        c.put(GuijiOptions.TOPIC_REFERENCE_REJECTED.key(), topics.referenceRejected());
        c.put(GuijiOptions.TOPIC_COVERAGE.key(), topics.coverage());
        c.put(GuijiOptions.TOPIC_LINK_CHANGES.key(), topics.linkChanges());
        c.put(GuijiOptions.PARALLELISM.key(), "2");
        c.put(GuijiOptions.PROCESSING_DATE.key(), PROCESSING_DATE);
        c.put(GuijiOptions.CHECKPOINT_INTERVAL.key(), "1 s");
        c.put(GuijiOptions.COVERAGE_INTERVAL.key(), "500 ms");
        c.put(GuijiOptions.RESTART_ATTEMPTS.key(), "3");
        c.put(GuijiOptions.RESTART_DELAY.key(), "500 ms");
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
        try (Connection c = pg.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Sends values to explicit partitions and returns each one's source reference, {@code kafka:<topic>/<p>#<offset>}. */
    static List<String> produce(KafkaBrokerExtension kafka, List<ProducerRecord<String, byte[]>> records) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> p = kafka.createProducer(Map.of(), new StringSerializer(), new ByteArraySerializer())) {
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
    static <T extends SpecificRecord> List<T> committed(KafkaBrokerExtension kafka, String topic, Class<T> type) {
        AvroBinary<T> avro = new AvroBinary<>(type);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readCommitted(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            out.add(avro.decode(r.value()));
        }
        return out;
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

    /** Every input reference in the final unified states and the rejected records, with how often it appears. */
    static Map<String, Integer> places(Map<String, UnifiedRecord> finals, List<RejectedRecord> rejected) {
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

    static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
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
        assertThat(places.keySet()).as("every input in some output, and nothing else").containsExactlyInAnyOrderElementsOf(inputs);
        assertThat(places.entrySet().stream().filter(e -> e.getValue() != 1).toList()).as("inputs in more than one place").isEmpty();
    }
}
