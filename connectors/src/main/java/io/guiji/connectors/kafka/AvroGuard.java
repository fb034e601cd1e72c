package io.guiji.connectors.kafka;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Whether Avro's binary encoder can write a record, answered before a sink or a network shuffle has
 * to (where a failure would fail the job, not the record): the same checks the encoder makes — a
 * value for every field that is not nullable, a union branch that fits, a decimal whose scale fits
 * without rounding and whose precision fits the schema — as one walk over the record, with no bytes
 * written, so that a record is encoded once, by the sink.
 *
 * <p>Strings need no check: Avro writes any Java string (a lone surrogate becomes {@code ?}); text
 * that other sinks refuse is {@link io.guiji.connectors.SinkText}'s concern.
 */
public final class AvroGuard {
    private AvroGuard() {}

    /**
     * The first value of {@code record} the encoder would refuse, as {@code path: why}; null when
     * it can be encoded.
     */
    public static String problem(IndexedRecord record) {
        String p = problem(record.getSchema(), record);
        return p == null ? null : record.getSchema().getName() + p;
    }

    /**
     * {@code record} itself when it can be encoded, else a copy (the original is not changed) in
     * which every value the encoder would refuse is replaced: by null where the schema allows it,
     * else by an empty value (empty string, list or map, zero, the enum's default or first symbol).
     * The path of each replaced value is added to {@code replaced}.
     */
    @SuppressWarnings("unchecked")
    public static <T extends IndexedRecord> T repaired(T record, List<String> replaced) {
        if (problem(record) == null) {
            return record;
        }
        SpecificData model = SpecificData.getForClass(record.getClass());
        return (T) fix(model, record.getSchema(), record, record.getSchema().getName(), replaced);
    }

