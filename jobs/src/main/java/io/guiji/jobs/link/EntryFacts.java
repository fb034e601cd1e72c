package io.guiji.jobs.link;

import io.guiji.schemas.RegistryEntry;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the fuzzy tier may ask of a candidate's registry entry beyond the names a lookup answer
 * carries ({@link LinkDecider}): its division code, which places a name that writes no place, and
 * the entry itself, whose legal representative and codes may confirm a one-character typo
 * (docs/contract.md §6). The answers carry neither (they would be kept in every lookup answer and
 * in the state of every record); the linker that asked them holds the index.
 */
public interface EntryFacts {
    /** Knows nothing of any entry. */
    EntryFacts NONE = id -> null;

    /** The division code of the entry {@code enterpriseId}, or null. */
    String divisionOf(String enterpriseId);

    /** The entry of {@code enterpriseId}, or null when it is not known. */
    default RegistryEntry entryOf(String enterpriseId) {
        return null;
    }

    /**
     * The fuzzy keys of {@code now} (an entry's places) when the entry's facts changed from {@code
     * before} to {@code after} (its division, legal representative or registration number), else
     * none: a decision under those keys read them, so it may change though no name did (a record
     * re-linked when the registry corrects a division or a legal representative).
     */
    static Set<String> keysReadingChangedFacts(
            RegistryEntry before,
            RegistryEntry after,
            Map<LinkKeys.Slot, String> now,
            Set<String> into) {
        if (before == null
                || before.getDeleted()
                || after.getDeleted()
                || (Objects.equals(before.getDivisionCode(), after.getDivisionCode())
                        && Objects.equals(before.getRegNo(), after.getRegNo())
                        && !LegalReps.differ(before, after))) {
            return into;
        }
        for (LinkKeys.Slot s : now.keySet()) {
            if (LinkKeys.isFuzzy(s.key())) {
                into.add(s.key());
            }
        }
        return into;
    }
}
