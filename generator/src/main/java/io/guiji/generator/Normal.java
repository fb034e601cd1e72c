package io.guiji.generator;

import java.text.Normalizer;

/**
 * The normal forms the ground truth is written in, implemented here from docs/contract.md §4 and §6
 * rather than borrowed from the pipeline, so the truth is an independent oracle:
 *
 * <ul>
 *   <li>{@link #clean}: text — NFKC, zero-width characters dropped, white space runs made one
 *       space, trimmed;
 *   <li>{@link #nameKey}: the exact-match key of names — clean, no spaces, brackets {@code （）【】[]}
 *       as {@code ()}, ASCII upper case, {@code ·・.,，、'"“”‘’} dropped, traditional characters
 *       written simplified (the {@code NAME} tier folds script, docs/contract.md §6; the generator
 *       writes traditional characters only from {@link Vocab#TRADITIONAL}, so its inverse folds
 *       them all);
 *   <li>{@link #docNo}: document numbers — NFKC, no white space, ASCII upper case, a bracket pair
 *       around a four-digit year written {@code 〔yyyy〕};
 *   <li>{@link #code}: identifiers — NFKC, spaces and {@code -} dropped, upper case.
 * </ul>
 *
 * The generator also uses them to check itself: every variant it writes must normalize to the form
 * its truth claims.
 */
final class Normal {
    private static final java.util.Map<Character, Character> SIMPLIFIED = new java.util.HashMap<>();

    static {
        Vocab.TRADITIONAL.forEach(
                (simplified, traditional) -> SIMPLIFIED.put(traditional, simplified));
    }

    private Normal() {}

    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF') {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
                continue;
            }
            if (space && b.length() > 0) {
                b.append(' ');
            }
            space = false;
            b.append(c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    static String nameKey(String raw) {
        String s = clean(raw);
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || "·・.,，、'\"“”‘’".indexOf(c) >= 0) {
                continue;
            }
            c = SIMPLIFIED.getOrDefault(c, c);
            if (c == '（' || c == '【' || c == '[') {
                c = '(';
            } else if (c == '）' || c == '】' || c == ']') {
                c = ')';
            } else if (c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            }
            b.append(c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    static String docNo(String raw) {
        String s = clean(raw);
        if (s == null) {
            return null;
        }
        s = s.replace(" ", "");
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if ("([【〔".indexOf(c) >= 0
                    && i + 5 < s.length()
                    && digits(s, i + 1, 4)
                    && ")]】〕".indexOf(s.charAt(i + 5)) >= 0) {
                b.append('〔').append(s, i + 1, i + 5).append('〕');
                i += 6;
                continue;
            }
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            i++;
        }
        return b.toString();
    }

    static String code(String raw) {
        String s = clean(raw);
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '-') {
                b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static boolean digits(String s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
