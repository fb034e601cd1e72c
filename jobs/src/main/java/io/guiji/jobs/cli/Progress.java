package io.guiji.jobs.cli;

import io.guiji.connectors.file.ReadProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The progress of a bounded run on stderr (docs/contract.md §10): rows read, their rate, the bytes
 * of input read against the input's size and the time left for reading. Nothing for the first
 * {@link #QUIET_NANOS} after the job starts reading, so short runs show none. On a terminal one
 * line with a bar, redrawn twice a second and erased at the end; otherwise (a file, a pipe, a CI
 * log) a plain line every {@link #PLAIN_EVERY_NANOS}. When all input is read the line says the run
 * is deduplicating, linking and writing: BATCH mode runs those stages after the reading.
 *
 * <p>The counts come from {@link ReadProgress}, which the embedded mini-cluster's file readers
 * advance in this JVM.
 */
final class Progress implements AutoCloseable {
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(3);
    static final long PLAIN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long TERMINAL_EVERY_MILLIS = 500;
    private static final int BAR = 20;

    private final PrintStream err;
    private final boolean terminal;
    private final long totalBytes;
    private final LongSupplier rows;
    private final LongSupplier bytes;
    private final long rows0;
    private final long bytes0;
    private final ScheduledExecutorService timer;
    private long readingSince = -1;
    private long lastPrinted = -1;
    private int drawnWidth;
    private boolean closed;

    Progress(
            PrintStream err,
            boolean terminal,
            long totalBytes,
            LongSupplier rows,
            LongSupplier bytes,
            ScheduledExecutorService timer) {
        this.err = err;
        this.terminal = terminal;
        this.totalBytes = totalBytes;
        this.rows = rows;
        this.bytes = bytes;
        this.rows0 = rows.getAsLong();
        this.bytes0 = bytes.getAsLong();
        this.timer = timer;
    }

    /**
     * Starts showing the progress of a run over {@code input} on stderr; {@code quiet}: shows
     * nothing. Close it when the run ends.
     */
    static Progress start(Path input, boolean quiet) {
        if (quiet) {
            return new Progress(System.err, false, 0, () -> 0, () -> 0, null);
        }
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "guiji-progress");
                            t.setDaemon(true);
                            return t;
                        });
        Progress p =
                new Progress(
                        System.err,
                        terminal,
                        inputBytes(input),
                        ReadProgress::rows,
                        ReadProgress::bytes,
                        timer);
        timer.scheduleAtFixedRate(
                () -> p.tick(System.nanoTime()),
                TERMINAL_EVERY_MILLIS,
                TERMINAL_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        return p;
    }

    /** One look at the counters at time {@code now} (nanoseconds); prints when it is time to. */
    synchronized void tick(long now) {
        if (closed) {
            return;
        }
        long r = rows.getAsLong() - rows0;
        long b = bytes.getAsLong() - bytes0;
        if (readingSince < 0) {
            if (r == 0 && b == 0) {
                return;
            }
            readingSince = now;
        }
        long running = now - readingSince;
        if (running < QUIET_NANOS) {
            return;
        }
        if (!terminal && lastPrinted >= 0 && now - lastPrinted < PLAIN_EVERY_NANOS) {
            return;
        }
        lastPrinted = now;
        String line = line(r, b, totalBytes, running / 1e9, terminal);
        if (terminal) {
            int pad = Math.max(0, drawnWidth - line.length());
            err.print("\r" + line + " ".repeat(pad));
            drawnWidth = line.length();
        } else {
            err.println("guiji: after " + duration(running / 1e9) + ", " + line);
        }
        err.flush();
    }

    /**
     * The text of one progress display: rows, rate, bytes of the input read and the time left when
     * the input's size is known; a bar in front on a terminal.
     */
    static String line(long rows, long bytes, long totalBytes, double seconds, boolean bar) {
        StringBuilder s = new StringBuilder();
        boolean sized = totalBytes > 0;
        double done = sized ? Math.min(1.0, (double) bytes / totalBytes) : 0;
        boolean allRead = sized && bytes >= totalBytes;
        if (bar && sized) {
            int filled = (int) Math.round(done * BAR);
            s.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
        }
        s.append(String.format(Locale.ROOT, "read %,d rows", rows));
        if (sized) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            " (%s of %s, %d%%)",
                            size(Math.min(bytes, totalBytes)),
                            size(totalBytes),
                            (int) Math.floor(done * 100)));
        }
        if (allRead) {
            s.append("; deduplicating, linking, writing");
            // a redrawn line that never changed would look stuck; a logged line says its time in
            // front
            return (bar ? s.append(", ").append(duration(seconds)).append(" so far") : s)
                    .toString();
        }
        if (seconds > 0) {
            s.append(String.format(Locale.ROOT, ", %,.0f rows/s", rows / seconds));
        }
        if (sized && bytes > 0 && seconds > 0) {
            double left = (totalBytes - bytes) / (bytes / seconds);
            s.append(", reading ends in about ").append(duration(left));
        }
        return s.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }

    static String duration(double seconds) {
        long s = Math.max(1, Math.round(seconds));
        return s < 60
                ? s + " s"
                : s < 3600
                        ? (s / 60) + " min " + (s % 60) + " s"
                        : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /**
     * Bytes of the files a run reads: under records/, registry/ and catalog/, hidden names skipped
     * as the source does.
     */
    static long inputBytes(Path input) {
        long total = 0;
        for (String folder : new String[] {"records", "registry", "catalog"}) {
            Path dir = input.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                total +=
                        walk.filter(p -> !hidden(dir.relativize(p)))
                                .filter(Files::isRegularFile)
                                .mapToLong(
                                        p -> {
                                            try {
                                                return Files.size(p);
                                            } catch (IOException e) {
                                                return 0;
                                            }
                                        })
                                .sum();
            } catch (IOException | java.io.UncheckedIOException e) {
                return 0; // unknown size: no percentage, no time left
            }
        }
        return total;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** Stops the display; on a terminal the line is erased, so the summary starts clean. */
    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (terminal && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
        }
        drawnWidth = 0;
    }
}
