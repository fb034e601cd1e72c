package io.guiji.jobs.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guiji run} in-process on its own embedded cluster (no shared test cluster here, so the run
 * starts one as {@code bin/guiji} does), with {@code java.io.tmpdir} pointed at an empty folder:
 * afterwards the folder is empty — no {@code flink-rpc-akka*.jar}, no {@code minicluster_*}, no
 * blob store or spill folder — after a run that succeeded and after one that failed.
 */
class GuijiRunLeavesNoTemporaryFilesITCase {
    @TempDir Path dir;
    private Path tmp;
    private String originalTmpdir;
    private PrintStream originalOut;
    private PrintStream originalErr;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /**
     * lz4-java (BATCH mode's spill compression) unpacks its native library into {@code
     * java.io.tmpdir} once per JVM and deletes it when the JVM exits, as {@code bin/guiji}'s does
     * after every run: loaded here first, so that this JVM's copy is not counted.
     */
    @BeforeAll
    static void loadNativeLz4() {
        LZ4Factory.fastestInstance();
    }

    @BeforeEach
    void pointTmpdirAtAnEmptyFolder() throws IOException {
        tmp = Files.createDirectory(dir.resolve("tmp"));
        originalTmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
    }

    @AfterEach
    void restore() {
        System.setProperty("java.io.tmpdir", originalTmpdir);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void aRunLeavesTheTemporaryFolderEmpty() throws IOException {
        Path input = dir.resolve("in");
        write(
                input.resolve("records/SCJG01/penalty/a.csv"),
                """
                行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚决定日期
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕12号,2023-05-06
                """);
        write(
                input.resolve("registry/enterprises.csv"),
                """
                统一社会信用代码,企业名称
                91110000600037341L,朝阳市某某商贸有限公司
                """);
        Path output = dir.resolve("out");

        int exit =
                Guiji.execute(
                        "run",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString(),
                        "-Dguiji.parallelism=2",
                        "-Dguiji.processing-date=2026-11-25");

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        assertThat(
                        Files.list(output.resolve("unified"))
                                .filter(p -> p.getFileName().toString().endsWith(".jsonl")))
                .as("the run wrote its output")
                .isNotEmpty();
        assertThat(leftIn(tmp)).as("left in java.io.tmpdir").isEmpty();
    }

    @Test
    void aFailedRunLeavesTheTemporaryFolderEmpty() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in/records"));
        Path outputIsAFile = Files.writeString(dir.resolve("out"), "not a folder");

        int exit =
                Guiji.execute(
                        "run",
                        "--input",
                        input.getParent().toString(),
                        "--output",
                        outputIsAFile.toString());

        assertThat(exit).as("exit; stderr: %s", err).isEqualTo(2);
        assertThat(leftIn(tmp)).as("left in java.io.tmpdir").isEmpty();
    }

    private static List<Path> leftIn(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> !p.equals(folder)).toList();
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }
}
