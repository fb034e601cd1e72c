package io.guiji.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real standalone Flink session cluster for {@code *ITCase} tests, driven only through what an
 * operator uses: {@code deploy/standalone/flink-cluster.sh} starts the JobManager and the
 * TaskManagers {@code tm1}, {@code tm2} (one slot each, so a job of parallelism 2 runs on both),
 * each its own JVM on 127.0.0.1 from the Maven-resolved Flink jars; {@code
 * deploy/standalone/guiji-job.sh} submits the shaded job jar over REST, stops it with a savepoint
 * and resumes it; Flink's REST API answers the questions.
 *
 * <p>Started in the background by {@code beforeAll} (so the Kafka broker and PostgreSQL can start
 * meanwhile); every method waits for it. Ports are free ones; the cluster's directory (conf, logs,
 * checkpoints, savepoints) is kept under {@code target/flink-cluster/} for inspection, its JVMs'
 * working directories only when a test failed. A failed test prints the tails of the cluster's
 * logs. {@code afterAll} and a shutdown hook stop every process; if this JVM is killed outright,
 * the script's watchdog ({@code FLINK_CLUSTER_OWNER_PID}) does.
 */
final class StandaloneCluster implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    /**
     * Extra cluster configuration: failure detection in seconds rather than Flink's 50 s default.
     */
    private static final String TEST_PROPERTIES =
            String.join(
                    "\n",
                    "heartbeat.interval: 1000",
                    "heartbeat.timeout: 10000",
                    "rest.client.max-content-length: 209715200");

    private final Path repository =
            Path.of(System.getProperty("guiji.repository", "../..")).toAbsolutePath().normalize();
    private final Path jobJar =
            Path.of(
                            System.getProperty(
                                    "guiji.job.jar",
                                    "../../jobs/target/guiji-jobs-0.1.0-SNAPSHOT-job.jar"))
                    .toAbsolutePath()
                    .normalize();
    private final Path home =
            Path.of(System.getProperty("guiji.cluster.home", "target/flink-cluster"))
                    .toAbsolutePath()
                    .normalize()
                    .resolve(UUID.randomUUID().toString().substring(0, 8));
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private volatile CompletableFuture<Void> started;
    private volatile Thread shutdownHook;
    private int restPort;
    private volatile boolean failed;

    /**
     * An environment variable for every process of the cluster (the job's main() runs in the
     * JobManager).
     */
    StandaloneCluster withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!Files.isRegularFile(jobJar)) {
            throw new IllegalStateException(
                    "No job jar at "
                            + jobJar
                            + ": run the build through `mvn verify` (jobs is packaged first)");
        }
        restPort = freePort();
        environment.put("GUIJI_FLINK_HOME", home.toString());
        environment.put("FLINK_REST_PORT", String.valueOf(restPort));
        environment.put("FLINK_RPC_PORT", String.valueOf(freePort()));
        int prometheus = freePort();
        environment.put("FLINK_PROM_PORTS", prometheus + "-" + (prometheus + 10));
        environment.put("TASKMANAGERS", "2");
        environment.put("TASK_SLOTS", "1");
        environment.put("FLINK_PROPERTIES", TEST_PROPERTIES);
        environment.put("GUIJI_JOB_JAR", jobJar.toString());
        String classpath = System.getProperty("guiji.flink.classpath");
        if (classpath != null) {
            environment.put("FLINK_CLASSPATH_FILE", classpath);
        }
        // Short-lived test JVMs: C1 only starts them in half the time on two cores.
        environment.put("FLINK_JVM_OPTS", "-XX:TieredStopAtLevel=1 -XX:-UsePerfData");
        // Should this JVM die without stopping the cluster, the script's watchdog stops it.
        environment.put("FLINK_CLUSTER_OWNER_PID", String.valueOf(ProcessHandle.current().pid()));
        shutdownHook = new Thread(this::stopQuietly, "stop standalone Flink cluster");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        started =
                CompletableFuture.runAsync(
                        () -> {
                            long t0 = System.nanoTime();
                            cluster("start");
                            System.out.printf(
                                    "standalone cluster (JobManager, tm1, tm2) up: %.1f s%n",
                                    (System.nanoTime() - t0) / 1e9);
                        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopQuietly();
        if (!failed) {
            // The JVMs' working directories (blobs, RocksDB, about 270 MB); logs, checkpoints and
            // savepoints stay.
            deleteRecursively(home.resolve("tmp"));
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
        System.out.println("---- logs of the standalone cluster in " + home + " (tails) ----");
        try (Stream<Path> logs = Files.list(home.resolve("log"))) {
            logs.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".out"))
                    .sorted()
                    .forEach(p -> System.out.println("== " + p.getFileName() + "\n" + tail(p, 60)));
        } catch (IOException | UncheckedIOException e) {
            System.out.println("(no logs: " + e + ")");
        }
    }

    private void stopQuietly() {
        if (started == null) {
            return;
        }
        try {
            started.get(180, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stop whatever did start
        }
        try {
            cluster("stop");
        } catch (RuntimeException e) {
            System.err.println("stopping the standalone cluster: " + e.getMessage());
        }
    }

    private void ready() {
        try {
            started.get(180, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "The standalone cluster did not start: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("The standalone cluster did not start within 180 s", e);
        }
    }

    // ------------------------------------------------------------------ deploy/standalone scripts

    /** {@code flink-cluster.sh ARGS}; returns its output. */
    String cluster(String... args) {
        return script("flink-cluster.sh", List.of(args));
    }

    /** {@code guiji-job.sh submit -- JOB_ARGS}: the job id. */
    String submit(List<String> jobArgs) {
        ready();
        List<String> args = new ArrayList<>(List.of("submit", "--"));
        args.addAll(jobArgs);
        return lastLine(script("guiji-job.sh", args));
    }

    /**
     * {@code guiji-job.sh stop JOB_ID}: stops the job with a savepoint, waits until it finished;
     * the savepoint's path.
     */
    String stopWithSavepoint(String jobId) {
        return lastLine(script("guiji-job.sh", List.of("stop", jobId)));
    }

    /** {@code guiji-job.sh resume SAVEPOINT -- JOB_ARGS}: the new job's id. */
    String resume(String savepoint, List<String> jobArgs) {
        List<String> args = new ArrayList<>(List.of("resume", savepoint, "--"));
        args.addAll(jobArgs);
        return lastLine(script("guiji-job.sh", args));
    }

    /** {@code guiji-job.sh cancel JOB_ID}. */
    void cancel(String jobId) {
        script("guiji-job.sh", List.of("cancel", jobId));
    }

    /** Starts one more TaskManager (a replacement) with the cluster's configuration. */
    void startTaskManager(String name) {
        ready();
        cluster("start-taskmanager", name);
    }

    /**
     * SIGKILL to a TaskManager's JVM, no shutdown of any kind; returns once the process is gone.
     */
    void killTaskManager(String name) throws Exception {
        ready();
        long pid =
                Long.parseLong(Files.readString(home.resolve("pid").resolve(name + ".pid")).trim());
        Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -KILL " + pid + " (" + name + ") failed");
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        await(
                name + " (pid " + pid + ") to die",
                Duration.ofSeconds(10),
                () -> handle.map(h -> !h.isAlive()).orElse(true));
    }

    private String script(String name, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(repository.resolve("deploy/standalone").resolve(name).toString());
        command.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(repository.toFile());
            pb.environment().putAll(environment);
            Path err = Files.createTempFile("guiji-script", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(300, TimeUnit.SECONDS);
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (!done) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        name + " " + args + " did not finish in 300 s\n" + out + stderr);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        name
                                + " "
                                + String.join(" ", args)
                                + " failed (exit "
                                + p.exitValue()
                                + "):\n"
                                + out
                                + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    // ------------------------------------------------------------------ REST API

    /** GET on the REST API, as JSON. */
    JsonNode get(String path) {
        ready();
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + restPort + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "GET " + path + ": HTTP " + r.statusCode() + ": " + r.body());
            }
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String jobStatus(String jobId) {
        return get("/jobs/" + jobId + "/status").path("status").asText();
    }

    /** True when the job and every one of its tasks are RUNNING. */
    boolean allTasksRunning(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode v : job.path("vertices")) {
            if (v.path("tasks").path("RUNNING").asInt() != v.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** The job-level metric {@code numRestarts}. */
    long restarts(String jobId) {
        for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return Long.parseLong(m.path("value").asText("0"));
        }
        return 0;
    }

    long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** The resource ids of the TaskManagers registered now. */
    List<String> taskManagers() {
        List<String> ids = new ArrayList<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** The TaskManagers that run the job's tasks now (from every vertex's task list). */
    List<String> taskManagersOf(String jobId) {
        List<String> ids = new ArrayList<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm :
                    get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers")
                            .path("taskmanagers")) {
                String id = tm.path("taskmanager-id").asText();
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** The Prometheus reporter's text exposition of every JVM of the cluster, concatenated. */
    String prometheusScrape() {
        ready();
        String range = environment.get("FLINK_PROM_PORTS");
        int first = Integer.parseInt(range.substring(0, range.indexOf('-')));
        int last = Integer.parseInt(range.substring(range.indexOf('-') + 1));
        StringBuilder all = new StringBuilder();
        for (int port = first; port <= last; port++) {
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .timeout(Duration.ofSeconds(5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    all.append(r.body());
                }
            } catch (IOException e) {
                // nothing listens on this port of the range
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return all.toString();
    }

    Path home() {
        return home;
    }

    /** The cluster's log files (of every JVM, .log and .out) that contain {@code text}. */
    List<String> logsContaining(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.list(home.resolve("log"))) {
            for (Path p : logs.sorted().toList()) {
                if (Files.isRegularFile(p)
                        && new String(Files.readAllBytes(p), StandardCharsets.UTF_8)
                                .contains(text)) {
                    found.add(p.getFileName().toString());
                }
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ helpers

    static void await(String what, Duration timeout, BooleanSupplier done)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
        System.out.printf("%s: %.1f s%n", what, (System.nanoTime() - start) / 1e9);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
