package io.guiji.jobs.link;

import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.internal.IndexedEntry;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A registry entry with its places under the lookup keys ({@link LinkKeys#placesOf}), computed
 * once, chained to the registry's parsing, before the entry is broadcast to every linking subtask:
 * analysing a name (brackets, regions, pinyin) costs more than carrying its keys. Stateless. An
 * entry whose places cannot be computed travels without them; the index computes them again, fails
 * the same way, and rejects the entry (stage {@code index}).
 */
public class EntryPlacesFunction implements MapFunction<RegistryEntry, IndexedEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public IndexedEntry map(RegistryEntry entry) {
        try {
            return new IndexedEntry(entry, LinkKeys.placesOf(entry), null);
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            return new IndexedEntry(entry, null, null);
        }
    }
}
