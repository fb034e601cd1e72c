package io.guiji.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of the test's own, for tests that stop it or take rights away: {@code initdb}
 * into a temporary folder, {@code pg_ctl} on a free port on 127.0.0.1, trust authentication, one
 * database {@value #DATABASE}. Unlike {@link PostgresExtension} it never touches the shared server,
 * so {@link #stop()} and {@link #start()} may be called freely in the middle of a test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PrivatePostgresExtension PG = new PrivatePostgresExtension();
 *
 * @Test
 * void ridesOutAnOutage() throws Exception {
 *     ... job writing to PG.jdbcUrl() as PG.user() ...
 *     PG.stop();   // clients now get "connection refused"
 *     PG.start();  // same port, same data
 * }
 * }</pre>
 *
 * <p>A {@code static} field gives one server per test class. The binaries come from {@code
 * GUIJI_PG_BIN} if set, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's
 * layout). PostgreSQL refuses to run as root: when the tests run as root the server's commands run
 * as the {@code postgres} OS user through {@code runuser}, and the folder is handed to that user.
 * The server is made for speed, not durability ({@code fsync=off}): {@link #stop()} is a fast
 * shutdown, which keeps committed data. A JVM shutdown hook stops it if a test does not.
 */
public final class PrivatePostgresExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String BIN_ENV = "GUIJI_PG_BIN";
    public static final String DATABASE = "guiji";
    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PrivatePostgresExtension.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private Path bin;
    private Path workDir;
    private int port;
    private Thread shutdownHook;
    private volatile boolean running;

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        destroy();
    }

    /**
     * Initializes the data folder, starts the server and creates {@value #DATABASE}; the JUnit
     * callback calls this.
     */
    public synchronized void create() throws IOException, InterruptedException, SQLException {
        if (workDir != null) {
            return;
        }
        bin = binaries();
        workDir = Files.createTempDirectory("guiji-pg-");
        shutdownHook = new Thread(this::destroyQuietly, "guiji-private-postgres-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        if (isRoot()) {
            run(List.of("chown", "-R", SUPERUSER + ":", workDir.toString()), false);
        }
        run(
                command(
                        "initdb",
                        "-D",
                        dataDir().toString(),
                        "-U",
                        SUPERUSER,
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync"),
                true);
        port = freePort();
        start();
        try (Connection c = DriverManager.getConnection(url("postgres"), properties(SUPERUSER));
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE DATABASE "
                            + DATABASE
                            + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
    }

    /**
     * Starts the server (again) on the same port with the same data; waits until it accepts
     * connections.
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (running) {
            return;
        }
        long t0 = System.nanoTime();
        String options =
                "-p "
                        + port
                        + " -k "
                        + workDir
                        + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60";
        run(
                command(
                        "pg_ctl",
                        "-D",
                        dataDir().toString(),
                        "-o",
                        options,
                        "-l",
                        workDir.resolve("postgres.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "start"),
                true);
        running = true;
        LOG.info(
                "private PostgreSQL on 127.0.0.1:{} started in {} ms ({})",
                port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                workDir);
    }

    /**
     * Stops the server (fast shutdown: open connections are ended, committed data stays); {@link
     * #start()} brings it back.
     */
    public synchronized void stop() throws IOException, InterruptedException {
        if (!running) {
            return;
        }
        run(
                command(
                        "pg_ctl",
                        "-D",
                        dataDir().toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "60",
                        "stop"),
                true);
        running = false;
        LOG.info("private PostgreSQL on 127.0.0.1:{} stopped", port);
    }

    /** Stops the server and deletes its folder; the JUnit callback calls this. */
    public synchronized void destroy() {
        destroyQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down; the hook does the same.
            }
            shutdownHook = null;
        }
    }

    private synchronized void destroyQuietly() {
        if (workDir == null) {
            return;
        }
        try {
            if (running) {
                run(
                        command(
                                "pg_ctl",
                                "-D",
                                dataDir().toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "-t",
                                "30",
                                "stop"),
                        true);
                running = false;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.warn("could not stop the private PostgreSQL in {}: {}", workDir, e.toString());
        }
        deleteRecursively(workDir);
        workDir = null;
    }

    // ------------------------------------------------------------------ access

    /** JDBC URL of the database {@value #DATABASE}. */
    public String jdbcUrl() {
        return url(DATABASE);
    }

    /**
     * The superuser; tests that revoke rights create a role of their own with {@link
     * #connection()}.
     */
    public String user() {
        return SUPERUSER;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return running;
    }

    /** A new superuser connection to {@value #DATABASE}; the caller closes it. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties(SUPERUSER));
    }

    private String url(String database) {
        if (workDir == null) {
            throw new IllegalStateException(
                    "the private PostgreSQL is not created: register PrivatePostgresExtension with"
                            + " @RegisterExtension on a static field");
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Properties properties(String user) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "5");
        p.setProperty("loginTimeout", "5");
        return p;
    }

    // ------------------------------------------------------------------ processes

    private Path dataDir() {
        return workDir.resolve("data");
    }

    private List<String> command(String program, String... args) {
        List<String> c = new ArrayList<>();
        if (isRoot()) {
            c.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        c.add(bin.resolve(program).toString());
        c.addAll(List.of(args));
        return c;
    }

    private void run(List<String> command, boolean inWorkDir)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("guiji-pg-cmd-", ".log");
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile());
            if (inWorkDir) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " exited with "
                                + p.exitValue()
                                + ":\n"
                                + Files.readString(out, StandardCharsets.UTF_8)
                                + logTail());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String logTail() {
        Path log = workDir == null ? null : workDir.resolve("postgres.log");
        try {
            if (log == null || !Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\nlast lines of "
                    + log
                    + ":\n"
                    + String.join(
                            "\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static Path binaries() throws IOException {
        String configured = System.getenv(BIN_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest =
                        versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                                .max(
                                        Comparator.comparing(
                                                v -> versionNumber(v.getFileName().toString())))
                                .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException(
                "PrivatePostgresExtension needs PostgreSQL's initdb and pg_ctl: none under /usr/lib/postgresql/*/bin;"
                        + " install the server (apt-get install postgresql) or set "
                        + BIN_ENV
                        + " to the folder that holds them");
    }

    private static double versionNumber(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
