package io.guiji.bench;

import io.guiji.generator.GenerationResult;
import io.guiji.generator.SampleGenerator;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes a benchmark input: {@code records/}, {@code registry/} and {@code catalog/} of {@link
 * SampleGenerator} at scale, noise at its realistic rates (duplicates across channels, GBK files,
 * misplaced codes, typos in names, rejections), without ground truth.
 *
 * <pre>{@code --out bench/data/r1m-e1m --records 1000000 --enterprises 1000000 [--seed 42]}</pre>
 *
 * The day of processing is fixed ({@link #TODAY}) so that the runners and the data agree.
 */
public final class GenerateData {
    /** The day of processing of every benchmark input; runners pass it as guiji.processing-date. */
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private GenerateData() {}

    public static void main(String[] argv) {
        Args a = Args.parse(argv);
        Path out = Path.of(a.required("out"));
        long records = a.getLong("records", 1_000_000);
        int enterprises = a.getInt("enterprises", 1_000_000);
        SampleGenerator.Settings s =
                SampleGenerator.Settings.scaled(records, enterprises)
                        .seed(a.getLong("seed", 42))
                        .today(TODAY);
        long t0 = System.nanoTime();
        GenerationResult r = new SampleGenerator(s).generate(out);
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.println(r.summary());
        System.out.printf(
                "generated %s: %,d record rows, %,d registry entries in %.1f s (peak RSS %d MiB; %s)%n",
                out,
                r.recordsWritten(),
                r.registryEntries(),
                sec,
                Machine.peakRssMiB(),
                Machine.describe());
    }
}
