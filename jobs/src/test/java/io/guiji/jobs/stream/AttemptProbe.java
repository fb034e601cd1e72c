package io.guiji.jobs.stream;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * A pass-through tap that records the highest attempt number its subtasks were opened with: 0 as
 * long as the part of the job it sits in has never been restarted. Static state is fine here: the
 * mini-cluster runs in the test's JVM.
 */
final class AttemptProbe<T> extends RichMapFunction<T, T> {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger HIGHEST_ATTEMPT = new AtomicInteger();

    @Override
    public void open(OpenContext openContext) {
        HIGHEST_ATTEMPT.accumulateAndGet(
                getRuntimeContext().getTaskInfo().getAttemptNumber(), Math::max);
    }

    @Override
    public T map(T value) {
        return value;
    }
}
