package io.guiji.jobs.enterprise;

import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.HealthIndex;
import io.guiji.schemas.ProfileCase;
import io.guiji.schemas.ProfileLicence;
import io.guiji.schemas.ProfileListing;
import io.guiji.schemas.ProfileMeasure;
import io.guiji.schemas.ProfilePenalty;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.internal.RecordFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The profile of one enterprise (docs/contract.md §9) from the facts of its records in force — the
 * latest state of each, revoked ones left out by the caller — relative to a reference date, with
 * its health index ({@link HealthIndexes}). A pure function: the order of the facts does not
 * matter.
 *
 * <p>Dates are ISO {@code yyyy-MM-dd} (docs/contract.md §2), so they compare as text. "In force" on
 * the reference date: decided on or before it and not released or removed by then (a release or
 * removal dated after it is still to come). "Recent": decided in the 3 years up to the reference
 * date ({@link #recent}). Licences are grouped by licence number (else name): a renewal keeps its
 * number (docs/domain.md §2), so a group's decision valid on the reference date, else the one with
 * the latest end of validity, stands for it, and a renewed licence is valid, not expired.
 */
public final class ProfileBuilder {
    /** Years of "recent": the longest publicity of a penalty (docs/domain.md §4). */
    static final int RECENT_YEARS = 3;

    static final String ABNORMAL_OPERATION = "经营异常";

    private ProfileBuilder() {}

    /** Whether {@code date} lies in the 3 years up to {@code ref} (both ends included). */
    static boolean recent(String date, LocalDate ref) {
        return date.compareTo(ref.minusYears(RECENT_YEARS).toString()) >= 0
                && date.compareTo(ref.toString()) <= 0;
    }

    public static EnterpriseProfile build(
            String enterpriseId,
            Collection<RecordFacts> records,
            LocalDate ref,
            HealthModel model) {
        String day = ref.toString();
        List<RecordFacts> facts = new ArrayList<>(records);
        // Newest first; ties by record_id, so equal inputs give equal lists.
        facts.sort(
                Comparator.comparing(RecordFacts::getDecisionDate)
                        .thenComparing(RecordFacts::getRecordId)
                        .reversed());
        Map<String, Long> counts = new TreeMap<>();
        List<ProfilePenalty> recentPenalties = new ArrayList<>();
        ProfilePenalty latestPenalty = null;
        List<ProfileMeasure> measures = new ArrayList<>();
        List<ProfileListing> dishonesty = new ArrayList<>();
        List<ProfileListing> abnormal = new ArrayList<>();
        List<ProfileCase> cases = new ArrayList<>();
        Map<String, RecordFacts> licences = new HashMap<>();
        Map<String, Long> inspections = new TreeMap<>();
        for (RecordFacts f : facts) {
            counts.merge(f.getRecordType().name(), 1L, Long::sum);
            boolean decided = f.getDecisionDate().compareTo(day) <= 0;
            boolean open = f.getEndDate() == null || f.getEndDate().compareTo(day) > 0;
            switch (f.getRecordType()) {
                case penalty -> {
                    ProfilePenalty p = penalty(f);
                    if (latestPenalty == null) {
                        latestPenalty = p;
                    }
                    if (recent(f.getDecisionDate(), ref)) {
                        recentPenalties.add(p);
                    }
                }
                case coercion -> {
                    if (decided && open) {
                        measures.add(
                                new ProfileMeasure(
                                        f.getRecordId(),
                                        f.getDocNo(),
                                        f.getDeptCode(),
                                        f.getAuthority(),
                                        f.getDecisionDate(),
                                        f.getKind(),
                                        f.getEndDate()));
                    }
                }
                case dishonesty -> {
                    if (decided && open) {
                        ProfileListing l =
                                new ProfileListing(
                                        f.getRecordId(),
                                        f.getDocNo(),
                                        f.getDeptCode(),
                                        f.getAuthority(),
                                        f.getDecisionDate(),
                                        f.getKind(),
                                        f.getDetail(),
                                        f.getEndDate());
                        (isAbnormalOperation(f.getKind()) ? abnormal : dishonesty).add(l);
                    }
                }
                case judicial ->
                        cases.add(
                                new ProfileCase(
                                        f.getRecordId(),
                                        f.getDocNo(),
                                        f.getAuthority(),
                                        f.getDecisionDate(),
                                        f.getKind(),
                                        f.getAmount(),
                                        f.getFlag()));
                case license -> licences.merge(licenceKey(f), f, (a, b) -> standing(a, b, day));
                case inspection -> {
                    if (recent(f.getDecisionDate(), ref) && f.getDetail() != null) {
                        inspections.merge(f.getDetail(), 1L, Long::sum);
                    }
                }
                default -> {}
            }
        }
        List<RecordFacts> standing = new ArrayList<>(licences.values());
        standing.sort(Comparator.comparing(RecordFacts::getRecordId));
        List<ProfileLicence> valid = new ArrayList<>();
        List<ProfileLicence> expired = new ArrayList<>();
        for (RecordFacts f : standing) {
            if (f.getEndDate() != null && f.getEndDate().compareTo(day) < 0) {
                expired.add(licence(f));
            } else if (f.getStartDate() == null || f.getStartDate().compareTo(day) <= 0) {
                valid.add(licence(f));
            } // else: not valid yet, neither
        }
        EnterpriseProfile p =
                EnterpriseProfile.newBuilder()
                        .setEnterpriseId(enterpriseId)
                        .setName(facts.isEmpty() ? "" : facts.get(0).getSubjectName())
                        .setReferenceDate(day)
                        .setRecordCount(facts.size())
                        .setCountsByType(counts)
                        .setFirstRecordDate(
                                facts.isEmpty()
                                        ? null
                                        : facts.get(facts.size() - 1).getDecisionDate())
                        .setLastRecordDate(facts.isEmpty() ? null : facts.get(0).getDecisionDate())
                        .setLatestPenalty(latestPenalty)
                        .setRecentPenalties(recentPenalties)
                        .setCoerciveMeasuresInForce(measures)
                        .setDishonestyInForce(dishonesty)
                        .setAbnormalOperationInForce(abnormal)
                        .setCourtEnforcement(cases)
                        .setLicencesValid(valid)
                        .setLicencesExpired(expired)
                        .setRecentInspections(inspections)
                        .setHealth(new HealthIndex(100, "", "", "", List.of()))
                        .build();
        p.setHealth(HealthIndexes.of(p, model));
        return p;
    }

    static boolean isAbnormalOperation(String listType) {
        return listType != null && listType.contains(ABNORMAL_OPERATION);
    }

    /** A licence's identity across renewals: its number, else its name, else the record. */
    static String licenceKey(RecordFacts f) {
        if (f.getDetail() != null) {
            return "no:" + f.getDetail();
        }
        return f.getKind() != null ? "name:" + f.getKind() : "id:" + f.getRecordId();
    }

    /**
     * Of two decisions on one licence, the one that stands for it on {@code day}: one valid that
     * day over one that is not, then the one valid longest (open-ended first), then the later.
     */
    static RecordFacts standing(RecordFacts a, RecordFacts b, String day) {
        int c = Boolean.compare(validOn(a, day), validOn(b, day));
        if (c == 0) {
            c = compareEnd(a.getEndDate(), b.getEndDate());
        }
        if (c == 0) {
            c = a.getDecisionDate().compareTo(b.getDecisionDate());
        }
        if (c == 0) {
            c = a.getRecordId().compareTo(b.getRecordId());
        }
        return c >= 0 ? a : b;
    }

    static boolean validOn(RecordFacts licence, String day) {
        return (licence.getEndDate() == null || licence.getEndDate().compareTo(day) >= 0)
                && (licence.getStartDate() == null || licence.getStartDate().compareTo(day) <= 0);
    }

    private static int compareEnd(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    private static ProfilePenalty penalty(RecordFacts f) {
        return new ProfilePenalty(
                f.getRecordId(),
                f.getDocNo(),
                f.getDeptCode(),
                f.getAuthority(),
                f.getDecisionDate(),
                f.getKind(),
                f.getDetail(),
                f.getAmount());
    }

    private static ProfileLicence licence(RecordFacts f) {
        return new ProfileLicence(
                f.getRecordId(),
                f.getDocNo(),
                f.getDeptCode(),
                f.getAuthority(),
                f.getKind(),
                f.getDetail(),
                f.getStartDate(),
                f.getEndDate());
    }

    /** Counts of a record type; for tests and the summary. */
    static long count(EnterpriseProfile p, RecordType t) {
        return p.getCountsByType().getOrDefault(t.name(), 0L);
    }
}
