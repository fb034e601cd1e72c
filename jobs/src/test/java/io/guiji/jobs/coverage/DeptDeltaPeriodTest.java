package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.internal.DeptDelta;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * {@link DeptDeltaCombineOperator#applyPeriodAndTimeliness}: the coverage period by decision date
 * and timeliness evaluated by the working-day calendar, before deltas are summed.
 */
class DeptDeltaPeriodTest {
    private static final DeptDeltaCombineOperator OCTOBER =
            new DeptDeltaCombineOperator(
                    1000, CoveragePeriod.parse("2025-10"), TimelinessRule.defaults());

    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    private static DeptDelta published(String decision, String received, int sign) {
        return DeptDelta.newBuilder()
                .setDeptCode("SCJG01")
                .setUnified(sign)
                .setDecisionDay(decision == null ? null : day(decision))
                .setReceivedDay(received == null ? null : day(received))
                .setTimeliness(sign)
                .build();
    }

    @Test
    void aDeltaOutsideThePeriodIsDroppedAndARejectionWithoutDateCounts() {
        assertThat(OCTOBER.applyPeriodAndTimeliness(published("2025-09-30", "2025-10-09", 1)))
                .isNull();
        assertThat(OCTOBER.applyPeriodAndTimeliness(published("2025-11-01", "2025-11-03", 1)))
                .isNull();
        DeptDelta rejected =
                DeptDelta.newBuilder().setDeptCode("SCJG01").setReceived(1).setRejected(1).build();
        assertThat(OCTOBER.applyPeriodAndTimeliness(rejected)).isSameAs(rejected);
    }

    @Test
    void timelinessIsEvaluatedAndTheDatesCleared() {
        DeptDelta timely =
                OCTOBER.applyPeriodAndTimeliness(published("2025-10-09", "2025-10-20", 1));
        // 10-10 1, 10-11 (Sat, 调休) 2, 10-13 3, 10-14 4, 10-15 5, 10-16 6, 10-17 7, 10-20 8: late
        assertThat(timely.getLate()).isEqualTo(1);
        assertThat(timely.getTimely()).isZero();
        assertThat(timely.getDecisionDay()).isNull();
        assertThat(timely.getReceivedDay()).isNull();
        assertThat(timely.getTimeliness()).isZero();
        DeptDelta onTime =
                OCTOBER.applyPeriodAndTimeliness(published("2025-10-09", "2025-10-17", 1));
        assertThat(onTime.getTimely()).isEqualTo(1);
    }

    @Test
    void aTakenAwayOutcomeCountsNegativeAndAMissingReceiptIsUnknown() {
        DeptDelta away =
                OCTOBER.applyPeriodAndTimeliness(published("2025-10-09", "2025-10-20", -1));
        assertThat(away.getLate()).isEqualTo(-1);
        DeptDelta unknown = OCTOBER.applyPeriodAndTimeliness(published("2025-10-09", null, 1));
        assertThat(unknown.getTimelinessUnknown()).isEqualTo(1);
    }

    @Test
    void theInputDeltaIsNotChanged() {
        DeptDelta in = published("2025-10-09", "2025-10-20", 1);
        DeptDelta copy = DeptDelta.newBuilder(in).build();
        OCTOBER.applyPeriodAndTimeliness(in);
        assertThat(in).isEqualTo(copy);
    }
}
