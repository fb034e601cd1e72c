package io.guiji.connectors.avro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Random values of a generated Avro class, every field filled from its schema: strings of ASCII,
 * Chinese, supplementary characters (surrogate pairs), NUL and the empty string; extreme numbers;
 * empty and longer arrays and maps; each union branch; decimals at the schema's scale.
 */
public final class RandomAvro {
    private final Random random;

    public RandomAvro(long seed) {
        random = new Random(seed);
    }

    public <T extends SpecificRecordBase> T of(Class<T> type) {
        return type.cast(value(SpecificData.get().getSchema(type), 0));
    }

    private Object value(Schema s, int depth) {
        switch (s.getType()) {
            case NULL:
                return null;
            case STRING:
                return string();
            case LONG:
                return pick(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, random.nextLong());
            case INT:
                return pick(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -64, random.nextInt());
            case DOUBLE:
                return pick(
                        Double.NaN,
                        -0.0,
                        Double.MAX_VALUE,
                        Double.NEGATIVE_INFINITY,
                        random.nextDouble());
            case FLOAT:
                return (float) random.nextGaussian();
            case BOOLEAN:
                return random.nextBoolean();
            case BYTES:
                if (s.getLogicalType() instanceof LogicalTypes.Decimal d) {
                    int digits = 1 + random.nextInt(d.getPrecision());
                    BigInteger unscaled =
                            new BigInteger(BigInteger.TEN.pow(digits).bitLength() - 1, random);
                    return new BigDecimal(
                            random.nextBoolean() ? unscaled : unscaled.negate(), d.getScale());
                }
                byte[] b = new byte[random.nextInt(5)];
                random.nextBytes(b);
                return ByteBuffer.wrap(b);
            case ENUM:
                {
                    Object[] c = SpecificData.get().getClass(s).getEnumConstants();
                    return c[random.nextInt(c.length)];
                }
            case ARRAY:
                {
                    List<Object> l = new ArrayList<>();
                    int n = depth > 3 ? 0 : random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        l.add(value(s.getElementType(), depth + 1));
                    }
                    return l;
                }
            case MAP:
                {
                    Map<String, Object> m = new HashMap<>();
                    int n = depth > 3 ? 0 : random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        m.put(string(), value(s.getValueType(), depth + 1));
                    }
                    return m;
                }
            case UNION:
                {
                    List<Schema> types = s.getTypes();
                    return value(types.get(random.nextInt(types.size())), depth);
                }
            case RECORD:
                {
                    SpecificRecordBase r =
                            (SpecificRecordBase)
                                    SpecificData.newInstance(SpecificData.get().getClass(s), s);
                    for (Schema.Field f : s.getFields()) {
                        r.put(f.pos(), value(f.schema(), depth + 1));
                    }
                    return r;
                }
            default:
                throw new IllegalArgumentException(s.toString());
        }
    }

    private Object pick(Object... options) {
        return options[random.nextInt(options.length)];
    }

    private String string() {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(24);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> b.append((char) (0x20 + random.nextInt(0x5F)));
                case 1, 2 -> b.append((char) (0x4E00 + random.nextInt(0x51A6))); // CJK
                case 3 -> b.appendCodePoint(0x20000 + random.nextInt(0xA6D6)); // extension B
                case 4 -> b.append((char) random.nextInt(0x80)); // NUL and controls included
                default -> b.append("（）—·，、".charAt(random.nextInt(6)));
            }
        }
        return b.toString();
    }
}
