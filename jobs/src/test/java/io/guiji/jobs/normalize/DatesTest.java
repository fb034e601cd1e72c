package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.Dates.DateParse;
import io.guiji.jobs.normalize.Dates.DateTimeParse;
import io.guiji.jobs.normalize.Dates.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2023-03-05",
                "2023-3-5",
                "2023-03-5",
                "2023/3/5",
                "2023/03/05",
                "2023.3.5",
                "2023.03.05",
                "20230305",
                "2023年3月5日",
                "2023年03月05日",
                "2023年3月5",
                "2023年3月5号",
                "２０２３－０３－０５", // full-width digits and hyphen
                "２０２３年３月５日",
                "２０２３／３／５",
                " 2023-03-05 ",
                "\u30002023-03-05\u200B",
                "44990", // Excel serial day number
            })
    void everyDateFormParses(String raw) {
        DateParse p = Dates.parseDate(raw);
        assertThat(p.outcome()).isEqualTo(Outcome.OK);
        assertThat(p.isOk()).isTrue();
        assertThat(p.date()).isEqualTo(LocalDate.of(2023, 3, 5));
        assertThat(Dates.parseDateTime(raw).dateTime())
                .isEqualTo(LocalDateTime.of(2023, 3, 5, 0, 0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2023-03-05 14:30              | 2023-03-05T14:30",
                "2023-03-05 14:30:15           | 2023-03-05T14:30:15",
                "2023-03-05 14:30:15.123       | 2023-03-05T14:30:15.123",
                "2023-03-05 14:30:15.0         | 2023-03-05T14:30:15",
                "2023-03-05 14:30:15,5         | 2023-03-05T14:30:15.5",
                "2023-03-05 14:30:15.123456789 | 2023-03-05T14:30:15.123456789",
                "2023-03-05T14:30:15           | 2023-03-05T14:30:15",
                "2023-03-05T14:30:15Z          | 2023-03-05T14:30:15",
                "2023-03-05T14:30:15+08:00     | 2023-03-05T14:30:15",
                "2023-03-05T14:30:15-05:00     | 2023-03-05T14:30:15",
                "2023-03-05T14:30:15+0800      | 2023-03-05T14:30:15",
                "2023-03-05T14:30:15+08        | 2023-03-05T14:30:15",
                "2023-03-05 14:30:15 +08:00    | 2023-03-05T14:30:15",
                "2023-03-05T14:30:15.123Z      | 2023-03-05T14:30:15.123",
                "2023/3/5 9:05                 | 2023-03-05T09:05",
                "2023.3.5 09:05:00             | 2023-03-05T09:05",
                "20230305 14:30:15             | 2023-03-05T14:30:15",
                "20230305T143015               | UNPARSEABLE",
                "2023年3月5日 14:30            | 2023-03-05T14:30",
                "2023年3月5日14:30:15          | 2023-03-05T14:30:15",
                "20230305143015                | 2023-03-05T14:30:15",
                "2023-03-05 00:00:00           | 2023-03-05T00:00",
                "2023-03-05 23:59:59           | 2023-03-05T23:59:59",
                "２０２３－０３－０５　１４：３０ | 2023-03-05T14:30",
            })
    void dateTimesParseToTheLocalWallTime(String raw, String expected) {
        DateTimeParse p = Dates.parseDateTime(raw);
        if (expected.equals("UNPARSEABLE")) {
            assertThat(p.outcome()).isEqualTo(Outcome.UNPARSEABLE);
            return;
        }
        assertThat(p.outcome()).isEqualTo(Outcome.OK);
        assertThat(p.dateTime()).isEqualTo(LocalDateTime.parse(expected));
        assertThat(Dates.parseDate(raw).date())
                .isEqualTo(LocalDateTime.parse(expected).toLocalDate());
    }

    @Test
    void dateOnlyIsMidnight() {
        assertThat(Dates.parseDateTime("2023-03-05").dateTime())
                .isEqualTo(LocalDateTime.of(2023, 3, 5, 0, 0, 0));
    }

    @Test
    void epochMillisAreShanghaiWallTime() {
        long millis =
                LocalDateTime.of(2023, 3, 5, 14, 30, 15, 123_000_000)
                        .atZone(ZoneId.of("Asia/Shanghai"))
                        .toInstant()
                        .toEpochMilli();
        assertThat(Dates.parseDateTime(Long.toString(millis)).dateTime())
                .isEqualTo(LocalDateTime.of(2023, 3, 5, 14, 30, 15, 123_000_000));
        // 2023-03-04T16:30Z is already the 5th in Shanghai
        long lateUtc = Instant.parse("2023-03-04T16:30:00Z").toEpochMilli();
        assertThat(Dates.parseDate(Long.toString(lateUtc)).date())
                .isEqualTo(LocalDate.of(2023, 3, 5));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "20000, 1954-10-03T00:00",
        "44990, 2023-03-05T00:00",
        "45000, 2023-03-15T00:00",
        "80000, 2119-01-11T00:00",
        "44990.5, 2023-03-05T12:00",
        "44990.75, 2023-03-05T18:00",
        "44990.604166666667, 2023-03-05T14:30",
        "44990.0, 2023-03-05T00:00",
        "44990.99999999, 2023-03-06T00:00",
    })
    void excelSerialsCountDaysFrom18991230(String raw, String expected) {
        DateTimeParse p = Dates.parseDateTime(raw);
        assertThat(p.outcome()).isEqualTo(Outcome.OK);
        assertThat(p.dateTime()).isEqualTo(LocalDateTime.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2023-02-29", // 2023 is not a leap year
                "1900-02-29", // a century not divisible by 400
                "2023-13-01",
                "2023-00-10",
                "2023-04-31",
                "2023-01-32",
                "2023-01-00",
                "0000-01-01",
                "20231301",
                "20230230",
                "2023年2月30日",
                "2023/13/1",
                "2023-01-05 24:00",
                "2023-01-05 23:60",
                "2023-01-05 23:59:60",
                "20230105250000",
                "２０２３－０２－２９",
            })
    void rightShapeButNoSuchDayIsImpossible(String raw) {
        assertThat(Dates.parseDate(raw).outcome()).isEqualTo(Outcome.IMPOSSIBLE);
        assertThat(Dates.parseDate(raw).date()).isNull();
        assertThat(Dates.parseDateTime(raw).outcome()).isEqualTo(Outcome.IMPOSSIBLE);
        assertThat(Dates.parseDateTime(raw).dateTime()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2024-02-29, 2024-02-29",
        "2000-02-29, 2000-02-29", // divisible by 400
        "20240229, 2024-02-29",
        "2024年2月29日, 2024-02-29",
        "2024/2/29 12:00, 2024-02-29",
    })
    void leapDaysOfLeapYearsAreFine(String raw, LocalDate expected) {
        assertThat(Dates.parseDate(raw).date()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "长期",
                "无",
                "-",
                "/",
                "2023",
                "202303",
                "2023-03",
                "2023-3-",
                "2023-03-05-",
                "2023-03/05", // mixed separators
                "2023-003-05",
                "2023-03-005",
                "23-03-05",
                "05/03/2023",
                "2023-03-05 星期日",
                "2023-03-0514:30", // time glued to the date
                "2023-03-05 14",
                "2023-03-05 14:3",
                "2023-03-05 14:30:1",
                "2023-03-05 14:30:15.",
                "2023-03-05 14:30:15.1234567890",
                "2023-03-05 14:30:15+8",
                "2023-03-05 14:30:15 CST",
                "2023-03-05Z",
                "2023年3月",
                "2023年3-5",
                "19999", // below the Excel range
                "80001", // above it
                "123456",
                "1234567890", // epoch seconds: not accepted
                "123456789012",
                "202303051430", // 12 digits
                "44990.",
                "44990.5x",
                "12345.5",
                "2023-03-05T",
                "abc",
            })
    void anythingElseIsUnparseable(String raw) {
        assertThat(Dates.parseDate(raw).outcome()).isEqualTo(Outcome.UNPARSEABLE);
        assertThat(Dates.parseDateTime(raw).outcome()).isEqualTo(Outcome.UNPARSEABLE);
        assertThat(Dates.parseDate(raw).date()).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000", "\u200B", "\t\n"})
    void blankIsEmpty(String raw) {
        assertThat(Dates.parseDate(raw).outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(Dates.parseDate(raw).date()).isNull();
        assertThat(Dates.parseDateTime(raw).outcome()).isEqualTo(Outcome.EMPTY);
        assertThat(Dates.parseDateTime(raw).isOk()).isFalse();
    }
}
