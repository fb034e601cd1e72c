package io.guiji.jobs.publish;

import io.guiji.schemas.internal.KafkaOutput;
import io.guiji.schemas.internal.KafkaOutputHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Encodes one output stream's elements for their topic with the output's own serializer ({@link
 * io.guiji.connectors.kafka.AvroRecordSerializer}, {@link ProfileRecordSerializer}), chained to the
 * operator that makes them, so that {@link KafkaOutputs} can send every output through one sink:
 * the message as the output's own sink would have written it, its key, value (null for a tombstone)
 * and headers. The serializers use no sink context (no partitioner of their own).
 */
final class KafkaOutputEncodeFunction<T> extends RichMapFunction<T, KafkaOutput> {
    private static final long serialVersionUID = 1L;

    private final KafkaRecordSerializationSchema<T> serializer;

    KafkaOutputEncodeFunction(KafkaRecordSerializationSchema<T> serializer) {
        this.serializer = serializer;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        serializer.open(null, null);
    }

    @Override
    public KafkaOutput map(T element) {
        return encoded(serializer.serialize(element, null, null));
    }

    /** The message {@code r} as a {@link KafkaOutput}. */
    static KafkaOutput encoded(ProducerRecord<byte[], byte[]> r) {
        List<KafkaOutputHeader> headers = new ArrayList<>(2);
        for (Header h : r.headers()) {
            headers.add(new KafkaOutputHeader(h.key(), wrap(h.value())));
        }
        return new KafkaOutput(r.topic(), wrap(r.key()), wrap(r.value()), headers);
    }

    private static ByteBuffer wrap(byte[] b) {
        return b == null ? null : ByteBuffer.wrap(b);
    }
}
