package io.guiji.jobs.stream;

/**
 * Operator identities of the streaming job's own operators (the shared ones are in {@link
 * io.guiji.jobs.Uids}). Savepoints map state by these ids: never change one without a migration.
 */
public final class StreamUids {
    private StreamUids() {}

    public static final String DECODE_RECORDS = "decode-records";
    public static final String DECODE_REGISTRY = "decode-registry";
    public static final String DECODE_CATALOG = "decode-catalog";

    /** Followed by the source's configured name. */
    public static final String JDBC_SOURCE_PREFIX = "source-jdbc-";

    public static final String JDBC_ROWS_PREFIX = "rows-jdbc-";

    public static final String PG_FEED_UNIFIED = "pg-feed-unified";
    public static final String PG_FEED_REJECTED = "pg-feed-rejected";
    public static final String PG_FEED_REFERENCE_REJECTED = "pg-feed-reference-rejected";
    public static final String PG_FEED_COVERAGE = "pg-feed-coverage";
    public static final String PG_SOURCES = "pg-unified-sources";
    public static final String PG_REJECTED_KIND = "pg-rejected-kind";
    public static final String PG_REFERENCE_REJECTED_KIND = "pg-reference-rejected-kind";
    public static final String SINK_PG_UNIFIED = "sink-pg-unified";
    public static final String SINK_PG_SOURCES = "sink-pg-unified-sources";
    public static final String SINK_PG_REJECTED = "sink-pg-rejected";
    public static final String SINK_PG_REFERENCE_REJECTED = "sink-pg-reference-rejected";
    public static final String SINK_PG_COVERAGE = "sink-pg-coverage";
}
