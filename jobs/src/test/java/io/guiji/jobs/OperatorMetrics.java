package io.guiji.jobs;

import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * The metrics an operator registers in a test harness: give the harness {@link #environment()},
 * then read a counter by name ({@link #count}).
 */
public final class OperatorMetrics extends InterceptingTaskMetricGroup {
    private final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

    // No @Override on these two: Flink 1.20 calls the first, Flink 2.x the second (with the
    // operator's metric variables); each compiles on both as a method of this class.

    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
        return operator;
    }

    public InternalOperatorMetricGroup getOrAddOperator(
            OperatorID id, String name, java.util.Map<String, String> variables) {
        return operator;
    }

    public MockEnvironment environment() {
        return new MockEnvironmentBuilder().setMetricGroup(this).build();
    }

    /**
     * The count of the operator's counter {@code name}; fails when the operator registered none.
     */
    public long count(String name) {
        Counter c = (Counter) operator.get(name);
        if (c == null) {
            throw new AssertionError("the operator registered no counter " + name);
        }
        return c.getCount();
    }
}