    /**
     * The problem with {@code v} under {@code s} as {@code <path below s>: why}, or null. The path
     * is built only on the way back from a problem, so a record without one costs no allocation.
     */
    static String problem(Schema s, Object v) {
        switch (s.getType()) {
            case NULL:
                return v == null ? null : ": not null";
            case UNION:
                {
                    if (v == null) {
                        return nullable(s) ? null : ": null where a value is required";
                    }
                    Schema b = branch(s, v);
                    return b == null
                            ? ": no branch of " + s + " takes a " + v.getClass().getName()
                            : problem(b, v);
                }
            case RECORD:
                {
                    if (!(v instanceof IndexedRecord)) {
                        return expected(v, "a record " + s.getFullName());
                    }
                    IndexedRecord r = (IndexedRecord) v;
                    for (Schema.Field f : s.getFields()) {
                        String p = problem(f.schema(), r.get(f.pos()));
                        if (p != null) {
                            return "." + f.name() + p;
                        }
                    }
                    return null;
                }
            case STRING:
                return v instanceof CharSequence ? null : expected(v, "a string");
            case ENUM:
                return v instanceof GenericContainer || v instanceof Enum<?>
                        ? null
                        : expected(v, "an enum symbol");
            case ARRAY:
                {
                    if (!(v instanceof Collection)) {
                        return expected(v, "an array");
                    }
                    int i = 0;
                    for (Object e : (Collection<?>) v) {
                        String p = problem(s.getElementType(), e);
                        if (p != null) {
                            return "[" + i + "]" + p;
                        }
                        i++;
                    }
                    return null;
                }
            case MAP:
                {
                    if (!(v instanceof Map)) {
                        return expected(v, "a map");
                    }
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        if (e.getKey() == null) {
                            return ": a null map key";
                        }
                        String p = problem(s.getValueType(), e.getValue());
                        if (p != null) {
                            return "[" + e.getKey() + "]" + p;
                        }
                    }
                    return null;
                }
            case BYTES:
            case FIXED:
                {
                    LogicalType lt = s.getLogicalType();
                    if (lt instanceof LogicalTypes.Decimal) {
                        return v instanceof BigDecimal
                                ? decimalProblem((LogicalTypes.Decimal) lt, (BigDecimal) v)
                                : expected(v, "a decimal");
                    }
                    return v instanceof ByteBuffer || v instanceof GenericFixed
                            ? null
                            : expected(v, "bytes");
                }
            case BOOLEAN:
                return v instanceof Boolean ? null : expected(v, "a boolean");
            default: // INT, LONG, FLOAT, DOUBLE: the encoder takes any number
                return v instanceof Number || (v != null && s.getLogicalType() != null)
                        ? null
                        : expected(v, "a number");
        }
    }

    /**
     * The checks of Avro's decimal conversion: the scale is reached without rounding, then the
     * precision fits.
     */
    private static String decimalProblem(LogicalTypes.Decimal d, BigDecimal v) {
        BigDecimal x = v;
        if (v.scale() != d.getScale()) {
            try {
                x = v.setScale(d.getScale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                return ": a decimal of scale "
                        + v.scale()
                        + " does not fit scale "
                        + d.getScale()
                        + " without rounding";
            }
        }
        return x.precision() > d.getPrecision()
                ? ": a decimal of precision "
                        + x.precision()
                        + " does not fit precision "
                        + d.getPrecision()
                : null;
    }

    private static String expected(Object v, String what) {
        return ": "
                + (v == null ? "null" : "a " + v.getClass().getName())
                + " where "
                + what
                + " is required";
    }

    private static boolean nullable(Schema union) {
        for (Schema t : union.getTypes()) {
            if (t.getType() == Schema.Type.NULL) {
                return true;
            }
        }
        return false;
    }

    /**
     * The branch of a union the encoder would choose for {@code v} (not null), or null when none
     * takes it.
     */
    private static Schema branch(Schema union, Object v) {
        for (Schema t : union.getTypes()) {
            if (fits(t, v)) {
                return t;
            }
        }
        return null;
    }

    private static boolean fits(Schema t, Object v) {
        switch (t.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                if (t.getLogicalType() instanceof LogicalTypes.Decimal && v instanceof BigDecimal) {
                    return true;
                }
                return v instanceof GenericContainer
                        && ((GenericContainer) v).getSchema().getFullName().equals(t.getFullName());
            case STRING:
                return v instanceof CharSequence;
            case BYTES:
                return t.getLogicalType() instanceof LogicalTypes.Decimal
                        ? v instanceof BigDecimal
                        : v instanceof ByteBuffer;
            case ARRAY:
                return v instanceof Collection;
            case MAP:
                return v instanceof Map;
            case INT:
                return v instanceof Integer;
            case LONG:
                return v instanceof Long;
            case FLOAT:
                return v instanceof Float;
            case DOUBLE:
                return v instanceof Double;
            case BOOLEAN:
                return v instanceof Boolean;
            default:
                return false;
        }
    }

    private static Object fix(
            SpecificData model, Schema s, Object v, String path, List<String> replaced) {
        if (problem(s, v) == null) {
            return v;
        }
        switch (s.getType()) {
            case UNION:
                {
                    Schema b = v == null ? null : branch(s, v);
                    if (b != null
                            && (b.getType() == Schema.Type.RECORD
                                    || b.getType() == Schema.Type.ARRAY
                                    || b.getType() == Schema.Type.MAP)) {
                        return fix(
                                model, b, v, path,
                                replaced); // repair inside, keep the rest of the value
                    }
                    if (nullable(s)) {
                        replaced.add(path);
                        return null;
                    }
                    for (Schema t : s.getTypes()) {
                        if (t.getType() != Schema.Type.NULL) {
                            return fix(model, t, b == null ? null : v, path, replaced);
                        }
                    }
                    return null;
                }
            case RECORD:
                {
                    IndexedRecord r =
                            v instanceof IndexedRecord
                                            && ((IndexedRecord) v)
                                                    .getSchema()
                                                    .getFullName()
                                                    .equals(s.getFullName())
                                    ? (IndexedRecord) v
                                    : null;
                    if (r == null) {
                        replaced.add(path);
                    }
                    IndexedRecord copy = (IndexedRecord) model.newRecord(null, s);
                    for (Schema.Field f : s.getFields()) {
                        copy.put(
                                f.pos(),
                                fix(
                                        model,
                                        f.schema(),
                                        r == null ? null : r.get(f.pos()),
                                        path + "." + f.name(),
                                        replaced));
                    }
                    return copy;
                }
            case ARRAY:
                {
                    List<Object> list = new ArrayList<>();
                    if (!(v instanceof Collection)) {
                        replaced.add(path);
                        return list;
                    }
                    int i = 0;
                    for (Object e : (Collection<?>) v) {
                        String p = path + "[" + i++ + "]";
                        Object fe = fix(model, s.getElementType(), e, p, replaced);
                        if (problem(s.getElementType(), fe) == null) {
                            list.add(fe);
                        } else {
                            replaced.add(p);
                        }
                    }
                    return list;
                }
            case MAP:
                {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    if (!(v instanceof Map)) {
                        replaced.add(path);
                        return map;
                    }
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        String p = path + "[" + e.getKey() + "]";
                        Object fe =
                                e.getKey() == null
                                        ? null
                                        : fix(model, s.getValueType(), e.getValue(), p, replaced);
                        if (e.getKey() != null && problem(s.getValueType(), fe) == null) {
                            map.put(e.getKey(), fe);
                        } else {
                            replaced.add(p);
                        }
                    }
                    return map;
                }
            default:
                replaced.add(path);
                return empty(model, s);
        }
    }

    private static Object empty(SpecificData model, Schema s) {
        switch (s.getType()) {
            case STRING:
                return "";
            case ENUM:
                return model.createEnum(
                        s.getEnumDefault() != null ? s.getEnumDefault() : s.getEnumSymbols().get(0),
                        s);
            case BYTES:
            case FIXED:
                if (s.getLogicalType() instanceof LogicalTypes.Decimal) {
                    return BigDecimal.ZERO.setScale(
                            ((LogicalTypes.Decimal) s.getLogicalType()).getScale());
                }
                return s.getType() == Schema.Type.BYTES
                        ? ByteBuffer.allocate(0)
                        : model.createFixed(null, new byte[s.getFixedSize()], s);
            case INT:
                return 0;
            case LONG:
                return 0L;
            case FLOAT:
                return 0f;
            case DOUBLE:
                return 0d;
            case BOOLEAN:
                return false;
            default:
                return null;
        }
    }
}
