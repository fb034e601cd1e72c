package io.guiji.connectors.file;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.flink.util.CloseableIterator;

/**
 * Entry point of the file-reading layer, free of Flink's runtime: opens one input file as a
 * sequence of {@link RawRow}s. Used by {@link TabularFileFormat} inside the job, and directly by
 * benchmarks and tests.
 *
 * <p>The reader is chosen by extension, case-insensitively, with an optional {@code .gz} suffix
 * (decompressed transparently): {@code .csv}/{@code .txt} comma-separated, {@code .tsv}
 * tab-separated, {@code .jsonl}/{@code .ndjson} one JSON object per line, {@code .json} the same or
 * one array of objects. The encoding is detected first, in a separate pass over the bytes ({@link
 * EncodingDetector}), so every file is opened twice.
 *
 * <p>Problems with the file as a whole — an unsupported type, a gzip header that is not one — give
 * exactly one error row with row 0 and empty raw text, so the file is reported instead of
 * vanishing. Damage later in gzip data (a truncated download, a corrupt block) keeps the rows
 * before it: the file is read up to its last complete line, then one row 0 reports the damage.
 */
public final class TabularFiles {

    private static final int GZIP_BUFFER = 64 * 1024;

    /** Opens the bytes of one file, from the start, as often as asked. */
    @FunctionalInterface
    public interface ByteSource {
        InputStream open() throws IOException;
    }

    private TabularFiles() {}

    /**
     * Reads a local file.
     *
     * @param file the file
     * @param root the input root; the rows' {@code file} is the path relative to it
     */
    public static CloseableIterator<RawRow> open(Path file, Path root) throws IOException {
        return open(file, root, ReadLimits.DEFAULTS);
    }

    /**
     * Reads a local file with other limits than the defaults.
     *
     * @param file the file
     * @param root the input root; the rows' {@code file} is the path relative to it
     * @param limits the largest field and record accepted
     */
    public static CloseableIterator<RawRow> open(Path file, Path root, ReadLimits limits)
            throws IOException {
        return new RowIterator(
                reader(relativePath(file, root), () -> Files.newInputStream(file), limits));
    }

    /**
     * Reads a file from any byte source.
     *
     * @param file the path relative to the input root, '/'-separated; its name picks the reader
     * @param bytes the file's (possibly gzip-compressed) bytes; opened twice, closed by the reader
     */
    public static RowReader reader(String file, ByteSource bytes) throws IOException {
        return reader(file, bytes, ReadLimits.DEFAULTS);
    }

    /**
     * Reads a file from any byte source, with the given limits.
     *
     * @param file the path relative to the input root, '/'-separated; its name picks the reader
     * @param bytes the file's (possibly gzip-compressed) bytes; opened twice, closed by the reader
     * @param limits the largest field and record accepted
     */
    public static RowReader reader(String file, ByteSource bytes, ReadLimits limits)
            throws IOException {
        String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        if (gzip) {
            name = name.substring(0, name.length() - 3);
        }
        String extension = name.lastIndexOf('.') < 0 ? "" : name.substring(name.lastIndexOf('.'));
        char separator;
        switch (extension) {
            case ".csv":
            case ".txt":
                separator = ',';
                break;
            case ".tsv":
                separator = '\t';
                break;
            case ".jsonl":
            case ".ndjson":
            case ".json":
                separator = 0;
                break;
            default:
                return new SingleRow(
                        fileError(
                                file,
                                "unsupported file type "
                                        + (extension.isEmpty() ? "(no extension)" : extension)
                                        + (gzip ? ".gz" : "")
                                        + ": send CSV (UTF-8 or GBK) or JSONL"));
        }
        ByteSource plain =
                gzip
                        ? () -> new CutAtDamage(new GZIPInputStream(bytes.open(), GZIP_BUFFER))
                        : bytes;

        EncodingDetector.Detection encoding;
        try (InputStream in = plain.open()) {
            encoding = EncodingDetector.detect(in);
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            // a damaged header stays damaged on every retry: report it instead of failing the job
            return new SingleRow(fileError(file, "not a readable gzip file: " + e.getMessage()));
        }

        InputStream in = plain.open();
        TextLines lines;
        try {
            if (encoding.bom()) {
                in.skipNBytes(3);
            }
            lines =
                    new TextLines(
                            new LineSafeDecoder(in, encoding.charset()),
                            limits.maxRecordChars(),
                            separator != 0);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        RowReader rows =
                separator == 0
                        ? new JsonlRowReader(
                                lines, file, encoding.name(), extension.equals(".json"), limits)
                        : new CsvRowReader(lines, file, separator, encoding.name(), limits);
        return in instanceof CutAtDamage cut ? new DamageReport(rows, cut, file, encoding) : rows;
    }

    /** {@code file} relative to {@code root}, '/'-separated; the absolute path if outside it. */
    public static String relativePath(Path file, Path root) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = root.toAbsolutePath().normalize();
        Path relative = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return relative.toString().replace(File.separatorChar, '/');
    }

    private static RawRow fileError(String file, String message) {
        return new RawRow(file, 0, RawRow.NONE, RawRow.NONE, "", message, null);
    }

    /**
     * The rows of a gzip file read up to damage in its data, then one row 0 that reports the
     * damage, with the partial line it cut off as raw text.
     */
    private static final class DamageReport implements RowReader {
        private final RowReader rows;
        private final CutAtDamage cut;
        private final String file;
        private final EncodingDetector.Detection encoding;
        private boolean reported;

        DamageReport(
                RowReader rows, CutAtDamage cut, String file, EncodingDetector.Detection encoding) {
            this.rows = rows;
            this.cut = cut;
            this.file = file;
            this.encoding = encoding;
        }

        @Override
        public RawRow next() throws IOException {
            RawRow row = rows.next();
            if (row != null || reported || cut.damage() == null) {
                return row;
            }
            reported = true;
            String tail = new String(cut.cutOff(), encoding.charset());
            return new RawRow(
                    file,
                    0,
                    RawRow.NONE,
                    RawRow.NONE,
                    Rows.preview(tail),
                    "damaged gzip data ("
                            + cut.damage()
                            + "): the file is read up to its last complete line, the rest is lost",
                    encoding.name());
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    /** A reader for a file that yields just one row about the file itself. */
    private static final class SingleRow implements RowReader {
        private RawRow row;

        SingleRow(RawRow row) {
            this.row = row;
        }

        @Override
        public RawRow next() {
            RawRow r = row;
            row = null;
            return r;
        }

        @Override
        public void close() {}
    }

    /** Adapts a {@link RowReader} to an iterator; read errors surface as UncheckedIOException. */
    private static final class RowIterator implements CloseableIterator<RawRow> {
        private final RowReader reader;
        private RawRow next;

        RowIterator(RowReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = reader.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public RawRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RawRow r = next;
            next = null;
            return r;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
