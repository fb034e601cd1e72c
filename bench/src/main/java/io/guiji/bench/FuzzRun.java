package io.guiji.bench;

import io.guiji.generator.fuzz.FileMutator;
import io.guiji.generator.fuzz.WholeFileFuzz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The whole-file fuzzing of the jobs module's {@code WholeFileFuzzITCase}, for as long as asked:
 * batches of damaged copies of a sample's record files, each batch one {@code guiji run}
 * in-process, every input record checked to come out exactly once ({@link WholeFileFuzz}). A
 * failing batch's input is kept under {@code --keep}; the batch seed replays it.
 *
 * <p>First the reading layer alone ({@link WholeFileFuzz#readBatch}: {@code --reading-files}, in
 * memory, thousands a second), then the whole run.
 *
 * <pre>{@code [--reading-files 20000] [--files 2000] [--per-batch 50] [--seed N]
 * [--kinds bytes,structure,size,values] [--work /tmp/guiji-fuzz] [--keep bench/fuzz-failures]}
 * </pre>
 */
public final class FuzzRun {
    private FuzzRun() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        int readingFiles = a.getInt("reading-files", 20_000);
        int files = a.getInt("files", 2000);
        int perBatch = a.getInt("per-batch", 50);
        long seed = a.getLong("seed", System.nanoTime());
        Set<FileMutator.Kind> kinds = kinds(a.get("kinds", "bytes,structure,size,values"));
        Path work = Path.of(a.get("work", System.getProperty("java.io.tmpdir") + "/guiji-fuzz"));
        Path keep = Path.of(a.get("keep", "bench/fuzz-failures"));

        WholeFileFuzz.delete(work);
        System.out.printf(
                "fuzz: %,d damaged files in batches of %d, seed %d, kinds %s%n",
                files, perBatch, seed, kinds);
        WholeFileFuzz.Base base = WholeFileFuzz.prepare(work, 20211);
        int failed = 0;
        long t = System.nanoTime();
        for (int done = 0, b = 0; done < readingFiles; done += 1000, b++) {
            WholeFileFuzz.Outcome o =
                    WholeFileFuzz.readBatch(
                            base, seed - 1 - b, kinds, Math.min(1000, readingFiles - done));
            if (!o.ok()) {
                failed++;
                System.out.printf(
                        "reading batch %d seed %d: FAILED%n%s", b + 1, seed - 1 - b, o.report(20));
            }
        }
        System.out.printf(
                "RESULT fuzz reading: %,d damaged files read, %d batches failed, %.0f s%n",
                readingFiles, failed, (System.nanoTime() - t) / 1e9);
        int batches = (files + perBatch - 1) / perBatch;
        long records = 0;
        long t0 = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            long batchSeed = seed + b;
            Path dir = work.resolve("batch");
            WholeFileFuzz.delete(dir);
            WholeFileFuzz.Outcome o = WholeFileFuzz.runBatch(base, dir, batchSeed, kinds, perBatch);
            records += o.records();
            if (o.ok()) {
                System.out.printf(
                        "batch %d/%d seed %d: ok, %,d records accounted for%n",
                        b + 1, batches, batchSeed, o.records());
            } else {
                failed++;
                Path kept = keep.resolve("seed-" + batchSeed);
                WholeFileFuzz.delete(kept);
                Files.createDirectories(kept.getParent());
                Files.move(o.input(), kept);
                System.out.printf(
                        "batch %d/%d seed %d: FAILED (input kept in %s)%n%s",
                        b + 1, batches, batchSeed, kept, o.report(20));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "RESULT fuzz: %,d damaged files in %d batches, %d failed, %,d records accounted for, %.0f s%n",
                (long) batches * perBatch, batches, failed, records, seconds);
        WholeFileFuzz.delete(work);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static Set<FileMutator.Kind> kinds(String list) {
        Set<FileMutator.Kind> kinds = EnumSet.noneOf(FileMutator.Kind.class);
        for (String k : list.split(",")) {
            switch (k.strip().toLowerCase(Locale.ROOT)) {
                case "bytes" -> kinds.addAll(FileMutator.Kind.BYTES);
                case "structure" -> kinds.addAll(FileMutator.Kind.STRUCTURE);
                case "size" -> kinds.addAll(FileMutator.Kind.SIZE);
                case "values" -> kinds.addAll(FileMutator.Kind.VALUES);
                default ->
                        throw new IllegalArgumentException(
                                "--kinds: " + k + " is not one of bytes, structure, size, values");
            }
        }
        return kinds;
    }
}
