package io.guiji.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.guiji.connectors.file.GeneratedFile.Chunk;
import io.guiji.connectors.file.GeneratedFile.Kind;
import io.guiji.connectors.file.GeneratedFile.Line;
import io.guiji.connectors.file.GeneratedFile.Mutation;
import io.guiji.connectors.file.GeneratedFile.Op;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated JSON Lines files, well-formed and then mutated, read back through {@link TabularFiles}.
 *
 * <p>Well-formed files (objects whose keys and string values hold quotes, backslashes, control
 * characters, surrogate pairs, brackets, BOMs and wide spaces; numbers as written, huge ones
 * included; booleans, null, nested arrays and objects; LF or CRLF, blank lines, UTF-8 with or
 * without BOM or GB18030) give back exactly their keys, values, raw lines and row numbers 1..N.
 *
 * <p>Mutated files (the mutations of {@link CsvReadingPropertiesTest}, on any line) are read
 * without an exception, and: rows are numbered 1, 2, 3 … without gaps; row n is the n-th non-blank
 * physical line (LF-separated), its raw text that line (or its start, when over the limit) —
 * nothing lost, nothing doubled, a broken line costs exactly its own row; and when the detected
 * charset did not change, every untouched line comes back accepted with its original values, and
 * the lines before the first mutated one keep their row numbers.
 */
class JsonlReadingPropertiesTest {

    private static final String[] TOKENS = {
        "a", "Z", "0", " ", ",", ":", "\"", "\\", "/", "\n", "\r", "\t", "\u0000", "\u001f",
        "\u007f", "朝", "阳", "公司", "【", "】", "〔", "〕", "（", "）", "[", "]", "{", "}", "😀", "𠀀",
        "\uFEFF", "\u3000", "\u2028", "é"
    };

    private static final String[] NESTED = {
        "[]",
        "{}",
        "[1,\"a\",null]",
        "{\"k\":[true,{\"x\":-1.5e3}]}",
        "[[[[\"deep\"]]]]",
        "{\"\":\"\"}"
    };

    /** One value as written and as it should come back (null for JSON null). */
    record Value(String json, String expected) {}

