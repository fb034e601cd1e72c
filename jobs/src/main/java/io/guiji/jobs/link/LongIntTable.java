package io.guiji.jobs.link;

/**
 * An open-addressing map from non-zero {@code long} keys to {@code int} values, in two parallel
 * primitive arrays (12 bytes a slot): linear probing, at most {@link #MAX_LOAD} full, growing by a
 * quarter of its capacity; a removal shifts the following run back, so a freed slot is reused and
 * no tombstones accumulate. The key 0 marks a free slot and is stored as {@link #ZERO}: the two
 * share an entry, as two keys of equal hash do, and callers already tolerate such collisions. Not
 * thread-safe.
 */
final class LongIntTable {
    static final double MAX_LOAD = 0.8;
    static final long ZERO = 0x9E3779B97F4A7C15L;
    private static final long MIX = 0xBF58476D1CE4E5B9L;

    private long[] keys;
    private int[] values;
    private int size;
    private int growAt;
    private int foundAt = -1;

    LongIntTable(int expected) {
        allocate(
                Math.max(
                        16,
                        (int) Math.min(Integer.MAX_VALUE - 8, (long) (expected / MAX_LOAD) + 1)));
    }

    int size() {
        return size;
    }

    /** The value under {@code key}, or {@code absent}. */
    int get(long key, int absent) {
        long k = key == 0 ? ZERO : key;
        long[] ks = keys;
        int i = home(k, ks.length);
        while (true) {
            long at = ks[i];
            if (at == k) {
                return values[i];
            }
            if (at == 0) {
                return absent;
            }
            if (++i == ks.length) {
                i = 0;
            }
        }
    }

    /**
     * Sets the value under {@code key} unless it has one; returns the value it had (then {@link
     * #replaceFound} may change it without probing again), or {@code absent}.
     */
    int putIfAbsent(long key, int value, int absent) {
        long k = key == 0 ? ZERO : key;
        int i = home(k, keys.length);
        while (true) {
            long at = keys[i];
            if (at == k) {
                foundAt = i;
                return values[i];
            }
            if (at == 0) {
                keys[i] = k;
                values[i] = value;
                foundAt = -1;
                if (++size > growAt) {
                    grow();
                }
                return absent;
            }
            if (++i == keys.length) {
                i = 0;
            }
        }
    }

    /**
     * Replaces the value {@link #putIfAbsent} last returned (nothing may change the table in
     * between).
     */
    void replaceFound(int value) {
        values[foundAt] = value;
    }

    /** Sets the value under {@code key}. */
    void put(long key, int value) {
        long k = key == 0 ? ZERO : key;
        int i = home(k, keys.length);
        while (true) {
            long at = keys[i];
            if (at == k) {
                values[i] = value;
                return;
            }
            if (at == 0) {
                keys[i] = k;
                values[i] = value;
                if (++size > growAt) {
                    grow();
                }
                return;
            }
            if (++i == keys.length) {
                i = 0;
            }
        }
    }

    /** Removes {@code key}'s entry, if any. */
    void remove(long key) {
        long k = key == 0 ? ZERO : key;
        long[] ks = keys;
        int cap = ks.length;
        int i = home(k, cap);
        while (ks[i] != k) {
            if (ks[i] == 0) {
                return;
            }
            if (++i == cap) {
                i = 0;
            }
        }
        // Backward shift: move up every later entry of the run whose home is not between the gap
        // and it.
        int gap = i;
        int j = i;
        while (true) {
            if (++j == cap) {
                j = 0;
            }
            long at = ks[j];
            if (at == 0) {
                break;
            }
            int h = home(at, cap);
            boolean stays = gap <= j ? gap < h && h <= j : gap < h || h <= j;
            if (!stays) {
                ks[gap] = at;
                values[gap] = values[j];
                gap = j;
            }
        }
        ks[gap] = 0;
        size--;
    }

    /** Bytes held by the arrays. */
    long bytes() {
        return 16L + 8L * keys.length + 16L + 4L * values.length;
    }

    private static int home(long key, int capacity) {
        // The key is re-mixed so that a weak (injected) hash still spreads; the range is reduced by
        // multiplication, so that the capacity need not be a power of two.
        long m = (key * MIX) >>> 32;
        return (int) ((m * capacity) >>> 32);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        growAt = (int) (capacity * MAX_LOAD);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        // By a quarter: the table is 64-80 % full between growths (12 bytes a slot dominate the
        // index's memory).
        long wanted = oldKeys.length + (oldKeys.length >> 2) + 1;
        allocate((int) Math.min(Integer.MAX_VALUE - 8, wanted));
        int cap = keys.length;
        for (int s = 0; s < oldKeys.length; s++) {
            long k = oldKeys[s];
            if (k != 0) {
                int i = home(k, cap);
                while (keys[i] != 0) {
                    if (++i == cap) {
                        i = 0;
                    }
                }
                keys[i] = k;
                values[i] = oldValues[s];
            }
        }
    }
}
