package io.guiji.generator.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.TabularFiles;
import io.guiji.generator.SampleGenerator;
import io.guiji.jobs.cli.Guiji;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.util.CloseableIterator;

/**
 * Whole-file fuzzing of the bounded run (docs/contract.md §3, §7, §10): a valid sample input (the
 * demo generator's: CSV in UTF-8 with and without BOM and GBK, JSONL, both field layouts,
 * multi-line quoted fields), plus damaged copies of its record files ({@link FileMutator}), run
 * through {@code guiji run} in-process, then checked:
 *
 * <ol>
 *   <li>the run ends with exit code 0;
 *   <li>for every input file, the {@code (file, row)} references of the final unified states'
 *       {@code sources} and of {@code rejected/} are distinct and are exactly 1..N (no gap, no
 *       duplicate, no row 0);
 *   <li>N is consistent with the file: JSONL, N = its non-blank lines; CSV, N ≤ its non-blank lines
 *       minus the header;
 *   <li>the original's records lying wholly in the untouched start of a damaged file come out as
 *       its first rows, with the same outcome (accepted, or rejected for the same reason) as in the
 *       original; so do those wholly in the untouched end, as its last rows (for CSV those after
 *       the reach of any valid record that could start in the damaged middle: a stray quote closed
 *       by a later one, with the right field count, legitimately takes the lines it spans; a broken
 *       record costs its first line only). Outcomes are compared when the damaged file is detected
 *       in the original's encoding;
 *   <li>no value of a unified record is longer than a field may be (64 Ki characters by default).
 * </ol>
 *
 * One run checks a batch of many damaged files, since each run costs seconds. The seed makes a
 * batch reproducible: the same seed gives the same files.
 */
public final class WholeFileFuzz {
    /** Damaged files of a batch whose untouched records can be compared with the original's. */
    static final int MIN_COMPARABLE = 3;

    /** A batch stops at this many times the files asked for, comparable or not. */
    private static final int MAX_EXTRA_FACTOR = 10;

