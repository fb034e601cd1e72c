package io.guiji.connectors.file;

import java.io.Serializable;

/**
 * How much of one input record the readers accept. A record over a limit is rejected as MALFORMED
 * (its message names the limit and the option key), never accepted, so one runaway value (a field
 * of megabytes, a quote that never closes, JSON nested a thousand deep) cannot exhaust the heap or
 * the stack, nor reach the sinks.
 *
 * <p>The option keys are defined here, next to the limits, so that the connector's messages and the
 * job's configuration cannot drift apart.
 *
 * @param maxFieldChars characters of one CSV field or one JSON value (a nested object or array
 *     counts as its JSON text) or key
 * @param maxRecordChars characters of one CSV record (all its physical lines) or one JSONL line;
 *     longer lines are not held in memory beyond this
 * @param maxJsonDepth nesting of JSON objects and arrays; a line's top-level object is depth 1
 */
public record ReadLimits(int maxFieldChars, int maxRecordChars, int maxJsonDepth)
        implements Serializable {

    public static final String MAX_FIELD_CHARS_KEY = "guiji.input.max-field-chars";
    public static final String MAX_RECORD_CHARS_KEY = "guiji.input.max-record-chars";
    public static final String MAX_JSON_DEPTH_KEY = "guiji.input.max-json-depth";

    /** 64 KiB per field, 1 MiB per record, 64 levels: far above any real supervision record. */
    public static final ReadLimits DEFAULTS = new ReadLimits(64 * 1024, 1024 * 1024, 64);

    public ReadLimits {
        if (maxFieldChars < 1) {
            throw new IllegalArgumentException(
                    MAX_FIELD_CHARS_KEY + " must be at least 1, not " + maxFieldChars);
        }
        if (maxRecordChars < maxFieldChars) {
            throw new IllegalArgumentException(
                    MAX_RECORD_CHARS_KEY
                            + " ("
                            + maxRecordChars
                            + ") must be at least "
                            + MAX_FIELD_CHARS_KEY
                            + " ("
                            + maxFieldChars
                            + ")");
        }
        if (maxJsonDepth < 1) {
            throw new IllegalArgumentException(
                    MAX_JSON_DEPTH_KEY + " must be at least 1, not " + maxJsonDepth);
        }
    }

    /** "longer than N characters (key)", for a message about a field, value or key. */
    public String fieldTooLong() {
        return "longer than " + maxFieldChars + " characters (" + MAX_FIELD_CHARS_KEY + ")";
    }

    /** "longer than N characters (key)", for a message about a record, line or message. */
    public String recordTooLong() {
        return "longer than " + maxRecordChars + " characters (" + MAX_RECORD_CHARS_KEY + ")";
    }

    /** "nested deeper than N levels (key)", for a message about JSON. */
    public String tooDeep() {
        return "nested deeper than " + maxJsonDepth + " levels (" + MAX_JSON_DEPTH_KEY + ")";
    }
}
