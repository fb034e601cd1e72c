package io.guiji.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlRowReaderTest {

    @TempDir Path dir;
    private TestInput input;

    @BeforeEach
    void setUp() {
        input = new TestInput(dir);
    }

    private List<RawRow> read(String file, String content) {
        input.write(file, content, UTF_8);
        return input.read(file);
    }

    @Test
    void objectKeysBecomeTheHeaderAndValuesKeepTheirSourceText() {
        String line =
                "{\"name\":\"朝阳商贸\",\"fine\":12.50,\"n\":1e3,\"ok\":true,\"gone\":null,"
                        + "\"tags\":[1, \"a\"],\"o\":{\"k\": {}}}";

        List<RawRow> rows = read("records/X/penalty/p.jsonl", line + "\n");

        assertThat(rows)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.row).isEqualTo(1);
                            assertThat(r.error).isNull();
                            assertThat(r.raw).isEqualTo(line);
                            assertThat(r.header)
                                    .containsExactly(
                                            "name", "fine", "n", "ok", "gone", "tags", "o");
                            assertThat(r.values)
                                    .containsExactly(
                                            "朝阳商贸",
                                            "12.50",
                                            "1e3",
                                            "true",
                                            null,
                                            "[1, \"a\"]",
                                            "{\"k\": {}}");
                        });
    }

    @Test
    void blankLinesAreSkippedAndNotCounted() {
        List<RawRow> rows = read("r.jsonl", "\n{\"a\":1}\n   \n\r\n{\"a\":2}\r\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw)
                .containsExactly(tuple(1L, "{\"a\":1}"), tuple(2L, "{\"a\":2}"));
    }

    @Test
    void brokenLineIsAnErrorRowAndReadingGoesOn() {
        List<RawRow> rows =
                read(
                        "r.ndjson",
                        "{\"a\":1}\n{\"a\":2,,}\n[1,2]\n\"text\"\n{\"a\":3} x\n{\"a\":4}\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error == null)
                .containsExactly(
                        tuple(1L, true),
                        tuple(2L, false),
                        tuple(3L, false),
                        tuple(4L, false),
                        tuple(5L, false),
                        tuple(6L, true));
        assertThat(rows.get(1).error)
                .startsWith("line 2: broken JSON: Unexpected character (',' (code 44))")
                .endsWith("at column 8");
        assertThat(rows.get(1).raw).isEqualTo("{\"a\":2,,}");
        assertThat(rows.get(1).header).isEmpty();
        assertThat(rows.get(2).error).isEqualTo("line 3: not a JSON object");
        assertThat(rows.get(3).error).isEqualTo("line 4: not a JSON object");
        assertThat(rows.get(4).error).startsWith("line 5: broken JSON:");
    }

    @Test
    void truncatedObjectNamesNoInternalSource() {
        List<RawRow> rows = read("r.jsonl", "{\"a\":\"x\"\n");

        assertThat(rows.get(0).error).startsWith("line 1: broken JSON: ").doesNotContain("Source");
    }

    @Test
    void rowsWithTheSameKeysShareOneHeaderArray() {
        List<RawRow> rows = read("r.jsonl", "{\"a\":1,\"b\":2}\n{\"a\":3,\"b\":4}\n{\"b\":5}\n");

        assertThat(rows.get(1).header).isSameAs(rows.get(0).header);
        assertThat(rows.get(2).header).containsExactly("b");
    }

    @Test
    void jsonArrayFileGivesOneRowPerElement() {
        String content = "\n [\n  {\"a\": 1, \"b\": [2]},\n  {\"a\": \"x\"},\n  7,\n  {}\n]\n";

        List<RawRow> rows = read("registry/r.json", content);

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(
                        tuple(1L, "{\"a\": 1, \"b\": [2]}", null),
                        tuple(2L, "{\"a\": \"x\"}", null),
                        tuple(3L, "7", "not a JSON object"),
                        tuple(4L, "{}", null));
        assertThat(rows.get(0).values).containsExactly("1", "[2]");
    }

    @Test
    void largeJsonArrayKeepsExactElementTexts() {
        StringBuilder content = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            content.append(i == 0 ? "" : ",")
                    .append("{\"i\":")
                    .append(i)
                    .append(",\"s\":\"v")
                    .append(i)
                    .append("\"}");
        }
        content.append("]");

        List<RawRow> rows = read("big.json", content.toString());

        assertThat(rows).hasSize(20_000);
        assertThat(rows.get(12_345).raw).isEqualTo("{\"i\":12345,\"s\":\"v12345\"}");
        assertThat(rows.get(12_345).row).isEqualTo(12_346);
    }

    @Test
    void brokenJsonArrayEndsWithOneErrorRow() {
        List<RawRow> rows = read("r.json", "[{\"a\":1},\n{\"a\":2} {\"a\":3}]");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error == null)
                .containsExactly(tuple(1L, true), tuple(2L, true), tuple(3L, false));
        assertThat(rows.get(2).error).startsWith("broken JSON: ").contains("at line 2, column");
    }

    @Test
    void jsonFileThatIsNotAnArrayIsReadAsJsonl() {
        List<RawRow> rows = read("r.json", "{\"a\":1}\n{\"a\":2}\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(tuple(1L, null), tuple(2L, null));
    }

    @Test
    void jsonlFileStartingWithAnArrayIsNotTreatedAsOne() {
        List<RawRow> rows = read("r.jsonl", "[{\"a\":1}]\n");

        assertThat(rows)
                .singleElement()
                .satisfies(r -> assertThat(r.error).isEqualTo("line 1: not a JSON object"));
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformedWithoutOverflowingTheStack() {
        String deep64 = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";
        String deep65 = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";
        String deepMillion = "{\"a\":" + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}";
        String arrays = "[".repeat(100_000);

        List<RawRow> rows =
                read(
                        "r.jsonl",
                        String.join("\n", deep64, deep65, deepMillion, arrays, "{\"b\":1}") + "\n");

        String tooDeep = "JSON nested deeper than 64 levels (guiji.input.max-json-depth)";
        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, null),
                        tuple(2L, "line 2: " + tooDeep),
                        tuple(
                                3L,
                                "line 3: line longer than 1048576 characters"
                                        + " (guiji.input.max-record-chars)"),
                        tuple(4L, "line 4: " + tooDeep),
                        tuple(5L, null));
    }

    @Test
    void deepNestingInAJsonArrayFileEndsItWithOneErrorRow() {
        List<RawRow> rows =
                read("r.json", "[{\"a\":1},{\"b\":" + "[".repeat(200) + "]".repeat(200) + "}]");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, null),
                        tuple(
                                2L,
                                "JSON nested deeper than 64 levels (guiji.input.max-json-depth)"));
    }

    @Test
    void hugeNumbersAreTextUpToTheFieldLimit() {
        String digits = "9".repeat(10_000);
        String tooMany = "9".repeat(100_000);

        List<RawRow> rows =
                read("r.jsonl", "{\"n\":" + digits + "}\n{\"n\":" + tooMany + "}\n{\"n\":1}\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, null),
                        tuple(
                                2L,
                                "line 2: value of \"n\" longer than 65536 characters"
                                        + " (guiji.input.max-field-chars)"),
                        tuple(3L, null));
        assertThat(rows.get(0).values).containsExactly(digits);
    }

    @Test
    void valuesAndKeysOverTheFieldLimitAreMalformed() {
        input.write(
                "r.jsonl",
                "{\"a\":\"0123456789\"}\n{\"a\":\"01234567890\"}\n{\"a\":[1,2,3,4,5]}\n"
                        + "{\"01234567890\":1}\n{\"a\":1}\n",
                UTF_8);

        List<RawRow> rows = input.read("r.jsonl", new ReadLimits(10, 100, 64));

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, null),
                        tuple(
                                2L,
                                "line 2: value of \"a\" longer than 10 characters"
                                        + " (guiji.input.max-field-chars)"),
                        tuple(
                                3L,
                                "line 3: value of \"a\" longer than 10 characters"
                                        + " (guiji.input.max-field-chars)"),
                        tuple(
                                4L,
                                "line 4: key 1 longer than 10 characters"
                                        + " (guiji.input.max-field-chars)"),
                        tuple(5L, null));
    }

    @Test
    void duplicateKeysAreMalformed() {
        List<RawRow> rows = read("r.jsonl", "{\"a\":1,\"a\":2}\n{\"a\":1,\"b\":{\"a\":2}}\n");

        assertThat(rows.get(0).error).startsWith("line 1: broken JSON: Duplicate field 'a'");
        assertThat(rows.get(1).error).isNull();
    }

    @Test
    void aLoneCrIsNotALineEndAndCrlfIs() {
        List<RawRow> rows = read("r.jsonl", "{\"a\":1,\r\"b\":2}\r\n{\"a\":\"x\ry\"}\n{\"a\":3}");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error == null, r -> r.raw)
                .containsExactly(
                        tuple(1L, true, "{\"a\":1,\r\"b\":2}"),
                        tuple(2L, false, "{\"a\":\"x\ry\"}"),
                        tuple(3L, true, "{\"a\":3}"));
        assertThat(rows.get(1).error).startsWith("line 2: broken JSON:");
    }

    @Test
    void aBomAtTheStartOfALineIsIgnoredAndAnywhereElseIsMalformed() {
        List<RawRow> rows = read("r.jsonl", "{\"a\":1}\n\uFEFF{\"a\":2}\n{\"a\":3}\uFEFF\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error == null)
                .containsExactly(tuple(1L, true), tuple(2L, true), tuple(3L, false));
        assertThat(rows.get(1).values).containsExactly("2");
        assertThat(rows.get(1).raw).isEqualTo("\uFEFF{\"a\":2}");
    }

    @Test
    void nulAndInvalidUtf8AreMalformedRowsOfTheirOwn() {
        input.write(
                "r.jsonl",
                TestInput.concat(
                        "{\"a\":\"\u0000\"}\n{\"a\":\"".getBytes(UTF_8),
                        new byte[] {(byte) 0xC3, (byte) 0x28},
                        "\"}\n{\"a\":\"\\u0000\"}\n".getBytes(UTF_8)));

        List<RawRow> rows = input.read("r.jsonl");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, rows.get(0).error),
                        tuple(2L, "line 2: undecodable bytes (not valid UTF-8 or GB18030)"),
                        tuple(3L, null));
        assertThat(rows.get(0).error).startsWith("line 1: broken JSON: Illegal unquoted character");
        assertThat(rows.get(2).values).containsExactly("\u0000");
    }
}
