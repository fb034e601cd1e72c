package io.guiji.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.guiji.connectors.file.GeneratedFile.Chunk;
import io.guiji.connectors.file.GeneratedFile.Kind;
import io.guiji.connectors.file.GeneratedFile.Line;
import io.guiji.connectors.file.GeneratedFile.Mutation;
import io.guiji.connectors.file.GeneratedFile.Op;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated CSV and TSV files, well-formed and then mutated, read back through {@link
 * TabularFiles}.
 *
 * <p>Well-formed files (random fields with separators, quotes, CR, LF, CRLF, NUL and other control
 * characters, surrogate pairs, brackets, BOMs and wide spaces inside, long values; random line
 * ends, blank lines, UTF-8 with or without BOM or GB18030) give back exactly their fields, raw
 * texts and row numbers 1..N.
 *
 * <p>Mutated files (1–3 of: a byte changed, a quote, NUL, CR, LF, BOM or invalid byte inserted, a
 * line end deleted, the file cut, a field blown up past the limit; the header is left alone) are
 * read without an exception, and:
 *
 * <ol>
 *   <li>rows are numbered 1, 2, 3 … without gaps;
 *   <li>the rows tile the file: each row's raw text is the text of one or more whole physical lines
 *       (or, for a line over the record limit, its start), in file order, no line in two rows, and
 *       every non-blank line after the header in some row — nothing lost, nothing doubled;
 *   <li>when the detected charset did not change, records wholly before the first mutated line come
 *       back as before: same row number, raw text and values (a changed charset can turn a blank
 *       line of wide spaces into text, which is then a row of its own);
 *   <li>every untouched line that was a one-line record is either its own row — accepted with its
 *       original values when the charset did not change — or lies inside a multi-line record that
 *       the reader returned whole. The second case is the one ambiguity no reader can resolve: a
 *       quote opened by a mutation that a later quote closes cleanly, with the right column count,
 *       reads exactly like a legitimate multi-line field.
 * </ol>
 */
class CsvReadingPropertiesTest {

    /** Small limits, so that blown-up fields and runaway quotes hit them quickly. */
    static final ReadLimits SMALL = new ReadLimits(200, 2000, 8);

    private static final String[] TOKENS = {
        "a", "b", "Z", "0", "9", " ", "  ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\t", "\u0000",
        "\u0001", "\u001f", "朝", "阳", "监罚", "公司", "(", ")", "[", "]", "【", "】", "〔", "〕", "（", "）",
        "［", "］", "😀", "𠀀", "\uFEFF", "\u3000", "\u200B", "'", "\\", "{", "}", ":", "é"
    };

    /** A table to write: separator, column count and the rows' fields. */
    record Table(char separator, int columns, List<List<String>> rows) {
        String name() {
            return separator == ',' ? "records/D/penalty/x.csv" : "records/D/penalty/x.tsv";
        }
    }

    /** A table written out: the file's lines and each record's text. */
    record Written(Table table, GeneratedFile file, List<String> records) {}

    @Provide
    Arbitrary<Table> tables() {
        return tables(true);
    }

    @Provide
    Arbitrary<Table> smallTables() {
        return tables(false);
    }

