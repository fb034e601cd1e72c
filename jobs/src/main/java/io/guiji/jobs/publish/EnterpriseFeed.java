package io.guiji.jobs.publish;

import io.guiji.connectors.jdbc.EnterpriseTables;
import io.guiji.connectors.json.OutputJson;
import io.guiji.connectors.kafka.KeyedJsonDeserializer;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The enterprise view's part of the PostgreSQL feed ({@link PostgresFeed}): the committed profile
 * and lead topics (read_committed, the feed's consumer group) upserted into {@code
 * enterprise_profiles} and {@code leads} ({@link EnterpriseTables}), a profile tombstone deleting
 * its row. As the rest of the feed it shares no edge with the pipeline.
 */
public final class EnterpriseFeed {
    private EnterpriseFeed() {}

    // Operator identities. Savepoints map state by these ids: never change one without a
    // migration.
    public static final String PG_FEED_ENTERPRISES = "pg-feed-enterprises";
    public static final String PG_FEED_LEADS = "pg-feed-leads";
    public static final String PG_ENTERPRISE_LISTS = "pg-enterprise-profile-lists";
    public static final String PG_LEAD_LISTS = "pg-lead-lists";
    public static final String SINK_PG_ENTERPRISES = "sink-pg-enterprise-profiles";
    public static final String SINK_PG_LEADS = "sink-pg-leads";

    static void define(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            JdbcConnectionOptions conn,
            JdbcExecutionOptions exec,
            String group) {
        PostgresFeed.lists(
                        PostgresFeed.committed(
                                env,
                                cfg,
                                GuijiOptions.TOPIC_ENTERPRISES,
                                new KeyedJsonDeserializer<>(
                                        EnterpriseProfile.class, OutputJson::write),
                                group,
                                PG_FEED_ENTERPRISES),
                        cfg,
                        PG_ENTERPRISE_LISTS,
                        "enterprise_profiles")
                .sinkTo(EnterpriseTables.profileSink(conn, exec))
                .uid(SINK_PG_ENTERPRISES)
                .name("PostgreSQL enterprise_profiles");
        PostgresFeed.lists(
                        PostgresFeed.committed(
                                env,
                                cfg,
                                GuijiOptions.TOPIC_LEADS,
                                new KeyedJsonDeserializer<>(Lead.class, OutputJson::write),
                                group,
                                PG_FEED_LEADS),
                        cfg,
                        PG_LEAD_LISTS,
                        "leads")
                .sinkTo(EnterpriseTables.leadSink(conn, exec))
                .uid(SINK_PG_LEADS)
                .name("PostgreSQL leads");
    }
}
