package io.guiji.connectors.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptCounters;
import io.guiji.schemas.internal.DeptDelta;
import io.guiji.schemas.internal.IndexedEntry;
import io.guiji.schemas.internal.LinkState;
import io.guiji.schemas.internal.RecordFacts;
import io.guiji.schemas.internal.SubjectState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class CompactAvroSerializerTest {

    @Provide
    Arbitrary<Class<? extends SpecificRecordBase>> types() {
        return Arbitraries.of(
                List.of(
                        SupervisionRecord.class,
                        UnifiedRecord.class,
                        RejectedRecord.class,
                        RegistryEntry.class,
                        CatalogEntry.class,
                        CoverageSnapshot.class,
                        LinkChange.class,
                        EnterpriseProfile.class,
                        Lead.class,
                        ReviewDecision.class,
                        LinkState.class,
                        DeptCounters.class,
                        DeptDelta.class,
                        IndexedEntry.class,
                        RecordFacts.class,
                        SubjectState.class));
    }

    private static byte[] avro(SpecificRecordBase r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<SpecificRecordBase>(r.getSchema()).write(r, e);
        e.flush();
        return bytes.toByteArray();
    }

    private static <T extends SpecificRecordBase> byte[] compact(Class<T> type, Object r)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        new CompactAvroSerializer<>(type).serialize(type.cast(r), out);
        return out.getCopyOfBuffer();
    }

    @Property(tries = 300)
    void avroBytesWritesAvrosOwnBytes(
            @ForAll("types") Class<? extends SpecificRecordBase> type, @ForAll long seed)
            throws IOException {
        SpecificRecordBase r = new RandomAvro(seed).of(type);
        AvroBytes bytes = new AvroBytes(type);
        assertThat(bytes.encode(r)).isEqualTo(avro(r));
        assertThat(bytes.encode(r)).isEqualTo(avro(r)); // its buffer reused
    }

    @Property(tries = 300)
    void avroBytesReadsAvrosOwnBytesBackFromAnyOffset(
            @ForAll("types") Class<? extends SpecificRecordBase> type,
            @ForAll long seed,
            @ForAll @IntRange(max = 12) int offset)
            throws IOException {
        SpecificRecordBase r = new RandomAvro(seed).of(type);
        byte[] avro = avro(r);
        byte[] framed = new byte[offset + avro.length + 3];
        System.arraycopy(avro, 0, framed, offset, avro.length);
        AvroBytes bytes = new AvroBytes(type);
        SpecificRecordBase back = bytes.decode(framed, offset, avro.length);
        assertThat(back).isEqualTo(r);
        assertThat(back.toString()).isEqualTo(r.toString());
        // one byte short, or one over, is not the record
        assertThatThrownBy(() -> bytes.decode(framed, offset, avro.length + 1))
                .isInstanceOf(AvroTypeException.class);
        if (avro.length > 0) {
            assertThatThrownBy(() -> bytes.decode(framed, offset, avro.length - 1))
                    .isInstanceOf(RuntimeException.class);
        }
    }

    @Property(tries = 600)
    void writesAvrosOwnBytesAfterTheLengthAndReadsThemBack(
            @ForAll("types") Class<? extends SpecificRecordBase> type, @ForAll long seed)
            throws IOException {
        SpecificRecordBase r = new RandomAvro(seed).of(type);
        byte[] compact = compact(type, r);
        byte[] avro = avro(r);
        assertThat(Arrays.copyOfRange(compact, 4, compact.length)).isEqualTo(avro);
        assertThat(new DataInputDeserializer(compact).readInt()).isEqualTo(avro.length);

        CompactAvroSerializer<? extends SpecificRecordBase> s = new CompactAvroSerializer<>(type);
        Object back = s.deserialize(new DataInputDeserializer(compact));
        assertThat(back).isEqualTo(r);
        assertThat(back.toString()).isEqualTo(r.toString());

        DataOutputSerializer copied = new DataOutputSerializer(16);
        s.copy(new DataInputDeserializer(compact), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(compact);
    }

    @Property(tries = 200)
    void readsSeveralValuesInARowWithOneReusedSerializer(@ForAll long seed) throws IOException {
        CompactAvroSerializer<UnifiedRecord> s = new CompactAvroSerializer<>(UnifiedRecord.class);
        RandomAvro random = new RandomAvro(seed);
        List<UnifiedRecord> values =
                List.of(
                        random.of(UnifiedRecord.class),
                        random.of(UnifiedRecord.class),
                        random.of(UnifiedRecord.class));
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (UnifiedRecord u : values) {
            s.serialize(u, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (UnifiedRecord u : values) {
            assertThat(s.deserialize(in)).isEqualTo(u);
        }
        assertThat(in.available()).isZero();
    }

    @Property(tries = 300)
    void aDamagedValueFailsCleanlyAndNeverHangs(
            @ForAll long seed, @ForAll int cut, @ForAll byte flip) throws IOException {
        SupervisionRecord r = new RandomAvro(seed).of(SupervisionRecord.class);
        byte[] b = compact(SupervisionRecord.class, r);
        int body = b.length - 4;
        int at = 4 + Math.floorMod(cut, Math.max(1, body));
        // the length says the value is shorter than it is: the value cannot end where it must
        byte[] shortened = b.clone();
        int len = Math.floorMod(cut, Math.max(1, body));
        shortened[0] = (byte) (len >>> 24);
        shortened[1] = (byte) (len >>> 16);
        shortened[2] = (byte) (len >>> 8);
        shortened[3] = (byte) len;
        CompactAvroSerializer<SupervisionRecord> s =
                new CompactAvroSerializer<>(SupervisionRecord.class);
        if (len < body) {
            assertThatThrownBy(() -> s.deserialize(new DataInputDeserializer(shortened)))
                    .isInstanceOfAny(AvroTypeException.class, IOException.class);
        }
        // a changed byte: either an error or some value, never a loop or an out-of-bounds read
        byte[] changed = b.clone();
        if (at < changed.length) {
            changed[at] ^= (byte) (flip | 1);
        }
        try {
            s.deserialize(new DataInputDeserializer(changed));
        } catch (AvroTypeException | IOException | ClassCastException e) {
            // refused: fine
        }
    }

    @Property(tries = 300)
    void encodesAnyStringAsAvroDoesUnpairedSurrogatesIncluded(@ForAll String text)
            throws IOException {
        SourceRef ref = new RandomAvro(text.length()).of(SourceRef.class);
        ref.put(0, text + "\uD800" + text + "\uDC00x\uDBFF");
        byte[] compact = compact(SourceRef.class, ref);
        assertThat(Arrays.copyOfRange(compact, 4, compact.length)).isEqualTo(avro(ref));
    }

    @Test
    void aMissingRequiredFieldIsRefusedAsAvroRefusesIt() {
        SourceRef ref = new SourceRef();
        ref.put(0, null);
        assertThatThrownBy(() -> compact(SourceRef.class, ref))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("SourceRef");
    }

    @Test
    void aDecimalOfAnotherScaleIsRescaledOrRefusedAsAvroDoes() throws IOException {
        RandomAvro random = new RandomAvro(1);
        RecordFacts facts = random.of(RecordFacts.class);
        Schema.Field decimal =
                facts.getSchema().getFields().stream()
                        .filter(f -> f.schema().toString().contains("decimal"))
                        .findFirst()
                        .orElseThrow();
        // fewer decimals than the schema's 6: to its scale, no digit lost
        for (String v : List.of("1.5", "1e3", "0", "-3.25")) {
            facts.put(decimal.pos(), new BigDecimal(v));
            byte[] compact = compact(RecordFacts.class, facts);
            assertThat(Arrays.copyOfRange(compact, 4, compact.length)).isEqualTo(avro(facts));
            assertThat(new AvroBytes(RecordFacts.class).encode(facts)).isEqualTo(avro(facts));
        }
        // more: a digit would be lost, refused as Avro's writer refuses it
        facts.put(decimal.pos(), new BigDecimal("1.1234567"));
        assertThatThrownBy(() -> avro(facts)).isInstanceOf(AvroTypeException.class);
        assertThatThrownBy(() -> compact(RecordFacts.class, facts))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("scale");
    }

    @Test
    void theSerializerTravelsToTaskManagersAndDuplicates() throws Exception {
        TypeSerializer<LinkState> s = new CompactAvroSerializer<>(LinkState.class);
        LinkState v = new RandomAvro(3).of(LinkState.class);
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(v, out);
        TypeSerializer<LinkState> sent = InstantiationUtil.clone(s);
        assertThat(sent).isEqualTo(s);
        assertThat(sent.duplicate().deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(v);
        assertThat(s.copy(v)).isEqualTo(v).isNotSameAs(v);
    }

    @Property(tries = 200)
    void aReadOnlyTypeHandsOutTheRecordItselfAndWritesTheSameBytes(
            @ForAll("types") Class<? extends SpecificRecordBase> type, @ForAll long seed)
            throws Exception {
        SpecificRecordBase r = new RandomAvro(seed).of(type);
        TypeSerializer<? extends SpecificRecordBase> readOnly =
                AvroTypes.readOnly(type)
                        .createSerializer(new ExecutionConfig().getSerializerConfig());
        @SuppressWarnings("unchecked")
        TypeSerializer<SpecificRecordBase> s = (TypeSerializer<SpecificRecordBase>) readOnly;
        assertThat(s.copy(r)).isSameAs(r);
        assertThat(s.copy(r, null)).isSameAs(r);

        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(r, out);
        assertThat(out.getCopyOfBuffer()).isEqualTo(compact(type, r));
        assertThat(s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(r);

        TypeSerializer<SpecificRecordBase> sent = InstantiationUtil.clone(s);
        assertThat(sent).isEqualTo(s).isNotEqualTo(new CompactAvroSerializer<>(type));
        assertThat(sent.duplicate().copy(r)).isSameAs(r);
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeSerializer<SpecificRecordBase> copying = new CompactAvroSerializer(type);
        assertThat(copying.copy(r)).isEqualTo(r).isNotSameAs(r);
    }

    @Test
    void aSnapshotUnderTheSameSchemaRestoresAsIs() throws IOException {
        CompactAvroSerializerSnapshot<LinkState> written =
                new CompactAvroSerializerSnapshot<>(LinkState.class);
        TypeSerializerSnapshot<LinkState> read = readBack(written);
        assertThat(read.resolveSchemaCompatibility(written).isCompatibleAsIs()).isTrue();
        assertThat(read.restoreSerializer())
                .isEqualTo(new CompactAvroSerializer<>(LinkState.class));
    }

    @Test
    void stateWrittenUnderAnOlderSchemaIsMigratedWithAvrosResolution() throws IOException {
        // DeptDelta as it would have been without its last field: a field added with a default
        Schema now = DeptDelta.getClassSchema();
        List<Schema.Field> kept = now.getFields().subList(0, now.getFields().size() - 1);
        Schema.Field dropped = now.getFields().get(now.getFields().size() - 1);
        assertThat(dropped.hasDefaultValue())
                .as("the last field of DeptDelta has a default")
                .isTrue();
        SchemaBuilder.FieldAssembler<Schema> older =
                SchemaBuilder.record(now.getName()).namespace(now.getNamespace()).fields();
        for (Schema.Field f : kept) {
            older = older.name(f.name()).type(f.schema()).noDefault();
        }
        Schema oldSchema = older.endRecord();

        CompactAvroSerializerSnapshot<DeptDelta> old =
                new CompactAvroSerializerSnapshot<>(DeptDelta.class, oldSchema);
        CompactAvroSerializerSnapshot<DeptDelta> current =
                new CompactAvroSerializerSnapshot<>(DeptDelta.class);
        TypeSerializerSchemaCompatibility<DeptDelta> c =
                current.resolveSchemaCompatibility(readBack(old));
        assertThat(c.isCompatibleAfterMigration()).isTrue();

        // bytes as the old job wrote them: the length, then Avro's encoding under the old schema
        DeptDelta v = new RandomAvro(5).of(DeptDelta.class);
        org.apache.avro.generic.GenericData.Record asOld =
                new org.apache.avro.generic.GenericData.Record(oldSchema);
        for (Schema.Field f : kept) {
            asOld.put(f.name(), v.get(f.pos()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.generic.GenericDatumWriter<Object>(oldSchema).write(asOld, e);
        e.flush();
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(bytes.size());
        out.write(bytes.toByteArray());

        DeptDelta migrated =
                readBack(old)
                        .restoreSerializer()
                        .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        for (Schema.Field f : kept) {
            assertThat(migrated.get(f.pos())).isEqualTo(v.get(f.pos()));
        }
        assertThat(migrated.get(dropped.pos()))
                .isEqualTo(SpecificData.get().getDefaultValue(dropped));
    }

    @Test
    void stateOfAnotherSerializerIsIncompatible() {
        TypeSerializerSnapshot<LinkState> flinksAvro =
                new org.apache.flink.formats.avro.typeutils.AvroSerializer<>(LinkState.class)
                        .snapshotConfiguration();
        assertThat(
                        new CompactAvroSerializerSnapshot<>(LinkState.class)
                                .resolveSchemaCompatibility(flinksAvro)
                                .isIncompatible())
                .isTrue();
    }

    private static <T extends SpecificRecordBase> TypeSerializerSnapshot<T> readBack(
            TypeSerializerSnapshot<T> s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, s);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                CompactAvroSerializerTest.class.getClassLoader());
    }
}
