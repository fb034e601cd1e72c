package io.guiji.jobs.link;

/**
 * A 64-bit hash of a string's UTF-16 chars, four chars to a 64-bit lane, in the shape of xxHash64's
 * lane step and final avalanche. Used by {@link CompactRegistryIndex} in place of the lookup keys
 * themselves; its quality decides how often two different keys meet (see there).
 */
final class KeyHash {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long SEED = 0x27D4EB2F165667C5L;

    private KeyHash() {}

    /**
     * The hash of {@code s}'s chars; the length takes part, so a string and its prefix padded with
     * NULs differ.
     */
    static long of(CharSequence s) {
        int n = s.length();
        long h = SEED + n * P3;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long lane =
                    s.charAt(i)
                            | (long) s.charAt(i + 1) << 16
                            | (long) s.charAt(i + 2) << 32
                            | (long) s.charAt(i + 3) << 48;
            h = step(h, lane);
        }
        if (i < n) {
            long lane = 0;
            for (int shift = 0; i < n; i++, shift += 16) {
                lane |= (long) s.charAt(i) << shift;
            }
            h = step(h, lane);
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long step(long h, long lane) {
        lane *= P2;
        lane = Long.rotateLeft(lane, 31);
        lane *= P1;
        h ^= lane;
        return Long.rotateLeft(h, 27) * P1 + P4;
    }
}
