package io.guiji.jobs.link;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links a unified record by the tiers of docs/contract.md §6 ({@link LinkDecider}) against a
 * registry held in memory ({@link RegistryIndex}). The exact keys are looked up first; the fuzzy
 * keys, which cost a name analysis, only when no exact tier decides, and the legal representative's
 * only when the fuzzy tier leaves the record unlinked — the decision is the same as with every key
 * answered, since the decider returns at the first exact tier that succeeds and counts the legal
 * representative's key only for a record the others leave unlinked. The reviewers' decisions
 * ({@link ManualDecisions}, tier 0) are applied over the result.
 */
public final class LocalLinker {
    private final RegistryIndex index;
    private final FuzzyPolicy policy;
    private final int maxMatches;
    private final ManualDecisions manual;

    /**
     * A decided record and the keys its decision read: a change under one of them may change it.
     */
    public record Linked(UnifiedRecord record, List<String> keys) {}

    public LocalLinker(RegistryIndex index, FuzzyPolicy policy, int maxMatches) {
        this(index, policy, maxMatches, ManualDecisions.NONE);
    }

    /** A linker whose reviewers' decisions (tier 0) win over the tiers it computes. */
    public LocalLinker(
            RegistryIndex index, FuzzyPolicy policy, int maxMatches, ManualDecisions manual) {
        this.manual = manual;
        this.index = index;
        this.policy = policy;
        this.maxMatches = maxMatches;
    }

    /**
     * A copy of {@code record} with its link decided, the reviewers' decisions over the tiers';
     * throws when its keys cannot be computed.
     */
    public Linked link(UnifiedRecord record) {
        Linked tiers = linkByTiers(record);
        if (manual.isEmpty()) {
            return tiers;
        }
        return new Linked(manual.apply(tiers.record()), tiers.keys());
    }

    private Linked linkByTiers(UnifiedRecord record) {
        List<LookupRequest> requests = checked(LinkKeys.exactRequestsFor(record));
        Map<String, LookupAnswer> answers = new HashMap<>();
        answer(requests, answers);
        UnifiedRecord decided = LinkDecider.decide(record, answers, policy, requests);
        if (decided.getLinkMethod() != LinkMethod.NONE) {
            return new Linked(decided, keys(requests));
        }
        List<LookupRequest> fuzzy = checked(LinkKeys.fuzzyRequestsFor(record));
        if (fuzzy.isEmpty()) {
            return new Linked(decided, keys(requests));
        }
        answer(fuzzy, answers);
        List<LookupRequest> all = new ArrayList<>(requests.size() + fuzzy.size() + 1);
        all.addAll(requests);
        all.addAll(fuzzy);
        decided = LinkDecider.decide(record, answers, policy, all, index);
        LookupRequest rep = LinkKeys.legalRepRequestFor(record, fuzzy);
        if (decided.getLinkMethod() != LinkMethod.NONE || rep == null) {
            return new Linked(decided, keys(all));
        }
        answer(List.of(rep), answers);
        all.add(rep);
        return new Linked(
                LinkDecider.decideWithLegalRep(record, answers, policy, all, index), keys(all));
    }

    private void answer(List<LookupRequest> requests, Map<String, LookupAnswer> answers) {
        for (LookupRequest r : requests) {
            answers.computeIfAbsent(r.getKey(), k -> index.answer(k, r.getRecordId(), maxMatches));
        }
    }

    /**
     * {@code requests}, or an exception when one has no key or record id (no entry could ever
     * answer it).
     */
    private static List<LookupRequest> checked(List<LookupRequest> requests) {
        for (LookupRequest r : requests) {
            if (r == null || r.getKey() == null || r.getRecordId() == null) {
                throw new IllegalStateException(
                        "a lookup request without a key or record id: " + r);
            }
        }
        return requests;
    }

    private static List<String> keys(List<LookupRequest> requests) {
        List<String> keys = new ArrayList<>(requests.size());
        for (LookupRequest r : requests) {
            if (!keys.contains(r.getKey())) {
                keys.add(r.getKey());
            }
        }
        return keys;
    }
}