    private static Arbitrary<Table> tables(boolean longValues) {
        Arbitrary<String> shortField =
                Arbitraries.of(TOKENS).list().ofMaxSize(10).map(l -> String.join("", l));
        Arbitrary<String> field =
                longValues
                        ? Arbitraries.frequencyOf(
                                Tuple.of(40, shortField),
                                Tuple.of(
                                        1,
                                        Arbitraries.strings()
                                                .withChars("ab朝阳 ,\"\t")
                                                .ofMinLength(200)
                                                .ofMaxLength(5000)
                                                .map(v -> v.replace("b", "😀"))))
                        : shortField;
        return Combinators.combine(
                        Arbitraries.of(',', '\t'),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(0, 15))
                .flatAs(
                        (sep, k, n) ->
                                field.list()
                                        .ofSize(k)
                                        .list()
                                        .ofSize(n)
                                        .map(rows -> new Table(sep, k, rows)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one =
                Combinators.combine(
                                Arbitraries.of(Op.class),
                                Arbitraries.integers(),
                                Arbitraries.integers(),
                                Arbitraries.integers().between(0, 255))
                        .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 4000)
    void wellFormedFilesReadBackExactly(@ForAll("tables") Table table, @ForAll Random random) {
        Written w = write(table, random);

        List<RawRow> rows = GeneratedFile.read(table.name(), w.file().bytes(), ReadLimits.DEFAULTS);

        assertThat(rows).hasSize(table.rows().size());
        for (int i = 0; i < rows.size(); i++) {
            RawRow r = rows.get(i);
            assertThat(r.row).isEqualTo(i + 1);
            assertThat(r.error).as("row %d", i + 1).isNull();
            assertThat(r.values).containsExactlyElementsOf(table.rows().get(i));
            assertThat(r.raw).isEqualTo(w.records().get(i));
            assertThat(r.header).hasSize(table.columns());
            assertThat(r.encoding).isEqualTo(w.file().charset.name());
        }
    }

    @Property(tries = 6000)
    void mutatedFilesLoseAndDoubleNoLine(
            @ForAll("smallTables") Table table,
            @ForAll Random random,
            @ForAll("mutations") List<Mutation> mutations) {
        Written w = write(table, random);
        GeneratedFile file = w.file();
        file.mutate(mutations, SMALL);
        byte[] bytes = file.bytes();

        List<RawRow> rows = GeneratedFile.read(table.name(), bytes, SMALL);

        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).row).as("row numbers run 1, 2, 3 …").isEqualTo(i + 1);
        }
        EncodingDetector.Detection detection = GeneratedFile.detect(bytes);
        int skip = detection.bom() ? 3 : 0;
        String text =
                GeneratedFile.decode(
                        Arrays.copyOfRange(bytes, skip, bytes.length), detection.charset());
        boolean sameCharset = detection.charset().equals(file.charset);
        List<Line> lines = GeneratedFile.lines(text, true);

        int[] spanStart = tile(rows, lines, table.separator());

