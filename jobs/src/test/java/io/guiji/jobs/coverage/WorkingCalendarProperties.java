package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of working-day counting on the bundled calendar, against a day-by-day count over the
 * calendar file read independently here.
 */
class WorkingCalendarProperties {
    static final WorkingCalendar CN = WorkingCalendar.bundled();

    /** The file's own days, read here without {@link WorkingCalendar}. */
    static final Map<LocalDate, Boolean> FILE = fileDays();

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers()
                .between(
                        0,
                        (int)
                                (LocalDate.parse("2026-12-31").toEpochDay()
                                        - LocalDate.parse("2024-01-01").toEpochDay()))
                .map(i -> LocalDate.parse("2024-01-01").plusDays(i));
    }

    @Provide
    Arbitrary<LocalDate> outside() {
        return Arbitraries.oneOf(
                Arbitraries.integers()
                        .between(1, 3000)
                        .map(i -> LocalDate.parse("2024-01-01").minusDays(i)),
                Arbitraries.integers()
                        .between(1, 3000)
                        .map(i -> LocalDate.parse("2026-12-31").plusDays(i)));
    }

    @Property
    void countsWhatADayByDayWalkOfTheFileCounts(
            @ForAll("days") LocalDate a, @ForAll("days") LocalDate b) {
        int expected = 0;
        for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
            expected += working(d) ? 1 : 0;
        }
        assertThat(CN.workingDaysAfter(a, b)).isEqualTo(expected);
    }

    @Property
    void aLaterReceiptNeverTookFewerWorkingDays(
            @ForAll("days") LocalDate decision,
            @ForAll("days") LocalDate received,
            @ForAll("days") LocalDate later) {
        if (later.isBefore(received)) {
            return;
        }
        assertThat(CN.workingDaysAfter(decision, later))
                .isGreaterThanOrEqualTo(CN.workingDaysAfter(decision, received));
    }

    @Property
    void aLaterDecisionNeverLeavesMoreWorkingDays(
            @ForAll("days") LocalDate decision,
            @ForAll("days") LocalDate later,
            @ForAll("days") LocalDate received) {
        if (later.isBefore(decision)) {
            return;
        }
        assertThat(CN.workingDaysAfter(later, received))
                .isLessThanOrEqualTo(CN.workingDaysAfter(decision, received));
    }

    @Property
    void spansAddUp(
            @ForAll("days") LocalDate a, @ForAll("days") LocalDate b, @ForAll("days") LocalDate c) {
        if (b.isBefore(a) || c.isBefore(b)) {
            return;
        }
        assertThat(CN.workingDaysAfter(a, c))
                .isEqualTo(CN.workingDaysAfter(a, b) + CN.workingDaysAfter(b, c));
    }

    @Property
    void aWeekendDayWithoutTiaoxiuNeverCountsAndAWeekdayWithoutAHolidayAlwaysDoes(
            @ForAll("days") LocalDate day) {
        if (day.equals(LocalDate.parse("2024-01-01"))) {
            return; // no day before it in the calendar
        }
        int counted = CN.workingDaysAfter(day.minusDays(1), day);
        boolean weekend =
                day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (weekend && !Boolean.TRUE.equals(FILE.get(day))) {
            assertThat(counted).isZero();
        }
        if (!weekend && !Boolean.FALSE.equals(FILE.get(day))) {
            assertThat(counted).isOne();
        }
    }

    @Property
    void neverMoreWorkingDaysThanDays(@ForAll("days") LocalDate a, @ForAll("days") LocalDate b) {
        assertThat(CN.workingDaysAfter(a, b))
                .isBetween(0, (int) Math.max(0, b.toEpochDay() - a.toEpochDay()));
    }

    @Property
    void aDateOutsideTheYearsIsAlwaysAnError(
            @ForAll("outside") LocalDate out, @ForAll("days") LocalDate in) {
        assertThatThrownBy(() -> CN.workingDaysAfter(out, in))
                .isInstanceOf(WorkingCalendar.OutsideCalendar.class);
        assertThatThrownBy(() -> CN.workingDaysAfter(in, out))
                .isInstanceOf(WorkingCalendar.OutsideCalendar.class);
    }

    private static boolean working(LocalDate d) {
        Boolean set = FILE.get(d);
        if (set != null) {
            return set;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static Map<LocalDate, Boolean> fileDays() {
        Map<LocalDate, Boolean> days = new HashMap<>();
        try (var in =
                WorkingCalendarProperties.class
                        .getClassLoader()
                        .getResourceAsStream(WorkingCalendar.BUNDLED)) {
            for (String line :
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .split("\n")) {
                String[] c = line.strip().split(",");
                if (line.startsWith("#") || c.length < 2 || c[0].equals("year")) {
                    continue;
                }
                days.put(LocalDate.parse(c[0]), c[1].equals("workday"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return days;
    }
}
