package io.guiji.generator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-file fuzzing through {@code guiji run} ({@link WholeFileFuzz}): one run per family of
 * damage, each over at least {@value #FILES_PER_RUN} damaged copies of the sample's record files
 * beside the sample itself, so that a failure names the family it comes from. The run must end with
 * exit 0 and every input record must come out exactly once, as a source of a unified record or as a
 * rejected record, with the rows of each file numbered 1..N as its lines allow.
 *
 * <p>Random by default; the seed is printed, and in every failure: {@code -Dguiji.fuzz.seed=N}
 * replays it. {@code bench/run.sh fuzz} runs thousands of files.
 */
class WholeFileFuzzITCase {
    static final int FILES_PER_RUN = 30;
    private static final long SEED = Long.getLong("guiji.fuzz.seed", System.nanoTime());

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path dir;
    static WholeFileFuzz.Base base;

    @BeforeAll
    static void sample() throws Exception {
        System.out.println(
                "WholeFileFuzzITCase: seed "
                        + SEED
                        + " (replay with -Dguiji.fuzz.seed="
                        + SEED
                        + ")");
        base = WholeFileFuzz.prepare(dir, 20211);
        assertThat(base.originals())
                .as("record files of the sample usable as originals")
                .isGreaterThan(50);
    }

    @Test
    void damagedBytesNULsByteOrderMarksAndUndecodableBytesLoseNoRecord() throws Exception {
        fuzz("bytes", FileMutator.Kind.BYTES, 1);
    }

    @Test
    void truncatedFilesStrayQuotesAndChangedLineBreaksLoseNoRecord() throws Exception {
        fuzz("structure", FileMutator.Kind.STRUCTURE, 2);
    }

    @Test
    void fieldsOver64KiBAndHugeNumbersLoseNoRecord() throws Exception {
        fuzz("size", FileMutator.Kind.SIZE, 3);
    }

    @Test
    void hostileTextInFieldsLosesNoRecord() throws Exception {
        fuzz("values", FileMutator.Kind.VALUES, 4);
    }

    private static void fuzz(String name, Set<FileMutator.Kind> kinds, long salt) throws Exception {
        long seed = SEED * 31 + salt;
        WholeFileFuzz.Outcome o =
                WholeFileFuzz.runBatch(base, dir.resolve(name), seed, kinds, FILES_PER_RUN);

        assertThat(o.violations())
                .as("replay: -Dguiji.fuzz.seed=%d; %s", SEED, o.report(40))
                .isEmpty();
        assertThat(o.records()).as("records accounted for").isGreaterThan(200);
        assertThat(o.compared())
                .as("untouched records compared with the originals")
                .isGreaterThanOrEqualTo(WholeFileFuzz.MIN_COMPARABLE);
    }
}
