package io.guiji.connectors.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Physical lines of decoded text, each with the terminator that ended it and its line number, so
 * that a reader can rebuild a multi-line record's exact text, name the line where a broken record
 * began, and go back to the line after it.
 *
 * <p>Terminators: LF and CRLF always; a lone CR only when asked ({@code loneCrEndsLine}), as old
 * spreadsheet exports on the Mac end CSV lines with it. JSON Lines are split at LF only: there a CR
 * is whitespace between tokens or a broken string, and splitting at it would turn one record into
 * two.
 *
 * <p>Unlike {@code BufferedReader} it never holds more than {@code maxLineChars} characters of one
 * line: the rest of an over-long line (a binary file, a file without line breaks, a runaway field)
 * is skipped and {@link #truncated()} says so, instead of exhausting the heap.
 */
final class TextLines implements Closeable {

    /** Whitespace scanned by {@link #peekNonBlank()} before it gives up. */
    private static final int MAX_PEEK_CHARS = 8 * 1024 * 1024;

    private final Reader in;
    private final int maxLineChars;
    private final boolean loneCrEndsLine;
    private char[] buf = new char[64 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    private String terminator = "";
    private boolean truncated;
    private long lineNumber;

    /**
     * @param in the decoded text
     * @param maxLineChars characters of one line kept; a longer line is cut and marked truncated
     * @param loneCrEndsLine whether a CR not followed by LF ends a line (CSV) or is content (JSONL)
     */
    TextLines(Reader in, int maxLineChars, boolean loneCrEndsLine) {
        this.in = in;
        this.maxLineChars = maxLineChars;
        this.loneCrEndsLine = loneCrEndsLine;
    }

    /** The next physical line without its terminator, or null at the end of the text. */
    String next() throws IOException {
        truncated = false;
        int start = pos;
        StringBuilder partial = null;
        while (true) {
            for (int i = pos; i < lim; i++) {
                char c = buf[i];
                if (c == '\n' || (c == '\r' && loneCrEndsLine)) {
                    String line = finish(partial, start, i);
                    pos = i + 1;
                    lineNumber++;
                    if (c == '\r') {
                        if ((pos < lim || fill()) && buf[pos] == '\n') {
                            pos++;
                            terminator = "\r\n";
                        } else {
                            terminator = "\r";
                        }
                    } else if (!loneCrEndsLine && line.endsWith("\r") && !truncated) {
                        line = line.substring(0, line.length() - 1);
                        terminator = "\r\n";
                    } else {
                        terminator = "\n";
                    }
                    return line;
                }
            }
            if (partial == null) {
                partial =
                        new StringBuilder(Math.max(16, Math.min(maxLineChars, (lim - start) * 2)));
            }
            append(partial, start, lim);
            pos = lim;
            if (!fill()) {
                terminator = "";
                if (partial.length() == 0 && !truncated) {
                    return null;
                }
                lineNumber++;
                return partial.toString();
            }
            start = pos;
        }
    }

    /** The 1-based physical line number of the line last returned by {@link #next()}. */
    long lineNumber() {
        return lineNumber;
    }

    /** The terminator of the line last returned by {@link #next()}: "\n", "\r\n", "\r" or "". */
    String terminator() {
        return terminator;
    }

    /** Whether the line last returned was longer than the limit, and cut there. */
    boolean truncated() {
        return truncated;
    }

    /**
     * The first character that is not whitespace, without consuming anything; -1 when the rest is
     * blank. Lets a caller choose a parser by the shape of the content ('[' for a JSON array).
     */
    int peekNonBlank() throws IOException {
        int i = pos;
        while (true) {
            for (; i < lim; i++) {
                if (!Character.isWhitespace(buf[i])) {
                    return buf[i];
                }
            }
            int scanned = i - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            if (lim == buf.length) {
                if (buf.length >= MAX_PEEK_CHARS) {
                    return -1; // megabytes of whitespace: not worth telling apart from blank
                }
                char[] bigger = new char[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, lim);
                buf = bigger;
            }
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return -1;
            }
            lim += n;
            i = pos + scanned;
        }
    }

    /** The unread rest of the text as a Reader, for a streaming parser. */
    Reader rest() {
        return new Reader() {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                if (pos < lim) {
                    int n = Math.min(len, lim - pos);
                    System.arraycopy(buf, pos, cbuf, off, n);
                    pos += n;
                    return n;
                }
                return eof ? -1 : in.read(cbuf, off, len);
            }

            @Override
            public void close() throws IOException {
                TextLines.this.close();
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private String finish(StringBuilder partial, int start, int end) {
        if (partial == null) {
            if (end - start > maxLineChars) {
                truncated = true;
                end = start + maxLineChars;
                if (Character.isHighSurrogate(buf[end - 1])) {
                    end--; // never half a character in a row's raw text
                }
            }
            return new String(buf, start, end - start);
        }
        append(partial, start, end);
        return partial.toString();
    }

    private void append(StringBuilder partial, int start, int end) {
        if (truncated) {
            return; // the rest of a line already cut
        }
        int room = maxLineChars - partial.length();
        if (end - start > room) {
            truncated = true;
            end = start + Math.max(room, 0);
            if (end > start && Character.isHighSurrogate(buf[end - 1])) {
                end--; // never half a character in a row's raw text
            }
        }
        partial.append(buf, start, end - start);
    }

    /** Refills the buffer from the start; false at the end of the text. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
