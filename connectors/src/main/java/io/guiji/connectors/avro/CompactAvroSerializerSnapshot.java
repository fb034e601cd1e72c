package io.guiji.connectors.avro;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint records of a {@link CompactAvroSerializer}: the class and the schema its bytes
 * were written with. A restore under the same schema reads as is; under a schema Avro can resolve
 * the old one to (fields added with defaults, removed, promoted), state is migrated through Avro's
 * own resolving reader ({@link ResolvingAvroSerializer}); anything else is incompatible, as is
 * state written by Flink's own Avro serializer before guiji 0.2 (deploy/README.md, upgrade notes).
 */
public final class CompactAvroSerializerSnapshot<T extends SpecificRecordBase>
        implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 1;

    private Class<T> type;
    private Schema schema;

    /** For Flink, which reads the rest with {@link #readSnapshot}. */
    public CompactAvroSerializerSnapshot() {}

    CompactAvroSerializerSnapshot(Class<T> type) {
        this(type, SpecificData.get().getSchema(type));
    }

    CompactAvroSerializerSnapshot(Class<T> type, Schema schema) {
        this.type = type;
        this.schema = schema;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(type.getName());
        byte[] json = schema.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
            throws IOException {
        if (readVersion != VERSION) {
            throw new IOException("unknown snapshot version " + readVersion);
        }
        String name = in.readUTF();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        try {
            type = (Class<T>) Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IOException("the state's type " + name + " is no longer in the job", e);
        }
        schema =
                new Schema.Parser()
                        .parse(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        Schema current = SpecificData.get().getSchema(type);
        return current.equals(schema)
                ? new CompactAvroSerializer<>(type)
                : new ResolvingAvroSerializer<>(type, schema);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
            TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof CompactAvroSerializerSnapshot<T> old)
                || !old.type.getName().equals(type.getName())) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (old.schema.equals(schema)) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        SchemaCompatibility.SchemaCompatibilityType c =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, old.schema).getType();
        return c == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
