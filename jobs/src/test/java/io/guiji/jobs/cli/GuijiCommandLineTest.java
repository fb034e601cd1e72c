package io.guiji.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * {@link Guiji#commandLine}: the command the first argument names is the only one built; any other
 * first argument gets every command and {@code completion}, which help, suggestions and the
 * completion script need.
 */
class GuijiCommandLineTest {
    private static final List<String> NAMES =
            Guiji.COMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList();

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        for (String name : NAMES) {
            assertThat(Guiji.commandLine(name, "--help").getSubcommands().keySet())
                    .as("guiji %s", name)
                    .containsExactly(name);
        }
    }

    @Test
    void anythingElseGetsEveryCommandInTheHelpsOrder() {
        List<String> all = new ArrayList<>(NAMES);
        all.add("completion");
        for (String[] args :
                List.of(
                        new String[] {},
                        new String[] {"--help"},
                        new String[] {"--verbose", "run"},
                        new String[] {"rnu"},
                        new String[] {"completion"},
                        new String[] {"RUN"})) {
            assertThat(Guiji.commandLine(args).getSubcommands().keySet())
                    .as("guiji %s", String.join(" ", args))
                    .containsExactlyElementsOf(all);
        }
    }

    @Test
    void aMisspeltCommandIsStillAnsweredWithTheNearestOne() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Guiji.execute("reveiw");
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("did you mean review?");
    }
}
