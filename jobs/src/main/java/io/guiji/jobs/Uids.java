package io.guiji.jobs;

/**
 * Operator identities. Savepoints map state by these ids: never change one without a state
 * migration, and give every new stateful operator its own.
 */
public final class Uids {
    private Uids() {}

    public static final String RECORD_SOURCE = "source-records";
    public static final String REGISTRY_SOURCE = "source-registry";
    public static final String CATALOG_SOURCE = "source-catalog";
    public static final String PARSE_RECORDS = "parse-records";
    public static final String PARSE_REGISTRY = "parse-registry";
    public static final String PARSE_CATALOG = "parse-catalog";

    /**
     * Deduplication and linking in one operator since 0.2 (state layout changed: no migration from
     * 0.1 state).
     */
    public static final String DEDUP_LINK = "dedup-link";

    public static final String REGISTRY_PLACES = "registry-places";
    public static final String SUM_PARSE_DELTAS = "sum-parse-deltas";
    public static final String SUM_LINK_DELTAS = "sum-link-deltas";
    public static final String DEPT_STATS = "dept-stats";
    public static final String COVERAGE = "coverage";

    /** Enterprise profiles, health index and leads, keyed by subject. */
    public static final String ENTERPRISE_VIEW = "enterprise-view";

    public static final String SINK_UNIFIED = "sink-unified";
    public static final String SINK_REJECTED = "sink-rejected";
    public static final String SINK_REFERENCE_REJECTED = "sink-reference-rejected";
    public static final String OVERDUE = "overdue-list";
    public static final String SINK_TIMELINESS = "sink-timeliness";

    /**
     * Streaming: every Kafka output through one exactly-once sink (before 0.2's last change, one
     * sink an output: sink-unified … sink-leads).
     */
    public static final String SINK_KAFKA_OUTPUTS = "sink-kafka-outputs";

    /** Streaming: each output encoded for its topic before the one Kafka sink (stateless). */
    public static final String ENCODE_KAFKA_PREFIX = "encode-kafka-";

    public static final String SINK_ENTERPRISES = "sink-enterprises";
    public static final String SINK_LEADS = "sink-leads";

    /**
     * Reviewers' decisions as updates of the linking subtasks' reference data (streaming;
     * stateless, one subtask).
     */
    public static final String REVIEW_DECISION_ENTRIES = "review-decision-entries";
}
