package io.guiji.jobs.coverage;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The period coverage is measured for (docs/contract.md §8, {@code guiji.coverage.period}): all
 * input, a calendar year ({@code 2026}), a month ({@code 2026-11}) or a range of days ({@code
 * 2026-01-01..2026-06-30}, both ends included). A record counts in the period when its decision
 * date falls in it; a rejected row, whose date is not to be trusted, counts in any period.
 *
 * <p>Unconfigured, the period only names what is counted and filters nothing ({@link #collected}):
 * a bounded run counts all its input, a streaming job everything it collects while it runs under
 * the name of its year (docs/contract.md §8, "the calendar year of collection").
 */
public final class CoveragePeriod implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every record, whatever its date: a bounded run's default. */
    public static final String ALL_INPUT = "all-input";

    private final String name;
    private final LocalDate from;
    private final LocalDate to;
    private final int fromDay;
    private final int toDay;

    private CoveragePeriod(String name, LocalDate from, LocalDate to) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.fromDay = from == null ? Integer.MIN_VALUE : (int) from.toEpochDay();
        this.toDay = to == null ? Integer.MAX_VALUE : (int) to.toEpochDay();
    }

    public static CoveragePeriod all() {
        return new CoveragePeriod(ALL_INPUT, null, null);
    }

    /**
     * Everything collected, under {@code name} (e.g. a streaming job's year of collection): no
     * record is left out by its decision date.
     */
    public static CoveragePeriod collected(String name) {
        return new CoveragePeriod(name, null, null);
    }

    public static CoveragePeriod year(int year) {
        return new CoveragePeriod(
                String.valueOf(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    public static CoveragePeriod month(YearMonth m) {
        return new CoveragePeriod(m.toString(), m.atDay(1), m.atEndOfMonth());
    }

    public static CoveragePeriod range(LocalDate from, LocalDate to) {
        return new CoveragePeriod(from + ".." + to, from, to);
    }

    /**
     * The period a text names: {@code all-input}, {@code yyyy}, {@code yyyy-MM} or {@code
     * yyyy-MM-dd..yyyy-MM-dd}; anything else is an {@link IllegalArgumentException} saying what is
     * accepted.
     */
    public static CoveragePeriod parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.equals(ALL_INPUT)) {
                return all();
            }
            if (t.matches("\\d{4}")) {
                return year(Integer.parseInt(t));
            }
            if (t.matches("\\d{4}-\\d{2}")) {
                return month(YearMonth.parse(t));
            }
            int dots = t.indexOf("..");
            if (dots > 0) {
                LocalDate from = LocalDate.parse(t.substring(0, dots).strip());
                LocalDate to = LocalDate.parse(t.substring(dots + 2).strip());
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException(
                            "the period " + t + " ends before it starts");
                }
                return range(from, to);
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(
                "'"
                        + t
                        + "' is not a period: use a year (2026), a month (2026-11), a range"
                        + " (2026-01-01..2026-06-30) or all-input");
    }

    /** Whether a record with this decision date (epoch day; null: a rejected row) counts. */
    public boolean contains(Integer decisionDay) {
        return decisionDay == null || decisionDay >= fromDay && decisionDay <= toDay;
    }

    public boolean isAll() {
        return from == null;
    }

    /**
     * The period just before this one: the previous year or month, or for a range the same number
     * of days ending the day before; null for all input.
     */
    public CoveragePeriod previous() {
        if (isAll() || from == null) {
            return null;
        }
        if (name.matches("\\d{4}")) {
            return year(from.getYear() - 1);
        }
        if (name.matches("\\d{4}-\\d{2}")) {
            return month(YearMonth.from(from).minusMonths(1));
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return range(from.minusDays(days), from.minusDays(1));
    }

    /** The period as configured, e.g. {@code 2026-11}; also the notice files' name. */
    public String name() {
        return name;
    }

    /** The period in Chinese, e.g. 2026年11月. */
    public String chinese() {
        if (name.equals(ALL_INPUT)) {
            return "全部输入数据";
        }
        if (isAll()) {
            return name.matches("\\d{4}") ? name + "年（截至目前归集）" : name;
        }
        if (name.matches("\\d{4}")) {
            return from.getYear() + "年";
        }
        if (name.matches("\\d{4}-\\d{2}")) {
            return from.getYear() + "年" + from.getMonthValue() + "月";
        }
        return chineseDate(from) + "至" + chineseDate(to);
    }

    private static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** First decision date counted; null for all input. */
    public LocalDate from() {
        return from;
    }

    /** Last decision date counted; null for all input. */
    public LocalDate to() {
        return to;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoveragePeriod p && p.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
