package io.guiji.jobs.normalize;

/**
 * Document numbers ({@code doc_no}: 文书号, 决定书文号, 案号 …), normalized as docs/contract.md §4 says, so
 * that the copies of one decision sent with different bracket and width conventions share one
 * identity (docs/contract.md §5: the identity is record type, department and normalized {@code
 * doc_no}).
 *
 * <p>The normal form is: NFKC ({@link Text#compact}), every white space and zero-width character
 * removed, Latin letters upper-cased (ASCII and the others alike, so that {@code e} + U+0301, which
 * NFKC makes {@code é}, and {@code E} + U+0301 agree), and a bracket pair around a four-digit year
 * written {@code 〔yyyy〕}. Opening and closing brackets are any of {@code ( [ 【 〔 { 〈 〖} and {@code
 * ) ] 】 〕 } 〉 〗} after NFKC (which already folds {@code （） ［］ ｛｝ ﹝﹞} and the like), and they need
 * not match: {@code (2023〕} is a typing slip for the same year. The four digits are not
 * range-checked, so every copy of a number folds the same way. Brackets around anything else are
 * kept as NFKC left them.
 *
 * <p>Examples: {@code 朝市监罚[2023]12号}, {@code 朝市监罚（2023）12号} and {@code 朝市监罚 〔2023〕 12号} all become
 * {@code 朝市监罚〔2023〕12号}; {@code （2019）冀0929执1399号} becomes {@code 〔2019〕冀0929执1399号}.
 */
public final class DocNumbers {
    private static final char YEAR_OPEN = '〔';
    private static final char YEAR_CLOSE = '〕';

    private DocNumbers() {}

    /**
     * The normalized document number, or {@code null} when {@code raw} is null or nothing but white
     * space. Idempotent: {@code normalize(normalize(x)).equals(normalize(x))}.
     */
    public static String normalize(String raw) {
        // Upper-casing can leave text that NFKC changes (ǆ → Ǆ, which NFKC spells DŽ): again until
        // stable.
        return Text.untilNfkcStable(raw, DocNumbers::once);
    }

    private static String once(String raw) {
        String s = Text.compact(raw);
        if (s == null) {
            return null;
        }
        int n = s.length();
        StringBuilder b = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isOpen(c) && i + 5 < n && isDigit(s, i + 1, 4) && isClose(s.charAt(i + 5))) {
                b.append(YEAR_OPEN).append(s, i + 1, i + 5).append(YEAR_CLOSE);
                i += 6;
                continue;
            }
            b.append(Names.isLatinLower(c) ? Character.toUpperCase(c) : c);
            i++;
        }
        return b.toString();
    }

    private static boolean isOpen(char c) {
        return c == '(' || c == '[' || c == '【' || c == '〔' || c == '{' || c == '〈' || c == '〖';
    }

    private static boolean isClose(char c) {
        return c == ')' || c == ']' || c == '】' || c == '〕' || c == '}' || c == '〉' || c == '〗';
    }

    private static boolean isDigit(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
