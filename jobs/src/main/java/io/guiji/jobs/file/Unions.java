package io.guiji.jobs.file;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.transformations.UnionTransformation;

/**
 * The streams a union was made of. An operator after a union has several inputs, so it cannot chain
 * to any of them: a bounded run's output writer is put after each part instead ({@link
 * FileRunJob}), where it chains.
 */
final class Unions {
    private Unions() {}

    /** The streams {@code stream} is the union of, nested unions flattened; itself if none. */
    static <T> List<DataStream<T>> parts(DataStream<T> stream) {
        List<DataStream<T>> parts = new ArrayList<>();
        collect(stream, stream.getTransformation(), parts);
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static <T> void collect(
            DataStream<T> stream, Transformation<T> t, List<DataStream<T>> parts) {
        if (t instanceof UnionTransformation<T> union) {
            for (Transformation<?> input : union.getInputs()) {
                collect(stream, (Transformation<T>) input, parts);
            }
        } else if (t == stream.getTransformation()) {
            parts.add(stream);
        } else {
            parts.add(new DataStream<>(stream.getExecutionEnvironment(), t));
        }
    }
}
