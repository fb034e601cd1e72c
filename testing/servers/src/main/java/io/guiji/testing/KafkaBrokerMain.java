package io.guiji.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Entry point of the broker JVM that {@link KafkaBrokerExtension} starts. Not for tests to call.
 *
 * <p>It runs inside the broker's own JVM, whose classpath is the Kafka broker's plus this one class
 * (copied alone into the broker's work directory), so it may use nothing but {@code java.base} and
 * reaches Kafka through reflection. Usage: {@code KafkaBrokerMain <server.properties> <cluster-id>
 * <work-dir>}. It
 *
 * <ol>
 *   <li>formats the storage, as {@code kafka.tools.StorageTool format -t <cluster-id> -c
 *       <server.properties> --ignore-formatted} would, but in this JVM (saves a JVM start, ~1.5 s);
 *       a restart on the same storage leaves it as it is;
 *   <li>starts a watchdog that halts the JVM and deletes {@code <work-dir>} as soon as standard
 *       input reaches end of file, which happens when the test JVM that holds the other end of the
 *       pipe exits by any means, including {@code kill -9}: no broker outlives its test run;
 *   <li>runs {@code kafka.Kafka <server.properties>}.
 * </ol>
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length != 3) {
            System.err.println(
                    "usage: KafkaBrokerMain <server.properties> <cluster-id> <work-dir>");
            System.exit(2);
        }
        String serverProperties = args[0];
        Path workDir = Path.of(args[2]);

        Thread watchdog = new Thread(() -> haltWhenParentIsGone(workDir), "guiji-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method format =
                Class.forName("kafka.tools.StorageTool")
                        .getMethod("execute", String[].class, PrintStream.class);
        int formatted =
                (int)
                        invoke(
                                format,
                                new String[] {
                                    "format",
                                    "-t",
                                    args[1],
                                    "-c",
                                    serverProperties,
                                    "--ignore-formatted"
                                },
                                System.out);
        if (formatted != 0) {
            System.err.println("kafka.tools.StorageTool format exited with " + formatted);
            System.exit(formatted);
        }

        Method kafka = Class.forName("kafka.Kafka").getMethod("main", String[].class);
        invoke(kafka, (Object) new String[] {serverProperties});
    }

    private static Object invoke(Method method, Object... args) throws Throwable {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltWhenParentIsGone(Path workDir) {
        try {
            while (System.in.read() != -1) {
                // The test JVM never writes; we only wait for the pipe to close.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of file.
        }
        System.err.println("KafkaBrokerMain: the test JVM is gone; halting the broker.");
        deleteQuietly(workDir);
        Runtime.getRuntime().halt(143);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort: the JVM is about to halt.
        }
    }
}
