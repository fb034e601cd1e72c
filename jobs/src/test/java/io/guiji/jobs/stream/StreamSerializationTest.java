package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.jdbc.PostgresTables;
import io.guiji.connectors.json.OutputJson;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.connectors.kafka.KeyedJson;
import io.guiji.connectors.kafka.KeyedJsonDeserializer;
import io.guiji.jobs.ingest.SourceSpec;
import io.guiji.jobs.ingest.SpecApplyFunction;
import io.guiji.jobs.ingest.kafka.RecordDecodeFunction;
import io.guiji.jobs.ingest.kafka.ReferenceDecodeFunction;
import io.guiji.jobs.publish.ProfileRecordSerializer;
import io.guiji.jobs.publish.RejectedRowFunction;
import io.guiji.jobs.publish.SourceRowsFunction;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * STYLE §12 for the streaming job's own types: Flink serializers with Kryo disabled; functions
 * Java-serializable.
 */
class StreamSerializationTest {

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        Configuration noGenericTypes = new Configuration();
        noGenericTypes.set(PipelineOptions.GENERIC_TYPES, false);
        TypeSerializer<T> serializer =
                info.createSerializer(new ExecutionConfig(noGenericTypes).getSerializerConfig());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void aRowThatNamesItsSourceRoundTrips() throws Exception {
        RawRow row =
                new RawRow(
                                "kafka:in.penalty/1",
                                42,
                                new String[] {"doc_no"},
                                new String[] {"1"},
                                "{}",
                                null,
                                "UTF-8")
                        .withSource("SCJG01", "penalty");
        assertThat(roundTrip(RawRow.class, row)).isEqualTo(row);
    }

    @Test
    void postgresRowsRoundTrip() throws Exception {
        PostgresTables.SourceRow s =
                roundTrip(
                        PostgresTables.SourceRow.class,
                        new PostgresTables.SourceRow("id", "kafka:t/0", 3, 2));
        assertThat(List.of(s.recordId, s.file, s.row, s.version))
                .containsExactly("id", "kafka:t/0", 3L, 2L);
        RejectedRecord r =
                RejectedRecord.newBuilder()
                        .setFile("jdbc:t")
                        .setRow(5)
                        .setReason(RejectReason.MISSING_FIELD)
                        .setMessage("empty doc_no")
                        .setRaw("{}")
                        .build();
        PostgresTables.RejectedRow back =
                roundTrip(
                        PostgresTables.RejectedRow.class,
                        new PostgresTables.RejectedRow(r, "record"));
        assertThat(back.rejected).isEqualTo(r);
        assertThat(back.kind).isEqualTo("record");
        assertThat(
                        roundTrip(
                                        KafkaBytes.class,
                                        new KafkaBytes("t", 0, 1, 2, new byte[] {1}, null))
                                .key)
                .containsExactly(1);
    }

    @Test
    void profileAndLeadRowsRoundTripTombstonesIncluded() throws Exception {
        KeyedJson row = roundTrip(KeyedJson.class, new KeyedJson("e1", 1, 42, "{\"a\":1}"));
        assertThat(List.of(row.key, row.partition, row.offset, row.json))
                .containsExactly("e1", 1, 42L, "{\"a\":1}");
        assertThat(roundTrip(KeyedJson.class, new KeyedJson("e1", 0, 7, null)).json).isNull();
    }

    @Test
    void theJobsFunctionsAndSettingsAreJavaSerializable() throws Exception {
        SourceSpec spec =
                SourceSpec.kafka(
                        "p",
                        "in.penalty",
                        SourceSpec.Format.JSON,
                        "SCJG01",
                        "penalty",
                        "doc_no:wsh");
        for (Object f :
                List.of(
                        new RecordDecodeFunction(List.of(spec)),
                        new SpecApplyFunction(spec),
                        new ReferenceDecodeFunction(),
                        new SourceRowsFunction(),
                        new RejectedRowFunction("record"),
                        new ProfileRecordSerializer("out.enterprises"),
                        new KeyedJsonDeserializer<>(EnterpriseProfile.class, OutputJson::write))) {
            assertThat(InstantiationUtil.clone((java.io.Serializable) f))
                    .as(f.getClass().getSimpleName())
                    .isNotNull();
        }
    }

    @Test
    void reviewDecisionsTravelWithoutKryoAndTheirFunctionsSerialize() throws Exception {
        io.guiji.connectors.jdbc.ReviewDecisionTable.Row row =
                new io.guiji.connectors.jdbc.ReviewDecisionTable.Row();
        row.decisionId = "d-1";
        row.action = "ACCEPT";
        row.enterpriseId = "91310115MA1K3BTP2B";
        row.file = "kafka:guiji.review-decisions/0";
        row.row = 7;
        io.guiji.connectors.jdbc.ReviewDecisionTable.Row back =
                roundTrip(io.guiji.connectors.jdbc.ReviewDecisionTable.Row.class, row);
        assertThat(List.of(back.decisionId, back.action, back.enterpriseId, back.file, back.row))
                .containsExactly(
                        "d-1",
                        "ACCEPT",
                        "91310115MA1K3BTP2B",
                        "kafka:guiji.review-decisions/0",
                        7L);
        for (Object f :
                List.of(
                        new io.guiji.jobs.ingest.kafka.DecisionDecodeFunction(),
                        new io.guiji.jobs.link.DecisionEntryFunction(),
                        new io.guiji.jobs.publish.DecisionRowFunction())) {
            assertThat(InstantiationUtil.clone((java.io.Serializable) f))
                    .as(f.getClass().getSimpleName())
                    .isNotNull();
        }
    }
}