        // An untouched chunk follows an intact line end, so decoding is at a character boundary
        // there: its text starts where the bytes before it end, decoded on their own.
        int boundaryByte = skip;
        int boundaryOffset = 0;
        int byteStart = 0;
        int firstTouched = file.firstTouched();
        for (int j = 0; j < file.chunks.size(); j++) {
            Chunk c = file.chunks.get(j);
            if (j > 0 && !c.touched) {
                int offset =
                        boundaryOffset
                                + GeneratedFile.decode(
                                                Arrays.copyOfRange(bytes, boundaryByte, byteStart),
                                                detection.charset())
                                        .length();
                boundaryByte = byteStart;
                boundaryOffset = offset;
                int line = lineAt(lines, offset);
                String own =
                        GeneratedFile.decode(
                                Arrays.copyOf(c.bytes, c.bytes.length - c.terminatorBytes),
                                detection.charset());
                assertThat(lines.get(line).text())
                        .as("untouched line %d decodes as on its own", line + 1)
                        .isEqualTo(own);
                int row = rowStartingAt(spanStart, line);
                if (c.kind == Kind.RECORD && c.oneLine) {
                    if (row >= 0) {
                        RawRow r = rows.get(row);
                        assertThat(r.raw).isEqualTo(own);
                        if (sameCharset) {
                            assertThat(r.error)
                                    .as("untouched record at line %d", line + 1)
                                    .isNull();
                            assertThat(r.values)
                                    .containsExactlyElementsOf(table.rows().get(c.record));
                        }
                    } else {
                        assertThat(insideSpan(spanStart, rows, lines, line))
                                .as(
                                        "untouched line %d is its own row or inside a multi-line row",
                                        line + 1)
                                .isTrue();
                    }
                }
                if (c.kind == Kind.RECORD && sameCharset && recordBefore(file, j, firstTouched)) {
                    assertThat(row)
                            .as("record %d before the first mutation", c.record + 1)
                            .isGreaterThanOrEqualTo(0);
                    RawRow r = rows.get(row);
                    assertThat(r.row).isEqualTo(c.record + 1);
                    assertThat(r.raw).isEqualTo(w.records().get(c.record));
                    assertThat(r.error).isNull();
                    assertThat(r.values).containsExactlyElementsOf(table.rows().get(c.record));
                }
            }
            byteStart += c.bytes.length;
        }
    }

    /**
     * A gzip-compressed file cut at any byte gives exactly the rows of its text up to the last line
     * end that was still decompressed, then, when anything was cut, one row 0 reporting the damage.
     */
    @Property(tries = 1000)
    void truncatedGzipFilesGiveTheRowsOfTheirIntactLines(
            @ForAll("smallTables") Table table, @ForAll Random random, @ForAll int cutSeed)
            throws Exception {
        byte[] plain = write(table, random).file().bytes();
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] whole = gz.toByteArray();
        byte[] cut = Arrays.copyOf(whole, Math.floorMod(cutSeed, whole.length + 1));

        List<RawRow> rows = GeneratedFile.read(table.name() + ".gz", cut, SMALL);

        // what survives: the bytes decompressed before the error, up to their last line end
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        boolean damaged = false;
        try (java.io.InputStream in =
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(cut))) {
            byte[] b = new byte[4096];
            for (int n; (n = in.read(b)) > 0; ) {
                got.write(b, 0, n);
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            damaged = true;
        }
        if (damaged && got.size() == 0 && rows.size() == 1 && rows.get(0).row == 0) {
            return; // nothing readable: one row for the file, as for a header that is not gzip
        }
        byte[] kept = got.toByteArray();
        int end = kept.length;
        if (damaged) {
            while (end > 0 && kept[end - 1] != '\n' && kept[end - 1] != '\r') {
                end--;
            }
        }
        List<RawRow> expected = GeneratedFile.read(table.name(), Arrays.copyOf(kept, end), SMALL);
        assertThat(rows).hasSize(expected.size() + (damaged ? 1 : 0));
        for (int i = 0; i < expected.size(); i++) {
            RawRow r = rows.get(i);
            RawRow e = expected.get(i);
            assertThat(r.row).isEqualTo(i + 1);
            assertThat(r.raw).isEqualTo(e.raw);
            assertThat(r.error).isEqualTo(e.error);
            assertThat(r.values).isEqualTo(e.values);
        }
        if (damaged) {
            RawRow report = rows.get(rows.size() - 1);
            assertThat(report.row).isZero();
            assertThat(report.error).startsWith("damaged gzip data");
        }
    }

    /** Whether all lines of the record starting at chunk j come before the first touched one. */
    private static boolean recordBefore(GeneratedFile file, int j, int firstTouched) {
        int end = j + 1;
        while (end < file.chunks.size() && file.chunks.get(end).kind == Kind.CONTINUATION) {
            end++;
        }
        return end <= firstTouched && end <= file.chunks.size();
    }

    /**
     * Matches each row to the physical lines it came from, in order; fails when a row is not the
     * text of whole lines at the current place or when a non-blank line is left over. Returns, per
     * line, the index of the row starting there, or -1; inner lines of a row get -2.
     */
    static int[] tile(List<RawRow> rows, List<Line> lines, char separator) {
        int[] start = new int[lines.size()];
        Arrays.fill(start, -1);
        int cur = 1; // line 0 is the header, never mutated
        for (int i = 0; i < rows.size(); i++) {
            while (cur < lines.size() && Rows.isBlank(lines.get(cur).text(), separator)) {
                cur++;
            }
            RawRow row = rows.get(i);
            if (cur >= lines.size()) {
                fail("row %d (%s) has no line left", i + 1, row);
            }
            Line first = lines.get(cur);
            start[cur] = i;
            if (row.raw.equals(first.text())) {
                cur++;
                continue;
            }
            if (row.error != null
                    && first.text().length() > SMALL.maxRecordChars()
                    && first.text().startsWith(row.raw)) {
                cur++; // a line over the limit: its start
                continue;
            }
            StringBuilder acc = new StringBuilder(first.text());
            int j = cur;
            while (acc.length() < row.raw.length() && j + 1 < lines.size()) {
                acc.append(lines.get(j).terminator()).append(lines.get(j + 1).text());
                j++;
                start[j] = -2;
            }
            if (!acc.toString().equals(row.raw)) {
                fail("row %d is not the text of whole lines from line %d: %s", i + 1, cur + 1, row);
            }
            cur = j + 1;
        }
        for (; cur < lines.size(); cur++) {
            assertThat(Rows.isBlank(lines.get(cur).text(), separator))
                    .as("line %d is in no row: %s", cur + 1, lines.get(cur).text())
                    .isTrue();
        }
        return start;
    }

    private static int lineAt(List<Line> lines, int offset) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).start() == offset) {
                return i;
            }
        }
        return fail("no line starts at character %d", offset);
    }

    private static int rowStartingAt(int[] spanStart, int line) {
        return spanStart[line] >= 0 ? spanStart[line] : -1;
    }

    private static boolean insideSpan(
            int[] spanStart, List<RawRow> rows, List<Line> lines, int line) {
        return spanStart[line] == -2;
    }

    // ------------------------------------------------------------------ writing

    /** Writes the table with correct quoting and random line ends, blank lines and charset. */
    static Written write(Table table, Random random) {
        char sep = table.separator();
        List<String> records = new ArrayList<>();
        for (List<String> fields : table.rows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    line.append(sep);
                }
                String f = fields.get(i);
                boolean quote =
                        f.indexOf(sep) >= 0
                                || f.indexOf('"') >= 0
                                || f.indexOf('\n') >= 0
                                || f.indexOf('\r') >= 0
                                || (fields.size() == 1 && Rows.isBlank(f, sep))
                                || random.nextInt(8) == 0;
                line.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
            }
            records.add(line.toString());
        }
        StringBuilder header = new StringBuilder();
        for (int i = 1; i <= table.columns(); i++) {
            header.append(i > 1 ? String.valueOf(sep) : "").append('c').append(i);
        }
        String[] ends = {"\n", "\r\n", "\r"};
        Charset charset = UTF_8;
        boolean bom = false;
        switch (random.nextInt(4)) {
            case 0:
                bom = true;
                break;
            case 1:
                Charset gb = Charset.forName("GB18030");
                byte[] all = (header + String.join("\n", records)).getBytes(gb);
                if (!GeneratedFile.validUtf8(all)) {
                    charset = gb; // else the detector rightly takes it for UTF-8
                }
                break;
            default:
                break;
        }
        GeneratedFile file = new GeneratedFile(charset, bom);
        file.add(Kind.HEADER, -1, true, header.toString(), ends[random.nextInt(3)]);
        for (int r = 0; r < records.size(); r++) {
            for (int b = random.nextInt(6) == 0 ? 1 + random.nextInt(2) : 0; b > 0; b--) {
                file.add(
                        Kind.BLANK,
                        -1,
                        false,
                        random.nextBoolean() ? " " : "\u3000 ",
                        ends[random.nextInt(3)]);
            }
            List<Line> parts = GeneratedFile.lines(records.get(r), true);
            boolean last = r == records.size() - 1;
            for (int p = 0; p < parts.size(); p++) {
                Line part = parts.get(p);
                String end =
                        p < parts.size() - 1
                                ? part.terminator()
                                : last && random.nextInt(4) == 0 ? "" : ends[random.nextInt(3)];
                file.add(
                        p == 0 ? Kind.RECORD : Kind.CONTINUATION,
                        r,
                        parts.size() == 1,
                        part.text(),
                        end);
            }
        }
        return new Written(table, file, records);
    }
}