    /** An object: keys in order, with their values. */
    record Obj(List<String> keys, List<Value> values) {
        String json(Random random) {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < keys.size(); i++) {
                b.append(i > 0 ? "," : "")
                        .append(random.nextInt(4) == 0 ? " " : "")
                        .append(quote(keys.get(i)))
                        .append(':')
                        .append(random.nextInt(4) == 0 ? " " : "")
                        .append(values.get(i).json());
            }
            return b.append(random.nextInt(4) == 0 ? " }" : "}").toString();
        }
    }

    static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    @Provide
    Arbitrary<List<Obj>> objects() {
        Arbitrary<String> text =
                Arbitraries.of(TOKENS).list().ofMaxSize(8).map(l -> String.join("", l));
        Arbitrary<Value> string = text.map(s -> new Value(quote(s), s));
        Arbitrary<Value> number =
                Arbitraries.oneOf(
                                Arbitraries.longs().map(String::valueOf),
                                Arbitraries.of("12.50", "-0", "0.0", "1e3", "-2.5E-7", "3.0e+10"),
                                Arbitraries.strings()
                                        .numeric()
                                        .ofMinLength(1)
                                        .ofMaxLength(100)
                                        .filter(d -> d.length() == 1 || d.charAt(0) != '0'))
                        .map(n -> new Value(n, n));
        Arbitrary<Value> literal =
                Arbitraries.of(
                        new Value("true", "true"),
                        new Value("false", "false"),
                        new Value("null", null));
        Arbitrary<Value> nested = Arbitraries.of(NESTED).map(n -> new Value(n, n));
        Arbitrary<Value> value =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, string),
                        net.jqwik.api.Tuple.of(2, number),
                        net.jqwik.api.Tuple.of(1, literal),
                        net.jqwik.api.Tuple.of(1, nested));
        Arbitrary<Obj> obj =
                Combinators.combine(text.list().ofMaxSize(5), value.list().ofSize(5))
                        .as(
                                (keys, values) -> {
                                    Map<String, Value> m = new LinkedHashMap<>();
                                    for (int i = 0; i < keys.size(); i++) {
                                        m.putIfAbsent(keys.get(i), values.get(i));
                                    }
                                    return new Obj(
                                            new ArrayList<>(m.keySet()),
                                            new ArrayList<>(m.values()));
                                });
        return obj.list().ofMaxSize(15);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(
                        Arbitraries.of(Op.class),
                        Arbitraries.integers(),
                        Arbitraries.integers(),
                        Arbitraries.integers().between(0, 255))
                .as(Mutation::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3);
    }

    /** A file written out, and each object's line. */
    record Written(GeneratedFile file, List<String> lines) {}

    static Written write(List<Obj> objects, Random random) {
        List<String> lines = new ArrayList<>();
        for (Obj o : objects) {
            lines.add(o.json(random));
        }
        Charset charset = UTF_8;
        boolean bom = false;
        switch (random.nextInt(4)) {
            case 0:
                bom = true;
                break;
            case 1:
                Charset gb = Charset.forName("GB18030");
                if (!GeneratedFile.validUtf8(String.join("\n", lines).getBytes(gb))) {
                    charset = gb;
                }
                break;
            default:
                break;
        }
        GeneratedFile file = new GeneratedFile(charset, bom);
        String[] ends = {"\n", "\r\n"};
        for (int i = 0; i < lines.size(); i++) {
            if (random.nextInt(6) == 0) {
                file.add(
                        Kind.BLANK,
                        -1,
                        false,
                        random.nextBoolean() ? "" : " \t\u3000",
                        ends[random.nextInt(2)]);
            }
            boolean last = i == lines.size() - 1;
            file.add(
                    Kind.RECORD,
                    i,
                    true,
                    lines.get(i),
                    last && random.nextInt(4) == 0 ? "" : ends[random.nextInt(2)]);
        }
        return new Written(file, lines);
    }

    @Property(tries = 4000)
    void wellFormedFilesReadBackExactly(
            @ForAll("objects") List<Obj> objects, @ForAll Random random) {
        Written w = write(objects, random);

        List<RawRow> rows =
                GeneratedFile.read(
                        "records/D/penalty/x.jsonl", w.file().bytes(), ReadLimits.DEFAULTS);

        assertThat(rows).hasSize(objects.size());
        for (int i = 0; i < rows.size(); i++) {
            RawRow r = rows.get(i);
            Obj o = objects.get(i);
            assertThat(r.row).isEqualTo(i + 1);
            assertThat(r.error).as("row %d: %s", i + 1, r.raw).isNull();
            assertThat(r.raw).isEqualTo(w.lines().get(i));
            assertThat(r.header).containsExactlyElementsOf(o.keys());
            assertThat(r.values)
                    .containsExactlyElementsOf(o.values().stream().map(Value::expected).toList());
            assertThat(r.encoding).isEqualTo(w.file().charset.name());
        }
    }

    @Property(tries = 6000)
    void mutatedFilesCostOneRowPerBrokenLine(
            @ForAll("objects") List<Obj> objects,
            @ForAll Random random,
            @ForAll("mutations") List<Mutation> mutations) {
        Written w = write(objects, random);
        GeneratedFile file = w.file();
        file.mutate(mutations, CsvReadingPropertiesTest.SMALL, 0);
        byte[] bytes = file.bytes();

        List<RawRow> rows =
                GeneratedFile.read(
                        "records/D/penalty/x.jsonl", bytes, CsvReadingPropertiesTest.SMALL);

        EncodingDetector.Detection detection = GeneratedFile.detect(bytes);
        int skip = detection.bom() ? 3 : 0;
        String text =
                GeneratedFile.decode(
                        Arrays.copyOfRange(bytes, skip, bytes.length), detection.charset());
        boolean sameCharset = detection.charset().equals(file.charset);
        List<Line> lines = GeneratedFile.lines(text, false);

        // row n is the n-th non-blank line
        int[] rowAt = new int[lines.size()];
        Arrays.fill(rowAt, -1);
        int cur = 0;
        for (int i = 0; i < rows.size(); i++) {
            RawRow r = rows.get(i);
            assertThat(r.row).as("row numbers run 1, 2, 3 …").isEqualTo(i + 1);
            while (cur < lines.size() && lines.get(cur).text().isBlank()) {
                cur++;
            }
            if (cur >= lines.size()) {
                fail("row %d (%s) has no line left", i + 1, r);
            }
            String line = lines.get(cur).text();
            boolean whole = r.raw.equals(line);
            boolean start =
                    r.error != null
                            && line.length() > CsvReadingPropertiesTest.SMALL.maxRecordChars()
                            && line.startsWith(r.raw);
            assertThat(whole || start).as("row %d is line %d: %s", i + 1, cur + 1, r).isTrue();
            rowAt[cur++] = i;
        }
        for (; cur < lines.size(); cur++) {
            assertThat(lines.get(cur).text()).as("line %d is in no row", cur + 1).isBlank();
        }
        if (!sameCharset) {
            return;
        }
        int boundaryByte = skip;
        int boundaryOffset = 0;
        int byteStart = 0;
        int firstTouched = file.firstTouched();
        for (int j = 0; j < file.chunks.size(); j++) {
            Chunk c = file.chunks.get(j);
            if (!c.touched && c.kind == Kind.RECORD) {
                int from = j == 0 ? skip : byteStart;
                int offset =
                        boundaryOffset
                                + GeneratedFile.decode(
                                                Arrays.copyOfRange(bytes, boundaryByte, from),
                                                detection.charset())
                                        .length();
                boundaryByte = from;
                boundaryOffset = offset;
                int line = -1;
                for (int k = 0; k < lines.size(); k++) {
                    if (lines.get(k).start() == offset) {
                        line = k;
                    }
                }
                assertThat(line)
                        .as("a line starts at character %d", offset)
                        .isGreaterThanOrEqualTo(0);
                assertThat(rowAt[line])
                        .as("untouched line %d is a row", line + 1)
                        .isGreaterThanOrEqualTo(0);
                RawRow r = rows.get(rowAt[line]);
                Obj o = objects.get(c.record);
                assertThat(r.error).as("untouched line %d", line + 1).isNull();
                assertThat(r.raw).isEqualTo(w.lines().get(c.record));
                assertThat(r.values)
                        .containsExactlyElementsOf(
                                o.values().stream().map(Value::expected).toList());
                if (j < firstTouched) {
                    assertThat(r.row).isEqualTo(c.record + 1);
                }
            }
            byteStart += c.bytes.length;
        }
    }
}
