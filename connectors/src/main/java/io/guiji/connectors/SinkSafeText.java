package io.guiji.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The one definition of the characters that no output of the pipeline may carry, and the two ways
 * of getting rid of them (docs/contract.md §4, §7). Each sink has its own intolerance: PostgreSQL
 * {@code text} refuses NUL (U+0000); Avro and the PostgreSQL driver write strings as UTF-8, where a
 * lone surrogate has no encoding (it silently becomes {@code ?}); a JSON reader may refuse a lone
 * surrogate escape, and PostgreSQL {@code jsonb} does; control characters and noncharacters are not
 * text in any of them (HTML, XML and most viewers refuse or hide them). Rather than escaping for
 * each sink, input is made safe once, during normalization:
 *
 * <ul>
 *   <li><b>Unsafe</b> ({@link #isUnsafe}): the C0 controls except tab, line feed and carriage
 *       return (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F); DEL and the C1 controls
 *       (U+007F–U+009F); a surrogate that is not half of a pair; the noncharacters U+FDD0–U+FDEF
 *       and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE …).
 *   <li>{@link #clean}: every unsafe character removed. {@code io.guiji.jobs.normalize.Text#clean}
 *       does this (white-space controls such as U+000B become spaces there), so every normalized
 *       field is safe; an accepted record whose fields lost a character says so with the quality
 *       flag {@code CONTROL_CHARACTERS_REMOVED}.
 *   <li>{@link #escape}: every unsafe character written as the six ASCII characters {@code \}{@code
 *       uXXXX} (its UTF-16 code unit in upper-case hex: NUL is {@code \}{@code u0000}, a lone
 *       surrogate {@code \}{@code uD800}; a supplementary noncharacter as its two code units). For
 *       text kept as read so that a person can fix and resend it — a rejected record's raw text,
 *       file name and message — where silently dropping a character would hide the problem. A
 *       backslash already in the input is left alone, so the escaping is for reading, not for
 *       decoding back.
 * </ul>
 *
 * Both are identities on safe text (the same instance is returned), and the scan is one pass
 * without allocation, so they cost nothing on ordinary input.
 */
public final class SinkSafeText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SinkSafeText() {}

    /** Whether {@code s} holds no unsafe character (null is safe). */
    public static boolean isSafe(String s) {
        return s == null || firstUnsafe(s, 0) < 0;
    }

    /** {@code s} without its unsafe characters; null for null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int i = firstUnsafe(s, 0);
        if (i < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int from = 0;
        while (i >= 0) {
            b.append(s, from, i);
            from = i + unsafeLength(s, i);
            i = firstUnsafe(s, from);
        }
        return b.append(s, from, s.length()).toString();
    }

    /** {@code s} with every unsafe character written as {@code \}{@code uXXXX}; null for null. */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int i = firstUnsafe(s, 0);
        if (i < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        int from = 0;
        while (i >= 0) {
            b.append(s, from, i);
            int n = unsafeLength(s, i);
            for (int k = i; k < i + n; k++) {
                char c = s.charAt(k);
                b.append('\\')
                        .append('u')
                        .append(HEX[(c >> 12) & 0xF])
                        .append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
            }
            from = i + n;
            i = firstUnsafe(s, from);
        }
        return b.append(s, from, s.length()).toString();
    }

    /** {@link #clean}, with null as the empty string (for NOT NULL columns). */
    public static String cleanOrEmpty(String s) {
        return s == null ? "" : clean(s);
    }

    /**
     * {@code record} with {@link #clean} applied to every string in it, at any depth (fields,
     * nested records, list elements, map keys and values): the record itself when every string is
     * safe (the common case costs one scan and no copy), else a copy; the original is not changed,
     * unchanged parts are shared. For records that arrive already built (an entry sent as Avro) and
     * so never pass through normalization, and as the sinks' last line.
     */
    @SuppressWarnings("unchecked")
    public static <T extends IndexedRecord> T cleanRecord(T record) {
        if (record == null) {
            return null;
        }
        return (T) cleanValue(SpecificData.getForClass(record.getClass()), record);
    }

    private static Object cleanValue(SpecificData model, Object v) {
        if (v instanceof CharSequence) {
            String s = v.toString();
            String c = clean(s);
            return c == s && v instanceof String ? v : c;
        }
        if (v instanceof IndexedRecord) {
            IndexedRecord r = (IndexedRecord) v;
            Schema schema = r.getSchema();
            if (schema.getType() != Schema.Type.RECORD) {
                return v;
            }
            IndexedRecord copy = null;
            for (Schema.Field f : schema.getFields()) {
                Object fv = r.get(f.pos());
                Object cv = cleanValue(model, fv);
                if (cv != fv && copy == null) {
                    copy = (IndexedRecord) model.newRecord(null, schema);
                    for (Schema.Field g : schema.getFields()) {
                        copy.put(g.pos(), r.get(g.pos()));
                    }
                }
                if (copy != null) {
                    copy.put(f.pos(), cv);
                }
            }
            return copy == null ? v : copy;
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object e = list.get(i);
                Object c = cleanValue(model, e);
                if (c != e && copy == null) {
                    copy = new ArrayList<>(list);
                }
                if (copy != null) {
                    copy.set(i, c);
                }
            }
            return copy == null ? v : copy;
        }
        if (v instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) v;
            boolean changed = false;
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object k = cleanValue(model, e.getKey());
                Object c = cleanValue(model, e.getValue());
                changed |= k != e.getKey() || c != e.getValue();
                copy.put(k, c);
            }
            return changed ? copy : v;
        }
        return v;
    }

    /**
     * Whether the character at {@code i} of {@code s} (a code unit, or the pair starting there) is
     * unsafe. A low surrogate that completes a pair before {@code i} is not itself unsafe.
     */
    public static boolean isUnsafe(String s, int i) {
        return unsafeLength(s, i) > 0;
    }

    /** Whether the BMP character {@code c}, taken alone, is an unsafe control or noncharacter. */
    public static boolean isUnsafeChar(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        if (c < 0x7F) {
            return false;
        }
        return c <= 0x9F || (c >= 0xFDD0 && c <= 0xFDEF) || c >= 0xFFFE;
    }

    /** The index of the first unsafe character at or after {@code from}, or -1. */
    public static int firstUnsafe(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            // the common case first: printable ASCII and ordinary BMP text
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            if (unsafeLength(s, i) > 0) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                i++; // a valid pair (else it would have been unsafe): skip its low half
            }
        }
        return -1;
    }

    /**
     * How many code units the unsafe character at {@code i} takes (1 or 2), or 0 when it is safe.
     */
    private static int unsafeLength(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                return (cp & 0xFFFE) == 0xFFFE ? 2 : 0; // U+1FFFE, U+1FFFF … are noncharacters
            }
            return 1;
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) ? 0 : 1;
        }
        return isUnsafeChar(c) ? 1 : 0;
    }
}
