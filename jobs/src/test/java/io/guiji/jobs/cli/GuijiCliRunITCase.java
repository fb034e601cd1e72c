package io.guiji.jobs.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guiji run} in-process on a mini-cluster, for the start-up checks that let a run go on: a
 * missing or unusable registry or catalogue is a warning line on stderr, the run ends with exit 0,
 * and the summary says what the absence meant (linking by codes only, coverage not measured).
 */
class GuijiCliRunITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USCC = "91110000600037341L";
    private static final String RECORDS =
            """
            行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚决定日期
            朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕12号,2023-05-06
            朝阳某某商行,,朝市监罚〔2023〕13号,2023-06-01
            """;
    private static final String REGISTRY =
            """
            统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态
            91110000600037341L,朝阳市某某商贸有限公司,,朝阳某某商行,211302,存续
            """;
    private static final String CATALOG =
            """
            部门编码,部门名称,行政区划代码,信息类别,更新周期
            SCJG01,朝阳市市场监督管理局,211302,行政处罚,每月
            """;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;
    private Path input;
    private Path output;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void captureConsole() throws IOException {
        input = dir.resolve("in");
        output = dir.resolve("out");
        write("records/SCJG01/penalty/a.csv", RECORDS);
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, UTF_8));
        System.setOut(new PrintStream(out, true, UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void withoutRegistryAndCatalogueTheRunWarnsAndLinksByCodeOnly() throws IOException {
        int exit = run();

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        assertThat(guijiErrLines()).hasSize(2);
        assertThat(guijiErrLines().get(0))
                .startsWith("guiji: warning: no registry/ folder in " + input)
                .contains("linking can only use valid USCCs");
        assertThat(guijiErrLines().get(1))
                .startsWith("guiji: warning: no catalog/ folder in " + input)
                .contains("coverage cannot be measured");
        String summary = out.toString(UTF_8);
        assertThat(summary)
                .contains("records in               2")
                .contains("no registry: only records with a valid USCC could link")
                .contains("coverage        not measured: no catalogue");
        assertThat(linkMethods()).containsExactlyInAnyOrder("USCC", "NONE");
    }

    @Test
    void aRegistryWithoutUsableEntryIsAWarningAndTheSummarySaysSo() throws IOException {
        write("registry/enterprises.csv", "统一社会信用代码,企业名称\n");
        write("catalog/catalogue.csv", CATALOG);

        int exit = run();

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        assertThat(guijiErrLines())
                .singleElement()
                .asString()
                .startsWith(
                        "guiji: warning: no usable entry in "
                                + input.resolve("registry")
                                + "/: linking can only use valid USCCs");
        assertThat(out.toString(UTF_8))
                .contains("no registry: only records with a valid USCC could link")
                .doesNotContain("not measured")
                .contains("departments 100.0% (1/1)");
    }

    @Test
    void anEmptyRegistryFolderIsAWarning() throws IOException {
        Files.createDirectories(input.resolve("registry"));
        write("catalog/catalogue.csv", CATALOG);

        int exit = run();

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        assertThat(guijiErrLines())
                .singleElement()
                .asString()
                .startsWith("guiji: warning: no files in " + input.resolve("registry") + "/");
    }

    @Test
    void aCompleteInputRunsWithoutWarnings() throws IOException {
        write("registry/enterprises.csv", REGISTRY);
        write("catalog/catalogue.csv", CATALOG);

        int exit = run();

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        assertThat(guijiErrLines()).isEmpty();
        assertThat(out.toString(UTF_8))
                .doesNotContain("no registry")
                .doesNotContain("not measured");
        assertThat(linkMethods()).containsExactlyInAnyOrder("USCC", "FORMER_NAME");
    }

    @Test
    void outputFilesHaveStableNamesAndTheSummaryListsOnlyWhatWasCreated() throws IOException {
        int exit = run();

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        try (Stream<Path> files = Files.list(output.resolve("unified"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                    .isNotEmpty()
                    .allMatch(n -> n.matches("part-\\d{4}\\.jsonl"))
                    .contains("part-0000.jsonl");
        }
        assertThat(output.resolve("rejected")).as("no record was rejected").doesNotExist();
        String outputs =
                out.toString(UTF_8)
                        .lines()
                        .filter(l -> l.strip().startsWith("outputs"))
                        .findFirst()
                        .orElseThrow();
        assertThat(outputs)
                .contains(output.resolve("unified") + "/ (")
                .contains("coverage.json")
                .contains("coverage.html")
                .doesNotContain("rejected");
        assertThat(out.toString(UTF_8))
                .as("the page for leaders is named on a line of its own")
                .contains(
                        "  coverage page   "
                                + output.resolve("coverage.html").toAbsolutePath()
                                + "  (open it in a browser)");
    }

    /**
     * The progress display's counters advance in this JVM while the mini-cluster reads: a file
     * counts its size once.
     */
    @Test
    void theReadersCountRowsAndBytesForTheProgressDisplay() {
        long rows0 = io.guiji.connectors.file.ReadProgress.rows();
        long bytes0 = io.guiji.connectors.file.ReadProgress.bytes();

        int exit = run();

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        assertThat(io.guiji.connectors.file.ReadProgress.rows() - rows0).isEqualTo(2);
        assertThat(io.guiji.connectors.file.ReadProgress.bytes() - bytes0)
                .isEqualTo(Progress.inputBytes(input))
                .isPositive();
    }

    @Test
    void aLogFileGetsFlinksLogsWhileTheConsoleStaysQuiet() throws IOException {
        Path log = dir.resolve("logs/guiji.log");

        int exit = Guiji.execute(quietRunLoggingTo(log).toArray(String[]::new));

        assertThat(exit).as("exit; stderr: %s", err).isZero();
        assertThat(Files.readString(log, UTF_8)).contains(" INFO  org.apache.flink.");
        assertThat(err.toString(UTF_8)).doesNotContain("INFO");
    }

    /**
     * {@code guiji run} as bin/guiji starts it: its own JVM through {@link Guiji#main}, so that the
     * logging's binding is loaded on its own thread while the command line is parsed, and the job
     * runs on the embedded cluster started beside its definition (the tests above run in this JVM's
     * test cluster). The log file gets Flink's lines, the outputs are written, the process ends.
     */
    @Test
    void aRunInAJvmOfItsOwnLogsToItsFileAndWritesItsOutputs() throws Exception {
        Path log = dir.resolve("logs/own.log");
        List<String> command = GuijiJvm.command(quietRunLoggingTo(log));
        Path console = dir.resolve("console.txt");
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(console.toFile())
                        .start();
        boolean ended = p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }

        String printed = Files.readString(console, UTF_8);
        assertThat(ended).as("ended; console: %s", printed).isTrue();
        assertThat(p.exitValue()).as("exit; console: %s", printed).isZero();
        assertThat(Files.readString(log, UTF_8))
                .contains(" INFO  org.apache.flink.runtime.minicluster.MiniCluster - ")
                .contains("switched from state RUNNING to FINISHED");
        assertThat(printed).doesNotContain("INFO");
        assertThat(linkMethods()).containsExactlyInAnyOrder("USCC", "NONE");
    }

    /** A run without the progress display, whose lines would depend on the machine's speed. */
    private int run() {
        return Guiji.execute(quietRun().toArray(String[]::new));
    }

    private List<String> guijiErrLines() {
        return err.toString(UTF_8).lines().filter(l -> l.startsWith("guiji:")).toList();
    }

    private void write(String relative, String content) throws IOException {
        Path f = input.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, UTF_8);
    }

    private List<String> linkMethods() throws IOException {
        List<String> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output.resolve("unified"))) {
            for (Path f :
                    files.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .toList()) {
                for (String line : Files.readAllLines(f, UTF_8)) {
                    if (!line.isBlank()) {
                        JsonNode n = JSON.readTree(line);
                        methods.add(n.get("link_method").asText());
                    }
                }
            }
        }
        return methods;
    }

    /** {@code guiji run} on the test's input, quiet, logging to {@code log}. */
    private List<String> quietRunLoggingTo(Path log) {
        return quietRun("--log-file", log.toString());
    }

    /** {@code guiji run} on the test's input, quiet, with {@code options} before the settings. */
    private List<String> quietRun(String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--quiet",
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString()));
        args.addAll(List.of(options));
        args.add("-Dguiji.parallelism=2");
        args.add("-Dguiji.processing-date=2026-11-25");
        return args;
    }
}
