package io.guiji.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;

/**
 * Reads JSON records: one object per non-blank line (JSONL), or, for a {@code .json} file whose
 * content starts with {@code [}, the objects of one top-level array.
 *
 * <p>Each object becomes a {@link RawRow} whose header is the object's keys in written order and
 * whose values are strings as written: numbers and booleans as their source text (so {@code 12.50}
 * stays {@code 12.50}), null as null, nested objects and arrays as their exact JSON text. Rows with
 * the same keys share one header array.
 *
 * <p>Errors: a line that is not valid JSON ({@code broken JSON: <parser message> at column N}), or
 * is valid JSON but not an object ({@code not a JSON object}), or holds undecodable bytes, becomes
 * an error row whose raw text is the line; reading goes on with the next line. In array mode an
 * element that is not an object is an error row and reading goes on; a syntax error inside the
 * array ends the file with one error row, since nothing after it can be located reliably.
 *
 * <p>Uses Jackson's streaming parser, not a tree, so a row costs one pass over its text.
 */
final class JsonlRowReader implements RowReader {

    private static final JsonFactory JSON = new JsonFactory();

    private final TextLines lines;
    private final String file;
    private final String encoding;
    private final boolean arrayAllowed;

    private final ArrayList<String> keys = new ArrayList<>();
    private final ArrayList<String> values = new ArrayList<>();
    private String[] lastHeader = RawRow.NONE;
    private long row;

    private boolean started;
    private boolean finished;
    private JsonParser array;
    private RecordingReader arrayText;

    /**
     * @param lines the decoded text, positioned at the start (BOM already skipped)
     * @param file the file's path relative to the input root
     * @param encoding the detected encoding's name
     * @param arrayAllowed whether a leading {@code [} makes the file one JSON array ({@code .json})
     */
    JsonlRowReader(TextLines lines, String file, String encoding, boolean arrayAllowed) {
        this.lines = lines;
        this.file = file;
        this.encoding = encoding;
        this.arrayAllowed = arrayAllowed;
    }

    @Override
    public RawRow next() throws IOException {
        if (!started) {
            started = true;
            if (arrayAllowed && lines.peekNonBlank() == '[') {
                arrayText = new RecordingReader(lines.rest());
                array = JSON.createParser(arrayText);
                array.nextToken();
            }
        }
        if (finished) {
            return null;
        }
        return array != null ? nextElement() : nextLine();
    }

    @Override
    public void close() throws IOException {
        if (array != null) {
            array.close();
        }
        lines.close();
    }

    private RawRow nextLine() throws IOException {
        String next;
        do {
            next = lines.next();
            if (next == null) {
                finished = true;
                return null;
            }
        } while (next.isBlank());
        String line = next;
        row++;
        if (lines.truncated()) {
            return error(
                    Rows.preview(line),
                    "line longer than " + TextLines.MAX_LINE_CHARS + " characters");
        }
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return error(
                        line,
                        p.nextToken() == null
                                ? "not a JSON object"
                                : "broken JSON: more than one value on the line");
            }
            readObject(p, (from, to) -> line.substring((int) from, (int) to));
            if (p.nextToken() != null) {
                return error(line, "broken JSON: more than one value on the line");
            }
        } catch (JsonProcessingException e) {
            return error(line, brokenJson(e, false));
        }
        return row(line);
    }

    private RawRow nextElement() throws IOException {
        long start = arrayText.keptFrom();
        boolean counted = false;
        try {
            JsonToken t = array.nextToken();
            if (t == JsonToken.END_ARRAY) {
                finished = true;
                if (array.nextToken() == null) {
                    return null;
                }
                row++;
                return error(
                        Rows.preview(arrayText.slice(start, arrayText.keptTo()).strip()),
                        "broken JSON: content after the closing ]");
            }
            row++;
            counted = true;
            start = array.currentTokenLocation().getCharOffset();
            if (t != JsonToken.START_OBJECT) {
                array.skipChildren();
                return error(take(start), "not a JSON object");
            }
            readObject(array, arrayText::slice);
            return row(take(start));
        } catch (JsonProcessingException e) {
            finished = true;
            if (!counted) {
                row++;
            }
            long failedAt = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            long end =
                    failedAt > start ? Math.min(failedAt, arrayText.keptTo()) : arrayText.keptTo();
            return error(Rows.preview(arrayText.slice(start, end).strip()), brokenJson(e, true));
        }
    }

    /** The current element's text, from {@code start} to just after its last token. */
    private String take(long start) {
        long end = array.currentLocation().getCharOffset();
        String text = arrayText.slice(start, end);
        arrayText.discardBefore(end);
        return text;
    }

    /**
     * Collects the keys and value texts of the object whose START_OBJECT is the current token,
     * leaving the parser on its END_OBJECT.
     */
    private void readObject(JsonParser p, TextSlicer source) throws IOException {
        keys.clear();
        values.clear();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            keys.add(p.currentName());
            JsonToken v = p.nextToken();
            switch (v) {
                case VALUE_NULL:
                    values.add(null);
                    break;
                case START_OBJECT:
                case START_ARRAY:
                    long from = p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    values.add(source.slice(from, p.currentLocation().getCharOffset()));
                    break;
                default:
                    values.add(p.getText());
            }
        }
    }

    private RawRow row(String raw) {
        String[] vals = values.toArray(RawRow.NONE);
        String[] header = sharedHeader();
        if (raw.indexOf('\uFFFD') >= 0) {
            return new RawRow(file, row, header, vals, raw, Rows.UNDECODABLE, encoding);
        }
        return new RawRow(file, row, header, vals, raw, null, encoding);
    }

    /** The keys as an array, the previous row's instance when the keys are the same. */
    private String[] sharedHeader() {
        String[] last = lastHeader;
        if (last.length == keys.size()) {
            boolean same = true;
            for (int i = 0; i < last.length && same; i++) {
                same = last[i].equals(keys.get(i));
            }
            if (same) {
                return last;
            }
        }
        lastHeader = keys.toArray(RawRow.NONE);
        return lastHeader;
    }

    private RawRow error(String raw, String message) {
        if (raw.indexOf('\uFFFD') >= 0) {
            message = Rows.UNDECODABLE; // the bad bytes are the likelier cause of a parse failure
        }
        return new RawRow(file, row, RawRow.NONE, RawRow.NONE, raw, message, encoding);
    }

    private static String brokenJson(JsonProcessingException e, boolean withLine) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        // Jackson names the source in nested locations; for a user only line and column matter
        message = message.replaceAll("\\[Source: [^;\\]]*; ", "[");
        var at = e.getLocation();
        if (at == null) {
            return "broken JSON: " + message;
        }
        return "broken JSON: "
                + message
                + (withLine ? " at line " + at.getLineNr() + "," : " at")
                + " column "
                + at.getColumnNr();
    }

    @FunctionalInterface
    private interface TextSlicer {
        String slice(long from, long to);
    }
}
