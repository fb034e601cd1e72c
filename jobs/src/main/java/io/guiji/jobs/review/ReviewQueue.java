package io.guiji.jobs.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.Subjects;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The uncertain links of a run, as the reviewer's work list: unlinked records with candidates,
 * gathered by what one decision settles — every record of a subject name without a valid code (one
 * {@code NAME} decision), or one record that has a code (a {@code RECORD} decision) — and ranked by
 * the records a decision would settle, then by the best candidate's score. One code path for {@code
 * guiji review list} and the dashboard's review page.
 */
public final class ReviewQueue {
    private ReviewQueue() {}

    /** A candidate as the output lists it. */
    public record Candidate(String enterpriseId, String name, double score) {}

    /** An unlinked record with candidates, from unified/*.jsonl (its latest version). */
    public record Uncertain(
            String recordId,
            String subjectName,
            String uscc,
            String regNo,
            String orgCode,
            List<Candidate> candidates) {}

    /** One decision's worth of work. */
    public record Item(
            ReviewScope scope, String subject, List<String> recordIds, List<Candidate> candidates) {
        public double best() {
            return candidates.isEmpty() ? 0 : candidates.get(0).score();
        }
    }

    public static List<Item> rank(List<Uncertain> records) {
        Map<String, Item> items = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> writings = new HashMap<>();
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
            writings.computeIfAbsent(key, k -> new HashMap<>()).merge(subject, 1, Integer::sum);
        }
        // A name's records may write it in several ways (a space, traditional script): the item
        // shows the most frequent writing, then the shortest, then the first in order, so that the
        // list does
        // not depend on the order the records were read in. Any writing settles them all.
        List<Item> out = new ArrayList<>();
        for (Map.Entry<String, Item> e : items.entrySet()) {
            Item i = e.getValue();
            String shown =
                    writings.get(e.getKey()).entrySet().stream()
                            .min(
                                    Comparator.comparing(
                                                    (Map.Entry<String, Integer> w) -> -w.getValue())
                                            .thenComparingInt(w -> w.getKey().length())
                                            .thenComparing(Map.Entry::getKey))
                            .orElseThrow()
                            .getKey();
            out.add(new Item(i.scope(), shown, i.recordIds(), i.candidates()));
        }
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

    /** The ranked items that no decision in force settles yet ({@link #decidedSubjects}). */
    public static List<Item> pending(List<Item> ranked, List<ReviewDecision> decisions) {
        Set<String> decided = decidedSubjects(decisions);
        return ranked.stream()
                .filter(i -> !decided.contains(keyOf(i.scope(), i.subject())))
                .toList();
    }

    /** Subjects that a decision in force already settles. */
    public static Set<String> decidedSubjects(List<ReviewDecision> all) {
        Set<String> withdrawn = new HashSet<>();
        for (ReviewDecision d : all) {
            if (d.getAction() == ReviewAction.WITHDRAW) {
                withdrawn.add(d.getWithdraws());
            }
        }
        Map<String, Boolean> settled = new HashMap<>();
        for (ReviewDecision d : all) {
            if (d.getAction() == ReviewAction.WITHDRAW || withdrawn.contains(d.getDecisionId())) {
                continue;
            }
            String key = keyOf(d.getScope(), d.getSubject());
            if (d.getAction() == ReviewAction.ACCEPT || d.getAction() == ReviewAction.NO_LINK) {
                settled.put(key, true);
            }
        }
        return settled.keySet();
    }

    /** What one decision settles: a record, or every record of a subject name's key. */
    public static String keyOf(ReviewScope scope, String subject) {
        return scope + "|" + (scope == ReviewScope.NAME ? LinkKeys.nameKey(subject) : subject);
    }

    /**
     * A new decision with its audit fields: a fresh id, who, now (to the second, this machine's
     * zone) and why; the caller sets scope, subject and what the action needs. A blank reason is
     * refused ({@link IllegalArgumentException}).
     */
    public static ReviewDecision.Builder decision(ReviewAction action, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the reason is empty: say why, for the audit trail");
        }
        return ReviewDecision.newBuilder()
                .setDecisionId(UUID.randomUUID().toString())
                .setAction(action)
                .setDecidedBy(by)
                .setDecidedAt(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .setReason(reason);
    }

    /**
     * A unified record (a line of unified/*.jsonl, or {@code unified_record.record}) as work to
     * review; null unless it is unlinked with candidates.
     */
    public static Uncertain uncertainOf(JsonNode o) {
        if (!"NONE".equals(o.path("link_method").asText()) || o.path("candidates").isEmpty()) {
            return null;
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode c : o.path("candidates")) {
            candidates.add(
                    new Candidate(
                            c.path("enterprise_id").asText(),
                            c.path("name").asText(),
                            c.path("score").asDouble()));
        }
        return new Uncertain(
                o.path("record_id").asText(),
                text(o, "subject_name"),
                text(o, "uscc"),
                text(o, "reg_no"),
                text(o, "org_code"),
                candidates);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
