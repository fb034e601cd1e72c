package io.guiji.connectors.avro;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Reads state that a {@link CompactAvroSerializer} wrote under an older schema, through Avro's
 * resolving reader, into today's class; used only while Flink migrates that state, so it writes
 * with today's schema as {@link CompactAvroSerializer} does.
 */
final class ResolvingAvroSerializer<T extends SpecificRecordBase> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final String writerSchema;
    private final CompactAvroSerializer<T> current;
    private transient SpecificDatumReader<T> reader;
    private transient BinaryDecoder decoder;

    ResolvingAvroSerializer(Class<T> type, Schema writer) {
        this.type = type;
        this.writerSchema = writer.toString();
        this.current = new CompactAvroSerializer<>(type);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        if (reader == null) {
            reader =
                    new SpecificDatumReader<>(
                            new Schema.Parser().parse(writerSchema),
                            SpecificData.get().getSchema(type));
        }
        byte[] b = new byte[source.readInt()];
        source.readFully(b);
        decoder = DecoderFactory.get().binaryDecoder(b, decoder);
        return reader.read(null, decoder);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        current.serialize(record, target);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        current.copy(source, target);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new ResolvingAvroSerializer<>(type, new Schema.Parser().parse(writerSchema));
    }

    @Override
    public T createInstance() {
        return current.createInstance();
    }

    @Override
    public T copy(T from) {
        return current.copy(from);
    }

    @Override
    public T copy(T from, T reuse) {
        return current.copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvingAvroSerializer<?> other
                && other.type == type
                && other.writerSchema.equals(writerSchema);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + writerSchema.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new CompactAvroSerializerSnapshot<>(type, new Schema.Parser().parse(writerSchema));
    }
}
