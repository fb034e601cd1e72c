package io.guiji.generator;

import io.guiji.generator.Decision.Copy;
import java.io.IOException;
import java.util.Map;

/**
 * Hears what {@link SampleGenerator} writes, as it writes it, in order: the registry, then every
 * record (its decision once all its copies are written), then the end. The generator keeps only the
 * counts a correct pipeline must reach ({@link Tally}); the tests' ground truth files are written
 * by a listener of their own, so the generator carries none of that code.
 */
interface GenerationListener {
    /**
     * The registry, before any record; built with its exact-name indexes when a listener is given.
     */
    default void registry(GeneratedRegistry registry) {}

    /** One written record of a decision ({@link Copy#file} and {@link Copy#row} are set). */
    default void row(Decision d, Copy c) {}

    /** One written record of the file whose folder names no record type. */
    default void unknownSource(String file, long row, String dept) {}

    /** A decision whose copies are all written. */
    default void decision(Decision d) {}

    /**
     * Everything is written: {@code tally} holds the counts and the coverage against {@code
     * catalog}, {@code meta} the run's seed, day, totals, noise and files.
     */
    default void finish(Catalog catalog, double target, Tally tally, Map<String, Object> meta)
            throws IOException {}

    /** Both listeners, {@code first} first. */
    static GenerationListener both(GenerationListener first, GenerationListener second) {
        return new GenerationListener() {
            @Override
            public void registry(GeneratedRegistry registry) {
                first.registry(registry);
                second.registry(registry);
            }

            @Override
            public void row(Decision d, Copy c) {
                first.row(d, c);
                second.row(d, c);
            }

            @Override
            public void unknownSource(String file, long row, String dept) {
                first.unknownSource(file, row, dept);
                second.unknownSource(file, row, dept);
            }

            @Override
            public void decision(Decision d) {
                first.decision(d);
                second.decision(d);
            }

            @Override
            public void finish(
                    Catalog catalog, double target, Tally tally, Map<String, Object> meta)
                    throws IOException {
                first.finish(catalog, target, tally, meta);
                second.finish(catalog, target, tally, meta);
            }
        };
    }
}
