package io.guiji.connectors.file;

import java.io.File;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * Reads departmental files (CSV, TSV, JSONL, JSON; optionally gzip-compressed) in a Flink {@code
 * FileSource}, producing {@link RawRow}s through {@link TabularFiles}.
 *
 * <p>Not splittable: a file is one split, read by one reader, because encoding detection needs the
 * whole file and a CSV record boundary cannot be found from an arbitrary offset (quoted line
 * breaks). Files are opened through Flink's {@link org.apache.flink.core.fs.FileSystem}, so any
 * file system Flink supports works.
 *
 * <p>Limits: the {@link ReadLimits} given (the job's {@code guiji.input.*} options) bound each
 * record; a record over them is an error row, so one runaway file cannot exhaust a TaskManager.
 *
 * <p>Checkpointing: the position of a row is the number of rows emitted from the file so far (no
 * byte offset: the detection pass and decoding make offsets meaningless). On restore the reader
 * reads the file again from the start and skips that many rows; rows are neither lost nor repeated,
 * as long as the file did not change in between.
 */
public final class TabularFileFormat implements BulkFormat<RawRow, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    /** Rows handed over per batch: large enough to amortize the hand-over, small in memory. */
    static final int BATCH_SIZE = 1024;

    /** The input root's path component, without trailing '/', to relativize split paths. */
    private final String root;

    private final ReadLimits limits;

    /**
     * @param inputRoot the folder that {@link RawRow#file} is relative to
     */
    public TabularFileFormat(String inputRoot) {
        this(new Path(inputRoot), ReadLimits.DEFAULTS);
    }

    /**
     * @param inputRoot the folder that {@link RawRow#file} is relative to
     * @param limits the largest field and record accepted
     */
    public TabularFileFormat(String inputRoot, ReadLimits limits) {
        this(new Path(inputRoot), limits);
    }

    /**
     * @param inputRoot the folder that {@link RawRow#file} is relative to
     */
    public TabularFileFormat(Path inputRoot) {
        this(inputRoot, ReadLimits.DEFAULTS);
    }

    /**
     * @param inputRoot the folder that {@link RawRow#file} is relative to
     * @param limits the largest field and record accepted
     */
    public TabularFileFormat(Path inputRoot, ReadLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        String path = inputRoot.toUri().getPath();
        if (!inputRoot.isAbsolute()) {
            // the enumerator resolves a relative path against the working directory; do the same
            path = new Path(new File(path).getAbsoluteFile().toURI()).toUri().getPath();
        }
        this.root = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public BulkFormat.Reader<RawRow> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new Reader(open(split), 0, split.fileModificationTime());
    }

    @Override
    public BulkFormat.Reader<RawRow> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long emitted =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new Reader(open(split), emitted, split.fileModificationTime());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRow> getProducedType() {
        return TypeInformation.of(RawRow.class);
    }

    /** The split's path relative to the input root, '/'-separated; its full path if outside. */
    String relativePath(Path file) {
        String path = file.toUri().getPath();
        return path.startsWith(root + "/") ? path.substring(root.length() + 1) : path;
    }

    /**
     * The file's rows. {@link TabularFiles} opens the file twice, to detect its encoding and then
     * to decode it; only the second pass counts in {@link ReadProgress}, so a file counts once.
     */
    private RowReader open(FileSourceSplit split) throws IOException {
        Path path = split.path();
        int[] opened = {0};
        return TabularFiles.reader(
                relativePath(path),
                () -> {
                    java.io.InputStream in = path.getFileSystem().open(path);
                    return opened[0]++ == 0 ? in : ReadProgress.counting(in);
                },
                limits);
    }

    /** Hands a file's rows over in batches, counting them for the checkpointed position. */
    private static final class Reader implements BulkFormat.Reader<RawRow> {
        private final RowReader rows;
        private final long modified;
        private long emitted;

        /**
         * @param modified the file's modification time (epoch ms; not positive: unknown), each
         *     row's receipt when it has no {@code updated_at} (docs/contract.md §8)
         */
        Reader(RowReader rows, long alreadyEmitted, long modified) throws IOException {
            this.rows = rows;
            this.modified = modified;
            try {
                for (long i = 0; i < alreadyEmitted && rows.next() != null; i++) {
                    emitted++;
                }
            } catch (IOException | RuntimeException e) {
                rows.close();
                throw e;
            }
        }

        @Override
        public RecordIterator<RawRow> readBatch() throws IOException {
            RawRow[] batch = new RawRow[BATCH_SIZE];
            int n = 0;
            RawRow row;
            while (n < BATCH_SIZE && (row = rows.next()) != null) {
                if (modified > 0) {
                    row.receivedAt(modified, RawRow.FILE_MODIFIED);
                }
                batch[n++] = row;
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<RawRow> iterator = new ArrayResultIterator<>();
            iterator.set(batch, n, CheckpointedPosition.NO_OFFSET, emitted);
            emitted += n;
            ReadProgress.addRows(n);
            return iterator;
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
