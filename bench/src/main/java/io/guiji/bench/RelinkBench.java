package io.guiji.bench;

import io.guiji.jobs.ingest.RecordIds;
import io.guiji.jobs.link.CompactRegistryIndex;
import io.guiji.jobs.link.LocalLinker;
import io.guiji.jobs.link.RecordWatchIndex;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.link.fuzzy.Regions;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What a registration costs the streaming linking operator once records are held: the records it
 * links again, through the reverse index of the keys their decisions read ({@link
 * RecordWatchIndex}), with every key the index's put reports against only the keys whose answer may
 * have changed ({@code RegistryIndex#answerMayHaveChanged}: a fuzzy key busy before and after the
 * put answered nothing both times).
 *
 * <p>The registry is the first {@code --registry} entries of a generated data set; the records are
 * made from them and linked by the job's own linker ({@link LocalLinker}), each watching the keys
 * it read: a share with the enterprise's valid USCC, a share with its name as registered, the rest
 * with its name without its place prefix (a common real variant, decided by the fuzzy tier). Then
 * the next {@code --registrations} entries of the data set are registered one by one, and after
 * each the records under its keys are linked again, for both sets of keys in turn.
 */
public final class RelinkBench {
    private RelinkBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input")).toAbsolutePath();
        int registry = a.getInt("registry", 200_000);
        int registrations = a.getInt("registrations", 20_000);
        int records = a.getInt("records", 300_000);
        int maxMatches = a.getInt("max-matches", 16);
        List<RegistryEntry> entries = new ArrayList<>();
        RegistryIndexBench.read(input, registry + registrations, entries::add);
        CompactRegistryIndex index = new CompactRegistryIndex(registry + registrations);
        for (RegistryEntry e : entries.subList(0, registry)) {
            index.put(e);
        }
        LocalLinker linker = new LocalLinker(index, FuzzyPolicy.DEFAULT, maxMatches);
        RecordWatchIndex watchers = new RecordWatchIndex();
        Map<String, UnifiedRecord> byId = new HashMap<>();
        int[] methods = new int[LinkMethod.values().length];
        Random random = new Random(7);
        for (int i = 0; i < records; i++) {
            UnifiedRecord r = record(i, entries.get(random.nextInt(registry)), random.nextDouble());
            LocalLinker.Linked l = linker.link(r);
            methods[l.record().getLinkMethod().ordinal()]++;
            watchers.move(r.getRecordId(), new long[0], RecordWatchIndex.keyHashes(l.keys()));
            byId.put(r.getRecordId(), r);
        }
        System.out.printf(
                "relinking after registrations: %,d records over %,d registry entries (%s),"
                        + " linked %s; %,d keys watched; then %,d registrations, max-matches %d%n",
                records,
                registry,
                Machine.describe(),
                describe(methods),
                watchers.pairs(),
                registrations,
                maxMatches);
        long[] all = new long[registrations];
        long[] kept = new long[registrations];
        long allNanos = 0;
        long keptNanos = 0;
        for (int i = 0; i < registrations; i++) {
            Set<String> changed = index.put(entries.get(registry + i));
            Set<String> affected = new HashSet<>();
            watchers.collect(changed, affected);
            all[i] = affected.size();
            allNanos += relink(linker, byId, affected);
            affected.clear();
            watchers.collect(index.answerMayHaveChanged(changed, maxMatches), affected);
            kept[i] = affected.size();
            keptNanos += relink(linker, byId, affected);
        }
        report("every_reported_key", all, allNanos);
        report("keys_whose_answer_may_change", kept, keptNanos);
    }

    /**
     * The i-th record, naming {@code e}: with its USCC when {@code kind} is below 0.55, by its name
     * below 0.85, else by its name without its place prefix.
     */
    private static UnifiedRecord record(int i, RegistryEntry e, double kind) {
        DecisionFields f = new DecisionFields();
        f.setSubjectCategory("法人及非法人组织");
        String name = e.getName();
        if (kind < 0.55 && e.getUscc() != null) {
            f.setUscc(e.getUscc());
        } else if (kind >= 0.85) {
            int at = 0;
            for (Regions.Found p : Regions.leading(name, 2)) {
                at += p.length();
            }
            name = name.substring(at);
        }
        f.setSubjectName(name);
        f.setDecisionDate("2025-03-01");
        UnifiedRecord r = new UnifiedRecord();
        r.setRecordId(RecordIds.of(RecordType.penalty, "D" + (i % 50), "doc-" + i));
        r.setVersion(1L);
        r.setRecordType(RecordType.penalty);
        r.setDeptCode("D" + (i % 50));
        r.setFields(f);
        r.setLinkMethod(LinkMethod.NONE);
        r.setLinkConfidence(0.0);
        r.setCandidates(new ArrayList<>());
        r.setLinkEvidence(new ArrayList<>());
        r.setQualityFlags(new ArrayList<>());
        r.setSources(new ArrayList<>());
        return r;
    }

    private static long relink(
            LocalLinker linker, Map<String, UnifiedRecord> byId, Set<String> affected) {
        long start = System.nanoTime();
        for (String id : affected) {
            linker.link(byId.get(id));
        }
        return System.nanoTime() - start;
    }

    private static void report(String keys, long[] relinked, long nanos) {
        long[] sorted = relinked.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        System.out.printf(
                "RESULT relink keys=%s registrations=%d records_relinked=%d per_registration_mean=%.2f"
                        + " p99=%d max=%d relink_cpu_ms=%.0f%n",
                keys,
                sorted.length,
                sum,
                (double) sum / sorted.length,
                sorted[(int) Math.min(sorted.length - 1, Math.round(sorted.length * 0.99))],
                sorted[sorted.length - 1],
                nanos / 1e6);
    }

    private static String describe(int[] methods) {
        StringBuilder b = new StringBuilder();
        for (LinkMethod m : LinkMethod.values()) {
            if (methods[m.ordinal()] > 0) {
                b.append(b.length() == 0 ? "" : ", ")
                        .append(m)
                        .append(' ')
                        .append(methods[m.ordinal()]);
            }
        }
        return b.toString();
    }
}
