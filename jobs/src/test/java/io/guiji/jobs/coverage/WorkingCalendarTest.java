package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled working-day calendar against working days counted by hand around the holidays and 调休
 * days of the 国务院办公厅 notices (2024: 国办发明电〔2023〕7号, 2025: 〔2024〕12号, 2026: 〔2025〕7号).
 */
class WorkingCalendarTest {
    static final WorkingCalendar CN = WorkingCalendar.bundled();

    /**
     * decision, first receipt, working days after the decision up to the receipt (counted by hand:
     * the comment lists the days that count).
     */
    @ParameterizedTest(name = "{0} -> {1}: {2} working days")
    @CsvSource({
        // 国庆/中秋 2025: 10-01..10-08 off; 09-28 (Sun) and 10-11 (Sat) worked.
        // 09-28 1, 09-29 2, 09-30 3, 10-09 4, 10-10 5, 10-11 6, 10-13 7
        "2025-09-26, 2025-10-13, 7",
        "2025-09-26, 2025-10-14, 8",
        // a decision on the 调休 Sunday itself: 09-29 1, 09-30 2, 10-09 3, 10-10 4, 10-11 5,
        // 10-13 6, 10-14 7
        "2025-09-28, 2025-10-14, 7",
        "2025-09-28, 2025-10-15, 8",
        // 春节 2026: 02-15..02-23 off; 02-14 (Sat) and 02-28 (Sat) worked.
        // 02-14 1, 02-24 2, 02-25 3, 02-26 4, 02-27 5, 02-28 6, 03-02 7
        "2026-02-13, 2026-03-02, 7",
        "2026-02-13, 2026-03-03, 8",
        // 元旦 2026 across the year end: 01-01..01-03 off, 01-04 (Sun) worked: 01-04 1, 01-05 2
        "2025-12-31, 2026-01-05, 2",
        // 春节 2025: 01-28..02-04 off; 01-26 (Sun) and 02-08 (Sat) worked.
        // 01-26 1, 01-27 2, 02-05 3, 02-06 4, 02-07 5, 02-08 6
        "2025-01-24, 2025-02-08, 6",
        // 春节 2024: 02-09 (除夕) was not yet a holiday: 02-09 1, 02-18 (Sun, worked) 2, 02-19 3,
        // 02-20 4
        "2024-02-08, 2024-02-20, 4",
        // 国庆 2024: 10-08 1, 10-09 2, 10-10 3, 10-11 4, 10-12 (Sat, worked) 5
        "2024-09-30, 2024-10-12, 5",
        // an ordinary fortnight: 7 weekdays
        "2026-03-09, 2026-03-18, 7",
        // received on the decision day, or before it: nothing taken
        "2026-03-09, 2026-03-09, 0",
        "2026-03-09, 2026-03-02, 0",
        // a weekend receipt after a Friday decision (no 调休): nothing taken
        "2026-03-13, 2026-03-15, 0",
    })
    void workingDaysAroundHolidaysAndTiaoxiu(LocalDate decision, LocalDate received, int days) {
        assertThat(CN.workingDaysAfter(decision, received)).isEqualTo(days);
    }

    @Test
    void tiaoxiuWeekendsAreWorkingDaysAndHolidayWeekdaysAreNot() {
        assertThat(CN.isWorkingDay(LocalDate.parse("2025-09-28"))).isTrue(); // Sunday, 调休
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-02-28"))).isTrue(); // Saturday, 调休
        assertThat(CN.isWorkingDay(LocalDate.parse("2025-10-08"))).isFalse(); // Wednesday, 国庆
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-01-02"))).isFalse(); // Friday, 元旦
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-03-14"))).isFalse(); // a plain Saturday
        assertThat(CN.isWorkingDay(LocalDate.parse("2026-03-16"))).isTrue(); // a plain Monday
    }

    @Test
    void theBundledFileCoversItsThreeYearsWithTheNoticesHolidayCounts() {
        assertThat(CN.years()).isEqualTo("2024–2026");
        Map<Integer, Integer> offWeekdays = new TreeMap<>();
        Map<Integer, Integer> workedWeekends = new TreeMap<>();
        Map<Integer, Integer> working = new TreeMap<>();
        for (LocalDate d = LocalDate.parse("2024-01-01"); d.getYear() <= 2026; d = d.plusDays(1)) {
            boolean weekend =
                    d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            boolean w = CN.isWorkingDay(d);
            if (!weekend && !w) {
                offWeekdays.merge(d.getYear(), 1, Integer::sum);
            }
            if (weekend && w) {
                workedWeekends.merge(d.getYear(), 1, Integer::sum);
            }
            if (w) {
                working.merge(d.getYear(), 1, Integer::sum);
            }
        }
        // Weekdays off: 2024 元旦1 春节5 清明2 劳动3 端午1 中秋2 国庆5; 2025 元旦1 春节6 清明1
        // 劳动3 端午1 国庆中秋6; 2026 元旦2 春节6 清明1 劳动3 端午1 中秋1 国庆5.
        assertThat(offWeekdays).isEqualTo(Map.of(2024, 19, 2025, 18, 2026, 19));
        // 调休 working days: 8 in 2024, 5 in 2025, 6 in 2026.
        assertThat(workedWeekends).isEqualTo(Map.of(2024, 8, 2025, 5, 2026, 6));
        // Working days of the year: weekdays (262, 261, 261) less weekdays off plus 调休 days.
        assertThat(working).isEqualTo(Map.of(2024, 251, 2025, 248, 2026, 248));
    }

    @Test
    void aDateOutsideTheFilesYearsIsAnErrorNotAGuess() {
        assertThatThrownBy(
                        () ->
                                CN.workingDaysAfter(
                                        LocalDate.parse("2023-12-29"),
                                        LocalDate.parse("2024-01-03")))
                .isInstanceOf(WorkingCalendar.OutsideCalendar.class)
                .hasMessageContaining("2023-12-29")
                .hasMessageContaining("2024–2026");
        assertThatThrownBy(
                        () ->
                                CN.workingDaysAfter(
                                        LocalDate.parse("2026-12-30"),
                                        LocalDate.parse("2027-01-04")))
                .isInstanceOf(WorkingCalendar.OutsideCalendar.class)
                .hasMessageContaining("2027-01-04");
    }

    @Test
    void aFileThatSaysNoYearsOrHasAWeekdayWorkdayIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> parse("2026-01-01,holiday,元旦\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'year,YYYY,source' line");
        assertThatThrownBy(() -> parse("year,2026,x\n2026-03-16,workday,调休\n"))
                .hasMessageContaining("line 2: workday 2026-03-16 is not a Saturday or Sunday");
        assertThatThrownBy(() -> parse("year,2026,x\n2027-01-01,holiday,元旦\n"))
                .hasMessageContaining("2027-01-01 is in no year the file declares");
        assertThatThrownBy(() -> parse("year,2026,x\n2026-01-01,off,元旦\n"))
                .hasMessageContaining("line 2: kind must be holiday or workday");
    }

    @Test
    void aSmallFileOfItsOwnCountsByItsOwnDays() throws Exception {
        WorkingCalendar c = parse("# test\nyear,2030,test\n2030-01-01,holiday,元旦\n");
        assertThat(
                        c.workingDaysAfter(
                                LocalDate.parse("2029-12-31").plusDays(1),
                                LocalDate.parse("2030-01-07")))
                .isEqualTo(4); // 01-02 … 01-04, 01-07
        assertThat(c.years()).isEqualTo("2030");
    }

    private static WorkingCalendar parse(String text) throws Exception {
        return WorkingCalendar.parse(
                "test.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
