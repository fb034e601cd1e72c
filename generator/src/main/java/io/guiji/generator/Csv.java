package io.guiji.generator;

import java.util.List;

/** RFC 4180 field quoting: a field holding a comma, quote, CR or LF is quoted, quotes doubled. */
final class Csv {
    private Csv() {}

    static String field(String v, boolean always) {
        if (v == null) {
            return always ? "\"\"" : "";
        }
        boolean quote = always;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** One record without its line end. */
    static String record(List<String> fields, boolean quoteAll) {
        StringBuilder b = new StringBuilder(fields.size() * 12);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields.get(i), quoteAll));
        }
        return b.toString();
    }
}
