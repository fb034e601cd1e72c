package io.guiji.connectors.avro;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro's binary encoding of one generated record class, compiled once from its schema into a tree
 * of field codecs that read and write byte arrays directly. The bytes are exactly those of Avro's
 * {@code SpecificDatumWriter} (a property test holds the two together), so a savepoint's bytes stay
 * readable by Avro itself with schema resolution; what is saved is Avro's per-datum work: the
 * resolving decoder's parser, the class and string-type lookups, reflection per record, and a
 * virtual call per byte into Flink's memory views (BENCHMARKS.md, "Compact serializers").
 *
 * <p>Only what guiji's schemas use is supported: records, enums, arrays, maps, unions, strings (as
 * {@link String}), numbers, booleans, bytes and the decimal logical type over bytes.
 */
final class AvroCodec {
    private final Node root;

    private AvroCodec(Node root) {
        this.root = root;
    }

    /** The codec of a generated class ({@code SpecificRecordBase} with its {@code SCHEMA$}). */
    static AvroCodec of(Class<? extends SpecificRecordBase> type) {
        return new AvroCodec(new Compiler().node(SpecificData.get().getSchema(type)));
    }

    /** Appends the encoding of {@code value} to {@code out}. */
    void write(Object value, Out out) {
        root.write(value, out);
    }

    /** Reads one value from {@code in}, at its position. */
    Object read(In in) {
        return root.read(in);
    }

    // ---- bytes -------------------------------------------------------------------------------

    /** A growable byte array written from its start. */
    static final class Out {
        byte[] buf;
        int pos;
        private char[] chars = new char[64];

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void reset() {
            pos = 0;
        }

        private void ensure(int more) {
            if (pos + more > buf.length) {
                byte[] b = new byte[Math.max(buf.length * 2, pos + more)];
                System.arraycopy(buf, 0, b, 0, pos);
                buf = b;
            }
        }

        void writeLong(long v) {
            ensure(10);
            long n = (v << 1) ^ (v >> 63); // zig-zag, as Avro
            while ((n & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            buf[pos++] = (byte) n;
        }

        void writeBoolean(boolean b) {
            ensure(1);
            buf[pos++] = (byte) (b ? 1 : 0);
        }

        void writeFixed32(int bits) {
            ensure(4);
            buf[pos++] = (byte) bits;
            buf[pos++] = (byte) (bits >>> 8);
            buf[pos++] = (byte) (bits >>> 16);
            buf[pos++] = (byte) (bits >>> 24);
        }

        void writeFixed64(long bits) {
            writeFixed32((int) bits);
            writeFixed32((int) (bits >>> 32));
        }

        void writeBytes(byte[] b, int off, int len) {
            writeLong(len);
            ensure(len);
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }

        /**
         * UTF-8 with its byte length first, encoded straight into the buffer from the string's
         * chars in one pass, as {@code String.getBytes(UTF_8)} would encode it (an unpaired
         * surrogate becomes '?'): room for the length is kept before the bytes for the longest the
         * string can encode to, and the bytes moved back in the rare case the length is shorter.
         */
        void writeString(String s) {
            int n = s.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            char[] cs = chars;
            s.getChars(0, n, cs, 0);
            int room = varLongSize(3L * n);
            ensure(10 + 3 * n); // writeLong below must find its room too: it may not grow buf now
            byte[] b = buf;
            int start = pos + room;
            int p = start;
            for (int i = 0; i < n; i++) {
                char c = cs[i];
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | c >> 6);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (!Character.isSurrogate(c)) {
                    b[p++] = (byte) (0xE0 | c >> 12);
                    b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < n
                        && Character.isLowSurrogate(cs[i + 1])) {
                    int cp = Character.toCodePoint(c, cs[++i]);
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[p++] = '?';
                }
            }
            int len = p - start;
            int size = varLongSize(len);
            if (size != room) {
                System.arraycopy(b, start, b, pos + size, len);
            }
            writeLong(len);
            pos += len;
        }

        /** The bytes Avro's zig-zag varint of a non-negative {@code v} takes. */
        private static int varLongSize(long v) {
            long n = v << 1;
            int size = 1;
            while ((n & ~0x7FL) != 0) {
                n >>>= 7;
                size++;
            }
            return size;
        }
    }

