package io.guiji.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads JSON records: one object per non-blank line (JSONL), or, for a {@code .json} file whose
 * content starts with {@code [}, the objects of one top-level array.
 *
 * <p>Lines end at LF or CRLF only (a lone CR is JSON whitespace or a broken string, and splitting
 * there would make one record two). Row n is the n-th non-blank line, so a broken line uses up one
 * number and never shifts the rows after it; error messages start with the physical line number
 * ({@code line 7: broken JSON: …}).
 *
 * <p>Each object becomes a {@link RawRow} whose header is the object's keys in written order and
 * whose values are strings as written: numbers and booleans as their source text (so {@code 12.50}
 * stays {@code 12.50}), null as null, nested objects and arrays as their exact JSON text. Rows with
 * the same keys share one header array.
 *
 * <p>Errors: a line that is not valid JSON ({@code broken JSON: <parser message> at column N}), or
 * is valid JSON but not an object ({@code not a JSON object}), or holds undecodable bytes, becomes
 * an error row whose raw text is the line; reading goes on with the next line. So is a line with a
 * key twice (which of the two would count is a guess; the Kafka decoder refuses it too), a line, a
 * key or a value over the {@link ReadLimits}, or nesting deeper than allowed: Jackson's own limits
 * are raised to the line limit so that these come back with our messages and option keys, and depth
 * is counted here, before Jackson builds a context per level. A BOM at the start of a line (files
 * joined with {@code cat}) is ignored for parsing and kept in the raw text. In array mode an
 * element that is not an object, or over a size limit, is an error row and reading goes on; a
 * syntax error or nesting too deep inside the array ends the file with one error row, since nothing
 * after it can be located reliably.
 *
 * <p>Uses Jackson's streaming parser, not a tree, so a row costs one pass over its text.
 */
final class JsonlRowReader implements RowReader {

    /** Factories are thread-safe and not cheap; one per set of limits (in practice one). */
    private static final Map<ReadLimits, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    private final JsonFactory json;
    private final ReadLimits limits;
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
     * @param limits the largest line, key or value, and the deepest nesting accepted
     */
    JsonlRowReader(
            TextLines lines,
            String file,
            String encoding,
            boolean arrayAllowed,
            ReadLimits limits) {
        this.json = FACTORIES.computeIfAbsent(limits, JsonlRowReader::factory);
        this.limits = limits;
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
                array = json.createParser(arrayText);
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
        String at = "line " + lines.lineNumber() + ": ";
        if (lines.truncated()) {
            return error(Rows.preview(line), at + "line " + limits.recordTooLong());
        }
        // a BOM where files were joined: not JSON, but not worth a rejection either
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        try (JsonParser p = json.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null && first.isStructStart() && !skip(p, 1)) {
                    return error(line, at + "JSON " + limits.tooDeep());
                }
                return error(
                        line,
                        at
                                + (p.nextToken() == null
                                        ? "not a JSON object"
                                        : "broken JSON: more than one value on the line"));
            }
            String problem = readObject(p, (from, to) -> text.substring((int) from, (int) to));
            if (problem != null) {
                return error(line, at + problem);
            }
            if (p.nextToken() != null) {
                return error(line, at + "broken JSON: more than one value on the line");
            }
        } catch (JsonProcessingException e) {
            return error(line, at + brokenJson(e, false));
        } catch (RuntimeException e) {
            // nothing in one line may stop the file: whatever the parser throws is this row's fault
            return error(line, at + "unreadable JSON: " + e);
        }
        return row(line, at);
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
                if (t.isStructStart() && !skip(array, 2)) {
                    return tooDeepInArray(start);
                }
                return error(take(start), "not a JSON object");
            }
            String problem = readObject(array, arrayText::slice);
            if (problem != null) {
                if (problem.startsWith("JSON nested")) {
                    return tooDeepInArray(start);
                }
                // over a size limit: the rest of the element is skipped, reading goes on after it
                while (array.getParsingContext().getNestingDepth() > 1
                        && array.nextToken() != null) {
                    // the parser is inside the element, which is known not to nest too deep
                }
                return error(Rows.preview(take(start)), problem);
            }
            return row(take(start), "");
        } catch (JsonProcessingException | RuntimeException e) {
            finished = true;
            if (!counted) {
                row++;
            }
            var at = e instanceof JsonProcessingException j ? j.getLocation() : null;
            long failedAt = at == null ? -1 : at.getCharOffset();
            long end =
                    failedAt > start ? Math.min(failedAt, arrayText.keptTo()) : arrayText.keptTo();
            return error(
                    Rows.preview(arrayText.slice(start, end).strip()),
                    e instanceof JsonProcessingException j
                            ? brokenJson(j, true)
                            : "unreadable JSON: " + e);
        }
    }

    /**
     * Nesting beyond the limit inside the array: the element's end cannot be reached without
     * following the nesting, so the file ends here with this one error row.
     */
    private RawRow tooDeepInArray(long start) {
        finished = true;
        return error(
                Rows.preview(arrayText.slice(start, arrayText.keptTo()).strip()),
                "JSON " + limits.tooDeep());
    }

    /** The current element's text, from {@code start} to just after its last token. */
    private String take(long start) {
        long end = array.currentLocation().getCharOffset();
        String text = arrayText.slice(start, end);
        arrayText.discardBefore(end);
        return text;
    }

    /**
     * Collects the keys and value texts of the object whose START_OBJECT is the current token (a
     * top-level object, depth 1, or an array element, depth 2), leaving the parser on its
     * END_OBJECT. Returns null, or why the object is over a limit (then the parser is left inside
     * it).
     */
    private String readObject(JsonParser p, TextSlicer source) throws IOException {
        keys.clear();
        values.clear();
        int depth = p.getParsingContext().getNestingDepth();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (key.length() > limits.maxFieldChars()) {
                return "key " + (keys.size() + 1) + " " + limits.fieldTooLong();
            }
            keys.add(key);
            JsonToken v = p.nextToken();
            String value;
            switch (v) {
                case VALUE_NULL:
                    value = null;
                    break;
                case START_OBJECT:
                case START_ARRAY:
                    long from = p.currentTokenLocation().getCharOffset();
                    if (!skip(p, depth + 1)) {
                        return "JSON " + limits.tooDeep();
                    }
                    value = source.slice(from, p.currentLocation().getCharOffset());
                    break;
                default:
                    value = p.getText();
            }
            if (value != null && value.length() > limits.maxFieldChars()) {
                return "value of \"" + Rows.preview(key) + "\" " + limits.fieldTooLong();
            }
            values.add(value);
        }
        return null;
    }

    /**
     * Skips the object or array whose start is the current token, at nesting {@code depth}; false
     * (the parser left inside) as soon as something in it nests deeper than the limit.
     */
    private boolean skip(JsonParser p, int depth) throws IOException {
        int max = limits.maxJsonDepth();
        if (depth > max) {
            return false;
        }
        int d = depth;
        while (d >= depth) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return true; // not reached: the parser reports a missing end as an error
            }
            if (t.isStructStart()) {
                if (++d > max) {
                    return false;
                }
            } else if (t.isStructEnd()) {
                d--;
            }
        }
        return true;
    }

    /**
     * Jackson's own limits, raised to the line limit: a long number or string is then text like any
     * other and meets our field limit with our message; depth is ours to count.
     */
    private static JsonFactory factory(ReadLimits limits) {
        int big = Math.max(limits.maxRecordChars(), 1000);
        JsonFactory f =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNumberLength(big)
                                        .maxStringLength(big)
                                        .maxNameLength(big)
                                        .maxNestingDepth(Integer.MAX_VALUE)
                                        .build())
                        .build();
        f.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return f;
    }

    private RawRow row(String raw, String at) {
        String[] vals = values.toArray(RawRow.NONE);
        String[] header = sharedHeader();
        if (raw.indexOf('\uFFFD') >= 0) {
            return new RawRow(file, row, header, vals, raw, at + Rows.UNDECODABLE, encoding);
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
            // the bad bytes are the likelier cause of a parse failure; keep the "line N: " prefix
            int colon = message.startsWith("line ") ? message.indexOf(": ") : -1;
            message = (colon < 0 ? "" : message.substring(0, colon + 2)) + Rows.UNDECODABLE;
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
