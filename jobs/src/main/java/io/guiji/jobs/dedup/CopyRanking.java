package io.guiji.jobs.dedup;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.SupervisionRecord;

/**
 * Which copy of a decision gives the unified record its values (docs/contract.md §5): the latest
 * {@code updated_at}; among copies without one or with the same one, the most complete, then the
 * greatest source reference — an arbitrary but fixed choice, so the result never depends on the
 * order copies arrive in. A rank is a string whose natural order is this preference.
 */
public final class CopyRanking {
    private CopyRanking() {}

    public static String rank(SupervisionRecord copy) {
        DecisionFields f = copy.getFields();
        String updated = f.getUpdatedAt() == null ? "0000-00-00T00:00:00" : f.getUpdatedAt();
        StringBuilder rank = new StringBuilder(updated.length() + copy.getSource().getFile().length() + 20);
        rank.append(updated).append('|');
        zeroPadded(rank, completeness(f), 3);
        rank.append('|').append(copy.getSource().getFile()).append('|');
        zeroPadded(rank, copy.getSource().getRow(), 12);
        return rank.toString();
    }

    /** Appends {@code value} as {@code String.format("%0<width>d")} does, without a Formatter per call. */
    static void zeroPadded(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        if (value < 0) {
            sb.append('-');
            digits = digits.substring(1);
            width--;
        }
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }

    /** How many optional fields the copy fills: a fuller copy of the same decision is the better one. */
    static int completeness(DecisionFields f) {
        int n = 0;
        for (Object v : new Object[] {f.getSubjectCategory(), f.getUscc(), f.getRegNo(), f.getOrgCode(),
                f.getLegalRep(), f.getIdType(), f.getIdNo(), f.getAuthority()}) {
            if (v != null) {
                n++;
            }
        }
        if (f.getDetails() instanceof org.apache.avro.generic.IndexedRecord) {
            org.apache.avro.generic.IndexedRecord d = (org.apache.avro.generic.IndexedRecord) f.getDetails();
            for (int i = 0; i < d.getSchema().getFields().size(); i++) {
                if (d.get(i) != null) {
                    n++;
                }
            }
        }
        return n;
    }
}