    /** A byte array read from a position up to a limit. */
    static final class In {
        byte[] buf;
        int pos;
        int limit;

        void reset(byte[] b, int len) {
            reset(b, 0, len);
        }

        void reset(byte[] b, int from, int len) {
            buf = b;
            pos = from;
            limit = from + len;
        }

        private void need(int n) {
            // written so that no n overflows it
            if (n < 0 || n > limit - pos) {
                throw new AvroTypeException("truncated Avro value: " + n + " bytes past its end");
            }
        }

        long readLong() {
            long n = 0;
            int shift = 0;
            while (true) {
                need(1);
                int b = buf[pos++];
                n |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (n >>> 1) ^ -(n & 1);
                }
                shift += 7;
                if (shift > 63) {
                    throw new AvroTypeException("malformed Avro varint");
                }
            }
        }

        int readInt() {
            long v = readLong();
            if (v != (int) v) {
                throw new AvroTypeException("Avro int out of range: " + v);
            }
            return (int) v;
        }

        int readLength() {
            long v = readLong();
            if (v < 0 || v > limit - pos) {
                throw new AvroTypeException("malformed Avro length " + v);
            }
            return (int) v;
        }

        boolean readBoolean() {
            need(1);
            return buf[pos++] != 0;
        }

        int readFixed32() {
            need(4);
            int v =
                    (buf[pos] & 0xFF)
                            | (buf[pos + 1] & 0xFF) << 8
                            | (buf[pos + 2] & 0xFF) << 16
                            | (buf[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }

        long readFixed64() {
            return (readFixed32() & 0xFFFFFFFFL) | ((long) readFixed32() << 32);
        }

        String readString() {
            int len = readLength();
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        byte[] readBytes() {
            int len = readLength();
            byte[] b = new byte[len];
            System.arraycopy(buf, pos, b, 0, len);
            pos += len;
            return b;
        }
    }

    // ---- the tree ----------------------------------------------------------------------------

    private abstract static class Node {
        final Schema schema;

        Node(Schema schema) {
            this.schema = schema;
        }

        abstract void write(Object v, Out out);

        abstract Object read(In in);

        /** Whether a union may choose this branch for {@code v} (as GenericData.resolveUnion). */
        abstract boolean accepts(Object v);

        static RuntimeException notFor(Schema s, Object v) {
            return v == null
                    ? new NullPointerException("null of " + s.getType() + " " + s.getFullName())
                    : new AvroTypeException(
                            "not a " + s.getFullName() + ": " + v.getClass().getName());
        }
    }

    private static final class NullNode extends Node {
        NullNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (v != null) {
                throw notFor(schema, v);
            }
        }

        @Override
        Object read(In in) {
            return null;
        }

        @Override
        boolean accepts(Object v) {
            return v == null;
        }
    }

    private static final class StringNode extends Node {
        StringNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (v instanceof String s) { // a final class: a cheaper test than the interface's
                out.writeString(s);
            } else if (v instanceof CharSequence cs) {
                out.writeString(cs.toString());
            } else {
                throw notFor(schema, v);
            }
        }

        @Override
        Object read(In in) {
            return in.readString();
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof String || v instanceof CharSequence;
        }
    }

