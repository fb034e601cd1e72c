package io.guiji.connectors.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes every Kafka record on as {@link KafkaBytes}; never fails, never drops (tombstones
 * included).
 */
public final class KafkaBytesDeserializer implements KafkaRecordDeserializationSchema<KafkaBytes> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaBytes> out) {
        out.collect(
                new KafkaBytes(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key(),
                        record.value()));
    }

    @Override
    public TypeInformation<KafkaBytes> getProducedType() {
        return TypeInformation.of(KafkaBytes.class);
    }
}
