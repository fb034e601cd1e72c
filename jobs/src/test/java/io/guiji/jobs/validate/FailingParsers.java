package io.guiji.jobs.validate;

import java.time.LocalDate;

/**
 * Record parsers that fail on chosen rows, for tests of whole jobs (the seam is package-private).
 */
public final class FailingParsers {
    private FailingParsers() {}

    /**
     * A parser that throws {@code IllegalStateException("poisoned row")} while normalizing any row
     * whose raw text contains {@code marker}, and parses every other row as in production.
     */
    public static RecordParseFunction throwingOn(String marker, LocalDate today, String zone) {
        return failingOn(
                marker,
                today,
                zone,
                () -> {
                    throw new IllegalStateException("poisoned row");
                });
    }

    /**
     * A parser whose task fails on any row whose raw text contains {@code marker}: it throws an
     * {@link Error}, which no stage isolates (docs/contract.md §7 isolates exceptions of records,
     * not a broken JVM), so the whole run fails.
     */
    public static RecordParseFunction failingTheTaskOn(
            String marker, LocalDate today, String zone) {
        return failingOn(
                marker,
                today,
                zone,
                () -> {
                    throw new AssertionError("the task fails here");
                });
    }

    private interface Failure extends java.io.Serializable {
        void fail();
    }

    private static RecordParseFunction failingOn(
            String marker, LocalDate today, String zone, Failure failure) {
        return new RecordParseFunction(
                today,
                zone,
                (normalizer, row) -> {
                    if (row.raw != null && row.raw.contains(marker)) {
                        failure.fail();
                    }
                    return normalizer.normalize(row);
                });
    }
}
