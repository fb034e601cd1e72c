package io.guiji.jobs.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM of its own running {@link Guiji#main} as bin/guiji does: the test's
 * Java and class path, the {@code --add-opens}/{@code --add-exports} Flink needs on Java 17 (as
 * this JVM got them), the command line's log configuration; a small heap and C1 only, as a test's
 * second JVM needs no more.
 */
public final class GuijiJvm {
    private GuijiJvm() {}

    public static List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-XX:TieredStopAtLevel=1");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports"))
                .forEach(command::add);
        command.add(
                "-Dlog4j2.configurationFile="
                        + Path.of("..", "bin", "log4j2-cli.properties").toAbsolutePath().toUri());
        command.add("-cp");
        command.add(
                System.getProperty(
                                "surefire.test.class.path", System.getProperty("java.class.path"))
                        .trim());
        command.add(Guiji.class.getName());
        command.addAll(arguments);
        return command;
    }
}
