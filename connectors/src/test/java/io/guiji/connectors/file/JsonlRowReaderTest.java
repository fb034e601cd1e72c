package io.guiji.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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
}
