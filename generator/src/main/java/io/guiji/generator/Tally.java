package io.guiji.generator;

import io.guiji.generator.Decision.Copy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a correct pipeline must count on the sample, from the generator's own knowledge of what it
 * wrote (never from pipeline code): records written, accepted and rejected (per docs/contract.md §7
 * reason and per department), unified records, and coverage against the catalogue (docs/contract.md
 * §8, all input). Kept for every run, for {@link GenerationResult}; {@link #coverage} is known
 * after {@link #finish}.
 */
final class Tally implements GenerationListener {
    /** Counters of one department. */
    static final class DeptStats {
        long received;
        long accepted;
        long rejected;
        long unified;
        long nonPerson;
    }

    /** A catalogue item: a department and a record type. */
    record Item(String dept, String type) {}

    /**
     * Coverage against the catalogue.
     *
     * @param divisions per division: departments, covered departments, items, covered items
     * @param catalogued departments with at least one catalogued type
     */
    record Coverage(
            int depts,
            int coveredDepts,
            int items,
            int coveredItems,
            List<String> uncoveredDepts,
            List<Item> uncoveredItems,
            Map<String, int[]> divisions,
            Set<String> catalogued) {
        double deptCoverage() {
            return depts == 0 ? 1.0 : (double) coveredDepts / depts;
        }

        double itemCoverage() {
            return items == 0 ? 1.0 : (double) coveredItems / items;
        }
    }

    private final Map<String, DeptStats> byDept = new TreeMap<>();
    private final Set<String> coveredItems = new HashSet<>();
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private long written;
    private long accepted;
    private long rejected;
    private long unified;
    private Coverage coverage;

    @Override
    public void row(Decision d, Copy c) {
        count(c.reject == null ? null : c.reject.reason(), d.dept().code());
        if (c.reject == null) {
            coveredItems.add(d.dept().code() + "|" + d.type());
        }
    }

    @Override
    public void unknownSource(String file, long row, String dept) {
        count(Noise.REJECT_UNKNOWN_SOURCE.reason(), dept);
    }

    private void count(String reason, String dept) {
        written++;
        DeptStats s = stats(dept);
        s.received++;
        if (reason == null) {
            accepted++;
            s.accepted++;
        } else {
            rejected++;
            s.rejected++;
            rejectedByReason.merge(reason, 1L, Long::sum);
        }
    }

    /** A unified record when any copy of the decision is accepted. */
    @Override
    public void decision(Decision d) {
        if (d.copies.stream().noneMatch(Copy::accepted)) {
            return;
        }
        unified++;
        DeptStats stats = stats(d.dept().code());
        stats.unified++;
        if (!d.subject.person) {
            stats.nonPerson++;
        }
    }

    /**
     * Computes coverage: a catalogued item is covered by an accepted record of its department and
     * type.
     */
    void finish(Catalog catalog) {
        Set<String> catalogued = new TreeSet<>();
        List<String> uncoveredDepts = new ArrayList<>();
        List<Item> uncoveredItems = new ArrayList<>();
        Map<String, int[]> divisions = new TreeMap<>();
        int depts = 0;
        int coveredDepts = 0;
        int items = 0;
        int covered = 0;
        for (Catalog.Department d : catalog.departments()) {
            if (d.catalogued().isEmpty()) {
                continue;
            }
            catalogued.add(d.code());
            int[] div = divisions.computeIfAbsent(d.division(), k -> new int[4]);
            boolean any = false;
            for (String type : new TreeSet<>(d.catalogued())) {
                items++;
                div[2]++;
                if (coveredItems.contains(d.code() + "|" + type)) {
                    covered++;
                    div[3]++;
                    any = true;
                } else {
                    uncoveredItems.add(new Item(d.code(), type));
                }
            }
            depts++;
            div[0]++;
            if (any) {
                coveredDepts++;
                div[1]++;
            } else {
                uncoveredDepts.add(d.code());
            }
        }
        uncoveredDepts.sort(null);
        uncoveredItems.sort(
                (a, b) -> (a.dept() + "|" + a.type()).compareTo(b.dept() + "|" + b.type()));
        coverage =
                new Coverage(
                        depts,
                        coveredDepts,
                        items,
                        covered,
                        uncoveredDepts,
                        uncoveredItems,
                        divisions,
                        catalogued);
    }

    private DeptStats stats(String dept) {
        return byDept.computeIfAbsent(dept, k -> new DeptStats());
    }

    /** Counters per department code, sorted. */
    Map<String, DeptStats> byDept() {
        return byDept;
    }

    Coverage coverage() {
        return coverage;
    }

    long written() {
        return written;
    }

    long accepted() {
        return accepted;
    }

    long rejected() {
        return rejected;
    }

    long unified() {
        return unified;
    }

    Map<String, Long> rejectedByReason() {
        return rejectedByReason;
    }
}
