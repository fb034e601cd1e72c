package io.guiji.jobs.enterprise;

import io.guiji.jobs.normalize.Names;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LeadEvidence;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.internal.RecordFacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The unlicensed-operation leads (无证无照) of one subject under the {@link LeadRules}, from the facts
 * of its records in force, on a reference date. A pure function: the same facts, rules and date
 * give the same leads, whatever their order.
 *
 * <ul>
 *   <li><b>无证</b> ({@code UNLICENSED}): for each licence rule, records that show the activity (its
 *       evidence words in a penalty's violation, an inspection's item, a coercive measure; not an
 *       inspection whose result says the activity is not carried on) and no licence of the rule
 *       valid on the reference date — none held ({@code NO_LICENCE}), or only expired ones with
 *       evidence dated after the latest expiry ({@code LICENCE_EXPIRED}). Routed to the rule's
 *       department.
 *   <li><b>无照</b> ({@code UNREGISTERED}): a subject not in the registry (unlinked) whose name ends
 *       like an enterprise's, with no review candidates, no exempt word or category, and no place
 *       name outside the registry's area in front (an enterprise registered there); routed to the
 *       unregistered department (market supervision). When such a subject also lacks a licence,
 *       each licence lead is {@code UNLICENSED_UNREGISTERED} (无证无照), routed to the licensing
 *       department, and replaces the 无照 lead.
 * </ul>
 */
public final class LeadFinder {
    static final int MAX_EVIDENCE = 20;

    private LeadFinder() {}

    public static List<Lead> find(
            String subjectKey, Collection<RecordFacts> records, LocalDate ref, LeadRules rules) {
        List<RecordFacts> facts = new ArrayList<>(records);
        if (facts.isEmpty()) {
            return List.of();
        }
        facts.sort(
                Comparator.comparing(RecordFacts::getDecisionDate)
                        .thenComparing(RecordFacts::getRecordId)
                        .reversed());
        boolean unregistered = subjectKey.startsWith(RecordFactsExtractor.NAME);
        String enterpriseId =
                unregistered
                        ? null
                        : subjectKey.substring(RecordFactsExtractor.ENTERPRISE.length());
        String name = facts.get(0).getSubjectName();
        String nameKey = Names.matchKey(name);
        if (rules.exemptSubjects.contains(nameKey)
                || (enterpriseId != null && rules.exemptSubjects.contains(enterpriseId))) {
            return List.of();
        }
        if (unregistered && !unregisteredCandidate(facts, nameKey, rules)) {
            return List.of();
        }
        String day = ref.toString();
        String from = ref.minusYears(rules.windowYears).toString();
        List<Lead> leads = new ArrayList<>();
        for (LeadRules.LicenceRule rule : rules.licenceRules) {
            if (rule.exempt().contains(nameKey)
                    || (enterpriseId != null && rule.exempt().contains(enterpriseId))) {
                continue;
            }
            List<LeadEvidence> evidence = new ArrayList<>();
            List<RecordFacts> activity = new ArrayList<>();
            for (RecordFacts f : facts) {
                String word = activityWord(f, rule, rules);
                if (word != null
                        && f.getDecisionDate().compareTo(from) >= 0
                        && f.getDecisionDate().compareTo(day) <= 0) {
                    activity.add(f);
                }
            }
            if (activity.isEmpty()) {
                continue;
            }
            RecordFacts held = null;
            boolean valid = false;
            for (RecordFacts f : facts) {
                if (f.getRecordType() == RecordType.license
                        && containsAny(f.getKind(), rule.licences())) {
                    boolean ended = f.getEndDate() != null && f.getEndDate().compareTo(day) < 0;
                    if (!ended) {
                        valid = true;
                    } else if (held == null || f.getEndDate().compareTo(held.getEndDate()) > 0) {
                        held = f;
                    }
                }
            }
            if (valid) {
                continue; // held (or granted, starting later): not a lead
            }
            String reason = "NO_LICENCE";
            if (held != null) {
                String expiry = held.getEndDate();
                activity.removeIf(f -> f.getDecisionDate().compareTo(expiry) <= 0);
                if (activity.isEmpty()) {
                    continue; // the activity seen was licensed at the time
                }
                reason = "LICENCE_EXPIRED";
                evidence.add(evidence(held, "licence_expired=" + expiry + " " + held.getKind()));
            }
            for (RecordFacts f : activity) {
                if (evidence.size() >= MAX_EVIDENCE) {
                    break;
                }
                evidence.add(
                        evidence(f, "activity=" + activityWord(f, rule, rules) + " " + shown(f)));
            }
            leads.add(
                    lead(
                            subjectKey,
                            "licence." + rule.id(),
                            unregistered ? "UNLICENSED_UNREGISTERED" : "UNLICENSED",
                            rule.activity(),
                            reason,
                            enterpriseId,
                            name,
                            rule.department(),
                            day,
                            evidence));
        }
        if (unregistered && leads.isEmpty()) {
            List<LeadEvidence> evidence = new ArrayList<>();
            for (RecordFacts f : facts) {
                if (f.getDecisionDate().compareTo(from) >= 0
                        && f.getDecisionDate().compareTo(day) <= 0
                        && evidence.size() < MAX_EVIDENCE) {
                    evidence.add(evidence(f, "not_in_registry=" + f.getSubjectName()));
                }
            }
            if (!evidence.isEmpty()) {
                leads.add(
                        lead(
                                subjectKey,
                                "unregistered",
                                "UNREGISTERED",
                                null,
                                "NOT_IN_REGISTRY",
                                null,
                                name,
                                rules.unregisteredDepartment,
                                day,
                                evidence));
            }
        }
        return leads;
    }

