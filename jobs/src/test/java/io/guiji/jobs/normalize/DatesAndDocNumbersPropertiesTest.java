package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated cases for {@link Dates} (every written form of a date-time reads back as the date-time
 * written; anything else has one consistent outcome) and {@link DocNumbers} (idempotent, bracket
 * and width variants of one number fold together, nothing unsafe comes out).
 */
class DatesAndDocNumbersPropertiesTest {

    @Provide
    Arbitrary<LocalDateTime> dateTimes() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 9999),
                        Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 31),
                        Arbitraries.integers().between(0, 86_399),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(
                        (y, m, d, secondOfDay, nano) -> {
                            LocalDate date = LocalDate.of(y, m, 1);
                            date = date.withDayOfMonth(Math.min(d, date.lengthOfMonth()));
                            return date.atStartOfDay().plusSeconds(secondOfDay).withNano(nano);
                        });
    }

    @Provide
    Arbitrary<String> dateLike() {
        Arbitrary<String> pieces =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                8,
                                Arbitraries.strings()
                                        .withCharRange('0', '9')
                                        .ofMinLength(1)
                                        .ofMaxLength(8)),
                        net.jqwik.api.Tuple.of(
                                5,
                                Arbitraries.of(
                                        "-", "/", ".", "年", "月", "日", "号", " ", "T", ":", "Z",
                                        "+08:00", "-0500", "+08", ",", "２", "－", "\u3000", "t", "z",
                                        "\u0000")),
                        net.jqwik.api.Tuple.of(1, HostileText.pieces()));
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(12).map(HostileText::join), HostileText.strings());
    }

    @Property
    void anyTextHasOneOutcomeAndTheTwoParsersAgree(@ForAll("dateLike") String raw) {
        Dates.DateTimeParse t = Dates.parseDateTime(raw);
        Dates.DateParse d = Dates.parseDate(raw);
        assertThat(t.dateTime() != null).isEqualTo(t.isOk());
        assertThat(d.date() != null).isEqualTo(d.isOk());
        assertThat(d.outcome()).isEqualTo(t.outcome());
        if (t.isOk()) {
            assertThat(d.date()).isEqualTo(t.dateTime().toLocalDate());
        }
        assertThat(t.outcome() == Dates.Outcome.EMPTY).isEqualTo(Text.clean(raw) == null);
    }

    @Property
    void everyWrittenFormOfADateTimeReadsBack(
            @ForAll("dateTimes") LocalDateTime t, @ForAll("forms") String form) {
        String written;
        LocalDateTime expected;
        String ymd = String.format("%04d", t.getYear());
        switch (form) {
            case "iso":
                written =
                        String.format(
                                "%s-%02d-%02dT%02d:%02d:%02d.%09d",
                                ymd,
                                t.getMonthValue(),
                                t.getDayOfMonth(),
                                t.getHour(),
                                t.getMinute(),
                                t.getSecond(),
                                t.getNano());
                expected = t;
                break;
            case "slash":
                written =
                        String.format(
                                "%s/%d/%d %d:%02d:%02d",
                                ymd,
                                t.getMonthValue(),
                                t.getDayOfMonth(),
                                t.getHour(),
                                t.getMinute(),
                                t.getSecond());
                expected = t.truncatedTo(ChronoUnit.SECONDS);
                break;
            case "dot-zone":
                written =
                        String.format(
                                "%s.%02d.%d %02d:%02d+08:00",
                                ymd,
                                t.getMonthValue(),
                                t.getDayOfMonth(),
                                t.getHour(),
                                t.getMinute());
                expected = t.truncatedTo(ChronoUnit.MINUTES);
                break;
            case "chinese":
                written =
                        String.format(
                                "%s年%d月%d日%d:%02d",
                                ymd,
                                t.getMonthValue(),
                                t.getDayOfMonth(),
                                t.getHour(),
                                t.getMinute());
                expected = t.truncatedTo(ChronoUnit.MINUTES);
                break;
            case "compact":
                written =
                        String.format(
                                "%s%02d%02d%02d%02d%02d",
                                ymd,
                                t.getMonthValue(),
                                t.getDayOfMonth(),
                                t.getHour(),
                                t.getMinute(),
                                t.getSecond());
                expected = t.truncatedTo(ChronoUnit.SECONDS);
                break;
            case "date-fullwidth":
                written =
                        String.format("%s－%02d－%02d", ymd, t.getMonthValue(), t.getDayOfMonth())
                                .chars()
                                .mapToObj(
                                        c ->
                                                String.valueOf(
                                                        c >= '0' && c <= '9'
                                                                ? (char) (c - '0' + '０')
                                                                : (char) c))
                                .reduce("", String::concat);
                expected = t.toLocalDate().atStartOfDay();
                break;
            default:
                written = String.format("%s%02d%02d", ymd, t.getMonthValue(), t.getDayOfMonth());
                expected = t.toLocalDate().atStartOfDay();
        }
        Dates.DateTimeParse p = Dates.parseDateTime("\u3000" + written + " ");
        assertThat(p.outcome()).as(written).isEqualTo(Dates.Outcome.OK);
        assertThat(p.dateTime()).as(written).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> forms() {
        return Arbitraries.of(
                "iso", "slash", "dot-zone", "chinese", "compact", "date-fullwidth", "yyyymmdd");
    }

    @Property
    void epochMillisAndExcelSerialsReadBack(@ForAll("dateTimes") LocalDateTime t) {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        long millis = t.atZone(shanghai).toInstant().toEpochMilli();
        if (millis >= 1_000_000_000_000L && millis <= 9_999_999_999_999L) {
            assertThat(Dates.parseDateTime(Long.toString(millis)).dateTime())
                    .isEqualTo(t.truncatedTo(ChronoUnit.MILLIS));
        }
        long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), t.toLocalDate());
        if (serial >= 20_000 && serial <= 80_000) {
            assertThat(Dates.parseDate(Long.toString(serial)).date()).isEqualTo(t.toLocalDate());
        }
    }

    @Property
    void impossibleDaysAndTimesAreImpossibleNotUnparseable(
            @ForAll("dateTimes") LocalDateTime t, @ForAll("impossible") String shape) {
        String written = shape.replace("Y", String.format("%04d", t.getYear()));
        assertThat(Dates.parseDateTime(written).outcome())
                .as(written)
                .isEqualTo(Dates.Outcome.IMPOSSIBLE);
    }

    @Provide
    Arbitrary<String> impossible() {
        return Arbitraries.of(
                "Y-02-30",
                "Y-13-01",
                "Y-00-10",
                "Y-04-31",
                "Y-01-00",
                "Y-01-01 24:00",
                "Y-01-01 23:60",
                "Y-01-01 23:59:60",
                "Y0230",
                "Y1301",
                "0000-01-01");
    }

    // ---- DocNumbers ---------------------------------------------------------------------------

    @Property
    void aNormalizedDocNumberIsItsOwnNormalFormAndSafe(@ForAll("docNumbers") String raw) {
        String once = DocNumbers.normalize(raw);
        assertThat(DocNumbers.normalize(once)).isEqualTo(once);
        if (once != null) {
            assertThat(once).doesNotContain(" ").isNotEmpty();
            assertThat(once.chars().noneMatch(c -> c >= 'a' && c <= 'z')).isTrue();
            assertThat(HostileText.unsafeUnits(once)).isEmpty();
        }
    }

    @Property
    void theCaseOfAsciiLettersDoesNotMatter(@ForAll("docNumbers") String raw) {
        StringBuilder lower = new StringBuilder();
        StringBuilder upper = new StringBuilder();
        for (char c : raw.toCharArray()) {
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            upper.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        assertThat(DocNumbers.normalize(lower.toString()))
                .isEqualTo(DocNumbers.normalize(upper.toString()));
    }

    @Property
    void aDateFollowedByTextThatIsNotATimeIsNotADate(
            @ForAll("dateTimes") LocalDateTime t, @ForAll("trailers") String trailer) {
        String written = t.toLocalDate().toString().replace("+", "") + trailer;
        if (t.getYear() > 9999) {
            return;
        }
        assertThat(Dates.parseDate(written).outcome())
                .as(written)
                .isEqualTo(Dates.Outcome.UNPARSEABLE);
    }

    @Provide
    Arbitrary<String> trailers() {
        return Arbitraries.of(
                "x",
                "号",
                " 长期",
                "T",
                " 25",
                " 1:2",
                " 10:61:00Q",
                "Z",
                " +8",
                "日",
                "-01",
                ".5",
                "T10:00+0800x",
                " 10:00:00.1234567890",
                "\u0000x");
    }

    @Property
    void everyBracketPairAroundTheYearFoldsToOneNumber(
            @ForAll("prefixes") String prefix,
            @ForAll("years") String year,
            @ForAll("yearOpen") String open,
            @ForAll("yearClose") String close,
            @ForAll("seqs") String seq) {
        String canonical = DocNumbers.normalize(prefix + "〔" + year + "〕" + seq + "号");
        String variant =
                DocNumbers.normalize(
                        " " + prefix + " " + open + year + close + "\u3000" + seq + "号\u200B");
        assertThat(variant).isEqualTo(canonical);
        assertThat(canonical).contains("〔" + year + "〕");
    }

    @Provide
    Arbitrary<String> docNumbers() {
        Arbitrary<String> pieces =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                4,
                                Arbitraries.strings()
                                        .withCharRange('0', '9')
                                        .ofMinLength(1)
                                        .ofMaxLength(5)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.of(HostileText.OPEN)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.of(HostileText.CLOSE)),
                        net.jqwik.api.Tuple.of(
                                3, Arbitraries.of("朝市监罚", "号", "冀0929执", "字第", "-", "a", "x", "〇")),
                        net.jqwik.api.Tuple.of(2, HostileText.pieces()));
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(12).map(HostileText::join), HostileText.strings());
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("朝市监罚", "朝市监罚字", "建市监处", "", "(2019)冀0929执", "xk");
    }

    @Provide
    Arbitrary<String> years() {
        return Arbitraries.strings().withCharRange('0', '9').ofLength(4);
    }

    @Provide
    Arbitrary<String> yearOpen() {
        return Arbitraries.of("(", "（", "[", "［", "【", "〔", "{", "｛", "〈", "〖", "﹝");
    }

    @Provide
    Arbitrary<String> yearClose() {
        return Arbitraries.of(")", "）", "]", "］", "】", "〕", "}", "｝", "〉", "〗", "﹞");
    }

    @Provide
    Arbitrary<String> seqs() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(5);
    }

    @Property(tries = 12)
    void veryLongDocNumbersNormalize(@ForAll("veryLong") String raw) {
        String once = DocNumbers.normalize(raw);
        assertThat(DocNumbers.normalize(once)).isEqualTo(once);
    }

    @Provide
    Arbitrary<String> veryLong() {
        return HostileText.veryLong();
    }
}
