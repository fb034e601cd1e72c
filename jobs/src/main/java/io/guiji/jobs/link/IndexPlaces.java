package io.guiji.jobs.link;

import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How registry entries take places under a lookup key, and how a key's places answer a record. */
public final class IndexPlaces {
    private static final String FORMER_SLOT = "|former";

    private IndexPlaces() {}

    /**
     * The answer to a record from the entries under a key: at most {@code maxMatches}, current
     * names before former names (so a truncated answer still shows the tier outcome), then by
     * enterprise id. Under a fuzzy key ({@link LinkKeys#isFuzzy}) more than {@code maxMatches}
     * entries answer truncated and empty: such a key is too common to tell anything, and the fuzzy
     * tier does not link on it.
     */
    public static LookupAnswer answer(
            String key, String recordId, Iterable<RegistryMatch> entries, int maxMatches) {
        boolean fuzzy = LinkKeys.isFuzzy(key);
        List<RegistryMatch> matches = new ArrayList<>();
        for (RegistryMatch m : entries) {
            matches.add(m);
            if (fuzzy && matches.size() > maxMatches) {
                return new LookupAnswer(recordId, key, new ArrayList<>(), true);
            }
        }
        matches.sort(
                Comparator.comparing(RegistryMatch::getFormer)
                        .thenComparing(RegistryMatch::getEnterpriseId));
        boolean truncated = matches.size() > maxMatches;
        if (truncated) {
            matches = new ArrayList<>(matches.subList(0, maxMatches));
        }
        return new LookupAnswer(recordId, key, matches, truncated);
    }

    /**
     * Where an update's entry lives under its key: the enterprise_id; under a fuzzy key a former
     * name has a place of its own beside the current name ({@link LinkKeys.Slot}).
     */
    public static String slot(IndexUpdate update) {
        return update.getFormer() && LinkKeys.isFuzzy(update.getKey())
                ? update.getEnterpriseId() + FORMER_SLOT
                : update.getEnterpriseId();
    }

    /**
     * What an enterprise's entry under a key becomes after {@code update} ({@code existing} when
     * unchanged, null when gone): an add replaces, a remove applies only to the entry it was added
     * as (current or former name), so a key that moved between the two survives.
     */
    public static RegistryMatch applied(IndexUpdate update, RegistryMatch existing) {
        if (update.getAdd()) {
            return new RegistryMatch(
                    update.getEnterpriseId(), update.getName(), update.getFormer());
        }
        return existing != null && existing.getFormer() == update.getFormer() ? null : existing;
    }
}
