package io.guiji.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/small-input-jit}, which bin/jvm asks whether a bounded run compiles with the client
 * compiler only: for {@code run} on an input folder of at most the limit and for {@code demo},
 * unless the JVM options already set the JIT's tiers. The limit is lowered here to 1,000 bytes.
 */
class SmallInputJitScriptTest {
    private static final Path SCRIPT = Path.of("..", "bin", "small-input-jit").toAbsolutePath();
    private static final String FLAG = "-XX:TieredStopAtLevel=1";

    @TempDir Path dir;

    @Test
    void aRunOnASmallInputGetsTheClientCompilerOnly() throws Exception {
        Path small = folder("small", 999);
        assertThat(flags(Map.of(), "run", "--input", small.toString(), "--output", "/tmp/o"))
                .isEqualTo(FLAG);
        assertThat(flags(Map.of(), "--verbose", "run", "--input=" + small, "-Dk=v"))
                .isEqualTo(FLAG);
        assertThat(flags(Map.of(), "demo", "--seed", "7")).as("demo's sample").isEqualTo(FLAG);
    }

    @Test
    void aLargeInputAnotherCommandOrChosenTiersGetNothing() throws Exception {
        Path small = folder("small", 500);
        Path large = folder("large", 1001);
        Path link = Files.createSymbolicLink(dir.resolve("link"), large);
        assertThat(flags(Map.of(), "run", "--input", large.toString())).isEmpty();
        assertThat(flags(Map.of(), "run", "--input", link.toString()))
                .as("a link to a large input is measured through the link")
                .isEmpty();
        assertThat(flags(Map.of(), "stream", "--input", small.toString())).isEmpty();
        assertThat(flags(Map.of(), "run", "--input", dir.resolve("missing").toString())).isEmpty();
        assertThat(
                        flags(
                                Map.of("GUIJI_JAVA_OPTS", "-Xmx1g -XX:-TieredCompilation"),
                                "run",
                                "--input",
                                small.toString()))
                .isEmpty();
    }

    /** A folder holding {@code bytes} bytes in two files, one in a subfolder. */
    private Path folder(String name, int bytes) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name).resolve("records"));
        Files.write(f.resolve("a.csv"), new byte[bytes / 2]);
        Files.write(f.getParent().resolve("b.csv"), new byte[bytes - bytes / 2]);
        return f.getParent();
    }

    private static String flags(Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("GUIJI_JAVA_OPTS");
        pb.environment().put("GUIJI_SMALL_INPUT_BYTES", "1000");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as("exit code of %s: %s", command, out).isZero();
        return out;
    }
}
