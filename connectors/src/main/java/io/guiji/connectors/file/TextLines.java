package io.guiji.connectors.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Physical lines of decoded text, each with the terminator that ended it (LF, CRLF or a lone CR, as
 * {@link java.io.BufferedReader} accepts), so that a reader can rebuild a multi-line record's exact
 * text.
 *
 * <p>Unlike {@code BufferedReader} it never holds more than {@value #MAX_LINE_CHARS} characters of
 * one line: the rest of an over-long line (a binary file, a file without line breaks) is skipped
 * and {@link #truncated()} says so, instead of exhausting the heap.
 */
final class TextLines implements Closeable {

    static final int MAX_LINE_CHARS = 8 * 1024 * 1024;

    private final Reader in;
    private char[] buf = new char[64 * 1024];
    private int pos;
    private int lim;
    private boolean eof;
    private String terminator = "";
    private boolean truncated;

    TextLines(Reader in) {
        this.in = in;
    }

    /** The next physical line without its terminator, or null at the end of the text. */
    String next() throws IOException {
        truncated = false;
        int start = pos;
        StringBuilder partial = null;
        while (true) {
            for (int i = pos; i < lim; i++) {
                char c = buf[i];
                if (c == '\n' || c == '\r') {
                    String line = finish(partial, start, i);
                    pos = i + 1;
                    if (c == '\n') {
                        terminator = "\n";
                    } else if ((pos < lim || fill()) && buf[pos] == '\n') {
                        pos++;
                        terminator = "\r\n";
                    } else {
                        terminator = "\r";
                    }
                    return line;
                }
            }
            if (partial == null) {
                partial = new StringBuilder(Math.max(16, (lim - start) * 2));
            }
            append(partial, start, lim);
            pos = lim;
            if (!fill()) {
                terminator = "";
                return partial.length() == 0 && !truncated ? null : partial.toString();
            }
            start = pos;
        }
    }

    /** The terminator of the line last returned by {@link #next()}: "\n", "\r\n", "\r" or "". */
    String terminator() {
        return terminator;
    }

    /** Whether the line last returned was cut at {@value #MAX_LINE_CHARS} characters. */
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
                if (buf.length >= MAX_LINE_CHARS) {
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
            return new String(buf, start, end - start);
        }
        append(partial, start, end);
        return partial.toString();
    }

    private void append(StringBuilder partial, int start, int end) {
        int room = MAX_LINE_CHARS - partial.length();
        if (end - start > room) {
            truncated = true;
            end = start + Math.max(room, 0);
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
