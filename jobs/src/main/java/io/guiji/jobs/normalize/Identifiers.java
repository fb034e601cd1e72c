package io.guiji.jobs.normalize;

/**
 * Enterprise and personal codes: canonical form (docs/contract.md §4: NFKC, spaces and {@code -}
 * dropped, upper case) and recognition of which code a value is, whatever column it was typed in.
 */
public final class Identifiers {
    /** What a canonical code value is, judged by shape and check character. */
    public enum Kind {
        USCC,
        REG_NO,
        ORG_CODE,
        CITIZEN_ID,
        /** Not a valid code of any kind. */
        INVALID
    }

    private Identifiers() {}

    /**
     * The canonical form of a code, or {@code null} when empty. Its own canonical form: dropping a
     * dash or upper-casing can leave text that NFKC changes ({@code a-\u0301}), so it is made again
     * until nothing changes.
     */
    public static String canonical(String raw) {
        return Text.untilNfkcStable(raw, Identifiers::once);
    }

    private static String once(String raw) {
        String s = Text.compact(raw);
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // NFKC already folded full-width forms; dashes of every kind separate groups only.
            if (c == '-' || c == '‐' || c == '‑' || c == '–' || c == '—' || c == '－' || c == '_') {
                continue;
            }
            b.append(Character.toUpperCase(c));
        }
        return b.length() == 0 ? null : b.toString();
    }

    /**
     * Which valid code {@code canonical} is; a code valid as both is told apart by the birth date.
     */
    public static Kind classify(String canonical) {
        if (canonical == null) {
            return Kind.INVALID;
        }
        switch (canonical.length()) {
            case 18:
                boolean uscc = Uscc.isValid(canonical);
                boolean person = CitizenId.isValid(canonical);
                if (uscc && person) {
                    // About one citizen ID in 31 also passes the USCC check: a real birth date
                    // decides.
                    return CitizenId.hasBirthDate(canonical) ? Kind.CITIZEN_ID : Kind.USCC;
                }
                return uscc ? Kind.USCC : person ? Kind.CITIZEN_ID : Kind.INVALID;
            case 15:
                return RegNo.isValid(canonical) ? Kind.REG_NO : Kind.INVALID;
            case 9:
                return OrgCode.isValid(canonical) ? Kind.ORG_CODE : Kind.INVALID;
            default:
                return Kind.INVALID;
        }
    }
}
