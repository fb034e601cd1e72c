package io.guiji.connectors.avro;

import java.io.IOException;
import java.util.Objects;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for a generated Avro record class, on the network, in sorts and in state: the
 * value's length, then its Avro binary encoding ({@link AvroCodec}). The length lets a sort's spill
 * and merge copy a record as bytes, where Flink's {@code AvroSerializer} decodes and encodes it
 * again, and lets a record be read from one array (BENCHMARKS.md, "Compact serializers").
 *
 * <p>Not thread-safe (its buffers are reused): Flink asks each thread for its own {@link
 * #duplicate()}.
 *
 * <p>A serializer {@link #readOnly} hands out the record itself where Flink asks for a copy: for
 * streams whose records no operator changes once they are made ({@link AvroTypes#readOnly}).
 */
public final class CompactAvroSerializer<T extends SpecificRecordBase> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final boolean readOnly;
    private transient AvroCodec codec;
    private transient AvroCodec.Out out;
    private transient AvroCodec.In in;
    private transient byte[] readBuffer;

    public CompactAvroSerializer(Class<T> type) {
        this(type, false);
    }

    CompactAvroSerializer(Class<T> type, boolean readOnly) {
        this.type = Objects.requireNonNull(type);
        this.readOnly = readOnly;
    }

    /** Whether {@link #copy(SpecificRecordBase)} returns the record itself. */
    public boolean readOnly() {
        return readOnly;
    }

    private AvroCodec codec() {
        if (codec == null) {
            codec = AvroCodec.of(type);
            out = new AvroCodec.Out(256);
            in = new AvroCodec.In();
            readBuffer = new byte[256];
        }
        return codec;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new CompactAvroSerializer<>(type, readOnly);
    }

    @Override
    public T createInstance() {
        return type.cast(SpecificData.newInstance(type, SpecificData.get().getSchema(type)));
    }

    @Override
    public T copy(T from) {
        if (readOnly || from == null) {
            return from;
        }
        // the class's own model: it has the decimal conversion
        return SpecificData.getForClass(type).deepCopy(from.getSchema(), from);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        AvroCodec c = codec();
        out.reset();
        c.write(record, out);
        target.writeInt(out.pos);
        target.write(out.buf, 0, out.pos);
        if (out.buf.length > 1 << 20) {
            out = new AvroCodec.Out(256); // one huge record does not hold its buffer for good
        }
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        AvroCodec c = codec();
        int len = source.readInt();
        if (len < 0) {
            throw new IOException("negative length " + len + " of a " + type.getSimpleName());
        }
        byte[] b = len <= readBuffer.length ? readBuffer : new byte[len];
        source.readFully(b, 0, len);
        in.reset(b, len);
        Object v = c.read(in);
        if (in.pos != len) {
            throw new IOException(
                    type.getSimpleName() + " read " + in.pos + " of its " + len + " bytes");
        }
        if (b != readBuffer && len <= 1 << 20) {
            readBuffer = b;
        }
        return type.cast(v);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        codec();
        int len = source.readInt();
        if (len < 0) {
            throw new IOException("negative length " + len + " of a " + type.getSimpleName());
        }
        byte[] b = len <= readBuffer.length ? readBuffer : new byte[len];
        source.readFully(b, 0, len);
        target.writeInt(len);
        target.write(b, 0, len); // not write(source, len): not every view grows for it
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactAvroSerializer<?> other
                && other.type == type
                && other.readOnly == readOnly;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + (readOnly ? 1 : 0);
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new CompactAvroSerializerSnapshot<>(type);
    }
}
