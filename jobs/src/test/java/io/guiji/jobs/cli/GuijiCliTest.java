package io.guiji.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Guiji#execute}: bad arguments and unusable input end in exit code 2 and one line on stderr
 * starting {@code guiji:}, never a stack trace (docs/contract.md §10). Every case here fails before
 * a Flink job would start.
 */
class GuijiCliTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @TempDir Path dir;

    @BeforeAll
    static void notInDebugMode() {
        assumeTrue(
                System.getenv("GUIJI_DEBUG") == null, "GUIJI_DEBUG prints stack traces on purpose");
    }

    /**
     * picocli creates its writers from System.err/System.out when first used, so swapping them here
     * captures them.
     */
    @BeforeEach
    void captureConsole() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    /** The one error line, after checking the shape every failure must have. */
    private String failsWithOneLine(String... args) {
        int exit = Guiji.execute(args);
        String stderr = err.toString(StandardCharsets.UTF_8);
        String stdout = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("exit code; stderr: %s", stderr).isEqualTo(2);
        assertThat(errLines()).as("stderr").hasSize(1);
        String line = errLines().get(0);
        assertThat(line).startsWith("guiji: ");
        for (String console : List.of(stderr, stdout)) {
            assertThat(console)
                    .as("no stack trace")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception in thread")
                    .doesNotContainPattern("\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error)\\b");
        }
        return line;
    }

    private Path inputWithRecords() throws IOException {
        Path input = dir.resolve("in");
        Files.createDirectories(input.resolve("records/SCJG01/penalty"));
        Files.writeString(
                input.resolve("records/SCJG01/penalty/a.csv"),
                "行政相对人名称,行政处罚决定书文号,处罚决定日期\n朝阳市某某商贸有限公司,朝市监罚〔2023〕12号,2023-05-06\n");
        return input;
    }

    private String[] run(Path input, String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "run",
                                "--input",
                                input.toString(),
                                "--output",
                                dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** No anonymous access to supervision data: beyond loopback the dashboard needs a token. */
    @Test
    void theDashboardRefusesToListenBeyondLoopbackWithoutAToken() throws IOException {
        Path conf = dir.resolve("dashboard.conf");
        Files.writeString(
                conf,
                "guiji.postgres.url: jdbc:postgresql://127.0.0.1:5432/guiji\n"
                        + "guiji.dashboard.bind: 0.0.0.0\n"
                        + "guiji.dashboard.token-env: GUIJI_CLI_TEST_UNSET_TOKEN\n");

        String line = failsWithOneLine("dashboard", "--config", conf.toString());

        assertThat(line).contains("guiji.dashboard.bind").contains("access token");
    }

    @Test
    void theDashboardNeedsTheDatabase() throws IOException {
        Path conf = dir.resolve("dashboard.conf");
        Files.writeString(conf, "guiji.dashboard.port: 0\n");

        String line = failsWithOneLine("dashboard", "--config", conf.toString());

        assertThat(line).contains("guiji.postgres.url");
    }

    @Test
    void noCommandAsksForOne() {
        String line = failsWithOneLine();

        assertThat(line).contains("choose a command").contains("run");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--bogus", "-x"})
    void anUnknownOptionIsNamed(String option) {
        String line = failsWithOneLine(option);

        assertThat(line).contains(option);
    }

    @Test
    void anUnknownOptionOfRunIsNamed() throws IOException {
        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        inputWithRecords().toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--bogus");

        assertThat(line).contains("--bogus").contains("guiji run --help");
    }

    @Test
    void runWithoutInputSaysWhatIsMissing() {
        String line = failsWithOneLine("run", "--output", dir.resolve("out").toString());

        assertThat(line).contains("--input").contains("guiji run --help");
    }

    @Test
    void runOnANonexistentInputSaysItIsNotADirectory() {
        String line =
                failsWithOneLine(
                        "run", "--input", "/nonexistent", "--output", dir.resolve("X").toString());

        assertThat(line).contains("/nonexistent").contains("is not a directory");
        assertThat(dir.resolve("X"))
                .as("nothing written for a run that cannot start")
                .doesNotExist();
    }

    @Test
    void runOnAFileAsInputSaysItIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("input.csv"), "a,b\n");

        String line =
                failsWithOneLine(
                        "run", "--input", file.toString(), "--output", dir.resolve("X").toString());

        assertThat(line).contains("is not a directory");
    }

    @Test
    void runOnAnInputWithoutRecordsFolderSaysSo() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.createDirectories(input.resolve("registry"));

        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        input.toString(),
                        "--output",
                        dir.resolve("out").toString());

        assertThat(line).contains("records/");
    }

    @Test
    void aCoverageTargetAboveOneNamesTheKey() throws IOException {
        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        inputWithRecords().toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "-Dguiji.coverage.target=2");

        assertThat(line).contains("guiji.coverage.target");
    }

    @Test
    void anUnparseableProcessingDateNamesTheKey() throws IOException {
        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        inputWithRecords().toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "-Dguiji.processing-date=25.11.2026");

        assertThat(line).contains("guiji.processing-date").contains("yyyy-MM-dd");
    }

    @Test
    void aParallelismThatIsNotANumberNamesTheKeyAndTheValue() throws IOException {
        String line = failsWithOneLine(run(inputWithRecords(), "-Dguiji.parallelism=abc"));

        assertThat(line).contains("guiji.parallelism").contains("whole number").contains("'abc'");
    }

    @Test
    void aDurationThatIsNotADurationNamesTheKey() throws IOException {
        String line =
                failsWithOneLine(run(inputWithRecords(), "-Dguiji.coverage.min-interval=often"));

        assertThat(line)
                .contains("guiji.coverage.min-interval")
                .contains("duration")
                .contains("'often'");
    }

    @Test
    void aMisspeltGuijiKeySuggestsTheRightOne() throws IOException {
        String line = failsWithOneLine(run(inputWithRecords(), "-Dguiji.paralelism=2"));

        assertThat(line).contains("guiji.paralelism").contains("did you mean guiji.parallelism?");
    }

    @Test
    void aMisspeltKeyInTheConfigFileSuggestsTheRightOne() throws IOException {
        Path conf = Files.writeString(dir.resolve("guiji.conf"), "guiji.coverage.targte: 0.9\n");

        String line = failsWithOneLine(run(inputWithRecords(), "--config", conf.toString()));

        assertThat(line).contains("did you mean guiji.coverage.target?");
    }

    @Test
    void anEmptyRecordsFolderSaysWhereToPutFiles() throws IOException {
        Path input = Files.createDirectories(dir.resolve("in/records"));
        Files.createDirectories(input.resolve("SCJG01/penalty"));
        Files.writeString(input.resolve("SCJG01/penalty/.hidden.csv"), "a,b\n1,2\n");

        String line = failsWithOneLine(run(input.getParent()));

        assertThat(line)
                .contains("records")
                .contains("holds no files")
                .contains("records/<dept_code>/<record_type>/");
        assertThat(dir.resolve("out"))
                .as("nothing written for a run that cannot start")
                .doesNotExist();
    }

    @Test
    void aBrokenLinkInRecordsNamesTheFile() throws IOException {
        Path input = inputWithRecords();
        Path link = input.resolve("records/SCJG01/penalty/b.csv");
        Files.createSymbolicLink(link, dir.resolve("gone.csv"));

        String line = failsWithOneLine(run(input));

        assertThat(line)
                .contains(link.toString())
                .contains("broken link")
                .contains("move it out of");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBrokenLinkInTheRegistryNamesTheFile() throws IOException {
        Path input = inputWithRecords();
        Path link = Files.createDirectories(input.resolve("registry")).resolve("enterprises.csv");
        Files.createSymbolicLink(link, dir.resolve("gone.csv"));

        String line = failsWithOneLine(run(input));

        assertThat(line).contains(link.toString()).contains("cannot read input file");
    }

    @Test
    void anUnreadableFolderIsNamed() throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every folder");
        Path input = inputWithRecords();
        Path folder = Files.createDirectories(input.resolve("records/SCJG01/license"));
        Files.setPosixFilePermissions(folder, java.util.Set.of());
        try {
            String line = failsWithOneLine(run(input));

            assertThat(line).contains(folder.toString()).contains("permission denied");
        } finally {
            Files.setPosixFilePermissions(
                    folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void anOutputThatCannotBeCreatedIsNamed() throws IOException {
        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        inputWithRecords().toString(),
                        "--output",
                        "/proc/guiji-out");

        assertThat(line)
                .startsWith("guiji: cannot write the output folder /proc/guiji-out: ")
                .endsWith("; choose a writable --output");
    }

    /** /proc looks writable to root; the sinks would fail inside the job with only a path. */
    @Test
    void anOutputThatLooksWritableButIsNotIsNamedBeforeTheJob() throws IOException {
        String line =
                failsWithOneLine(
                        "run", "--input", inputWithRecords().toString(), "--output", "/proc");

        assertThat(line)
                .startsWith("guiji: cannot write the output folder /proc: ")
                .endsWith("; choose a writable --output");
    }

    @Test
    void aMisspeltOptionSuggestsTheRightOneEvenWhenARequiredOneLooksMissing() throws IOException {
        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        inputWithRecords().toString(),
                        "--outptu",
                        dir.resolve("out").toString());

        assertThat(line)
                .isEqualTo(
                        "guiji: unknown option --outptu: did you mean --output? (see 'guiji run --help')");
    }

    @Test
    void aMisspeltCommandSuggestsTheRightOne() {
        String line = failsWithOneLine("rnu");

        assertThat(line).contains("unknown command rnu: did you mean run?");
    }

    @Test
    void aMisspeltFlinkKeySuggestsTheRightOne() throws IOException {
        String line =
                failsWithOneLine(run(inputWithRecords(), "-Dtaskmanager.memroy.managed.size=512m"));

        assertThat(line)
                .contains("-D: taskmanager.memroy.managed.size is not a guiji or Flink option")
                .endsWith("did you mean taskmanager.memory.managed.size?");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Dfoo.bar=1", "-Dguiji.something.entirely.different=x"})
    void aKeyFarFromEveryOptionIsRefused(String option) throws IOException {
        String line = failsWithOneLine(run(inputWithRecords(), option));

        assertThat(line)
                .contains(option.substring(2, option.indexOf('=')))
                .contains("is not a guiji or Flink option");
    }

    @Test
    void anUnknownKeyInTheConfigFileNamesTheFile() throws IOException {
        Path conf =
                Files.writeString(
                        dir.resolve("guiji.conf"),
                        "guiji.parallelism: 2\nexecution.chekpointing.interval: 10 s\n");

        String line = failsWithOneLine(run(inputWithRecords(), "--config", conf.toString()));

        assertThat(line)
                .contains("configuration file " + conf + ": execution.chekpointing.interval")
                .contains("did you mean execution.checkpointing.interval?");
    }

    @Test
    void aFlinkValueOfTheWrongTypeNamesTheKeyAndTheType() throws IOException {
        String line = failsWithOneLine(run(inputWithRecords(), "-Dparallelism.default=abc"));

        assertThat(line)
                .isEqualTo(
                        "guiji: configuration parallelism.default must be a whole number, not 'abc'");
    }

    @Test
    void aLogFileThatCannotBeWrittenIsNamed() throws IOException {
        String line =
                failsWithOneLine(run(inputWithRecords(), "--log-file", "/proc/guiji/run.log"));

        assertThat(line)
                .contains("cannot write the log file /proc/guiji/run.log: ")
                .contains("choose a writable --log-file");
        assertThat(dir.resolve("out")).as("nothing run").doesNotExist();
    }

    @Test
    void verboseAddsTheStackTraceToTheOneLine() {
        int exit =
                Guiji.execute(
                        "run",
                        "--verbose",
                        "--input",
                        "/nonexistent",
                        "--output",
                        dir.resolve("X").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errLines().get(0)).startsWith("guiji: input /nonexistent is not a directory");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\tat io.guiji.jobs.");
    }

    @Test
    void verboseMayComeBeforeTheCommand() {
        int exit =
                Guiji.execute(
                        "--verbose",
                        "run",
                        "--input",
                        "/nonexistent",
                        "--output",
                        dir.resolve("X").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\tat io.guiji.jobs.");
    }

    @Test
    void theVersionNamesGuijiAndFlink() {
        int exit = Guiji.execute("--version");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("(?m)^guiji \\d+\\.\\d+\\.\\d+")
                .contains(
                        "Flink "
                                + org.apache.flink.runtime.util.EnvironmentInformation.getVersion())
                .doesNotContain("unknown");
    }

    @Test
    void completionPrintsABashScriptOfEveryCommandAndOption() {
        int exit = Guiji.execute("completion");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("complete -F _complete_guiji")
                .contains("run")
                .contains("stream")
                .contains("--input")
                .contains("--log-file");
    }

    /**
     * The example of -D on a line of its own: a wrap inside the key would break a copy and paste.
     */
    @Test
    void theHelpShowsTheDefineExampleWhole() {
        Guiji.execute("run", "--help");

        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(l -> assertThat(l.strip()).isEqualTo("-Dguiji.coverage.target=0.9"));
    }

    @Test
    void anOutputThatIsAFileIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("out.txt"), "x");

        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        inputWithRecords().toString(),
                        "--output",
                        file.toString());

        assertThat(line).contains(file.toString()).contains("is not a directory");
    }

    @Test
    void aMissingConfigFileIsOneLine() throws IOException {
        String line =
                failsWithOneLine(
                        "run",
                        "--input",
                        inputWithRecords().toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--config",
                        dir.resolve("nope.conf").toString());

        assertThat(line)
                .isEqualTo(
                        "guiji: cannot read configuration file "
                                + dir.resolve("nope.conf")
                                + ": no such file; check --config");
    }

    @Test
    void aConfigFolderInsteadOfAFileIsOneLineNamingIt() throws IOException {
        String line = failsWithOneLine(run(inputWithRecords(), "--config", dir.toString()));

        assertThat(line)
                .startsWith("guiji: cannot read configuration file " + dir + ": ")
                .endsWith("; check --config");
    }

    @Test
    void helpIsNotAnError() {
        int exit = Guiji.execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("run").contains("stream");
        assertThat(errLines()).isEmpty();
    }
}
