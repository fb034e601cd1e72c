package io.guiji.connectors.file;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Reads a delimited file (CSV, or TSV with a tab separator): the first record is the header, every
 * later non-blank record one {@link RawRow}.
 *
 * <p>Hand-written rather than a library parser (Jackson CSV, Commons CSV, univocity) because we
 * need two things they do not give: each record's exact raw text, for the rejected-record output of
 * CONTRACT §7, and recovery after a broken record. Library parsers either fail the rest of the file
 * or let an unclosed quote swallow it.
 *
 * <p>Behaviour:
 *
 * <ul>
 *   <li>Header cells are trimmed; rows with another number of fields become error rows ({@code
 *       expected 12 columns, found 11}). No header (empty file) or header only: no rows.
 *   <li>Blank lines (only whitespace) between records are neither records nor counted.
 *   <li>A quoted field still open at the end of the file, or after {@value #MAX_RECORD_LINES}
 *       physical lines or {@value #MAX_RECORD_CHARS} characters, is taken as broken: the record
 *       that opened it becomes one error row ({@code unterminated quoted field}) whose raw text is
 *       its first physical line, and parsing resumes at the line after that one. So one stray quote
 *       costs one row, and row numbers of the following records do not shift.
 *   <li>A record containing U+FFFD (bytes the detected charset could not decode) is an error row;
 *       its values are still parsed.
 *   <li>A header whose quote never closes is read leniently as its first physical line.
 * </ul>
 */
final class CsvRowReader implements RowReader {

    static final int MAX_RECORD_LINES = 64;
    static final int MAX_RECORD_CHARS = 1024 * 1024;

    private final TextLines lines;
    private final String file;
    private final String encoding;
    private final char separator;
    private final CsvRecordParser parser;

    /** Lines read ahead while looking for a closing quote that never came; read again first. */
    private final ArrayDeque<Line> replay = new ArrayDeque<>();

    private String[] header;
    private long row;
    private String text;
    private String terminator;
    private boolean truncated;

    /**
     * @param lines the decoded text, positioned at the start (BOM already skipped)
     * @param file the file's path relative to the input root
     * @param separator ',' for CSV, '\t' for TSV
     * @param encoding the detected encoding's name
     */
    CsvRowReader(TextLines lines, String file, char separator, String encoding) {
        this.lines = lines;
        this.file = file;
        this.encoding = encoding;
        this.separator = separator;
        this.parser = new CsvRecordParser(separator);
    }

    @Override
    public RawRow next() throws IOException {
        if (header == null && !readHeader()) {
            return null;
        }
        if (!nextNonBlank()) {
            return null;
        }
        row++;
        if (truncated) {
            return error(
                    RawRow.NONE,
                    Rows.preview(text),
                    "line longer than " + TextLines.MAX_LINE_CHARS + " characters");
        }
        if (parser.begin(text)) {
            return complete(text);
        }
        return continueQuoted();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private boolean readHeader() throws IOException {
        if (!nextNonBlank()) {
            header = RawRow.NONE;
            return false;
        }
        String first = text;
        if (!parser.begin(first)) {
            StringBuilder raw = new StringBuilder(first);
            if (readUntilQuoteCloses(raw) == null) {
                // unterminated: fall back to the first line, closing the quote at its end
                parser.begin(first + '"');
            }
        }
        String[] cells = parser.fields();
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        if (cells.length > 0 && !cells[0].isEmpty() && cells[0].charAt(0) == '\uFEFF') {
            cells[0] = cells[0].substring(1).strip(); // a second BOM, or one the detector missed
        }
        header = cells;
        return true;
    }

    private RawRow continueQuoted() throws IOException {
        String first = text;
        StringBuilder raw = new StringBuilder(first.length() * 2).append(first);
        String done = readUntilQuoteCloses(raw);
        if (done == null) {
            return error(RawRow.NONE, first, "unterminated quoted field");
        }
        return complete(done);
    }

    /**
     * Feeds the following lines to the parser until the open quote closes; returns the whole
     * record's text, or null when it gave up, in which case the lines it read are queued again.
     */
    private String readUntilQuoteCloses(StringBuilder raw) throws IOException {
        ArrayDeque<Line> consumed = new ArrayDeque<>();
        String before = terminator;
        int physical = 1;
        while (physical < MAX_RECORD_LINES && raw.length() <= MAX_RECORD_CHARS && nextPhysical()) {
            physical++;
            consumed.add(new Line(text, terminator, truncated));
            raw.append(before).append(text);
            if (parser.resume(before, text)) {
                return raw.toString();
            }
            before = terminator;
        }
        while (!consumed.isEmpty()) {
            replay.addFirst(consumed.removeLast());
        }
        return null;
    }

    private RawRow complete(String raw) {
        String[] values = parser.fields();
        if (raw.indexOf('\uFFFD') >= 0) {
            return error(values, raw, Rows.UNDECODABLE);
        }
        if (values.length != header.length) {
            return error(
                    values, raw, "expected " + header.length + " columns, found " + values.length);
        }
        return new RawRow(file, row, header, values, raw, null, encoding);
    }

    private RawRow error(String[] values, String raw, String message) {
        return new RawRow(file, row, header, values, raw, message, encoding);
    }

    private boolean nextNonBlank() throws IOException {
        while (nextPhysical()) {
            if (!Rows.isBlank(text, separator)) {
                return true;
            }
        }
        return false;
    }

    private boolean nextPhysical() throws IOException {
        Line again = replay.pollFirst();
        if (again != null) {
            text = again.text;
            terminator = again.terminator;
            truncated = again.truncated;
            return true;
        }
        text = lines.next();
        if (text == null) {
            return false;
        }
        terminator = lines.terminator();
        truncated = lines.truncated();
        return true;
    }

    private record Line(String text, String terminator, boolean truncated) {}
}
