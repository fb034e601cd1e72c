package io.guiji.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.ChainedOperator;
import io.guiji.connectors.json.JsonLinesEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonLinesPartWriter}: one file a subtask, visible under its name only once its input has
 * ended, nothing left by a task that failed; and it chains to the operator before it.
 */
class JsonLinesPartWriterTest {
    @TempDir Path dir;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final JsonLinesEncoder.Writer<String> AS_OBJECT =
            (g, s) -> {
                g.writeStartObject();
                g.writeStringField("v", s);
                g.writeEndObject();
            };

    @Property(tries = 50)
    void eachElementIsOneLineInOrder(@ForAll @Size(min = 1, max = 30) List<String> values)
            throws Exception {
        Path folder = Files.createTempDirectory("part-writer");
        try (OneInputStreamOperatorTestHarness<String, Void> h = harness(folder, 1)) {
            for (String v : values) {
                h.processElement(new StreamRecord<>(v));
            }
            h.endInput();
        }

        List<String> lines = Files.readAllLines(folder.resolve("p-1-0.jsonl"));
        assertThat(lines).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(i)))
                    .isEqualTo(
                            new com.fasterxml.jackson.databind.ObjectMapper()
                                    .createObjectNode()
                                    .put("v", values.get(i)));
        }
        assertThat(Files.readString(folder.resolve("p-1-0.jsonl"))).endsWith("}\n");
        assertThat(names(folder)).containsExactly("p-1-0.jsonl");
    }

    @Test
    void theFileIsHiddenUntilTheInputHasEnded() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, Void> h = harness(dir, 0)) {
            h.processElement(new StreamRecord<>("a"));
            assertThat(names(dir)).allMatch(n -> n.startsWith(".") && n.endsWith(".inprogress"));

            h.endInput();

            assertThat(names(dir)).containsExactly("p-0-0.jsonl");
        }
    }

    @Test
    void noElementNoFile() throws Exception {
        Path folder = dir.resolve("leads");
        try (OneInputStreamOperatorTestHarness<String, Void> h = harness(folder, 0)) {
            h.endInput();
        }

        assertThat(folder).doesNotExist();
    }

    @Test
    void aTaskThatFailsLeavesNothing() throws Exception {
        OneInputStreamOperatorTestHarness<String, Void> h = harness(dir, 0);
        h.processElement(new StreamRecord<>("a"));

        h.close(); // no end of input: the task failed or was cancelled

        assertThat(names(dir)).isEmpty();
    }

    @Test
    void aSubtaskThatRunsAgainReplacesItsFileWhole() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, Void> h = harness(dir, 0)) {
            h.processElement(new StreamRecord<>("first attempt"));
            h.processElement(new StreamRecord<>("first attempt, second line"));
            h.endInput();
        }
        try (OneInputStreamOperatorTestHarness<String, Void> h = harness(dir, 0)) {
            h.processElement(new StreamRecord<>("second attempt"));
            h.endInput();
        }

        assertThat(Files.readAllLines(dir.resolve("p-0-0.jsonl")))
                .containsExactly("{\"v\":\"second attempt\"}");
    }

    @Property(tries = 30)
    void aFullFileIsFinishedAndTheNextBegunWithNoLineSplitOrLost(
            @ForAll @Size(min = 1, max = 60) List<String> values,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 200) int rollBytes)
            throws Exception {
        Path folder = Files.createTempDirectory("part-writer-roll");
        try (OneInputStreamOperatorTestHarness<String, Void> h =
                harness(new JsonLinesPartWriter<>(folder, "p", AS_OBJECT, rollBytes), 0)) {
            for (String v : values) {
                h.processElement(new StreamRecord<>(v));
            }
            h.endInput();
        }

        List<String> names = names(folder);
        List<String> lines = new java.util.ArrayList<>();
        for (int n = 0; n < names.size(); n++) {
            Path file = folder.resolve(JsonLinesPartWriter.fileName("p", 0, n));
            assertThat(names).contains(file.getFileName().toString());
            List<String> inFile = Files.readAllLines(file);
            assertThat(inFile).isNotEmpty();
            // A file is finished only once it has reached the size: all but the last are full.
            if (n < names.size() - 1) {
                assertThat(Files.size(file)).isGreaterThanOrEqualTo(rollBytes);
            }
            lines.addAll(inFile);
        }
        assertThat(lines).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(JSON.readTree(lines.get(i)).get("v").asText()).isEqualTo(values.get(i));
        }
    }

    @Test
    void anAttemptThatRunsAgainDeletesTheFilesOfTheEarlierOneFirst() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, Void> h =
                harness(new JsonLinesPartWriter<>(dir, "p", AS_OBJECT, 10), 0)) {
            for (int i = 0; i < 5; i++) {
                h.processElement(new StreamRecord<>("first attempt " + i));
            }
            h.endInput();
        }
        Files.writeString(dir.resolve("p-1-0.jsonl"), "another subtask's\n");
        assertThat(names(dir)).hasSize(6);

        try (OneInputStreamOperatorTestHarness<String, Void> h =
                harness(new JsonLinesPartWriter<>(dir, "p", AS_OBJECT, 10), 0)) {
            h.processElement(new StreamRecord<>("second attempt"));
            h.endInput();
        }

        assertThat(names(dir)).containsExactly("p-0-0.jsonl", "p-1-0.jsonl");
        assertThat(Files.readAllLines(dir.resolve("p-0-0.jsonl")))
                .containsExactly("{\"v\":\"second attempt\"}");
    }

    @Test
    void theWriterAndAChainedOperatorChainToTheirInput() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        JsonLinesPartWriter.write(
                env.fromSequence(1, 10)
                        .map(String::valueOf)
                        .returns(Types.STRING)
                        .transform("pass", Types.STRING, ChainedOperator.of(new PassOperator())),
                dir,
                "p",
                AS_OBJECT,
                "writer",
                "out/*.jsonl");

        JobGraph graph = env.getStreamGraph().getJobGraph();

        assertThat(graph.getNumberOfVertices()).isEqualTo(1);
        JobVertex only = graph.getVertices().iterator().next();
        assertThat(only.getName()).contains("pass").contains("out/*.jsonl");
    }

    /** An operator that starts a chain of its own unless its factory says otherwise. */
    private static final class PassOperator extends AbstractStreamOperator<String>
            implements OneInputStreamOperator<String, String> {
        @Override
        public void processElement(StreamRecord<String> element) {
            output.collect(element);
        }
    }

    private static OneInputStreamOperatorTestHarness<String, Void> harness(Path folder, int subtask)
            throws Exception {
        return harness(new JsonLinesPartWriter<>(folder, "p", AS_OBJECT), subtask);
    }

    private static OneInputStreamOperatorTestHarness<String, Void> harness(
            JsonLinesPartWriter<String> writer, int subtask) throws Exception {
        OneInputStreamOperatorTestHarness<String, Void> h =
                new OneInputStreamOperatorTestHarness<>(writer, 2, 2, subtask);
        h.open();
        return h;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
