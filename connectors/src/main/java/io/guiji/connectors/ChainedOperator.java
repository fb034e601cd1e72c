package io.guiji.connectors;

import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;

/**
 * A custom operator that chains to the operator before it, for {@code DataStream.transform(name,
 * type, ChainedOperator.of(operator))}.
 *
 * <p>Why a factory: on Flink 1.20 an {@code AbstractStreamOperator} starts a new chain unless it
 * sets its own {@code chainingStrategy} field, which Flink 2.x no longer has (there an operator's
 * factory decides, and chains by default). The factory's chaining strategy is what both versions'
 * job graph generators read, so setting it here chains the operator on both. Each unchained
 * operator is a vertex of its own: a deployment, and in BATCH mode a stage with a blocking exchange
 * (BENCHMARKS.md, "Start-up").
 */
public final class ChainedOperator<IN, OUT> extends SimpleOperatorFactory<OUT>
        implements OneInputStreamOperatorFactory<IN, OUT> {
    private static final long serialVersionUID = 1L;

    private ChainedOperator(OneInputStreamOperator<IN, OUT> operator) {
        super(operator);
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    /** {@code operator}, chained to its input's operator where Flink can chain at all. */
    public static <IN, OUT> OneInputStreamOperatorFactory<IN, OUT> of(
            OneInputStreamOperator<IN, OUT> operator) {
        return new ChainedOperator<>(operator);
    }
}
