package io.guiji.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

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

    /**
     * {@code record} with {@link #clean} applied to every string in it, at any depth: the record
     * itself when every string is clean (the common case costs one scan and no copy), else a copy
     * (the original is not changed; unchanged parts are shared).
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
}
