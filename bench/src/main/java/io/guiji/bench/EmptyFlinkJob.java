package io.guiji.bench;

import io.guiji.jobs.config.GuijiSettings;
import io.guiji.jobs.file.BoundedEnvironment;
import io.guiji.jobs.launch.ScratchDirectory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The start-up baseline of {@link StartupBench}: an empty Flink job — two numbers from a bounded
 * source into a discarding sink — on the embedded cluster exactly as {@code guiji run} starts its
 * own: the same configuration ({@link BoundedEnvironment} at guiji's default parallelism for a tiny
 * input, its cluster started early as guiji's is, temporary files in a {@link ScratchDirectory}),
 * started by {@code bin/jvm} with the same JVM flags.
 */
public final class EmptyFlinkJob {
    private EmptyFlinkJob() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        try (ScratchDirectory scratch = ScratchDirectory.create(conf);
                BoundedEnvironment.Prepared prepared =
                        BoundedEnvironment.prepare(
                                scratch.apply(conf), GuijiSettings.from(conf).parallelism(), 0)) {
            StreamExecutionEnvironment env = prepared.env();
            env.fromSequence(1, 2)
                    .name("two numbers")
                    .sinkTo(new DiscardingSink<>())
                    .name("discard");
            env.execute("empty job");
        }
        System.exit(0); // as bin/guiji does: no waiting for the cluster's non-daemon threads
    }
}
