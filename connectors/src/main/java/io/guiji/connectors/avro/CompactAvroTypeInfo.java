package io.guiji.connectors.avro;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The type of a generated Avro record class inside guiji's jobs, serialized by {@link
 * CompactAvroSerializer}. Every stream and state of such a class is declared with {@link #of}:
 * Flink would otherwise infer its own Avro type, whose serializer decodes through Avro's resolving
 * reader and cannot copy a sorted record as bytes (BENCHMARKS.md, "Compact serializers"). Not a key
 * type: guiji keys by strings.
 */
public final class CompactAvroTypeInfo<T extends SpecificRecordBase> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final boolean readOnly;

    CompactAvroTypeInfo(Class<T> type) {
        this(type, false);
    }

    CompactAvroTypeInfo(Class<T> type, boolean readOnly) {
        this.type = Objects.requireNonNull(type);
        this.readOnly = readOnly;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new CompactAvroSerializer<>(type, readOnly);
    }

    /** Flink 1.x asks here; Flink 2 only through {@link #createSerializer(SerializerConfig)}. */
    public TypeSerializer<T> createSerializer(ExecutionConfig config) {
        return new CompactAvroSerializer<>(type, readOnly);
    }

    @Override
    public String toString() {
        return (readOnly ? "ReadOnlyCompactAvro<" : "CompactAvro<") + type.getName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactAvroTypeInfo<?> other
                && other.type == type
                && other.readOnly == readOnly;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + (readOnly ? 1 : 0);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CompactAvroTypeInfo;
    }
}
