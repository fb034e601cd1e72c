package io.guiji.bench.jmh;

import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.bench.GenerateData;
import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.RowReader;
import io.guiji.connectors.file.TabularFiles;
import io.guiji.connectors.json.OutputJson;
import io.guiji.generator.SampleGenerator;
import io.guiji.jobs.dedup.ContentHash;
import io.guiji.jobs.dedup.CopyMerger;
import io.guiji.jobs.dedup.CopyRanking;
import io.guiji.jobs.ingest.RecordIds;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.PublishedSummaries;
import io.guiji.jobs.link.RecordWatchIndex;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.validate.RecordNormalizer;
import io.guiji.jobs.validate.ReferenceNormalizer;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LinkState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microbenchmarks of the per-record hot paths, each over real rows of a generated sample (20,000
 * records, 20,000 registry entries, realistic noise), cycling through them so that branch mixes are
 * those of the data: parse (CSV/JSONL bytes to {@link RawRow}), normalize and validate ({@link
 * RecordNormalizer}, identifiers), record ids (SHA-256), dedup (merge, rank, content hash), link
 * keys (record requests, registry index places, fuzzy name parts), serialize (Flink's Avro
 * serializer round trip between operators, JSON lines of the file sink).
 *
 * <p>Run with {@code bench/run.sh jmh} or {@code java -cp … org.openjdk.jmh.Main
 * io.guiji.bench.jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class HotPaths {
    private static final int PARSE_ROWS = 1000;

    private Path dir;
    private byte[] csvChunk;
    private byte[] jsonlChunk;
    private RawRow[] rows;
    private SupervisionRecord[] copies;
    private UnifiedRecord[] unified;
    private RegistryEntry[] registry;
    private String[] codes;
    private String[] names;
    private RecordNormalizer normalizer;
    private TypeSerializer<UnifiedRecord> avro;
    private TypeSerializer<SupervisionRecord> avroCopy;
    private TypeSerializer<UnifiedRecord> compact;
    private TypeSerializer<SupervisionRecord> compactCopy;
    private TypeSerializer<LinkState> linkStates;
    private TypeSerializer<long[]> keyHashes;

    /** Each unified record's keyed state as a restore reads it: serialized. */
    private byte[][] linkStateBytes;

    /** The same as builds before the summary kept it, the record last published whole. */
    private byte[][] wholeStateBytes;

    private final PublishedSummaries summaries = new PublishedSummaries();

    /** The same records' key hashes in their own state, serialized. */
    private byte[][] keyHashBytes;

    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private final ByteArrayOutputStream json = new ByteArrayOutputStream(4096);
    private JsonGenerator generator;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("guiji-jmh");
        Path input = dir.resolve("in");
        new SampleGenerator(
                        SampleGenerator.Settings.scaled(20_000, 20_000)
                                .seed(7)
                                .today(GenerateData.TODAY))
                .generate(input);
        List<Path> files;
        try (Stream<Path> s = Files.walk(input.resolve("records"))) {
            files =
                    s.filter(Files::isRegularFile)
                            .sorted(Comparator.comparing(Path::toString))
                            .toList();
        }
        csvChunk = chunk(largest(files, ".csv"));
        jsonlChunk = chunk(largest(files, ".jsonl"));

        normalizer = new RecordNormalizer(GenerateData.TODAY);
        List<RawRow> rowList = new ArrayList<>();
        List<SupervisionRecord> copyList = new ArrayList<>();
        List<UnifiedRecord> unifiedList = new ArrayList<>();
        List<String> codeList = new ArrayList<>();
        List<String> nameList = new ArrayList<>();
        for (Path f : files) {
            try (var it = TabularFiles.open(f, input)) {
                while (it.hasNext()) {
                    RawRow r = it.next();
                    rowList.add(r);
                    RecordNormalizer.Outcome o = normalizer.normalize(r);
                    if (o.accepted() != null) {
                        SupervisionRecord c = o.accepted();
                        copyList.add(c);
                        unifiedList.add(CopyMerger.unified(CopyMerger.add(null, c)));
                        var fields = c.getFields();
                        for (String code :
                                new String[] {
                                    fields.getUscc(), fields.getRegNo(), fields.getOrgCode()
                                }) {
                            if (code != null) {
                                codeList.add(code);
                            }
                        }
                        nameList.add(fields.getSubjectName());
                    }
                }
            }
        }
        List<RegistryEntry> entries = new ArrayList<>();
        ReferenceNormalizer ref = new ReferenceNormalizer();
        try (Stream<Path> s = Files.walk(input.resolve("registry"))) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                try (var it = TabularFiles.open(f, input)) {
                    while (it.hasNext()) {
                        ReferenceNormalizer.RegistryOutcome o = ref.registry(it.next());
                        if (o.entry() != null) {
                            entries.add(o.entry());
                        }
                    }
                }
            }
        }
        rows = rowList.toArray(RawRow[]::new);
        copies = copyList.toArray(SupervisionRecord[]::new);
        unified = unifiedList.toArray(UnifiedRecord[]::new);
        registry = entries.toArray(RegistryEntry[]::new);
        codes = codeList.toArray(String[]::new);
        names = nameList.toArray(String[]::new);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // as the serialization guard: never Kryo
        avro = TypeInformation.of(UnifiedRecord.class).createSerializer(config);
        avroCopy = TypeInformation.of(SupervisionRecord.class).createSerializer(config);
        compact = AvroTypes.of(UnifiedRecord.class).createSerializer(config);
        compactCopy = AvroTypes.of(SupervisionRecord.class).createSerializer(config);
        generator = OutputJson.generator(json);
        linkStates = AvroTypes.of(LinkState.class).createSerializer(config);
        keyHashes = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO.createSerializer(config);
        linkStateBytes = new byte[copies.length][];
        wholeStateBytes = new byte[copies.length][];
        keyHashBytes = new byte[copies.length][];
        long stateBytes = 0;
        long wholeBytes = 0;
        long hashBytes = 0;
        for (int k = 0; k < copies.length; k++) {
            var dedup = CopyMerger.add(null, copies[k]);
            UnifiedRecord published = CopyMerger.unified(dedup);
            published.setVersion(1L);
            out.clear();
            linkStates.serialize(
                    new LinkState(
                            dedup,
                            null,
                            PublishedSummaries.of(published, summaries.fingerprint(published))),
                    out);
            linkStateBytes[k] = out.getCopyOfBuffer();
            out.clear();
            linkStates.serialize(new LinkState(dedup, published, null), out);
            wholeStateBytes[k] = out.getCopyOfBuffer();
            wholeBytes += wholeStateBytes[k].length;
            out.clear();
            List<String> keys = new ArrayList<>();
            LinkKeys.exactRequestsFor(published).forEach(r -> keys.add(r.getKey()));
            keyHashes.serialize(RecordWatchIndex.keyHashes(keys), out);
            keyHashBytes[k] = out.getCopyOfBuffer();
            stateBytes += linkStateBytes[k].length;
            hashBytes += keyHashBytes[k].length;
        }
        System.out.printf(
                "keyed state a record (one copy): LinkState %.0f bytes (%.0f with the record"
                        + " last published whole), key hashes %.0f bytes%n",
                (double) stateBytes / copies.length,
                (double) wholeBytes / copies.length,
                (double) hashBytes / copies.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path largest(List<Path> files, String suffix) throws IOException {
        Path best = null;
        for (Path f : files) {
            if (f.toString().endsWith(suffix)
                    && (best == null || Files.size(f) > Files.size(best))) {
                best = f;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no " + suffix + " file in the sample");
        }
        return best;
    }

    /**
     * The header and the first PARSE_ROWS lines of a file (all of it if shorter: then fewer ops).
     */
    private static byte[] chunk(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f, detect(f));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(lines.size(), PARSE_ROWS + 1); k++) {
            sb.append(lines.get(k)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static java.nio.charset.Charset detect(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return StandardCharsets.UTF_8;
        } catch (java.nio.charset.CharacterCodingException e) {
            return java.nio.charset.Charset.forName("GB18030");
        }
    }

    private static long parseAll(String name, byte[] bytes) throws IOException {
        long n = 0;
        try (RowReader r = TabularFiles.reader(name, () -> new ByteArrayInputStream(bytes))) {
            RawRow row;
            while ((row = r.next()) != null) {
                n += row.values == null ? 0 : row.values.length;
            }
        }
        return n;
    }

    private int next(int length) {
        int k = i++;
        if (i >= length) {
            i = 0;
        }
        return k % length;
    }

    /** Per row: encoding detection, decoding and CSV splitting of 1,000 rows. */
    @Benchmark
    @OperationsPerInvocation(PARSE_ROWS)
    public long parseCsv() throws IOException {
        return parseAll("records/x/penalty/chunk.csv", csvChunk);
    }

    /** Per row: the same for JSON lines. */
    @Benchmark
    @OperationsPerInvocation(PARSE_ROWS)
    public long parseJsonl() throws IOException {
        return parseAll("records/x/penalty/chunk.jsonl", jsonlChunk);
    }

    /**
     * RawRow to SupervisionRecord or RejectedRecord: headers, NFKC text, codes, dates, amounts,
     * validation.
     */
    @Benchmark
    public RecordNormalizer.Outcome normalize() {
        return normalizer.normalize(rows[next(rows.length)]);
    }

    /** Check-digit validation of one code (USCC, 注册号, 组织机构代码, 身份证). */
    @Benchmark
    public Identifiers.Kind validateCode() {
        return Identifiers.classify(Identifiers.canonical(codes[next(codes.length)]));
    }

    /** record_id: SHA-256 over type, department and doc_no. */
    @Benchmark
    public String recordId() {
        SupervisionRecord c = copies[next(copies.length)];
        return RecordIds.of(c.getRecordType(), c.getDeptCode(), c.getFields().getDocNo());
    }

    /** One copy into an empty dedup state and the unified record out of it. */
    @Benchmark
    public UnifiedRecord dedupMerge() {
        return CopyMerger.unified(CopyMerger.add(null, copies[next(copies.length)]));
    }

    /** The content fingerprint of a copy (counting distinct revisions). */
    @Benchmark
    public long contentHash() {
        return ContentHash.of(copies[next(copies.length)].getFields());
    }

    /** The rank string that picks the copy giving a unified record its values. */
    @Benchmark
    public String copyRank() {
        return CopyRanking.rank(copies[next(copies.length)]);
    }

    /** The lookup requests of one unified record (identifier, exact name and fuzzy keys). */
    @Benchmark
    public Object linkRequests() {
        return LinkKeys.requestsFor(unified[next(unified.length)]);
    }

    /** Every index place of one registry entry (what the registry index holds per entry). */
    @Benchmark
    public Object registryIndexPlaces() {
        return LinkKeys.indexOf(registry[next(registry.length)]);
    }

    /** Fuzzy name parts of one subject name (region, core, trade name, legal form). */
    @Benchmark
    public NameParts fuzzyNameParts() {
        return NameParts.parse(names[next(names.length)]);
    }

    /** A unified record through Flink's Avro serializer and back, as between two operators. */
    @Benchmark
    public UnifiedRecord serializeAvroUnified() throws IOException {
        out.clear();
        avro.serialize(unified[next(unified.length)], out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return avro.deserialize(in);
    }

    /** An input copy through Flink's Avro serializer and back (parse to dedup). */
    @Benchmark
    public SupervisionRecord serializeAvroCopy() throws IOException {
        out.clear();
        avroCopy.serialize(copies[next(copies.length)], out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return avroCopy.deserialize(in);
    }

    /** {@link #serializeAvroUnified} with guiji's own serializer of its Avro records. */
    @Benchmark
    public UnifiedRecord serializeCompactUnified() throws IOException {
        out.clear();
        compact.serialize(unified[next(unified.length)], out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return compact.deserialize(in);
    }

    /** {@link #serializeAvroCopy} with guiji's own serializer of its Avro records. */
    @Benchmark
    public SupervisionRecord serializeCompactCopy() throws IOException {
        out.clear();
        compactCopy.serialize(copies[next(copies.length)], out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return compactCopy.deserialize(in);
    }

    /**
     * What rebuilding the reverse index read per record after a restore before its key hashes had a
     * state of their own: the record's whole {@link LinkState} (one copy and the state published).
     */
    @Benchmark
    public LinkState restoreReadLinkState() throws IOException {
        byte[] b = linkStateBytes[next(linkStateBytes.length)];
        in.setBuffer(b, 0, b.length);
        return linkStates.deserialize(in);
    }

    /**
     * What a copy of a published record costs its keyed state when the record is kept whole: the
     * state read, the new state compared with the record published, the state written back.
     */
    @Benchmark
    public int copyStateWhole() throws IOException {
        int k = next(wholeStateBytes.length);
        byte[] b = wholeStateBytes[k];
        in.setBuffer(b, 0, b.length);
        LinkState s = linkStates.deserialize(in);
        UnifiedRecord now = unified[k];
        now.setVersion(s.getPublished().getVersion());
        boolean same = now.equals(s.getPublished());
        out.clear();
        linkStates.serialize(s, out);
        return out.length() + (same ? 1 : 0);
    }

    /**
     * The same with the record summarized ({@link PublishedSummaries}): compared by fingerprint.
     */
    @Benchmark
    public int copyStateSummary() throws IOException {
        int k = next(linkStateBytes.length);
        byte[] b = linkStateBytes[k];
        in.setBuffer(b, 0, b.length);
        LinkState s = linkStates.deserialize(in);
        boolean same = summaries.fingerprint(unified[k]) == s.getLast().getFingerprint();
        out.clear();
        linkStates.serialize(s, out);
        return out.length() + (same ? 1 : 0);
    }

    /** What it reads now: the record's key hashes ({@code link-watched}). */
    @Benchmark
    public long[] restoreReadKeyHashes() throws IOException {
        byte[] b = keyHashBytes[next(keyHashBytes.length)];
        in.setBuffer(b, 0, b.length);
        return keyHashes.deserialize(in);
    }

    /** A unified record as one JSON line of unified/*.jsonl. */
    @Benchmark
    public int serializeJsonLine() throws IOException {
        json.reset();
        OutputJson.write(generator, unified[next(unified.length)]);
        generator.flush();
        return json.size();
    }
}
