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
        Path staged = Files.createDirectories(dir.resolve(".guiji-staging/unified"));
        Files.writeString(
                staged.resolve("p0-1.jsonl"), "{\"record_id\":\"b\"}\n{\"record_id\":\"c\"}\n");
        Files.writeString(staged.resolve("p0-0.jsonl"), "{\"record_id\":\"d\"}\n");
        Files.writeString(staged.resolve("p1-0.jsonl"), "{\"record_id\":\"a\"}\n");
        Files.writeString(staged.resolve(".p1-1.jsonl.0.inprogress"), "hidden");
        Path unified = dir.resolve("unified");

        OutputFiles.publish(staged, unified);

        assertThat(names(unified))
                .containsExactly("part-0000.jsonl", "part-0001.jsonl", "part-0002.jsonl");
        assertThat(Files.readString(unified.resolve("part-0000.jsonl"))).contains("\"a\"");
        assertThat(Files.readString(unified.resolve("part-0001.jsonl")))
                .contains("\"b\"")
                .contains("\"c\"");
        assertThat(Files.readString(unified.resolve("part-0002.jsonl"))).contains("\"d\"");
        assertThat(names(staged)).containsExactly(".p1-1.jsonl.0.inprogress");
    }

    @Test
    void theSameContentsGetTheSameNamesWhateverTheirWritersNames() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Files.writeString(a.resolve("p0-0.jsonl"), "y\n");
        Files.writeString(a.resolve("p1-1.jsonl"), "x\n");
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(b.resolve("p1-0.jsonl"), "x\n");
        Files.writeString(b.resolve("p0-1.jsonl"), "y\n");

        OutputFiles.publish(a, dir.resolve("out-a"));
        OutputFiles.publish(b, dir.resolve("out-b"));

        for (String out : new String[] {"out-a", "out-b"}) {
            assertThat(Files.readString(dir.resolve(out + "/part-0000.jsonl"))).isEqualTo("x\n");
            assertThat(Files.readString(dir.resolve(out + "/part-0001.jsonl"))).isEqualTo("y\n");
        }
    }

    @Test
    void noStagedFileMakesNoFolder() throws IOException {
        OutputFiles.publish(dir.resolve("absent"), dir.resolve("rejected"));
        Path onlyHidden = Files.createDirectories(dir.resolve("staged"));
        Files.writeString(onlyHidden.resolve(".p0-0.jsonl.0.inprogress"), "x\n");
        OutputFiles.publish(onlyHidden, dir.resolve("leads"));

        assertThat(dir.resolve("rejected")).doesNotExist();
        assertThat(dir.resolve("leads")).doesNotExist();
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
