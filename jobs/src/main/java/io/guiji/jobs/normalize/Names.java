package io.guiji.jobs.normalize;

/**
 * The key for exact name linking (docs/contract.md §6, tiers 4 {@code NAME} and 5 {@code
 * FORMER_NAME}): two names with the same key are the same name written differently.
 *
 * <p>The key is {@link Text#clean} (NFKC: full-width letters, digits and brackets become ASCII),
 * then: every white space and zero-width character removed; the brackets {@code （ ） 【 】 [ ]}
 * written as ASCII {@code ( )}; Latin letters upper-cased; the punctuation {@code · ・ . , ， 、 ' " “
 * ” ‘ ’} dropped.
 *
 * <p>Deliberately nothing more: legal-form words, region prefixes and branch suffixes stay, because
 * they name different enterprises ({@code 有限公司} ≠ {@code 有限责任公司}; {@code …分公司} is not its head
 * office). Typos and missing prefixes are the fuzzy tier's business, not this key's. Script is
 * folded by linking on top of this key ({@code link.LinkKeys#nameKey}: traditional characters
 * written simplified), since this stage knows nothing of Chinese characters.
 */
public final class Names {
    private Names() {}

    /**
     * The match key of {@code name}, or {@code null} when nothing is left of it. A key is its own
     * key: dropping punctuation or upper-casing can leave text that NFKC would change (a combining
     * mark that followed a dropped {@code '} now follows a letter; {@code ǆ} upper-cased is {@code
     * Ǆ}, which NFKC spells {@code DŽ}), so the key is made again until nothing changes.
     */
    public static String matchKey(String name) {
        return Text.untilNfkcStable(name, Names::keyOnce);
    }

    private static String keyOnce(String name) {
        String s = Text.clean(name);
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ':
                    // Text.clean made every white space one ASCII space and dropped zero-widths.
                    break;
                case '(':
                case '（':
                case '[':
                case '【':
                    b.append('(');
                    break;
                case ')':
                case '）':
                case ']':
                case '】':
                    b.append(')');
                    break;
                case '·':
                case '・':
                case '.':
                case ',':
                case '，':
                case '、':
                case '\'':
                case '"':
                case '“':
                case '”':
                case '‘':
                case '’':
                    break;
                default:
                    b.append(isLatinLower(c) ? Character.toUpperCase(c) : c);
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Whether {@code c} is a lower-case Latin letter (ASCII or not). */
    static boolean isLatinLower(char c) {
        if (c >= 'a' && c <= 'z') {
            return true;
        }
        return c >= 0x80
                && Character.isLowerCase(c)
                && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }
}
