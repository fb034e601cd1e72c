package io.guiji.bench.linking;

import io.guiji.jobs.link.IndexPlaces;
import io.guiji.jobs.link.LinkDecider;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The linking stages of the pipeline without Flink, for measuring: the registry side is the
 * registry key diff ({@link LinkKeys#diff}) applied as {@code IndexPlaces} applies it ({@link
 * IndexPlaces#applied}); the record side asks {@link LinkKeys#requestsFor}, is answered by {@link
 * IndexPlaces#answer} and decided by {@link LinkDecider#decide} — the same classes the operators
 * call, with a hash map in place of keyed state.
 */
final class InMemoryLinker {
    /** Lookup key → enterprise_id → match: the keyed state of the lookup stage. */
    private final Map<String, Map<String, RegistryMatch>> index = new HashMap<>();

    private final int maxMatches;
    private final FuzzyPolicy policy;
    long keysAsked;
    long matchesReturned;
    long truncatedAnswers;

    InMemoryLinker(int maxMatches, FuzzyPolicy policy) {
        this.maxMatches = maxMatches;
        this.policy = policy;
    }

    /** A registry entry arrives, replacing {@code before} (null for a new enterprise). */
    void index(RegistryEntry before, RegistryEntry entry) {
        for (IndexUpdate u : LinkKeys.diff(before, entry)) {
            Map<String, RegistryMatch> entries =
                    index.computeIfAbsent(u.getKey(), k -> new LinkedHashMap<>(2));
            String slot = IndexPlaces.slot(u);
            RegistryMatch next = IndexPlaces.applied(u, entries.get(slot));
            if (next == null) {
                entries.remove(slot);
            } else {
                entries.put(slot, next);
            }
        }
    }

    /** The record with its link decided. */
    UnifiedRecord link(UnifiedRecord record) {
        Map<String, LookupAnswer> answers = new HashMap<>();
        for (LookupRequest q : LinkKeys.requestsFor(record)) {
            Map<String, RegistryMatch> entries = index.getOrDefault(q.getKey(), Map.of());
            LookupAnswer a =
                    IndexPlaces.answer(q.getKey(), q.getRecordId(), entries.values(), maxMatches);
            answers.put(q.getKey(), a);
            keysAsked++;
            matchesReturned += a.getMatches().size();
            truncatedAnswers += a.getTruncated() ? 1 : 0;
        }
        return LinkDecider.decide(record, answers, policy);
    }

    int keys() {
        return index.size();
    }

    void resetCounters() {
        keysAsked = 0;
        matchesReturned = 0;
        truncatedAnswers = 0;
    }
}
