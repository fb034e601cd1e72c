package io.guiji.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.generator.Decision.Copy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A realistic, seeded sample input for guiji (docs/contract.md §3) and what a correct run must
 * count on it: a registry of enterprises and individual businesses, the resource catalogue of 朝阳市's
 * departments, and supervision records from several channels per department and type, with the
 * data-quality problems of docs/domain.md §7 and every rejection of docs/contract.md §7 at
 * configurable rates.
 *
 * <pre>{@code
 * SampleGenerator.Settings s = SampleGenerator.Settings.small().seed(42).today(LocalDate.of(2026, 11, 25));
 * GenerationResult r = new SampleGenerator(s).generate(inputDir);
 * }</pre>
 *
 * <p>The same settings give byte-identical files. Records are streamed to their files item by item
 * (department × type), so memory stays constant apart from the registry arrays (about 100 bytes an
 * entry; with a {@link GenerationListener} also an exact-name index of the registry). The expected
 * counts ({@link Tally}) come from what the generator wrote, never from pipeline code; a listener
 * hears every record as it is written (the tests' ground truth is written that way). {@link Noise}
 * lists the kinds of realism.
 *
 * <p>The pipeline must run with the same day of processing ({@link Settings#today}): decision dates
 * lie before it, and the {@code INVALID_DATE} rows for future dates lie after it.
 */
public final class SampleGenerator {
    /**
     * Most registry entries: the name and code spaces hold more, the heap (about 150 bytes an
     * entry) less.
     */
    public static final int MAX_ENTERPRISES = 10_000_000;

    private final Settings settings;

    public SampleGenerator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings").copy();
    }

    /** What to generate. Setters return {@code this}; the generator takes a copy. */
    public static final class Settings {
        private long seed = 42;
        private LocalDate today = LocalDate.now();
        private long records;
        private int enterprises;
        private boolean ensureEveryNoise;
        private double noiseScale = 1.0;
        private double rejectRate = 0.035;
        private double fileRejectRate = 0.06;
        private double duplicateRate = 0.3;
        private double personShare = 1.0;
        private double individualShare = 0.25;
        private double individualRecordShare = 0.15;
        private boolean individualRegistryFile = true;
        private double target = 0.95;
        private int unknownSourceRows = 3;

        private Settings(long records, int enterprises, boolean ensureEveryNoise) {
            this.records = records;
            this.enterprises = enterprises;
            this.ensureEveryNoise = ensureEveryNoise;
        }

        /**
         * For {@code bin/guiji demo}: about 3,000 records, 1,200 registry entries, every kind of
         * noise.
         */
        public static Settings demo() {
            return new Settings(3_000, 1_200, true);
        }

        /**
         * For tests: about 600 records, 300 registry entries, every kind of noise at least once.
         */
        public static Settings small() {
            return new Settings(600, 300, true);
        }

        /**
         * For benchmarks: about {@code records} records and {@code enterprises} registry entries,
         * noise at its rates.
         */
        public static Settings scaled(long records, int enterprises) {
            return new Settings(records, enterprises, false);
        }

        public Settings seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The day of processing: decisions lie before it; the pipeline must use the same day. */
        public Settings today(LocalDate today) {
            this.today = Objects.requireNonNull(today, "today");
            return this;
        }

        /** About how many input records (rows under {@code records/}) to write. */
        public Settings records(long records) {
            this.records = records;
            return this;
        }

        /** How many registry entries to write. */
        public Settings enterprises(int enterprises) {
            this.enterprises = enterprises;
            return this;
        }

        /** Whether every kind of {@link Noise} is forced to occur at least once. */
        public Settings ensureEveryNoise(boolean on) {
            this.ensureEveryNoise = on;
            return this;
        }

        /** Multiplies every noise and rejection rate (0: clean input apart from forced kinds). */
        public Settings noiseScale(double scale) {
            this.noiseScale = scale;
            return this;
        }

        /** Share of decisions that get a broken copy (before {@link #noiseScale}). */
        public Settings rejectRate(double rate) {
            this.rejectRate = rate;
            return this;
        }

        /**
         * Share of items whose system file gets a row with undecodable bytes, and an unterminated
         * last row.
         */
        public Settings fileRejectRate(double rate) {
            this.fileRejectRate = rate;
            return this;
        }

        /** Share of decisions also sent through another channel. */
        public Settings duplicateRate(double rate) {
            this.duplicateRate = rate;
            return this;
        }

        /**
         * Multiplies the share of natural persons among parties (0.3 of court cases, 0.1 of
         * penalties …).
         */
        public Settings personShare(double share) {
            this.personShare = share;
            return this;
        }

        /** Share of individual businesses in the registry. */
        public Settings individualShare(double share) {
            this.individualShare = share;
            return this;
        }

        /** Share of records concerning individual businesses. */
        public Settings individualRecordShare(double share) {
            this.individualRecordShare = share;
            return this;
        }

        /**
         * Whether individual businesses go to {@code registry/individual.jsonl} (else into the
         * CSV).
         */
        public Settings individualRegistryFile(boolean on) {
            this.individualRegistryFile = on;
            return this;
        }

        /** The coverage target the truth's {@code status} is judged against. */
        public Settings target(double target) {
            this.target = target;
            return this;
        }

        /** Rows of the file under a folder that names no record type (0: no such file). */
        public Settings unknownSourceRows(int rows) {
            this.unknownSourceRows = rows;
            return this;
        }

        public long seed() {
            return seed;
        }

        public LocalDate today() {
            return today;
        }

        public long records() {
            return records;
        }

        public int enterprises() {
            return enterprises;
        }

        public boolean ensureEveryNoise() {
            return ensureEveryNoise;
        }

        public double noiseScale() {
            return noiseScale;
        }

        public double rejectRate() {
            return rejectRate;
        }

        public double fileRejectRate() {
            return fileRejectRate;
        }

        public double duplicateRate() {
            return duplicateRate;
        }

        public double personShare() {
            return personShare;
        }

        public double individualShare() {
            return individualShare;
        }

        public double individualRecordShare() {
            return individualRecordShare;
        }

        public boolean individualRegistryFile() {
            return individualRegistryFile;
        }

        public double target() {
            return target;
        }

        public int unknownSourceRows() {
            return unknownSourceRows;
        }

        Settings copy() {
            Settings s = new Settings(records, enterprises, ensureEveryNoise);
            s.seed = seed;
            s.today = today;
            s.noiseScale = noiseScale;
            s.rejectRate = rejectRate;
            s.fileRejectRate = fileRejectRate;
            s.duplicateRate = duplicateRate;
            s.personShare = personShare;
            s.individualShare = individualShare;
            s.individualRecordShare = individualRecordShare;
            s.individualRegistryFile = individualRegistryFile;
            s.target = target;
            s.unknownSourceRows = unknownSourceRows;
            return s;
        }

        void validate() {
            require(records >= 1, "records must be at least 1, was " + records);
            require(
                    enterprises >= 100 && enterprises <= MAX_ENTERPRISES,
                    "enterprises must be between 100 and "
                            + MAX_ENTERPRISES
                            + ", was "
                            + enterprises);
            require(
                    noiseScale >= 0
                            && rejectRate >= 0
                            && fileRejectRate >= 0
                            && duplicateRate >= 0
                            && personShare >= 0,
                    "rates must not be negative");
            require(
                    individualShare >= 0 && individualShare <= 0.9,
                    "individualShare must be between 0 and 0.9");
            require(
                    individualRecordShare >= 0 && individualRecordShare <= 1,
                    "individualRecordShare must be between 0 and 1");
            require(target > 0 && target <= 1, "target must be in (0, 1]");
            require(unknownSourceRows >= 0, "unknownSourceRows must not be negative");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /**
     * What the generator writes into the input directory; a directory holding only these is reused.
     */
    private static final Set<String> INPUT_ENTRIES = Set.of("registry", "catalog", "records");

    /**
     * Writes the sample input under {@code inputDir}. The directory must be absent, empty, or hold
     * nothing but an earlier sample (which is replaced); anything else in it is refused rather than
     * mixed or deleted.
     *
     * @throws IllegalArgumentException for invalid settings or a directory holding other files
     * @throws UncheckedIOException when a file cannot be written
     */
    public GenerationResult generate(Path inputDir) {
        return generate(inputDir, null);
    }

    /**
     * {@link #generate(Path)}, with {@code listener} (may be null) hearing every record as it is
     * written.
     */
    GenerationResult generate(Path inputDir, GenerationListener listener) {
        settings.validate();
        Objects.requireNonNull(inputDir, "inputDir");
        prepare(inputDir, INPUT_ENTRIES);
        try {
            return run(inputDir, listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GenerationResult run(Path inputDir, GenerationListener listener) throws IOException {
        ObjectMapper json =
                new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        Random rnd = new Random(settings.seed());
        NoisePlanner planner =
                new NoisePlanner(rnd, settings.ensureEveryNoise(), settings.noiseScale());
        NameFactory names = new NameFactory(rnd);
        CodeFactory codes = new CodeFactory(settings.seed());

        RegistryFactory registryFactory = new RegistryFactory(settings, planner, names);
        GeneratedRegistry registry = registryFactory.build(codes, listener != null);
        Tally tally = new Tally();
        GenerationListener heard =
                listener == null ? tally : GenerationListener.both(tally, listener);
        heard.registry(registry);
        int totalFiles = registryFactory.write(registry, inputDir.resolve("registry"), json).size();

        Catalog catalog = Catalog.plan(planner);
        catalog.write(inputDir.resolve("catalog").resolve("catalog.csv"));
        totalFiles++;

        DecisionFactory decisions = new DecisionFactory(settings, planner, registry, names, codes);
        List<GenerationResult.InputFile> files = new ArrayList<>();
        double total = 0;
        for (Catalog.Item item : catalog.items()) {
            total += item.weight();
        }
        for (Catalog.Item item : catalog.items()) {
            long budget = Math.max(1, Math.round(settings.records() * item.weight() / total));
            files.addAll(writeItem(item, budget, planner, decisions, heard, inputDir, json));
        }
        if (settings.unknownSourceRows() > 0) {
            files.add(
                    writeUnknownSource(
                            catalog.items().get(0).dept(), registry, planner, heard, inputDir));
        }
        totalFiles += files.size();
        tally.finish(catalog);

        if (listener != null) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("seed", settings.seed());
            meta.put("today", settings.today().toString());
            meta.put("records_setting", settings.records());
            meta.put("registry_entries", registry.size());
            meta.put("target", settings.target());
            Map<String, Long> noise = new LinkedHashMap<>();
            planner.counts().forEach((k, v) -> noise.put(k.name(), v));
            meta.put("noise", noise);
            meta.put("files", files);
            listener.finish(catalog, settings.target(), tally, meta);
        }

        return new GenerationResult(
                settings.seed(),
                settings.today(),
                inputDir,
                tally.written(),
                tally.accepted(),
                tally.rejected(),
                tally.unified(),
                Collections.unmodifiableMap(new TreeMap<>(tally.rejectedByReason())),
                registry.size(),
                List.copyOf(files),
                totalFiles,
                tally.coverage().deptCoverage(),
                tally.coverage().itemCoverage(),
                Collections.unmodifiableMap(planner.counts()));
    }

    /** Writes one department × type: decisions until its share of records is reached. */
    private List<GenerationResult.InputFile> writeItem(
            Catalog.Item item,
            long budget,
            NoisePlanner planner,
            DecisionFactory decisions,
            GenerationListener heard,
            Path inputDir,
            ObjectMapper json) {
        Random rnd = planner.random();
        try (ItemChannels ch =
                ItemChannels.plan(
                        item,
                        planner,
                        inputDir,
                        json,
                        settings.fileRejectRate() * settings.noiseScale())) {
            int seq = 1 + rnd.nextInt(300);
            Decision last = null;
            boolean first = true;
            while (ch.rows() < budget) {
                Decision d = decisions.next(ch, seq, first && ch.badBytes);
                for (Copy c : d.copies) {
                    write(c, d, ch, planner, heard);
                }
                heard.decision(d);
                if (d.copies.stream().anyMatch(Copy::accepted)) {
                    last = d;
                }
                seq += 1 + rnd.nextInt(3);
                first = false;
            }
            if (ch.unterminatedQuote && last != null) {
                write(decisions.unterminatedCopy(last, ch), last, ch, planner, heard);
            }
            return ch.closeAll();
        }
    }

    private static void write(
            Copy c, Decision d, ItemChannels ch, NoisePlanner planner, GenerationListener heard) {
        ChannelWriter w = ch.writer(c.channel);
        if (planner.chance(Noise.FILE_BLANK_LINES, 0.01)) {
            w.blankLine();
            planner.hit(Noise.FILE_BLANK_LINES);
        }
        long row;
        if (c.reject == null) {
            row = w.write(c.values);
        } else {
            row =
                    switch (c.reject) {
                        case REJECT_COLUMN_COUNT ->
                                w.writeWrongColumnCount(c.values, planner.draw(0.5));
                        case REJECT_BROKEN_JSON -> w.writeBrokenJson(c.values);
                        case REJECT_BAD_BYTES -> w.writeBadBytes(c.values);
                        case REJECT_UNTERMINATED_QUOTE -> w.writeUnterminatedQuote(c.values);
                        default -> w.write(c.values);
                    };
            planner.hit(c.reject);
        }
        c.file = w.path();
        c.row = row;
        ch.counted();
        heard.row(d, c);
    }

    /**
     * A file under {@code records/<dept>/reward/}: 行政奖励 is no record type, so every row is
     * UNKNOWN_SOURCE.
     */
    private GenerationResult.InputFile writeUnknownSource(
            Catalog.Department dept,
            GeneratedRegistry registry,
            NoisePlanner planner,
            GenerationListener heard,
            Path inputDir) {
        String path = "records/" + dept.code() + "/reward/reward.csv";
        List<Layouts.Column> columns =
                List.of(
                        new Layouts.Column("subject_name", "行政相对人名称"),
                        new Layouts.Column("uscc", "统一社会信用代码"),
                        new Layouts.Column("x_award", "奖励名称"),
                        new Layouts.Column("x_date", "奖励决定日期"),
                        new Layouts.Column("authority", "奖励机关"));
        List<String> headers = columns.stream().map(Layouts.Column::header).toList();
        Random rnd = planner.random();
        try (ChannelWriter w =
                ChannelWriter.csv(
                        inputDir,
                        path,
                        "unknown_source",
                        Layouts.Kind.CHINESE,
                        columns,
                        headers,
                        ChannelWriter.Encoding.UTF8,
                        false,
                        false)) {
            for (int k = 0; k < settings.unknownSourceRows(); k++) {
                int i = registry.enterprises.pick(rnd);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("subject_name", registry.name(i));
                v.put("uscc", registry.uscc(i));
                v.put("x_award", "守合同重信用企业");
                v.put("x_date", settings.today().minusDays(30 + rnd.nextInt(300)).toString());
                v.put("authority", dept.name());
                long row = w.write(v);
                planner.hit(Noise.REJECT_UNKNOWN_SOURCE);
                heard.unknownSource(path, row, dept.code());
            }
            return w.info();
        }
    }

    /** Checks that {@code dir} holds nothing but {@code own} entries, and deletes those. */
    static void prepare(Path dir, Set<String> own) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        try {
            List<Path> entries;
            try (Stream<Path> s = Files.list(dir)) {
                entries = s.sorted().toList();
            }
            for (Path p : entries) {
                if (!own.contains(p.getFileName().toString())) {
                    throw new IllegalArgumentException(
                            dir
                                    + " is not empty ("
                                    + p.getFileName()
                                    + "); the sample is written into an empty directory or over an earlier sample");
                }
            }
            for (Path p : entries) {
                try (Stream<Path> tree = Files.walk(p)) {
                    for (Path q : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Command line for benchmarks: {@code --input DIR [--preset demo|small] [--records N]
     * [--enterprises N] [--seed S] [--today yyyy-MM-dd]}.
     */
    public static void main(String[] args) {
        try {
            Path input = null;
            Settings s = null;
            Long records = null;
            Integer enterprises = null;
            Long seed = null;
            LocalDate today = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--input" -> input = Path.of(v);
                    case "--preset" ->
                            s =
                                    switch (v) {
                                        case "demo" -> Settings.demo();
                                        case "small" -> Settings.small();
                                        default ->
                                                throw new IllegalArgumentException(
                                                        "--preset is demo or small, not " + v);
                                    };
                    case "--records" -> records = Long.parseLong(v);
                    case "--enterprises" -> enterprises = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--today" -> today = LocalDate.parse(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (input == null) {
                throw new IllegalArgumentException("--input DIR is required");
            }
            if (s == null) {
                s =
                        Settings.scaled(
                                records == null ? 100_000 : records,
                                enterprises == null ? 100_000 : enterprises);
            }
            if (records != null) {
                s.records(records);
            }
            if (enterprises != null) {
                s.enterprises(enterprises);
            }
            if (seed != null) {
                s.seed(seed);
            }
            if (today != null) {
                s.today(today);
            }
            System.out.println(new SampleGenerator(s).generate(input).summary());
        } catch (IllegalArgumentException | DateTimeParseException | UncheckedIOException e) {
            System.err.println("sample generator: " + e.getMessage());
            System.exit(2);
        }
    }
}
