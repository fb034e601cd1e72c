package io.guiji.jobs.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.KafkaBytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Kafka message holding one JSON object (UTF-8) as a {@link RawRow}, with the conventions of the
 * JSONL file reader: keys are the header; strings as they are, numbers and booleans as their source
 * text, null as null, nested objects and arrays as their JSON text. Anything else is an error row
 * (MALFORMED downstream): bytes that are not UTF-8, broken JSON, JSON that is not one object, a
 * tombstone. The row's reference is {@code kafka:<topic>/<partition>}, row = offset.
 */
public final class JsonMessages {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonMessages() {}

    public static RawRow decode(KafkaBytes m) {
        String file = m.reference();
        if (m.value == null) {
            return error(file, m.offset, "", "tombstone (a message without a value)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(m.value)).toString();
        } catch (CharacterCodingException e) {
            return error(file, m.offset, new String(m.value, StandardCharsets.UTF_8),
                    "undecodable bytes: the message is not UTF-8 text");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return error(file, m.offset, text, "broken JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            String what = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            return error(file, m.offset, text, "not a JSON object but " + what);
        }
        List<String> header = new ArrayList<>(node.size());
        List<String> values = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            header.add(e.getKey());
            values.add(v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        }
        return new RawRow(file, m.offset, header.toArray(new String[0]), values.toArray(new String[0]), text, null, "UTF-8");
    }

    static RawRow error(String file, long row, String raw, String message) {
        return new RawRow(file, row, new String[0], new String[0], raw, message, "UTF-8");
    }
}
