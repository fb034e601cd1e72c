package io.guiji.jobs.link;

import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * {@link RegistryIndex} in primitive arrays, for registries of tens of millions of entries: it
 * answers exactly as {@link MapRegistryIndex} (a property test holds it to that: the same answers,
 * entries, size, and the same keys reported by {@code put}, in the same order), in a ninth of the
 * memory (BENCHMARKS.md: 262 bytes an entry at 10 million). One difference: an entry without an
 * enterprise id, which Avro could not encode anyway, is refused.
 *
 * <p><b>Layout.</b> Each enterprise has an ordinal for good (a withdrawal keeps it: {@link #get}
 * still returns the withdrawal) and its last entry as one compact byte array ({@link EntryCodec}).
 * Enterprise ids and lookup keys are held only as 64-bit hashes ({@link KeyHash}), in
 * open-addressing tables of {@code long} → {@code int} ({@link LongIntTable}). A key's places are
 * one {@code int} each, {@code ordinal << 1 | former}: under the key itself when it has one place,
 * else in a posting list ({@code int[]}) the key points to. Which former name answers under a fuzzy
 * key is the first one, unless recorded in a small side map (entries with several former names
 * only).
 *
 * <p><b>Collisions.</b> An enterprise id found by hash is compared with the entry's own id (on a
 * mismatch the next probe hash is tried), so two ids never share an entry. A place found under an
 * exact key ({@code U: R: O: N:}) is verified against the entry's code or name key before it
 * answers, so a hash collision can never link a record to another key's enterprise. A place under a
 * fuzzy key ({@code F: P:}) is not verified (its key would have to be computed from the name
 * again): such an answer only nominates candidates, which the fuzzy tier scores by name; a lookup
 * of a key that is absent meets a foreign fuzzy key with probability about (number of keys held) /
 * 2^64, some 3·10^-12 for a 10-million-entry registry (5.3·10^7 keys).
 *
 * <p><b>What is reclaimed.</b> A place an entry leaves is removed at once: a key with no place left
 * frees its table slot (reused; the tables never shrink), a posting list that falls to one place is
 * freed (its number reused), one that falls to a quarter of its room shrinks (a removal from a busy
 * fuzzy key's list scans it: linear in its length). A replaced entry's bytes are replaced.
 * Enterprise ordinals, their id slots and a withdrawal's bytes stay, as {@link #get} must answer
 * them; the string dictionary of {@link EntryCodec} is bounded. So a stream of renames and
 * withdrawals of the same enterprises does not grow memory.
 *
 * <p><b>Cost.</b> A put parses the new entry's names once ({@link LinkKeys#indexOf}). The places
 * the previous entry leaves are computed from its bytes: with the same names (a change of status or
 * codes) they are taken from the new entry's, without parsing; a rename or a withdrawal parses the
 * previous names again, as keeping every entry's key hashes would cost some 80 bytes an entry. Not
 * thread-safe; one per subtask.
 */
public final class CompactRegistryIndex implements RegistryIndex {
    /**
     * Distinct keys per generated registry entry (5.3–5.7, BENCHMARKS.md), to size the key table up
     * front.
     */
    static final int KEYS_PER_ENTRY = 6;

    private static final int ABSENT = Integer.MIN_VALUE;
    private static final long PROBE = 0x9E3779B97F4A7C15L;

    private final ToLongFunction<String> keyHash;
    private final EntryCodec codec = new EntryCodec();
    private final EntryCodec.View view = new EntryCodec.View();
    private final LongIntTable ids;
    private final LongIntTable places;
    private byte[][] records;
    private int ordinals;
    private int[][] lists = new int[16][];
    private int listsUsed;
    private int[] freeLists = new int[16];
    private int freeListCount;
    private final Map<FormerPlace, Integer> formerPicks = new HashMap<>();
    private int live;

    public CompactRegistryIndex() {
        this(1024);
    }

    /** An index with room for {@code expectedEntries} before its tables first grow. */
    public CompactRegistryIndex(int expectedEntries) {
        this(expectedEntries, KeyHash::of);
    }

    /** With another key hash: tests force collisions with it. */
    CompactRegistryIndex(int expectedEntries, ToLongFunction<String> keyHash) {
        this.keyHash = keyHash;
        int expected = Math.max(16, expectedEntries);
        ids = new LongIntTable(expected);
        places =
                new LongIntTable(
                        (int) Math.min(Integer.MAX_VALUE / 2, (long) expected * KEYS_PER_ENTRY));
        records = new byte[expected][];
    }

    @Override
    public RegistryEntry get(String enterpriseId) {
        int ord = ordinalOf(enterpriseId);
        return ord < 0 ? null : codec.decode(records[ord]);
    }

    @Override
    public String divisionOf(String enterpriseId) {
        int ord = ordinalOf(enterpriseId);
        return ord < 0 ? null : codec.division(view.load(records[ord]));
    }

    @Override
    public Set<String> put(RegistryEntry entry) {
        return put(entry, LinkKeys.indexOf(entry)); // throws before anything changes
    }

    @Override
    public Set<String> put(RegistryEntry entry, Map<LinkKeys.Slot, String> now) {
        String id = Objects.requireNonNull(entry.getEnterpriseId(), "enterprise_id");
        int ord = ordinalOf(id);
        RegistryEntry before = ord < 0 ? null : codec.decode(records[ord]);
        Map<LinkKeys.Slot, String> old = placesBefore(before, entry, now);
        String name = entry.getName();
        byte[] record =
                codec.encode(
                        entry,
                        name != null
                                && now.containsKey(new LinkKeys.Slot(LinkKeys.NAME + name, false)));
        Set<String> changed =
                EntryFacts.keysReadingChangedFacts(before, entry, now, changedKeys(old, now));
        if (ord < 0) {
            ord = newOrdinal(id, -1 - ord);
        }
        move(placesOf(old, before, ord), placesOf(now, entry, ord));
        records[ord] = record;
        live += (inForce(entry) ? 1 : 0) - (inForce(before) ? 1 : 0);
        return changed;
    }

    @Override
    public LookupAnswer answer(String key, String recordId, int maxMatches) {
        long h = keyHash.applyAsLong(key);
        int v = places.get(h, ABSENT);
        if (v == ABSENT) {
            return new LookupAnswer(recordId, key, new ArrayList<>(), false);
        }
        boolean fuzzy = LinkKeys.isFuzzy(key);
        List<RegistryMatch> matches = new ArrayList<>();
        if (v >= 0) {
            RegistryMatch m = match(key, h, fuzzy, v);
            if (m != null) {
                matches.add(m);
            }
        } else {
            int[] list = lists[~v];
            int n = list[0];
            if (fuzzy && n > maxMatches) {
                return new LookupAnswer(
                        recordId, key, new ArrayList<>(), true); // IndexPlaces#answer: too common
            }
            int[] verified = fuzzy ? null : new int[n];
            int nVerified = 0;
            for (int i = 1; i <= n; i++) {
                int place = list[i];
                RegistryMatch m = match(key, h, fuzzy, place);
                if (m == null) {
                    continue;
                }
                if (!fuzzy) {
                    if (contains(verified, nVerified, place >>> 1)) {
                        continue; // the enterprise again, by another of its keys of the same hash
                    }
                    verified[nVerified++] = place >>> 1;
                }
                matches.add(m);
            }
        }
        return IndexPlaces.answer(key, recordId, matches, maxMatches);
    }

    @Override
    public int size() {
        return live;
    }

    /**
     * {@inheritDoc} Counted by the key's hash, as {@link #answer} counts a fuzzy key's places
     * before it truncates.
     */
    @Override
    public int placesUnder(String key) {
        int v = places.get(keyHash.applyAsLong(key), ABSENT);
        return v == ABSENT ? 0 : v >= 0 ? 1 : lists[~v][0];
    }

    /** Enterprises ever put, withdrawals included. */
    public int enterprises() {
        return ordinals;
    }

    /** Lookup keys that hold at least one place. */
    public int keys() {
        return places.size();
    }

    /**
     * Heap bytes held, by part, reckoned from the arrays' lengths (16-byte array headers, 8-byte
     * alignment): {@code records} (the entries' bytes and the array of them), {@code ids} and
     * {@code keys} (the two hash tables), {@code lists} (posting lists and their array); {@code
     * other} is the side map of former names and the codec's dictionary, estimated per element.
     */
    public Map<String, Long> memory() {
        long recordBytes = array(4L * records.length);
        for (int i = 0; i < ordinals; i++) {
            recordBytes += array(records[i].length);
        }
        long listBytes = array(4L * lists.length) + array(4L * freeLists.length);
        for (int i = 0; i < listsUsed; i++) {
            listBytes += lists[i] == null ? 0 : array(4L * lists[i].length);
        }
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("records", recordBytes);
        m.put("ids", ids.bytes());
        m.put("keys", places.bytes());
        m.put("lists", listBytes);
        m.put("other", 100L * formerPicks.size() + 120L * codec.dictionarySize());
        return m;
    }

    private static long array(long payload) {
        return (16 + payload + 7) & ~7L;
    }

    // ---- enterprises
    // -----------------------------------------------------------------------------

    /** The enterprise's ordinal; when it has none, -1 - the probe at which its id would go. */
    private int ordinalOf(String id) {
        long h = keyHash.applyAsLong(id);
        for (int i = 0; ; i++) {
            int ord = ids.get(h + i * PROBE, -1);
            if (ord < 0) {
                return -1 - i;
            }
            if (id.equals(view.load(records[ord]).enterpriseId)) {
                return ord;
            }
        }
    }

    /**
     * A new enterprise's ordinal, its id put at {@code probe} (where ordinalOf found no other id of
     * the same hash).
     */
    private int newOrdinal(String id, int probe) {
        if (ordinals == records.length) {
            records = Arrays.copyOf(records, records.length + (records.length >> 1) + 1);
        }
        ids.put(keyHash.applyAsLong(id) + probe * PROBE, ordinals);
        return ordinals++;
    }

    private static boolean inForce(RegistryEntry e) {
        return e != null && !e.getDeleted();
    }

    // ---- places
    // ----------------------------------------------------------------------------------

    /**
     * The places {@code before} took: computed again by {@link LinkKeys#indexOf}, unless the names
     * did not change, when the name places are {@code now}'s and only the code places and the legal
     * representative's (the first and last parts of indexOf, repeated here for that reason) are
     * computed.
     */
    private static Map<LinkKeys.Slot, String> placesBefore(
            RegistryEntry before, RegistryEntry after, Map<LinkKeys.Slot, String> now) {
        if (before == null || before.getDeleted()) {
            return Map.of();
        }
        if (after.getDeleted()
                || !Objects.equals(before.getName(), after.getName())
                || !Objects.equals(before.getFormerNames(), after.getFormerNames())) {
            return LinkKeys.indexOf(before);
        }
        Map<LinkKeys.Slot, String> old = new LinkedHashMap<>();
        String current = before.getName();
        String uscc = before.getUscc();
        if (uscc != null) {
            old.put(new LinkKeys.Slot(LinkKeys.USCC + uscc, false), current);
            if (Uscc.hasShape(uscc)) {
                old.put(new LinkKeys.Slot(LinkKeys.ORG_CODE + Uscc.orgCode(uscc), false), current);
            }
        }
        if (before.getRegNo() != null) {
            old.put(new LinkKeys.Slot(LinkKeys.REG_NO + before.getRegNo(), false), current);
        }
        for (Map.Entry<LinkKeys.Slot, String> s : now.entrySet()) {
            if (!isCodeKey(s.getKey().key()) && !s.getKey().key().startsWith(LinkKeys.LEGAL_REP)) {
                old.put(s.getKey(), s.getValue());
            }
        }
        LinkKeys.Slot rep = LinkKeys.legalRepSlot(before);
        if (rep != null && current != null) {
            old.put(rep, current); // a fact of the entry, not of its names: it may have changed
        }
        return old;
    }

    private static boolean isCodeKey(String key) {
        return key.startsWith(LinkKeys.USCC)
                || key.startsWith(LinkKeys.ORG_CODE)
                || key.startsWith(LinkKeys.REG_NO);
    }

    /**
     * The keys whose answer a move from {@code old} to {@code now} changes, in the order {@link
     * MapRegistryIndex} reports them: every place added or renamed, then every place left, unless
     * an exact key keeps the enterprise as the other of current and former name (then its add
     * counted).
     */
    private static Set<String> changedKeys(
            Map<LinkKeys.Slot, String> old, Map<LinkKeys.Slot, String> now) {
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<LinkKeys.Slot, String> s : now.entrySet()) {
            if (!s.getValue().equals(old.get(s.getKey()))) {
                changed.add(s.getKey().key());
            }
        }
        for (LinkKeys.Slot s : old.keySet()) {
            if (!now.containsKey(s)
                    && (LinkKeys.isFuzzy(s.key())
                            || !now.containsKey(new LinkKeys.Slot(s.key(), !s.former())))) {
                changed.add(s.key());
            }
        }
        return changed;
    }

    /**
     * An entry's places as key hashes and place ints, with the former name each fuzzy former place
     * answers with.
     */
    private record Places(long[] hashes, int[] places, int[] formerIndex) {}

    private Places placesOf(Map<LinkKeys.Slot, String> slots, RegistryEntry e, int ord) {
        int n = slots.size();
        long[] hashes = new long[n];
        int[] ps = new int[n];
        int[] pick = new int[n];
        int i = 0;
        for (Map.Entry<LinkKeys.Slot, String> s : slots.entrySet()) {
            String key = s.getKey().key();
            boolean former = s.getKey().former();
            hashes[i] = keyHash.applyAsLong(key);
            ps[i] = ord << 1 | (former ? 1 : 0);
            pick[i] =
                    former && LinkKeys.isFuzzy(key) ? e.getFormerNames().indexOf(s.getValue()) : 0;
            i++;
        }
        return new Places(hashes, ps, pick);
    }

    /** Applies the difference between two place multisets of one enterprise. */
    private void move(Places old, Places now) {
        boolean[] kept = new boolean[now.hashes.length];
        for (int i = 0; i < old.hashes.length; i++) {
            int ord = old.places[i] >>> 1;
            if (old.formerIndex[i] > 0) {
                formerPicks.remove(new FormerPlace(old.hashes[i], ord));
            }
            boolean found = false;
            for (int j = 0; j < now.hashes.length && !found; j++) {
                if (!kept[j] && now.hashes[j] == old.hashes[i] && now.places[j] == old.places[i]) {
                    kept[j] = found = true;
                }
            }
            if (!found) {
                removePlace(old.hashes[i], old.places[i]);
            }
        }
        for (int j = 0; j < now.hashes.length; j++) {
            if (!kept[j]) {
                addPlace(now.hashes[j], now.places[j]);
            }
            if (now.formerIndex[j] > 0) {
                formerPicks.put(
                        new FormerPlace(now.hashes[j], now.places[j] >>> 1), now.formerIndex[j]);
            }
        }
    }

    private void addPlace(long h, int place) {
        int v = places.putIfAbsent(h, place, ABSENT);
        if (v == ABSENT) {
            return;
        }
        if (v >= 0) {
            int id = newList();
            lists[id] = new int[] {2, v, place, 0};
            places.replaceFound(~id);
        } else {
            int[] list = lists[~v];
            int n = list[0] + 1;
            if (n == list.length) {
                list = lists[~v] = Arrays.copyOf(list, list.length + (list.length >> 1) + 1);
            }
            list[n] = place;
            list[0] = n;
        }
    }

    private void removePlace(long h, int place) {
        int v = places.get(h, ABSENT);
        if (v == place) {
            places.remove(h);
            return;
        }
        if (v == ABSENT || v >= 0) {
            throw new IllegalStateException("no place " + place + " under key hash " + h);
        }
        int[] list = lists[~v];
        int n = list[0];
        int at = 1;
        while (at <= n && list[at] != place) {
            at++;
        }
        if (at > n) {
            throw new IllegalStateException("no place " + place + " under key hash " + h);
        }
        list[at] = list[n];
        list[0] = --n;
        if (n == 1) {
            places.put(h, list[1]);
            freeList(~v);
        } else if (n + 1 < list.length / 4) {
            lists[~v] = Arrays.copyOf(list, 2 * (n + 1));
        }
    }

    private int newList() {
        if (freeListCount > 0) {
            return freeLists[--freeListCount];
        }
        if (listsUsed == lists.length) {
            lists = Arrays.copyOf(lists, lists.length * 2);
        }
        return listsUsed++;
    }

    private void freeList(int id) {
        lists[id] = null;
        if (freeListCount == freeLists.length) {
            freeLists = Arrays.copyOf(freeLists, freeLists.length * 2);
        }
        freeLists[freeListCount++] = id;
    }

    private static boolean contains(int[] values, int n, int value) {
        for (int k = 0; k < n; k++) {
            if (values[k] == value) {
                return true;
            }
        }
        return false;
    }

    // ---- answers
    // ---------------------------------------------------------------------------------

    /**
     * The match a place gives under {@code key}; null when the key is exact and the entry does not
     * have it.
     */
    private RegistryMatch match(String key, long h, boolean fuzzy, int place) {
        int ord = place >>> 1;
        boolean former = (place & 1) != 0;
        EntryCodec.View v = view.load(records[ord]);
        if (fuzzy) {
            String name =
                    former
                            ? v.readFormerNames()
                                    .get(formerPicks.getOrDefault(new FormerPlace(h, ord), 0))
                            : v.name;
            return new RegistryMatch(v.enterpriseId, name, former);
        }
        return holds(key, former, v) ? new RegistryMatch(v.enterpriseId, v.name, former) : null;
    }

    /**
     * Whether the entry in {@code v} takes a place under the exact {@code key} as current (or
     * former) name.
     */
    private static boolean holds(String key, boolean former, EntryCodec.View v) {
        if (key.startsWith(LinkKeys.NAME)) {
            String k = key.substring(LinkKeys.NAME.length());
            boolean current = k.equals(v.nameIsKey() ? v.name : LinkKeys.nameKey(v.name));
            if (!former || current) {
                return !former && current; // a current name outranks the same text as a former name
            }
            List<String> formerNames = v.readFormerNames();
            for (String f : formerNames == null ? List.<String>of() : formerNames) {
                if (k.equals(LinkKeys.nameKey(f))) {
                    return true;
                }
            }
            return false;
        }
        if (former) {
            return false;
        }
        if (key.startsWith(LinkKeys.USCC)) {
            return codeIs(key, v.uscc, 0, v.uscc == null ? 0 : v.uscc.length());
        }
        if (key.startsWith(LinkKeys.REG_NO)) {
            return codeIs(key, v.regNo, 0, v.regNo == null ? 0 : v.regNo.length());
        }
        if (key.startsWith(LinkKeys.ORG_CODE)) {
            return Uscc.hasShape(v.uscc) && codeIs(key, v.uscc, 8, 9);
        }
        return false;
    }

    /**
     * Whether {@code key} after its two-char prefix is {@code code}'s chars {@code from} on, {@code
     * n} of them.
     */
    private static boolean codeIs(String key, String code, int from, int n) {
        return code != null && key.length() == 2 + n && key.regionMatches(2, code, from, n);
    }

    /** A fuzzy former-name place whose name is not the entry's first former name. */
    private record FormerPlace(long keyHash, int ordinal) {}
}
