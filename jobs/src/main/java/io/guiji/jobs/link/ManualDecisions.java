package io.guiji.jobs.link;

import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import io.guiji.schemas.UnifiedRecord;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions in force, folded from the review log, and the {@code MANUAL} tier that applies them
 * over the other tiers' result (docs/contract.md §6, tier 0).
 *
 * <p>Per subject (a record, or a normalized name), the decisions not withdrawn count in the order
 * they were made: the latest {@code ACCEPT} or {@code NO_LINK} settles the link; a {@code REJECT}
 * excludes its enterprise until a later {@code ACCEPT} of it. A record's own decisions win over
 * those on its name, and a name's apply only to records whose subject carries no valid enterprise
 * code and is not a natural person (a code identifies, a name only suggests).
 *
 * <p>Pure and immutable once built; the same log gives the same links in every run.
 */
public final class ManualDecisions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No decisions: every record keeps its tiers' link. */
    public static final ManualDecisions NONE = of(List.of());

    /** What one subject's decisions amount to. */
    record InForce(
            String acceptedId,
            boolean noLink,
            Set<String> rejected,
            ReviewDecision settledBy,
            List<ReviewDecision> rejections)
            implements Serializable {
        boolean settles() {
            return acceptedId != null || noLink;
        }
    }

    private final List<ReviewDecision> log;
    private final Set<String> ids;
    private final Map<String, InForce> byRecord;
    private final Map<String, InForce> byName;
    private final int decisions;

    private ManualDecisions(
            List<ReviewDecision> log,
            Map<String, InForce> byRecord,
            Map<String, InForce> byName,
            int decisions) {
        this.log = List.copyOf(log);
        this.ids = new java.util.HashSet<>();
        for (ReviewDecision d : log) {
            ids.add(d.getDecisionId());
        }
        this.byRecord = byRecord;
        this.byName = byName;
        this.decisions = decisions;
    }

    /**
     * The decisions of a log, in the order they were made. A {@code WITHDRAW} takes back the
     * decision it names wherever it is in the log; one that names no earlier decision is ignored.
     */
    public static ManualDecisions of(List<ReviewDecision> log) {
        Set<String> withdrawn = new java.util.HashSet<>();
        for (ReviewDecision d : log) {
            if (d.getAction() == ReviewAction.WITHDRAW && d.getWithdraws() != null) {
                withdrawn.add(d.getWithdraws());
            }
        }
        Map<String, List<ReviewDecision>> records = new HashMap<>();
        Map<String, List<ReviewDecision>> names = new HashMap<>();
        for (ReviewDecision d : log) {
            if (d.getAction() == ReviewAction.WITHDRAW || withdrawn.contains(d.getDecisionId())) {
                continue;
            }
            (d.getScope() == ReviewScope.RECORD ? records : names)
                    .computeIfAbsent(subjectOf(d), k -> new ArrayList<>())
                    .add(d);
        }
        return new ManualDecisions(log, fold(records), fold(names), log.size());
    }

    /**
     * The key a decision is filed under: a record id as given, a name as the NAME tier reads it.
     */
    static String subjectOf(ReviewDecision d) {
        return d.getScope() == ReviewScope.NAME ? LinkKeys.nameKey(d.getSubject()) : d.getSubject();
    }

    private static Map<String, InForce> fold(Map<String, List<ReviewDecision>> bySubject) {
        Map<String, InForce> out = new HashMap<>();
        bySubject.forEach(
                (subject, list) -> {
                    String accepted = null;
                    boolean noLink = false;
                    ReviewDecision settledBy = null;
                    Set<String> rejected = new LinkedHashSet<>();
                    List<ReviewDecision> rejections = new ArrayList<>();
                    for (ReviewDecision d : list) {
                        switch (d.getAction()) {
                            case ACCEPT -> {
                                accepted = d.getEnterpriseId();
                                noLink = false;
                                settledBy = d;
                                rejected.remove(d.getEnterpriseId());
                            }
                            case NO_LINK -> {
                                accepted = null;
                                noLink = true;
                                settledBy = d;
                            }
                            case REJECT -> {
                                rejected.add(d.getEnterpriseId());
                                rejections.add(d);
                                if (d.getEnterpriseId().equals(accepted)) {
                                    accepted = null;
                                    settledBy = null;
                                }
                            }
                            case WITHDRAW -> {}
                        }
                    }
                    out.put(
                            subject,
                            new InForce(
                                    accepted,
                                    noLink,
                                    Set.copyOf(rejected),
                                    settledBy,
                                    List.copyOf(rejections)));
                });
        return Map.copyOf(out);
    }

    /** These decisions and {@code d} after them; the same when {@code d} is known (by its id). */
    public ManualDecisions plus(ReviewDecision d) {
        if (contains(d.getDecisionId())) {
            return this;
        }
        List<ReviewDecision> more = new ArrayList<>(log);
        more.add(d);
        return of(more);
    }

    /** Whether the log holds a decision with this id. */
    public boolean contains(String decisionId) {
        return ids.contains(decisionId);
    }

    /** The log, in the order the decisions were made. */
    public List<ReviewDecision> log() {
        return log;
    }

    /** How many decisions the log held (withdrawals included). */
    public int size() {
        return decisions;
    }

    /** Whether any decision is in force. */
    public boolean isEmpty() {
        return byRecord.isEmpty() && byName.isEmpty();
    }

    /**
     * The record as the reviewers' decisions leave it: {@code decided} (the other tiers' result)
     * when none concerns it; otherwise linked {@code MANUAL} to the accepted enterprise, to none,
     * or — when the tiers chose a rejected enterprise — to none, with the decision in {@code
     * link_evidence}. Rejected enterprises also leave the candidates.
     */
    public UnifiedRecord apply(UnifiedRecord decided) {
        InForce f = inForceFor(decided);
        if (f == null) {
            return decided;
        }
        if (f.settles()) {
            ReviewDecision d = f.settledBy();
            return UnifiedRecord.newBuilder(decided)
                    .setEnterpriseId(f.acceptedId())
                    .setLinkMethod(LinkMethod.MANUAL)
                    .setLinkConfidence(1.0)
                    .setCandidates(new ArrayList<>())
                    .setLinkEvidence(evidence(d, decided))
                    .build();
        }
        List<LinkCandidate> candidates = new ArrayList<>();
        for (LinkCandidate c : decided.getCandidates()) {
            if (!f.rejected().contains(c.getEnterpriseId())) {
                candidates.add(c);
            }
        }
        String chosen = decided.getEnterpriseId();
        if (chosen != null && f.rejected().contains(chosen)) {
            ReviewDecision d = rejectionOf(f, chosen);
            return UnifiedRecord.newBuilder(decided)
                    .setEnterpriseId(null)
                    .setLinkMethod(LinkMethod.MANUAL)
                    .setLinkConfidence(1.0)
                    .setCandidates(candidates)
                    .setLinkEvidence(evidence(d, decided))
                    .build();
        }
        if (candidates.size() == decided.getCandidates().size()) {
            return decided;
        }
        List<String> evidence = new ArrayList<>(decided.getLinkEvidence());
        for (String id : f.rejected()) {
            evidence.add("manual_rejected=" + id);
        }
        return UnifiedRecord.newBuilder(decided)
                .setCandidates(candidates)
                .setLinkEvidence(evidence)
                .build();
    }

    private InForce inForceFor(UnifiedRecord r) {
        InForce own = byRecord.get(r.getRecordId());
        if (own != null) {
            return own;
        }
        if (byName.isEmpty()
                || r.getLinkMethod() == LinkMethod.PERSON
                || Subjects.isNaturalPerson(r.getFields())
                || Subjects.hasEnterpriseCode(r.getFields())) {
            return null;
        }
        String name = r.getFields().getSubjectName();
        return name == null ? null : byName.get(LinkKeys.nameKey(name));
    }

    private static ReviewDecision rejectionOf(InForce f, String enterpriseId) {
        ReviewDecision found = null;
        for (ReviewDecision d : f.rejections()) {
            if (enterpriseId.equals(d.getEnterpriseId())) {
                found = d; // the latest
            }
        }
        return found;
    }

    /** Who decided what, when and why; and what the tiers had found, for the changelog's reader. */
    private static List<String> evidence(ReviewDecision d, UnifiedRecord tiers) {
        List<String> e = new ArrayList<>();
        e.add("manual=" + d.getAction());
        if (d.getEnterpriseId() != null) {
            e.add("manual_enterprise=" + d.getEnterpriseId());
        }
        e.add("decision=" + d.getDecisionId());
        e.add("scope=" + d.getScope());
        e.add("by=" + d.getDecidedBy());
        e.add("at=" + d.getDecidedAt());
        e.add("reason=" + d.getReason());
        e.add(
                "tiers="
                        + tiers.getLinkMethod()
                        + (tiers.getEnterpriseId() != null ? ":" + tiers.getEnterpriseId() : ""));
        return e;
    }
}
