package io.guiji.bench;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.TabularFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.util.CloseableIterator;

/**
 * The machine's own limit for file mode: a plain read and parse ({@link TabularFiles}: encoding
 * detection, decoding, CSV/JSONL splitting into {@link RawRow}s) of the same files a bounded run
 * reads ({@code records/}, {@code registry/}, {@code catalog/}), on {@code --threads} threads
 * taking whole files from one queue (largest first), without Flink. Records/s counts the rows under
 * {@code records/}, as the file-mode figure does, over the time for all files.
 *
 * <pre>{@code --input bench/data/r1m-e1m [--threads 2] [--repeat 3]}</pre>
 */
public final class ReadParseBaseline {
    private ReadParseBaseline() {}

    /** One pass: rows under records/, all rows, seconds. */
    public record Pass(long recordRows, long allRows, double seconds) {
        double recordsPerSecond() {
            return recordRows / seconds;
        }
    }

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input"));
        int threads = a.getInt("threads", Runtime.getRuntime().availableProcessors());
        int repeat = a.getInt("repeat", 3);
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            String load = Machine.load();
            Pass p = run(input, threads);
            rates.add(p.recordsPerSecond());
            System.out.printf(
                    "baseline read+parse pass %d: %,d record rows (%,d rows in all) in %.2f s = %,.0f records/s, %d threads, load %s%n",
                    i + 1,
                    p.recordRows(),
                    p.allRows(),
                    p.seconds(),
                    p.recordsPerSecond(),
                    threads,
                    load);
        }
        rates.sort(Comparator.naturalOrder());
        System.out.printf(
                "RESULT baseline_read_parse threads=%d median_records_per_s=%.0f peak_rss_mib=%d machine=\"%s\"%n",
                threads, rates.get(rates.size() / 2), Machine.peakRssMiB(), Machine.describe());
    }

    public static Pass run(Path input, int threads) throws Exception {
        ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(files(input));
        AtomicLong recordRows = new AtomicLong();
        AtomicLong allRows = new AtomicLong();
        Path records = input.resolve("records");
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w =
                    new Thread(
                            () -> {
                                Path f;
                                while ((f = queue.poll()) != null) {
                                    long n = 0;
                                    try (CloseableIterator<RawRow> rows =
                                            TabularFiles.open(f, input)) {
                                        while (rows.hasNext()) {
                                            rows.next();
                                            n++;
                                        }
                                    } catch (Exception e) {
                                        errors.add(e);
                                        return;
                                    }
                                    allRows.addAndGet(n);
                                    if (f.startsWith(records)) {
                                        recordRows.addAndGet(n);
                                    }
                                }
                            },
                            "read-parse-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("read failed", errors.get(0));
        }
        return new Pass(recordRows.get(), allRows.get(), (System.nanoTime() - t0) / 1e9);
    }

    /** Every regular file under records/, registry/ and catalog/, largest first. */
    static List<Path> files(Path input) {
        List<Path> out = new ArrayList<>();
        for (String sub : new String[] {"records", "registry", "catalog"}) {
            Path dir = input.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.sort(Comparator.comparingLong(ReadParseBaseline::size).reversed());
        return out;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
