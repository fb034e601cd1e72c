package io.guiji.jobs.config;

import io.guiji.jobs.ingest.SourceSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The streaming job's typed configuration ({@link GuijiOptions} streaming keys and the {@code
 * guiji.source.<name>.*} sources), checked once in {@code main}: a missing or unusable key fails
 * with a message that names it. Holds no password: those are read from files or environment
 * variables when the connectors are built ({@link Secrets}).
 */
public final class StreamConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Configuration conf;
    private final GuijiSettings settings;
    private final List<SourceSpec> sources;

    private StreamConfig(Configuration conf) {
        this.conf = conf;
        this.settings = GuijiSettings.from(withoutRegistryNoUnregisteredLeads(conf));
        this.sources = SourceSpec.all(conf, settings.zone());
        required(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(
                    "configuration: no departmental source; add one, e.g. "
                            + "guiji.source.scjg-penalty.topic: records.SCJG01.penalty (see the README, Streaming mode)");
        }
        String offsets =
                conf.get(GuijiOptions.KAFKA_STARTING_OFFSETS).trim().toLowerCase(Locale.ROOT);
        if (!List.of("committed", "earliest", "latest").contains(offsets)) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.KAFKA_STARTING_OFFSETS,
                    "must be committed, earliest or latest, not " + offsets);
        }
        registryFormat();
        catalogFormat();
        String backend = conf.get(GuijiOptions.STATE_BACKEND).trim().toLowerCase(Locale.ROOT);
        if (!backend.equals("rocksdb") && !backend.equals("hashmap")) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.STATE_BACKEND, "must be rocksdb or hashmap, not " + backend);
        }
        if (conf.get(GuijiOptions.KAFKA_TRANSACTION_TIMEOUT).compareTo(Duration.ofMinutes(15))
                > 0) {
            // Not fatal: a broker may allow more. Said here so it is not a surprise at the first
            // transaction.
            org.slf4j.LoggerFactory.getLogger(StreamConfig.class)
                    .warn(
                            "{} is above Kafka's default transaction.max.timeout.ms (15 min); the broker must allow it",
                            GuijiOptions.KAFKA_TRANSACTION_TIMEOUT.key());
        }
        if (conf.get(GuijiOptions.CHECKPOINT_INTERVAL)
                        .compareTo(conf.get(GuijiOptions.KAFKA_TRANSACTION_TIMEOUT))
                >= 0) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.CHECKPOINT_INTERVAL,
                    "must be well below "
                            + GuijiOptions.KAFKA_TRANSACTION_TIMEOUT.key()
                            + ": Kafka aborts a transaction that outlives it");
        }
        if (conf.get(GuijiOptions.RESTART_MAX_DELAY).compareTo(conf.get(GuijiOptions.RESTART_DELAY))
                < 0) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.RESTART_MAX_DELAY,
                    "must not be below " + GuijiOptions.RESTART_DELAY.key());
        }
        if (conf.get(GuijiOptions.POSTGRES_BATCH_SIZE) < 1) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.POSTGRES_BATCH_SIZE, "must be at least 1");
        }
        if (conf.get(GuijiOptions.POSTGRES_BATCH_INTERVAL).toMillis() < 1) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.POSTGRES_BATCH_INTERVAL, "must be at least 1 ms");
        }
        if (conf.get(GuijiOptions.RESTART_ATTEMPTS) < 0) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.RESTART_ATTEMPTS, "must not be negative");
        }
        if (conf.toMap().containsKey("guiji.postgres.password")) {
            throw new IllegalArgumentException(
                    "configuration guiji.postgres.password: passwords are never read from the configuration;"
                            + " set guiji.postgres.password-env (an environment variable) or guiji.postgres.password-file");
        }
        for (SourceSpec s : sources) {
            if (s.kind() == SourceSpec.Kind.JDBC) {
                jdbcPassword(s); // an unreadable password file fails now
            }
        }
        postgresPassword();
    }

    /**
     * Without a registry topic every record would look unregistered: no 无照 leads, as in a bounded
     * run without {@code registry/}.
     */
    private static Configuration withoutRegistryNoUnregisteredLeads(Configuration conf) {
        String registry = conf.get(GuijiOptions.KAFKA_REGISTRY_TOPIC);
        if (registry != null && !registry.isBlank()) {
            return conf;
        }
        Configuration c = new Configuration(conf);
        c.set(GuijiOptions.ENTERPRISE_UNREGISTERED_LEADS, false);
        return c;
    }

    public static StreamConfig from(Configuration conf) {
        return new StreamConfig(conf);
    }

    private String required(ConfigOption<String> option) {
        String v = conf.get(option);
        if (v == null || v.isBlank()) {
            throw new GuijiSettings.ConfigException(
                    option, "is required for streaming: " + option.description());
        }
        return v.trim();
    }

    public Configuration configuration() {
        return conf;
    }

    public GuijiSettings settings() {
        return settings;
    }

    public List<SourceSpec> sources() {
        return sources;
    }

    public List<SourceSpec> kafkaSources() {
        return sources.stream().filter(s -> s.kind() == SourceSpec.Kind.KAFKA).toList();
    }

    public List<SourceSpec> jdbcSources() {
        return sources.stream().filter(s -> s.kind() == SourceSpec.Kind.JDBC).toList();
    }

    public String bootstrapServers() {
        return required(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS);
    }

    public String get(ConfigOption<String> option) {
        String v = conf.get(option);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public <T> T value(ConfigOption<T> option) {
        return conf.get(option);
    }

    public String startingOffsets() {
        return conf.get(GuijiOptions.KAFKA_STARTING_OFFSETS).trim().toLowerCase(Locale.ROOT);
    }

    public SourceSpec.Format registryFormat() {
        return format(GuijiOptions.KAFKA_REGISTRY_FORMAT);
    }

    public SourceSpec.Format catalogFormat() {
        return format(GuijiOptions.KAFKA_CATALOG_FORMAT);
    }

    private SourceSpec.Format format(ConfigOption<String> option) {
        String f = conf.get(option).trim().toUpperCase(Locale.ROOT);
        try {
            return SourceSpec.Format.valueOf(f);
        } catch (IllegalArgumentException e) {
            throw new GuijiSettings.ConfigException(
                    option, "must be json or avro, not " + f.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The coverage period of streaming (docs/contract.md §8): guiji.coverage.period, by default the
     * calendar year of the processing date.
     */
    public String period() {
        return settings.coveragePeriod(
                        io.guiji.jobs.coverage.CoveragePeriod.year(
                                settings.processingDate().getYear()))
                .name();
    }

    /**
     * Extra client settings for every Kafka consumer and producer, from
     * guiji.kafka.properties-file.
     */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        String file = get(GuijiOptions.KAFKA_PROPERTIES_FILE);
        if (file != null) {
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new GuijiSettings.ConfigException(
                        GuijiOptions.KAFKA_PROPERTIES_FILE, "cannot be read: " + file);
            }
        }
        return p;
    }

    /**
     * The settings of the job's Kafka sources: {@link #kafkaProperties()} over guiji's own ({@link
     * KafkaClientDefaults#consumer}).
     */
    public Properties kafkaConsumerProperties() {
        return KafkaClientDefaults.consumer(kafkaProperties());
    }

    /**
     * The settings of the job's Kafka sink: {@link #kafkaProperties()} over guiji's own ({@link
     * KafkaClientDefaults#producer}).
     */
    public Properties kafkaProducerProperties() {
        return KafkaClientDefaults.producer(kafkaProperties());
    }

    public String postgresPassword() {
        return Secrets.password(
                GuijiOptions.POSTGRES_PASSWORD_FILE.key(),
                get(GuijiOptions.POSTGRES_PASSWORD_FILE),
                GuijiOptions.POSTGRES_PASSWORD_ENV.key(),
                get(GuijiOptions.POSTGRES_PASSWORD_ENV));
    }

    /**
     * A JDBC source's password, from its {@code password-file} or {@code password-env}; null when
     * neither gives one. Fails with a message naming the key when the file cannot be read.
     */
    public String jdbcPassword(SourceSpec s) {
        SourceSpec.Jdbc j = s.jdbc();
        return Secrets.password(
                SourceSpec.PREFIX + s.name() + ".password-file",
                j.passwordFile(),
                SourceSpec.PREFIX + s.name() + ".password-env",
                j.passwordEnv());
    }
}
