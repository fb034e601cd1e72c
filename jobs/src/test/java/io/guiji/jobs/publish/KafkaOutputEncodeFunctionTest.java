package io.guiji.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.kafka.AvroRecordSerializer;
import io.guiji.jobs.enterprise.HealthModel;
import io.guiji.jobs.enterprise.ProfileBuilder;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.internal.KafkaOutput;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * An output encoded where it is made ({@link KafkaOutputEncodeFunction}), carried to the one Kafka
 * sink (serialized as between two tasks) and written there ({@link KafkaOutputSerializer}) is the
 * message its own serializer writes: topic, key, value — a tombstone stays one — and headers.
 */
class KafkaOutputEncodeFunctionTest {
    private static final TypeSerializer<KafkaOutput> BETWEEN_TASKS =
            AvroTypes.of(KafkaOutput.class).createSerializer(new SerializerConfigImpl());

    @Property(tries = 200)
    void aRejectedRecordArrivesAsItsOwnSinkWritesIt(
            @ForAll String file, @ForAll long row, @ForAll String message, @ForAll String raw)
            throws Exception {
        RejectedRecord r =
                new RejectedRecord(file, row, RejectReason.MALFORMED, message, raw, "SCJG01", null);
        assertSameMessage(
                new AvroRecordSerializer<>(
                        "t.rejected", RejectedRecord.class, KafkaOutputs::rejectedKey),
                r);
    }

    @Property(tries = 50)
    void aProfileArrivesAsItsOwnSinkWritesItATombstoneIncluded(
            @ForAll @IntRange(min = 0, max = 3) int records) throws Exception {
        EnterpriseProfile p =
                EnterpriseProfile.newBuilder(
                                ProfileBuilder.build(
                                        "91110000600037341L",
                                        List.of(),
                                        LocalDate.parse("2026-11-25"),
                                        HealthModel.builtIn()))
                        .setRecordCount(records)
                        .build();
        ProducerRecord<byte[], byte[]> written =
                assertSameMessage(new ProfileRecordSerializer("t.enterprises"), p);
        assertThat(written.value() == null).as("a tombstone").isEqualTo(records == 0);
    }

    private static <T> ProducerRecord<byte[], byte[]> assertSameMessage(
            KafkaRecordSerializationSchema<T> own, T element) throws Exception {
        own.open(null, null);
        ProducerRecord<byte[], byte[]> expected = own.serialize(element, null, null);

        KafkaOutputEncodeFunction<T> encoder = new KafkaOutputEncodeFunction<>(own);
        encoder.open((org.apache.flink.api.common.functions.OpenContext) null);
        DataOutputSerializer out = new DataOutputSerializer(256);
        BETWEEN_TASKS.serialize(encoder.map(element), out);
        KafkaOutput carried =
                BETWEEN_TASKS.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        ProducerRecord<byte[], byte[]> written =
                new KafkaOutputSerializer().serialize(carried, null, null);

        assertThat(written.topic()).isEqualTo(expected.topic());
        assertThat(written.partition()).isNull();
        assertThat(written.key()).isEqualTo(expected.key());
        assertThat(written.value()).isEqualTo(expected.value());
        assertThat(headers(written)).containsExactlyElementsOf(headers(expected));
        return written;
    }

    private static List<String> headers(ProducerRecord<byte[], byte[]> r) {
        return StreamSupport.stream(r.headers().spliterator(), false)
                .map(h -> h.key() + "=" + Arrays.toString(value(h)))
                .toList();
    }

    private static byte[] value(Header h) {
        return h.value();
    }
}
