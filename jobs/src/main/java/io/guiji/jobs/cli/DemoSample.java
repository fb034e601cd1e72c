package io.guiji.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ServiceLoader;

/**
 * Writes the sample input of {@code guiji demo}. The sample generator (module {@code generator/})
 * provides it through {@link ServiceLoader}: the production code never depends on the generator,
 * and the job jar submitted to a cluster does not carry it; {@code bin/guiji} puts it on the class
 * path.
 */
public interface DemoSample {
    /**
     * Writes a sample input (registry, catalogue, records of docs/contract.md §3) under {@code
     * inputDir}, which must be absent, empty or hold an earlier sample; the same seed and day write
     * the same files.
     *
     * @param today the day of processing: the sample's decisions lie before it, so the run must use
     *     it too
     */
    void write(Path inputDir, long seed, LocalDate today);

    /** The generator on the class path, or a message that says how to get it. */
    static DemoSample load() {
        return ServiceLoader.load(DemoSample.class)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "guiji demo needs the sample generator (module generator/, guiji-generator.jar) on the class path;"
                                                + " run it through bin/guiji"));
    }
}
