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
    public static final String DEDUP = "dedup";
    public static final String LINK_REQUESTS = "link-requests";
    public static final String REGISTRY_INDEX = "registry-index";
    public static final String KEY_LOOKUP = "key-lookup";
    public static final String LINK_RESOLVE = "link-resolve";
    public static final String DEPT_STATS = "dept-stats";
    public static final String COVERAGE = "coverage";
    public static final String SINK_UNIFIED = "sink-unified";
    public static final String SINK_REJECTED = "sink-rejected";
    public static final String SINK_REFERENCE_REJECTED = "sink-reference-rejected";
    public static final String SINK_COVERAGE = "sink-coverage";
    public static final String SINK_LINK_CHANGES = "sink-link-changes";
}
