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

/** Named copies of one penalty decision for the dedup tests, and every order to send them in. */
public final class Copies {
    public static final String VALID_USCC = "91110000600037341L";

    private Copies() {}

    public static SupervisionRecord copy(String recordId, String file, long row, String updatedAt,
                                  Consumer<DecisionFields> change) {
        DecisionFields fields = DecisionFields.newBuilder()
                .setDocNo("朝市监罚〔2024〕12号")
                .setSubjectName("朝阳市鑫源建材有限公司")
                .setSubjectCategory("法人及非法人组织")
                .setLegalRep("张三")
                .setDecisionDate("2024-02-20")
                .setAuthority("朝阳市市场监督管理局")
                .setStatus(RecordStatus.ACTIVE)
                .setUpdatedAt(updatedAt)
                .setDetails(PenaltyDetails.newBuilder()
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
        return SupervisionRecord.newBuilder(r).setQualityFlags(new ArrayList<>(List.of(flags))).build();
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
