package io.guiji.jobs.file;

import io.guiji.jobs.launch.EarlyStartedCluster;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink environment of a bounded run ({@link FileRunJob}): BATCH execution mode at the given
 * parallelism, with the defaults below. Outside a cluster it is an embedded mini-cluster started
 * for the job; the start-up benchmark ({@code bench/…/StartupBench}) runs its empty job on the same
 * environment, so that the two differ only by guiji's own work.
 */
public final class BoundedEnvironment {
    /** Managed memory of the embedded cluster unless configured: room for BATCH mode's sorts. */
    static final MemorySize MANAGED_MEMORY = MemorySize.ofMebiBytes(768);

    /** The least managed memory a run is given, however small its input. */
    static final MemorySize MIN_MANAGED_MEMORY = MemorySize.ofMebiBytes(64);

    /** Managed memory per byte of input: a record sorted as Avro, several times over. */
    static final int MANAGED_BYTES_PER_INPUT_BYTE = 4;

    /** Inputs up to this size get {@link #SMALL_INPUT_SLOTS_PER_SUBTASK} slots a subtask. */
    static final long SMALL_INPUT_BYTES = 16L << 20;

    /**
     * Task slots of the embedded cluster per subtask of the job, for a small input: BATCH mode runs
     * a stage's tasks as slots free up, and the first stage alone is three sources at the run's
     * parallelism. With one slot per subtask they ran two at a time; on a small input a task is
     * mostly its deployment and initialization, which then overlap (BENCHMARKS.md, "Start-up"). A
     * large input keeps one slot per subtask: a slot's share of the managed memory is what its
     * sorts get, and its stages are bound by CPU, not by deployments.
     */
    static final int SMALL_INPUT_SLOTS_PER_SUBTASK = 3;

    private BoundedEnvironment() {}

    /**
     * The environment for a run over {@code inputBytes} of files: its managed memory, unless
     * configured, in proportion to the input between {@link #MIN_MANAGED_MEMORY} and {@link
     * #MANAGED_MEMORY}. Each sorted input of BATCH mode takes its share of the managed memory when
     * it starts, page by page, whatever it will hold: on a run of two records the 768 MiB cost
     * 0.7–0.8 s of its 5.2 s (BENCHMARKS.md, "Start-up"). Runs use {@link #prepare}, which gives
     * the same environment with its cluster started early; this one starts nothing until {@code
     * execute} (tests of the settings).
     */
    static StreamExecutionEnvironment forInput(
            Configuration conf, int parallelism, long inputBytes) {
        return create(
                conf, parallelism, managedMemoryFor(inputBytes), slotsFor(parallelism, inputBytes));
    }

    /** Task slots of the embedded cluster for a run at {@code parallelism} over the input. */
    static int slotsFor(int parallelism, long inputBytes) {
        return inputBytes <= SMALL_INPUT_BYTES
                ? parallelism * SMALL_INPUT_SLOTS_PER_SUBTASK
                : parallelism;
    }

    static MemorySize managedMemoryFor(long inputBytes) {
        long wanted =
                inputBytes > MANAGED_MEMORY.getBytes() / MANAGED_BYTES_PER_INPUT_BYTE
                        ? MANAGED_MEMORY.getBytes() // and no overflow
                        : inputBytes * MANAGED_BYTES_PER_INPUT_BYTE;
        return new MemorySize(Math.max(MIN_MANAGED_MEMORY.getBytes(), wanted));
    }

    /**
     * {@link #forInput}, with the embedded cluster starting now, in the background, while the
     * caller defines the job ({@link EarlyStartedCluster}). Close the result when the run is over:
     * it shuts the cluster down if no job took it. Inside a Flink client ({@code flink run}) the
     * environment is the client's, and there is nothing to start.
     */
    public static Prepared prepare(Configuration conf, int parallelism, long inputBytes) {
        Configuration flink =
                configuration(
                        conf,
                        parallelism,
                        managedMemoryFor(inputBytes),
                        slotsFor(parallelism, inputBytes));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        if (!(env instanceof LocalStreamEnvironment)) {
            return new Prepared(batch(env, parallelism), () -> {});
        }
        EarlyStartedCluster cluster = EarlyStartedCluster.start(flink);
        return new Prepared(batch(cluster.environment(), parallelism), cluster);
    }

    /** A bounded run's environment and what to close when the run is over. */
    public record Prepared(StreamExecutionEnvironment env, AutoCloseable cluster)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }

    private static StreamExecutionEnvironment create(
            Configuration conf, int parallelism, MemorySize managed, int slots) {
        return batch(
                StreamExecutionEnvironment.getExecutionEnvironment(
                        configuration(conf, parallelism, managed, slots)),
                parallelism);
    }

    private static Configuration configuration(
            Configuration conf, int parallelism, MemorySize managed, int slots) {
        Configuration flink = new Configuration(conf);
        // guiji.parallelism is the operator's choice: the adaptive batch scheduler must not
        // override it.
        flink.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
        batchDefaults(flink, managed);
        if (!flink.contains(TaskManagerOptions.NUM_TASK_SLOTS)) {
            // Read by the embedded cluster only; a cluster's task managers keep their own.
            flink.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        }
        // In the configuration too, not only set on the environment: an early-started cluster
        // is given the configuration its job's environment has.
        flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        flink.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        return flink;
    }

    private static StreamExecutionEnvironment batch(
            StreamExecutionEnvironment env, int parallelism) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * Defaults for a bounded run, each kept when the configuration sets it. Object reuse: chained
     * operators pass records on without a deep copy (a profile of 1M records spent a tenth of its
     * time in Avro deep copies). It is safe because every keyed operator, the only ones holding
     * records in state, reads from a shuffle (BATCH mode's sorted inputs deserialize a new object
     * per record), and no operator changes or re-emits a record after emitting it. Managed memory
     * ({@code managed}): BATCH mode sorts each keyed input; the embedded cluster's default (128
     * MiB) spilled most of them to disk. Delegation tokens: a run reads and writes local files
     * only, so the embedded cluster need not look for Hadoop and HBase token providers on every
     * start.
     */
    static void batchDefaults(Configuration flink, MemorySize managed) {
        if (!flink.contains(PipelineOptions.OBJECT_REUSE)) {
            flink.set(PipelineOptions.OBJECT_REUSE, true);
        }
        if (!flink.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managed);
        }
        if (!flink.contains(SecurityOptions.DELEGATION_TOKENS_ENABLED)) {
            flink.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        }
    }
}
