package io.guiji.jobs.coverage.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.schemas.CoverageSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A coverage snapshot read back from its JSON ({@code coverage.json}, the {@code snapshot} column
 * of PostgreSQL's {@code coverage_snapshot}: docs/contract.md §9), walking the Avro schema: each
 * field under its schema name, absent ones at their default. So a notice is made from a stored
 * snapshot exactly as from the one a run computed.
 */
public final class CoverageJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoverageJson() {}

    public static CoverageSnapshot read(String json) throws IOException {
        return (CoverageSnapshot) value(JSON.readTree(json), CoverageSnapshot.getClassSchema());
    }

    private static Object value(JsonNode n, Schema s) {
        switch (s.getType()) {
            case UNION -> {
                if (n == null || n.isNull()) {
                    return null;
                }
                for (Schema t : s.getTypes()) {
                    if (t.getType() != Schema.Type.NULL) {
                        return value(n, t);
                    }
                }
                return null;
            }
            case RECORD -> {
                SpecificRecord r = (SpecificRecord) SpecificData.get().newRecord(null, s);
                for (Schema.Field f : s.getFields()) {
                    JsonNode v = n.get(f.name());
                    r.put(
                            f.pos(),
                            v == null || v.isMissingNode()
                                    ? SpecificData.get()
                                            .deepCopy(
                                                    f.schema(),
                                                    SpecificData.get().getDefaultValue(f))
                                    : value(v, f.schema()));
                }
                return r;
            }
            case MAP -> {
                Map<String, Object> m = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    m.put(e.getKey(), value(e.getValue(), s.getValueType()));
                }
                return m;
            }
            case ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonNode e : n) {
                    l.add(value(e, s.getElementType()));
                }
                return l;
            }
            case ENUM -> {
                return SpecificData.get().createEnum(n.asText(), s);
            }
            case STRING -> {
                return n.isNull() ? null : n.asText();
            }
            case INT -> {
                return n.asInt();
            }
            case LONG -> {
                return n.asLong();
            }
            case DOUBLE -> {
                return n.asDouble();
            }
            case FLOAT -> {
                return (float) n.asDouble();
            }
            case BOOLEAN -> {
                return n.asBoolean();
            }
            default -> throw new IllegalArgumentException("unexpected schema type " + s.getType());
        }
    }
}
