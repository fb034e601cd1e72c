package io.guiji.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.generator.SampleGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input gives the same unified records, rejections and coverage whatever the order rows
 * arrive in, the parallelism, and the runtime mode (docs/contract.md §6: "the result must not
 * depend on arrival order"; issue: parallelism 1 and 2, files in another order).
 */
class OrderIndependenceITCase {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @TempDir static Path dir;

    static List<RawRow> records;
    static List<RawRow> registry;
    static List<RawRow> catalog;
    static PipelineRunner.Result baseline;

    @BeforeAll
    static void generateAndRunBaseline() throws Exception {
        Path input = dir.resolve("input");
        new SampleGenerator(SampleGenerator.Settings.small().seed(7).today(TODAY)).generate(input);
        records = PipelineRunner.readRows(input, "records");
        registry = PipelineRunner.readRows(input, "registry");
        catalog = PipelineRunner.readRows(input, "catalog");
        baseline =
                PipelineRunner.run(
                        records, registry, catalog, 1, RuntimeExecutionMode.STREAMING, TODAY);
    }

    @Test
    void baselineHasEveryKindOfOutput() {
        assertThat(baseline.unified()).hasSizeGreaterThan(100);
        assertThat(baseline.rejected()).isNotEmpty();
        assertThat(baseline.coverage()).hasSize(1);
    }

    @Test
    void shuffledRowsAtParallelismTwoGiveTheSameResult() throws Exception {
        for (long seed : new long[] {1, 2}) {
            PipelineRunner.Result r =
                    PipelineRunner.run(
                            shuffled(records, seed),
                            shuffled(registry, seed),
                            shuffled(catalog, seed),
                            2,
                            RuntimeExecutionMode.STREAMING,
                            TODAY);
            assertSame(r);
        }
    }

    @Test
    void reversedRowsInBatchModeGiveTheSameResult() throws Exception {
        PipelineRunner.Result r =
                PipelineRunner.run(
                        reversed(records),
                        reversed(registry),
                        reversed(catalog),
                        2,
                        RuntimeExecutionMode.BATCH,
                        TODAY);
        assertSame(r);
    }

    private static void assertSame(PipelineRunner.Result r) {
        assertThat(r.unified()).containsExactlyElementsOf(baseline.unified());
        assertThat(r.rejected()).containsExactlyElementsOf(baseline.rejected());
        assertThat(r.coverage()).containsExactlyElementsOf(baseline.coverage());
        assertThat(r.referenceRejected()).containsExactlyElementsOf(baseline.referenceRejected());
    }

    private static List<RawRow> shuffled(List<RawRow> rows, long seed) {
        List<RawRow> copy = new ArrayList<>(rows);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    private static List<RawRow> reversed(List<RawRow> rows) {
        List<RawRow> copy = new ArrayList<>(rows);
        Collections.reverse(copy);
        return copy;
    }
}
