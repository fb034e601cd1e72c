package io.guiji.jobs.enterprise;

import io.guiji.jobs.normalize.Names;
import io.guiji.schemas.CoercionDetails;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.DishonestyDetails;
import io.guiji.schemas.InspectionDetails;
import io.guiji.schemas.JudicialDetails;
import io.guiji.schemas.LicenseDetails;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import java.math.BigDecimal;
import java.util.StringJoiner;

/**
 * What a unified record contributes to its subject's view ({@link RecordFacts}): the subject it
 * belongs to and the few fields the profile, the health index and the leads read. A pure function.
 *
 * <p>The subject is the enterprise of a linked record ({@code E:<enterprise_id>}), or, for an
 * unlinked record that is not a natural person's, its normalized name ({@code N:<name>}): the
 * subjects an unregistered-operation lead is about. A natural person's record belongs to no subject
 * (docs/contract.md §6: never linked).
 */
public final class RecordFactsExtractor {
    static final String ENTERPRISE = "E:";
    static final String NAME = "N:";

    private RecordFactsExtractor() {}

    /** The subject key of {@code r}, or null when it belongs to none (a person, a nameless). */
    public static String subjectKey(UnifiedRecord r) {
        return subjectKey(r.getEnterpriseId(), r.getLinkMethod(), r.getFields().getSubjectName());
    }

    /** The subject key of a record linked so, naming {@code subjectName}. */
    public static String subjectKey(String enterpriseId, LinkMethod method, String subjectName) {
        if (enterpriseId != null) {
            return ENTERPRISE + enterpriseId;
        }
        if (method == LinkMethod.PERSON) {
            return null;
        }
        String name = Names.matchKey(subjectName);
        return name == null ? null : NAME + name;
    }

    /**
     * The facts of {@code r} under {@code subjectKey}; {@code removed} when the record is revoked
     * (a revoked record leaves the profile, docs/contract.md §9).
     */
    public static RecordFacts facts(UnifiedRecord r, String subjectKey) {
        DecisionFields f = r.getFields();
        RecordFacts.Builder b =
                RecordFacts.newBuilder()
                        .setSubjectKey(subjectKey)
                        .setRecordId(r.getRecordId())
                        .setVersion(r.getVersion())
                        .setRemoved(f.getStatus() == RecordStatus.REVOKED)
                        .setRecordType(r.getRecordType())
                        .setDeptCode(r.getDeptCode())
                        .setDocNo(f.getDocNo())
                        .setDecisionDate(f.getDecisionDate())
                        .setSubjectName(f.getSubjectName())
                        .setSubjectCategory(f.getSubjectCategory())
                        .setAuthority(f.getAuthority())
                        .setHasCandidates(
                                !r.getCandidates().isEmpty()
                                        || r.getQualityFlags().contains("AMBIGUOUS_NAME"));
        Object d = f.getDetails();
        if (d instanceof PenaltyDetails p) {
            b.setKind(p.getPenaltyCategory())
                    .setDetail(p.getViolationType())
                    .setText(join(p.getViolationType(), p.getViolationFacts(), p.getContent()))
                    .setAmount(sum(p.getFineAmount(), p.getConfiscatedAmount()));
        } else if (d instanceof CoercionDetails c) {
            b.setKind(c.getMeasureType())
                    .setDetail(c.getContent())
                    .setText(join(c.getMeasureType(), c.getContent()))
                    .setEndDate(c.getReleaseDate());
        } else if (d instanceof DishonestyDetails l) {
            b.setKind(l.getListType()).setDetail(l.getReason()).setEndDate(l.getRemovalDate());
        } else if (d instanceof JudicialDetails j) {
            b.setKind(j.getCaseType()).setAmount(j.getAmount()).setFlag(j.getDishonest());
        } else if (d instanceof LicenseDetails l) {
            b.setKind(l.getLicenseName())
                    .setDetail(l.getLicenseNo())
                    .setStartDate(l.getValidFrom())
                    .setEndDate(l.getValidTo());
        } else if (d instanceof InspectionDetails i) {
            b.setKind(i.getInspectionItem())
                    .setDetail(i.getResult())
                    .setText(i.getInspectionItem());
        }
        return b.build();
    }

    private static String join(String... parts) {
        StringJoiner j = new StringJoiner(" ");
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                j.add(p);
            }
        }
        return j.length() == 0 ? null : j.toString();
    }

    private static BigDecimal sum(BigDecimal a, BigDecimal b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.add(b);
    }
}
