package io.guiji.jobs.normalize;

import java.text.Normalizer;

/**
 * Free-text normalization of CONTRACT §4: NFKC, zero-width characters dropped (U+200B–U+200D,
 * U+2060, U+FEFF), every run of white space (U+3000 and the other Unicode spaces included) made
 * one ASCII space, trimmed. Empty results become {@code null}, so "absent" has one spelling.
 */
public final class Text {
    private Text() {}

    /** The normalized text, or {@code null} when nothing is left. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String s = isPlainAscii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = null;
        boolean pendingSpace = false;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (isZeroWidth(c)) {
                if (out == null) {
                    out = new StringBuilder(len).append(s, 0, i);
                }
                continue;
            }
            if (isSpace(c)) {
                if (out == null) {
                    out = new StringBuilder(len).append(s, 0, i);
                }
                pendingSpace = true;
                continue;
            }
            if (out != null) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            }
        }
        String result = out == null ? s : out.toString();
        return result.isEmpty() ? null : result;
    }

    /** {@link #clean} with every space removed, for codes and matching keys. */
    public static String compact(String raw) {
        String s = clean(raw);
        if (s == null || s.indexOf(' ') < 0) {
            return s;
        }
        return s.replace(" ", "");
    }

    static boolean isZeroWidth(char c) {
        return (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f'
                || c == '\u00A0' || c == '\u3000' || c == '\u1680' || c == '\u202F' || c == '\u205F'
                || (c >= '\u2000' && c <= '\u200A') || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
