package io.guiji.jobs.coverage;

import org.apache.flink.api.java.functions.KeySelector;

/** Sends everything to the one coverage task: coverage is a single, global figure. */
public final class CoverageKey<T> implements KeySelector<T, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer getKey(T value) {
        return 0;
    }
}
