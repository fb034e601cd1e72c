package io.guiji.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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
        assertThat(rows).extracting(r -> r.row, r -> r.raw, r -> r.error)
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
}
