package io.guiji.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The cluster started before its job is defined runs the job as Flink's local executor would, and
 * is shut down once: by the executor after a job, by {@link EarlyStartedCluster#close} without one.
 */
class EarlyStartedClusterTest {
    private static Configuration conf(int slots) {
        Configuration c = new Configuration();
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        return c;
    }

    @Test
    void runsAJobDefinedAfterItsStartAndIsShutDownWhenTheJobEnds() throws Exception {
        try (EarlyStartedCluster early = EarlyStartedCluster.start(conf(2))) {
            StreamExecutionEnvironment env = early.environment();
            env.setParallelism(2);
            List<Long> out = new ArrayList<>();
            try (CloseableIterator<Long> it =
                    env.fromSequence(1, 1000).map(x -> x * 2).executeAndCollect("early")) {
                it.forEachRemaining(out::add);
            }

            assertThat(out).hasSize(1000);
            assertThat(out.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000L * 1001);
            assertThat(early.tookOver()).isTrue();
            awaitStopped(early);

            List<Long> again = new ArrayList<>();
            try (CloseableIterator<Long> it = env.fromSequence(1, 10).executeAndCollect("again")) {
                it.forEachRemaining(again::add);
            }
            assertThat(again).as("a second job gets a cluster of its own").hasSize(10);
        }
    }

    @Test
    void aFailingJobFailsTheCallAndStillShutsTheClusterDown() throws Exception {
        Configuration c = conf(1);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        try (EarlyStartedCluster early = EarlyStartedCluster.start(c)) {
            StreamExecutionEnvironment env = early.environment();
            env.fromSequence(1, 10)
                    .map(
                            x -> {
                                if (x == 7) {
                                    throw new IllegalStateException("record seven");
                                }
                                return x;
                            })
                    .sinkTo(new DiscardingSink<>());

            assertThatThrownBy(() -> env.execute("failing"))
                    .hasStackTraceContaining("record seven");
            awaitStopped(early);
        }
    }

    @Test
    void closedWithoutAJobItStopsTheClusterItStarted() throws Exception {
        EarlyStartedCluster early = EarlyStartedCluster.start(conf(1));
        early.close(); // at once: the close waits for the start rather than racing it

        assertThat(early.tookOver()).isFalse();
        assertThat(early.running()).isFalse();
    }

    @Test
    void aJobThatNeedsOtherSlotsGetsAClusterOfItsOwnAndTheEarlyOneIsStopped() throws Exception {
        // No slots configured: the executor sizes its cluster by the job (3 subtasks of a
        // streaming job, all running at once), not the one slot started early.
        Configuration c = new Configuration();
        try (EarlyStartedCluster early = EarlyStartedCluster.start(c)) {
            StreamExecutionEnvironment env = early.environment();
            env.setParallelism(3);
            List<Long> out = new ArrayList<>();
            try (CloseableIterator<Long> it = env.fromSequence(1, 30).executeAndCollect()) {
                it.forEachRemaining(out::add);
            }
            assertThat(out).hasSize(30);
            assertThat(early.tookOver()).isFalse();
            early.close();
            assertThat(early.running()).isFalse();
        }
    }

    private static void awaitStopped(EarlyStartedCluster early) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (early.running() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(early.running()).as("the cluster is shut down after its job").isFalse();
    }
}
