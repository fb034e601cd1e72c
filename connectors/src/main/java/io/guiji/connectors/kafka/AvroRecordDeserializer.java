package io.guiji.connectors.kafka;

import io.guiji.connectors.avro.AvroTypes;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads guiji's own Avro output topics back ({@link AvroRecordSerializer}'s format), e.g. to feed
 * PostgreSQL from what Kafka committed. Tombstones are skipped; bytes that do not decode fail the
 * job, since guiji itself wrote them (this is not for departmental input: see {@link KafkaBytes}).
 * Its records are {@link AvroTypes#readOnly}: whatever reads them must not change them.
 */
public final class AvroRecordDeserializer<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient AvroBinary<T> avro;

    public AvroRecordDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        avro = new AvroBinary<>(type);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
            throws IOException {
        if (record.value() == null) {
            return;
        }
        if (avro == null) {
            avro = new AvroBinary<>(type);
        }
        out.collect(avro.decodeValue(record));
    }

    @Override
    public TypeInformation<T> getProducedType() {
        // Each record is a new object that the feeds only read: no copy for the JDBC sinks.
        return AvroTypes.readOnly(type);
    }
}
