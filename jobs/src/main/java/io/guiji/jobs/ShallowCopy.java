package io.guiji.jobs;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.UnifiedRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A new record holding the same field values as another, not copies of them: for a step that
 * replaces some top-level fields of a record it was handed and leaves the rest as they are. Avro's
 * {@code newBuilder(other)} copies every nested record, list and string first, which the linking
 * profile showed to be a large share of a record's cost (BENCHMARKS.md, Linking reshaped). The copy
 * shares lists and nested records with the original, so a caller replaces them rather than changing
 * them in place.
 */
public final class ShallowCopy {
    private ShallowCopy() {}

    /** A unified record with {@code r}'s field values. */
    public static UnifiedRecord of(UnifiedRecord r) {
        return fill(new UnifiedRecord(), r);
    }

    /** Decision fields with {@code f}'s values. */
    public static DecisionFields of(DecisionFields f) {
        return fill(new DecisionFields(), f);
    }

    private static <T extends SpecificRecordBase> T fill(T into, T from) {
        int n = from.getSchema().getFields().size();
        for (int i = 0; i < n; i++) {
            into.put(i, from.get(i));
        }
        return into;
    }
}
