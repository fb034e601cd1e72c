package io.guiji.jobs.publish;

import io.guiji.connectors.ChainedOperator;
import io.guiji.connectors.jdbc.PostgresTables;
import io.guiji.connectors.jdbc.RowBatcher;
import io.guiji.connectors.kafka.AvroRecordDeserializer;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.ingest.kafka.KafkaSources;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The PostgreSQL tables of docs/contract.md §9, fed from the committed Kafka outputs
 * (read_committed, consumer group {@code <guiji.kafka.group-id>-postgres}) rather than from the
 * pipeline: only states that are final in Kafka reach PostgreSQL, and the at-least-once JDBC sinks'
 * replays of them are no-ops under the version guard. The feed shares no edge with the pipeline, so
 * an outage of PostgreSQL fails and restarts only the feed's pipelined region.
 */
public final class PostgresFeed {
    private PostgresFeed() {}

    // Operator identities of the feed. Savepoints map state by these ids: never change one without
    // a migration.
    public static final String PG_FEED_UNIFIED = "pg-feed-unified";
    public static final String PG_FEED_REJECTED = "pg-feed-rejected";
    public static final String PG_FEED_REFERENCE_REJECTED = "pg-feed-reference-rejected";
    public static final String PG_FEED_COVERAGE = "pg-feed-coverage";
    public static final String PG_SOURCES = "pg-unified-sources";
    public static final String PG_REJECTED_KIND = "pg-rejected-kind";
    public static final String PG_REFERENCE_REJECTED_KIND = "pg-reference-rejected-kind";
    public static final String PG_UNIFIED_LISTS = "pg-unified-lists";
    public static final String PG_SOURCE_LISTS = "pg-unified-source-lists";
    public static final String SINK_PG_UNIFIED = "sink-pg-unified";
    public static final String SINK_PG_SOURCES = "sink-pg-unified-sources";
    public static final String SINK_PG_REJECTED = "sink-pg-rejected";
    public static final String SINK_PG_REFERENCE_REJECTED = "sink-pg-reference-rejected";
    public static final String SINK_PG_COVERAGE = "sink-pg-coverage";
    public static final String SINK_PG_COVERAGE_HISTORY = "sink-pg-coverage-history";

    /**
     * Reads the committed Kafka outputs and upserts them into {@code unified_record}, {@code
     * unified_record_source}, {@code rejected_record}, {@code coverage_snapshot} and {@code
     * coverage_history}, the reviewers' decisions into {@code review_decisions} ({@link
     * ReviewDecisionFeed}), and ({@link EnterpriseFeed}) {@code enterprise_profiles} and {@code
     * leads}.
     */
    public static void define(StreamExecutionEnvironment env, StreamConfig cfg) {
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
        // The sinks of lists (RowBatcher) write each list as it comes: the lists are the batches.
        JdbcExecutionOptions listExec =
                JdbcExecutionOptions.builder()
                        .withBatchSize(1)
                        .withBatchIntervalMs(0)
                        .withMaxRetries(3)
                        .build();
        String group = cfg.value(GuijiOptions.KAFKA_GROUP_ID) + "-postgres";

        DataStream<UnifiedRecord> unified =
                committed(
                        env,
                        cfg,
                        GuijiOptions.TOPIC_UNIFIED,
                        new AvroRecordDeserializer<>(UnifiedRecord.class),
                        group,
                        PG_FEED_UNIFIED);
        lists(unified, cfg, PG_UNIFIED_LISTS, "unified_record")
                .sinkTo(PostgresTables.unifiedSink(conn, listExec))
                .uid(SINK_PG_UNIFIED)
                .name("PostgreSQL unified_record");
        lists(
                        unified.flatMap(new SourceRowsFunction())
                                .uid(PG_SOURCES)
                                .name("sources of unified records"),
                        cfg,
                        PG_SOURCE_LISTS,
                        "unified_record_source")
                .sinkTo(PostgresTables.sourceSink(conn, listExec))
                .uid(SINK_PG_SOURCES)
                .name("PostgreSQL unified_record_source");

        DataStream<PostgresTables.RejectedRow> rejected =
                committed(
                                env,
                                cfg,
                                GuijiOptions.TOPIC_REJECTED,
                                new AvroRecordDeserializer<>(RejectedRecord.class),
                                group,
                                PG_FEED_REJECTED)
                        .map(new RejectedRowFunction("record"))
                        .uid(PG_REJECTED_KIND)
                        .name("rejected records");
        DataStream<PostgresTables.RejectedRow> referenceRejected =
                committed(
                                env,
                                cfg,
                                GuijiOptions.TOPIC_REFERENCE_REJECTED,
                                new AvroRecordDeserializer<>(RejectedRecord.class),
                                group,
                                PG_FEED_REFERENCE_REJECTED)
                        .map(new RejectedRowFunction("reference"))
                        .uid(PG_REFERENCE_REJECTED_KIND)
                        .name("rejected reference rows");
        rejected.union(referenceRejected)
                .sinkTo(PostgresTables.rejectedSink(conn, exec))
                .uid(SINK_PG_REJECTED)
                .name("PostgreSQL rejected_record");

        DataStream<CoverageSnapshot> coverage =
                committed(
                        env,
                        cfg,
                        GuijiOptions.TOPIC_COVERAGE,
                        new AvroRecordDeserializer<>(CoverageSnapshot.class),
                        group,
                        PG_FEED_COVERAGE);
        coverage.sinkTo(PostgresTables.coverageSink(conn, exec))
                .uid(SINK_PG_COVERAGE)
                .name("PostgreSQL coverage_snapshot")
                .setParallelism(1);
        coverage.sinkTo(PostgresTables.coverageHistorySink(conn, exec))
                .uid(SINK_PG_COVERAGE_HISTORY)
                .name("PostgreSQL coverage_history")
                .setParallelism(1);

        ReviewDecisionFeed.define(env, cfg, conn, exec, group);
        EnterpriseFeed.define(env, cfg, conn, listExec, group);
    }

    /**
     * {@code rows} gathered into lists of up to {@code guiji.postgres.batch-size}, each written by
     * one statement ({@link RowBatcher}); a list waits at most {@code
     * guiji.postgres.batch-interval}.
     */
    static <T> DataStream<List<T>> lists(
            DataStream<T> rows, StreamConfig cfg, String uid, String table) {
        return rows.transform(
                        "lists of " + table + " rows",
                        Types.LIST(rows.getType()),
                        ChainedOperator.of(
                                new RowBatcher<T>(
                                        cfg.value(GuijiOptions.POSTGRES_BATCH_SIZE),
                                        cfg.value(GuijiOptions.POSTGRES_BATCH_INTERVAL)
                                                .toMillis())))
                .uid(uid);
    }

    /**
     * An output topic as this group has not yet written it: from its committed offsets, else from
     * the beginning.
     */
    static <T> DataStream<T> committed(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            ConfigOption<String> topic,
            KafkaRecordDeserializationSchema<T> deserializer,
            String group,
            String uid) {
        String t = cfg.get(topic);
        return env.fromSource(
                        KafkaSources.readCommitted(
                                        cfg.kafkaConsumerProperties(),
                                        cfg.bootstrapServers(),
                                        List.of(t),
                                        group,
                                        uid,
                                        deserializer,
                                        OffsetsInitializer.committedOffsets(
                                                OffsetResetStrategy.EARLIEST))
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        t + " (committed)")
                .uid(uid);
    }
}
