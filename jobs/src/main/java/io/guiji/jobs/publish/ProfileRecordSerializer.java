package io.guiji.jobs.publish;

import io.guiji.connectors.kafka.AvroRecordSerializer;
import io.guiji.schemas.EnterpriseProfile;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Enterprise profiles on their compacted topic, keyed by {@code enterprise_id}, as {@link
 * AvroRecordSerializer} writes them; a profile with no record left ({@code record_count} 0: its
 * last record was revoked or re-linked elsewhere) becomes a tombstone — the key with no value — so
 * that compaction drops the enterprise and consumers delete it (docs/contract.md §9). The tombstone
 * keeps the {@code avro.schema} headers, so a consumer still knows what the topic holds.
 */
public final class ProfileRecordSerializer
        implements KafkaRecordSerializationSchema<EnterpriseProfile> {
    private static final long serialVersionUID = 1L;

    private final AvroRecordSerializer<EnterpriseProfile> avro;

    public ProfileRecordSerializer(String topic) {
        this.avro =
                new AvroRecordSerializer<>(
                        topic, EnterpriseProfile.class, EnterpriseProfile::getEnterpriseId);
    }

    /** Whether {@code p} retracts its enterprise's profile rather than states it. */
    public static boolean isRetraction(EnterpriseProfile p) {
        return p.getRecordCount() == 0;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
            throws Exception {
        avro.open(context, sinkContext);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            EnterpriseProfile profile, KafkaSinkContext context, Long timestamp) {
        ProducerRecord<byte[], byte[]> r = avro.serialize(profile, context, timestamp);
        if (!isRetraction(profile)) {
            return r;
        }
        return new ProducerRecord<>(
                r.topic(), r.partition(), r.timestamp(), r.key(), null, r.headers());
    }
}
