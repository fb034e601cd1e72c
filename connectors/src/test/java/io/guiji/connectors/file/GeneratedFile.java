package io.guiji.connectors.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generated input file as physical lines ("chunks", each with its terminator), so that property
 * tests can mutate single lines and know which lines are untouched, then check what the reader made
 * of the bytes.
 */
final class GeneratedFile {

    /** What a chunk was before mutation. */
    enum Kind {
        HEADER,
        BLANK,
        /** The first line of a record; {@link Chunk#record} is its index, from 0. */
        RECORD,
        /** A later line of a multi-line record. */
        CONTINUATION
    }

    /** One physical line: its bytes (terminator included) and where it came from. */
    static final class Chunk {
        final Kind kind;
        final int record;
        final boolean oneLine;
        final String text;
        int terminatorBytes;
        byte[] bytes;
        boolean touched;

        Chunk(
                Kind kind,
                int record,
                boolean oneLine,
                String text,
                byte[] bytes,
                int terminatorBytes) {
            this.kind = kind;
            this.record = record;
            this.oneLine = oneLine;
            this.text = text;
            this.bytes = bytes;
            this.terminatorBytes = terminatorBytes;
        }
    }

    /** A change to the bytes of one line. */
    enum Op {
        FLIP_BYTE,
        INSERT_QUOTE,
        DELETE_LINE_END,
        TRUNCATE,
        BLOW_UP,
        INSERT_NUL,
        INSERT_CR,
        INSERT_BOM,
        INSERT_INVALID_BYTE,
        INSERT_LF
    }

    /** A mutation with seeds that pick the line, the position and the byte. */
    record Mutation(Op op, int line, int position, int value) {}

    final List<Chunk> chunks = new ArrayList<>();
    final Charset charset;
    final boolean bom;

    GeneratedFile(Charset charset, boolean bom) {
        this.charset = charset;
        this.bom = bom;
    }

    void add(Kind kind, int record, boolean oneLine, String text, String terminator) {
        byte[] body = (text + terminator).getBytes(charset);
        if (chunks.isEmpty() && bom) {
            body = TestInput.concat(TestInput.BOM, body);
        }
        chunks.add(
                new Chunk(kind, record, oneLine, text, body, terminator.getBytes(charset).length));
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk c : chunks) {
            out.writeBytes(c.bytes);
        }
        return out.toByteArray();
    }

    /** Index of the first touched chunk, or the number of chunks. */
    int firstTouched() {
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).touched) {
                return i;
            }
        }
        return chunks.size();
    }

    /**
     * Applies the mutations to lines after the header. A mutation that reaches a line's terminator
     * touches the next line too, since the two may then be one.
     */
    void mutate(List<Mutation> mutations, ReadLimits limits) {
        mutate(mutations, limits, 1);
    }

    /** Applies the mutations to lines from {@code firstMutable} on (1 to spare a header). */
    void mutate(List<Mutation> mutations, ReadLimits limits, int firstMutable) {
        for (Mutation m : mutations) {
            if (chunks.size() <= firstMutable) {
                return;
            }
            int i = firstMutable + Math.floorMod(m.line(), chunks.size() - firstMutable);
            Chunk c = chunks.get(i);
            int body = c.bytes.length - c.terminatorBytes;
            int at = Math.floorMod(m.position(), body + 1);
            c.touched = true;
            switch (m.op()) {
                case FLIP_BYTE:
                    if (c.bytes.length > 0) {
                        int b = Math.floorMod(m.position(), c.bytes.length);
                        c.bytes = c.bytes.clone();
                        c.bytes[b] = (byte) m.value();
                        if (b >= body) {
                            touchNext(i);
                        }
                    }
                    break;
                case INSERT_QUOTE:
                    insert(c, at, new byte[] {'"'});
                    break;
                case DELETE_LINE_END:
                    c.bytes = Arrays.copyOf(c.bytes, body);
                    c.terminatorBytes = 0;
                    touchNext(i);
                    break;
                case TRUNCATE:
                    c.bytes = Arrays.copyOf(c.bytes, at);
                    c.terminatorBytes = 0;
                    chunks.subList(i + 1, chunks.size()).clear();
                    break;
                case BLOW_UP:
                    int n =
                            (m.value() % 2 == 0 ? limits.maxFieldChars() : limits.maxRecordChars())
                                    + 1
                                    + m.value();
                    insert(c, at, "x".repeat(n).getBytes(StandardCharsets.US_ASCII));
                    break;
                case INSERT_NUL:
                    insert(c, at, new byte[] {0});
                    break;
                case INSERT_CR:
                    insert(c, at, new byte[] {'\r'});
                    break;
                case INSERT_LF:
                    insert(c, at, new byte[] {'\n'});
                    break;
                case INSERT_BOM:
                    insert(c, at, TestInput.BOM);
                    break;
                case INSERT_INVALID_BYTE:
                    insert(c, at, new byte[] {(byte) (0x80 | (m.value() & 0x7F))});
                    break;
                default:
                    throw new IllegalStateException(m.op().toString());
            }
        }
    }

    private void touchNext(int i) {
        if (i + 1 < chunks.size()) {
            chunks.get(i + 1).touched = true;
        }
    }

    private static void insert(Chunk c, int at, byte[] what) {
        c.bytes =
                TestInput.concat(
                        Arrays.copyOf(c.bytes, at),
                        what,
                        Arrays.copyOfRange(c.bytes, at, c.bytes.length));
    }

    // ------------------------------------------------------------------ reading back

    /** Reads the file's current bytes as the job would, under a name that picks the reader. */
    static List<RawRow> read(String name, byte[] bytes, ReadLimits limits) {
        List<RawRow> rows = new ArrayList<>();
        try (RowReader reader =
                TabularFiles.reader(name, () -> new ByteArrayInputStream(bytes), limits)) {
            RawRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The charset the reader will pick, and whether it skips a BOM. */
    static EncodingDetector.Detection detect(byte[] bytes) {
        try {
            return EncodingDetector.detect(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text the reader should see: each piece between CR and LF bytes decoded on its own (bad
     * bytes as U+FFFD), the CRs and LFs kept — the plain specification of {@link LineSafeDecoder}.
     */
    static String decode(byte[] bytes, Charset charset) {
        StringBuilder text = new StringBuilder(bytes.length);
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n' || bytes[i] == '\r') {
                try {
                    text.append(
                            charset.newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPLACE)
                                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                                    .decode(ByteBuffer.wrap(bytes, from, i - from)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (i < bytes.length) {
                    text.append((char) bytes[i]);
                }
                from = i + 1;
            }
        }
        return text.toString();
    }

    /** Whether the bytes are strictly valid UTF-8. */
    static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A physical line of decoded text: where it starts, its text and its terminator. */
    record Line(int start, String text, String terminator) {}

    /** Splits like {@link TextLines}: at LF and CRLF, and at a lone CR when asked. */
    static List<Line> lines(String text, boolean loneCrEndsLine) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                int end = i;
                String term = "\n";
                if (!loneCrEndsLine && end > start && text.charAt(end - 1) == '\r') {
                    end--;
                    term = "\r\n";
                }
                lines.add(new Line(start, text.substring(start, end), term));
                start = i + 1;
            } else if (c == '\r' && loneCrEndsLine) {
                boolean crlf = i + 1 < n && text.charAt(i + 1) == '\n';
                lines.add(new Line(start, text.substring(start, i), crlf ? "\r\n" : "\r"));
                if (crlf) {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(new Line(start, text.substring(start), ""));
        }
        return lines;
    }
}
