package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dates a publication's department deltas carry for the coverage stage (docs/contract.md §8):
 * the decision date (the period) and, for a licence or penalty, the first receipt whose timeliness
 * the delta adds (+1) or takes away (-1).
 */
class TimelinessDeltasTest {
    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    static UnifiedRecord record(RecordType type, String decision, String received, int copies) {
        List<SourceRef> sources = new ArrayList<>();
        for (int i = 1; i <= copies; i++) {
            sources.add(new SourceRef("records/SCJG01/penalty/a.csv", (long) i));
        }
        return UnifiedRecord.newBuilder()
                .setRecordId("r1")
                .setVersion(1L)
                .setRecordType(type)
                .setDeptCode("SCJG01")
                .setFields(
                        DecisionFields.newBuilder()
                                .setDocNo("朝市监罚〔2025〕1号")
                                .setSubjectName("某公司")
                                .setDecisionDate(decision)
                                .setStatus(RecordStatus.ACTIVE)
                                .build())
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setSources(sources)
                .setReceivedOn(received)
                .setReceivedBasis(received == null ? null : "updated_at")
                .build();
    }

    @Test
    void aFirstPublicationCarriesItsDecisionDateAndFirstReceiptToBeEvaluated() {
        List<DeptDelta> d =
                DedupLinkOperator.deltas(
                        null, record(RecordType.penalty, "2025-09-26", "2025-10-14", 1));
        assertThat(d).hasSize(1);
        assertThat(d.get(0).getDecisionDay()).isEqualTo(day("2025-09-26"));
        assertThat(d.get(0).getReceivedDay()).isEqualTo(day("2025-10-14"));
        assertThat(d.get(0).getTimeliness()).isEqualTo(1);
        assertThat(d.get(0).getUnified()).isEqualTo(1);
    }

    @Test
    void anInspectionCountsInItsPeriodButIsNotMeasuredForTimeliness() {
        DeptDelta d =
                DedupLinkOperator.deltas(
                                null, record(RecordType.inspection, "2025-09-26", "2025-10-14", 1))
                        .get(0);
        assertThat(d.getDecisionDay()).isEqualTo(day("2025-09-26"));
        assertThat(d.getTimeliness()).isZero();
        assertThat(d.getReceivedDay()).isNull();
    }

    @Test
    void aNewCopyThatChangesNeitherDateAddsOnlyItsCounts() {
        List<DeptDelta> d =
                DedupLinkOperator.deltas(
                        record(RecordType.penalty, "2025-09-26", "2025-10-14", 1),
                        record(RecordType.penalty, "2025-09-26", "2025-10-14", 2));
        assertThat(d).hasSize(1);
        assertThat(d.get(0).getDuplicates()).isEqualTo(1);
        assertThat(d.get(0).getUnified()).isZero();
        assertThat(d.get(0).getTimeliness()).isZero();
        assertThat(d.get(0).getDecisionDay()).isEqualTo(day("2025-09-26"));
    }

    @Test
    void anEarlierReceiptTakesTheOldOutcomeAwayAndAddsTheNewOne() {
        List<DeptDelta> d =
                DedupLinkOperator.deltas(
                        record(RecordType.penalty, "2025-09-26", "2025-10-14", 1),
                        record(RecordType.penalty, "2025-09-26", "2025-10-13", 2));
        assertThat(d).hasSize(2);
        DeptDelta out = d.get(0);
        DeptDelta in = d.get(1);
        assertThat(out.getTimeliness()).isEqualTo(-1);
        assertThat(out.getReceivedDay()).isEqualTo(day("2025-10-14"));
        assertThat(out.getUnified()).isEqualTo(-1);
        assertThat(in.getTimeliness()).isEqualTo(1);
        assertThat(in.getReceivedDay()).isEqualTo(day("2025-10-13"));
        assertThat(in.getUnified()).isEqualTo(1);
        assertThat(in.getDuplicates()).isEqualTo(1);
        assertThat(out.getDuplicates() + in.getDuplicates()).isEqualTo(1);
    }

    @Test
    void aCorrectedDecisionDateMovesTheRecordBetweenPeriods() {
        List<DeptDelta> d =
                DedupLinkOperator.deltas(
                        record(RecordType.license, "2025-10-31", "2025-11-03", 1),
                        record(RecordType.license, "2025-11-01", "2025-11-03", 1));
        assertThat(d)
                .extracting(DeptDelta::getDecisionDay, DeptDelta::getUnified)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(day("2025-10-31"), -1L),
                        org.assertj.core.groups.Tuple.tuple(day("2025-11-01"), 1L));
    }
}
