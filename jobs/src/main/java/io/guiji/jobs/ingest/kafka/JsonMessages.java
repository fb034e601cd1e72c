package io.guiji.jobs.ingest.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.ReadLimits;
import io.guiji.connectors.kafka.KafkaBytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kafka message holding one JSON object (UTF-8) as a {@link RawRow}, with the conventions of the
 * JSONL file reader: keys are the header; strings as they are, numbers and booleans as their source
 * text, null as null, nested objects and arrays as their JSON text. Anything else is an error row
 * (MALFORMED downstream): bytes that are not UTF-8, broken JSON, JSON that is not one object, a
 * tombstone. The row's reference is {@code kafka:<topic>/<partition>}, row = offset.
 */
public final class JsonMessages {
    /** One mapper per set of limits (in practice one per job); Jackson's limits are part of it. */
    private static final Map<ReadLimits, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

    private JsonMessages() {}

    public static RawRow decode(KafkaBytes m) {
        return decode(m, ReadLimits.DEFAULTS);
    }

    /** {@code value} as UTF-8 text; bytes that are not UTF-8 are an error, never replaced. */
    static String strictUtf8(byte[] value) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(value))
                .toString();
    }

    /**
     * As {@link #decode(KafkaBytes)}; a message, key or value over the limits, or JSON nested
     * deeper, is an error row naming the limit and its option key, as for files.
     */
    public static RawRow decode(KafkaBytes m, ReadLimits limits) {
        String file = m.reference();
        if (m.value == null) {
            return error(file, m.offset, "", "tombstone (a message without a value)");
        }
        String text;
        try {
            text = strictUtf8(m.value);
        } catch (CharacterCodingException e) {
            return error(
                    file,
                    m.offset,
                    new String(m.value, StandardCharsets.UTF_8),
                    "undecodable bytes: the message is not UTF-8 text");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (text.length() > limits.maxRecordChars()) {
            return error(file, m.offset, preview(text), "message " + limits.recordTooLong());
        }
        JsonNode node;
        try {
            node = MAPPERS.computeIfAbsent(limits, JsonMessages::mapper).readTree(text);
        } catch (StreamConstraintsException e) {
            // only depth can trip here: lengths are bounded by the message, checked above
            return error(file, m.offset, text, "JSON " + limits.tooDeep());
        } catch (JsonProcessingException e) {
            return error(file, m.offset, text, "broken JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            String what =
                    node == null || node.isMissingNode()
                            ? "nothing"
                            : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            return error(file, m.offset, text, "not a JSON object but " + what);
        }
        List<String> header = new ArrayList<>(node.size());
        List<String> values = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String value = v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
            if (e.getKey().length() > limits.maxFieldChars()) {
                return error(
                        file,
                        m.offset,
                        text,
                        "key " + (header.size() + 1) + " " + limits.fieldTooLong());
            }
            if (value != null && value.length() > limits.maxFieldChars()) {
                return error(
                        file,
                        m.offset,
                        text,
                        "value of \"" + e.getKey() + "\" " + limits.fieldTooLong());
            }
            header.add(e.getKey());
            values.add(value);
        }
        return new RawRow(
                file,
                m.offset,
                header.toArray(new String[0]),
                values.toArray(new String[0]),
                text,
                null,
                "UTF-8");
    }

    private static final int PREVIEW_CHARS = 4096;

    /** The start of an over-long message for the rejected record, never half a surrogate pair. */
    private static String preview(String text) {
        if (text.length() <= PREVIEW_CHARS) {
            return text;
        }
        int cut =
                Character.isHighSurrogate(text.charAt(PREVIEW_CHARS - 1))
                        ? PREVIEW_CHARS - 1
                        : PREVIEW_CHARS;
        return text.substring(0, cut) + "…";
    }

    /**
     * A mapper that refuses duplicate keys and nesting deeper than the limit, and lets numbers and
     * strings as long as a whole message through (our own field limit then answers, with its key).
     */
    private static ObjectMapper mapper(ReadLimits limits) {
        int big = Math.max(limits.maxRecordChars(), 1000);
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(limits.maxJsonDepth())
                                        .maxNumberLength(big)
                                        .maxStringLength(big)
                                        .maxNameLength(big)
                                        .build())
                        .build();
        return new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    static RawRow error(String file, long row, String raw, String message) {
        return new RawRow(file, row, new String[0], new String[0], raw, message, "UTF-8");
    }
}
