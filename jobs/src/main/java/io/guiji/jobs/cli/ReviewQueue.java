package io.guiji.jobs.cli;

import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.Subjects;
import io.guiji.schemas.ReviewScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uncertain links of a run, as the reviewer's work list: unlinked records with candidates,
 * gathered by what one decision settles — every record of a subject name without a valid code (one
 * {@code NAME} decision), or one record that has a code (a {@code RECORD} decision) — and ranked by
 * the records a decision would settle, then by the best candidate's score.
 */
final class ReviewQueue {
    private ReviewQueue() {}

    /** A candidate as the output lists it. */
    record Candidate(String enterpriseId, String name, double score) {}

    /** An unlinked record with candidates, from unified/*.jsonl (its latest version). */
    record Uncertain(
            String recordId,
            String subjectName,
            String uscc,
            String regNo,
            String orgCode,
            List<Candidate> candidates) {}

    /** One decision's worth of work. */
    record Item(
            ReviewScope scope, String subject, List<String> recordIds, List<Candidate> candidates) {
        double best() {
            return candidates.isEmpty() ? 0 : candidates.get(0).score();
        }
    }

    static List<Item> rank(List<Uncertain> records) {
        Map<String, Item> items = new LinkedHashMap<>();
        for (Uncertain u : records) {
            if (u.candidates().isEmpty()) {
                continue;
            }
            boolean byName =
                    u.subjectName() != null
                            && !u.subjectName().isBlank()
                            && !Subjects.hasEnterpriseCode(u.uscc(), u.regNo(), u.orgCode());
            ReviewScope scope = byName ? ReviewScope.NAME : ReviewScope.RECORD;
            String subject = byName ? u.subjectName() : u.recordId();
            String key = scope + "|" + (byName ? LinkKeys.nameKey(subject) : subject);
            Item item =
                    items.computeIfAbsent(
                            key,
                            k -> new Item(scope, subject, new ArrayList<>(), new ArrayList<>()));
            item.recordIds().add(u.recordId());
            merge(item.candidates(), u.candidates());
        }
        List<Item> out = new ArrayList<>(items.values());
        for (Item i : out) {
            i.candidates().sort(Comparator.comparingDouble(Candidate::score).reversed());
            i.recordIds().sort(null);
        }
        out.sort(
                Comparator.comparingInt((Item i) -> i.recordIds().size())
                        .reversed()
                        .thenComparing(Comparator.comparingDouble(Item::best).reversed())
                        .thenComparing(Item::subject));
        return out;
    }

    /** Each enterprise once, with its best score. */
    private static void merge(List<Candidate> into, List<Candidate> more) {
        for (Candidate c : more) {
            boolean found = false;
            for (int i = 0; i < into.size(); i++) {
                if (into.get(i).enterpriseId().equals(c.enterpriseId())) {
                    found = true;
                    if (c.score() > into.get(i).score()) {
                        into.set(i, c);
                    }
                }
            }
            if (!found) {
                into.add(c);
            }
        }
    }
}
