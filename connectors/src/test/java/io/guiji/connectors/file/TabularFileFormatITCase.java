package io.guiji.connectors.file;

import static io.guiji.connectors.file.TestInput.GBK;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reads an input folder through {@link InputFiles#source} on a mini cluster at parallelism 2. */
class TabularFileFormatITCase {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @TempDir java.nio.file.Path dir;

    @Test
    void everyRowOfEveryFileArrivesExactlyOnce() throws Exception {
        TestInput input = new TestInput(dir);
        List<String> expected = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            String file = "records/D" + f + "/penalty/p" + f + ".csv";
            StringBuilder csv = new StringBuilder("行政相对人名称,行政处罚决定书文号\n");
            int rows = 500 + 700 * f; // some files span several batches
            for (int i = 1; i <= rows; i++) {
                csv.append("公司").append(i).append(",朝市监罚〔2021〕").append(i).append("号\n");
                expected.add(file + "#" + i);
            }
            input.write(file, csv.toString(), f % 2 == 0 ? UTF_8 : GBK);
        }
        input.write(
                "records/D9/license/l.jsonl.gz",
                "{\"doc_no\":\"L1\"}\n\n{\"doc_no\":\"L2\"}\n",
                UTF_8);
        expected.add("records/D9/license/l.jsonl.gz#1");
        expected.add("records/D9/license/l.jsonl.gz#2");
        input.write("records/D9/license/old.xlsx", new byte[] {1});
        expected.add("records/D9/license/old.xlsx#0");
        input.write("records/D9/license/.hidden.csv", "a\n1\n", UTF_8);
        input.write("records/D9/license/_in_progress.csv", "a\n1\n", UTF_8);
        input.write("registry/r.csv", "a\n1\n", UTF_8); // outside the subdir read

        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noKryo);
        env.setParallelism(PARALLELISM);

        List<String> seen = new ArrayList<>();
        List<RawRow> errors = new ArrayList<>();
        try (CloseableIterator<RawRow> rows =
                env.fromSource(
                                InputFiles.source(dir.toString(), "records"),
                                WatermarkStrategy.noWatermarks(),
                                "input files")
                        .executeAndCollect()) {
            rows.forEachRemaining(
                    r -> {
                        seen.add(r.file + "#" + r.row);
                        if (r.error != null) {
                            errors.add(r);
                        }
                    });
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(errors)
                .singleElement()
                .satisfies(r -> assertThat(r.error).startsWith("unsupported file type .xlsx"));
    }
}
