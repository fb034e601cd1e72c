package io.guiji.connectors;

/**
 * Text that every sink takes: PostgreSQL {@code text} and {@code jsonb} refuse NUL (U+0000) and
 * {@code jsonb} a lone surrogate escape; UTF-8 (Avro, the PostgreSQL driver) has no encoding for a
 * lone surrogate. {@link #clean} drops NUL and replaces each lone surrogate with U+FFFD, so the
 * conversions of the sinks are total. Normalization makes accepted fields safe before this (see
 * {@code io.guiji.jobs.normalize}); this is the last line, for text that reaches a sink by another
 * way (a rejected record's raw text and message, a file name, a value from a table source).
 */
public final class SinkText {
    private SinkText() {}

    /** {@code s} without NUL and with lone surrogates as U+FFFD; the same instance when nothing changes; null for null. */
    public static String clean(String s) {
        if (s == null || isClean(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether {@link #clean} would leave {@code s} as it is. */
    public static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@link #clean}, with null as the empty string (for NOT NULL columns). */
    public static String cleanOrEmpty(String s) {
        return s == null ? "" : clean(s);
    }
}
