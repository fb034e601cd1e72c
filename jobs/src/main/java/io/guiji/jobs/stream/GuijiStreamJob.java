package io.guiji.jobs.stream;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.jdbc.JdbcTableSource;
import io.guiji.connectors.jdbc.PostgresTables;
import io.guiji.connectors.kafka.AvroRecordDeserializer;
import io.guiji.connectors.kafka.AvroRecordSerializer;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.connectors.kafka.KafkaBytesDeserializer;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.GuijiPipeline;
import io.guiji.jobs.Uids;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.GuijiSettings;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.config.TopicCheck;
import io.guiji.jobs.ingest.ReferenceParsers;
import io.guiji.jobs.ingest.SourceSpec;
import io.guiji.jobs.ingest.SpecApplier;
import io.guiji.jobs.ingest.kafka.AvroEntryDecoder;
import io.guiji.jobs.ingest.kafka.RecordDecoder;
import io.guiji.jobs.ingest.kafka.ReferenceDecoder;
import io.guiji.jobs.link.RegistryReplay;
import io.guiji.jobs.publish.RejectedRows;
import io.guiji.jobs.publish.SourceRows;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.rocksdb.CompactionStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job of docs/contract.md §9–10 ({@code bin/guiji stream}, and the shaded jar's entry
 * point for {@code flink run}): departmental Kafka topics and polled tables in, the shared {@link
 * GuijiPipeline} in {@link EmitMode#CHANGES}, Avro records out on Kafka with transactions (exactly
 * once), and PostgreSQL tables upserted from what Kafka committed.
 *
 * <pre>
 * topics ─ decode ─┐                                          ┌─ guiji.unified (compacted) ─┐
 * tables ─ rows ───┴─ GuijiPipeline (parse, dedup, link, ──────┼─ guiji.rejected ────────────┤ read_committed
 * registry topic ─ decode/parse ─┘     coverage)               ├─ guiji.coverage ────────────┼─ JDBC upserts ─ PostgreSQL
 * catalogue topic ─ decode/parse ┘                             ├─ guiji.reference-rejected ──┘
 *                                                              └─ guiji.link-changes
 * </pre>
 *
 * <p>PostgreSQL is fed from the committed Kafka outputs, in the same job, rather than from the
 * pipeline directly: a restart replays uncommitted work, and its states may be numbered differently
 * than the ones the failed attempt wrote; Kafka aborts those, so only states that are final in
 * Kafka ever reach PostgreSQL, and the at-least-once JDBC sink's replays of them are no-ops under
 * the version guard.
 *
 * <p>Outages (deploy/README.md, Outages and resuming): PostgreSQL down or refusing fails only the
 * feed's pipelined region, which restarts with growing delays while the pipeline keeps running with
 * its state; checkpoints, which need every task, wait meanwhile, so Kafka outputs are committed
 * again once the feed is back. No task of this job may ever finish (see {@link Nothing}).
 *
 * <p>Tests call {@link #define} with the real broker and database, as {@code main} does.
 */
public final class GuijiStreamJob {
    private static final Logger LOG = LoggerFactory.getLogger(GuijiStreamJob.class);

    private GuijiStreamJob() {}

    /**
     * {@code --config FILE} and {@code -Dkey=value} arguments (credentials only from env vars or
     * files).
     */
    public static void main(String[] args) throws Exception {
        run(arguments(args));
    }

    /**
     * Checks the topics exist, then runs until cancelled (or until the restart strategy gives up).
     */
    public static JobExecutionResult run(Configuration conf) throws Exception {
        StreamConfig cfg = StreamConfig.from(conf);
        TopicCheck.requireTopics(cfg);
        StreamExecutionEnvironment env = environment(cfg);
        define(env, cfg, UnaryOperator.identity());
        LOG.info(
                "guiji stream: sources {}, period {}, outputs to {}{}",
                cfg.sources(),
                cfg.period(),
                cfg.bootstrapServers(),
                cfg.get(GuijiOptions.POSTGRES_URL) == null ? "" : " and PostgreSQL");
        return env.execute("guiji stream");
    }

    /**
     * Parses {@code --config FILE} and {@code -Dkey=value} / {@code -D key=value}; -D wins over the
     * file.
     */
    public static Configuration arguments(String[] args) {
        Path config = null;
        Map<String, String> overrides = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else if (a.startsWith("--config=")) {
                config = Path.of(a.substring("--config=".length()));
            } else if (a.startsWith("-D") && (a.length() > 2 || i + 1 < args.length)) {
                String kv = a.length() > 2 ? a.substring(2) : args[++i];
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected -Dkey=value, not " + a);
                }
                overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            } else {
                throw new IllegalArgumentException(
                        "unknown argument " + a + " (usage: --config FILE [-Dkey=value ...])");
            }
        }
        Configuration conf = config == null ? new Configuration() : GuijiSettings.load(config);
        conf.addAll(Configuration.fromMap(overrides));
        return conf;
    }

    /**
     * The execution environment: checkpoints every {@code guiji.checkpoint.interval} (exactly
     * once), the configured state backend (RocksDB with incremental checkpoints by default),
     * checkpoints retained on cancellation when they have a directory, an exponential-delay restart
     * strategy without a limit by default (see {@link GuijiOptions#RESTART_ATTEMPTS}). Flink's own
     * keys for any of these win when given.
     */
    public static StreamExecutionEnvironment environment(StreamConfig cfg) {
        Configuration flink = new Configuration(cfg.configuration());
        // Flink's own keys, when given, win over guiji's defaults.
        setUnlessGiven(
                flink,
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                cfg.value(GuijiOptions.CHECKPOINT_INTERVAL));
        flink.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        setUnlessGiven(
                flink,
                StateBackendOptions.STATE_BACKEND,
                cfg.value(GuijiOptions.STATE_BACKEND).trim().toLowerCase(java.util.Locale.ROOT));
        setUnlessGiven(flink, CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // RocksDB, measured on the registry load (BENCHMARKS.md): every checkpoint flushes the
        // memtables, and with level compaction each small flushed file is merged into the whole
        // next
        // level, whose keys (hashed key groups) it overlaps entirely; universal compaction merges
        // runs
        // of similar size instead (50k entries at 1 s checkpoints: 171 s to load → 92 s). Bloom
        // filters
        // answer most point lookups of absent keys (a new record_id, an unasked key) without
        // reading files.
        setUnlessGiven(
                flink, RocksDBConfigurableOptions.COMPACTION_STYLE, CompactionStyle.UNIVERSAL);
        setUnlessGiven(flink, RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        String dir = cfg.get(GuijiOptions.CHECKPOINT_DIR);
        if (dir != null) {
            setUnlessGiven(flink, CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        }
        if (flink.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            setUnlessGiven(
                    flink,
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (!flink.contains(RestartStrategyOptions.RESTART_STRATEGY)) {
            // An outage (PostgreSQL down, grants revoked, a broker restarting) fails tasks again
            // and
            // again until the service is back: retry for ever, at growing intervals, and start the
            // count over once the job has run quietly for a while. A failure of the PostgreSQL
            // sinks
            // restarts only their pipelined region (the feed reads the committed output topics and
            // shares no edge with the pipeline), under Flink's default region failover.
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                    cfg.value(GuijiOptions.RESTART_DELAY));
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                    cfg.value(GuijiOptions.RESTART_MAX_DELAY));
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
                    2.0);
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR,
                    0.1);
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions
                            .RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                    cfg.value(GuijiOptions.RESTART_RESET_AFTER));
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                    cfg.value(GuijiOptions.RESTART_ATTEMPTS));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.configure(flink);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(cfg.settings().parallelism());
        return env;
    }

    private static <T> void setUnlessGiven(
            Configuration conf, org.apache.flink.configuration.ConfigOption<T> option, T value) {
        if (!conf.contains(option)) {
            conf.set(option, value);
        }
    }

    /**
     * The whole job on {@code env}: sources, the pipeline, Kafka sinks and (with {@code
     * guiji.postgres.url}) the PostgreSQL feed. {@code tap} is applied to the departmental rows
     * before parsing (identity in production; tests inject a failure there).
     */
    public static GuijiPipeline.Outputs define(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            UnaryOperator<DataStream<RawRow>> tap) {
        return define(env, cfg, tap, null);
    }

    /**
     * {@link #define(StreamExecutionEnvironment, StreamConfig, UnaryOperator)} with the given
     * record parser (tests).
     */
    static GuijiPipeline.Outputs define(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            UnaryOperator<DataStream<RawRow>> tap,
            io.guiji.jobs.ingest.RecordParser parser) {
        GuijiPipeline.Inputs in = inputs(env, cfg);
        in =
                new GuijiPipeline.Inputs(
                        tap.apply(in.records()),
                        in.registry(),
                        in.catalog(),
                        in.referenceRejected(),
                        in.registryReplay());
        GuijiPipeline.Outputs out =
                GuijiPipeline.defineWorkflow(
                        in, EmitMode.CHANGES, cfg.settings(), cfg.period(), parser);
        kafkaSinks(out, cfg);
        if (cfg.get(GuijiOptions.POSTGRES_URL) != null) {
            postgresFeed(env, cfg);
        }
        return out;
    }

    // ------------------------------------------------------------------ sources

    static GuijiPipeline.Inputs inputs(StreamExecutionEnvironment env, StreamConfig cfg) {
        List<DataStream<RawRow>> records = new ArrayList<>();
        List<SourceSpec> kafka = cfg.kafkaSources();
        if (!kafka.isEmpty()) {
            List<String> topics = kafka.stream().map(SourceSpec::topic).toList();
            records.add(
                    env.fromSource(
                                    kafkaSource(
                                            cfg,
                                            topics,
                                            "records",
                                            new KafkaBytesDeserializer(),
                                            cfg.value(GuijiOptions.KAFKA_GROUP_ID),
                                            departmentalStart(cfg)),
                                    WatermarkStrategy.noWatermarks(),
                                    "records " + topics)
                            .uid(Uids.RECORD_SOURCE)
                            .process(new RecordDecoder(kafka, cfg.settings().readLimits()))
                            .uid(StreamUids.DECODE_RECORDS)
                            .name("decode records"));
        }
        for (SourceSpec s : cfg.jdbcSources()) {
            SourceSpec.Jdbc j = s.jdbc();
            JdbcTableSource table =
                    JdbcTableSource.builder()
                            .url(j.url())
                            .credentials(j.user(), cfg.jdbcPassword(s))
                            .table(j.table())
                            .updateColumn(j.updateColumn())
                            .keyColumn(j.keyColumn())
                            .since(j.sinceMillis())
                            .lag(j.lag())
                            .pollInterval(j.pollInterval())
                            .sanityCheck();
            records.add(
                    env.fromSource(
                                    table.build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "table " + j.table())
                            .uid(StreamUids.JDBC_SOURCE_PREFIX + s.name())
                            .setParallelism(1)
                            .map(new SpecApplier(s))
                            .uid(StreamUids.JDBC_ROWS_PREFIX + s.name())
                            .name("rows of " + j.table()));
        }
        DataStream<RawRow> all = records.get(0);
        for (int i = 1; i < records.size(); i++) {
            all = all.union(records.get(i));
        }

        List<DataStream<RejectedRecord>> referenceRejected = new ArrayList<>();
        DataStream<RegistryEntry> registry =
                reference(
                        env,
                        cfg,
                        cfg.get(GuijiOptions.KAFKA_REGISTRY_TOPIC),
                        cfg.registryFormat(),
                        RegistryEntry.class,
                        RegistryEntry::setSource,
                        new ReferenceParsers.Registry(),
                        "registry",
                        Uids.REGISTRY_SOURCE,
                        StreamUids.DECODE_REGISTRY,
                        Uids.PARSE_REGISTRY,
                        referenceRejected);
        DataStream<CatalogEntry> catalog =
                reference(
                        env,
                        cfg,
                        cfg.get(GuijiOptions.KAFKA_CATALOG_TOPIC),
                        cfg.catalogFormat(),
                        CatalogEntry.class,
                        null,
                        new ReferenceParsers.Catalog(),
                        "catalogue",
                        Uids.CATALOG_SOURCE,
                        StreamUids.DECODE_CATALOG,
                        Uids.PARSE_CATALOG,
                        referenceRejected);
        DataStream<RejectedRecord> rejected =
                referenceRejected.isEmpty()
                        ? Nothing.of(env, RejectedRecord.class, "no reference rejects")
                        : referenceRejected.size() == 1
                                ? referenceRejected.get(0)
                                : referenceRejected.get(0).union(referenceRejected.get(1));
        // The linking subtasks hold the registry in memory, not in checkpoints: after a restore
        // they
        // read the topic again up to where the checkpoint had applied it.
        RegistryReplay replay =
                cfg.get(GuijiOptions.KAFKA_REGISTRY_TOPIC) == null
                        ? null
                        : new KafkaRegistryReplay(replayConsumer(cfg), cfg.registryFormat());
        return new GuijiPipeline.Inputs(all, registry, catalog, rejected, replay);
    }

    /**
     * A registry or catalogue topic (JSON through the file parsers, or Avro entries as they are);
     * empty when unset.
     */
    private static <T extends SpecificRecord> DataStream<T> reference(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            String topic,
            SourceSpec.Format format,
            Class<T> type,
            AvroEntryDecoder.SourceRefSetter<T> setSource,
            org.apache.flink.streaming.api.functions.ProcessFunction<RawRow, T> parser,
            String what,
            String sourceUid,
            String decodeUid,
            String parseUid,
            List<DataStream<RejectedRecord>> rejects) {
        if (topic == null) {
            return Nothing.of(env, type, "no " + what);
        }
        // The registry and catalogue are state built from the whole topic: without restored state
        // (a first start, --fresh, a job started anew) read it all again, whatever the group has
        // committed; restored from a checkpoint or savepoint, the source continues from its offsets
        // there.
        DataStream<KafkaBytes> messages =
                env.fromSource(
                                kafkaSource(
                                        cfg,
                                        List.of(topic),
                                        what,
                                        new KafkaBytesDeserializer(),
                                        cfg.value(GuijiOptions.KAFKA_GROUP_ID),
                                        OffsetsInitializer.earliest()),
                                WatermarkStrategy.noWatermarks(),
                                what + " " + topic)
                        .uid(sourceUid);
        SingleOutputStreamOperator<T> entries;
        if (format == SourceSpec.Format.AVRO) {
            entries =
                    messages.process(new AvroEntryDecoder<>(type, setSource))
                            .uid(decodeUid)
                            .name("decode " + what);
        } else {
            entries =
                    messages.map(new ReferenceDecoder())
                            .uid(decodeUid)
                            .name("decode " + what)
                            .process(parser)
                            .returns(TypeInformation.of(type))
                            .uid(parseUid)
                            .name("parse " + what);
        }
        rejects.add(entries.getSideOutput(ReferenceParsers.REFERENCE_REJECTED));
        return entries;
    }

    /**
     * The Kafka client properties the registry replay reads with: the job's own (servers,
     * security).
     */
    private static java.util.Properties replayConsumer(StreamConfig cfg) {
        java.util.Properties p = new java.util.Properties();
        p.putAll(cfg.kafkaProperties());
        p.put("bootstrap.servers", cfg.bootstrapServers());
        p.put("client.id", cfg.value(GuijiOptions.KAFKA_GROUP_ID) + "-registry-replay");
        return p;
    }

    /**
     * Where departmental topics start without restored state: {@link
     * GuijiOptions#KAFKA_STARTING_OFFSETS}.
     */
    static OffsetsInitializer departmentalStart(StreamConfig cfg) {
        return switch (cfg.startingOffsets()) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /**
     * A read_committed Kafka source; {@code start} applies only without restored state (a restore
     * continues from its offsets).
     */
    static <T> KafkaSource<T> kafkaSource(
            StreamConfig cfg,
            List<String> topics,
            String client,
            KafkaRecordDeserializationSchema<T> deserializer,
            String groupId,
            OffsetsInitializer start) {
        return KafkaSource.<T>builder()
                .setProperties(cfg.kafkaProperties())
                .setBootstrapServers(cfg.bootstrapServers())
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(start)
                .setDeserializer(deserializer)
                // Upstream producers may write in transactions: never read what they aborted.
                .setProperty("isolation.level", "read_committed")
                .setProperty("client.id.prefix", groupId + "-" + client)
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    // ------------------------------------------------------------------ Kafka sinks

    static void kafkaSinks(GuijiPipeline.Outputs out, StreamConfig cfg) {
        out.unified()
                .sinkTo(
                        kafkaSink(
                                cfg,
                                GuijiOptions.TOPIC_UNIFIED,
                                UnifiedRecord.class,
                                UnifiedRecord::getRecordId,
                                "unified"))
                .uid(Uids.SINK_UNIFIED)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_UNIFIED));
        out.rejected()
                .sinkTo(
                        kafkaSink(
                                cfg,
                                GuijiOptions.TOPIC_REJECTED,
                                RejectedRecord.class,
                                GuijiStreamJob::rejectedKey,
                                "rejected"))
                .uid(Uids.SINK_REJECTED)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_REJECTED));
        out.referenceRejected()
                .sinkTo(
                        kafkaSink(
                                cfg,
                                GuijiOptions.TOPIC_REFERENCE_REJECTED,
                                RejectedRecord.class,
                                GuijiStreamJob::rejectedKey,
                                "reference-rejected"))
                .uid(Uids.SINK_REFERENCE_REJECTED)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_REFERENCE_REJECTED));
        out.coverage()
                .sinkTo(
                        kafkaSink(
                                cfg,
                                GuijiOptions.TOPIC_COVERAGE,
                                CoverageSnapshot.class,
                                CoverageSnapshot::getPeriod,
                                "coverage"))
                .uid(Uids.SINK_COVERAGE)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_COVERAGE))
                .setParallelism(1);
        out.linkChanges()
                .sinkTo(
                        kafkaSink(
                                cfg,
                                GuijiOptions.TOPIC_LINK_CHANGES,
                                LinkChange.class,
                                LinkChange::getRecordId,
                                "link-changes"))
                .uid(Uids.SINK_LINK_CHANGES)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_LINK_CHANGES));
    }

    /** The key of a rejected record: its source reference, {@code file#row}. */
    public static String rejectedKey(RejectedRecord r) {
        return r.getFile() + "#" + r.getRow();
    }

    private static <T extends SpecificRecord> KafkaSink<T> kafkaSink(
            StreamConfig cfg,
            org.apache.flink.configuration.ConfigOption<String> topic,
            Class<T> type,
            SerializableFunction<T, String> key,
            String name) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(cfg.kafkaProperties())
                .setBootstrapServers(cfg.bootstrapServers())
                .setRecordSerializer(new AvroRecordSerializer<>(cfg.get(topic), type, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        cfg.value(GuijiOptions.KAFKA_TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .setProperty(
                        "transaction.timeout.ms",
                        String.valueOf(
                                cfg.value(GuijiOptions.KAFKA_TRANSACTION_TIMEOUT).toMillis()))
                .build();
    }

    // ------------------------------------------------------------------ PostgreSQL

    /**
     * Reads the committed Kafka outputs (read_committed) and upserts them into the PostgreSQL
     * tables.
     */
    static void postgresFeed(StreamExecutionEnvironment env, StreamConfig cfg) {
        JdbcConnectionOptions conn =
                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(cfg.get(GuijiOptions.POSTGRES_URL))
                        .withDriverName("org.postgresql.Driver")
                        .withUsername(cfg.get(GuijiOptions.POSTGRES_USER))
                        .withPassword(cfg.postgresPassword())
                        .build();
        JdbcExecutionOptions exec =
                JdbcExecutionOptions.builder()
                        .withBatchSize(cfg.value(GuijiOptions.POSTGRES_BATCH_SIZE))
                        .withBatchIntervalMs(
                                cfg.value(GuijiOptions.POSTGRES_BATCH_INTERVAL).toMillis())
                        .withMaxRetries(3)
                        .build();
        String group = cfg.value(GuijiOptions.KAFKA_GROUP_ID) + "-postgres";

        DataStream<UnifiedRecord> unified =
                feed(
                        env,
                        cfg,
                        GuijiOptions.TOPIC_UNIFIED,
                        UnifiedRecord.class,
                        group,
                        StreamUids.PG_FEED_UNIFIED);
        unified.sinkTo(PostgresTables.unifiedSink(conn, exec))
                .uid(StreamUids.SINK_PG_UNIFIED)
                .name("PostgreSQL unified_record");
        unified.flatMap(new SourceRows())
                .uid(StreamUids.PG_SOURCES)
                .name("sources of unified records")
                .sinkTo(PostgresTables.sourceSink(conn, exec))
                .uid(StreamUids.SINK_PG_SOURCES)
                .name("PostgreSQL unified_record_source");

        DataStream<PostgresTables.RejectedRow> rejected =
                feed(
                                env,
                                cfg,
                                GuijiOptions.TOPIC_REJECTED,
                                RejectedRecord.class,
                                group,
                                StreamUids.PG_FEED_REJECTED)
                        .map(new RejectedRows("record"))
                        .uid(StreamUids.PG_REJECTED_KIND)
                        .name("rejected records");
        DataStream<PostgresTables.RejectedRow> referenceRejected =
                feed(
                                env,
                                cfg,
                                GuijiOptions.TOPIC_REFERENCE_REJECTED,
                                RejectedRecord.class,
                                group,
                                StreamUids.PG_FEED_REFERENCE_REJECTED)
                        .map(new RejectedRows("reference"))
                        .uid(StreamUids.PG_REFERENCE_REJECTED_KIND)
                        .name("rejected reference rows");
        rejected.union(referenceRejected)
                .sinkTo(PostgresTables.rejectedSink(conn, exec))
                .uid(StreamUids.SINK_PG_REJECTED)
                .name("PostgreSQL rejected_record");

        feed(
                        env,
                        cfg,
                        GuijiOptions.TOPIC_COVERAGE,
                        CoverageSnapshot.class,
                        group,
                        StreamUids.PG_FEED_COVERAGE)
                .sinkTo(PostgresTables.coverageSink(conn, exec))
                .uid(StreamUids.SINK_PG_COVERAGE)
                .name("PostgreSQL coverage_snapshot")
                .setParallelism(1);
    }

    private static <T extends SpecificRecord> DataStream<T> feed(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            org.apache.flink.configuration.ConfigOption<String> topic,
            Class<T> type,
            String group,
            String uid) {
        String t = cfg.get(topic);
        // Always from the beginning of what this group has not yet written (committed offsets, else
        // earliest).
        KafkaSource<T> source =
                KafkaSource.<T>builder()
                        .setProperties(cfg.kafkaProperties())
                        .setBootstrapServers(cfg.bootstrapServers())
                        .setTopics(t)
                        .setGroupId(group)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new AvroRecordDeserializer<>(type))
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("client.id.prefix", group + "-" + uid)
                        .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), t + " (committed)")
                .uid(uid);
    }
}
