package io.guiji.jobs.file;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.flink.util.SerializedThrowable;

/**
 * A race in Flink's file source that fails a bounded run for no fault of its input: when a reader's
 * fetcher, idle after its split, shuts down just as the next split is added, {@code
 * SingleThreadFetcherManager.getRunningFetcher} finds the fetchers' map empty between its check and
 * its read and throws {@code NoSuchElementException} (FLINK-36146, unfixed in Flink 1.20). A
 * bounded run publishes nothing until its job has ended ({@link FileRunJob}: its outputs are
 * staged), so the whole run is safely done again; seen once in the whole-file fuzzing of many small
 * files.
 */
final class FetcherRace {
    /** Runs in all, the first included. */
    static final int ATTEMPTS = 3;

    private FetcherRace() {}

    /** Whether {@code e} is that race, wrapped as Flink wraps a task's failure. */
    static boolean is(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            boolean noSuchElement =
                    t instanceof java.util.NoSuchElementException
                            || (t instanceof SerializedThrowable s
                                    && java.util.NoSuchElementException.class
                                            .getName()
                                            .equals(s.getOriginalErrorClassName()));
            if (noSuchElement && thrownInGetRunningFetcher(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean thrownInGetRunningFetcher(Throwable t) {
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getClassName().endsWith(".SingleThreadFetcherManager")
                    && f.getMethodName().equals("getRunningFetcher")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code run}'s result, run again (up to {@link #ATTEMPTS} in all) while it fails with the
     * race, each time said to {@code warnings}; any other failure, or the race the last time, is
     * thrown.
     */
    static <T> T retried(Callable<T> run, Consumer<String> warnings) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return run.call();
            } catch (Exception e) {
                if (attempt >= ATTEMPTS || !is(e)) {
                    throw e;
                }
                warnings.accept(
                        "the job failed on a race in Flink's file source (FLINK-36146), not on the"
                                + " input; nothing was published: running it again ("
                                + (attempt + 1)
                                + " of "
                                + ATTEMPTS
                                + ")");
            }
        }
    }
}
