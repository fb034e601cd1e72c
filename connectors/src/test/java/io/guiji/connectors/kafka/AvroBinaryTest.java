package io.guiji.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class AvroBinaryTest {
    private static final RejectedRecord REJECTED =
            RejectedRecord.newBuilder()
                    .setFile("kafka:in.penalty/1")
                    .setRow(42)
                    .setReason(RejectReason.MALFORMED)
                    .setMessage("broken JSON")
                    .setRaw("{\"doc_no\":")
                    .setDeptCode("SCJG01")
                    .build();

    private final AvroBinary<RejectedRecord> avro = new AvroBinary<>(RejectedRecord.class);

    @Test
    void plainBinaryRoundTrips() {
        assertThat(avro.decode(avro.encode(REJECTED))).isEqualTo(REJECTED);
    }

    @Test
    void singleObjectEncodingIsAcceptedWithTheRightFingerprint() throws Exception {
        ByteBuffer single = REJECTED.toByteBuffer();
        byte[] bytes = new byte[single.remaining()];
        single.get(bytes);
        assertThat(avro.decode(bytes)).isEqualTo(REJECTED);
    }

    @Test
    void singleObjectEncodingOfAnotherSchemaIsRefusedWithBothFingerprints() throws Exception {
        ByteBuffer single =
                new CatalogEntry("SCJG01", null, null, RecordType.penalty, null, false)
                        .toByteBuffer();
        byte[] bytes = new byte[single.remaining()];
        single.get(bytes);
        assertThatThrownBy(() -> avro.decode(bytes))
                .isInstanceOf(AvroBinary.AvroDecodeException.class)
                .hasMessageContaining("fingerprint")
                .hasMessageContaining(avro.fingerprintHex());
    }

    @Test
    void bytesThatDoNotFitTheSchemaAreRefusedNotMisread() {
        byte[] good = avro.encode(REJECTED);
        assertThatThrownBy(() -> avro.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(AvroBinary.AvroDecodeException.class);
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        assertThatThrownBy(() -> avro.decode(longer)).hasMessageContaining("left over");
        assertThatThrownBy(() -> avro.decode(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> avro.decode("{\"file\":\"x\"}".getBytes()))
                .isInstanceOf(AvroBinary.AvroDecodeException.class);
    }

    @Test
    void kafkaBytesIsAPojoAndRoundTripsWithKryoDisabled() throws Exception {
        TypeInformation<KafkaBytes> type = TypeInformation.of(KafkaBytes.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        Configuration noGenericTypes = new Configuration();
        noGenericTypes.set(PipelineOptions.GENERIC_TYPES, false);
        TypeSerializer<KafkaBytes> serializer =
                type.createSerializer(new ExecutionConfig(noGenericTypes).getSerializerConfig());
        KafkaBytes m =
                new KafkaBytes(
                        "in.penalty", 1, 42L, 1700000000000L, null, new byte[] {(byte) 0xFF, 0});
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(m, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(m);
        assertThat(m.reference()).isEqualTo("kafka:in.penalty/1");
    }
}