    /** The day of processing of every run (decision dates after it are rejected). */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static final JsonFactory JSON =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxStringLength(Integer.MAX_VALUE)
                                    .maxNumberLength(Integer.MAX_VALUE)
                                    .build())
                    .build();

    private WholeFileFuzz() {}

    /** The valid sample every batch starts from, and what its record files give when read. */
    public static final class Base {
        final Path input;

        /** Record files usable as originals: relative path → their records' line spans. */
        final Map<String, Original> originals = new TreeMap<>();

        private Base(Path input) {
            this.input = input;
        }

        public int originals() {
            return originals.size();
        }
    }

    /**
     * A record file of the sample, its bytes and which physical lines each of its records spans.
     */
    record Original(
            String file,
            byte[] bytes,
            boolean jsonl,
            Charset charset,
            FileLayout layout,
            int headerLine,
            List<int[]> records) {}

    /** Generates the sample under {@code dir} (the same for the same seed). */
    public static Base prepare(Path dir, long seed) throws IOException {
        Path input = dir.resolve("base");
        new SampleGenerator(
                        SampleGenerator.Settings.small()
                                .records(240)
                                .enterprises(100)
                                .seed(seed)
                                .today(TODAY))
                .generate(input);
        Base base = new Base(input);
        for (Path f : files(input.resolve("records"))) {
            String rel = TabularFiles.relativePath(f, input);
            Original o = original(rel, Files.readAllBytes(f), f, input);
            if (o != null) {
                base.originals.put(rel, o);
            }
        }
        return base;
    }

    /**
     * The original's records as line spans, or null when its rows cannot be placed on its lines.
     */
    private static Original original(String rel, byte[] bytes, Path file, Path root)
            throws IOException {
        boolean jsonl = rel.endsWith(".jsonl");
        if (!jsonl && !rel.endsWith(".csv")) {
            return null;
        }
        FileLayout layout = FileLayout.of(bytes, jsonl);
        List<int[]> spans = new ArrayList<>();
        int line = 0;
        int header = -1;
        if (!jsonl) {
            while (line < layout.lines.size() && layout.lines.get(line).blank()) {
                line++;
            }
            header = line++;
        }
        try (CloseableIterator<RawRow> rows = TabularFiles.open(file, root)) {
            while (rows.hasNext()) {
                RawRow r = rows.next();
                while (line < layout.lines.size() && layout.lines.get(line).blank()) {
                    line++;
                }
                int last = line + breaks(r.raw);
                if (r.row != spans.size() + 1 || last >= layout.lines.size()) {
                    return null;
                }
                spans.add(new int[] {line, last});
                line = last + 1;
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading the valid original " + rel, e);
        }
        return new Original(rel, bytes, jsonl, layout.encoding.charset(), layout, header, spans);
    }

    private static int breaks(String raw) {
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= raw.length() || raw.charAt(i + 1) != '\n'))) {
                n++;
            }
        }
        return n;
    }

    /** What one batch found. */
    public record Outcome(
            long seed,
            int files,
            long records,
            long compared,
            int exitCode,
            List<String> violations,
            Path input) {
        public boolean ok() {
            return violations.isEmpty();
        }

        /** The violations, at most {@code max} of them, one a line, with the seed to replay. */
        public String report(int max) {
            StringBuilder s =
                    new StringBuilder(
                            "whole-file fuzzing, batch seed "
                                    + seed
                                    + ": "
                                    + violations.size()
                                    + " violation(s) in a batch of "
                                    + files
                                    + " damaged files\n");
            violations.stream().limit(max).forEach(v -> s.append("  ").append(v).append('\n'));
            if (violations.size() > max) {
                s.append("  … ").append(violations.size() - max).append(" more\n");
            }
            return s.toString();
        }
    }

    /** A damaged copy written into the batch's input, with what was done to it. */
    private record Damaged(String file, Original original, FileMutator.Mutated mutated) {}

    /**
     * The same damage and checks at the reading layer only, in memory: {@code count} damaged copies
     * read by {@link TabularFiles#reader} (the reader the job's file source uses), a row's outcome
     * being "ACCEPTED" when it parsed and "REJECTED MALFORMED" when not. Thousands of files a
     * second, without Flink; it finds where reading loses or doubles rows, and a parsed row with a
     * field over the limit.
     */
    public static Outcome readBatch(Base base, long seed, Set<FileMutator.Kind> kinds, int count) {
        Random rnd = new Random(seed);
        List<Original> originals = new ArrayList<>(base.originals.values());
        List<String> violations = new ArrayList<>();
        long records = 0;
        long compared = 0;
        Map<String, Map<Long, List<String>>> originalRows = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Original o = originals.get(rnd.nextInt(originals.size()));
            FileMutator.Mutated m =
                    FileMutator.mutate(
                            o.bytes(), o.charset(), o.jsonl(), kinds, 1 + rnd.nextInt(3), rnd);
            String what =
                    o.file() + " damaged " + m.applied() + " (seed " + seed + ", file " + i + ")";
            Map<Long, List<String>> rows = new TreeMap<>();
            try {
                rows = read(o.file(), m.bytes(), what, violations);
            } catch (RuntimeException | IOException e) {
                violations.add(what + ": reading threw " + e);
                continue;
            }
            records += rows.size();
            check(what, rows, m.bytes(), o.jsonl(), !o.jsonl(), violations);
            if (allPlacedOnce(rows)) {
                Map<Long, List<String>> before =
                        originalRows.computeIfAbsent(
                                o.file(),
                                f -> {
                                    try {
                                        return read(f, o.bytes(), f, violations);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                });
                compared +=
                        checkUntouched(what, new Damaged(o.file(), o, m), rows, before, violations);
            }
        }
        return new Outcome(seed, count, records, compared, 0, violations, null);
    }

    private static Map<Long, List<String>> read(
            String file, byte[] bytes, String what, List<String> violations) throws IOException {
        Map<Long, List<String>> rows = new TreeMap<>();
        try (io.guiji.connectors.file.RowReader reader =
                TabularFiles.reader(file, () -> new java.io.ByteArrayInputStream(bytes))) {
            for (RawRow r = reader.next(); r != null; r = reader.next()) {
                rows.computeIfAbsent(r.row, k -> new ArrayList<>())
                        .add(r.error == null ? "ACCEPTED" : "REJECTED MALFORMED");
                if (r.error == null) {
                    for (int c = 0; c < r.values.length; c++) {
                        if (r.values[c] != null && r.values[c].length() > MAX_FIELD_CHARS) {
                            violations.add(
                                    what
                                            + ": row "
                                            + r.row
                                            + " parsed with a field of "
                                            + r.values[c].length()
                                            + " characters ("
                                            + (c < r.header.length
                                                    ? r.header[c]
                                                    : "column " + (c + 1))
                                            + "; limit "
                                            + MAX_FIELD_CHARS
                                            + ")");
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Writes the sample plus {@code count} damaged copies of its record files (more, up to ten
     * times as many, until {@value #MIN_COMPARABLE} of them keep untouched records in the
     * original's encoding), and one damaged copy of each registry and catalogue file, under {@code
     * work}; runs {@code guiji run} on them and checks the outputs.
     */
    public static Outcome runBatch(
            Base base, Path work, long seed, Set<FileMutator.Kind> kinds, int count)
            throws IOException {
        Random rnd = new Random(seed);
        Path input = work.resolve("input");
        Path output = work.resolve("output");
        copy(base.input, input);
        List<Original> originals = new ArrayList<>(base.originals.values());
        List<Damaged> damaged = new ArrayList<>();
        // Most damage to bytes changes the encoding a small file is read in, and then nothing of it
        // can be compared with the original; a batch goes on until a few files can, so that the
        // comparison is never left out by chance.
        int comparable = 0;
        for (int i = 0;
                i < count || (comparable < MIN_COMPARABLE && i < count * MAX_EXTRA_FACTOR);
                i++) {
            Original o = originals.get(rnd.nextInt(originals.size()));
            FileMutator.Mutated m =
                    FileMutator.mutate(
                            o.bytes(), o.charset(), o.jsonl(), kinds, 1 + rnd.nextInt(3), rnd);
            String name = o.file().substring(o.file().lastIndexOf('/') + 1);
            String rel =
                    o.file().substring(0, o.file().lastIndexOf('/') + 1)
                            + String.format("fuzz%04d-%s", i, name);
            Files.write(input.resolve(rel), m.bytes());
            Damaged d = new Damaged(rel, o, m);
            damaged.add(d);
            if (untouched(d).comparable()) {
                comparable++;
            }
        }
        for (String ref : List.of("registry", "catalog")) {
            for (Path f : files(base.input.resolve(ref))) {
                byte[] bytes = Files.readAllBytes(f);
                FileLayout l = FileLayout.of(bytes, false);
                FileMutator.Mutated m =
                        FileMutator.mutate(
                                bytes,
                                l.encoding.charset(),
                                f.toString().endsWith(".jsonl"),
                                kinds,
                                1 + rnd.nextInt(3),
                                rnd);
                Files.write(
                        input.resolve(TabularFiles.relativePath(f, base.input))
                                .resolveSibling("fuzz-" + f.getFileName()),
                        m.bytes());
            }
        }

        int exit = runCli(input, output);
        List<String> violations = new ArrayList<>();
        if (exit != 0) {
            violations.add(
                    "guiji run ended with exit code "
                            + exit
                            + ": "
                            + String.join(" | ", lastCliErrors));
            return new Outcome(seed, damaged.size(), 0, 0, exit, violations, input);
        }
        checkFieldSizes(output.resolve("unified"), violations);
        Map<String, Map<Long, List<String>>> placed = placements(output);
        long records = 0;
        for (Map<Long, List<String>> rows : placed.values()) {
            records += rows.size();
        }
        long[] compared = {0};
        Map<String, Damaged> byFile = new HashMap<>();
        damaged.forEach(d -> byFile.put(d.file(), d));
        for (Path f : files(input.resolve("records"))) {
            String rel = TabularFiles.relativePath(f, input);
            Map<Long, List<String>> rows = placed.getOrDefault(rel, Map.of());
            Damaged d = byFile.get(rel);
            String what = d == null ? rel : rel + " " + d.mutated().applied();
            check(
                    what,
                    rows,
                    Files.readAllBytes(f),
                    rel.endsWith(".jsonl"),
                    rel.endsWith(".csv"),
                    violations);
            if (d != null && allPlacedOnce(rows)) {
                compared[0] +=
                        checkUntouched(
                                what,
                                d,
                                rows,
                                placed.getOrDefault(d.original().file(), Map.of()),
                                violations);
            }
        }
        for (String file : placed.keySet()) {
            if (!Files.isRegularFile(input.resolve(file))) {
                violations.add(file + ": referenced by the outputs but not an input file");
            }
        }
        return new Outcome(seed, damaged.size(), records, compared[0], exit, violations, input);
    }

    /** References distinct and exactly 1..N; N consistent with the file's lines. */
    static void check(
            String what,
            Map<Long, List<String>> rows,
            byte[] bytes,
            boolean jsonl,
            boolean csv,
            List<String> violations) {
        long n = rows.size();
        for (Map.Entry<Long, List<String>> e : rows.entrySet()) {
            if (e.getValue().size() > 1) {
                violations.add(
                        what
                                + ": row "
                                + e.getKey()
                                + " appears "
                                + e.getValue().size()
                                + " times: "
                                + e.getValue());
            }
            if (e.getKey() < 1 || e.getKey() > n) {
                violations.add(
                        what
                                + ": rows are not 1.."
                                + n
                                + ": row "
                                + e.getKey()
                                + " ("
                                + e.getValue()
                                + ")");
            }
        }
        FileLayout layout = FileLayout.of(bytes, jsonl);
        int nonBlank = layout.nonBlankLines();
        if (jsonl && n != nonBlank) {
            violations.add(
                    what
                            + ": "
                            + n
                            + " rows accounted for, but the file has "
                            + nonBlank
                            + " non-blank lines");
        }
        if (csv && n > Math.max(0, nonBlank - 1)) {
            violations.add(
                    what
                            + ": "
                            + n
                            + " rows accounted for, more than its "
                            + nonBlank
                            + " non-blank lines minus the header");
        }
    }

    private static boolean allPlacedOnce(Map<Long, List<String>> rows) {
        return rows.values().stream().allMatch(v -> v.size() == 1);
    }

    /**
     * How many of the original's records lie wholly in the damaged file's untouched start and end,
     * and whether it is still read in the original's encoding. Known before any run.
     */
    private record Untouched(int prefix, int suffix, boolean sameEncoding) {
        /** Whether a run can compare any of its records with the original's. */
        boolean comparable() {
            return sameEncoding && prefix + suffix > 0;
        }
    }

    /**
     * The original's records wholly inside the untouched start and end come out as they did from
     * the original; returns how many rows were compared.
     */
    private static int checkUntouched(
            String what,
            Damaged d,
            Map<Long, List<String>> rows,
            Map<Long, List<String>> originalRows,
            List<String> violations) {
        Original o = d.original();
        Untouched u = untouched(d);
        int prefix = u.prefix();
        int suffix = u.suffix();
        long n = rows.size();
        if (n < prefix + suffix) {
            violations.add(
                    what
                            + ": "
                            + n
                            + " rows accounted for, but "
                            + prefix
                            + " untouched records at the start and "
                            + suffix
                            + " at the end must all be there");
            return 0;
        }
        if (!u.sameEncoding()) {
            return 0; // decoded otherwise: the same bytes may now be other text
        }
        int originalCount = o.records().size();
        for (int r = 1; r <= prefix; r++) {
            compare(
                    what,
                    r,
                    rows.get((long) r),
                    r,
                    originalRows.get((long) r),
                    o.file(),
                    violations);
        }
        for (int i = 0; i < suffix; i++) {
            long row = n - i;
            long originalRow = originalCount - i;
            compare(
                    what,
                    row,
                    rows.get(row),
                    originalRow,
                    originalRows.get(originalRow),
                    o.file(),
                    violations);
        }
        return prefix + suffix;
    }

    private static Untouched untouched(Damaged d) {
        Original o = d.original();
        FileMutator.Mutated m = d.mutated();
        int size = o.bytes().length;
        List<FileLayout.Line> lines = o.layout().lines;
        // A CSV header damaged changes every row; a JSONL file has none.
        boolean headerIntact =
                o.jsonl()
                        || (o.headerLine() >= 0
                                && o.headerLine() < lines.size()
                                && lines.get(o.headerLine()).terminated()
                                && lines.get(o.headerLine()).next() <= m.untouchedPrefix());
        int prefix = 0;
        if (headerIntact) {
            for (int[] span : o.records()) {
                FileLayout.Line last = lines.get(span[1]);
                if (!last.terminated() || last.next() > m.untouchedPrefix()) {
                    break;
                }
                prefix++;
            }
        }
        // Records of the original wholly in the untouched end, from the last one back.
        List<Integer> tailRecords = new ArrayList<>();
        int tailStart = size - m.untouchedSuffix();
        for (int r = o.records().size() - 1; r >= prefix && headerIntact; r--) {
            int[] span = o.records().get(r);
            // the break before the record's first line is untouched too, so the line still starts
            // there
            if (span[0] == 0 || lines.get(span[0]).start() - 1 < tailStart) {
                break;
            }
            tailRecords.add(r);
        }
        FileLayout damagedLayout = FileLayout.of(m.bytes(), o.jsonl());
        int shift = m.bytes().length - size;
        int suffix = tailRecords.size();
        if (!o.jsonl() && suffix > 0) {
            // A record starting in the damaged middle may run into the untouched end and still be a
            // valid record (a stray quote closed by a later one, the field count right by chance):
            // the records it covers are then legitimately gone. Every middle line is tried as a
            // start, since the reader resumes at the line after a broken record's first.
            int columns = fieldCount(lines.get(o.headerLine()).text());
            int middleStart =
                    prefix == 0
                            ? lines.get(o.headerLine()).next()
                            : lines.get(o.records().get(prefix - 1)[1]).next();
            int endStart =
                    lines.get(o.records().get(tailRecords.get(suffix - 1))[0]).start() + shift;
            int reach = -1;
            for (int l = 0; l < damagedLayout.lines.size(); l++) {
                FileLayout.Line line = damagedLayout.lines.get(l);
                if (line.start() < middleStart || line.start() >= endStart || line.blank()) {
                    continue;
                }
                int end = damagedLayout.validCsvRecordEnd(l, columns);
                if (end >= 0) {
                    reach = Math.max(reach, damagedLayout.lines.get(end).start());
                }
            }
            suffix = 0;
            for (int r : tailRecords) {
                if (lines.get(o.records().get(r)[0]).start() + shift <= reach) {
                    break;
                }
                suffix++;
            }
        }
        return new Untouched(prefix, suffix, damagedLayout.encoding.equals(o.layout().encoding));
    }

    /** The number of fields of a one-line CSV record. */
    private static int fieldCount(String line) {
        int fields = 1;
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == ',' && !inQuotes) {
                fields++;
            }
        }
        return fields;
    }

    private static void compare(
            String what,
            long row,
            List<String> got,
            long originalRow,
            List<String> expected,
            String original,
            List<String> violations) {
        if (got == null || expected == null || !got.equals(expected)) {
            violations.add(
                    what
                            + ": untouched record at row "
                            + row
                            + " came out as "
                            + got
                            + ", but as "
                            + expected
                            + " from "
                            + original
                            + " row "
                            + originalRow);
        }
    }

    /**
     * The default limit of one field (docs/contract.md §3: a field over it makes its record
     * MALFORMED), so no value of an accepted record is longer.
     */
    static final int MAX_FIELD_CHARS = 64 * 1024;

    /** No string or number in a unified record is longer than a field may be. */
    private static void checkFieldSizes(Path unified, List<String> violations) throws IOException {
        for (Path f : files(unified)) {
            for (String line : Files.readAllLines(f, UTF_8)) {
                if (line.length() <= MAX_FIELD_CHARS) {
                    continue;
                }
                try (JsonParser p = JSON.createParser(line)) {
                    String recordId = null;
                    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                        if (t == JsonToken.VALUE_STRING && "record_id".equals(p.currentName())) {
                            recordId = p.getText();
                        }
                        if ((t == JsonToken.VALUE_STRING
                                        || t == JsonToken.VALUE_NUMBER_INT
                                        || t == JsonToken.VALUE_NUMBER_FLOAT)
                                && p.getTextLength() > MAX_FIELD_CHARS) {
                            violations.add(
                                    "unified record "
                                            + (recordId == null ? "?" : recordId)
                                            + ": field "
                                            + p.currentName()
                                            + " of "
                                            + p.getTextLength()
                                            + " characters accepted (limit "
                                            + MAX_FIELD_CHARS
                                            + "; a record with a longer field is MALFORMED)");
                        }
                    }
                }
            }
        }
    }

    /** file → row → how it came out ("ACCEPTED" or "REJECTED reason"), once per appearance. */
    static Map<String, Map<Long, List<String>>> placements(Path output) throws IOException {
        Map<String, Map<Long, List<String>>> placed = new HashMap<>();
        Map<String, Long> finalVersion = new HashMap<>();
        Map<String, List<String[]>> sourcesByRecord = new HashMap<>();
        for (Path f : files(output.resolve("unified"))) {
            forEachObject(
                    f,
                    (obj) -> {
                        String id = (String) obj.get("record_id");
                        long version = ((Number) obj.get("version")).longValue();
                        if (version >= finalVersion.getOrDefault(id, Long.MIN_VALUE)) {
                            finalVersion.put(id, version);
                            @SuppressWarnings("unchecked")
                            List<String[]> sources = (List<String[]>) obj.get("sources");
                            sourcesByRecord.put(id, sources);
                        }
                    });
        }
        for (List<String[]> sources : sourcesByRecord.values()) {
            for (String[] s : sources) {
                placed.computeIfAbsent(s[0], k -> new TreeMap<>())
                        .computeIfAbsent(Long.parseLong(s[1]), k -> new ArrayList<>())
                        .add("ACCEPTED");
            }
        }
        for (Path f : files(output.resolve("rejected"))) {
            forEachObject(
                    f,
                    (obj) ->
                            placed.computeIfAbsent((String) obj.get("file"), k -> new TreeMap<>())
                                    .computeIfAbsent(
                                            ((Number) obj.get("row")).longValue(),
                                            k -> new ArrayList<>())
                                    .add("REJECTED " + obj.get("reason")));
        }
        return placed;
    }

    /**
     * Reads the few fields the checks need from each JSON line, with a streaming parser (fields of
     * damaged files can be hundreds of KiB): record_id, version, sources, file, row, reason.
     */
    private static void forEachObject(
            Path file, java.util.function.Consumer<Map<String, Object>> each) throws IOException {
        for (String line : Files.readAllLines(file, UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> obj = new LinkedHashMap<>();
            try (JsonParser p = JSON.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "record_id", "file", "reason" -> obj.put(name, p.getValueAsString());
                        case "version", "row" -> obj.put(name, p.getLongValue());
                        case "sources" -> {
                            List<String[]> sources = new ArrayList<>();
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                String[] s = new String[2];
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    String k = p.currentName();
                                    p.nextToken();
                                    if (k.equals("file")) {
                                        s[0] = p.getValueAsString();
                                    } else if (k.equals("row")) {
                                        s[1] = p.getValueAsString();
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                                sources.add(s);
                            }
                            obj.put(name, sources);
                        }
                        default -> {
                            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                                p.skipChildren();
                            }
                        }
                    }
                }
            }
            each.accept(obj);
        }
    }

    private static final List<String> lastCliErrors = new ArrayList<>();

    /** {@code guiji run} in-process; its stderr is kept for the report and passed on. */
    private static synchronized int runCli(Path input, Path output) {
        lastCliErrors.clear();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, captured), true, UTF_8));
        try {
            return Guiji.execute(
                    "run",
                    "--quiet",
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "-Dguiji.parallelism=2",
                    "-Dguiji.processing-date=" + TODAY);
        } finally {
            System.setErr(original);
            captured.toString(UTF_8)
                    .lines()
                    .filter(l -> l.startsWith("guiji:"))
                    .forEach(lastCliErrors::add);
        }
    }

    /**
     * Regular files under a folder, sorted, skipping the hidden ones as Flink's file source does.
     */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(
                            p ->
                                    !p.getFileName().toString().startsWith(".")
                                            && !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Deletes a batch's folder (a long run makes thousands). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
