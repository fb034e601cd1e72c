package io.guiji.jobs.dedup;

import io.guiji.schemas.DecisionFields;
import java.nio.charset.StandardCharsets;

/**
 * A stable 64-bit fingerprint of a copy's decision content (every field but {@code updated_at}),
 * the same on every JVM, so the count of distinct revisions is reproducible.
 */
public final class ContentHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ContentHash() {}

    public static long of(DecisionFields fields) {
        DecisionFields withoutTime = DecisionFields.newBuilder(fields).setUpdatedAt(null).build();
        long h = FNV_OFFSET;
        for (byte b : withoutTime.toString().getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return h;
    }
}
