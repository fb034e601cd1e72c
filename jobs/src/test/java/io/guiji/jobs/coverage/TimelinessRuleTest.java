package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.coverage.TimelinessRule.Outcome.Kind;
import io.guiji.schemas.RecordType;
import org.junit.jupiter.api.Test;

class TimelinessRuleTest {
    static final TimelinessRule SEVEN = TimelinessRule.defaults();

    @Test
    void theSeventhWorkingDayIsOnTimeAndTheEighthIsLate() {
        // 国庆 2025 with its 调休 Sunday 09-28 (WorkingCalendarTest counts the days)
        assertThat(SEVEN.evaluate("2025-09-26", "2025-10-13"))
                .isEqualTo(new TimelinessRule.Outcome(Kind.TIMELY, 7, null));
        assertThat(SEVEN.evaluate("2025-09-26", "2025-10-14"))
                .isEqualTo(new TimelinessRule.Outcome(Kind.LATE, 8, null));
    }

    @Test
    void theDeadlineIsAnOption() {
        TimelinessRule five = new TimelinessRule(5, WorkingCalendar.bundled());
        assertThat(five.evaluate("2026-03-09", "2026-03-16").kind()).isEqualTo(Kind.TIMELY); // 5
        assertThat(five.evaluate("2026-03-09", "2026-03-17").kind()).isEqualTo(Kind.LATE); // 6
    }

    @Test
    void withoutAReceiptOrOutsideTheCalendarItIsUnknownWithTheReason() {
        assertThat(SEVEN.evaluate("2026-03-09", null))
                .isEqualTo(new TimelinessRule.Outcome(Kind.UNKNOWN, -1, "no receipt date"));
        TimelinessRule.Outcome o = SEVEN.evaluate("2023-12-28", "2024-01-10");
        assertThat(o.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(o.reason())
                .isEqualTo("2023-12-28 is outside the working-day calendar's years 2024–2026");
    }

    @Test
    void onlyLicencesAndPenaltiesAreMeasured() {
        for (RecordType t : RecordType.values()) {
            assertThat(TimelinessRule.applies(t))
                    .isEqualTo(t == RecordType.license || t == RecordType.penalty);
        }
    }
}
