package io.guiji.bench.linking;

import io.guiji.jobs.link.LinkDecider;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.MapRegistryIndex;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The linking stage without Flink, for measuring: the registry in the reference index ({@link
 * MapRegistryIndex}); the record side asks every key {@link LinkKeys#requestsFor} gives, is
 * answered by the index and decided by {@link LinkDecider#decide} — the same classes the linking
 * operator calls, with every key asked (so the counters show what the fuzzy tier costs).
 */
final class InMemoryLinker {
    private final MapRegistryIndex index = new MapRegistryIndex();

    /** The lookup keys the registry took (entries are only added here, so none is ever left). */
    private final Set<String> keys = new HashSet<>();

    private final int maxMatches;
    private final FuzzyPolicy policy;
    long keysAsked;
    long matchesReturned;
    long truncatedAnswers;

    InMemoryLinker(int maxMatches, FuzzyPolicy policy) {
        this.maxMatches = maxMatches;
        this.policy = policy;
    }

    /** A registry entry arrives. */
    void index(RegistryEntry entry) {
        keys.addAll(index.put(entry));
    }

    /** The record with its link decided. */
    UnifiedRecord link(UnifiedRecord record) {
        Map<String, LookupAnswer> answers = new HashMap<>();
        java.util.List<LookupRequest> requests = LinkKeys.requestsFor(record);
        for (LookupRequest q : requests) {
            LookupAnswer a = index.answer(q.getKey(), q.getRecordId(), maxMatches);
            answers.put(q.getKey(), a);
            keysAsked++;
            matchesReturned += a.getMatches().size();
            truncatedAnswers += a.getTruncated() ? 1 : 0;
        }
        return LinkDecider.decide(record, answers, policy, requests, index);
    }

    int keys() {
        return keys.size();
    }

    void resetCounters() {
        keysAsked = 0;
        matchesReturned = 0;
        truncatedAnswers = 0;
    }
}
