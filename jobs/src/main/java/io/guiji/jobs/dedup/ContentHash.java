package io.guiji.jobs.dedup;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.SupervisionRecord;
import java.math.BigDecimal;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * Stable 64-bit fingerprints of a copy's content, the same on every JVM and in every run:
 *
 * <ul>
 *   <li>{@link #of} — the decision fields without {@code updated_at}: kept in dedup state, their
 *       count of distinct values is the record's number of revisions (docs/contract.md §5);
 *   <li>{@link #ofCopy} — everything a copy gives the unified record (all its fields and its
 *       quality flags), never where it came from: the last tie-break of {@link CopyRanking}.
 * </ul>
 *
 * Both are FNV-1a over a walk of the values in schema order — each value tagged with its kind and
 * strings with their length, so two different contents never hash alike by concatenation — and
 * never over the Avro text, which costs a string build per copy.
 */
public final class ContentHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int UPDATED_AT = DecisionFields.SCHEMA$.getField("updated_at").pos();

    private static final int NULL = 1;
    private static final int TEXT = 2;
    private static final int NUMBER = 3;
    private static final int BOOLEAN = 4;
    private static final int SYMBOL = 5;
    private static final int RECORD = 6;
    private static final int LIST = 7;
    private static final int OTHER = 8;

    private ContentHash() {}

    /** The fingerprint of the decision fields, every one but {@code updated_at}. */
    public static long of(DecisionFields fields) {
        long h = FNV_OFFSET;
        for (int i = 0; i < DecisionFields.SCHEMA$.getFields().size(); i++) {
            if (i != UPDATED_AT) {
                h = value(h, fields.get(i));
            }
        }
        return h;
    }

    /**
     * The fingerprint of what {@code copy} would give the unified record: {@code of} its fields
     * extended with {@code updated_at} and the quality flags; the source reference is left out.
     */
    public static long ofCopy(SupervisionRecord copy) {
        return ofCopy(copy, of(copy.getFields()));
    }

    /** {@link #ofCopy(SupervisionRecord)} given {@code fieldsHash}, the copy's {@link #of}. */
    public static long ofCopy(SupervisionRecord copy, long fieldsHash) {
        long h = value(fieldsHash, copy.getFields().getUpdatedAt());
        return value(h, copy.getQualityFlags());
    }

    private static long value(long h, Object v) {
        if (v == null) {
            return tag(h, NULL);
        }
        if (v instanceof CharSequence) {
            return text(tag(h, TEXT), (CharSequence) v);
        }
        if (v instanceof BigDecimal) {
            // The decimal as written (1.5 and 1.500000 are different texts, as they were in
            // Avro's).
            return text(tag(h, NUMBER), ((BigDecimal) v).toString());
        }
        if (v instanceof Number) {
            return text(tag(h, NUMBER), v.toString());
        }
        if (v instanceof Boolean) {
            return mix(tag(h, BOOLEAN), (Boolean) v ? 1 : 0);
        }
        if (v instanceof Enum) {
            return text(tag(h, SYMBOL), ((Enum<?>) v).name());
        }
        if (v instanceof IndexedRecord) {
            IndexedRecord r = (IndexedRecord) v;
            // The record's name tells the branch of a union (penalty details from licence details).
            h = text(tag(h, RECORD), r.getSchema().getFullName());
            int n = r.getSchema().getFields().size();
            for (int i = 0; i < n; i++) {
                h = value(h, r.get(i));
            }
            return h;
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            h = length(tag(h, LIST), list.size());
            for (Object o : list) {
                h = value(h, o);
            }
            return h;
        }
        return text(tag(h, OTHER), v.toString());
    }

    private static long text(long h, CharSequence s) {
        int n = s.length();
        h = length(h, n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            h = mix(mix(h, c & 0xff), c >>> 8);
        }
        return h;
    }

    private static long length(long h, int n) {
        return mix(mix(mix(mix(h, n & 0xff), (n >>> 8) & 0xff), (n >>> 16) & 0xff), n >>> 24);
    }

    private static long tag(long h, int tag) {
        return mix(h, tag);
    }

    private static long mix(long h, int b) {
        return (h ^ (b & 0xff)) * FNV_PRIME;
    }
}
