package io.guiji.connectors.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes {@code schemas/} records to one topic as plain Avro binary ({@link AvroBinary}), keyed by
 * a field (UTF-8), with two headers that let a consumer check what it reads without a schema
 * registry: {@code avro.schema} (the record's full name) and {@code avro.fingerprint} (CRC-64-AVRO
 * of the writer schema, hex).
 *
 * <p>A record is encoded once, here. The encoding is not expected to fail: the operator before each
 * sink checks what it emits with {@link AvroGuard} and dead-letters or repairs what the encoder
 * would refuse (a sink has no dead letter of its own), so a failure here would be a fault of the
 * job, not of a record.
 */
public final class AvroRecordSerializer<T extends SpecificRecord>
        implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    public static final String SCHEMA_HEADER = "avro.schema";
    public static final String FINGERPRINT_HEADER = "avro.fingerprint";

    private final String topic;
    private final Class<T> type;
    private final SerializableFunction<T, String> key;
    private transient AvroBinary<T> avro;
    private transient byte[] schemaName;
    private transient byte[] fingerprint;

    /** {@code key} may be null for records without a key (they spread over partitions). */
    public AvroRecordSerializer(String topic, Class<T> type, SerializableFunction<T, String> key) {
        this.topic = topic;
        this.type = type;
        this.key = key;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        avro = new AvroBinary<>(type);
        schemaName = avro.schema().getFullName().getBytes(StandardCharsets.UTF_8);
        fingerprint = avro.fingerprintHex().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        if (avro == null) {
            open(null, context);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(SCHEMA_HEADER, schemaName);
        headers.add(FINGERPRINT_HEADER, fingerprint);
        String k = key == null ? null : key.apply(element);
        return new ProducerRecord<>(
                topic,
                null,
                null,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                avro.encode(element),
                headers);
    }
}
