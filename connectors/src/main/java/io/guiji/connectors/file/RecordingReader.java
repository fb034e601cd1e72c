package io.guiji.connectors.file;

import java.io.IOException;
import java.io.Reader;

/**
 * A Reader that remembers what it handed out since the last {@link #discardBefore}, so that the
 * exact source text of a value found by a streaming parser (which reads ahead in blocks) can be cut
 * out by character offsets. Memory is bounded by one element plus the parser's read-ahead.
 */
final class RecordingReader extends Reader {

    /** Discarded text is only dropped from memory in chunks this large, to copy rarely. */
    private static final int COMPACT_AT = 64 * 1024;

    private final Reader in;
    private final StringBuilder kept = new StringBuilder();

    /** Offset of kept's first character. */
    private long base;

    /** Offset of the first character not yet discarded. */
    private long from;

    RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = in.read(cbuf, off, len);
        if (n > 0) {
            kept.append(cbuf, off, n);
        }
        return n;
    }

    /** Offset of the first character not discarded. */
    long keptFrom() {
        return from;
    }

    /** Offset just after the last character read. */
    long keptTo() {
        return base + kept.length();
    }

    /** The text between two offsets, both within what is kept. */
    String slice(long start, long end) {
        return kept.substring((int) (start - base), (int) (end - base));
    }

    /** Forgets the text before {@code offset}; it will not be sliced again. */
    void discardBefore(long offset) {
        from = offset;
        if (offset - base >= COMPACT_AT) {
            kept.delete(0, (int) (offset - base));
            base = offset;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
