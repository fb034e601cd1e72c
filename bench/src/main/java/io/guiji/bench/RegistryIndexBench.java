package io.guiji.bench;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.TabularFiles;
import io.guiji.jobs.link.CompactRegistryIndex;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.MapRegistryIndex;
import io.guiji.jobs.link.RegistryIndex;
import io.guiji.jobs.validate.ReferenceNormalizer;
import io.guiji.schemas.RegistryEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.util.CloseableIterator;

/**
 * The registry index in memory ({@link io.guiji.jobs.link.RegistryIndex}), as each linking subtask
 * will hold it: the registry of an input ({@code registry/} of {@link GenerateData}) is read row by
 * row and put into a {@link CompactRegistryIndex}; printed are the put time per entry (the time in
 * {@code put} alone, and separately what {@link LinkKeys#indexOf} — the name parsing every put does
 * once — costs of it, on a sample), the heap held per entry (used heap after GC, before and after,
 * nothing else kept), and {@code answer()} per lookup: exact hits ({@code U:}, {@code N:}), fuzzy
 * keys of registry names, and absent keys. Then the same for {@link MapRegistryIndex} on the first
 * {@code --map-entries} entries, for comparison.
 *
 * <p>{@code --copies K} reads the registry K times, each copy after the first with other codes and
 * trade names ({@link Copies}): {@link GenerateData} cannot make 10 million entries (its individual
 * business names run out at about 1.1 million).
 *
 * <pre>
 * {@code --input bench/data/r1000-e1000000 [--copies 1] [--map-entries 200000] [--lookups 2000000]}
 * </pre>
 */
public final class RegistryIndexBench {
    private static final int SAMPLE = 100_000;

    private RegistryIndexBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input")).toAbsolutePath();
        int mapEntries = a.getInt("map-entries", 200_000);
        int lookups = a.getInt("lookups", 2_000_000);
        int copies = a.getInt("copies", 1);
        System.out.printf(
                "registry index in memory: %s (%s)%n",
                input.resolve("registry"), Machine.describe());

        long heapBefore = Machine.usedHeapAfterGc();
        CompactRegistryIndex[] compact = {new CompactRegistryIndex()};
        long[] putNanos = {0};
        long t0 = System.nanoTime();
        long entries = 0;
        for (int copy = 0; copy < copies; copy++) {
            int c = copy;
            entries +=
                    read(
                            input,
                            Long.MAX_VALUE,
                            e -> {
                                RegistryEntry put = c == 0 ? e : Copies.of(e, c);
                                long s = System.nanoTime();
                                compact[0].put(put);
                                putNanos[0] += System.nanoTime() - s;
                            });
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long held = Machine.usedHeapAfterGc() - heapBefore;
        List<RegistryEntry> sample = sample(input, 8L * SAMPLE);
        Keys keys = new Keys();
        long parseNanos = keys.of(sample);
        System.out.printf(
                "RESULT registry_index impl=compact entries=%d enterprises_in_force=%d keys=%d"
                        + " load_s=%.1f put_us_per_entry=%.2f index_of_us_per_entry=%.2f heap_bytes_per_entry=%.0f"
                        + " heap_mib=%d extrapolated_10m_gib=%.2f%n",
                entries,
                compact[0].size(),
                compact[0].keys(),
                loadSeconds,
                putNanos[0] / 1e3 / entries,
                parseNanos / 1e3 / sample.size(),
                (double) held / entries,
                held >> 20,
                held * (10_000_000.0 / entries) / (1L << 30));
        StringBuilder parts = new StringBuilder("RESULT registry_index_parts impl=compact");
        for (Map.Entry<String, Long> part : compact[0].memory().entrySet()) {
            parts.append(
                    String.format(
                            " %s_bytes_per_entry=%.1f",
                            part.getKey(), (double) part.getValue() / entries));
        }
        System.out.println(parts);
        lookups(compact[0], "compact", keys, lookups);
        replacements(compact[0], sample);
        compact[0] = null;

        // The plain reference, on the first entries only (it holds several KB an entry).
        long mapBefore = Machine.usedHeapAfterGc();
        MapRegistryIndex map = new MapRegistryIndex();
        long[] mapPutNanos = {0};
        long mapEntriesRead =
                read(
                        input,
                        mapEntries,
                        e -> {
                            long s = System.nanoTime();
                            map.put(e);
                            mapPutNanos[0] += System.nanoTime() - s;
                        });
        long mapHeld = Machine.usedHeapAfterGc() - mapBefore;
        System.out.printf(
                "RESULT registry_index impl=map entries=%d put_us_per_entry=%.2f heap_bytes_per_entry=%.0f"
                        + " heap_mib=%d extrapolated_10m_gib=%.2f%n",
                mapEntriesRead,
                mapPutNanos[0] / 1e3 / mapEntriesRead,
                (double) mapHeld / mapEntriesRead,
                mapHeld >> 20,
                mapHeld * (10_000_000.0 / mapEntriesRead) / (1L << 30));
        Keys mapKeys = new Keys();
        mapKeys.of(sample(input, mapEntries));
        lookups(map, "map", mapKeys, lookups);
        // The compact index at the map's size, on the same keys: the same share of it fits the
        // caches.
        CompactRegistryIndex small = new CompactRegistryIndex();
        read(input, mapEntries, small::put);
        lookups(small, "compact_at_map_size", mapKeys, lookups);
        System.out.printf("peak RSS %d MiB%n", Machine.peakRssMiB());
    }

