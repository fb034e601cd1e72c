package io.guiji.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin/bounded-gc}, which bin/jvm and bench/run.sh ask for the collector of a bounded run:
 * the parallel collector unless the options already name one, and in every case a JVM that starts
 * with the options and what the script adds (a JVM told two collectors refuses to start).
 */
class BoundedGcScriptTest {
    private static final Path SCRIPT = Path.of("..", "bin", "bounded-gc").toAbsolutePath();

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "-Xmx256m|Parallel",
                "''|Parallel",
                "-Xmx256m -XX:+UseG1GC|G1",
                "-XX:+UseSerialGC -Xmx256m|Serial",
                "-Xmx256m -XX:+UseZGC|The Z Garbage Collector",
                "-XX:-UseG1GC|Parallel",
                "-Dguiji.note=UseG1GC -Xmx256m|Parallel"
            })
    void theJvmStartsWithOneCollectorTheOptionsOrTheScriptChose(String options, String expected)
            throws Exception {
        List<String> given =
                options.isBlank() ? List.of() : Arrays.asList(options.trim().split(" "));
        List<String> script = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        script.addAll(given);
        String added = run(script).trim();

        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(given);
        if (!added.isEmpty()) {
            java.add(added);
        }
        java.addAll(List.of("-Xlog:gc:stdout", "-version"));
        String out = run(java);

        assertThat(out)
                .as("the JVM's collector, started with %s", java)
                .contains("Using " + expected);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("exit code of %s: %s", command, out).isZero();
        return out;
    }

    static {
        assertThat(Files.isRegularFile(SCRIPT)).as("%s", SCRIPT).isTrue();
    }
}