    private static final class LongNode extends Node {
        LongNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof Long l)) {
                throw notFor(schema, v);
            }
            out.writeLong(l);
        }

        @Override
        Object read(In in) {
            return in.readLong();
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof Long;
        }
    }

    private static final class IntNode extends Node {
        IntNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof Integer i)) {
                throw notFor(schema, v);
            }
            out.writeLong(i);
        }

        @Override
        Object read(In in) {
            return in.readInt();
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof Integer;
        }
    }

    private static final class DoubleNode extends Node {
        DoubleNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof Double d)) {
                throw notFor(schema, v);
            }
            out.writeFixed64(Double.doubleToRawLongBits(d));
        }

        @Override
        Object read(In in) {
            return Double.longBitsToDouble(in.readFixed64());
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof Double;
        }
    }

    private static final class FloatNode extends Node {
        FloatNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof Float f)) {
                throw notFor(schema, v);
            }
            out.writeFixed32(Float.floatToRawIntBits(f));
        }

        @Override
        Object read(In in) {
            return Float.intBitsToFloat(in.readFixed32());
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof Float;
        }
    }

    private static final class BooleanNode extends Node {
        BooleanNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof Boolean b)) {
                throw notFor(schema, v);
            }
            out.writeBoolean(b);
        }

        @Override
        Object read(In in) {
            return in.readBoolean();
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof Boolean;
        }
    }

    private static final class BytesNode extends Node {
        BytesNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof ByteBuffer bb)) {
                throw notFor(schema, v);
            }
            ByteBuffer b = bb.duplicate();
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.writeBytes(a, 0, a.length);
        }

        @Override
        Object read(In in) {
            return ByteBuffer.wrap(in.readBytes());
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof ByteBuffer;
        }
    }

    /** Avro's decimal over bytes: the unscaled value's two's complement, the scale the schema's. */
    private static final class DecimalNode extends Node {
        private final int scale;
        private final int precision;

        DecimalNode(Schema s, LogicalTypes.Decimal d) {
            super(s);
            scale = d.getScale();
            precision = d.getPrecision();
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof BigDecimal d)) {
                throw notFor(schema, v);
            }
            if (d.scale() != scale) {
                // as Avro's DecimalConversion: to the schema's scale when no digit is lost
                try {
                    d = d.setScale(scale, java.math.RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    throw new AvroTypeException(
                            "Cannot encode decimal with scale "
                                    + d.scale()
                                    + " as scale "
                                    + scale
                                    + " without rounding");
                }
            }
            if (d.precision() > precision) {
                throw new AvroTypeException(
                        "Cannot encode decimal with precision "
                                + d.precision()
                                + " as max precision "
                                + precision);
            }
            byte[] b = d.unscaledValue().toByteArray();
            out.writeBytes(b, 0, b.length);
        }

        @Override
        Object read(In in) {
            return new BigDecimal(new BigInteger(in.readBytes()), scale);
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof BigDecimal;
        }
    }

    private static final class EnumNode extends Node {
        private final Object[] byIndex;
        private final int[] indexOfOrdinal;
        private final Class<?> type;

        EnumNode(Schema s) {
            super(s);
            type = SpecificData.get().getClass(s);
            Object[] constants = type.getEnumConstants();
            List<String> symbols = s.getEnumSymbols();
            byIndex = new Object[symbols.size()];
            indexOfOrdinal = new int[constants.length];
            for (Object c : constants) {
                int i = symbols.indexOf(((Enum<?>) c).name());
                byIndex[i] = c;
                indexOfOrdinal[((Enum<?>) c).ordinal()] = i;
            }
        }

        @Override
        void write(Object v, Out out) {
            if (!type.isInstance(v)) {
                throw notFor(schema, v);
            }
            out.writeLong(indexOfOrdinal[((Enum<?>) v).ordinal()]);
        }

        @Override
        Object read(In in) {
            int i = in.readInt();
            if (i < 0 || i >= byIndex.length) {
                throw new AvroTypeException("enum index " + i + " of " + schema.getFullName());
            }
            return byIndex[i];
        }

        @Override
        boolean accepts(Object v) {
            return type.isInstance(v);
        }
    }

    private static final class ArrayNode extends Node {
        Node items;

        ArrayNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof List<?> list)) {
                throw notFor(schema, v);
            }
            int n = list.size();
            if (n > 0) {
                out.writeLong(n);
                for (int i = 0; i < n; i++) {
                    items.write(list.get(i), out);
                }
            }
            out.writeLong(0);
        }

        @Override
        Object read(In in) {
            List<Object> list = new ArrayList<>();
            for (long n = in.readLong(); n != 0; n = in.readLong()) {
                if (n < 0) { // a block with its byte size (Avro allows it)
                    n = -n;
                    in.readLong();
                }
                for (long i = 0; i < n; i++) {
                    list.add(items.read(in));
                }
            }
            return list;
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof List;
        }
    }

    private static final class MapNode extends Node {
        Node values;

        MapNode(Schema s) {
            super(s);
        }

        @Override
        void write(Object v, Out out) {
            if (!(v instanceof Map<?, ?> map)) {
                throw notFor(schema, v);
            }
            if (!map.isEmpty()) {
                out.writeLong(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getKey() == null) {
                        throw new NullPointerException("null key in map " + schema);
                    }
                    out.writeString(e.getKey().toString());
                    values.write(e.getValue(), out);
                }
            }
            out.writeLong(0);
        }

        @Override
        Object read(In in) {
            Map<String, Object> map = new HashMap<>();
            for (long n = in.readLong(); n != 0; n = in.readLong()) {
                if (n < 0) {
                    n = -n;
                    in.readLong();
                }
                for (long i = 0; i < n; i++) {
                    String k = in.readString();
                    map.put(k, values.read(in));
                }
            }
            return map;
        }

        @Override
        boolean accepts(Object v) {
            return v instanceof Map;
        }
    }

    private static final class UnionNode extends Node {
        final Node[] branches;

        UnionNode(Schema s, Node[] branches) {
            super(s);
            this.branches = branches;
        }

        @Override
        void write(Object v, Out out) {
            for (int i = 0; i < branches.length; i++) {
                if (branches[i].accepts(v)) {
                    out.writeLong(i);
                    branches[i].write(v, out);
                    return;
                }
            }
            throw new AvroTypeException(
                    "not in union " + schema + ": " + (v == null ? "null" : v.getClass()));
        }

        @Override
        Object read(In in) {
            int i = in.readInt();
            if (i < 0 || i >= branches.length) {
                throw new AvroTypeException("union branch " + i + " of " + schema);
            }
            return branches[i].read(in);
        }

        @Override
        boolean accepts(Object v) {
            for (Node b : branches) {
                if (b.accepts(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A union of null and one other type, as most optional fields are: no branch search. */
    private static final class NullableNode extends Node {
        private final int nullIndex;
        private final Node value;

        NullableNode(Schema s, int nullIndex, Node value) {
            super(s);
            this.nullIndex = nullIndex;
            this.value = value;
        }

        @Override
        void write(Object v, Out out) {
            if (v == null) {
                out.writeLong(nullIndex);
            } else {
                out.writeLong(1 - nullIndex);
                value.write(v, out);
            }
        }

        @Override
        Object read(In in) {
            int i = in.readInt();
            if (i == nullIndex) {
                return null;
            }
            if (i != 1 - nullIndex) {
                throw new AvroTypeException("union branch " + i + " of " + schema);
            }
            return value.read(in);
        }

        @Override
        boolean accepts(Object v) {
            return v == null || value.accepts(v);
        }
    }

    private static final class RecordNode extends Node {
        private final Class<?> type;
        private final Supplier<Object> create;
        private Node[] fields;
        private String[] names;

        RecordNode(Schema s) {
            super(s);
            type = SpecificData.get().getClass(s);
            if (type == null || !SpecificRecordBase.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("no generated class for " + s.getFullName());
            }
            create = constructor(type);
        }

        @Override
        void write(Object v, Out out) {
            if (!type.isInstance(v)) {
                throw notFor(schema, v);
            }
            SpecificRecordBase r = (SpecificRecordBase) v;
            for (int i = 0; i < fields.length; i++) {
                Object f = r.get(i);
                try {
                    fields[i].write(f, out);
                } catch (NullPointerException e) {
                    throw new NullPointerException(
                            "null of " + schema.getName() + "." + names[i] + ": " + e.getMessage());
                }
            }
        }

        @Override
        Object read(In in) {
            SpecificRecordBase r = (SpecificRecordBase) create.get();
            for (int i = 0; i < fields.length; i++) {
                r.put(i, fields[i].read(in));
            }
            return r;
        }

        @Override
        boolean accepts(Object v) {
            return type.isInstance(v);
        }

        @SuppressWarnings("unchecked")
        private static Supplier<Object> constructor(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MethodHandle ctor =
                        MethodHandles.publicLookup()
                                .findConstructor(type, MethodType.methodType(void.class));
                return (Supplier<Object>)
                        LambdaMetafactory.metafactory(
                                        lookup,
                                        "get",
                                        MethodType.methodType(Supplier.class),
                                        MethodType.methodType(Object.class),
                                        ctor,
                                        MethodType.methodType(type))
                                .getTarget()
                                .invokeExact();
            } catch (Throwable e) {
                throw new IllegalArgumentException("no public constructor of " + type, e);
            }
        }
    }

    /** Builds the tree; a named record met again (recursion) reuses its node. */
    private static final class Compiler {
        private final Map<String, Node> named = new HashMap<>();

        Node node(Schema s) {
            LogicalType logical = s.getLogicalType();
            switch (s.getType()) {
                case NULL:
                    return new NullNode(s);
                case STRING:
                    return new StringNode(s);
                case LONG:
                    if (logical != null) {
                        throw unsupported(s);
                    }
                    return new LongNode(s);
                case INT:
                    if (logical != null) {
                        throw unsupported(s);
                    }
                    return new IntNode(s);
                case DOUBLE:
                    return new DoubleNode(s);
                case FLOAT:
                    return new FloatNode(s);
                case BOOLEAN:
                    return new BooleanNode(s);
                case BYTES:
                    if (logical instanceof LogicalTypes.Decimal d) {
                        return new DecimalNode(s, d);
                    }
                    if (logical != null) {
                        throw unsupported(s);
                    }
                    return new BytesNode(s);
                case ENUM:
                    return named.computeIfAbsent(s.getFullName(), k -> new EnumNode(s));
                case ARRAY:
                    {
                        ArrayNode a = new ArrayNode(s);
                        a.items = node(s.getElementType());
                        return a;
                    }
                case MAP:
                    {
                        MapNode m = new MapNode(s);
                        m.values = node(s.getValueType());
                        return m;
                    }
                case UNION:
                    {
                        List<Schema> types = s.getTypes();
                        Node[] b = new Node[types.size()];
                        for (int i = 0; i < b.length; i++) {
                            b[i] = node(types.get(i));
                        }
                        if (b.length == 2
                                && (b[0] instanceof NullNode ^ b[1] instanceof NullNode)) {
                            int nullIndex = b[0] instanceof NullNode ? 0 : 1;
                            return new NullableNode(s, nullIndex, b[1 - nullIndex]);
                        }
                        return new UnionNode(s, b);
                    }
                case RECORD:
                    {
                        Node seen = named.get(s.getFullName());
                        if (seen != null) {
                            return seen;
                        }
                        RecordNode r = new RecordNode(s);
                        named.put(s.getFullName(), r);
                        List<Schema.Field> fs = s.getFields();
                        Node[] fields = new Node[fs.size()];
                        String[] names = new String[fs.size()];
                        for (int i = 0; i < fields.length; i++) {
                            fields[i] = node(fs.get(i).schema());
                            names[i] = fs.get(i).name();
                        }
                        r.fields = fields;
                        r.names = names;
                        return r;
                    }
                default:
                    throw unsupported(s);
            }
        }

        private static IllegalArgumentException unsupported(Schema s) {
            return new IllegalArgumentException("not supported by AvroCodec: " + s);
        }
    }
}
