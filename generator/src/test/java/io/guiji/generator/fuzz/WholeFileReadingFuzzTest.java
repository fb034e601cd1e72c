package io.guiji.generator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-file fuzzing of the reading layer alone ({@link WholeFileFuzz#readBatch}): the damage of
 * {@link WholeFileFuzzITCase} on {@value #FILES} files per family ({@value #BIG_FILES} of the size
 * family, whose files are megabytes), read in memory by the reader the job's file source uses.
 * Every record of a damaged file is one row, numbered 1..N as its lines allow; the untouched
 * records at its start and end read as in the original; no row that parsed holds a field over the
 * limit. Random seed, printed, replayed with {@code -Dguiji.fuzz.seed=N}.
 */
class WholeFileReadingFuzzTest {
    static final int FILES = 2000;
    static final int BIG_FILES = 150;
    private static final long SEED = Long.getLong("guiji.fuzz.seed", System.nanoTime());

    @TempDir static Path dir;
    static WholeFileFuzz.Base base;

    @BeforeAll
    static void sample() throws Exception {
        System.out.println(
                "WholeFileReadingFuzzTest: seed "
                        + SEED
                        + " (replay with -Dguiji.fuzz.seed="
                        + SEED
                        + ")");
        base = WholeFileFuzz.prepare(dir, 20211);
    }

    @Test
    void damagedBytesLoseNoRow() {
        fuzz(FileMutator.Kind.BYTES, 1, FILES);
    }

    @Test
    void damagedStructureLosesNoRow() {
        fuzz(FileMutator.Kind.STRUCTURE, 2, FILES);
    }

    @Test
    void fieldsOverTheLimitAreNeverAcceptedAndLoseNoRow() {
        fuzz(FileMutator.Kind.SIZE, 3, BIG_FILES);
    }

    @Test
    void hostileTextLosesNoRow() {
        fuzz(FileMutator.Kind.VALUES, 4, FILES);
    }

    private static void fuzz(Set<FileMutator.Kind> kinds, long salt, int files) {
        WholeFileFuzz.Outcome o = WholeFileFuzz.readBatch(base, SEED * 31 + salt, kinds, files);

        assertThat(o.violations())
                .as("replay: -Dguiji.fuzz.seed=%d; %s", SEED, o.report(30))
                .isEmpty();
        assertThat(o.compared()).as("untouched records compared with the originals").isPositive();
    }
}
