package io.guiji.jobs.ingest.kafka;

import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;

/**
 * The one place the jobs build a Kafka source: every topic they read (departmental records, the
 * registry and catalogue, and the committed outputs that feed PostgreSQL) is read the same way.
 */
public final class KafkaSources {
    private KafkaSources() {}

    /**
     * A read_committed source of {@code topics}: upstream producers may write in transactions, and
     * what they aborted must never be read. {@code start} applies only without restored state (a
     * restore continues from its offsets). Client ids start with {@code <groupId>-<client>}.
     *
     * @param properties extra client settings (security, …), applied first
     */
    public static <T> KafkaSourceBuilder<T> readCommitted(
            Properties properties,
            String bootstrapServers,
            List<String> topics,
            String groupId,
            String client,
            KafkaRecordDeserializationSchema<T> deserializer,
            OffsetsInitializer start) {
        return KafkaSource.<T>builder()
                .setProperties(properties)
                .setBootstrapServers(bootstrapServers)
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(start)
                .setDeserializer(deserializer)
                .setProperty("isolation.level", "read_committed")
                .setProperty("client.id.prefix", groupId + "-" + client);
    }
}
