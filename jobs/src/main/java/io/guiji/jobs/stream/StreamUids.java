package io.guiji.jobs.stream;

/**
 * Operator identities of the streaming job's own input operators (the shared ones are in {@link
 * io.guiji.jobs.Uids}, the PostgreSQL feed's in {@link io.guiji.jobs.publish.PostgresFeed}).
 * Savepoints map state by these ids: never change one without a migration.
 */
public final class StreamUids {
    private StreamUids() {}

    public static final String DECODE_RECORDS = "decode-records";
    public static final String DECODE_REGISTRY = "decode-registry";
    public static final String DECODE_CATALOG = "decode-catalog";

    /** Followed by the source's configured name. */
    public static final String JDBC_SOURCE_PREFIX = "source-jdbc-";

    public static final String JDBC_ROWS_PREFIX = "rows-jdbc-";

    /** The decisions topic (reviewers' decisions, the MANUAL tier); one subtask. */
    public static final String REVIEW_DECISION_SOURCE = "source-review-decisions";

    public static final String DECODE_REVIEW_DECISIONS = "decode-review-decisions";
}
