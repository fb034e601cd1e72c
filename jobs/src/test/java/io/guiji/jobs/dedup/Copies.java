package io.guiji.jobs.dedup;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Copies of one penalty decision as the parsers hand them on, for the tests of uniting copies
 * (docs/contract.md §5).
 */
public final class Copies {
    public static final String RECORD_ID = "penalty:SCJG01:朝市监罚〔2024〕12号";
    public static final String OTHER_RECORD_ID = "penalty:SCJG01:朝市监罚〔2024〕13号";
    public static final String VALID_USCC = "91110000600037341L";
    public static final String OTHER_VALID_USCC = "91310115MA1K3BTP2B";

    /** {@link #VALID_USCC} with a wrong check character. */
    public static final String INVALID_USCC = "91110000600037341K";

    /** The penalty as the deciding department supplied it. */
    public static final SupervisionRecord PENALTY_FROM_DEPARTMENT =
            copy(
                    RECORD_ID,
                    "records/SCJG01/penalty/2024-03.csv",
                    7,
                    "2024-03-01T09:00:00",
                    f -> {});

    /**
     * The same decision re-published through the credit platform: another file, a later updated_at.
     */
    public static final SupervisionRecord SAME_PENALTY_VIA_CREDIT_PLATFORM =
            copy(
                    RECORD_ID,
                    "records/SCJG01/penalty/credit-platform.csv",
                    2,
                    "2024-03-05T10:30:00",
                    f -> {});

    /** The department revokes the decision: the latest copy. */
    public static final SupervisionRecord REVOCATION =
            copy(
                    RECORD_ID,
                    "records/SCJG01/penalty/revocations.csv",
                    1,
                    "2024-06-01T08:00:00",
                    f -> f.setStatus(RecordStatus.REVOKED));

    /** An unrelated decision of the same department. */
    public static final SupervisionRecord ANOTHER_PENALTY =
            copy(
                    OTHER_RECORD_ID,
                    "records/SCJG01/penalty/2024-03.csv",
                    8,
                    "2024-03-01T09:00:00",
                    f -> f.setDocNo("朝市监罚〔2024〕13号"));

    private Copies() {}

    /** A copy of the penalty 朝市监罚〔2024〕12号 of 朝阳市鑫源建材有限公司 (no codes), changed by {@code change}. */
    public static SupervisionRecord copy(
            String recordId,
            String file,
            long row,
            String updatedAt,
            Consumer<DecisionFields> change) {
        DecisionFields fields =
                DecisionFields.newBuilder()
                        .setDocNo("朝市监罚〔2024〕12号")
                        .setSubjectName("朝阳市鑫源建材有限公司")
                        .setSubjectCategory("法人及非法人组织")
                        .setLegalRep("张三")
                        .setDecisionDate("2024-02-20")
                        .setAuthority("朝阳市市场监督管理局")
                        .setStatus(RecordStatus.ACTIVE)
                        .setUpdatedAt(updatedAt)
                        .setDetails(
                                PenaltyDetails.newBuilder()
                                        .setViolationType("虚假宣传")
                                        .setPenaltyCategory("罚款")
                                        .setFineAmount(new BigDecimal("1.500000"))
                                        .build())
                        .build();
        change.accept(fields);
        return SupervisionRecord.newBuilder()
                .setRecordId(recordId)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(fields)
                .setQualityFlags(new ArrayList<>())
                .setSource(new SourceRef(file, row))
                .build();
    }

    public static SupervisionRecord withFlags(SupervisionRecord r, String... flags) {
        return SupervisionRecord.newBuilder(r)
                .setQualityFlags(new ArrayList<>(List.of(flags)))
                .build();
    }

    public static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
