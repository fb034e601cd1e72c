package io.guiji.jobs.link.fuzzy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decision of the fuzzy tier over the candidates that blocking found: each enterprise scored by
 * its best-matching name (current or former), ranked by score then enterprise_id (so ties break the
 * same way in every run), and linked only when the best is clearly the best ({@link FuzzyPolicy})
 * and the record's core name is not registered as written by another enterprise (then a near match
 * is a different name, not a misspelling of it). Pure; no state.
 */
public final class FuzzyMatcher {
    private FuzzyMatcher() {}

    /** A registry name found by blocking. */
    public record Candidate(
            String enterpriseId,
            String name,
            String matchedName,
            boolean former,
            String division) {}

    /** A scored enterprise: its best-matching name ({@code matchedName}) and that name's score. */
    public record Scored(String enterpriseId, String name, String matchedName, FuzzyScore score) {}

    /**
     * The outcome: {@code link} is the chosen enterprise or null; {@code ranked} every scored
     * enterprise, best first; {@code evidence} why (for a link: its features; otherwise what was
     * missing).
     */
    public record Outcome(Scored link, List<Scored> ranked, List<String> evidence) {}

    private static final Comparator<Scored> RANK =
            Comparator.comparingDouble((Scored s) -> s.score().value())
                    .reversed()
                    .thenComparing(Scored::enterpriseId);

    /**
     * @param recordName the record's subject name
     * @param candidates the registry names found under the record's keys (duplicates allowed)
     * @param complete false when some key had too many entries to answer: a hidden enterprise could
     *     be as good, so nothing is linked
     */
    public static Outcome decide(
            String recordName, List<Candidate> candidates, boolean complete, FuzzyPolicy policy) {
        NameParts record = NameParts.parse(recordName);
        if (record == null || !record.matchable()) {
            return new Outcome(null, List.of(), List.of());
        }
        Map<String, Scored> best = new HashMap<>();
        Map<String, NameParts> parsed = new HashMap<>();
        String writtenAs =
                null; // an enterprise whose registered core name is the record's, as written
        for (Candidate c : candidates) {
            String text = c.matchedName() != null ? c.matchedName() : c.name();
            NameParts p = parsed.computeIfAbsent(text, NameParts::parse);
            if (p == null) {
                continue;
            }
            if (p.core().equals(record.core())
                    && (writtenAs == null || c.enterpriseId().compareTo(writtenAs) < 0)) {
                writtenAs = c.enterpriseId();
            }
            FuzzyScore score = FuzzyScorer.score(record, p, c.division(), c.former());
            if (c.former()) {
                score.evidence().add(0, "matched_former_name=" + text);
            }
            Scored s = new Scored(c.enterpriseId(), c.name(), text, score);
            Scored prev = best.get(c.enterpriseId());
            if (prev == null || better(s, prev)) {
                best.put(c.enterpriseId(), s);
            }
        }
        List<Scored> ranked = new ArrayList<>(best.values());
        ranked.sort(RANK);

        Scored top = null;
        Scored second = null;
        for (Scored s : ranked) {
            if (s.score().refused()) {
                continue;
            }
            if (top == null) {
                top = s;
            } else {
                second = s;
                break;
            }
        }
        List<String> evidence = new ArrayList<>();
        if (top == null) {
            if (!ranked.isEmpty()) {
                evidence.add("fuzzy=refused:" + ranked.get(0).score().refusal());
            }
            if (!complete) {
                evidence.add("fuzzy=blocking_key_overfull");
            }
            return new Outcome(null, ranked, evidence);
        }
        double margin = top.score().value() - (second == null ? 0 : second.score().value());
        evidence.add("score=" + fmt(top.score().value()));
        evidence.add(
                "runner_up="
                        + (second == null
                                ? "none"
                                : fmt(second.score().value()) + ":" + second.enterpriseId()));
        // A trade name that differs from the best match's but is registered as written (in another
        // form, division or as a branch) is a name of its own, not a typo of the best match.
        boolean typoOfAnother =
                writtenAs != null && !record.trade().equals(parsed.get(top.matchedName()).trade());
        boolean link =
                complete
                        && policy.enabled()
                        && !typoOfAnother
                        && top.score().value() >= policy.minScore() - 1e-9
                        && margin >= policy.minMargin() - 1e-9;
        if (link) {
            evidence.addAll(top.score().evidence());
            return new Outcome(top, ranked, evidence);
        }
        if (typoOfAnother) {
            evidence.add("fuzzy=name_registered_as_written:" + writtenAs);
        } else if (!complete) {
            evidence.add("fuzzy=blocking_key_overfull");
        } else if (top.score().value() < policy.minScore() - 1e-9) {
            evidence.add("fuzzy=below_min_score:" + fmt(policy.minScore()));
        } else {
            evidence.add("fuzzy=below_min_margin:" + fmt(policy.minMargin()));
        }
        return new Outcome(null, ranked, evidence);
    }

    private static boolean better(Scored a, Scored b) {
        if (a.score().refused() != b.score().refused()) {
            return !a.score().refused();
        }
        if (a.score().value() != b.score().value()) {
            return a.score().value() > b.score().value();
        }
        return a.score().evidence().toString().compareTo(b.score().evidence().toString())
                < 0; // any fixed order
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
