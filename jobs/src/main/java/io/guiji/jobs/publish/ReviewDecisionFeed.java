package io.guiji.jobs.publish;

import io.guiji.connectors.jdbc.ReviewDecisionTable;
import io.guiji.connectors.kafka.KafkaBytesDeserializer;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.ingest.kafka.KafkaSources;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The part of the PostgreSQL feed ({@link PostgresFeed}) that records reviewers' decisions: the
 * decisions topic, read_committed from the feed group's offsets (else from the beginning), into
 * {@code review_decisions}, insert-once by {@code decision_id} ({@link ReviewDecisionTable}), so
 * replays after a restart are no-ops. Shares no edge with the pipeline, as the rest of the feed.
 */
public final class ReviewDecisionFeed {
    private ReviewDecisionFeed() {}

    // Operator identities. Savepoints map state by these ids: never change one without a
    // migration.
    public static final String PG_FEED_REVIEW_DECISIONS = "pg-feed-review-decisions";
    public static final String PG_REVIEW_DECISION_ROWS = "pg-review-decision-rows";
    public static final String SINK_PG_REVIEW_DECISIONS = "sink-pg-review-decisions";

    /** Adds the feed of {@code review_decisions}; nothing when the decisions topic is unset. */
    public static void define(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            JdbcConnectionOptions conn,
            JdbcExecutionOptions exec,
            String group) {
        String topic = cfg.get(GuijiOptions.TOPIC_REVIEW_DECISIONS);
        if (topic == null) {
            return;
        }
        env.fromSource(
                        KafkaSources.readCommitted(
                                        cfg.kafkaConsumerProperties(),
                                        cfg.bootstrapServers(),
                                        List.of(topic),
                                        group,
                                        PG_FEED_REVIEW_DECISIONS,
                                        new KafkaBytesDeserializer(),
                                        OffsetsInitializer.committedOffsets(
                                                OffsetResetStrategy.EARLIEST))
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        topic + " (committed)")
                .setParallelism(1)
                .uid(PG_FEED_REVIEW_DECISIONS)
                .flatMap(new DecisionRowFunction())
                .returns(TypeInformation.of(ReviewDecisionTable.Row.class))
                .setParallelism(1)
                .uid(PG_REVIEW_DECISION_ROWS)
                .name("review decisions")
                .sinkTo(ReviewDecisionTable.sink(conn, exec))
                .setParallelism(1)
                .uid(SINK_PG_REVIEW_DECISIONS)
                .name("PostgreSQL review_decisions");
    }
}
