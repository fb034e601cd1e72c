package io.guiji.jobs.normalize;

import io.guiji.connectors.SinkSafeText;
import java.text.Normalizer;
import java.util.function.UnaryOperator;

/**
 * Free-text normalization of docs/contract.md §4: NFKC, zero-width characters dropped
 * (U+200B–U+200D, U+2060, U+FEFF), every run of white space (U+3000 and the other Unicode spaces
 * included) made one ASCII space, trimmed. Empty results become {@code null}, so "absent" has one
 * spelling.
 *
 * <p>Also the one place where input is made safe for every sink ({@link SinkSafeText}): control
 * characters, lone surrogates and noncharacters are dropped ({@link #hasControlCharacters} tells a
 * caller that wants to flag it), the white-space controls (tab, line breaks, U+000B, U+000C,
 * U+0085) becoming spaces like the other white space. Characters are dropped <em>before</em> NFKC,
 * so that a combining mark that followed a dropped character composes now and not on a second pass:
 * {@code clean(clean(x)).equals(clean(x))} for every {@code x}.
 */
public final class Text {
    private Text() {}

    /**
     * {@code once(raw)}, applied again (at most four more times) while what it gives is not NFKC
     * normal: a step that drops characters or upper-cases can leave text that NFKC changes (a
     * combining mark that followed a dropped character now follows a letter; {@code ǆ} upper-cased
     * is {@code Ǆ}, which NFKC spells {@code DŽ}), and a normal form must be its own.
     */
    static String untilNfkcStable(String raw, UnaryOperator<String> once) {
        String s = once.apply(raw);
        for (int i = 0;
                i < 4 && s != null && !Normalizer.isNormalized(s, Normalizer.Form.NFKC);
                i++) {
            s = once.apply(s);
        }
        return s;
    }

    /** The normalized text, or {@code null} when nothing is left. */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        return isAlreadyClean(raw) ? raw : cleanFully(raw);
    }

    /**
     * Whether {@link #cleanFully} would return {@code s} unchanged: printable ASCII and CJK unified
     * ideographs only (both their own NFKC form, neither invisible nor unsafe, and no combining
     * mark among them to compose), spaces single and inside. Most cells of real records are such
     * text (names, document numbers, codes, dates), and the parser cleans every cell: one scan
     * instead of three and NFKC (a profile of a million records put a quarter of the parser's time
     * in them).
     */
    static boolean isAlreadyClean(String s) {
        int len = s.length();
        if (len == 0 || s.charAt(0) == ' ' || s.charAt(len - 1) == ' ') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (previous == ' ') {
                    return false;
                }
            } else if (!(c > 0x20 && c < 0x7F) && !(c >= '\u4E00' && c <= '\u9FFF')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** {@link #clean} by its rule, whatever the text. */
    static String cleanFully(String raw) {
        String s = raw;
        if (!isPlainAscii(
                s)) { // printable ASCII and white space, the commonest case: nothing to drop or
            // fold
            s = dropInvisible(s);
            if (!isPlainAscii(s)) {
                s = Normalizer.normalize(s, Normalizer.Form.NFKC);
            }
        }
        StringBuilder out = null;
        boolean pendingSpace = false;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
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

    /**
     * Whether {@link #clean} drops a control character, lone surrogate or noncharacter of {@code
     * raw} ({@link SinkSafeText#isUnsafe}); the white-space controls, which become spaces, do not
     * count. The condition of the quality flag {@code CONTROL_CHARACTERS_REMOVED}.
     */
    public static boolean hasControlCharacters(String raw) {
        if (raw == null) {
            return false;
        }
        for (int i = SinkSafeText.firstUnsafe(raw, 0);
                i >= 0;
                i = SinkSafeText.firstUnsafe(raw, i + 1)) {
            if (!isSpace(raw.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code raw} without zero-width and unsafe characters (white-space controls kept). */
    private static String dropInvisible(String raw) {
        StringBuilder b = null;
        int len = raw.length();
        for (int i = 0; i < len; i++) {
            char c = raw.charAt(i);
            boolean drop =
                    c >= 0x20 && c < 0x7F
                            ? false
                            : isZeroWidth(c) || (!isSpace(c) && SinkSafeText.isUnsafe(raw, i));
            if (drop) {
                if (b == null) {
                    b = new StringBuilder(len).append(raw, 0, i);
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < len
                        && Character.isLowSurrogate(raw.charAt(i + 1))) {
                    i++; // an unsafe pair (a supplementary noncharacter) goes as a whole
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? raw : b.toString();
    }

    /**
     * {@link #clean} with every space removed, for codes and matching keys. Idempotent too: a
     * combining mark that a removed space kept apart from its letter composes with it ({@code "a
     * \u0301"} → {@code "á"}).
     */
    public static String compact(String raw) {
        String s = clean(raw);
        while (s != null && s.indexOf(' ') >= 0) {
            s = s.replace(" ", "");
            if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
                s = clean(s);
            }
        }
        return s == null || s.isEmpty() ? null : s;
    }

    static boolean isZeroWidth(char c) {
        return (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF';
    }

    static boolean isSpace(char c) {
        return c == ' '
                || c == '\t'
                || c == '\n'
                || c == '\r'
                || c == '\u000B'
                || c == '\f'
                || c == '\u00A0'
                || c == '\u3000'
                || c == '\u1680'
                || c == '\u202F'
                || c == '\u205F'
                || (c >= '\u2000' && c <= '\u200A')
                || c == '\u0085'
                || c == '\u2028'
                || c == '\u2029';
    }

    /**
     * Printable ASCII and ASCII white space only: NFKC and {@link #dropInvisible} leave it as it
     * is.
     */
    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x7F || (c < 0x20 && !isSpace(c))) {
                return false;
            }
        }
        return true;
    }
}
