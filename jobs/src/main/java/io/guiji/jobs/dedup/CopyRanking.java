package io.guiji.jobs.dedup;

import io.guiji.jobs.normalize.Identifiers;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.SupervisionRecord;

/**
 * Which copy of a decision gives the unified record its values (docs/contract.md §5): the latest
 * {@code updated_at}; among copies without one or with the same one, the copy with more valid
 * identifiers (USCC, registration number, organization code), then the more complete one, then the
 * one with the smallest {@link ContentHash#ofCopy content hash}. Every step looks at the copy's
 * content only, never at where or when it arrived, so the same copies give the same winner in a
 * bounded run and in a stream, whatever their order. A rank is a string whose natural order is this
 * preference; two copies of equal rank have the same content, bar a 64-bit hash collision, which
 * {@link #compare} settles by their text.
 */
public final class CopyRanking {
    private CopyRanking() {}

    public static String rank(SupervisionRecord copy) {
        return rank(copy, ContentHash.ofCopy(copy));
    }

    /**
     * The rank of {@code copy} given its {@link ContentHash#ofCopy} (computed once by the caller).
     */
    public static String rank(SupervisionRecord copy, long copyHash) {
        DecisionFields f = copy.getFields();
        String updated = f.getUpdatedAt() == null ? "0000-00-00T00:00:00" : f.getUpdatedAt();
        StringBuilder rank = new StringBuilder(updated.length() + 24);
        rank.append(updated).append('|').append(validIdentifiers(f)).append('|');
        zeroPadded(rank, completeness(f), 3);
        rank.append('|');
        // Greater ranks win, so the complement: the smallest hash (unsigned) gives the greatest
        // text.
        String hex = Long.toHexString(~copyHash);
        for (int i = hex.length(); i < 16; i++) {
            rank.append('0');
        }
        return rank.append(hex).toString();
    }

    /**
     * Positive when copy {@code a} (of rank {@code rankA}) is preferred to {@code b}, negative when
     * {@code b} is, zero only when they give the unified record the same values. Equal ranks fall
     * back to the copies' text, so even a hash collision is settled by content, not by order.
     */
    public static int compare(
            SupervisionRecord a, String rankA, SupervisionRecord b, String rankB) {
        int c = rankA.compareTo(rankB);
        if (c != 0 || sameContent(a, b)) {
            return c;
        }
        return -text(a).compareTo(text(b));
    }

    private static boolean sameContent(SupervisionRecord a, SupervisionRecord b) {
        return a.getFields().equals(b.getFields())
                && a.getQualityFlags().equals(b.getQualityFlags());
    }

    private static String text(SupervisionRecord r) {
        return r.getFields().toString() + r.getQualityFlags();
    }

    /**
     * How many of the copy's codes are valid, each in its own field (0–3): a copy that can be
     * linked by code is the better one.
     */
    static int validIdentifiers(DecisionFields f) {
        int n = 0;
        if (f.getUscc() != null && Identifiers.classify(f.getUscc()) == Identifiers.Kind.USCC) {
            n++;
        }
        if (f.getRegNo() != null && Identifiers.classify(f.getRegNo()) == Identifiers.Kind.REG_NO) {
            n++;
        }
        if (f.getOrgCode() != null
                && Identifiers.classify(f.getOrgCode()) == Identifiers.Kind.ORG_CODE) {
            n++;
        }
        return n;
    }

    /**
     * Appends {@code value} as {@code String.format("%0<width>d")} does, without a Formatter per
     * call.
     */
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

    /**
     * How many optional fields the copy fills: a fuller copy of the same decision is the better
     * one.
     */
    static int completeness(DecisionFields f) {
        int n = 0;
        for (Object v :
                new Object[] {
                    f.getSubjectCategory(),
                    f.getUscc(),
                    f.getRegNo(),
                    f.getOrgCode(),
                    f.getLegalRep(),
                    f.getIdType(),
                    f.getIdNo(),
                    f.getAuthority()
                }) {
            if (v != null) {
                n++;
            }
        }
        if (f.getDetails() instanceof org.apache.avro.generic.IndexedRecord) {
            org.apache.avro.generic.IndexedRecord d =
                    (org.apache.avro.generic.IndexedRecord) f.getDetails();
            for (int i = 0; i < d.getSchema().getFields().size(); i++) {
                if (d.get(i) != null) {
                    n++;
                }
            }
        }
        return n;
    }
}
