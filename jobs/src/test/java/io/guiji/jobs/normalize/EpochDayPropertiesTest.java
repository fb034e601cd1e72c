package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Dates#epochDay} reads the usual {@code yyyy-MM-dd} form without a formatter: it must
 * answer exactly as {@link LocalDate#parse} of the first ten characters does, for real dates,
 * impossible ones (2023-02-29, 2024-13-01) and text that only looks like a date.
 */
class EpochDayPropertiesTest {

    @Property(tries = 3000)
    void answersAsLocalDateParseDoes(@ForAll("dateLike") String s) {
        assertThat(Dates.epochDay(s)).isEqualTo(reference(s));
    }

    @Property(tries = 500)
    void everyRealDateIsItsEpochDay(@ForAll("days") int day) {
        LocalDate d = LocalDate.ofEpochDay(day);
        assertThat(Dates.epochDay(d.toString())).isEqualTo(day);
        assertThat(Dates.epochDay(d + "T08:30:00")).isEqualTo(day);
    }

    private static Integer reference(String s) {
        if (s == null || s.length() < 10) {
            return null;
        }
        try {
            return (int) LocalDate.parse(s.substring(0, 10)).toEpochDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers()
                .between(
                        (int) LocalDate.of(1900, 1, 1).toEpochDay(),
                        (int) LocalDate.of(2100, 12, 31).toEpochDay());
    }

    @Provide
    Arbitrary<String> dateLike() {
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(y -> pad(y, 4));
        Arbitrary<String> month = Arbitraries.integers().between(0, 19).map(m -> pad(m, 2));
        Arbitrary<String> dayOfMonth = Arbitraries.integers().between(0, 39).map(d -> pad(d, 2));
        Arbitrary<String> sep = Arbitraries.of("-", "-", "-", "/", ".", "０", "");
        Arbitrary<String> tail = Arbitraries.of("", "", "T10:00", " 12:00:00", "x", "号");
        Arbitrary<String> built =
                net.jqwik.api.Combinators.combine(year, sep, month, sep, dayOfMonth, tail)
                        .as((y, s1, m, s2, d, t) -> y + s1 + m + s2 + d + t);
        Arbitrary<String> noise =
                Arbitraries.strings().withChars("0123456789-+/ 年月日T").ofMaxLength(14);
        return Arbitraries.oneOf(built, built, noise);
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
