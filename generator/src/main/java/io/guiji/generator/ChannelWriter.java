package io.guiji.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one channel file of the input ({@code records/<dept>/<type>/<file>}): CSV with a header in
 * a given layout, RFC 4180 quoting, UTF-8 (optionally with BOM) or GBK, LF or CRLF; or JSONL with
 * canonical keys. Counts data records the way docs/contract.md §3 does (CSV: records after the
 * header, blank lines not counted; JSONL: non-blank lines) and returns each record's row number,
 * which is what the ground truth refers to.
 *
 * <p>Besides proper records it writes the broken ones of docs/contract.md §7: a CSV row with the
 * wrong number of fields, a truncated JSON line, a row of a UTF-8 file with undecodable bytes, and
 * a last row with an unterminated quote (after which nothing more may be written, so it cannot
 * swallow other records). Characters the file's encoding cannot hold are a generator bug and fail
 * loudly.
 */
final class ChannelWriter implements Closeable {
    enum Encoding {
        UTF8,
        UTF8_BOM,
        GBK
    }

    /** Private-use marker replaced by undecodable bytes. */
    private static final char BAD = '\uE000';

    private static final byte[] BAD_UTF8 = String.valueOf(BAD).getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD_BYTES = {(byte) 0xFF, (byte) 0xFE};

    private final String path;
    private final String channel;
    private final boolean jsonl;
    private final Layouts.Kind layout;
    private final List<Layouts.Column> columns;
    private final Encoding encoding;
    private final String eol;
    private final boolean quoteAll;
    private final ObjectMapper json;
    private final CharsetEncoder encoder;
    private final OutputStream out;
    private long rows;
    private boolean closedByQuote;

    private ChannelWriter(
            Path root,
            String path,
            String channel,
            boolean jsonl,
            Layouts.Kind layout,
            List<Layouts.Column> columns,
            List<String> headers,
            Encoding encoding,
            boolean crlf,
            boolean quoteAll,
            ObjectMapper json) {
        this.path = path;
        this.channel = channel;
        this.jsonl = jsonl;
        this.layout = layout;
        this.columns = columns;
        this.encoding = encoding;
        this.eol = crlf ? "\r\n" : "\n";
        this.quoteAll = quoteAll;
        this.json = json;
        Charset cs = encoding == Encoding.GBK ? Charset.forName("GBK") : StandardCharsets.UTF_8;
        this.encoder =
                cs.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (encoding == Encoding.UTF8_BOM) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            if (!jsonl) {
                raw(Csv.record(headers, quoteAll) + eol); // the header is not a record
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChannelWriter csv(
            Path root,
            String path,
            String channel,
            Layouts.Kind layout,
            List<Layouts.Column> columns,
            List<String> headers,
            Encoding encoding,
            boolean crlf,
            boolean quoteAll) {
        return new ChannelWriter(
                root, path, channel, false, layout, columns, headers, encoding, crlf, quoteAll,
                null);
    }

    static ChannelWriter jsonl(Path root, String path, String channel, ObjectMapper json) {
        return new ChannelWriter(
                root,
                path,
                channel,
                true,
                Layouts.Kind.CANONICAL,
                null,
                null,
                Encoding.UTF8,
                false,
                false,
                json);
    }

    String path() {
        return path;
    }

    /** Writes a record; returns its row number. */
    long write(Map<String, Object> values) {
        return line(jsonl ? object(values) : Csv.record(fields(values), quoteAll));
    }

    /** A CSV record with one field too few or one too many. */
    long writeWrongColumnCount(Map<String, Object> values, boolean fewer) {
        List<String> f = fields(values);
        if (fewer) {
            f.remove(f.size() - 1);
        } else {
            f.add("备注");
        }
        return line(Csv.record(f, quoteAll));
    }

    /** A JSON object cut short: not valid JSON, still one non-blank line. */
    long writeBrokenJson(Map<String, Object> values) {
        String s = object(values);
        return line(s.substring(0, Math.max(2, s.length() * 3 / 5)));
    }

    /** A record whose subject name holds the bytes FF FE, which no UTF-8 decoder accepts. */
    long writeBadBytes(Map<String, Object> values) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        Object name = v.get("subject_name");
        String s = name == null ? "" : name.toString();
        v.put(
                "subject_name",
                s.substring(0, Math.min(2, s.length()))
                        + BAD
                        + s.substring(Math.min(2, s.length())));
        String text = jsonl ? object(v) : Csv.record(fields(v), quoteAll);
        byte[] bytes = encode(text + eol);
        int at = indexOf(bytes, BAD_UTF8);
        try {
            out.write(bytes, 0, at);
            out.write(BAD_BYTES);
            out.write(bytes, at + BAD_UTF8.length, bytes.length - at - BAD_UTF8.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ++rows;
    }

    /**
     * The file's last record: its second field opens a quote that never closes. Quotes and line
     * breaks are taken out of the values, so the record is one physical line and nothing closes it.
     */
    long writeUnterminatedQuote(Map<String, Object> values) {
        List<String> f = fields(values);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.size(); i++) {
            String v = f.get(i).replace("\"", "").replace("\r", "").replace("\n", "");
            if (i > 0) {
                b.append(',');
            }
            b.append(i == 1 ? "\"" + v : v);
        }
        long row = line(b.toString());
        closedByQuote = true;
        return row;
    }

    /** An empty line between records (not a record). */
    void blankLine() {
        raw(eol);
    }

    private List<String> fields(Map<String, Object> values) {
        List<String> f = new ArrayList<>(columns.size());
        for (Layouts.Column c : columns) {
            f.add(text(values.get(c.key())));
        }
        return f;
    }

    private String object(Map<String, Object> values) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() != null && !e.getKey().startsWith("x_")) {
                o.put(e.getKey(), e.getValue());
            }
        }
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString();
    }

    private long line(String text) {
        raw(text + eol);
        return ++rows;
    }

    private void raw(String text) {
        if (closedByQuote) {
            throw new IllegalStateException(
                    "generator bug: " + path + " already ends with an unterminated quote");
        }
        try {
            out.write(encode(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] encode(String text) {
        if (encoding != Encoding.GBK) {
            return text.getBytes(
                    StandardCharsets.UTF_8); // every string the generator makes is valid UTF-16
        }
        try {
            ByteBuffer b = encoder.reset().encode(CharBuffer.wrap(text.toCharArray()));
            byte[] a = new byte[b.remaining()];
            b.get(a);
            return a;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(
                    "generator bug: " + encoding + " cannot hold " + text, e);
        }
    }

    private static int indexOf(byte[] a, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= a.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (a[i + k] != part[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }

    /** What the file is, for {@link GenerationResult#files()} and {@code truth/meta.json}. */
    GenerationResult.InputFile info() {
        return new GenerationResult.InputFile(
                path,
                channel,
                jsonl ? "jsonl" : "csv",
                encoding == Encoding.GBK ? "GBK" : "UTF-8",
                encoding == Encoding.UTF8_BOM,
                eol.length() == 2,
                layout.name(),
                rows);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
