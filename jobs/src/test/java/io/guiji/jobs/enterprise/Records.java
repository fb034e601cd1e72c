package io.guiji.jobs.enterprise;

import io.guiji.schemas.CoercionDetails;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.DishonestyDetails;
import io.guiji.schemas.InspectionDetails;
import io.guiji.schemas.JudicialDetails;
import io.guiji.schemas.LicenseDetails;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Hand-built unified records of every type, and their facts, for the enterprise view's tests. */
final class Records {
    static final String ENTERPRISE = "91110000600037341L";
    static final String NAME = "朝阳市某某商贸有限公司";

    private Records() {}

    static UnifiedRecord record(
            String id, RecordType type, String date, Object details, String enterpriseId) {
        return UnifiedRecord.newBuilder()
                .setRecordId(id)
                .setVersion(1L)
                .setRecordType(type)
                .setDeptCode("SCJG01")
                .setFields(
                        DecisionFields.newBuilder()
                                .setDocNo("DOC-" + id)
                                .setSubjectName(NAME)
                                .setDecisionDate(date)
                                .setAuthority("朝阳市市场监督管理局")
                                .setDetails(details)
                                .build())
                .setEnterpriseId(enterpriseId)
                .setLinkMethod(enterpriseId == null ? LinkMethod.NONE : LinkMethod.USCC)
                .setLinkConfidence(enterpriseId == null ? 0.0 : 1.0)
                .setSources(List.of(new SourceRef("f.csv", 1L)))
                .build();
    }

    static UnifiedRecord penalty(String id, String date, String category, String fine) {
        return record(
                id,
                RecordType.penalty,
                date,
                new PenaltyDetails(
                        "销售超过保质期的食品",
                        null,
                        null,
                        category,
                        null,
                        fine == null ? null : amount(fine),
                        null,
                        null),
                ENTERPRISE);
    }

    static UnifiedRecord violation(String id, String date, String violation) {
        return record(
                id,
                RecordType.penalty,
                date,
                new PenaltyDetails(violation, null, null, "罚款", null, amount("1"), null, null),
                ENTERPRISE);
    }

    static UnifiedRecord coercion(String id, String date, String release) {
        return record(
                id,
                RecordType.coercion,
                date,
                new CoercionDetails("查封场所、设施或者财物", "查封场所", release),
                ENTERPRISE);
    }

    static UnifiedRecord listing(String id, String date, String listType, String removal) {
        return record(
                id,
                RecordType.dishonesty,
                date,
                new DishonestyDetails(listType, "未按规定期限公示年度报告", removal),
                ENTERPRISE);
    }

    static UnifiedRecord court(String id, String date, boolean dishonest) {
        return record(
                id,
                RecordType.judicial,
                date,
                new JudicialDetails("首次执行", amount("100000"), dishonest),
                ENTERPRISE);
    }

    static UnifiedRecord licence(
            String id, String date, String name, String number, String from, String to) {
        return record(
                id,
                RecordType.license,
                date,
                new LicenseDetails(name, number, "普通", null, from, to),
                ENTERPRISE);
    }

    static UnifiedRecord inspection(String id, String date, String item, String result) {
        return record(
                id,
                RecordType.inspection,
                date,
                new InspectionDetails(null, "抽查", item, result),
                ENTERPRISE);
    }

    /** The record with another version and status. */
    static UnifiedRecord version(UnifiedRecord r, long version, RecordStatus status) {
        UnifiedRecord v = UnifiedRecord.newBuilder(r).setVersion(version).build();
        v.setFields(DecisionFields.newBuilder(r.getFields()).setStatus(status).build());
        return v;
    }

    /** The record linked elsewhere ({@code null}: unlinked, under its own name). */
    static UnifiedRecord linkedTo(UnifiedRecord r, String enterpriseId, long version) {
        return UnifiedRecord.newBuilder(r)
                .setVersion(version)
                .setEnterpriseId(enterpriseId)
                .setLinkMethod(enterpriseId == null ? LinkMethod.NONE : LinkMethod.USCC)
                .build();
    }

    /** The record under another subject name, unlinked. */
    static UnifiedRecord unlinked(UnifiedRecord r, String name) {
        UnifiedRecord u = linkedTo(r, null, r.getVersion());
        u.setFields(DecisionFields.newBuilder(r.getFields()).setSubjectName(name).build());
        return u;
    }

    static UnifiedRecord withCandidate(UnifiedRecord r) {
        return UnifiedRecord.newBuilder(r)
                .setCandidates(List.of(new LinkCandidate(ENTERPRISE, NAME, 0.8)))
                .build();
    }

    static UnifiedRecord person(UnifiedRecord r) {
        return UnifiedRecord.newBuilder(r)
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.PERSON)
                .build();
    }

    static List<RecordFacts> facts(UnifiedRecord... records) {
        List<RecordFacts> out = new ArrayList<>();
        for (UnifiedRecord r : records) {
            RecordFacts f = RecordFactsExtractor.facts(r, RecordFactsExtractor.subjectKey(r));
            if (!f.getRemoved()) {
                out.add(f);
            }
        }
        return out;
    }

    static BigDecimal amount(String s) {
        return new BigDecimal(s).setScale(6, RoundingMode.UNNECESSARY);
    }
}
