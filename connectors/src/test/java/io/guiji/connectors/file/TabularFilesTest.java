package io.guiji.connectors.file;

import static io.guiji.connectors.file.TestInput.BOM;
import static io.guiji.connectors.file.TestInput.GBK;
import static io.guiji.connectors.file.TestInput.concat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TabularFilesTest {

    /** A penalty from a department, as its own system exports it. */
    private static final String PENALTY_FROM_DEPARTMENT =
            "行政相对人名称,行政处罚决定书文号,处罚决定日期\n"
                    + "朝阳市某某商贸有限公司,朝市监罚〔2021〕12号,2021-05-06\n"
                    + "\"双塔区张三，个体户\",朝市监罚〔2021〕13号,2021年5月7日\n";

    private static final String PENALTY_AS_JSONL =
            "{\"subject_name\":\"朝阳市某某商贸有限公司\",\"doc_no\":\"朝市监罚〔2021〕12号\"}\n"
                    + "{\"subject_name\":\"双塔区张三，个体户\",\"doc_no\":\"朝市监罚〔2021〕13号\"}\n";

    @TempDir Path dir;
    private TestInput input;

    @BeforeEach
    void setUp() {
        input = new TestInput(dir);
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                Arguments.of("UTF-8 without BOM", PENALTY_FROM_DEPARTMENT.getBytes(UTF_8), "UTF-8"),
                Arguments.of(
                        "UTF-8 with BOM",
                        concat(BOM, PENALTY_FROM_DEPARTMENT.getBytes(UTF_8)),
                        "UTF-8"),
                Arguments.of("GBK", PENALTY_FROM_DEPARTMENT.getBytes(GBK), "GB18030"),
                Arguments.of(
                        "GB18030",
                        PENALTY_FROM_DEPARTMENT.getBytes(Charset.forName("GB18030")),
                        "GB18030"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void decodesEachSupportedEncoding(String name, byte[] bytes, String encoding) {
        input.write("records/SCJG01/penalty/a.csv", bytes);

        List<RawRow> rows = input.read("records/SCJG01/penalty/a.csv");

        assertThat(rows)
                .allSatisfy(
                        r -> {
                            assertThat(r.error).isNull();
                            assertThat(r.encoding).isEqualTo(encoding);
                            assertThat(r.header).containsExactly("行政相对人名称", "行政处罚决定书文号", "处罚决定日期");
                        });
        assertThat(rows).extracting(r -> r.values[0]).containsExactly("朝阳市某某商贸有限公司", "双塔区张三，个体户");
    }

    @Test
    void gbkFileWhoseFirstChineseByteIsAfter100KbIsDecodedAsGbk() {
        StringBuilder csv = new StringBuilder("name,doc_no\n");
        int n = 0;
        while (csv.length() < 120 * 1024) {
            csv.append("ascii company ").append(n).append(",D-").append(n++).append('\n');
        }
        csv.append("朝阳市某某商贸有限公司,朝市监罚〔2021〕12号\n");
        input.write("records/SCJG01/penalty/late.csv", csv.toString(), GBK);

        List<RawRow> rows = input.read("records/SCJG01/penalty/late.csv");

        assertThat(rows).hasSize(n + 1).allSatisfy(r -> assertThat(r.error).isNull());
        assertThat(rows.get(n).values).containsExactly("朝阳市某某商贸有限公司", "朝市监罚〔2021〕12号");
        assertThat(rows.get(n).encoding).isEqualTo("GB18030");
    }

    @Test
    void corruptBytesInAUtf8FileFailOnlyTheirRow() {
        byte[] head = PENALTY_FROM_DEPARTMENT.getBytes(UTF_8);
        byte[] corrupt =
                concat(
                        "朝阳".getBytes(UTF_8),
                        new byte[] {(byte) 0xE5, (byte) 0x8F},
                        ",朝市监罚〔2021〕14号,2021-05-08\n".getBytes(UTF_8));
        byte[] tail = "朝阳市另一家公司,朝市监罚〔2021〕15号,2021-05-09\n".getBytes(UTF_8);
        input.write("records/SCJG01/penalty/corrupt.csv", concat(head, corrupt, tail));

        List<RawRow> rows = input.read("records/SCJG01/penalty/corrupt.csv");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error, r -> r.encoding)
                .containsExactly(
                        tuple(1L, null, "UTF-8"),
                        tuple(2L, null, "UTF-8"),
                        tuple(
                                3L,
                                "line 4: undecodable bytes (not valid UTF-8 or GB18030)",
                                "UTF-8"),
                        tuple(4L, null, "UTF-8"));
        assertThat(rows.get(2).raw).startsWith("朝阳\uFFFD").endsWith("2021-05-08");
        assertThat(rows.get(3).values[0]).isEqualTo("朝阳市另一家公司");
    }

    @Test
    void gzipCompressedFilesAreReadTransparently() {
        input.write("records/SCJG01/penalty/a.csv.gz", PENALTY_FROM_DEPARTMENT, GBK);
        input.write("records/SCJG01/penalty/b.jsonl.gz", PENALTY_AS_JSONL, UTF_8);

        List<RawRow> csv = input.read("records/SCJG01/penalty/a.csv.gz");
        List<RawRow> jsonl = input.read("records/SCJG01/penalty/b.jsonl.gz");

        assertThat(csv)
                .extracting(r -> r.file, r -> r.row, r -> r.encoding, r -> r.values[0])
                .containsExactly(
                        tuple("records/SCJG01/penalty/a.csv.gz", 1L, "GB18030", "朝阳市某某商贸有限公司"),
                        tuple("records/SCJG01/penalty/a.csv.gz", 2L, "GB18030", "双塔区张三，个体户"));
        assertThat(jsonl)
                .extracting(r -> r.value("doc_no"))
                .containsExactly("朝市监罚〔2021〕12号", "朝市监罚〔2021〕13号");
    }

    @Test
    void damagedGzipIsOneFileLevelErrorRow() {
        input.write("records/X/penalty/bad.csv.gz", "not gzip at all".getBytes(UTF_8), false);

        assertThat(input.read("records/X/penalty/bad.csv.gz"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.row).isZero();
                            assertThat(r.error).startsWith("not a readable gzip file");
                        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls", "pdf"})
    void unsupportedFileTypeIsOneErrorRowWithRowZero(String extension) {
        input.write("records/SCJG01/penalty/a." + extension, new byte[] {1, 2, 3});

        assertThat(input.read("records/SCJG01/penalty/a." + extension))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.file).isEqualTo("records/SCJG01/penalty/a." + extension);
                            assertThat(r.row).isZero();
                            assertThat(r.raw).isEmpty();
                            assertThat(r.error)
                                    .isEqualTo(
                                            "unsupported file type ."
                                                    + extension
                                                    + ": send CSV (UTF-8 or GBK) or JSONL");
                        });
    }

    @Test
    void extensionsAreMatchedCaseInsensitively() {
        input.write("records/X/penalty/A.CSV", "a\n1\n", UTF_8);

        assertThat(input.read("records/X/penalty/A.CSV"))
                .singleElement()
                .satisfies(r -> assertThat(r.error).isNull());
    }

    @Test
    void fileIsNamedRelativeToTheRootWithForwardSlashes() {
        assertThat(TabularFiles.relativePath(dir.resolve("records/D/t/x.csv"), dir))
                .isEqualTo("records/D/t/x.csv");
        assertThat(TabularFiles.relativePath(dir.resolve("records/../catalog/c.csv"), dir))
                .isEqualTo("catalog/c.csv");
    }

    @Test
    void truncatedGzipKeepsTheRowsBeforeTheDamageAndReportsItOnce() throws Exception {
        StringBuilder csv = new StringBuilder("name,doc_no\n");
        for (int i = 1; i <= 2000; i++) {
            csv.append("某某商贸有限公司").append(i).append(",朝市监罚〔2021〕").append(i).append("号\n");
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(csv.toString().getBytes(UTF_8));
        }
        byte[] whole = gz.toByteArray();
        input.write(
                "records/X/penalty/cut.csv.gz",
                java.util.Arrays.copyOf(whole, whole.length / 2),
                false);

        List<RawRow> rows = input.read("records/X/penalty/cut.csv.gz");

        RawRow last = rows.get(rows.size() - 1);
        List<RawRow> data = rows.subList(0, rows.size() - 1);
        assertThat(data).hasSizeBetween(100, 1999);
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i).row).isEqualTo(i + 1);
            assertThat(data.get(i).error).isNull();
            assertThat(data.get(i).values)
                    .containsExactly("某某商贸有限公司" + (i + 1), "朝市监罚〔2021〕" + (i + 1) + "号");
        }
        assertThat(last.row).isZero();
        assertThat(last.error)
                .startsWith("damaged gzip data (Unexpected end of ZLIB input stream)")
                .endsWith("the file is read up to its last complete line, the rest is lost");
        assertThat(("某某商贸有限公司" + (data.size() + 1) + ",朝市监罚〔2021〕" + (data.size() + 1) + "号"))
                .as("the cut-off line is the raw text of the report")
                .startsWith(last.raw);
    }
}
