package io.guiji.connectors.file;

import java.io.IOException;
import java.time.Duration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;

/**
 * Builds the {@link FileSource}s over the input folder of docs/contract.md §3 ({@code records/},
 * {@code registry/}, {@code catalog/}), producing {@link RawRow}s via {@link TabularFileFormat}.
 *
 * <p>Folders are read recursively; Flink's default filter skips files whose names start with {@code
 * .} or {@code _} (hidden files, files still being written by tools that use such a prefix). Each
 * file is one split, so parallelism helps only across files. The folder must exist when the source
 * is built; a missing one fails fast with a message saying what to set.
 */
public final class InputFiles {

    private InputFiles() {}

    /**
     * A bounded source over the files under {@code inputRoot/subdir}, as they are when the job
     * starts.
     *
     * @param inputRoot the input folder; {@link RawRow#file} is relative to it
     * @param subdir a folder under it, e.g. {@code records}; empty for the whole input
     */
    public static FileSource<RawRow> source(String inputRoot, String subdir) {
        return source(inputRoot, subdir, ReadLimits.DEFAULTS);
    }

    /**
     * A bounded source as {@link #source(String, String)}, with other limits than the defaults.
     *
     * @param limits the largest field and record accepted; larger ones become error rows
     */
    public static FileSource<RawRow> source(String inputRoot, String subdir, ReadLimits limits) {
        return FileSource.forBulkFileFormat(
                        new TabularFileFormat(inputRoot, limits), folder(inputRoot, subdir))
                .build();
    }

    /**
     * An unbounded source that also picks up files added later (a drop folder), checking every
     * {@code interval}. Each file is read once, when first seen; later changes to it are not read.
     */
    public static FileSource<RawRow> continuous(
            String inputRoot, String subdir, Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "the discovery interval must be positive, e.g. Duration.ofSeconds(10); got "
                            + interval);
        }
        return FileSource.forBulkFileFormat(
                        new TabularFileFormat(inputRoot), folder(inputRoot, subdir))
                .monitorContinuously(interval)
                .build();
    }

    /** Checks the arguments early, with messages that say what to fix. */
    static Path folder(String inputRoot, String subdir) {
        if (inputRoot == null || inputRoot.isBlank()) {
            throw new IllegalArgumentException(
                    "no input root: set it to the folder that holds records/, registry/ and"
                            + " catalog/");
        }
        String sub = subdir == null ? "" : subdir.strip();
        if (sub.startsWith("/")
                || sub.equals("..")
                || sub.startsWith("../")
                || sub.contains("/../")) {
            throw new IllegalArgumentException(
                    "subdir '"
                            + subdir
                            + "' must be a folder inside the input root, e.g. 'records'");
        }
        Path root = new Path(inputRoot);
        Path folder = sub.isEmpty() ? root : new Path(root, sub);
        try {
            if (!folder.getFileSystem().exists(folder)) {
                throw new IllegalArgumentException(
                        "input folder "
                                + folder
                                + " does not exist: check the input root ("
                                + inputRoot
                                + ") and that it holds "
                                + (sub.isEmpty() ? "the input files" : sub + "/"));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot access input folder " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }
}
