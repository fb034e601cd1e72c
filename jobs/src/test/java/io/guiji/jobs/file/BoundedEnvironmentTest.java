package io.guiji.jobs.file;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** A bounded run's sort memory follows its input's size, and a configured size always wins. */
class BoundedEnvironmentTest {

    @Property
    void managedMemoryGrowsWithTheInputWithinItsBounds(
            @ForAll @LongRange(min = 0, max = 1L << 42) long a,
            @ForAll @LongRange(min = 0, max = 1L << 42) long b) {
        long small = Math.min(a, b);
        long large = Math.max(a, b);
        MemorySize forSmall = BoundedEnvironment.managedMemoryFor(small);
        MemorySize forLarge = BoundedEnvironment.managedMemoryFor(large);

        assertThat(forSmall.getBytes()).isLessThanOrEqualTo(forLarge.getBytes());
        assertThat(forSmall.getBytes())
                .isBetween(
                        BoundedEnvironment.MIN_MANAGED_MEMORY.getBytes(),
                        BoundedEnvironment.MANAGED_MEMORY.getBytes());
        assertThat(forSmall.getBytes())
                .isGreaterThanOrEqualTo(
                        Math.min(
                                BoundedEnvironment.MANAGED_MEMORY.getBytes(),
                                small * BoundedEnvironment.MANAGED_BYTES_PER_INPUT_BYTE));
    }

    @Test
    void aTinyInputGetsTheLeastAndAProvinceTheMost() {
        assertThat(BoundedEnvironment.managedMemoryFor(2_000))
                .isEqualTo(BoundedEnvironment.MIN_MANAGED_MEMORY);
        assertThat(BoundedEnvironment.managedMemoryFor(50L << 20))
                .isEqualTo(MemorySize.ofMebiBytes(200));
        assertThat(BoundedEnvironment.managedMemoryFor(3L << 30))
                .isEqualTo(BoundedEnvironment.MANAGED_MEMORY);
    }

    @Test
    void aConfiguredManagedMemoryWins() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(300));

        StreamExecutionEnvironment env = BoundedEnvironment.forInput(conf, 1, 10);

        assertThat(env.getConfiguration().get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.ofMebiBytes(300));
        assertThat(
                        BoundedEnvironment.forInput(new Configuration(), 1, 10)
                                .getConfiguration()
                                .get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(BoundedEnvironment.MIN_MANAGED_MEMORY);
    }

    @Test
    void aSmallInputGetsMoreSlotsThanSubtasksAndALargeOneASlotEach() {
        assertThat(
                        BoundedEnvironment.forInput(new Configuration(), 2, 2_000)
                                .getConfiguration()
                                .get(TaskManagerOptions.NUM_TASK_SLOTS))
                .isEqualTo(2 * BoundedEnvironment.SMALL_INPUT_SLOTS_PER_SUBTASK);
        assertThat(
                        BoundedEnvironment.forInput(new Configuration(), 2, 300L << 20)
                                .getConfiguration()
                                .get(TaskManagerOptions.NUM_TASK_SLOTS))
                .isEqualTo(2);
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 5);
        assertThat(
                        BoundedEnvironment.forInput(conf, 2, 2_000)
                                .getConfiguration()
                                .get(TaskManagerOptions.NUM_TASK_SLOTS))
                .isEqualTo(5);
    }

    @Test
    void thePreparedEnvironmentHasTheSameSettingsAndRunsItsJobOnTheEarlyCluster() throws Exception {
        try (BoundedEnvironment.Prepared prepared =
                BoundedEnvironment.prepare(new Configuration(), 2, 2_000)) {
            StreamExecutionEnvironment plain =
                    BoundedEnvironment.forInput(new Configuration(), 2, 2_000);
            for (var option :
                    java.util.List.of(
                            TaskManagerOptions.NUM_TASK_SLOTS,
                            TaskManagerOptions.MANAGED_MEMORY_SIZE,
                            org.apache.flink.configuration.ExecutionOptions.RUNTIME_MODE,
                            org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE)) {
                assertThat(prepared.env().getConfiguration().get(option))
                        .as(option.key())
                        .isEqualTo(plain.getConfiguration().get(option));
            }
            assertThat(prepared.env().getParallelism()).isEqualTo(2);

            java.util.List<Long> out = new java.util.ArrayList<>();
            try (var it = prepared.env().fromSequence(1, 100).executeAndCollect()) {
                it.forEachRemaining(out::add);
            }
            assertThat(out).hasSize(100);
        }
    }
}
