package io.guiji.jobs.link;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The streaming linking operator's reverse index: from a lookup key to the records held by the
 * subtask whose last decision read it, so that a registry change re-links exactly those records
 * (docs/contract.md §6, order independence). It holds a pair for every key of every record the
 * subtask has ever seen, so it grows with the records, not with the registry: it is kept in
 * primitive arrays, about 60 bytes a pair, where a map of strings to sets of strings took 200–400
 * (BENCHMARKS.md, "The reverse index").
 *
 * <p>A key is held as its 64-bit {@link #keyHash}; a record id of guiji's own form (32 lowercase
 * hex digits, {@link io.guiji.jobs.ingest.RecordIds}) as two longs. Two keys of the same hash read
 * as one, which can only re-link a record whose answer did not change: re-linking publishes nothing
 * then. Any other record id (tests, or a future id form) is kept as a string beside.
 *
 * <p>The pairs of one key form a doubly linked chain, and each pair is also found by a hash of the
 * whole pair, so that moving a record off a key shared by many (a fuzzy key of a common industry
 * word) costs the same as off a key of its own. Not thread-safe; one per subtask, not checkpointed
 * (rebuilt from the keyed state after a restore).
 */
public final class RecordWatchIndex {
    private static final int NONE = -1;
    private static final long PAIR_MIX = 0x9E3779B97F4A7C15L;

    private final LongIntTable heads = new LongIntTable(1 << 10);
    private final LongIntTable pairAt = new LongIntTable(1 << 10);
    private long[] keyOf = new long[1 << 10];
    private long[] hi = new long[1 << 10];
    private long[] lo = new long[1 << 10];
    private int[] next = new int[1 << 10];
    private int[] prev = new int[1 << 10];
    private int used;
    private int free = NONE;
    private int pairs;
    private final Map<Long, Set<String>> otherIds = new HashMap<>();

    /** The hash a key is held by, and the form {@link #move} takes keys in. */
    public static long keyHash(String key) {
        return KeyHash.of(key);
    }

    /** The hashes of {@code keys}, in their order. */
    public static long[] keyHashes(Collection<String> keys) {
        long[] out = new long[keys.size()];
        int i = 0;
        for (String k : keys) {
            out[i++] = keyHash(k);
        }
        return out;
    }

    /** Moves {@code recordId} from the keys {@code before} to the keys {@code after}. */
    public void move(String recordId, long[] before, long[] after) {
        boolean hex = isOwnId(recordId);
        long h = hex ? Long.parseUnsignedLong(recordId, 0, 16, 16) : 0;
        long l = hex ? Long.parseUnsignedLong(recordId, 16, 32, 16) : 0;
        for (long k : before) {
            if (!contains(after, k)) {
                if (hex) {
                    remove(k, h, l);
                } else {
                    removeOther(k, recordId);
                }
            }
        }
        for (long k : after) {
            if (!contains(before, k)) {
                if (hex) {
                    add(k, h, l);
                } else if (otherIds.computeIfAbsent(k, x -> new HashSet<>(2)).add(recordId)) {
                    pairs++;
                }
            }
        }
    }

    /** Adds the records watching any of {@code keys} to {@code out}. */
    public void collect(Collection<String> keys, Collection<String> out) {
        for (String key : keys) {
            long k = keyHash(key);
            for (int s = heads.get(k, NONE); s != NONE; s = next[s]) {
                out.add(ownId(hi[s], lo[s]));
            }
            Set<String> others = otherIds.get(k);
            if (others != null) {
                out.addAll(others);
            }
        }
    }

    /** Whether no record watches any key. */
    public boolean isEmpty() {
        return pairs == 0;
    }

    /** How many (key, record) pairs are held. */
    public int pairs() {
        return pairs;
    }

    /** Bytes held by the arrays and tables (the strings of other ids not counted). */
    public long bytes() {
        return heads.bytes()
                + pairAt.bytes()
                + 3L * (16 + 8L * keyOf.length)
                + 2L * (16 + 4L * next.length);
    }

    private void add(long key, long h, long l) {
        long ph = pairHash(key, h, l);
        int at = pairAt.get(ph, NONE);
        if (at != NONE && keyOf[at] == key && hi[at] == h && lo[at] == l) {
            return;
        }
        int s = allocate();
        keyOf[s] = key;
        hi[s] = h;
        lo[s] = l;
        int head = heads.get(key, NONE);
        next[s] = head;
        prev[s] = NONE;
        if (head != NONE) {
            prev[head] = s;
        }
        heads.put(key, s);
        pairAt.put(ph, s);
        pairs++;
    }

    private void remove(long key, long h, long l) {
        long ph = pairHash(key, h, l);
        int s = pairAt.get(ph, NONE);
        if (s == NONE || keyOf[s] != key || hi[s] != h || lo[s] != l) {
            s = find(key, h, l); // two pairs of one hash (about 1 in 2^64 a pair): walk the chain
            if (s == NONE) {
                return;
            }
        } else {
            pairAt.remove(ph);
        }
        int p = prev[s];
        int n = next[s];
        if (p != NONE) {
            next[p] = n;
        } else if (n == NONE) {
            heads.remove(key);
        } else {
            heads.put(key, n);
        }
        if (n != NONE) {
            prev[n] = p;
        }
        next[s] = free;
        free = s;
        pairs--;
    }

    private int find(long key, long h, long l) {
        for (int s = heads.get(key, NONE); s != NONE; s = next[s]) {
            if (hi[s] == h && lo[s] == l) {
                return s;
            }
        }
        return NONE;
    }

    private void removeOther(long key, String recordId) {
        Set<String> ids = otherIds.get(key);
        if (ids != null && ids.remove(recordId)) {
            pairs--;
            if (ids.isEmpty()) {
                otherIds.remove(key);
            }
        }
    }

    private int allocate() {
        if (free != NONE) {
            int s = free;
            free = next[s];
            return s;
        }
        if (used == keyOf.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, used + (used >> 1) + 16L);
            keyOf = Arrays.copyOf(keyOf, capacity);
            hi = Arrays.copyOf(hi, capacity);
            lo = Arrays.copyOf(lo, capacity);
            next = Arrays.copyOf(next, capacity);
            prev = Arrays.copyOf(prev, capacity);
        }
        return used++;
    }

    private static long pairHash(long key, long h, long l) {
        long x = key * PAIR_MIX ^ Long.rotateLeft(h, 21) ^ Long.rotateLeft(l * PAIR_MIX, 43);
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 29);
    }

    private static boolean contains(long[] keys, long k) {
        for (long x : keys) {
            if (x == k) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code id} is of guiji's own form: 32 lowercase hex digits. */
    static boolean isOwnId(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String ownId(long h, long l) {
        char[] out = new char[32];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (h & 0xF)];
            h >>>= 4;
            out[16 + i] = HEX[(int) (l & 0xF)];
            l >>>= 4;
        }
        return new String(out);
    }
}
