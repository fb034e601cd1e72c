package io.guiji.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RawRowSerializationTest {

    private static TypeSerializer<RawRow> serializerWithoutKryo() {
        Configuration noGenericTypes = new Configuration();
        noGenericTypes.set(PipelineOptions.GENERIC_TYPES, false);
        ExecutionConfig config = new ExecutionConfig(noGenericTypes);
        return TypeInformation.of(RawRow.class).createSerializer(config.getSerializerConfig());
    }

    private static RawRow roundTrip(RawRow row) throws Exception {
        TypeSerializer<RawRow> serializer = serializerWithoutKryo();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(row, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void isAFlinkPojo() {
        assertThat(TypeInformation.of(RawRow.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(new TabularFileFormat("/input").getProducedType())
                .isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void parsedRowRoundTripsWithKryoDisabled() throws Exception {
        RawRow row =
                new RawRow(
                        "records/SCJG01/penalty/a.csv",
                        7,
                        new String[] {"行政相对人名称", "fine"},
                        new String[] {"朝阳市某某商贸有限公司", null},
                        "朝阳市某某商贸有限公司,",
                        null,
                        "GB18030");

        assertThat(roundTrip(row)).isEqualTo(row);
    }

    @Test
    void fileLevelErrorRowRoundTripsWithKryoDisabled() throws Exception {
        RawRow row =
                new RawRow(
                        "a.xlsx",
                        0,
                        RawRow.NONE,
                        RawRow.NONE,
                        "",
                        "unsupported file type .xlsx",
                        null);

        assertThat(roundTrip(row)).isEqualTo(row);
    }
}
