package io.guiji.bench;

import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.stream.GuijiStreamJob;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The registry's load into a running streaming job and the job's restore after its TaskManager is
 * killed, on {@link GuijiStreamJob} as {@link StreamBench} runs it (real Kafka broker, PostgreSQL,
 * exactly once, 1 s checkpoints, parallelism 2) but on a {@link MiniCluster} of its own with one
 * TaskManager, so that the TaskManager can be terminated and started again. In one run:
 *
 * <ol>
 *   <li><b>load</b>: the registry topic is filled, the job submitted; the time from submission
 *       until the job's consumer group has committed the registry topic's end (offsets are
 *       committed when a checkpoint completes, and an aligned checkpoint past the last entry means
 *       every linking subtask applied it); the used heap after GC before submission and after the
 *       load (the job's TaskManager runs in this JVM; the registry's messages are dropped first);
 *   <li><b>restore</b>: {@code --records} department messages are produced; when a quarter of their
 *       results are visible, TaskManager 0 is terminated and a new one started; the times from the
 *       kill until the job is RUNNING again, until all its tasks are RUNNING, until each linking
 *       subtask logs {@code registry index rebuilt}, and until results are published again;
 *   <li><b>exactly once</b>: every message has a result, no {@code (record_id, version)} of the
 *       unified topic and no rejected input is published twice ({@code read_committed}), and
 *       PostgreSQL holds exactly the results seen.
 * </ol>
 *
 * <p>{@code --registry-copies K} sends the registry K times, each copy after the first with other
 * codes and trade names ({@link Copies}): {@link GenerateData} cannot make 10 million entries, so a
 * 10M registry is 1M sent ten times, each copy a distinct enterprise's entry.
 *
 * <pre>
 * {@code --input bench/data/r1000000-e1000000 [--records 30000] [--registry N] [--registry-copies K]}
 * </pre>
 */
public final class StreamRestoreBench {
    private static final String REBUILT = "registry index rebuilt";
    private static final String REVERSE_REBUILT = "reverse index rebuilt";

    private StreamRestoreBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input")).toAbsolutePath();
        int records = a.getInt("records", 30_000);
        int registryMax = a.getInt("registry", Integer.MAX_VALUE);
        int copies = a.getInt("registry-copies", 1);
        System.out.println("machine: " + Machine.describe());
        RebuiltLines rebuilt = RebuiltLines.install();

        List<byte[]> messages =
                StreamBench.messages(input.resolve("records"), input, records, true);
        List<byte[]> registry =
                StreamBench.messages(input.resolve("registry"), input, registryMax, false);
        List<byte[]> catalog =
                StreamBench.messages(input.resolve("catalog"), input, Integer.MAX_VALUE, false);
        System.out.printf(
                "messages: %,d records, %,d registry entries, %,d catalogue rows%n",
                messages.size(), registry.size(), catalog.size());

