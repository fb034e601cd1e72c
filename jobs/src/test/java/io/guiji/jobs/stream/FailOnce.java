package io.guiji.jobs.stream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Fault injection for the exactly-once test: once {@link #ARMED}, the first subtask of the first
 * attempt throws after {@code after} more records, so the job fails once in the middle of its input
 * and restarts from its last checkpoint. Later attempts pass everything through. Static state is
 * fine here: the mini-cluster runs in the test's JVM.
 */
final class FailOnce<T> extends RichMapFunction<T, T> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();

    private final int after;
    private transient int seenWhileArmed;
    private transient boolean mayFail;

    FailOnce(int after) {
        this.after = after;
    }

    @Override
    public void open(OpenContext openContext) {
        mayFail =
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0
                        && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public T map(T value) {
        if (mayFail && ARMED.get() && ++seenWhileArmed >= after && FAILURES.get() == 0) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException(
                    "injected failure (FailOnce) after " + seenWhileArmed + " records");
        }
        return value;
    }
}
