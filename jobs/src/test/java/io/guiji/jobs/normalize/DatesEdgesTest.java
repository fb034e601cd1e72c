package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates at the edges: first and last months and days, Excel serials at their bounds, what may
 * follow a time.
 */
class DatesEdgesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2023-01-01, 2023-01-01",
        "2023-12-31, 2023-12-31",
        "2024-02-29, 2024-02-29",
        "20230101, 2023-01-01"
    })
    void theFirstAndLastDaysOfTheYearAreDates(String raw, LocalDate date) {
        Dates.DateParse p = Dates.parseDate(raw);

        assertThat(p.isOk()).isTrue();
        assertThat(p.date()).isEqualTo(date);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2023-00-10", "2023-13-01", "2023-05-00", "2023-02-29", "0000-01-01"})
    void noSuchDayIsImpossible(String raw) {
        assertThat(Dates.parseDate(raw).outcome()).isEqualTo(Dates.Outcome.IMPOSSIBLE);
        assertThat(Dates.parseDate(raw).isOk()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2023_05_06", "2023x05x06", "不是日期"})
    void anotherSeparatorIsUnparseable(String raw) {
        assertThat(Dates.parseDate(raw).outcome()).isEqualTo(Dates.Outcome.UNPARSEABLE);
        assertThat(Dates.parseDate(raw).isOk()).isFalse();
    }

    @Test
    void excelSerialsWithADayFractionAreReadAtBothBounds() {
        assertThat(Dates.parseDateTime("20000.5").dateTime())
                .isEqualTo(LocalDateTime.of(1954, 10, 3, 12, 0));
        assertThat(Dates.parseDateTime("80000.25").dateTime())
                .isEqualTo(LocalDateTime.of(2119, 1, 11, 6, 0));
        assertThat(Dates.parseDateTime("19999.5").outcome()).isEqualTo(Dates.Outcome.UNPARSEABLE);
        assertThat(Dates.parseDateTime("80001.5").outcome()).isEqualTo(Dates.Outcome.UNPARSEABLE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2023-05-06T12:00:00Z, 2023-05-06T12:00",
        "2023-05-06T12:00:00+0800, 2023-05-06T12:00",
        "2023-05-06T12:00:00+08:00, 2023-05-06T12:00",
        "2023-05-06T12:00:00+08, 2023-05-06T12:00",
        "2023-05-06 12:00:00 -05:00, 2023-05-06T12:00",
    })
    void aZoneAfterATimeIsAccepted(String raw, LocalDateTime local) {
        assertThat(Dates.parseDateTime(raw).dateTime()).isEqualTo(local);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2023-05-06T12:00:00Zx",
                "2023-05-06T12:00:00+0800x",
                "2023-05-06T12:00:00+08x",
                "2023-05-06T12:00:00+08:0",
                "2023-05-06T12:00:00+08:001",
                "2023-05-06T12:00:00+8",
                "2023-05-06T12:00:00 x",
            })
    void anythingElseAfterATimeIsUnparseable(String raw) {
        assertThat(Dates.parseDateTime(raw).outcome()).isEqualTo(Dates.Outcome.UNPARSEABLE);
    }
}
