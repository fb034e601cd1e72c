package io.guiji.jobs.link;

import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.RegistryEntry;

/**
 * An invalid code a record carries as a fact that can confirm a fuzzy link (docs/contract.md §6):
 * its 统一社会信用代码, 注册号 or 组织机构代码 fails its check, so it is no lookup key, but when it is one character
 * from the enterprise's code (one replaced, or two neighbours swapped) it was most likely typed for
 * it. The check characters catch every single replacement, so such a typo is always invalid; and an
 * unregistered look-alike's own code is no nearer the enterprise's than any other.
 */
public final class NearCodes {
    private NearCodes() {}

    /** The record's invalid codes in canonical form, or null when it has none. */
    public static Invalid of(DecisionFields f) {
        String uscc = invalid(f.getUscc(), Identifiers.Kind.USCC, 18);
        String regNo = invalid(f.getRegNo(), Identifiers.Kind.REG_NO, 15);
        String orgCode = invalid(f.getOrgCode(), Identifiers.Kind.ORG_CODE, 9);
        return uscc == null && regNo == null && orgCode == null
                ? null
                : new Invalid(uscc, regNo, orgCode);
    }

    /** A record's invalid codes, each null when absent or valid. */
    public record Invalid(String uscc, String regNo, String orgCode) {
        /**
         * The evidence that one of them is one character from {@code e}'s code ({@code
         * uscc=one_char_apart}), or null.
         */
        public String near(RegistryEntry e) {
            if (e == null) {
                return null;
            }
            String registeredUscc = e.getUscc();
            if (uscc != null && oneCharApart(uscc, registeredUscc)) {
                return "uscc=one_char_apart";
            }
            if (regNo != null && oneCharApart(regNo, e.getRegNo())) {
                return "reg_no=one_char_apart";
            }
            if (orgCode != null
                    && registeredUscc != null
                    && Uscc.hasShape(registeredUscc)
                    && oneCharApart(orgCode, Uscc.orgCode(registeredUscc))) {
                return "org_code=one_char_apart";
            }
            return null;
        }
    }

    /**
     * Whether {@code a} and {@code b}, of one length, differ in one character or in two neighbours
     * swapped.
     */
    static boolean oneCharApart(String a, String b) {
        if (a == null || b == null || a.length() != b.length() || a.equals(b)) {
            return false;
        }
        int first = -1;
        int second = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first < 0) {
                    first = i;
                } else if (second < 0) {
                    second = i;
                } else {
                    return false;
                }
            }
        }
        return second < 0
                || (second == first + 1
                        && a.charAt(first) == b.charAt(second)
                        && a.charAt(second) == b.charAt(first));
    }

    private static String invalid(String given, Identifiers.Kind kind, int length) {
        String canonical = Identifiers.canonical(given);
        return canonical != null
                        && canonical.length() == length
                        && Identifiers.classify(canonical) != kind
                ? canonical
                : null;
    }
}
