package io.guiji.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.EmptySource;
import io.guiji.connectors.avro.CompactAvroSerializer;
import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.GuijiSettings;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.stream.GuijiStreamJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Every record of a generated Avro class that crosses an operator boundary, in either job, goes
 * through guiji's compact serializer (BENCHMARKS.md, "Compact serializers"), never through the Avro
 * serializer Flink would infer (slower, and its sort spills decode and encode each record again)
 * nor through Kryo.
 */
class CompactTypesTest {

    @Test
    void theBoundedDataflowMovesAvroRecordsCompactly() {
        for (EmitMode mode : EmitMode.values()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            GuijiPipeline.Inputs in =
                    GuijiPipeline.Inputs.fromRows(
                            EmptySource.bounded(env, RawRow.class, "records"),
                            EmptySource.bounded(env, RawRow.class, "registry"),
                            EmptySource.bounded(env, RawRow.class, "catalog"));
            GuijiPipeline.Outputs out =
                    GuijiPipeline.defineWorkflow(
                            in, mode, GuijiSettings.from(new Configuration()), "all");
            for (DataStream<?> s :
                    List.of(
                            out.unified(),
                            out.rejected(),
                            out.coverage(),
                            out.linkChanges(),
                            out.referenceRejected(),
                            out.enterprises(),
                            out.leads())) {
                s.sinkTo(new DiscardingSink<>());
            }
            assertThat(nonCompact(env.getStreamGraph(), env.getConfig())).as(mode.name()).isEmpty();
        }
    }

    @Test
    void theStreamingJobMovesAvroRecordsCompactly() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "127.0.0.1:9");
        c.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), "registry");
        c.put(GuijiOptions.KAFKA_CATALOG_TOPIC.key(), "catalog");
        c.put(GuijiOptions.POSTGRES_URL.key(), "jdbc:postgresql://127.0.0.1:9/guiji");
        c.put("guiji.source.p.topic", "in.penalty");
        c.put("guiji.source.p.dept-code", "SCJG01");
        c.put("guiji.source.p.record-type", "penalty");
        StreamConfig cfg = StreamConfig.from(Configuration.fromMap(c));
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);
        assertThat(nonCompact(env.getStreamGraph(), env.getConfig())).isEmpty();
    }

    /** Each place an Avro record is serialized other than compactly: "operator: serializer". */
    private static List<String> nonCompact(StreamGraph graph, ExecutionConfig config) {
        List<String> found = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            List<TypeSerializer<?>> used = new ArrayList<>();
            for (TypeSerializer<?> s : node.getTypeSerializersIn()) {
                used.add(s);
            }
            used.add(node.getTypeSerializerOut());
            for (StreamEdge e : node.getOutEdges()) {
                if (e.getOutputTag() != null) {
                    used.add(
                            e.getOutputTag()
                                    .getTypeInfo()
                                    .createSerializer(config.getSerializerConfig()));
                }
            }
            for (TypeSerializer<?> s : used) {
                if (s != null && carriesAvro(s) && !(s instanceof CompactAvroSerializer)) {
                    found.add(node.getOperatorName() + ": " + s);
                }
            }
        }
        return found;
    }

    private static boolean carriesAvro(TypeSerializer<?> s) {
        String name = s.getClass().getName();
        if (name.contains("Kryo") || name.contains("formats.avro")) {
            return true;
        }
        Object instance = s.createInstance();
        return instance instanceof SpecificRecordBase;
    }
}
