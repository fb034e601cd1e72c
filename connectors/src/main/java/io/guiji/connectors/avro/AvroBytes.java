package io.guiji.connectors.avro;

import java.util.Arrays;
import org.apache.avro.AvroTypeException;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro's binary encoding of records of one generated class, written by the codec compiled once from
 * its schema ({@link AvroCodec}): the same bytes as Avro's {@code SpecificDatumWriter}, read back
 * as its reader does, without their per-field resolution (BENCHMARKS.md, "Compact serializers").
 * One per thread: it reuses its buffer.
 */
public final class AvroBytes {
    private static final int KEPT_BUFFER = 1 << 20;

    private final Class<? extends SpecificRecordBase> type;
    private final AvroCodec codec;
    private AvroCodec.Out out = new AvroCodec.Out(256);
    private final AvroCodec.In in = new AvroCodec.In();

    public AvroBytes(Class<? extends SpecificRecordBase> type) {
        this.type = type;
        this.codec = AvroCodec.of(type);
    }

    /**
     * The encoding of {@code record}.
     *
     * @throws IllegalArgumentException when the record is not of this class
     * @throws RuntimeException as Avro's writer, when a value does not fit the schema (a null where
     *     none may be: {@code NullPointerException}; a value of another type, a decimal beyond its
     *     precision: {@code AvroTypeException})
     */
    public byte[] encode(SpecificRecordBase record) {
        if (!type.isInstance(record)) {
            throw new IllegalArgumentException(
                    "not a " + type.getSimpleName() + ": " + record.getClass().getName());
        }
        out.reset();
        codec.write(record, out);
        byte[] bytes = Arrays.copyOf(out.buf, out.pos);
        if (out.buf.length > KEPT_BUFFER) {
            out = new AvroCodec.Out(256); // one huge record does not hold its buffer for good
        }
        return bytes;
    }

    /**
     * The record encoded in {@code length} bytes of {@code bytes} from {@code offset}, all of them.
     *
     * @throws org.apache.avro.AvroTypeException when the bytes are not one such record: truncated,
     *     a length or an index out of range, bytes left over
     */
    public SpecificRecordBase decode(byte[] bytes, int offset, int length) {
        in.reset(bytes, offset, length);
        Object v = codec.read(in);
        if (in.pos != in.limit) {
            throw new AvroTypeException(
                    (in.limit - in.pos) + " bytes left over after a " + type.getSimpleName());
        }
        return (SpecificRecordBase) v;
    }
}
