package io.guiji.jobs.normalize;

/**
 * The key for exact name linking (docs/contract.md §6, tiers 4 {@code NAME} and 5 {@code
 * FORMER_NAME}): two names with the same key are the same name written differently.
 *
 * <p>The key is {@link Text#clean} (NFKC: full-width letters, digits and brackets become ASCII),
 * then: every white space and zero-width character removed; the brackets {@code （ ） 【 】 [ ]}
 * written as ASCII {@code ( )}; Latin letters upper-cased; the punctuation {@code · ・ . , ， 、 ' " “
 * ” ‘ ’} dropped; and what a decision's text writes around a name ({@link #withoutNotes}: a label
 * before it, a bracketed former name or kind of subject, sentence punctuation after it).
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
        String s = withoutNotes(Text.clean(name));
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

    /** A label before the name, as a decision's text writes it (当事人：, 被处罚人:, 单位名称：). */
    private static final java.util.regex.Pattern LABEL =
            java.util.regex.Pattern.compile(
                    "^\\s*(当事人|被处罚人|被处罚单位|被检查人|被检查单位|行政相对人|相对人|单位名称|企业名称|名称)\\s*[:：]\\s*");

    /**
     * A bracketed note that is no part of the name: the former name (（原…） of four characters or
     * more, so that a bracketed 原平 or 原阳 stays a place; （原名：…）, （曾用名…）, （更名前…）) or the kind of
     * subject (（个体工商户）, （个体）).
     */
    private static final java.util.regex.Pattern NOTE =
            java.util.regex.Pattern.compile(
                    "\\s*[(（\\[【]\\s*(?:(?:原名|曾用名|更名前)[^()（）\\[\\]【】]*|原[:：]?[^()（）\\[\\]【】]{4,}|个体(?:工商户|户)?\\s*)[)）\\]】]");

    private static final String ENDS = " 。；;：:！!？?";

    /** Sentence punctuation after the name (…有限公司。). */
    private static final java.util.regex.Pattern TRAILING =
            java.util.regex.Pattern.compile("[\\s。；;：:！!？?]+$");

    /**
     * {@code s} (a cleaned name) without what a decision's text writes around a name: a label
     * before it, a bracketed former name or kind of subject, sentence punctuation after it
     * (docs/contract.md §6). Null when nothing else is left, {@code null} for {@code null}.
     */
    public static String withoutNotes(String s) {
        if (s == null
                || s.isEmpty()
                || (s.indexOf(':') < 0
                        && s.indexOf('：') < 0
                        && s.indexOf('原') < 0
                        && s.indexOf('曾') < 0
                        && s.indexOf('更') < 0
                        && s.indexOf('个') < 0
                        && ENDS.indexOf(s.charAt(s.length() - 1)) < 0)) {
            return s; // the common case, without a regular expression
        }
        String out = LABEL.matcher(s).replaceFirst("");
        out = NOTE.matcher(out).replaceAll("");
        out = TRAILING.matcher(out).replaceAll("");
        return out.isEmpty() ? null : out;
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
