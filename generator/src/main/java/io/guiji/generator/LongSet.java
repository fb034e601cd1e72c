package io.guiji.generator;

import java.util.Arrays;

/**
 * A set of {@code long} keys (open addressing, linear probing), for the name combinations the
 * generator has used: about 8 bytes a key instead of a boxed {@code HashSet}'s 50, which keeps a
 * registry of millions of names affordable. Keys are 64-bit hashes of the combinations; a hash
 * collision only makes the generator draw another combination, never a duplicate name.
 */
final class LongSet {
    private static final long EMPTY = 0L;
    private long[] table = new long[1 << 12];
    private int size;

    /** Adds {@code key}; {@code true} when it was not there yet. */
    boolean add(long key) {
        if (key == EMPTY) {
            key = 1; // 0 marks free slots
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) mix(key) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        Arrays.fill(table, EMPTY);
        size = 0;
        for (long k : old) {
            if (k != EMPTY) {
                add(k);
            }
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }

    /** A 64-bit FNV-1a hash of {@code parts}, separated so that ("ab","c") ≠ ("a","bc"). */
    static long hash(String... parts) {
        long h = 0xcbf29ce484222325L;
        for (String p : parts) {
            for (int i = 0; i < p.length(); i++) {
                h ^= p.charAt(i);
                h *= 0x100000001b3L;
            }
            h ^= 0x1F;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
