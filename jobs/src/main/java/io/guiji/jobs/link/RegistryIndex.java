package io.guiji.jobs.link;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.internal.LookupAnswer;
import java.util.Set;

/**
 * The registry as the linking stage reads it: the entry in force per enterprise and the places the
 * entries take under the lookup keys of docs/contract.md §6 ({@link LinkKeys#indexOf}). Held in
 * memory by each linking subtask, so that a record is linked by local lookups, without a message or
 * a state access per key. Not thread-safe; one per subtask.
 *
 * <p>{@link MapRegistryIndex} states the semantics in the plainest form; other implementations
 * answer exactly as it does (a property test holds them to it).
 */
public interface RegistryIndex extends EntryFacts {

    /**
     * The entry last put for the enterprise, a withdrawal ({@code deleted}) included; null when
     * none.
     */
    RegistryEntry get(String enterpriseId);

    /**
     * Makes {@code entry} the one in force for its enterprise: it takes the places {@link
     * LinkKeys#indexOf} gives it, and the entry before it leaves those it no longer has (a
     * withdrawal leaves all of them). Returns the keys whose answer may have changed. When the
     * entry's places cannot be computed, throws with nothing changed.
     */
    Set<String> put(RegistryEntry entry);

    /**
     * {@link #put(RegistryEntry)} with the entry's places already computed ({@link
     * LinkKeys#indexOf}, once where the entry was parsed); only the entry before it, if any, is
     * analysed again.
     */
    Set<String> put(RegistryEntry entry, java.util.Map<LinkKeys.Slot, String> places);

    /**
     * The entries under {@code key}, answered as {@link IndexPlaces#answer} answers from them: at
     * most {@code maxMatches}, current names first, then by enterprise id; a fuzzy key holding more
     * answers truncated and empty.
     */
    LookupAnswer answer(String key, String recordId, int maxMatches);

    /** How many enterprises have an entry in force (withdrawals not counted). */
    int size();

    /**
     * How many places {@code key} holds: what {@link #answer} counts against its cap before it
     * answers a fuzzy key truncated and empty.
     */
    int placesUnder(String key);

    /**
     * The most places one enterprise takes under one key: its current name's and a former name's
     * ({@link LinkKeys.Slot}). A put moves one enterprise, so it changes a key's count by at most
     * this.
     */
    int MOST_PLACES_OF_ONE_ENTERPRISE = 2;

    /**
     * Of {@code changed}, the keys a put reported, those whose answer at {@code maxMatches} may
     * have changed. A fuzzy key that holds more than {@code maxMatches} + {@link
     * #MOST_PLACES_OF_ONE_ENTERPRISE} places after the put held more than {@code maxMatches} before
     * it, so it answered truncated and empty both times, and a decision that read it read nothing
     * from it: the records that watch it need not be linked again. This is what keeps a
     * registration under a busy key (a trade name every county has, a common person's name) from
     * re-linking every record that ever asked it.
     */
    default Set<String> answerMayHaveChanged(Set<String> changed, int maxMatches) {
        Set<String> out = null;
        for (String key : changed) {
            if (LinkKeys.isFuzzy(key)
                    && placesUnder(key) > maxMatches + MOST_PLACES_OF_ONE_ENTERPRISE) {
                if (out == null) {
                    out = new java.util.LinkedHashSet<>(changed);
                }
                out.remove(key);
            }
        }
        return out == null ? changed : out;
    }

    /**
     * The division code of the entry {@code enterpriseId}, or null: what places a fuzzy candidate
     * whose name writes no place ({@link LinkDecider}). Asked of every fuzzy candidate, so an index
     * answers it without decoding the whole entry where it can.
     */
    @Override
    default String divisionOf(String enterpriseId) {
        RegistryEntry e = get(enterpriseId);
        return e == null ? null : e.getDivisionCode();
    }

    /**
     * {@link #get}: asked only of the fuzzy candidates a record's other fields may confirm, so
     * decoding the entry costs little.
     */
    @Override
    default RegistryEntry entryOf(String enterpriseId) {
        return get(enterpriseId);
    }
}
