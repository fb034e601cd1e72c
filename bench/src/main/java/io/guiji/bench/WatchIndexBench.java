package io.guiji.bench;

import io.guiji.jobs.ingest.RecordIds;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.RecordWatchIndex;
import io.guiji.jobs.link.fuzzy.FuzzyKeys;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.schemas.RecordType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The streaming linking operator's reverse index (lookup key → records whose decision read it) as
 * the records a subtask holds grow: heap after GC per record and per pair, and the time to add a
 * record, to move one off its keys and to collect the records under changed keys — for {@link
 * RecordWatchIndex} and for the map of string sets it replaced, each in turn in the same JVM.
 *
 * <p>Records are made from the registry of a generated data set (real keys of real-looking names,
 * {@link LinkKeys}, {@link FuzzyKeys}): a share with a valid USCC watches that key only, as the
 * USCC tier reads nothing else; a share decided by name alone watches its name key; the rest, which
 * no exact tier decided, watch their name key and their fuzzy keys. The shares are options, printed
 * with the figures.
 */
public final class WatchIndexBench {
    private WatchIndexBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input")).toAbsolutePath();
        int records = a.getInt("records", 1_000_000);
        double usccShare = Double.parseDouble(a.get("uscc-share", "0.55"));
        double fuzzyShare = Double.parseDouble(a.get("fuzzy-share", "0.15"));
        List<String[]> entries = new ArrayList<>(); // uscc, name
        RegistryIndexBench.read(
                input, 200_000, e -> entries.add(new String[] {e.getUscc(), e.getName()}));
        System.out.printf(
                "reverse index: %,d records over %,d registry entries (%s); USCC %.0f %%, fuzzy"
                        + " %.0f %%, name %.0f %%%n",
                records,
                entries.size(),
                Machine.describe(),
                100 * usccShare,
                100 * fuzzyShare,
                100 * (1 - usccShare - fuzzyShare));
        Workload w = new Workload(entries, usccShare, fuzzyShare);
        for (String impl : List.of("map", "compact", "map", "compact")) {
            measure(impl, w, records);
        }
    }

    /** The keys record {@code i} watches; the same for every pass. */
    private record Workload(List<String[]> entries, double usccShare, double fuzzyShare) {
        List<String> keys(int i) {
            Random r = new Random(i * 0x9E3779B97F4A7C15L);
            String[] e = entries.get(r.nextInt(entries.size()));
            double kind = r.nextDouble();
            List<String> keys = new ArrayList<>(6);
            if (kind < usccShare && e[0] != null) {
                keys.add(LinkKeys.USCC + e[0]);
                return keys;
            }
            String name = LinkKeys.nameKey(e[1]);
            if (name != null) {
                keys.add(LinkKeys.NAME + name);
            }
            if (kind >= usccShare && kind < usccShare + fuzzyShare) {
                keys.addAll(FuzzyKeys.forRecord(NameParts.parse(e[1])));
            }
            return keys;
        }

        String id(int i) {
            return RecordIds.of(RecordType.penalty, "D" + (i % 50), "doc-" + i);
        }
    }

    /** One of the two reverse indexes, behind the three operations the operator uses. */
    private interface Reverse {
        void add(String id, List<String> keys);

        void remove(String id, List<String> keys);

        void collect(List<String> keys, Set<String> out);

        long pairs();
    }

    private static void measure(String impl, Workload w, int records) {
        long before = Machine.usedHeapAfterGc();
        Reverse rev = impl.equals("map") ? new MapOfSets() : new Compact();
        long t0 = System.nanoTime();
        for (int i = 0; i < records; i++) {
            rev.add(w.id(i), w.keys(i));
        }
        long addNanos = System.nanoTime() - t0;
        long held = Machine.usedHeapAfterGc() - before;
        // The same generation of ids and keys alone, to take it out of the add time.
        long g0 = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < records; i++) {
            sink += w.id(i).length() + w.keys(i).size();
        }
        long genNanos = System.nanoTime() - g0;
        // Every tenth record leaves all its keys and takes them again (a re-link that changes
        // keys).
        long m0 = System.nanoTime();
        int moved = 0;
        for (int i = 0; i < records; i += 10) {
            List<String> k = w.keys(i);
            rev.remove(w.id(i), k);
            rev.add(w.id(i), k);
            moved++;
        }
        long moveNanos = System.nanoTime() - m0;
        // What a registry change asks: the records under the keys of 10,000 records.
        long c0 = System.nanoTime();
        long found = 0;
        for (int i = 0; i < 10_000; i++) {
            Set<String> out = new TreeSet<>();
            rev.collect(w.keys(i * 97 % records), out);
            found += out.size();
        }
        long collectNanos = System.nanoTime() - c0;
        System.out.printf(
                "RESULT watch_index impl=%s records=%d pairs=%d heap_mib=%d bytes_per_record=%.0f"
                        + " bytes_per_pair=%.0f add_us_per_record=%.2f move_us_per_record=%.2f"
                        + " collect_us_per_change=%.2f records_per_change=%.1f (%d)%n",
                impl,
                records,
                rev.pairs(),
                held >> 20,
                (double) held / records,
                (double) held / rev.pairs(),
                Math.max(0, addNanos - genNanos) / 1e3 / records,
                moveNanos / 1e3 / moved,
                collectNanos / 1e3 / 10_000,
                found / 10_000.0,
                sink % 2);
    }

    /** The reverse index as it was: each key's set of record ids, ids as strings. */
    private static final class MapOfSets implements Reverse {
        private final Map<String, Set<String>> watchers = new HashMap<>();
        private long pairs;

        @Override
        public void add(String id, List<String> keys) {
            for (String k : keys) {
                if (watchers.computeIfAbsent(k, x -> new HashSet<>(2)).add(id)) {
                    pairs++;
                }
            }
        }

        @Override
        public void remove(String id, List<String> keys) {
            for (String k : keys) {
                Set<String> ids = watchers.get(k);
                if (ids != null && ids.remove(id)) {
                    pairs--;
                    if (ids.isEmpty()) {
                        watchers.remove(k);
                    }
                }
            }
        }

        @Override
        public void collect(List<String> keys, Set<String> out) {
            for (String k : keys) {
                Set<String> ids = watchers.get(k);
                if (ids != null) {
                    out.addAll(ids);
                }
            }
        }

        @Override
        public long pairs() {
            return pairs;
        }
    }

    private static final class Compact implements Reverse {
        private static final long[] NONE = new long[0];
        private final RecordWatchIndex index = new RecordWatchIndex();

        @Override
        public void add(String id, List<String> keys) {
            index.move(id, NONE, RecordWatchIndex.keyHashes(keys));
        }

        @Override
        public void remove(String id, List<String> keys) {
            index.move(id, RecordWatchIndex.keyHashes(keys), NONE);
        }

        @Override
        public void collect(List<String> keys, Set<String> out) {
            index.collect(keys, out);
        }

        @Override
        public long pairs() {
            return index.pairs();
        }
    }
}
