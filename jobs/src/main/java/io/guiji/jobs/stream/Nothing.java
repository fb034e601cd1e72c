package io.guiji.jobs.stream;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * An empty stream of a type, for an input that is not configured (no registry topic, say).
 * {@code fromData} of an empty collection fails (in BATCH mode too), so: one number, mapped to nothing.
 */
public final class Nothing<T> implements FlatMapFunction<Long, T>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;
    private final TypeInformation<T> type;

    private Nothing(TypeInformation<T> type) {
        this.type = type;
    }

    public static <T> DataStream<T> of(StreamExecutionEnvironment env, Class<T> type, String name) {
        return env.fromSequence(0, 0).name(name).setParallelism(1)
                .flatMap(new Nothing<>(TypeInformation.of(type))).name(name).setParallelism(1);
    }

    @Override
    public void flatMap(Long value, Collector<T> out) {}

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
