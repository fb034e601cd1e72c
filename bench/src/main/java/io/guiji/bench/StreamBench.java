package io.guiji.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.TabularFiles;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.stream.GuijiStreamJob;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Streaming mode end to end: a real Kafka broker (its own JVM, {@link KafkaBrokerExtension}) and
 * PostgreSQL on 127.0.0.1:5432, {@link GuijiStreamJob} on an embedded mini-cluster with
 * exactly-once Kafka sinks, the PostgreSQL feed and 1 s checkpoints (RocksDB), parallelism 2. In
 * one run:
 *
 * <ol>
 *   <li><b>baseline</b>: a plain Kafka consume → produce pass-through of the same messages (one
 *       consumer, one producer, no Flink), the machine's own limit for moving them;
 *   <li><b>registry</b>: the registry topic is loaded and indexed (waits until the job has
 *       committed its offsets);
 *   <li><b>warm-up</b> (with {@code --warmup N}): N other records of the data through the job
 *       first, their results awaited, so that the sustained rate is the compiled code's, not the
 *       JIT's;
 *   <li><b>settle</b> (with {@code --settle-seconds S}, {@code --settle-rate R}, 1000): R×S further
 *       records at R/s, so that the JIT has compiled what it will before the sustained phase (it
 *       takes minutes: the compilers compete with the job for two cores);
 *   <li><b>sustained</b>: {@code --records} department messages (JSON, one topic, 2 partitions) are
 *       produced as fast as possible; records/s is the rate at which their results (a unified state
 *       naming them as a source, or a rejection) become visible to a {@code read_committed}
 *       consumer, first to last and over the middle 80 %; then the time until PostgreSQL holds them
 *       all;
 *   <li><b>latency</b>: messages at half that rate for {@code --latency-seconds}; each one's
 *       latency is from just before its send to the moment a {@code read_committed} consumer first
 *       sees a result naming it (p50, p99, max; the first 10 s are warm-up and left out).
 * </ol>
 *
 * <pre>
 * {@code --input bench/data/r1m-e200k [--records 400000] [--warmup 20000] [--registry 200000] [--settle-seconds 0] [--settle-rate 1000] [--latency-seconds 60] [--rate N] [--postgres true]}
 * </pre>
 *
 * PostgreSQL: {@code GUIJI_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * {@code GUIJI_PG_USER} ({@code postgres}), {@code GUIJI_PG_PASSWORD}; a database {@code
 * guiji_bench} is created afresh.
 */
public final class StreamBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RECORDS = "bench.records";
    static final String REGISTRY = "bench.registry";
    static final String CATALOG = "bench.catalog";
    private static final String PASS = "bench.passthrough";
    static final String UNIFIED = "bench.out.unified";
    static final String REJECTED = "bench.out.rejected";
    static final String ENTERPRISES = "bench.out.enterprises";
    static final String LEADS = "bench.out.leads";
    static final String GROUP = "guiji-bench";

    private StreamBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input")).toAbsolutePath();
        int records = a.getInt("records", 400_000);
        int registryMax = a.getInt("registry", Integer.MAX_VALUE);
        int latencySeconds = a.getInt("latency-seconds", 60);
        System.out.println("machine: " + Machine.describe());

        int warmup = a.getInt("warmup", 0);
        int settleSeconds = a.getInt("settle-seconds", 0);
        int settleRate = a.getInt("settle-rate", 1000);
        int extra = warmup + settleSeconds * settleRate;
        List<byte[]> all = messages(input.resolve("records"), input, records + extra, true);
        if (extra > 0 && all.size() < records + extra) {
            throw new IllegalArgumentException(
                    "--records, --warmup and the settle phase need "
                            + (records + extra)
                            + " records: the data has "
                            + all.size());
        }
        List<byte[]> messages = all.subList(0, Math.min(records, all.size()));
        List<byte[]> warmupMessages = all.subList(messages.size(), messages.size() + warmup);
        Settle settle =
                new Settle(
                        settleSeconds,
                        settleRate,
                        all.subList(messages.size() + warmup, all.size()));
        List<byte[]> registry = messages(input.resolve("registry"), input, registryMax, false);
        List<byte[]> catalog = messages(input.resolve("catalog"), input, Integer.MAX_VALUE, false);
        System.out.printf(
                "messages: %,d records, %,d registry entries, %,d catalogue rows%n",
                messages.size(), registry.size(), catalog.size());

        KafkaBrokerExtension kafka = new KafkaBrokerExtension();
        kafka.start();
        try {
            run(a, kafka, messages, warmupMessages, settle, registry, catalog, latencySeconds);
        } finally {
            kafka.stop();
        }
        System.exit(0);
    }

    private static void run(
            Args a,
            KafkaBrokerExtension kafka,
            List<byte[]> messages,
            List<byte[]> warmupMessages,
            Settle settle,
            List<byte[]> registry,
            List<byte[]> catalog,
            int latencySeconds)
            throws Exception {
        kafka.createTopic(RECORDS, 2);
        kafka.createTopic(REGISTRY, 1);
        kafka.createTopic(CATALOG, 1);
        kafka.createTopic(PASS, 2);
        createJobOutputs(kafka);

        // 1. baseline: plain consume -> produce of the same messages
        produceAll(kafka, RECORDS, messages, 2);
        double baseline = passThrough(kafka, messages.size());
        System.out.printf(
                "RESULT kafka_passthrough_baseline records=%d records_per_s=%.0f load=\"%s\"%n",
                messages.size(), baseline, Machine.load());
        kafka.admin().deleteTopics(List.of(RECORDS)).all().get();
        Thread.sleep(2000);
        kafka.createTopic(RECORDS + ".2", 2);

        // 2. the job, registry first
        // --postgres false: the job without its PostgreSQL feed, to measure what the feed costs
        boolean withPostgres = Boolean.parseBoolean(a.get("postgres", "true"));
        String pgUrl = withPostgres ? postgres() : null;
        Path checkpoints = Files.createTempDirectory("guiji-bench-checkpoints");
        Map<String, String> c = jobConfig(kafka, pgUrl, checkpoints, a.flink);
        StreamConfig cfg = StreamConfig.from(Configuration.fromMap(c));
        StreamExecutionEnvironment env = GuijiStreamJob.environment(cfg);
        GuijiStreamJob.define(env, cfg, rows -> rows);

        produceAll(kafka, CATALOG, catalog, 1);
        produceAll(kafka, REGISTRY, registry, 1);
        long t0 = System.nanoTime();
        JobClient job = env.executeAsync("guiji stream bench");
        try {
            awaitCommitted(kafka, job, REGISTRY, registry.size());
            System.out.printf(
                    "registry of %,d entries indexed and checkpointed after %.1f s (load %s)%n",
                    registry.size(), (System.nanoTime() - t0) / 1e9, Machine.load());

            Results results = new Results(kafka);
            results.start();
            // 2b. warm-up: other records first, so that the JIT has compiled the records' path
            // before the sustained rate is measured (a streaming job runs for days)
            if (!warmupMessages.isEmpty()) {
                long w0 = System.nanoTime();
                produceAll(kafka, RECORDS + ".2", warmupMessages, 2);
                results.awaitCounts(
                        warmupMessages.size(),
                        new double[] {0.1, 0.9, 1.0},
                        w0,
                        Duration.ofMinutes(30));
                System.out.printf(
                        "warm-up: %,d other records through the job (load %s)%n",
                        warmupMessages.size(), Machine.load());
            }
            // 2c. settle: fresh records at a fixed rate for a while, so that the JIT has compiled
            // what it will (minutes, on two shared cores: BENCHMARKS.md, "RocksDB's compression,
            // and the JIT in the measured window")
            if (settle.seconds() > 0) {
                long jit0 = Machine.jitCompileMillis();
                results.latencyRun(
                        kafka, RECORDS + ".2", settle.messages(), settle.rate(), settle.seconds());
                results.clearLatencies();
                System.out.printf(
                        "settled: %d s at %d records/s, the JIT compiling %.1f s of it (load %s)%n",
                        settle.seconds(),
                        settle.rate(),
                        (Machine.jitCompileMillis() - jit0) / 1e3,
                        Machine.load());
            }
            results.startCounting();

            // 3. sustained
            long cpu0 = Machine.processCpuNanos();
            long jit0 = Machine.jitCompileMillis();
            long start = System.nanoTime();
            Thread producer =
                    new Thread(
                            () -> produceAll(kafka, RECORDS + ".2", messages, 2), "bench-producer");
            producer.start();
            long[] marks =
                    results.awaitCounts(
                            messages.size(),
                            new double[] {0.1, 0.9, 1.0},
                            start,
                            Duration.ofMinutes(30));
            producer.join();
            double cpu = (Machine.processCpuNanos() - cpu0) / 1e9;
            // the compilers' time in the window (their threads' elapsed time): a job that has run
            // for minutes is still compiling
            double jit = (Machine.jitCompileMillis() - jit0) / 1e3;
            double all = messages.size() / ((marks[2] - start) / 1e9);
            double middle = 0.8 * messages.size() / ((marks[1] - marks[0]) / 1e9);
            double pgRate = 0;
            if (withPostgres) {
                long pgDone =
                        awaitPostgres(
                                pgUrl,
                                results.accepted(),
                                results.rejected(),
                                Duration.ofMinutes(10));
                pgRate = messages.size() / ((pgDone - start) / 1e9);
            }
            System.out.printf(
                    "RESULT stream_sustained records=%d records_per_s=%.0f middle80_records_per_s=%.0f"
                            + " postgres_complete_records_per_s=%.0f ratio_to_passthrough=%.2f job_jvm_cpu_s=%.0f"
                            + " jit_compile_s=%.1f load=\"%s\"%n",
                    messages.size(),
                    all,
                    middle,
                    pgRate,
                    middle / baseline,
                    cpu,
                    jit,
                    Machine.load());

            // 4. latency at half the rate
            double rate =
                    a.options.containsKey("rate")
                            ? Double.parseDouble(a.options.get("rate"))
                            : middle / 2;
            List<Long> latencies =
                    results.latencyRun(kafka, RECORDS + ".2", messages, rate, latencySeconds);
            long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "RESULT stream_latency rate_per_s=%.0f seconds=%d measured=%d p50_ms=%d p99_ms=%d max_ms=%d"
                            + " checkpoint_interval=1s peak_rss_mib=%d load=\"%s\"%n",
                    rate,
                    latencySeconds,
                    l.length,
                    pct(l, 0.5),
                    pct(l, 0.99),
                    l.length == 0 ? -1 : l[l.length - 1],
                    Machine.peakRssMiB(),
                    Machine.load());
            results.stop();
        } finally {
            job.cancel().get();
        }
    }

    /** The settle phase: {@code seconds} at {@code rate} records/s of {@code messages}. */
    private record Settle(int seconds, int rate, List<byte[]> messages) {}

    /**
     * The topics the job writes and its review decisions topic, as {@link #jobConfig} names them.
     */
    static void createJobOutputs(KafkaBrokerExtension kafka) {
        kafka.createTopic(UNIFIED, 2, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(REJECTED, 2);
        for (String t :
                List.of(
                        "bench.out.reference-rejected",
                        "bench.out.coverage",
                        "bench.out.link-changes",
                        "bench.in.review-decisions")) {
            kafka.createTopic(t, 1);
        }
        for (String t : List.of(ENTERPRISES, LEADS)) {
            kafka.createTopic(t, 1, Map.of("cleanup.policy", "compact"));
        }
    }

    /**
     * The job's configuration: the bench topics, exactly once with 1 s checkpoints into {@code
     * checkpoints}, parallelism 2, the PostgreSQL feed at {@code pgUrl} (none when null); {@code
     * flink} (Flink's own keys given on the command line) last.
     */
    static Map<String, String> jobConfig(
            KafkaBrokerExtension kafka, String pgUrl, Path checkpoints, Map<String, String> flink) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        c.put(GuijiOptions.KAFKA_GROUP_ID.key(), GROUP);
        c.put(GuijiOptions.KAFKA_TRANSACTIONAL_ID_PREFIX.key(), GROUP);
        c.put(GuijiOptions.TOPIC_UNIFIED.key(), UNIFIED);
        c.put(GuijiOptions.TOPIC_REJECTED.key(), REJECTED);
        c.put(GuijiOptions.TOPIC_REFERENCE_REJECTED.key(), "bench.out.reference-rejected");
        c.put(GuijiOptions.TOPIC_COVERAGE.key(), "bench.out.coverage");
        c.put(GuijiOptions.TOPIC_LINK_CHANGES.key(), "bench.out.link-changes");
        c.put(GuijiOptions.TOPIC_REVIEW_DECISIONS.key(), "bench.in.review-decisions");
        c.put(GuijiOptions.TOPIC_ENTERPRISES.key(), ENTERPRISES);
        c.put(GuijiOptions.TOPIC_LEADS.key(), LEADS);
        c.put(GuijiOptions.KAFKA_REGISTRY_TOPIC.key(), REGISTRY);
        c.put(GuijiOptions.KAFKA_CATALOG_TOPIC.key(), CATALOG);
        c.put(GuijiOptions.PARALLELISM.key(), "2");
        c.put(GuijiOptions.PROCESSING_DATE.key(), GenerateData.TODAY.toString());
        c.put(GuijiOptions.CHECKPOINT_INTERVAL.key(), "1 s");
        c.put(GuijiOptions.CHECKPOINT_DIR.key(), checkpoints.toUri().toString());
        if (pgUrl != null) {
            c.put(GuijiOptions.POSTGRES_URL.key(), pgUrl);
            c.put(
                    GuijiOptions.POSTGRES_USER.key(),
                    System.getenv().getOrDefault("GUIJI_PG_USER", "postgres"));
            c.put(GuijiOptions.POSTGRES_PASSWORD_ENV.key(), "GUIJI_PG_PASSWORD");
        }
        c.put("guiji.source.bench.topic", RECORDS + ".2");
        c.putAll(flink);
        return c;
    }

    static long pct(long[] sorted, double p) {
        return sorted.length == 0
                ? -1
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * File rows as department messages: JSON objects keyed by their headers (raw text if unparsed).
     */
    static List<byte[]> messages(Path dir, Path root, int max, boolean withSource)
            throws Exception {
        List<byte[]> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        // Interleave files so that any prefix mixes departments, types, layouts and channels.
        List<List<byte[]>> perFile = new ArrayList<>();
        for (Path f : files) {
            List<byte[]> rows = new ArrayList<>();
            try (var it = TabularFiles.open(f, root)) {
                while (it.hasNext()) {
                    rows.add(message(it.next(), withSource));
                }
            }
            perFile.add(rows);
        }
        int[] at = new int[perFile.size()];
        boolean more = true;
        while (more && out.size() < max) {
            more = false;
            for (int i = 0; i < perFile.size() && out.size() < max; i++) {
                if (at[i] < perFile.get(i).size()) {
                    out.add(perFile.get(i).get(at[i]++));
                    more = true;
                }
            }
        }
        return out;
    }

    private static byte[] message(RawRow row, boolean withSource) {
        if (!row.parsed()) {
            return (row.raw == null ? "" : row.raw).getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < row.header.length; i++) {
            n.put(row.header[i], row.values[i]);
        }
        // A file's department and type are its folders, records/<dept_code>/<record_type>/: a
        // message names them.
        String[] path = row.file.split("/");
        if (withSource && path.length >= 4 && path[0].equals("records")) {
            n.put("dept_code", path[1]);
            n.put("record_type", path[2]);
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    static KafkaProducer<byte[], byte[]> producer(KafkaBrokerExtension kafka) {
        return kafka.createProducer(
                Map.of(
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024,
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    static void produceAll(
            KafkaBrokerExtension kafka, String topic, List<byte[]> messages, int partitions) {
        try (KafkaProducer<byte[], byte[]> p = producer(kafka)) {
            int i = 0;
            for (byte[] m : messages) {
                p.send(new ProducerRecord<>(topic, i++ % partitions, null, m));
            }
            p.flush();
        }
    }

    /**
     * Plain consume -> produce of {@code n} messages; records/s from the first poll to the last
     * ack.
     */
    static double passThrough(KafkaBrokerExtension kafka, int n) {
        Map<String, Object> cc = new LinkedHashMap<>();
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-passthrough");
        cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cc.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c =
                        new KafkaConsumer<>(
                                cc, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> p = producer(kafka)) {
            c.subscribe(List.of(RECORDS));
            long start = 0;
            int seen = 0;
            while (seen < n) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    p.send(new ProducerRecord<>(PASS, r.partition(), r.key(), r.value()));
                    seen++;
                }
            }
            p.flush();
            c.commitSync();
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Waits until the job's consumer group has committed the end of {@code topic} (done on
     * checkpoints).
     */
    static void awaitCommitted(KafkaBrokerExtension kafka, JobClient job, String topic, long n)
            throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        while (true) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(); // throws the job's failure
                throw new IllegalStateException("the job ended before reading " + topic);
            }
            Map<TopicPartition, OffsetAndMetadata> o =
                    kafka.admin()
                            .listConsumerGroupOffsets(GROUP)
                            .partitionsToOffsetAndMetadata()
                            .get();
            OffsetAndMetadata m = o.get(tp);
            if (m != null && m.offset() >= n) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    static String postgres() throws Exception {
        String admin =
                System.getenv()
                        .getOrDefault("GUIJI_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getenv().getOrDefault("GUIJI_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("GUIJI_PG_PASSWORD", "");
        try (Connection conn = DriverManager.getConnection(admin, user, password);
                Statement s = conn.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS guiji_bench WITH (FORCE)");
            s.execute("CREATE DATABASE guiji_bench");
        }
        String url = admin.replaceFirst("/[^/?]*(\\?|$)", "/guiji_bench$1");
        Path schema = Path.of("deploy", "postgres", "schema.sql");
        try (Connection conn = DriverManager.getConnection(url, user, password);
                Statement s = conn.createStatement()) {
            s.execute(Files.readString(schema, StandardCharsets.UTF_8));
        }
        return url;
    }

    /**
     * Waits until PostgreSQL holds every source of the accepted inputs and every rejected input.
     */
    static long awaitPostgres(String url, long accepted, long rejected, Duration timeout)
            throws Exception {
        String user = System.getenv().getOrDefault("GUIJI_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("GUIJI_PG_PASSWORD", "");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection conn = DriverManager.getConnection(url, user, password);
                Statement s = conn.createStatement()) {
            while (System.nanoTime() < deadline) {
                long sources = count(s, "SELECT count(*) FROM unified_record_source");
                long rej = count(s, "SELECT count(*) FROM rejected_record WHERE kind = 'record'");
                if (sources >= accepted && rej >= rejected) {
                    return System.nanoTime();
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("PostgreSQL did not receive every result in " + timeout);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * A read_committed consumer of the unified and rejected topics that notes, for each input
     * message (partition, offset of the records topic), when a result naming it was first seen.
     */
    static final class Results {
        private final KafkaBrokerExtension kafka;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Set<Long> seen = ConcurrentHashMap.newKeySet();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        private final List<Long> latencies =
                java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile long measureFrom = Long.MAX_VALUE;
        private volatile int base;
        private Thread thread;

        Results(KafkaBrokerExtension kafka) {
            this.kafka = kafka;
        }

        long accepted() {
            return accepted.get();
        }

        long rejected() {
            return rejected.get();
        }

        /** Distinct input messages with a result seen so far (since {@link #startCounting}). */
        int count() {
            return seen.size() - base;
        }

        /** Counts from here on: the results seen so far (the warm-up's) no longer count. */
        void startCounting() {
            base = seen.size();
        }

        void start() {
            Map<String, Object> cc = new LinkedHashMap<>();
            cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            cc.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-results");
            cc.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            cc.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            cc.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
            cc.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            AvroBinary<UnifiedRecord> unified = new AvroBinary<>(UnifiedRecord.class);
            AvroBinary<RejectedRecord> rejects = new AvroBinary<>(RejectedRecord.class);
            thread =
                    new Thread(
                            () -> {
                                try (KafkaConsumer<byte[], byte[]> c =
                                        new KafkaConsumer<>(
                                                cc,
                                                new ByteArrayDeserializer(),
                                                new ByteArrayDeserializer())) {
                                    c.subscribe(List.of(UNIFIED, REJECTED));
                                    while (running.get()) {
                                        for (ConsumerRecord<byte[], byte[]> r :
                                                c.poll(Duration.ofMillis(50))) {
                                            long now = System.currentTimeMillis();
                                            if (r.topic().equals(UNIFIED)) {
                                                for (SourceRef s :
                                                        unified.decode(r.value()).getSources()) {
                                                    note(s.getFile(), s.getRow(), now, accepted);
                                                }
                                            } else {
                                                RejectedRecord rr = rejects.decode(r.value());
                                                note(rr.getFile(), rr.getRow(), now, rejected);
                                            }
                                        }
                                    }
                                }
                            },
                            "bench-results");
            thread.setDaemon(true);
            thread.start();
        }

        private void note(String file, long row, long now, AtomicLong counter) {
            String prefix = "kafka:" + RECORDS + ".2/";
            if (file == null || !file.startsWith(prefix)) {
                return;
            }
            long id = (Long.parseLong(file.substring(prefix.length())) << 40) | row;
            if (seen.add(id)) {
                counter.incrementAndGet();
                Long sent = sentAt.get(id);
                if (sent != null && sent >= measureFrom) {
                    latencies.add(now - sent);
                }
            }
        }

        /** System.nanoTime() when each fraction of {@code n} results had been seen. */
        long[] awaitCounts(long n, double[] fractions, long start, Duration timeout)
                throws InterruptedException {
            long[] marks = new long[fractions.length];
            int k = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (k < fractions.length) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "only " + count() + " of " + n + " results after " + timeout);
                }
                while (k < fractions.length && count() >= Math.ceil(fractions[k] * n)) {
                    marks[k++] = System.nanoTime();
                }
                Thread.sleep(5);
            }
            System.out.printf(
                    "  results: 10%% at %.1f s, 90%% at %.1f s, all at %.1f s%n",
                    (marks[0] - start) / 1e9, (marks[1] - start) / 1e9, (marks[2] - start) / 1e9);
            return marks;
        }

        /**
         * Sends messages (again, as further copies) at {@code rate}/s for {@code seconds}; returns
         * the latencies.
         */
        List<Long> latencyRun(
                KafkaBrokerExtension kafka,
                String topic,
                List<byte[]> messages,
                double rate,
                int seconds)
                throws InterruptedException {
            long start = System.nanoTime();
            measureFrom = System.currentTimeMillis() + 10_000;
            long total = (long) (rate * seconds);
            try (KafkaProducer<byte[], byte[]> p =
                    kafka.createProducer(
                            Map.of(
                                    ProducerConfig.LINGER_MS_CONFIG,
                                    0,
                                    ProducerConfig.ACKS_CONFIG,
                                    "all"),
                            new ByteArraySerializer(),
                            new ByteArraySerializer())) {
                for (long i = 0; i < total; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long sent = System.currentTimeMillis();
                    int partition = (int) (i % 2);
                    p.send(
                            new ProducerRecord<>(
                                    topic,
                                    partition,
                                    null,
                                    messages.get((int) (i % messages.size()))),
                            (md, e) -> {
                                if (md != null) {
                                    sentAt.put(((long) md.partition() << 40) | md.offset(), sent);
                                }
                            });
                }
                p.flush();
            }
            Thread.sleep(15_000); // let the last ones through a few checkpoints
            synchronized (latencies) {
                return new ArrayList<>(latencies);
            }
        }

        /** Forgets the latencies noted so far (those of the settle phase). */
        void clearLatencies() {
            latencies.clear();
        }

        void stop() {
            running.set(false);
        }
    }
}
