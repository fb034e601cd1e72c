package io.guiji.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Kafka broker (KRaft, broker and controller in one process) on 127.0.0.1, in
 * its own JVM, for {@code *ITCase} tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 *
 * @Test
 * void readsWhatWasCommitted() {
 *     KAFKA.createTopic("records", 2, Map.of());
 *     KAFKA.produce(List.of(new ProducerRecord<>("records", "k", "v")));
 *     assertThat(KAFKA.readCommitted("records")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>A {@code static} field gives one broker per test class (started before all, stopped after
 * all); an instance field gives one per test method. Each broker gets fresh free ports and a fresh
 * temporary directory, so test JVMs may run side by side.
 *
 * <p>The broker runs {@code org.apache.kafka:kafka_2.13} at the parent pom's {@code
 * kafka.broker.version}, which needs a newer {@code kafka-clients} than the one the tests and jobs
 * use; so it never shares their classpath. Its classpath is resolved by Maven into a file by the
 * module {@code testing/kafka-broker} ({@code target/broker.classpath}); the parent pom passes that
 * file's path to surefire and failsafe as the system property {@value #CLASSPATH_PROPERTY}.
 *
 * <p>Stopping kills the broker process and its children and deletes the directory. A JVM shutdown
 * hook does the same if the test JVM exits without stopping it, and if the test JVM is killed
 * outright the broker notices its standard input closing and halts itself (see {@link
 * KafkaBrokerMain}).
 */
public final class KafkaBrokerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** System property naming the file that holds the broker JVM's classpath. */
    public static final String CLASSPATH_PROPERTY = "guiji.kafka.broker.classpath";

    /** System property that replaces {@link #DEFAULT_JVM_OPTIONS} (options split on spaces). */
    public static final String JVM_OPTIONS_PROPERTY = "guiji.kafka.broker.jvmOptions";

    /**
     * Small heap, and C1 only: on two cores the C2 compiler competes with start-up and costs about
     * a second; a test broker never runs long enough to profit from it.
     */
    public static final String DEFAULT_JVM_OPTIONS =
            "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
                    + " -Djava.awt.headless=true";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final String CLASSPATH_FILE_IN_REPOSITORY =
            "testing/kafka-broker/target/broker.classpath";
    private static final String LOOPBACK = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;

    private final Map<String, String> brokerPropertyOverrides = new LinkedHashMap<>();
    // Generous: a broker starts in ~4 s on a quiet machine, but CI machines may be loaded.
    private Duration startTimeout = Duration.ofSeconds(180);

    private volatile RunningBroker broker;
    private boolean startedForTestMethod;

    /** A broker with the settings described in {@link #serverProperties}. */
    public KafkaBrokerExtension() {}

    /**
     * Sets (or replaces) one broker configuration entry, for example {@code
     * withBrokerProperty("auto.create.topics.enable", "false")}. Takes effect at the next start.
     */
    public KafkaBrokerExtension withBrokerProperty(String key, String value) {
        brokerPropertyOverrides.put(key, value);
        return this;
    }

    /** How long to wait for the broker to serve requests before failing (default 60 s). */
    public KafkaBrokerExtension withStartTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        // Only an instance field reaches here without beforeAll having started the broker.
        if (broker == null) {
            start();
            startedForTestMethod = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForTestMethod) {
            startedForTestMethod = false;
            stop();
        }
    }

    /** Starts the broker; the JUnit callbacks call this, tests need not. */
    public synchronized void start() throws IOException, InterruptedException {
        if (broker != null) {
            return;
        }
        List<String> classpath = brokerClasspath();
        for (int attempt = 1; ; attempt++) {
            try {
                broker = RunningBroker.start(classpath, this);
                return;
            } catch (PortTakenException e) {
                // Another JVM took a port between our probe and the broker's bind; try new ones.
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                LOG.warn("Kafka broker could not bind its ports, retrying: {}", e.getMessage());
            }
        }
    }

    /** Stops the broker and deletes its directory; the JUnit callbacks call this. */
    public synchronized void stop() {
        if (broker != null) {
            try {
                broker.close();
            } finally {
                broker = null;
            }
        }
    }

    /**
     * Stops the broker process as an outage would, but keeps its data directory and ports: a
     * controlled shutdown (SIGTERM), SIGKILL if it takes too long. {@link #startBroker()} brings
     * the same broker back with its topics, offsets and transactions. Meanwhile {@link
     * #bootstrapServers()} still answers, and clients (the extension's included) fail or wait.
     */
    public synchronized void stopBroker() {
        running().stopProcess();
    }

    /**
     * Starts the broker that {@link #stopBroker()} stopped, on the same ports and data; waits until
     * it serves.
     */
    public synchronized void startBroker() throws IOException, InterruptedException {
        running().restartProcess(startTimeout);
    }

    // ------------------------------------------------------------------ access

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return running().bootstrapServers;
    }

    /** An admin client of this broker, owned by the extension: do not close it. */
    public Admin admin() {
        return running().admin;
    }

    /** Creates a topic (replication factor 1) and waits until the controller has created it. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        await(admin().createTopics(List.of(topic)).all(), "create topic " + name);
    }

    /** Creates a topic with the broker's default topic configuration. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * A producer for this broker: idempotent, {@code acks=all}, bounded timeouts; {@code overrides}
     * win (for a transactional producer pass {@code transactional.id}). Close it.
     */
    public <K, V> KafkaProducer<K, V> createProducer(
            Map<String, Object> overrides, Serializer<K> keys, Serializer<V> values) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        config.putAll(overrides);
        return new KafkaProducer<>(config, keys, values);
    }

    /** {@link #createProducer(Map, Serializer, Serializer)} with UTF-8 string keys and values. */
    public KafkaProducer<String, String> createProducer(Map<String, Object> overrides) {
        return createProducer(overrides, new StringSerializer(), new StringSerializer());
    }

    /** Sends the records (idempotent, {@code acks=all}) and waits until all are acknowledged. */
    public <K, V> void produce(
            Collection<ProducerRecord<K, V>> records, Serializer<K> keys, Serializer<V> values) {
        try (KafkaProducer<K, V> producer = createProducer(Map.of(), keys, values)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<K, V> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                await(ack, "produce to " + bootstrapServers());
            }
        }
    }

    /** {@link #produce(Collection, Serializer, Serializer)} with UTF-8 string keys and values. */
    public void produce(Collection<ProducerRecord<String, String>> records) {
        produce(records, new StringSerializer(), new StringSerializer());
    }

    /**
     * Everything a {@code read_committed} consumer can see in the topic now: all partitions from
     * the beginning up to their last stable offset. Records of aborted transactions are skipped,
     * records of a still open transaction (and all after them) are not yet visible.
     */
    public <K, V> List<ConsumerRecord<K, V>> readCommitted(
            String topic, Deserializer<K> keys, Deserializer<V> values) {
        try (KafkaConsumer<K, V> consumer = readCommittedConsumer(keys, values)) {
            List<TopicPartition> partitions = assignAllFromBeginning(consumer, topic);
            Map<TopicPartition, Long> lastStable = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
            while (!reached(consumer, lastStable)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            String.format(
                                    "Reading topic %s up to its last stable offsets %s took over"
                                            + " %s; got %d records",
                                    topic, lastStable, CLIENT_TIMEOUT, records.size()));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** {@link #readCommitted(String, Deserializer, Deserializer)} with UTF-8 strings. */
    public List<ConsumerRecord<String, String>> readCommitted(String topic) {
        return readCommitted(topic, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Reads the topic from the beginning with {@code read_committed} until at least {@code
     * minRecords} records have arrived, for output that a job commits asynchronously; fails with an
     * {@link AssertionError} if they do not arrive within {@code timeout}. Returns all records
     * read, which may be more than {@code minRecords}.
     */
    public <K, V> List<ConsumerRecord<K, V>> awaitCommitted(
            String topic,
            int minRecords,
            Duration timeout,
            Deserializer<K> keys,
            Deserializer<V> values) {
        try (KafkaConsumer<K, V> consumer = readCommittedConsumer(keys, values)) {
            assignAllFromBeginning(consumer, topic);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < minRecords) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            String.format(
                                    "Expected at least %d committed records in topic %s within"
                                            + " %s, got %d: %s",
                                    minRecords,
                                    topic,
                                    timeout,
                                    records.size(),
                                    records.stream()
                                            .limit(10)
                                            .map(r -> r.key() + "=" + r.value())
                                            .collect(Collectors.joining(", ", "[", "]"))));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** {@link #awaitCommitted(String, int, Duration, Deserializer, Deserializer)} with strings. */
    public List<ConsumerRecord<String, String>> awaitCommitted(
            String topic, int minRecords, Duration timeout) {
        return awaitCommitted(
                topic, minRecords, timeout, new StringDeserializer(), new StringDeserializer());
    }

    private <K, V> KafkaConsumer<K, V> readCommittedConsumer(
            Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Tests poll and wait: answer at once rather than after the default 500 ms.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        return new KafkaConsumer<>(config, keys, values);
    }

    private static List<TopicPartition> assignAllFromBeginning(
            KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, CLIENT_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new AssertionError("Topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions =
                infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey(), CLIENT_TIMEOUT) >= e.getValue());
    }

    private RunningBroker running() {
        RunningBroker b = broker;
        if (b == null) {
            throw new IllegalStateException(
                    "The Kafka broker is not running: register KafkaBrokerExtension with"
                            + " @RegisterExtension (a static field for one broker per class) and"
                            + " use it only inside tests or @BeforeAll/@BeforeEach methods");
        }
        return b;
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not " + what + " within " + CLIENT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }

    // ------------------------------------------------------------------ broker process

    /**
     * The broker configuration: KRaft with broker and controller in one node, both listeners on
     * 127.0.0.1, every internal topic with one replica, no initial rebalance delay. Kafka's
     * defaults otherwise (topics are auto-created, transactions may last up to 15 minutes).
     */
    private Properties serverProperties(int port, int controllerPort, Path dataDir) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
        p.setProperty(
                "listeners",
                String.format(
                        "PLAINTEXT://%s:%d,CONTROLLER://%s:%d",
                        LOOPBACK, port, LOOPBACK, controllerPort));
        p.setProperty("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dataDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The cleaner's dedupe buffer is allocated up front (128 MiB by default).
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        brokerPropertyOverrides.forEach(p::setProperty);
        return p;
    }

    private static List<String> brokerClasspath() throws IOException {
        Path file = classpathFile();
        String content = Files.readString(file, StandardCharsets.UTF_8).trim();
        List<String> entries =
                Arrays.stream(content.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
        List<String> missing = entries.stream().filter(e -> !Files.exists(Path.of(e))).toList();
        if (entries.isEmpty() || !missing.isEmpty()) {
            throw new IllegalStateException(
                    "The Kafka broker classpath in "
                            + file
                            + " is stale (missing: "
                            + missing
                            + "). Rebuild it from the repository root: mvn -B -q install -pl"
                            + " testing/kafka-broker");
        }
        return entries;
    }

    private static Path classpathFile() {
        String configured = System.getProperty(CLASSPATH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isRegularFile(file)) {
                return file;
            }
            throw new IllegalStateException(
                    "The Kafka broker classpath file "
                            + file
                            + " (system property "
                            + CLASSPATH_PROPERTY
                            + ") does not exist. The build of testing/kafka-broker writes it: run"
                            + " `mvn -B -q install -pl testing/kafka-broker` from the repository"
                            + " root (a full `mvn -B verify` does it too).");
        }
        // Not run by Maven (an IDE, say): look for the file above the working directory.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(CLASSPATH_FILE_IN_REPOSITORY);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException(
                "No Kafka broker classpath: the system property "
                        + CLASSPATH_PROPERTY
                        + " is not set and no "
                        + CLASSPATH_FILE_IN_REPOSITORY
                        + " was found above "
                        + Path.of("").toAbsolutePath()
                        + ". Run `mvn -B -q install -pl testing/kafka-broker` from the repository"
                        + " root, or set -D"
                        + CLASSPATH_PROPERTY
                        + "=<file>.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /** Signals that the broker failed because a port was taken meanwhile. */
    private static final class PortTakenException extends Exception {
        PortTakenException(String message) {
            super(message);
        }
    }

    /** One broker process, its work directory and the admin client talking to it. */
    private static final class RunningBroker implements AutoCloseable {
        volatile Process process;
        final Path workDir;
        final String bootstrapServers;
        final Thread shutdownHook;
        final List<String> command;
        final Path log;
        final int port;
        Admin admin;

        private RunningBroker(
                Process process,
                Path workDir,
                String bootstrapServers,
                List<String> command,
                Path log,
                int port) {
            this.process = process;
            this.workDir = workDir;
            this.bootstrapServers = bootstrapServers;
            this.command = command;
            this.log = log;
            this.port = port;
            this.shutdownHook =
                    new Thread(
                            () -> {
                                killTree(this.process);
                                deleteRecursively(workDir);
                            },
                            "guiji-kafka-broker-reaper");
        }

        /**
         * SIGTERM (a controlled shutdown), SIGKILL after {@link #KILL_TIMEOUT}; the directory
         * stays.
         */
        void stopProcess() {
            Process p = process;
            if (!p.isAlive()) {
                return;
            }
            // Through the handle: Process.destroy() would also close the broker's standard input,
            // which its watchdog takes for the test JVM's death (it deletes the directory).
            p.toHandle().destroy();
            try {
                if (!p.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn(
                            "Kafka broker pid {} did not stop within {}; killing it",
                            p.pid(),
                            KILL_TIMEOUT);
                    killTree(p);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree(p);
            }
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                // The broker is gone; nothing to release.
            }
            LOG.info(
                    "Kafka broker {} stopped (pid {}), data kept in {}",
                    bootstrapServers,
                    p.pid(),
                    workDir);
        }

        /** The same command again: same ports, same storage (formatting it is skipped). */
        void restartProcess(Duration timeout) throws IOException, InterruptedException {
            if (process.isAlive()) {
                return;
            }
            long started = System.nanoTime();
            Files.writeString(
                    log,
                    "\n--- restart ---\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            process =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            try {
                awaitReady(port, timeout, log);
            } catch (PortTakenException e) {
                throw new IllegalStateException(
                        "Kafka broker could not take its port again: " + e.getMessage(), e);
            }
            LOG.info(
                    "Kafka broker {} restarted in {} ms (pid {})",
                    bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    process.pid());
        }

        static RunningBroker start(List<String> classpath, KafkaBrokerExtension settings)
                throws IOException, InterruptedException, PortTakenException {
            long started = System.nanoTime();
            Path workDir = Files.createTempDirectory("guiji-kafka-");
            RunningBroker broker = null;
            try {
                int port = freePort();
                int controllerPort = freePort();
                while (controllerPort == port) {
                    controllerPort = freePort();
                }
                Path serverProperties = workDir.resolve("server.properties");
                writeProperties(
                        settings.serverProperties(port, controllerPort, workDir.resolve("data")),
                        serverProperties);
                Path log4j = workDir.resolve("log4j2.properties");
                Files.writeString(log4j, LOG4J2_PROPERTIES, StandardCharsets.UTF_8);
                Path log = workDir.resolve("broker.log");

                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmOptions());
                command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
                command.add("-cp");
                List<String> cp = new ArrayList<>(classpath);
                cp.add(copyLauncher(workDir).toString());
                command.add(String.join(File.pathSeparator, cp));
                command.add(KafkaBrokerMain.class.getName());
                command.add(serverProperties.toString());
                command.add(Uuid.randomUuid().toString());
                command.add(workDir.toString());

                // Standard input stays a pipe from this JVM: the broker halts when it closes.
                Process process =
                        new ProcessBuilder(command)
                                .directory(workDir.toFile())
                                .redirectErrorStream(true)
                                .redirectOutput(log.toFile())
                                .start();
                broker =
                        new RunningBroker(
                                process, workDir, LOOPBACK + ":" + port, command, log, port);
                Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
                broker.awaitReady(port, settings.startTimeout, log);
                LOG.info(
                        "Kafka broker {} started in {} ms (pid {}, dir {})",
                        broker.bootstrapServers,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        process.pid(),
                        workDir);
                return broker;
            } catch (IOException | InterruptedException | PortTakenException | RuntimeException e) {
                if (broker != null) {
                    broker.close();
                } else {
                    deleteRecursively(workDir);
                }
                throw e;
            }
        }

        private void awaitReady(int port, Duration timeout, Path log)
                throws InterruptedException, PortTakenException {
            long deadline = System.nanoTime() + timeout.toNanos();
            // Wait quietly for the listener first: an admin client polling a closed port logs a
            // warning per attempt.
            while (!accepts(port)) {
                checkAlive(log);
                checkDeadline(deadline, timeout, log);
                Thread.sleep(50);
            }
            if (admin == null) { // a restart keeps the admin client: same address
                Map<String, Object> config = new HashMap<>();
                config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
                admin = Admin.create(config);
            }
            while (true) {
                checkAlive(log);
                checkDeadline(deadline, timeout, log);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(1_000))
                            .nodes()
                            .get(2, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Not serving yet.
                }
                Thread.sleep(50);
            }
        }

        private void checkAlive(Path log) throws PortTakenException {
            if (!process.isAlive()) {
                String tail = tail(log);
                String message =
                        "The Kafka broker exited with code "
                                + process.exitValue()
                                + " while starting. Last lines of "
                                + log
                                + ":\n"
                                + tail;
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message);
            }
        }

        private void checkDeadline(long deadline, Duration timeout, Path log) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "The Kafka broker at "
                                + bootstrapServers
                                + " did not serve requests within "
                                + timeout
                                + " (raise it with withStartTimeout). Last lines of "
                                + log
                                + ":\n"
                                + tail(log));
            }
        }

        @Override
        public void close() {
            try {
                if (admin != null) {
                    admin.close(Duration.ofSeconds(5));
                }
            } finally {
                killTree(process);
                deleteRecursively(workDir);
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down; the hook does the same work.
                }
            }
        }

        /**
         * Kills at once: a test broker's data is thrown away, so a controlled shutdown buys
         * nothing.
         */
        private static void killTree(Process process) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Kafka broker pid {} did not exit after SIGKILL", process.pid());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static boolean accepts(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static List<String> jvmOptions() {
            String options = System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS);
            return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }

        /**
         * Copies {@link KafkaBrokerMain}, which needs nothing but java.base, alone into the work
         * directory, so the broker's classpath holds nothing of the tests'.
         */
        private static Path copyLauncher(Path workDir) throws IOException {
            Path root = workDir.resolve("launcher");
            String resource = KafkaBrokerMain.class.getName().replace('.', '/') + ".class";
            Path target = root.resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in =
                    KafkaBrokerMain.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " not found on the test classpath");
                }
                Files.copy(in, target);
            }
            return root;
        }

        private static void writeProperties(Properties properties, Path file) throws IOException {
            // The OutputStream form escapes everything outside ISO-8859-1, whatever the reader.
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "Written by KafkaBrokerExtension");
            }
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join(
                        "\n",
                        lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(no log: " + e + ")";
            }
        }

        private static void deleteRecursively(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Could not delete {}: {}", dir, e.toString());
            }
        }
    }

    private static final String LOG4J2_PROPERTIES =
            String.join(
                    "\n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.out.ref = out",
                    "appender.out.type = Console",
                    "appender.out.name = out",
                    "appender.out.layout.type = PatternLayout",
                    "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n",
                    "logger.request.name = kafka.request.logger",
                    "logger.request.level = WARN",
                    "");
}
