package io.guiji.jobs.link;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link RegistryIndex} in hash maps of objects: the semantics in their plainest form, the
 * reference other implementations are tested against. Costs several hundred bytes per place.
 */
public final class MapRegistryIndex implements RegistryIndex {
    private final Map<String, RegistryEntry> entries = new HashMap<>();
    private final Map<String, Map<String, RegistryMatch>> places = new HashMap<>();
    private int live;

    @Override
    public RegistryEntry get(String enterpriseId) {
        return entries.get(enterpriseId);
    }

    @Override
    public Set<String> put(RegistryEntry entry) {
        return put(entry, LinkKeys.indexOf(entry));
    }

    @Override
    public Set<String> put(RegistryEntry entry, Map<LinkKeys.Slot, String> entryPlaces) {
        RegistryEntry before = entries.get(entry.getEnterpriseId());
        List<IndexUpdate> updates =
                LinkKeys.diff(before, entry, entryPlaces); // throws before anything changes
        Set<String> changed = new LinkedHashSet<>();
        for (IndexUpdate u : updates) {
            Map<String, RegistryMatch> under =
                    places.computeIfAbsent(u.getKey(), k -> new HashMap<>(4));
            String slot = IndexPlaces.slot(u);
            RegistryMatch existing = under.get(slot);
            RegistryMatch next = IndexPlaces.applied(u, existing);
            if (!Objects.equals(existing, next)) {
                if (next == null) {
                    under.remove(slot);
                } else {
                    under.put(slot, next);
                }
                changed.add(u.getKey());
            }
            if (under.isEmpty()) {
                places.remove(u.getKey());
            }
        }
        EntryFacts.keysReadingChangedFacts(before, entry, entryPlaces, changed);
        live += (inForce(entry) ? 1 : 0) - (inForce(before) ? 1 : 0);
        entries.put(entry.getEnterpriseId(), entry);
        return changed;
    }

    @Override
    public LookupAnswer answer(String key, String recordId, int maxMatches) {
        Map<String, RegistryMatch> under = places.get(key);
        return IndexPlaces.answer(
                key, recordId, under == null ? List.of() : under.values(), maxMatches);
    }

    @Override
    public int size() {
        return live;
    }

    @Override
    public int placesUnder(String key) {
        Map<String, RegistryMatch> under = places.get(key);
        return under == null ? 0 : under.size();
    }

    private static boolean inForce(RegistryEntry e) {
        return e != null && !e.getDeleted();
    }
}
