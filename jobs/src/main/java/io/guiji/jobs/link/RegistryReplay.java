package io.guiji.jobs.link;

import io.guiji.schemas.RegistryEntry;
import java.io.Serializable;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the registry again from where it came from, so that a linking subtask restored after a
 * failure rebuilds its in-memory index ({@link RegistryIndex}) instead of checkpointing it: a
 * checkpoint then holds only how far the registry was applied, a few bytes per partition, however
 * large the registry.
 */
public interface RegistryReplay extends Serializable {

    /**
     * Hands {@code sink} every registry entry of each source up to and including the given position
     * ({@code SourceRef} file → last row applied, e.g. {@code kafka:<topic>/<partition>} → offset),
     * in the order each source holds them; entries that cannot be read are skipped, as they were
     * the first time.
     */
    void replay(Map<String, Long> upTo, Consumer<RegistryEntry> sink) throws Exception;
}
