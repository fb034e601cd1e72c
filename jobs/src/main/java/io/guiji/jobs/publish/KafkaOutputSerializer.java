package io.guiji.jobs.publish;

import io.guiji.schemas.internal.KafkaOutput;
import io.guiji.schemas.internal.KafkaOutputHeader;
import java.nio.ByteBuffer;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one Kafka sink's serializer: an encoded output ({@link KafkaOutputEncodeFunction}) back into
 * the message it stands for, on its own topic; the partition is left to the producer (by key), as
 * each output's own sink left it.
 */
final class KafkaOutputSerializer implements KafkaRecordSerializationSchema<KafkaOutput> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            KafkaOutput out, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        for (KafkaOutputHeader h : out.getHeaders()) {
            headers.add(h.getName(), bytes(h.getValue()));
        }
        return new ProducerRecord<>(
                out.getTopic(), null, null, bytes(out.getKey()), bytes(out.getValue()), headers);
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        if (b.hasArray()
                && b.arrayOffset() == 0
                && b.position() == 0
                && b.remaining() == b.array().length) {
            return b.array();
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
