package io.guiji.connectors.file;

import java.util.ArrayList;

/**
 * Splits one delimited record into fields, one physical line at a time, RFC 4180 style: fields
 * separated by one character, {@code "}-quoted fields may hold separators, line breaks and {@code
 * ""} for a quote.
 *
 * <p>Strict where strictness finds broken records: a closing quote must be followed by the
 * separator or the end of the line (spaces in between are dropped). Anything else ({@code "ab"c})
 * means the quotes do not pair up as written — typically a quote that never closed earlier, whose
 * field has swallowed the following lines up to the next quote — so the record is reported broken
 * instead of being glued together. Lenient where nothing can be lost: a quote inside an unquoted
 * field ({@code ab"c}) is kept literally. Fields are not trimmed.
 *
 * <p>Usage: {@link #begin} with a record's first line; while it returns {@link Status#OPEN} a
 * quoted field is still open and {@link #resume} takes the next line. The caller decides when to
 * give up. Not thread-safe; reuse one instance per file.
 */
final class CsvRecordParser {

    /** Where a record stands after a line. */
    enum Status {
        /** The record ended with this line; {@link #fields()} holds it. */
        COMPLETE,
        /** A quoted field is still open at the end of this line. */
        OPEN,
        /** The record cannot be parsed as written: text after a closing quote. */
        BROKEN
    }

    private final char separator;
    private final ArrayList<String> fields = new ArrayList<>();
    private final StringBuilder quoted = new StringBuilder();
    private boolean inQuotes;

    CsvRecordParser(char separator) {
        this.separator = separator;
    }

    /** Starts a record with its first line. */
    Status begin(String line) {
        fields.clear();
        inQuotes = false;
        return scan(line);
    }

    /** Continues an open quoted field on the next physical line. */
    Status resume(String terminatorBefore, String line) {
        quoted.append(terminatorBefore);
        return scan(line);
    }

    /** The fields of the completed record (or what was parsed of a broken one), in a new array. */
    String[] fields() {
        return fields.toArray(RawRow.NONE);
    }

    /** Characters of the quoted field still open, for a caller that bounds memory. */
    int openFieldLength() {
        return quoted.length();
    }

    private Status scan(String s) {
        int n = s.length();
        int i = 0;
        if (inQuotes) {
            i = closeQuote(s, 0);
            if (i < 0) {
                return Status.OPEN;
            }
            i = afterQuote(s, i);
            if (i < 0) {
                return Status.BROKEN;
            }
            if (i > n) {
                return Status.COMPLETE;
            }
        }
        while (true) {
            if (i < n && s.charAt(i) == '"') {
                int q = s.indexOf('"', i + 1);
                if (q >= 0 && (q + 1 == n || s.charAt(q + 1) == separator)) {
                    // the common case, a quoted field without escapes: no copying through a buffer
                    fields.add(s.substring(i + 1, q));
                    if (q + 1 == n) {
                        return Status.COMPLETE;
                    }
                    i = q + 2;
                    continue;
                }
                quoted.setLength(0);
                inQuotes = true;
                i = closeQuote(s, i + 1);
                if (i < 0) {
                    return Status.OPEN;
                }
                i = afterQuote(s, i);
                if (i < 0) {
                    return Status.BROKEN;
                }
                if (i > n) {
                    return Status.COMPLETE;
                }
            } else {
                int end = s.indexOf(separator, i);
                if (end < 0) {
                    fields.add(s.substring(i));
                    return Status.COMPLETE;
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
     * Ends the quoted field whose closing quote precedes {@code i}; returns where the next field
     * starts, {@code n + 1} at the end of the record, or -1 when other text than spaces follows the
     * quote before the separator.
     */
    private int afterQuote(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) != separator && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i < n && s.charAt(i) != separator) {
            return -1;
        }
        fields.add(quoted.toString());
        return i == n ? n + 1 : i + 1;
    }
}
