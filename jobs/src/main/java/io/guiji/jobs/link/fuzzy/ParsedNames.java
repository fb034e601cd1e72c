package io.guiji.jobs.link.fuzzy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registered names parsed once per linking thread rather than once for every record they are a
 * candidate of. A bounded run of a million records parsed 550,000 candidate names, 100,000 of them
 * distinct (BENCHMARKS.md, "The JIT's inlining"): the same enterprises come up as candidates for
 * many records. {@link NameParts#parse} depends on its text alone and its result is immutable, so a
 * cached one is the same answer. Per thread, so that subtasks share nothing and take no lock; the
 * least recently used names go first once {@link #CAPACITY} are held (24 MiB of heap a linking
 * thread when full: 384 B a name, measured on the bench registry's names).
 */
final class ParsedNames {
    static final int CAPACITY = 1 << 16;

    /** What a name that parses to nothing is cached as. */
    private static final NameParts NOTHING =
            new NameParts("", false, java.util.List.of(), "", "", "", "", null, "");

    private static final ThreadLocal<Map<String, NameParts>> CACHE =
            ThreadLocal.withInitial(
                    () ->
                            new LinkedHashMap<>(CAPACITY * 4 / 3 + 1, 0.75f, true) {
                                @Override
                                protected boolean removeEldestEntry(
                                        Map.Entry<String, NameParts> eldest) {
                                    return size() > CAPACITY;
                                }
                            });

    private ParsedNames() {}

    /** {@link NameParts#parse}{@code (name)}. */
    static NameParts of(String name) {
        Map<String, NameParts> cache = CACHE.get();
        NameParts p = cache.get(name);
        if (p == null) {
            p = NameParts.parse(name);
            cache.put(name, p == null ? NOTHING : p);
            return p;
        }
        return p == NOTHING ? null : p;
    }
}
