package io.guiji.connectors.file;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * Reads a delimited file (CSV, or TSV with a tab separator): the first record is the header, every
 * later non-blank record one {@link RawRow}.
 *
 * <p>Hand-written rather than a library parser (Jackson CSV, Commons CSV, univocity) because we
 * need two things they do not give: each record's exact raw text, for the rejected-record output
 * (docs/contract.md §7), and recovery after a broken record. Library parsers either fail the rest
 * of the file or let an unclosed quote swallow it.
 *
 * <p>The rule that keeps rows from vanishing (docs/contract.md §3): a record that does not parse
 * becomes exactly one error row whose message starts with the physical line where it began ({@code
 * line 7: unterminated quoted field}), and reading resumes at the line after that one. Broken
 * means: a quote that never closes (by the end of the file, within {@value #MAX_RECORD_LINES}
 * lines, or within the record size limit), a closing quote followed by other text, the wrong number
 * of columns, a line over the record size limit. When a quoted field that spans lines closes but
 * its record then has the wrong number of columns or text after a quote, the quote is the likelier
 * fault: an unterminated quote has paired with a quote on a later line and swallowed the records in
 * between. So the record is taken as its first line only, and the lines read ahead are read again
 * as records of their own. A legitimate multi-line field (quotes closed properly, right column
 * count) is one record.
 *
 * <p>Row numbers: the n-th row returned is row n, error rows included, so numbers run 1, 2, 3 …
 * without gaps. A broken record uses up one number, as if its first line were a one-line record;
 * the records after it keep the numbers they would have with that line alone. Blank lines (only
 * whitespace) between records are neither records nor counted. Line numbers in messages count every
 * physical line from 1 (the header's first line, if the file does not start blank).
 *
 * <p>Records that are well-formed but unusable are one error row each and do not disturb what
 * follows: a field over {@link ReadLimits#maxFieldChars()}, or text holding U+FFFD (bytes the
 * detected charset could not decode; its values are still parsed). Header cells are trimmed; a
 * header that does not parse is read plainly from its first line. No header (empty file) or header
 * only: no rows.
 */
final class CsvRowReader implements RowReader {

    /** Physical lines one quoted field may span before its record is taken as broken. */
    static final int MAX_RECORD_LINES = 1000;

    private final TextLines lines;
    private final String file;
    private final String encoding;
    private final char separator;
    private final ReadLimits limits;
    private final CsvRecordParser parser;

    /** Lines read ahead for a record that turned out broken; read again first. */
    private final ArrayDeque<Line> replay = new ArrayDeque<>();

    /** The lines after the first of the record being read. */
    private final ArrayList<Line> ahead = new ArrayList<>();

    private String[] header;
    private long row;

    /** The text of the record last read by {@link #readOpenRecord}, its lines joined. */
    private String joined;

    /**
     * @param lines the decoded text, positioned at the start (BOM already skipped), split at LF,
     *     CRLF and lone CR, lines cut at {@link ReadLimits#maxRecordChars()}
     * @param file the file's path relative to the input root
     * @param separator ',' for CSV, '\t' for TSV
     * @param encoding the detected encoding's name
     * @param limits the largest field and record accepted
     */
    CsvRowReader(TextLines lines, String file, char separator, String encoding, ReadLimits limits) {
        this.lines = lines;
        this.file = file;
        this.encoding = encoding;
        this.separator = separator;
        this.limits = limits;
        this.parser = new CsvRecordParser(separator);
    }

    @Override
    public RawRow next() throws IOException {
        if (header == null && !readHeader()) {
            return null;
        }
        Line first = nextNonBlank();
        if (first == null) {
            return null;
        }
        row++;
        try {
            return record(first);
        } catch (RuntimeException e) {
            // a safety net: nothing in one record may stop the file; read on after its first line
            replayAhead();
            return error(
                    RawRow.NONE,
                    Rows.preview(first.text),
                    "line " + first.number + ": unreadable record: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private RawRow record(Line first) throws IOException {
        String at = "line " + first.number + ": ";
        if (first.truncated) {
            return error(
                    RawRow.NONE, Rows.preview(first.text), at + "record " + limits.recordTooLong());
        }
        switch (parser.begin(first.text)) {
            case BROKEN:
                return error(parser.fields(), first.text, at + "text after a closing quote");
            case COMPLETE:
                String[] values = parser.fields();
                if (values.length != header.length) {
                    return error(values, first.text, at + columns(values.length, ""));
                }
                return complete(values, first.text, at);
            default:
                break;
        }
        String problem = readOpenRecord(first);
        if (problem == null) {
            String[] values = parser.fields();
            if (values.length == header.length) {
                ahead.clear();
                return complete(values, joined, at);
            }
            Line last = ahead.get(ahead.size() - 1);
            problem =
                    columns(
                            values.length,
                            " in lines "
                                    + first.number
                                    + "-"
                                    + last.number
                                    + " (a quoted field not closed properly?)");
        }
        replayAhead();
        return error(RawRow.NONE, Rows.preview(first.text), at + problem);
    }

    /**
     * Feeds the lines after {@code first} to the parser until the open quoted field closes; the
     * lines read go to {@link #ahead} and the whole text to {@link #joined}. Returns null when the
     * record completed, else why it is taken as broken (the caller then replays {@link #ahead}).
     */
    private String readOpenRecord(Line first) throws IOException {
        ahead.clear();
        StringBuilder raw = new StringBuilder(first.text.length() * 2).append(first.text);
        String before = first.terminator;
        while (true) {
            if (ahead.size() + 1 >= MAX_RECORD_LINES) {
                return "unterminated quoted field (not closed within "
                        + MAX_RECORD_LINES
                        + " lines)";
            }
            Line next = nextPhysical();
            if (next == null) {
                return "unterminated quoted field";
            }
            ahead.add(next);
            if (next.truncated
                    || (long) raw.length() + before.length() + next.text.length()
                            > limits.maxRecordChars()) {
                return "unterminated quoted field (not closed within "
                        + limits.maxRecordChars()
                        + " characters, "
                        + ReadLimits.MAX_RECORD_CHARS_KEY
                        + ")";
            }
            raw.append(before).append(next.text);
            switch (parser.resume(before, next.text)) {
                case COMPLETE:
                    joined = raw.toString();
                    return null;
                case BROKEN:
                    return "quoted field not closed properly: its closing quote on line "
                            + next.number
                            + " is followed by other text";
                default:
                    before = next.terminator;
            }
        }
    }

    private boolean readHeader() throws IOException {
        Line first = nextNonBlank();
        if (first == null) {
            header = RawRow.NONE;
            return false;
        }
        String[] cells = null;
        CsvRecordParser.Status status =
                first.truncated ? CsvRecordParser.Status.BROKEN : parser.begin(first.text);
        if (status == CsvRecordParser.Status.COMPLETE) {
            cells = parser.fields();
        } else if (status == CsvRecordParser.Status.OPEN) {
            if (readOpenRecord(first) == null) {
                cells = parser.fields();
                ahead.clear();
            } else {
                replayAhead();
            }
        }
        if (cells == null) {
            // a broken header is still the best guess at the columns: read its first line plainly
            cells = first.text.replace("\"", "").split(String.valueOf(separator), -1);
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        if (cells.length > 0 && !cells[0].isEmpty() && cells[0].charAt(0) == '\uFEFF') {
            cells[0] = cells[0].substring(1).strip(); // a second BOM, or one the detector missed
        }
        header = cells;
        return true;
    }

    private RawRow complete(String[] values, String raw, String at) {
        if (raw.indexOf('\uFFFD') >= 0) {
            return error(values, raw, at + Rows.UNDECODABLE);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i].length() > limits.maxFieldChars()) {
                return error(
                        RawRow.NONE,
                        Rows.preview(raw),
                        at + "field " + (i + 1) + " (" + header[i] + ") " + limits.fieldTooLong());
            }
        }
        return new RawRow(file, row, header, values, raw, null, encoding);
    }

    private String columns(int found, String where) {
        return "expected " + header.length + " columns, found " + found + where;
    }

    private RawRow error(String[] values, String raw, String message) {
        return new RawRow(file, row, header, values, raw, message, encoding);
    }

    /** Puts the lines read ahead back, to be read again in order before any new line. */
    private void replayAhead() {
        for (int i = ahead.size() - 1; i >= 0; i--) {
            replay.addFirst(ahead.get(i));
        }
        ahead.clear();
    }

    private Line nextNonBlank() throws IOException {
        Line line;
        while ((line = nextPhysical()) != null) {
            if (!Rows.isBlank(line.text, separator)) {
                return line;
            }
        }
        return null;
    }

    private Line nextPhysical() throws IOException {
        Line again = replay.pollFirst();
        if (again != null) {
            return again;
        }
        String text = lines.next();
        if (text == null) {
            return null;
        }
        return new Line(text, lines.terminator(), lines.truncated(), lines.lineNumber());
    }

    /** One physical line as read: its text, the terminator after it, and its 1-based number. */
    private record Line(String text, String terminator, boolean truncated, long number) {}
}
