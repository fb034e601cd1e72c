package io.guiji.jobs.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** {@link Unions}: the streams a union was made of, nested unions flattened. */
class UnionsTest {
    private final StreamExecutionEnvironment env =
            StreamExecutionEnvironment.getExecutionEnvironment();

    @Test
    void aStreamThatIsNoUnionIsItsOnlyPart() {
        DataStream<Long> one = env.fromSequence(1, 2);

        assertThat(Unions.parts(one)).containsExactly(one);
    }

    @Test
    void nestedUnionsGiveEveryStreamOnceInOrder() {
        DataStream<String> a = env.fromSequence(1, 2).map(String::valueOf).returns(Types.STRING);
        DataStream<String> b = env.fromSequence(3, 4).map(String::valueOf).returns(Types.STRING);
        DataStream<String> c = env.fromSequence(5, 6).map(String::valueOf).returns(Types.STRING);

        List<DataStream<String>> parts = Unions.parts(a.union(b).union(c));

        assertThat(parts)
                .extracting(DataStream::getTransformation)
                .containsExactly(
                        a.getTransformation(), b.getTransformation(), c.getTransformation());
    }
}