        KafkaBrokerExtension kafka = new KafkaBrokerExtension();
        kafka.start();
        try {
            kafka.createTopic(StreamBench.RECORDS + ".2", 2);
            kafka.createTopic(StreamBench.REGISTRY, 1);
            kafka.createTopic(StreamBench.CATALOG, 1);
            StreamBench.createJobOutputs(kafka);
            StreamBench.produceAll(kafka, StreamBench.CATALOG, catalog, 1);
            long produce0 = System.nanoTime();
            int entries = produceCopies(kafka, registry, copies);
            System.out.printf(
                    "registry topic: %,d messages (%d copies) produced in %.1f s%n",
                    entries, copies, (System.nanoTime() - produce0) / 1e9);
            registry = null; // only the job's copy counts in the heap figure
            run(a, kafka, messages, entries, rebuilt);
        } finally {
            kafka.stop();
        }
        System.exit(0);
    }

    /** Sends copy 0 of the registry as read, then copies 1…{@code copies}-1; the messages sent. */
    private static int produceCopies(
            KafkaBrokerExtension kafka, List<byte[]> registry, int copies) {
        int sent = 0;
        try (var p = StreamBench.producer(kafka)) {
            for (int c = 0; c < copies; c++) {
                for (byte[] m : registry) {
                    byte[] v = c == 0 ? m : Copies.message(m, c);
                    if (v != null) {
                        p.send(
                                new org.apache.kafka.clients.producer.ProducerRecord<>(
                                        StreamBench.REGISTRY, 0, null, v));
                        sent++;
                    }
                }
            }
            p.flush();
        }
        return sent;
    }

    private static void run(
            Args a,
            KafkaBrokerExtension kafka,
            List<byte[]> messages,
            int entries,
            RebuiltLines rebuilt)
            throws Exception {
        String pgUrl = StreamBench.postgres();
        Path checkpoints = Files.createTempDirectory("guiji-bench-checkpoints");
        Map<String, String> c = StreamBench.jobConfig(kafka, pgUrl, checkpoints, a.flink);
        StreamConfig cfg = StreamConfig.from(Configuration.fromMap(c));
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);
        Configuration flink =
                env.getConfiguration() instanceof Configuration given
                        ? new Configuration(given)
                        : new Configuration(cfg.configuration());
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
        JobGraph graph = env.getStreamGraph().getJobGraph();

        try (MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(flink)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(4)
                                .build())) {
            cluster.start();
            long heap0 = Machine.usedHeapAfterGc();
            long t0 = System.nanoTime();
            JobID job = cluster.submitJob(graph).get().getJobID();
            try {
                awaitCommitted(kafka, cluster, job, StreamBench.REGISTRY, entries);
                double load = (System.nanoTime() - t0) / 1e9;
                long heap1 = Machine.usedHeapAfterGc();
                System.out.printf(
                        "RESULT stream_registry_load entries=%d seconds=%.1f heap_before_mib=%d"
                                + " heap_loaded_mib=%d bytes_per_entry_per_subtask=%.0f parallelism=2"
                                + " load=\"%s\"%n",
                        entries,
                        load,
                        heap0 >> 20,
                        heap1 >> 20,
                        (heap1 - heap0) / 2.0 / entries,
                        Machine.load());
                restore(kafka, cluster, job, messages, pgUrl, entries, rebuilt);
            } finally {
                cluster.cancelJob(job).get();
            }
        }
    }

    private static void restore(
            KafkaBrokerExtension kafka,
            MiniCluster cluster,
            JobID job,
            List<byte[]> messages,
            String pgUrl,
            int entries,
            RebuiltLines rebuilt)
            throws Exception {
        int n = messages.size();
        StreamBench.Results results = new StreamBench.Results(kafka);
        results.start();
        long start = System.nanoTime();
        Thread producer =
                new Thread(
                        () ->
                                StreamBench.produceAll(
                                        kafka, StreamBench.RECORDS + ".2", messages, 2),
                        "bench-producer");
        producer.start();
        await(() -> results.count() >= n / 4, Duration.ofMinutes(20), "a quarter of the results");
        int before = results.count();
        System.out.printf(
                "failing the TaskManager with %,d of %,d results visible, %.1f s after the first"
                        + " send%n",
                before, n, (System.nanoTime() - start) / 1e9);

        long kill = System.nanoTime();
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();
        double tmBack = (System.nanoTime() - kill) / 1e9;
        boolean left = false;
        boolean tasksLeft = false;
        double jobRunning = -1;
        double tasksRunning = -1;
        int countAtTasksRunning = -1;
        double published = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (published < 0
                || (rebuilt.times.size() < 2
                        && System.nanoTime() - kill < (long) ((published + 60) * 1e9))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not restore in 20 minutes");
            }
            JobStatus status = cluster.getJobStatus(job).get();
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the job ended: " + status);
            }
            double now = (System.nanoTime() - kill) / 1e9;
            if (status != JobStatus.RUNNING) {
                left = true;
            } else if (left && jobRunning < 0) {
                jobRunning = now;
            }
            // A restart of the failed regions may leave the job's own status RUNNING throughout:
            // a task not running shows the failure then.
            boolean running = allRunning(cluster.getExecutionGraph(job).get());
            tasksLeft |= !running;
            if ((left || tasksLeft) && tasksRunning < 0 && running) {
                tasksRunning = now;
                countAtTasksRunning = results.count();
            }
            if (tasksRunning >= 0 && published < 0 && results.count() > countAtTasksRunning) {
                published = now;
            }
            Thread.sleep(20);
        }
        StringBuilder lines = new StringBuilder();
        for (long t : rebuilt.times) {
            lines.append(String.format(" %.1f", (t - kill) / 1e9));
        }
        System.out.printf(
                "RESULT stream_restore entries=%d tm_restarted_s=%.1f job_running_s=%.1f"
                        + " tasks_running_s=%.1f index_rebuilt_s=%s published_again_s=%.1f"
                        + " load=\"%s\"%n",
                entries,
                tmBack,
                jobRunning,
                tasksRunning,
                lines.toString().trim().replace(' ', ','),
                published,
                Machine.load());
        for (String m : rebuilt.messages) {
            System.out.println("  " + m);
        }
        for (String m : rebuilt.reverse) {
            System.out.println("  " + m);
        }
        System.out.printf(
                "  heap after the restore: %d MiB after GC%n", Machine.usedHeapAfterGc() >> 20);

        await(() -> results.count() >= n, Duration.ofMinutes(30), "result for every message");
        System.out.printf(
                "  every message has a result %.1f s after the first send%n",
                (System.nanoTime() - start) / 1e9);
        producer.join();
        long pgDone =
                StreamBench.awaitPostgres(
                        pgUrl, results.accepted(), results.rejected(), Duration.ofMinutes(10));
        Thread.sleep(5000); // anything doubled would arrive now
        long[] doubled = doubled(kafka);
        long[] pg = postgresCounts(pgUrl);
        System.out.printf(
                "RESULT stream_restore_exactly_once sent=%d with_result=%d accepted=%d rejected=%d"
                        + " unified_messages=%d unified_doubled=%d rejected_messages=%d"
                        + " rejected_doubled=%d postgres_sources=%d postgres_rejected=%d"
                        + " postgres_complete_s=%.1f%n",
                n,
                results.count(),
                results.accepted(),
                results.rejected(),
                doubled[0],
                doubled[1],
                doubled[2],
                doubled[3],
                pg[0],
                pg[1],
                (pgDone - start) / 1e9);
        results.stop();
    }

    private static boolean allRunning(AccessExecutionGraph g) {
        for (AccessExecutionVertex v : g.getAllExecutionVertices()) {
            if (v.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the unified and rejected topics from their beginning ({@code read_committed}): {unified
     * messages, of which repeat a (record_id, version), rejected messages, of which repeat an
     * input}.
     */
    private static long[] doubled(KafkaBrokerExtension kafka) {
        Map<String, Object> cc = new LinkedHashMap<>();
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-doubled");
        cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cc.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        AvroBinary<UnifiedRecord> unified = new AvroBinary<>(UnifiedRecord.class);
        AvroBinary<RejectedRecord> rejects = new AvroBinary<>(RejectedRecord.class);
        Map<String, Integer> versions = new HashMap<>();
        Map<String, Integer> rejections = new HashMap<>();
        long[] out = new long[4];
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(cc, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(StreamBench.UNIFIED, StreamBench.REJECTED));
            int empty = 0;
            while (empty < 10) {
                var batch = c.poll(Duration.ofMillis(500));
                empty = batch.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    if (r.topic().equals(StreamBench.UNIFIED)) {
                        UnifiedRecord u = unified.decode(r.value());
                        out[0]++;
                        if (versions.merge(u.getRecordId() + "@" + u.getVersion(), 1, Integer::sum)
                                > 1) {
                            out[1]++;
                        }
                    } else {
                        RejectedRecord rr = rejects.decode(r.value());
                        out[2]++;
                        if (rejections.merge(rr.getFile() + "#" + rr.getRow(), 1, Integer::sum)
                                > 1) {
                            out[3]++;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static long[] postgresCounts(String url) throws Exception {
        String user = System.getenv().getOrDefault("GUIJI_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("GUIJI_PG_PASSWORD", "");
        try (var conn = java.sql.DriverManager.getConnection(url, user, password);
                var s = conn.createStatement()) {
            long[] out = new long[2];
            try (var r = s.executeQuery("SELECT count(*) FROM unified_record_source")) {
                r.next();
                out[0] = r.getLong(1);
            }
            try (var r =
                    s.executeQuery("SELECT count(*) FROM rejected_record WHERE kind = 'record'")) {
                r.next();
                out[1] = r.getLong(1);
            }
            return out;
        }
    }

    /** As {@link StreamBench#awaitCommitted}, with the job's status from the cluster. */
    private static void awaitCommitted(
            KafkaBrokerExtension kafka, MiniCluster cluster, JobID job, String topic, long n)
            throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        while (true) {
            JobStatus status = cluster.getJobStatus(job).get();
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("the job ended (" + status + ") before " + topic);
            }
            Map<TopicPartition, OffsetAndMetadata> o =
                    kafka.admin()
                            .listConsumerGroupOffsets(StreamBench.GROUP)
                            .partitionsToOffsetAndMetadata()
                            .get();
            OffsetAndMetadata m = o.get(tp);
            if (m != null && m.offset() >= n) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static void await(
            java.util.function.BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /**
     * The linking subtasks' {@value #REBUILT} log lines, with the time each arrived: an appender on
     * the {@code io.guiji} loggers and Flink's {@code AbstractStreamOperator} at INFO (the
     * command-line logging shows errors only); other warnings and errors are printed as they come.
     */
    static final class RebuiltLines {
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();

        /** The {@value #REVERSE_REBUILT} lines: the records' keys read back after the restore. */
        final List<String> reverse = new CopyOnWriteArrayList<>();

        static RebuiltLines install() {
            RebuiltLines lines = new RebuiltLines();
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            org.apache.logging.log4j.core.config.Configuration lc = ctx.getConfiguration();
            AbstractAppender appender =
                    new AbstractAppender("bench-rebuilt", null, null, true, Property.EMPTY_ARRAY) {
                        @Override
                        public void append(LogEvent e) {
                            String m = e.getMessage().getFormattedMessage();
                            if (m.startsWith(REBUILT)) {
                                lines.times.add(System.nanoTime());
                                lines.messages.add(m);
                            } else if (m.startsWith(REVERSE_REBUILT)) {
                                lines.reverse.add(m);
                            } else if (e.getLevel().isMoreSpecificThan(Level.WARN)) {
                                System.err.println(
                                        e.getLevel() + " " + e.getLoggerName() + " " + m);
                            }
                        }
                    };
            appender.start();
            lc.addAppender(appender);
            // DedupLinkOperator logs through the LOG it inherits from Flink's
            // AbstractStreamOperator, under that class's name
            for (String name :
                    List.of(
                            "io.guiji",
                            "org.apache.flink.streaming.api.operators.AbstractStreamOperator")) {
                LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
                logger.addAppender(appender, Level.INFO, null);
                lc.addLogger(name, logger);
            }
            ctx.updateLoggers();
            return lines;
        }
    }
}
