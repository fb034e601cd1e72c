package io.guiji.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/standalone/guiji-job.sh stop} against the REST answers a Flink 1.20 cluster gives
 * when a sink fails while the job stops: the savepoint is made, the job fails during stopping
 * (StopWithSavepointStoppingException) and restarts. The script must stop it again rather than
 * report the first savepoint of a job that goes on running; a job that failed for good is an error.
 * The answers are Flink's own shapes, trimmed to the fields the script reads; the happy path runs
 * on a real cluster in {@link GuijiClusterITCase}.
 */
class GuijiJobStopTest {
    private static final String JOB = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String STOPPING_FAILURE =
            "org.apache.flink.runtime.scheduler.stopwithsavepoint.StopWithSavepointStoppingException:"
                    + " A savepoint has been created at: file:/sp/savepoint-1, but the corresponding"
                    + " job "
                    + JOB
                    + " failed during stopping.";

    private HttpServer server;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aJobThatFailsWhileStoppingIsStoppedAgainAndTheSecondSavepointIsPrinted() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        serve(
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    String method = exchange.getRequestMethod();
                    if (method.equals("POST") && path.equals("/jobs/" + JOB + "/stop")) {
                        return trigger(stops.incrementAndGet());
                    }
                    if (path.equals("/jobs/" + JOB + "/savepoints/trigger-1")) {
                        return failedSavepoint(STOPPING_FAILURE);
                    }
                    if (path.equals("/jobs/" + JOB + "/savepoints/trigger-2")) {
                        return completedSavepoint("file:/sp/savepoint-2");
                    }
                    if (path.equals("/jobs/" + JOB + "/status")) {
                        return "{\"status\":\""
                                + (stops.get() >= 2 ? "FINISHED" : "RUNNING")
                                + "\"}";
                    }
                    if (path.equals("/jobs/" + JOB)) {
                        return job("RUNNING", "RUNNING");
                    }
                    return null;
                });

        Result r = stop();

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("file:/sp/savepoint-2");
        assertThat(r.err()).contains("stop attempt 1 failed", "StopWithSavepointStoppingException");
        assertThat(calls).filteredOn(c -> c.equals("POST /jobs/" + JOB + "/stop")).hasSize(2);
    }

    @Test
    void aSecondStopWaitsUntilEveryTaskRunsAgain() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        serve(
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    if (exchange.getRequestMethod().equals("POST")) {
                        return trigger(stops.incrementAndGet());
                    }
                    if (path.endsWith("/savepoints/trigger-1")) {
                        return failedSavepoint(STOPPING_FAILURE);
                    }
                    if (path.endsWith("/savepoints/trigger-2")) {
                        return completedSavepoint("file:/sp/savepoint-2");
                    }
                    if (path.endsWith("/status")) {
                        return "{\"status\":\""
                                + (stops.get() >= 2 ? "FINISHED" : "RESTARTING")
                                + "\"}";
                    }
                    if (path.equals("/jobs/" + JOB)) {
                        if (stops.get() == 0) {
                            return job("RUNNING", "RUNNING");
                        }
                        // restarting: the job is RUNNING again before all its tasks are
                        int n = polls.incrementAndGet();
                        return n < 3
                                ? job("RESTARTING", "CANCELING")
                                : n < 5
                                        ? job("RUNNING", "INITIALIZING")
                                        : job("RUNNING", "RUNNING");
                    }
                    return null;
                });

        Result r = stop();

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("file:/sp/savepoint-2");
        assertThat(polls.get()).as("job polls before the second stop").isGreaterThanOrEqualTo(5);
    }

    @Test
    void aJobFlinkFailsForGoodAfterItsStopSavepointGivesThatSavepoint() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        AtomicInteger statusPolls = new AtomicInteger();
        serve(
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    if (exchange.getRequestMethod().equals("POST")) {
                        return trigger(stops.incrementAndGet());
                    }
                    if (path.endsWith("/savepoints/trigger-1")) {
                        return failedSavepoint(
                                "java.util.concurrent.CompletionException: " + STOPPING_FAILURE);
                    }
                    if (path.endsWith("/status")) {
                        // "the failure is not recoverable": FAILING for a moment, then FAILED
                        return "{\"status\":\""
                                + (statusPolls.incrementAndGet() < 3 ? "FAILING" : "FAILED")
                                + "\"}";
                    }
                    if (path.equals("/jobs/" + JOB)) {
                        return job("RUNNING", "RUNNING");
                    }
                    return null;
                });

        Result r = stop();

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("file:/sp/savepoint-1");
        assertThat(r.err()).contains("failed as it stopped", "resume from it");
        assertThat(stops.get()).isEqualTo(1);
        assertThat(statusPolls.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aJobThatFailedForGoodIsAnErrorNotARetry() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        serve(
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    if (exchange.getRequestMethod().equals("POST")) {
                        return trigger(stops.incrementAndGet());
                    }
                    if (path.endsWith("/savepoints/trigger-1")) {
                        return failedSavepoint(
                                "java.util.concurrent.CompletionException: java.io.IOException: disk full");
                    }
                    if (path.endsWith("/status")) {
                        return "{\"status\":\"FAILED\"}";
                    }
                    if (path.equals("/jobs/" + JOB)) {
                        return job("RUNNING", "RUNNING");
                    }
                    return null;
                });

        Result r = stop();

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("the savepoint failed", "disk full");
        assertThat(stops.get()).isEqualTo(1);
    }

    private static String trigger(int n) {
        return "{\"request-id\":\"trigger-" + n + "\"}";
    }

    private static String completedSavepoint(String location) {
        return "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\""
                + location
                + "\"}}";
    }

    private static String failedSavepoint(String firstLine) {
        return "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"failure-cause\":"
                + "{\"class\":\"java.lang.Exception\",\"stack-trace\":\""
                + firstLine
                + "\\n\\tat org.apache.flink.Some.frame(Some.java:1)\\n\"}}}";
    }

    private static String job(String state, String vertexStatus) {
        return "{\"jid\":\""
                + JOB
                + "\",\"name\":\"guiji stream\",\"state\":\""
                + state
                + "\",\"vertices\":[{\"id\":\"v1\",\"name\":\"Source: records\",\"status\":\""
                + vertexStatus
                + "\"},{\"id\":\"v2\",\"name\":\"link\",\"status\":\""
                + vertexStatus
                + "\"}],\"status-counts\":{\"RUNNING\":2}}";
    }

    private interface Answer {
        String answer(HttpExchange exchange) throws IOException;
    }

    private void serve(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    calls.add(
                            exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                    exchange.getRequestBody().readAllBytes();
                    String body = answer.answer(exchange);
                    byte[] bytes =
                            (body == null ? "{\"errors\":[\"Not found\"]}" : body)
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(
                            body == null
                                    ? 404
                                    : exchange.getRequestMethod().equals("POST") ? 202 : 200,
                            bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
    }

    private record Result(int exit, String out, String err) {}

    private Result stop() throws Exception {
        Path repository = Path.of(System.getProperty("guiji.repository", "../..")).toRealPath();
        ProcessBuilder pb =
                new ProcessBuilder(
                        "bash",
                        repository.resolve("deploy/standalone/guiji-job.sh").toString(),
                        "stop",
                        JOB);
        pb.environment().put("FLINK_REST", "http://127.0.0.1:" + server.getAddress().getPort());
        pb.environment().put("GUIJI_STOP_TIMEOUT", "30");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(
                p.exitValue(),
                new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