    /** An unlinked subject that may be an unregistered business: not exempt, not near a match. */
    private static boolean unregisteredCandidate(
            List<RecordFacts> facts, String nameKey, LeadRules rules) {
        if (!rules.unregisteredEnabled() || nameKey == null || !rules.enterpriseLike(nameKey)) {
            return false;
        }
        if (containsAny(nameKey, rules.exemptNameWords) || rules.placedElsewhere(nameKey)) {
            return false;
        }
        for (RecordFacts f : facts) {
            if (f.getHasCandidates()
                    || (f.getSubjectCategory() != null
                            && rules.exemptCategories.contains(f.getSubjectCategory()))) {
                return false;
            }
        }
        return true;
    }

    /** The evidence word of {@code rule} in the record, or null when it shows no activity. */
    private static String activityWord(RecordFacts f, LeadRules.LicenceRule rule, LeadRules rules) {
        if (f.getText() == null) {
            return null;
        }
        if (f.getRecordType() == RecordType.inspection
                && f.getDetail() != null
                && containsAny(f.getDetail(), rules.inactiveResults)) {
            return null;
        }
        for (String w : rule.evidence()) {
            if (f.getText().contains(w)) {
                return w;
            }
        }
        return null;
    }

    /** The words of a record that show the activity: a violation, an inspection item, a measure. */
    private static String shown(RecordFacts f) {
        String s =
                switch (f.getRecordType()) {
                    case penalty, coercion -> f.getDetail() != null ? f.getDetail() : f.getText();
                    default -> f.getKind() != null ? f.getKind() : f.getText();
                };
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static boolean containsAny(String text, List<String> words) {
        if (text == null) {
            return false;
        }
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static LeadEvidence evidence(RecordFacts f, String what) {
        return new LeadEvidence(
                f.getRecordId(),
                f.getRecordType().name(),
                f.getDeptCode(),
                f.getDocNo(),
                f.getDecisionDate(),
                what);
    }

    private static Lead lead(
            String subjectKey,
            String rule,
            String kind,
            String activity,
            String reason,
            String enterpriseId,
            String name,
            String department,
            String day,
            List<LeadEvidence> evidence) {
        return Lead.newBuilder()
                .setLeadId(leadId(subjectKey, rule))
                .setKind(kind)
                .setKindLabel(
                        switch (kind) {
                            case "UNREGISTERED" -> "无照";
                            case "UNLICENSED" -> "无证";
                            default -> "无证无照";
                        })
                .setStatus("OPEN")
                .setRule(rule)
                .setActivity(activity)
                .setReason(reason)
                .setEnterpriseId(enterpriseId)
                .setSubjectName(name)
                .setDepartment(department)
                .setReferenceDate(day)
                .setEvidence(evidence)
                .build();
    }

    /**
     * The lead's identity: the subject and the rule (so a 无照 lead and a later 无证无照 lead of the same
     * name differ, and the first is withdrawn when the second replaces it).
     */
    static String leadId(String subjectKey, String rule) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest((subjectKey + "\n" + rule).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
