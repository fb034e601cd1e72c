package io.guiji.connectors.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularFileFormatTest {

    private static final int ROWS = 2 * TabularFileFormat.BATCH_SIZE + 300;

    @TempDir java.nio.file.Path dir;
    private FileSourceSplit split;
    private TabularFileFormat format;

    @BeforeEach
    void setUp() throws IOException {
        StringBuilder csv = new StringBuilder("name,n\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("company ").append(i).append(',').append(i).append('\n');
        }
        java.nio.file.Path file =
                new TestInput(dir).write("records/D1/penalty/a.csv", csv.toString(), UTF_8);
        long size = Files.size(file);
        split = new FileSourceSplit("0", new Path(file.toUri()), 0, size, 0, size);
        format = new TabularFileFormat(new Path(dir.toUri()));
    }

    /** Reads to the end, recording each row and the position a checkpoint after it would store. */
    private static List<Object[]> readAll(BulkFormat.Reader<RawRow> reader) throws IOException {
        List<Object[]> seen = new ArrayList<>();
        BulkFormat.RecordIterator<RawRow> batch;
        while ((batch = reader.readBatch()) != null) {
            RecordAndPosition<RawRow> next;
            while ((next = batch.next()) != null) {
                seen.add(
                        new Object[] {
                            next.getRecord(), next.getRecordSkipCount(), next.getOffset()
                        });
            }
            batch.releaseBatch();
        }
        reader.close();
        return seen;
    }

    @Test
    void positionOfEachRowIsTheNumberOfRowsEmittedThroughIt() throws IOException {
        List<Object[]> seen = readAll(format.createReader(new Configuration(), split));

        assertThat(seen).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            RawRow row = (RawRow) seen.get(i)[0];
            assertThat(row.row).isEqualTo(i + 1);
            assertThat(row.file).isEqualTo("records/D1/penalty/a.csv");
            assertThat(seen.get(i)[1]).isEqualTo((long) i + 1);
            assertThat(seen.get(i)[2]).isEqualTo(CheckpointedPosition.NO_OFFSET);
        }
    }

    /**
     * The progress counters: every row, and the file's bytes once although it is read twice
     * (encoding, then rows).
     */
    @Test
    void readingCountsTheRowsAndTheFilesBytesOnce() throws IOException {
        long rows0 = ReadProgress.rows();
        long bytes0 = ReadProgress.bytes();

        readAll(format.createReader(new Configuration(), split));

        assertThat(ReadProgress.rows() - rows0).isEqualTo(ROWS);
        assertThat(ReadProgress.bytes() - bytes0).isEqualTo(split.length());
    }

    @Test
    void restoredReaderContinuesAfterTheCheckpointedRow() throws IOException {
        FileSourceSplit restored =
                split.updateWithCheckpointedPosition(
                        new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 1500));

        List<Object[]> seen = readAll(format.restoreReader(new Configuration(), restored));

        assertThat(seen).hasSize(ROWS - 1500);
        assertThat(((RawRow) seen.get(0)[0]).row).isEqualTo(1501);
        assertThat(seen.get(0)[1]).isEqualTo(1501L);
        assertThat(seen.get(seen.size() - 1)[1]).isEqualTo((long) ROWS);
    }

    @Test
    void isNotSplittable() {
        assertThat(format.isSplittable()).isFalse();
    }

    @Test
    void namesFilesRelativeToTheRootWhateverItsSpelling() {
        assertThat(
                        new TabularFileFormat("/data/input/")
                                .relativePath(new Path("file:/data/input/records/a.csv")))
                .isEqualTo("records/a.csv");
        assertThat(
                        new TabularFileFormat("file:///data/input")
                                .relativePath(new Path("/data/input/catalog/c.csv")))
                .isEqualTo("catalog/c.csv");
    }

    @Test
    void missingInputFolderIsRejectedWithAHint() {
        assertThatThrownBy(() -> InputFiles.source(dir.toString(), "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("nope/");
        assertThatThrownBy(() -> InputFiles.source(dir.toString(), "../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the input root");
        assertThatThrownBy(() -> InputFiles.source(" ", "records"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("records/, registry/ and catalog/");
    }
}
