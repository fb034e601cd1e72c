package io.guiji.connectors.avro;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The Flink types of guiji's Avro records: declare every stream and state of them here. */
public final class AvroTypes {
    private AvroTypes() {}

    /** The type of a generated Avro class, serialized compactly ({@link CompactAvroSerializer}). */
    public static <T extends SpecificRecordBase> TypeInformation<T> of(Class<T> type) {
        return new CompactAvroTypeInfo<>(type);
    }

    /**
     * {@link #of}, for a stream whose records no operator changes once they are made: where Flink
     * copies a record (a JDBC sink buffering its batch, with object reuse) it keeps the record
     * itself, which spares an Avro deep copy of every unified record the PostgreSQL feed writes
     * (BENCHMARKS.md, "Fewer, larger Kafka requests"). Only for records made fresh by their source
     * and then only read.
     */
    public static <T extends SpecificRecordBase> TypeInformation<T> readOnly(Class<T> type) {
        return new CompactAvroTypeInfo<>(type, true);
    }

    /** {@link #of} for a generated Avro class, Flink's own type for any other. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> TypeInformation<T> forClass(Class<T> type) {
        return SpecificRecordBase.class.isAssignableFrom(type)
                ? (TypeInformation<T>) new CompactAvroTypeInfo(type)
                : TypeInformation.of(type);
    }
}
