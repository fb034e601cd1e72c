package io.guiji.jobs;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.TabularFiles;
import io.guiji.connectors.json.JsonLinesEncoder;
import io.guiji.connectors.json.OutputJson;
import io.guiji.jobs.config.GuijiSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs {@link GuijiPipeline} over rows given in a chosen order, on the shared mini-cluster, and
 * returns every output as JSON lines tagged by kind ("unified", "rejected", "coverage",
 * "reference_rejected"), so runs can be compared as text.
 */
public final class PipelineRunner {
    private PipelineRunner() {}

    /** Every row of every file under {@code root/subdir}, in file-name order. */
    public static List<RawRow> readRows(Path root, String subdir) throws IOException {
        List<RawRow> rows = new ArrayList<>();
        Path dir = root.resolve(subdir);
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files =
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        for (Path f : files) {
            try (CloseableIterator<RawRow> it = TabularFiles.open(f, root)) {
                it.forEachRemaining(rows::add);
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        return rows;
    }

    /** The outputs of one run, as tagged JSON lines. */
    public record Result(
            List<String> unified,
            List<String> rejected,
            List<String> coverage,
            List<String> referenceRejected) {}

    public static Result run(
            List<RawRow> records,
            List<RawRow> registry,
            List<RawRow> catalog,
            int parallelism,
            RuntimeExecutionMode runtime,
            LocalDate today)
            throws Exception {
        // No Kryo: every type the pipeline moves or keeps has its own serializer (Avro, POJO).
        org.apache.flink.configuration.Configuration conf =
                new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.setRuntimeMode(runtime);
        TypeInformation<RawRow> rowType = TypeInformation.of(RawRow.class);
        GuijiPipeline.Inputs in =
                GuijiPipeline.Inputs.fromRows(
                        env.fromData(records, rowType),
                        env.fromData(registry, rowType),
                        env.fromData(catalog, rowType));
        GuijiPipeline.Outputs out =
                GuijiPipeline.defineWorkflow(
                        in, EmitMode.FINAL, GuijiSettings.defaults(today), "all-input");
        DataStream<String> all =
                out.unified()
                        .map(new Tagged<>("unified", OutputJson::write))
                        .returns(Types.STRING)
                        .union(
                                out.rejected()
                                        .map(
                                                new Tagged<>(
                                                        "rejected",
                                                        (JsonLinesEncoder.Writer<
                                                                        io.guiji.schemas
                                                                                .RejectedRecord>)
                                                                OutputJson::write))
                                        .returns(Types.STRING),
                                out.coverage()
                                        .map(new Tagged<>("coverage", OutputJson::write))
                                        .returns(Types.STRING),
                                out.referenceRejected()
                                        .map(
                                                new Tagged<>(
                                                        "reference_rejected",
                                                        (JsonLinesEncoder.Writer<
                                                                        io.guiji.schemas
                                                                                .RejectedRecord>)
                                                                OutputJson::write))
                                        .returns(Types.STRING));
        List<String> u = new ArrayList<>();
        List<String> r = new ArrayList<>();
        List<String> c = new ArrayList<>();
        List<String> rr = new ArrayList<>();
        try (CloseableIterator<String> it = all.executeAndCollect("pipeline test")) {
            while (it.hasNext()) {
                String line = it.next();
                int tab = line.indexOf('\t');
                String kind = line.substring(0, tab);
                String json = line.substring(tab + 1);
                switch (kind) {
                    case "unified" -> u.add(json);
                    case "rejected" -> r.add(json);
                    case "coverage" ->
                            c.add(
                                    json.replaceAll(
                                            "\"generated_at\":\"[^\"]*\"",
                                            "\"generated_at\":\"-\""));
                    default -> rr.add(json);
                }
            }
        }
        u.sort(null);
        r.sort(null);
        rr.sort(null);
        return new Result(u, r, c, rr);
    }

    /** An output element as "kind TAB json". */
    static final class Tagged<T> implements MapFunction<T, String> {
        private static final long serialVersionUID = 1L;
        private final String kind;
        private final JsonLinesEncoder.Writer<T> writer;

        Tagged(String kind, JsonLinesEncoder.Writer<T> writer) {
            this.kind = kind;
            this.writer = writer;
        }

        @Override
        public String map(T value) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var g = OutputJson.generator(bytes)) {
                writer.write(g, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return kind + '\t' + bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
