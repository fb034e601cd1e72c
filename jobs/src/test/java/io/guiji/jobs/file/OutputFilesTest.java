package io.guiji.jobs.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OutputFiles}: stable names in an order given by the contents, and the summary's list. */
class OutputFilesTest {
    @TempDir Path dir;

    @Test
    void partFilesAreNumberedInTheOrderOfTheirFirstLines() throws IOException {
        Path unified = Files.createDirectories(dir.resolve("unified"));
        Files.writeString(
                unified.resolve("part-9f1c0e2a-1.jsonl"),
                "{\"record_id\":\"b\"}\n{\"record_id\":\"c\"}\n");
        Files.writeString(unified.resolve("part-03d2aa17-0.jsonl"), "{\"record_id\":\"d\"}\n");
        Files.writeString(unified.resolve("part-77aa0000-0.jsonl"), "{\"record_id\":\"a\"}\n");
        Files.writeString(unified.resolve(".part-x.inprogress"), "hidden");

        OutputFiles.stabilize(unified);

        assertThat(names(unified))
                .containsExactly(
                        ".part-x.inprogress",
                        "part-0000.jsonl",
                        "part-0001.jsonl",
                        "part-0002.jsonl");
        assertThat(Files.readString(unified.resolve("part-0000.jsonl"))).contains("\"a\"");
        assertThat(Files.readString(unified.resolve("part-0001.jsonl")))
                .contains("\"b\"")
                .contains("\"c\"");
        assertThat(Files.readString(unified.resolve("part-0002.jsonl"))).contains("\"d\"");
    }

    @Test
    void stabilizingTwiceChangesNothing() throws IOException {
        Path rejected = Files.createDirectories(dir.resolve("rejected"));
        Files.writeString(rejected.resolve("part-1.jsonl"), "y\n");
        Files.writeString(rejected.resolve("part-2.jsonl"), "x\n");
        OutputFiles.stabilize(rejected);

        OutputFiles.stabilize(rejected);

        assertThat(Files.readString(rejected.resolve("part-0000.jsonl"))).isEqualTo("x\n");
        assertThat(Files.readString(rejected.resolve("part-0001.jsonl"))).isEqualTo("y\n");
    }

    @Test
    void anAbsentFolderIsNothingToDo() throws IOException {
        OutputFiles.stabilize(dir.resolve("rejected"));

        assertThat(dir.resolve("rejected")).doesNotExist();
    }

    @Test
    void theSummaryListsOnlyWhatWasCreated() throws IOException {
        Files.createDirectories(dir.resolve("unified"));
        Files.writeString(dir.resolve("unified/part-0000.jsonl"), "{}\n");
        Files.writeString(dir.resolve("unified/part-0001.jsonl"), "{}\n");
        Files.writeString(dir.resolve("coverage.json"), "{}\n");
        Files.writeString(dir.resolve("coverage.html"), "<html></html>\n");

        assertThat(OutputFiles.created(dir))
                .containsExactly(
                        dir.resolve("unified") + "/ (2 files)",
                        dir.resolve("coverage.json").toString(),
                        dir.resolve("coverage.html").toString());
    }

    private static java.util.List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
