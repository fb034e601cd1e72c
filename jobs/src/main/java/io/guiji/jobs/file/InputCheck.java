package io.guiji.jobs.file;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.TabularFiles;
import io.guiji.jobs.validate.ReferenceNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.util.CloseableIterator;

/**
 * The checks before a bounded run starts (docs/contract.md §3, §10): what a user can fix gets one
 * line naming the path and what to do, before any Flink job starts or any output is written.
 *
 * <ul>
 *   <li>{@code records/} missing, or holding no input file: an error (there is nothing to run).
 *   <li>A file or folder under {@code records/}, {@code registry/} or {@code catalog/} that cannot
 *       be read (permissions, a broken link): an error naming it; otherwise the job would fail
 *       half-way with Flink's message.
 *   <li>{@code registry/} missing, or without one usable entry: a warning; the run goes on, links
 *       only by valid USCCs (the code is the enterprise's identity), and the summary says so.
 *   <li>{@code catalog/} missing, or without one usable entry: a warning; the run goes on (unified
 *       and rejected records do not need it) and the summary says coverage was not measured.
 * </ul>
 *
 * Files are listed as Flink's file source lists them: recursively, skipping names that start with
 * {@code .} or {@code _}. The reference folders are read only up to their first usable entry.
 */
public final class InputCheck {
    private InputCheck() {}

    /**
     * What the input holds, and the warnings to show before the run; {@code bytes}: the size of
     * every input file (records, registry, catalogue), which sizes the run's sort memory.
     */
    public record Report(boolean registry, boolean catalog, List<String> warnings, long bytes) {}

    public static Report check(Path input) {
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException(
                    "input "
                            + input
                            + " is not a directory: give the folder that holds records/, registry/ and catalog/");
        }
        if (!Files.isReadable(input)) {
            throw new IllegalArgumentException(
                    "input " + input + " is not readable: fix its permissions");
        }
        Path records = input.resolve("records");
        if (!Files.isDirectory(records)) {
            throw new IllegalArgumentException(
                    "input "
                            + input
                            + " has no records/ folder (expected records/<dept_code>/<record_type>/*.csv|*.jsonl)");
        }
        if (listFiles(input, records).isEmpty()) {
            throw new IllegalArgumentException(
                    "input "
                            + records
                            + "/ holds no files: put the departments' CSV or JSONL files in records/<dept_code>/<record_type>/");
        }
        List<String> warnings = new ArrayList<>();
        ReferenceNormalizer reference = new ReferenceNormalizer();
        boolean registry =
                usable(
                        input,
                        "registry",
                        row -> reference.registry(row).entry() != null,
                        warnings,
                        "linking can only use valid USCCs (a record's own code); names, registration numbers and organization codes "
                                + "need the enterprise registry extract in registry/*.csv|*.jsonl");
        boolean catalog =
                usable(
                        input,
                        "catalog",
                        row -> !reference.catalog(row).entries().isEmpty(),
                        warnings,
                        "coverage cannot be measured; put the resource catalogue (部门编码, 部门名称, 行政区划代码, 信息类别) in catalog/*.csv");
        return new Report(registry, catalog, List.copyOf(warnings), bytes(input));
    }

    /** The size of the files under records/, registry/ and catalog/. */
    private static long bytes(Path input) {
        long total = 0;
        for (String folder : List.of("records", "registry", "catalog")) {
            Path dir = input.resolve(folder);
            if (Files.isDirectory(dir)) {
                for (Path f : listFiles(input, dir)) {
                    try {
                        total += Files.size(f);
                    } catch (IOException e) {
                        throw unreadable(input, f, e);
                    }
                }
            }
        }
        return total;
    }

    /** Whether a reference folder holds at least one usable row; a warning when not. */
    private static boolean usable(
            Path input,
            String folder,
            Predicate<RawRow> usable,
            List<String> warnings,
            String consequence) {
        Path dir = input.resolve(folder);
        if (!Files.isDirectory(dir)) {
            warnings.add("no " + folder + "/ folder in " + input + ": " + consequence);
            return false;
        }
        List<Path> files = listFiles(input, dir);
        for (Path file : files) {
            try (CloseableIterator<RawRow> rows = TabularFiles.open(file, input)) {
                while (rows.hasNext()) {
                    if (isUsable(usable, rows.next())) {
                        return true;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw unreadable(
                        input, file, e instanceof UncheckedIOException u ? u.getCause() : e);
            } catch (Exception e) { // closing
                throw unreadable(input, file, e);
            }
        }
        warnings.add(
                (files.isEmpty() ? "no files in " : "no usable entry in ")
                        + dir
                        + "/: "
                        + consequence);
        return false;
    }

    /** A row the check cannot judge is not usable: the run reports it with its reason. */
    private static boolean isUsable(Predicate<RawRow> usable, RawRow row) {
        try {
            return usable.test(row);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The input files under {@code dir}, each checked to open for reading. */
    static List<Path> listFiles(Path input, Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(
                    dir,
                    EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                    Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
                                throws IOException {
                            if (!d.equals(dir) && hidden(d)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (!Files.isReadable(d) || !Files.isExecutable(d)) {
                                throw unreadable(input, d, new AccessDeniedException(d.toString()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            if (hidden(f)) {
                                return FileVisitResult.CONTINUE;
                            }
                            try (InputStream in = Files.newInputStream(f)) {
                                files.add(f);
                            } catch (IOException e) {
                                throw unreadable(input, f, e);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            throw unreadable(input, f, e);
                        }
                    });
        } catch (IOException e) {
            throw unreadable(input, dir, e);
        }
        files.sort(null);
        return files;
    }

    /** Flink's default file filter skips these names (hidden files, files being written). */
    private static boolean hidden(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.startsWith("_");
    }

    private static IllegalArgumentException unreadable(Path input, Path p, Exception e) {
        String what = Files.isDirectory(p) ? "folder" : "file";
        return new IllegalArgumentException(
                "cannot read input "
                        + what
                        + " "
                        + p
                        + " ("
                        + reason(e)
                        + "): fix its permissions or move it out of "
                        + input);
    }

    /** The cause in a few words: Java's file exceptions carry only the path as their message. */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return Files.isSymbolicLink(Path.of(((NoSuchFileException) e).getFile()))
                    ? "a broken link"
                    : "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it exists already";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
