package io.guiji.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.guiji.connectors.file.ReadLimits;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.normalize.Dates;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of guiji, with its key, type, default and description. The README's configuration
 * table is this file. Values come from {@code --config FILE} (key: value lines) and {@code
 * -Dkey=value} arguments; credentials only from environment variables or files (see the streaming
 * options).
 */
public final class GuijiOptions {
    private GuijiOptions() {}

    /**
     * Every option declared here with the type of its value ({@code Integer}, {@code Duration}, …),
     * in declaration order: for the checks that must cover all keys (a value of the wrong type, a
     * misspelt key), so that a new option is covered as soon as it is declared.
     */
    public static Map<ConfigOption<?>, Class<?>> all() {
        Map<ConfigOption<?>, Class<?>> all = new LinkedHashMap<>();
        for (Field f : GuijiOptions.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.getType() == ConfigOption.class
                    && f.getGenericType() instanceof ParameterizedType t
                    && t.getActualTypeArguments()[0] instanceof Class<?> valueType) {
                try {
                    all.put((ConfigOption<?>) f.get(null), valueType);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return all;
    }

    public static final ConfigOption<String> INPUT =
            key("guiji.input")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Input root of a bounded run: registry/, catalog/ and records/<dept_code>/<record_type>/.");

    public static final ConfigOption<String> OUTPUT =
            key("guiji.output")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Output root of a bounded run: unified/, rejected/, coverage.json.");

    public static final ConfigOption<Integer> INPUT_MAX_FIELD_CHARS =
            key(ReadLimits.MAX_FIELD_CHARS_KEY)
                    .intType()
                    .defaultValue(ReadLimits.DEFAULTS.maxFieldChars())
                    .withDescription(
                            "Longest field of an input record (a CSV field, a JSON value or key), in characters; a record with a longer one is rejected MALFORMED.");

    public static final ConfigOption<Integer> INPUT_MAX_RECORD_CHARS =
            key(ReadLimits.MAX_RECORD_CHARS_KEY)
                    .intType()
                    .defaultValue(ReadLimits.DEFAULTS.maxRecordChars())
                    .withDescription(
                            "Longest input record (all lines of a CSV record, a JSON line, a Kafka message), in characters; a longer one is rejected MALFORMED and never held in memory whole.");

    public static final ConfigOption<Integer> INPUT_MAX_JSON_DEPTH =
            key(ReadLimits.MAX_JSON_DEPTH_KEY)
                    .intType()
                    .defaultValue(ReadLimits.DEFAULTS.maxJsonDepth())
                    .withDescription(
                            "Deepest nesting of JSON objects and arrays in an input record (its own object is level 1); a deeper one is rejected MALFORMED.");

    public static final ConfigOption<Integer> PARALLELISM =
            key("guiji.parallelism")
                    .intType()
                    .defaultValue(Runtime.getRuntime().availableProcessors())
                    .withDescription("Parallelism of the job (default: the machine's cores).");

    public static final ConfigOption<String> ZONE =
            key("guiji.time-zone")
                    .stringType()
                    .defaultValue(Dates.DEFAULT_ZONE_ID)
                    .withDescription(
                            "Time zone of 'today' (future decision dates) and of the coverage period.");

    public static final ConfigOption<String> PROCESSING_DATE =
            key("guiji.processing-date")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The day of processing (yyyy-MM-dd); decision dates after it are rejected. Default: today in guiji.time-zone.");

    public static final ConfigOption<Double> COVERAGE_TARGET =
            key("guiji.coverage.target")
                    .doubleType()
                    .defaultValue(0.95)
                    .withDescription("Department coverage target; status MET when reached.");

    public static final ConfigOption<Duration> COVERAGE_INTERVAL =
            key("guiji.coverage.min-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "Streaming: at most one coverage snapshot per interval (only when it changed).");

    public static final ConfigOption<String> COVERAGE_PERIOD =
            key("guiji.coverage.period")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The coverage period, by decision date: a year (2026), a month (2026-11), a range (2026-01-01..2026-06-30) or all-input. Default: all-input for a bounded run, the year of guiji.processing-date for streaming.");

    public static final ConfigOption<Integer> TIMELINESS_DEADLINE =
            key("guiji.timeliness.deadline")
                    .intType()
                    .defaultValue(7)
                    .withDescription(
                            "Working days after its decision within which a licence or penalty must be received (双公示: 7).");

    public static final ConfigOption<String> TIMELINESS_CALENDAR =
            key("guiji.timeliness.calendar")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Working-day calendar file (official holidays and 调休 working days, see jobs/src/main/resources/calendar/cn-working-days.csv). Default: the bundled one, 2024–2026.");

    public static final ConfigOption<Integer> LOOKUP_MAX_MATCHES =
            key("guiji.link.max-matches")
                    .intType()
                    .defaultValue(16)
                    .withDescription(
                            "At most this many registry entries are sent back for one lookup key (an ambiguous name needs only a few for review).");

    public static final ConfigOption<Boolean> FUZZY_ENABLED =
            key("guiji.link.fuzzy.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Tier 6 (FUZZY): link by approximate name when tiers 1-5 fail. When false, near matches are only listed as candidates.");

    public static final ConfigOption<Double> FUZZY_MIN_SCORE =
            key("guiji.link.fuzzy.min-score")
                    .doubleType()
                    .defaultValue(0.88)
                    .withDescription(
                            "FUZZY links only when the best candidate scores at least this (0-1).");

    public static final ConfigOption<Double> FUZZY_MIN_MARGIN =
            key("guiji.link.fuzzy.min-margin")
                    .doubleType()
                    .defaultValue(0.05)
                    .withDescription(
                            "FUZZY links only when the best candidate's score leads the runner-up's by at least this.");

    public static final ConfigOption<Double> FUZZY_MIN_CANDIDATE_SCORE =
            key("guiji.link.fuzzy.min-candidate-score")
                    .doubleType()
                    .defaultValue(0.5)
                    .withDescription(
                            "Unlinked records list up to 3 candidates scoring at least this, for review.");

    public static final ConfigOption<FuzzyPolicy.TradeNameTypos> FUZZY_TRADE_NAME_TYPOS =
            key("guiji.link.fuzzy.trade-name-typos")
                    .enumType(FuzzyPolicy.TradeNameTypos.class)
                    .defaultValue(FuzzyPolicy.DEFAULT_TRADE_NAME_TYPOS)
                    .withDescription(
                            "When a name that differs from one registered name by one replaced trade-name character links on the name alone, leading every other candidate by min-margin (as an industry-word typo links). confirmed: never; such records link only when their legal_rep is the entry's registered legal representative or one of their invalid codes is one character from the enterprise's, and are otherwise listed for review, since the look-alike may be an enterprise the registry lacks. placed: also when the record writes a place and the enterprise is registered there (a name carrying a place is registered at that place, so a registry holding that place's enterprises would hold the look-alike). all: always.");

    public static final ConfigOption<String> ENTERPRISE_REFERENCE_DATE =
            key("guiji.enterprise.reference-date")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The day (yyyy-MM-dd) enterprise profiles and leads are computed for: what is in force, valid, expired, recent. Default: guiji.processing-date; unset, a bounded run's day and, in streaming, the day of each update.");

    public static final ConfigOption<String> ENTERPRISE_HEALTH_MODEL =
            key("guiji.enterprise.health-model")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A health index model file (key: value lines) replacing the built-in one (jobs/src/main/resources/io/guiji/jobs/enterprise/health-model.properties).");

    public static final ConfigOption<String> ENTERPRISE_LEAD_RULES =
            key("guiji.enterprise.lead-rules")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "An unlicensed-operation lead rules file (key: value lines) replacing the built-in one (jobs/src/main/resources/io/guiji/jobs/enterprise/lead-rules.properties).");

    public static final ConfigOption<Boolean> ENTERPRISE_UNREGISTERED_LEADS =
            key("guiji.enterprise.unregistered-leads")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Make 无照 (not in the registry) leads; a bounded run without a registry makes none whatever this says.");

    // ------------------------------------------------------------------ streaming (guiji stream,
    // GuijiStreamJob)
    // Per-source keys guiji.source.<name>.* are read by io.guiji.jobs.ingest.SourceSpec (see the
    // README).

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            key("guiji.kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Streaming: Kafka brokers, host:port[,host:port]. Required.");

    public static final ConfigOption<String> KAFKA_PROPERTIES_FILE =
            key("guiji.kafka.properties-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Streaming: a Java properties file of extra Kafka client settings for every consumer and producer (security.protocol, sasl.jaas.config, ssl.*): the place for Kafka credentials, and for the fetch and batching settings guiji chooses otherwise (KafkaClientDefaults).");

    public static final ConfigOption<String> KAFKA_GROUP_ID =
            key("guiji.kafka.group-id")
                    .stringType()
                    .defaultValue("guiji")
                    .withDescription(
                            "Streaming: consumer group of the input topics (offsets are committed on checkpoints, for monitoring and for starting-offsets: committed).");

    public static final ConfigOption<String> KAFKA_STARTING_OFFSETS =
            key("guiji.kafka.starting-offsets")
                    .stringType()
                    .defaultValue("committed")
                    .withDescription(
                            "Streaming, departmental topics when the job starts without restored state: committed (the group's offsets, else earliest), earliest or latest."
                                    + " A restore always continues from the checkpoint; registry and catalogue topics are then read from the beginning.");

    public static final ConfigOption<String> KAFKA_TRANSACTIONAL_ID_PREFIX =
            key("guiji.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("guiji")
                    .withDescription(
                            "Streaming: prefix of the Kafka transactional ids of the output sink (<prefix>-outputs-…); unique per job on a cluster.");

    public static final ConfigOption<Duration> KAFKA_TRANSACTION_TIMEOUT =
            key("guiji.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Streaming: transaction.timeout.ms of the output producers; must not exceed the broker's transaction.max.timeout.ms (15 min by default) and must exceed the longest checkpoint plus restart.");

    public static final ConfigOption<String> KAFKA_REGISTRY_TOPIC =
            key("guiji.kafka.registry-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Streaming: topic of registry entries (企业登记); changes re-link records while the job runs. Unset: no registry.");

    public static final ConfigOption<String> KAFKA_REGISTRY_FORMAT =
            key("guiji.kafka.registry-format")
                    .stringType()
                    .defaultValue("json")
                    .withDescription(
                            "Streaming: json (one object, registry column names or aliases) or avro (RegistryEntry, plain binary).");

    public static final ConfigOption<String> KAFKA_CATALOG_TOPIC =
            key("guiji.kafka.catalog-topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Streaming: topic of resource catalogue entries (资源目录); coverage follows its changes. Unset: no catalogue.");

    public static final ConfigOption<String> KAFKA_CATALOG_FORMAT =
            key("guiji.kafka.catalog-format")
                    .stringType()
                    .defaultValue("json")
                    .withDescription(
                            "Streaming: json (one object, catalogue column names or aliases) or avro (CatalogEntry, plain binary).");

    public static final ConfigOption<String> TOPIC_UNIFIED =
            key("guiji.kafka.topic.unified")
                    .stringType()
                    .defaultValue("guiji.unified")
                    .withDescription(
                            "Streaming: output topic of unified records (Avro UnifiedRecord, key record_id); create it compacted.");

    public static final ConfigOption<String> TOPIC_REJECTED =
            key("guiji.kafka.topic.rejected")
                    .stringType()
                    .defaultValue("guiji.rejected")
                    .withDescription(
                            "Streaming: dead-letter topic of rejected input records (Avro RejectedRecord, key file#row).");

    public static final ConfigOption<String> TOPIC_REFERENCE_REJECTED =
            key("guiji.kafka.topic.reference-rejected")
                    .stringType()
                    .defaultValue("guiji.reference-rejected")
                    .withDescription(
                            "Streaming: unusable registry and catalogue entries (Avro RejectedRecord).");

    public static final ConfigOption<String> TOPIC_COVERAGE =
            key("guiji.kafka.topic.coverage")
                    .stringType()
                    .defaultValue("guiji.coverage")
                    .withDescription(
                            "Streaming: coverage snapshots (Avro CoverageSnapshot, key period).");

    public static final ConfigOption<String> TOPIC_LINK_CHANGES =
            key("guiji.kafka.topic.link-changes")
                    .stringType()
                    .defaultValue("guiji.link-changes")
                    .withDescription(
                            "Streaming: the link changelog (Avro LinkChange, key record_id).");

    public static final ConfigOption<String> TOPIC_REVIEW_DECISIONS =
            key("guiji.kafka.topic.review-decisions")
                    .stringType()
                    .defaultValue("guiji.review-decisions")
                    .withDescription(
                            "Streaming: reviewers' decisions (the MANUAL tier; one JSON object a message, as a line of review/decisions.jsonl, key scope|subject), written by guiji review --config"
                                    + " and read by the job from the beginning; an audit log: create it with retention.ms=-1, not compacted.");
    public static final ConfigOption<String> TOPIC_ENTERPRISES =
            key("guiji.kafka.topic.enterprises")
                    .stringType()
                    .defaultValue("guiji.enterprises")
                    .withDescription(
                            "Streaming: enterprise profiles with their health index (Avro EnterpriseProfile, key enterprise_id; a tombstone when the enterprise has no record left); create it compacted.");

    public static final ConfigOption<String> TOPIC_LEADS =
            key("guiji.kafka.topic.leads")
                    .stringType()
                    .defaultValue("guiji.leads")
                    .withDescription(
                            "Streaming: unlicensed-operation leads (Avro Lead, key lead_id; status WITHDRAWN retracts an OPEN lead); create it compacted.");

    public static final ConfigOption<String> POSTGRES_URL =
            key("guiji.postgres.url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Streaming: JDBC URL of the PostgreSQL database with deploy/postgres/schema.sql. Unset: Kafka outputs only.");

    public static final ConfigOption<String> POSTGRES_USER =
            key("guiji.postgres.user")
                    .stringType()
                    .defaultValue("guiji")
                    .withDescription("Streaming: PostgreSQL user.");

    public static final ConfigOption<String> POSTGRES_PASSWORD_ENV =
            key("guiji.postgres.password-env")
                    .stringType()
                    .defaultValue("GUIJI_PG_PASSWORD")
                    .withDescription(
                            "Streaming: environment variable that holds the PostgreSQL password (never put a password in the configuration).");

    public static final ConfigOption<String> POSTGRES_PASSWORD_FILE =
            key("guiji.postgres.password-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Streaming: file whose first line is the PostgreSQL password; wins over password-env.");

    public static final ConfigOption<Integer> POSTGRES_BATCH_SIZE =
            key("guiji.postgres.batch-size")
                    .intType()
                    .defaultValue(500)
                    .withDescription(
                            "Streaming: rows a statement writes into the tables that take a row for every record (deploy/README.md, PostgreSQL writes), and upserts per JDBC batch into the others.");

    public static final ConfigOption<Duration> POSTGRES_BATCH_INTERVAL =
            key("guiji.postgres.batch-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "Streaming: a partly filled batch is written after this long (and always before a checkpoint completes).");

    public static final ConfigOption<String> DASHBOARD_BIND =
            key("guiji.dashboard.bind")
                    .stringType()
                    .defaultValue("127.0.0.1")
                    .withDescription(
                            "guiji dashboard: address the live coverage page listens on. Beyond loopback an access token is required (token-env or token-file).");

    public static final ConfigOption<Integer> DASHBOARD_PORT =
            key("guiji.dashboard.port")
                    .intType()
                    .defaultValue(8095)
                    .withDescription("guiji dashboard: TCP port (0: any free port).");

    public static final ConfigOption<String> DASHBOARD_POSTGRES_USER =
            key("guiji.dashboard.postgres.user")
                    .stringType()
                    .defaultValue("guiji_reader")
                    .withDescription(
                            "guiji dashboard: PostgreSQL role it reads guiji.postgres.url with, read-only (deploy/postgres/roles.sql).");

    public static final ConfigOption<String> DASHBOARD_POSTGRES_PASSWORD_ENV =
            key("guiji.dashboard.postgres.password-env")
                    .stringType()
                    .defaultValue("GUIJI_DASHBOARD_PG_PASSWORD")
                    .withDescription(
                            "guiji dashboard: environment variable that holds the reader's password.");

    public static final ConfigOption<String> DASHBOARD_POSTGRES_PASSWORD_FILE =
            key("guiji.dashboard.postgres.password-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "guiji dashboard: file whose first line is the reader's password; wins over password-env.");

    public static final ConfigOption<String> DASHBOARD_TOKEN_ENV =
            key("guiji.dashboard.token-env")
                    .stringType()
                    .defaultValue("GUIJI_DASHBOARD_TOKEN")
                    .withDescription(
                            "guiji dashboard: environment variable that holds the access token (never on the command line).");

    public static final ConfigOption<String> DASHBOARD_TOKEN_FILE =
            key("guiji.dashboard.token-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "guiji dashboard: file whose first line is the access token; wins over token-env.");

    public static final ConfigOption<Duration> DASHBOARD_REFRESH =
            key("guiji.dashboard.refresh")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("guiji dashboard: how often the page asks for fresh figures.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            key("guiji.checkpoint.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Streaming: checkpoint interval; Kafka outputs become visible to read_committed consumers (and PostgreSQL) when a checkpoint completes.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            key("guiji.checkpoint.dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Streaming: durable checkpoint storage (a folder, file:///… or s3://…); checkpoints are retained on cancellation, to resume from."
                                    + " Unset: bin/guiji stream uses ~/.guiji/<transactional-id-prefix>/checkpoints and resumes from the latest one by itself;"
                                    + " flink run uses Flink's execution.checkpointing.dir, else the JobManager's memory (lost with it).");

    public static final ConfigOption<String> STATE_BACKEND =
            key("guiji.state.backend")
                    .stringType()
                    .defaultValue("rocksdb")
                    .withDescription(
                            "Streaming: rocksdb (incremental checkpoints, state on local disk) or hashmap (state on the heap).");

    public static final ConfigOption<Integer> RESTART_ATTEMPTS =
            key("guiji.restart.attempts")
                    .intType()
                    .defaultValue(Integer.MAX_VALUE)
                    .withDescription(
                            "Streaming: restarts in a row (none of them followed by guiji.restart.reset-after without a failure) before the job fails."
                                    + " Default: unlimited, so an outage of a service never ends the job. Flink's restart-strategy.* keys win when given.");

    public static final ConfigOption<Duration> RESTART_DELAY =
            key("guiji.restart.initial-delay")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDeprecatedKeys("guiji.restart.delay")
                    .withDescription(
                            "Streaming: wait before the first restart after a failure; each further restart in a row waits twice as long"
                                    + " (exponential delay, ±10 % jitter), up to guiji.restart.max-delay. Was guiji.restart.delay.");

    public static final ConfigOption<Duration> RESTART_MAX_DELAY =
            key("guiji.restart.max-delay")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Streaming: the longest wait between restarts, reached after about six failures in a row: how soon the job notices"
                                    + " that PostgreSQL or Kafka is back.");

    public static final ConfigOption<Duration> RESTART_RESET_AFTER =
            key("guiji.restart.reset-after")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Streaming: after running this long without a failure, the delay is back to guiji.restart.initial-delay"
                                    + " and the count of guiji.restart.attempts starts over.");
}
