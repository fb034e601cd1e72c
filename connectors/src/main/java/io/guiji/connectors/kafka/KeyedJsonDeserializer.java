package io.guiji.connectors.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.json.OutputJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads one of guiji's keyed, compacted Avro output topics ({@link AvroRecordSerializer}'s format)
 * back as {@link KeyedJson} rows for PostgreSQL: the key, the message's partition and offset (the
 * order of a key's states), and the value as the JSON of the bounded output — every string made
 * safe for {@code jsonb} ({@link SinkSafeText}). A tombstone is a row without JSON, so that the
 * table deletes the key. A message without a key is skipped (guiji writes none); bytes that do not
 * decode fail the job, since guiji itself wrote them.
 */
public final class KeyedJsonDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<KeyedJson> {
    private static final long serialVersionUID = 1L;

    /** How a value is written as JSON ({@code OutputJson::write}). */
    @FunctionalInterface
    public interface JsonWriter<T> extends Serializable {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private final Class<T> type;
    private final JsonWriter<T> writer;
    private transient AvroBinary<T> avro;

    public KeyedJsonDeserializer(Class<T> type, JsonWriter<T> writer) {
        this.type = type;
        this.writer = writer;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        avro = new AvroBinary<>(type);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KeyedJson> out)
            throws IOException {
        if (record.key() == null) {
            return;
        }
        String key = SinkSafeText.cleanOrEmpty(new String(record.key(), StandardCharsets.UTF_8));
        if (record.value() == null) {
            out.collect(new KeyedJson(key, record.partition(), record.offset(), null));
            return;
        }
        if (avro == null) {
            avro = new AvroBinary<>(type);
        }
        T value = SinkSafeText.cleanRecord(avro.decodeValue(record));
        ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = OutputJson.generator(json)) {
            writer.write(g, value);
        }
        out.collect(
                new KeyedJson(
                        key,
                        record.partition(),
                        record.offset(),
                        json.toString(StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<KeyedJson> getProducedType() {
        return TypeInformation.of(KeyedJson.class);
    }
}
