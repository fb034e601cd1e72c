package io.guiji.connectors.file;

import java.util.ArrayList;

/**
 * Splits one delimited record into fields, one physical line at a time, RFC 4180 style: fields
 * separated by one character, {@code "}-quoted fields may hold separators, line breaks and {@code
 * ""} for a quote.
 *
 * <p>Lenient where RFC 4180 leaves a choice, so that hand-made files still parse: a quote inside an
 * unquoted field ({@code ab"c}) is kept literally, and text after a closing quote ({@code "ab"c})
 * is appended to the field. Fields are not trimmed.
 *
 * <p>Usage: {@link #begin} with a record's first line; while it returns false a quoted field is
 * still open and {@link #resume} takes the next line. The caller decides when to give up. Not
 * thread-safe; reuse one instance per file.
 */
final class CsvRecordParser {

    private final char separator;
    private final ArrayList<String> fields = new ArrayList<>();
    private final StringBuilder quoted = new StringBuilder();
    private boolean inQuotes;

    CsvRecordParser(char separator) {
        this.separator = separator;
    }

    /** Starts a record; true when it is complete on this line. */
    boolean begin(String line) {
        fields.clear();
        inQuotes = false;
        return scan(line);
    }

    /** Continues an open quoted field on the next physical line; true when the record is done. */
    boolean resume(String terminatorBefore, String line) {
        quoted.append(terminatorBefore);
        return scan(line);
    }

    /** The fields of the completed record, in a new array. */
    String[] fields() {
        return fields.toArray(RawRow.NONE);
    }

    int fieldCount() {
        return fields.size();
    }

    private boolean scan(String s) {
        int n = s.length();
        int i = 0;
        if (inQuotes) {
            i = closeQuote(s, 0);
            if (i < 0) {
                return false;
            }
            i = afterQuote(s, i);
            if (i > n) {
                return true;
            }
        }
        while (true) {
            if (i < n && s.charAt(i) == '"') {
                int q = s.indexOf('"', i + 1);
                if (q >= 0 && (q + 1 == n || s.charAt(q + 1) == separator)) {
                    // the common case, a quoted field without escapes: no copying through a buffer
                    fields.add(s.substring(i + 1, q));
                    if (q + 1 == n) {
                        return true;
                    }
                    i = q + 2;
                    continue;
                }
                quoted.setLength(0);
                inQuotes = true;
                i = closeQuote(s, i + 1);
                if (i < 0) {
                    return false;
                }
                i = afterQuote(s, i);
                if (i > n) {
                    return true;
                }
            } else {
                int end = s.indexOf(separator, i);
                if (end < 0) {
                    fields.add(s.substring(i));
                    return true;
                }
                fields.add(s.substring(i, end));
                i = end + 1;
            }
        }
    }

    /**
     * Copies quoted content from {@code i} into {@link #quoted} up to the closing quote; returns
     * the index after it, or -1 when the line ends inside the quotes.
     */
    private int closeQuote(String s, int i) {
        int n = s.length();
        while (true) {
            int q = s.indexOf('"', i);
            if (q < 0) {
                quoted.append(s, i, n);
                return -1;
            }
            quoted.append(s, i, q);
            if (q + 1 < n && s.charAt(q + 1) == '"') {
                quoted.append('"');
                i = q + 2;
            } else {
                inQuotes = false;
                return q + 1;
            }
        }
    }

    /**
     * Ends the quoted field whose closing quote precedes {@code i}, keeping any stray text up to
     * the separator; returns where the next field starts, or {@code n + 1} at the end of the
     * record.
     */
    private int afterQuote(String s, int i) {
        int n = s.length();
        int end = s.indexOf(separator, i);
        int stop = end < 0 ? n : end;
        if (stop > i) {
            quoted.append(s, i, stop);
        }
        fields.add(quoted.toString());
        return end < 0 ? n + 1 : end + 1;
    }
}