    /**
     * Every 8th entry (by hash) of the first {@code rows}, up to SAMPLE: read again, so that the
     * heap figure holds none of them.
     */
    private static List<RegistryEntry> sample(Path input, long rows) throws Exception {
        List<RegistryEntry> sample = new ArrayList<>(SAMPLE);
        read(
                input,
                rows,
                e -> {
                    if ((e.hashCode() & 7) == 0 && sample.size() < SAMPLE) {
                        sample.add(e);
                    }
                });
        return sample;
    }

    /** Lookup keys of sampled entries, by kind. */
    private static final class Keys {
        final List<String> codes = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<String> fuzzy = new ArrayList<>();
        final List<String> absent = new ArrayList<>();

        /** Collects the keys of {@code sample}; returns the time LinkKeys.indexOf took on it. */
        long of(List<RegistryEntry> sample) {
            long t = System.nanoTime();
            List<Map<LinkKeys.Slot, String>> slots = new ArrayList<>(sample.size());
            for (RegistryEntry e : sample) {
                slots.add(LinkKeys.indexOf(e));
            }
            long nanos = System.nanoTime() - t;
            for (Map<LinkKeys.Slot, String> m : slots) {
                for (LinkKeys.Slot s : m.keySet()) {
                    String k = s.key();
                    (k.startsWith(LinkKeys.NAME) ? names : LinkKeys.isFuzzy(k) ? fuzzy : codes)
                            .add(k);
                }
            }
            for (int i = 0; i < sample.size(); i++) {
                absent.add(i % 2 == 0 ? "N:" + i + "号未登记企业" : "F:未登记" + i + "商贸");
            }
            return nanos;
        }
    }

    /**
     * Times answer() over each kind of key, in a shuffled order (so that the caches see what a
     * stream of records gives them).
     */
    private static void lookups(RegistryIndex index, String impl, Keys keys, int lookups) {
        Object[][] kinds = {
            {"exact_code", keys.codes},
            {"exact_name", keys.names},
            {"fuzzy", keys.fuzzy},
            {"absent", keys.absent}
        };
        for (int round = 0; round < 2; round++) { // the first round warms up
            StringBuilder line = new StringBuilder("RESULT registry_index_answer impl=" + impl);
            for (Object[] kind : kinds) {
                @SuppressWarnings("unchecked")
                List<String> list = new ArrayList<>((List<String>) kind[1]);
                Collections.shuffle(list, new Random(round));
                long hits = 0;
                long t = System.nanoTime();
                for (int i = 0; i < lookups; i++) {
                    hits += index.answer(list.get(i % list.size()), "r", 16).getMatches().size();
                }
                double ns = (double) (System.nanoTime() - t) / lookups;
                line.append(
                        String.format(
                                " %s_ns=%.0f %s_matches_per_lookup=%.2f",
                                kind[0], ns, kind[0], (double) hits / lookups));
            }
            if (round == 1) {
                System.out.println(line);
            }
        }
    }

    /**
     * Puts of entries already in: a status change (no name parsed again), a rename (the old names
     * parsed again).
     */
    private static void replacements(CompactRegistryIndex index, List<RegistryEntry> sample) {
        long t = System.nanoTime();
        for (RegistryEntry e : sample) {
            index.put(RegistryEntry.newBuilder(e).setStatus("吊销").build());
        }
        double status = (System.nanoTime() - t) / 1e3 / sample.size();
        t = System.nanoTime();
        for (RegistryEntry e : sample) {
            List<String> former = new ArrayList<>(e.getFormerNames());
            former.add(0, e.getName());
            index.put(
                    RegistryEntry.newBuilder(e)
                            .setName(e.getName() + "（新）")
                            .setFormerNames(former)
                            .build());
        }
        double rename = (System.nanoTime() - t) / 1e3 / sample.size();
        t = System.nanoTime();
        for (RegistryEntry e : sample) {
            index.put(e); // back, so that the index is as loaded
        }
        double back = (System.nanoTime() - t) / 1e3 / sample.size();
        System.out.printf(
                "RESULT registry_index_replace impl=compact entries=%d status_change_us=%.2f rename_us=%.2f"
                        + " rename_back_us=%.2f%n",
                sample.size(), status, rename, back);
    }

    static long read(Path input, long limit, Consumer<RegistryEntry> sink) throws Exception {
        ReferenceNormalizer normalizer = new ReferenceNormalizer();
        long n = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(input.resolve("registry"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            try (CloseableIterator<RawRow> it = TabularFiles.open(f, input)) {
                while (it.hasNext() && n < limit) {
                    RegistryEntry e = normalizer.registry(it.next()).entry();
                    if (e != null) {
                        sink.accept(e);
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
