package io.guiji.jobs.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a bounded run's output folders under stable names (docs/contract.md §9): {@code
 * part-0000.jsonl}, {@code part-0001.jsonl}, … The job writes its part files into a staging folder
 * ({@code JsonLinesPartWriter}, named by writer and subtask); once it has finished they are moved
 * into the output folder, in an order that depends only on their contents (by first line, then by
 * name), so the same input and parallelism give the same names, and nothing of a run that failed is
 * ever in an output folder.
 */
public final class OutputFiles {
    static final String PREFIX = "part-";
    static final String SUFFIX = ".jsonl";

    private OutputFiles() {}

    /**
     * Moves the part files of {@code staged} (absent: nothing to do) into {@code folder} under
     * their stable names; hidden files (a writer's unfinished file) are left behind. {@code folder}
     * is created when there is a file to move, and must hold no part file yet.
     */
    static void publish(Path staged, Path folder) throws IOException {
        if (!Files.isDirectory(staged)) {
            return;
        }
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(staged)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .forEach(parts::add);
        }
        if (parts.isEmpty()) {
            return;
        }
        List<String[]> keyed = new ArrayList<>();
        for (Path p : parts) {
            keyed.add(new String[] {firstLine(p), p.getFileName().toString()});
        }
        keyed.sort(Comparator.<String[], String>comparing(k -> k[0]).thenComparing(k -> k[1]));
        Files.createDirectories(folder);
        for (int i = 0; i < keyed.size(); i++) {
            Files.move(staged.resolve(keyed.get(i)[1]), folder.resolve(name(i)));
        }
    }

    /** The stable name of the {@code i}-th file of a folder. */
    static String name(int i) {
        return String.format("%s%04d%s", PREFIX, i, SUFFIX);
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }

    /**
     * What a run wrote in {@code output}, for the summary: each of its output folders that exists
     * with the number of files, {@code coverage.json} and {@code coverage.html}; a folder without
     * records is not created.
     */
    public static List<String> created(Path output) throws IOException {
        List<String> created = new ArrayList<>();
        for (String folder :
                new String[] {
                    "unified",
                    "rejected",
                    "reference_rejected",
                    "enterprises",
                    "leads",
                    "timeliness"
                }) {
            Path dir = output.resolve(folder);
            if (Files.isDirectory(dir)) {
                long n;
                try (Stream<Path> files = Files.list(dir)) {
                    n = files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
                }
                created.add(dir + "/ (" + n + (n == 1 ? " file)" : " files)"));
            }
        }
        for (String file : new String[] {"coverage.json", "coverage.html"}) {
            if (Files.exists(output.resolve(file))) {
                created.add(output.resolve(file).toString());
            }
        }
        return created;
    }
}
