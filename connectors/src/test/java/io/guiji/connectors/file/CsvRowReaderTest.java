package io.guiji.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowReaderTest {

    private static final String FILE = "records/SCJG01/penalty/a.csv";

    @TempDir Path dir;
    private TestInput input;

    @BeforeEach
    void setUp() {
        input = new TestInput(dir);
    }

    private List<RawRow> csv(String content) {
        input.write(FILE, content, UTF_8);
        return input.read(FILE);
    }

    @Test
    void headerCellsAreTrimmedAndRowsNumberedFromOne() {
        List<RawRow> rows = csv(" name , doc_no \nA,1\nB,2\n");

        assertThat(rows)
                .extracting(r -> r.file, r -> r.row, r -> r.raw, r -> r.error, r -> r.encoding)
                .containsExactly(
                        tuple(FILE, 1L, "A,1", null, "UTF-8"),
                        tuple(FILE, 2L, "B,2", null, "UTF-8"));
        assertThat(rows.get(0).header).containsExactly("name", "doc_no");
        assertThat(rows.get(0).values).containsExactly("A", "1");
        assertThat(rows.get(1).value("doc_no")).isEqualTo("2");
    }

    @Test
    void rowsOfAFileShareOneHeaderArray() {
        List<RawRow> rows = csv("a,b\n1,2\n3,4\n5\n");

        assertThat(rows.get(1).header).isSameAs(rows.get(0).header).isSameAs(rows.get(2).header);
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        List<RawRow> rows =
                csv("name,facts,n\n\"Acme, Inc.\",\"said \"\"no\"\"\nthen left\",1\n\"\",x,\"\"\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).error).isNull();
        assertThat(rows.get(0).values).containsExactly("Acme, Inc.", "said \"no\"\nthen left", "1");
        assertThat(rows.get(0).raw).isEqualTo("\"Acme, Inc.\",\"said \"\"no\"\"\nthen left\",1");
        assertThat(rows.get(1).values).containsExactly("", "x", "");
        assertThat(rows.get(1).row).isEqualTo(2);
    }

    @Test
    void crlfLineEndsAreNotPartOfValuesButStayInsideQuotedFields() {
        List<RawRow> rows = csv("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw)
                .containsExactly(tuple(1L, "1,\"x\r\ny\""), tuple(2L, "2,z"));
        assertThat(rows.get(0).values).containsExactly("1", "x\r\ny");
        assertThat(rows.get(1).values).containsExactly("2", "z");
    }

    @Test
    void strayQuoteInAnUnquotedFieldIsKeptLiterally() {
        List<RawRow> rows = csv("a,b\nab\"c,d\n");

        assertThat(rows.get(0).error).isNull();
        assertThat(rows.get(0).values).containsExactly("ab\"c", "d");
    }

    @Test
    void unterminatedQuoteMidFileCostsOneRowAndLaterRowsKeepTheirNumbers() {
        List<RawRow> rows = csv("a,b\n1,ok\n2,\"broken\n3,ok\n4,ok\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(
                        tuple(1L, "1,ok", null),
                        tuple(2L, "2,\"broken", "line 3: unterminated quoted field"),
                        tuple(3L, "3,ok", null),
                        tuple(4L, "4,ok", null));
        assertThat(rows.get(3).values).containsExactly("4", "ok");
    }

    @Test
    void openQuoteIsGivenUpAfterTheLineLimitEvenIfAQuoteComesLater() {
        StringBuilder csv = new StringBuilder("a,b\n1,\"opens\n");
        for (int i = 0; i < CsvRowReader.MAX_RECORD_LINES + 5; i++) {
            csv.append("x").append(i).append(",y\n");
        }
        csv.append("closes\",z\n");

        List<RawRow> rows = csv(csv.toString());

        assertThat(rows.get(0).error)
                .isEqualTo(
                        "line 2: unterminated quoted field (not closed within "
                                + CsvRowReader.MAX_RECORD_LINES
                                + " lines)");
        assertThat(rows.get(0).raw).isEqualTo("1,\"opens");
        assertThat(rows.get(1))
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(2L, "x0,y", null);
        assertThat(rows).hasSize(CsvRowReader.MAX_RECORD_LINES + 7);
        assertThat(rows.get(rows.size() - 1).values).containsExactly("closes\"", "z");
    }

    @Test
    void headerWithAnUnclosedQuoteIsReadFromItsFirstLineAndDataStillFollows() {
        List<RawRow> rows = csv("name,\"doc\n1,2\n3,4\n");

        assertThat(rows.get(0).header).containsExactly("name", "doc");
        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(tuple(1L, "1,2", null), tuple(2L, "3,4", null));
    }

    @Test
    void wrongColumnCountIsAnErrorRowThatKeepsItsCells() {
        List<RawRow> rows = csv("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, "line 2: expected 3 columns, found 2"),
                        tuple(2L, "line 3: expected 3 columns, found 4"),
                        tuple(3L, null));
        assertThat(rows.get(0).values).containsExactly("1", "2");
    }

    @Test
    void blankLinesAreNeitherRowsNorCounted() {
        List<RawRow> rows = csv("\n  \na,b\n\n1,2\n   \n\r\n3,4\n\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw)
                .containsExactly(tuple(1L, "1,2"), tuple(2L, "3,4"));
    }

    @Test
    void lineOfSeparatorsIsARecordOfEmptyFields() {
        List<RawRow> rows = csv("a,b\n,\n");

        assertThat(rows)
                .singleElement()
                .satisfies(r -> assertThat(r.values).containsExactly("", ""));
    }

    @Test
    void emptyFileAndHeaderOnlyFileGiveNoRows() {
        assertThat(csv("")).isEmpty();
        assertThat(csv("a,b\n")).isEmpty();
        assertThat(csv("a,b")).isEmpty();
    }

    @Test
    void lastRecordWithoutLineBreakIsRead() {
        assertThat(csv("a,b\n1,2"))
                .singleElement()
                .satisfies(r -> assertThat(r.raw).isEqualTo("1,2"));
    }

    @Test
    void tsvUsesTabsAndKeepsCommas() {
        input.write("records/X/license/t.tsv", "name\tcontent\nA\tx,y\n", UTF_8);

        List<RawRow> rows = input.read("records/X/license/t.tsv");

        assertThat(rows)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.header).containsExactly("name", "content");
                            assertThat(r.values).containsExactly("A", "x,y");
                        });
    }

    @Test
    void txtIsReadAsCsv() {
        input.write("catalog/c.txt", "a,b\n1,2\n", UTF_8);

        assertThat(input.read("catalog/c.txt"))
                .singleElement()
                .satisfies(r -> assertThat(r.values).containsExactly("1", "2"));
    }

    /** The file: an unterminated quote in row 2, and quotes in the rows after it. */
    private static final String UNTERMINATED_QUOTE_IN_ROW_2 =
            "name,doc_no,facts\n"
                    + "甲公司,1,罚款\n"
                    + "乙公司,\"2,警告\n"
                    + "丙公司,3,\"称\"\"无\"\"\"\n"
                    + "丁公司,4,\"x\"\n"
                    + "戊公司,5,y\n";

    @Test
    void unterminatedQuoteFollowedByQuotedRowsCostsOnlyItsOwnRow() {
        List<RawRow> rows = csv(UNTERMINATED_QUOTE_IN_ROW_2);

        assertThat(rows)
                .extracting(
                        r -> r.row,
                        r -> r.error == null,
                        r -> r.values.length > 0 ? r.values[0] : "")
                .containsExactly(
                        tuple(1L, true, "甲公司"),
                        tuple(2L, false, ""),
                        tuple(3L, true, "丙公司"),
                        tuple(4L, true, "丁公司"),
                        tuple(5L, true, "戊公司"));
        assertThat(rows.get(1).error).startsWith("line 3: ");
        assertThat(rows.get(1).raw).isEqualTo("乙公司,\"2,警告");
        assertThat(rows.get(2).values).containsExactly("丙公司", "3", "称\"无\"");
    }

    @Test
    void multiLineRecordWithTheWrongColumnCountIsItsFirstLineAndTheLinesAfterAreReadAgain() {
        // line 3 opens a quote that the quote on line 5 closes: 3 columns across lines 3-5
        List<RawRow> rows = csv("a,b\n1,ok\n2,\"oops\n3,ok\n4,x\",y\n5,ok\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(
                        tuple(1L, "1,ok", null),
                        tuple(
                                2L,
                                "2,\"oops",
                                "line 3: expected 2 columns, found 3 in lines 3-5 (a quoted field"
                                        + " not closed properly?)"),
                        tuple(3L, "3,ok", null),
                        tuple(4L, "4,x\",y", "line 5: expected 2 columns, found 3"),
                        tuple(5L, "5,ok", null));
    }

    @Test
    void multiLineRecordWithTextAfterItsClosingQuoteIsItsFirstLine() {
        List<RawRow> rows = csv("a,b\n1,\"open\n2,ok\n3,\"x\"y\n4,ok\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(
                        tuple(
                                1L,
                                "1,\"open",
                                "line 2: quoted field not closed properly: its closing quote on"
                                        + " line 4 is followed by other text"),
                        tuple(2L, "2,ok", null),
                        tuple(3L, "3,\"x\"y", "line 4: text after a closing quote"),
                        tuple(4L, "4,ok", null));
    }

    @Test
    void textAfterAClosingQuoteIsMalformedButSpacesBeforeTheSeparatorAreNot() {
        List<RawRow> rows = csv("a,b\n\"x\"y,1\n\"x\"  ,2\n\"x\" \n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, "line 2: text after a closing quote"),
                        tuple(2L, null),
                        tuple(3L, "line 4: expected 2 columns, found 1"));
        assertThat(rows.get(1).values).containsExactly("x", "2");
    }

    @Test
    void legitimateMultiLineFieldsAreOneRecordAndTheLinesAfterKeepCounting() {
        List<RawRow> rows = csv("a,b\n1,\"x\n\ny\"\n2,\"p\"\"q\"\"\nr\"\n3,z\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error, r -> r.values[1])
                .containsExactly(
                        tuple(1L, null, "x\n\ny"),
                        tuple(2L, null, "p\"q\"\nr"),
                        tuple(3L, null, "z"));
    }

    @Test
    void fieldOverTheLimitIsMalformedNamingTheLimitAndItsKey() {
        input.write(FILE, "a,b\n1,0123456789\n2,01234567890\n3,\"01234\n56789\"\n4,x\n", UTF_8);

        List<RawRow> rows = input.read(FILE, new ReadLimits(10, 100, 64));

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(1L, null),
                        tuple(
                                2L,
                                "line 3: field 2 (b) longer than 10 characters"
                                        + " (guiji.input.max-field-chars)"),
                        tuple(
                                3L,
                                "line 4: field 2 (b) longer than 10 characters"
                                        + " (guiji.input.max-field-chars)"),
                        tuple(4L, null));
        assertThat(rows.get(2).raw).isEqualTo("3,\"01234\n56789\"");
        assertThat(rows.get(3).values).containsExactly("4", "x");
    }

    @Test
    void twoMegabyteFieldIsMalformedAndTheRowsAfterItAreRead() {
        String huge = "x".repeat(2 * 1024 * 1024);

        List<RawRow> rows = csv("a,b\n1," + huge + "\n2,\"" + huge + "\"\n3,ok\n");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.error)
                .containsExactly(
                        tuple(
                                1L,
                                "line 2: record longer than 1048576 characters"
                                        + " (guiji.input.max-record-chars)"),
                        tuple(
                                2L,
                                "line 3: record longer than 1048576 characters"
                                        + " (guiji.input.max-record-chars)"),
                        tuple(3L, null));
        assertThat(rows.get(0).raw).hasSizeLessThan(Rows.PREVIEW_CHARS + 2);
    }

    @Test
    void quotedFieldThatRunsPastTheRecordLimitIsItsFirstLine() {
        input.write(FILE, "a,b\n1,\"0123456789\n0123456789\n2,ok\n3,ok\n", UTF_8);

        List<RawRow> rows = input.read(FILE, new ReadLimits(10, 20, 64));

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(
                        tuple(
                                1L,
                                "1,\"0123456789",
                                "line 2: unterminated quoted field (not closed within 20"
                                        + " characters, guiji.input.max-record-chars)"),
                        tuple(2L, "0123456789", "line 3: expected 2 columns, found 1"),
                        tuple(3L, "2,ok", null),
                        tuple(4L, "3,ok", null));
    }

    @Test
    void lineEndsMayBeMixedAndALoneCrEndsALine() {
        List<RawRow> rows = csv("a,b\r1,2\n3,4\r\n5,\"x\ry\"\r6,7");

        assertThat(rows)
                .extracting(r -> r.row, r -> r.raw, r -> r.error)
                .containsExactly(
                        tuple(1L, "1,2", null),
                        tuple(2L, "3,4", null),
                        tuple(3L, "5,\"x\ry\"", null),
                        tuple(4L, "6,7", null));
    }

    @Test
    void nulAndOtherControlCharactersAreData() {
        List<RawRow> rows = csv("a,b\n\u0000,\"\u0001\u0000\"\n");

        assertThat(rows)
                .singleElement()
                .satisfies(r -> assertThat(r.values).containsExactly("\u0000", "\u0001\u0000"));
    }
}
