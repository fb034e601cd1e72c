package io.guiji.jobs.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;

/**
 * Dates and date-times as supplying departments write them (docs/contract.md §2, docs/domain.md
 * §7), parsed by hand: this runs for several fields of every record, so no regular expression, no
 * formatter and no exception on the normal path; {@code java.time} only decides whether a day
 * exists.
 *
 * <p>Accepted, after {@link Text#clean} (so full-width digits and separators count as ASCII):
 *
 * <ul>
 *   <li>{@code yyyy-M-d}, {@code yyyy/M/d}, {@code yyyy.M.d} (month and day of one or two digits,
 *       one separator used twice), {@code yyyy年M月d日} (the {@code 日} may be missing or {@code 号})
 *       and {@code yyyyMMdd};
 *   <li>each optionally followed by a time {@code H:mm}, {@code H:mm:ss} or {@code H:mm:ss.S…} (1–9
 *       fraction digits, {@code .} or {@code ,}), separated by a space or {@code T} (nothing is
 *       needed after {@code 日}), and then optionally a zone {@code Z}, {@code ±HH}, {@code ±HHmm}
 *       or {@code ±HH:mm}, which is ignored: the local wall time is taken as written;
 *   <li>{@code yyyyMMddHHmmss} (14 digits);
 *   <li>an Excel serial day number, 20000–80000 (1954-10-03 to 2119-01-11), days since 1899-12-30,
 *       optionally with a day fraction ({@code 45123.5} is noon, rounded to the second);
 *   <li>epoch milliseconds (13 digits), converted to the wall time in {@link #DEFAULT_ZONE_ID}.
 * </ul>
 *
 * <p>Outcomes: {@link Outcome#EMPTY} for null or blank; {@link Outcome#IMPOSSIBLE} when the shape
 * is right but there is no such day or time (2023-02-30, month 13, year 0000, 24:00, minute 60);
 * {@link Outcome#UNPARSEABLE} for anything else (placeholders such as {@code 长期} or {@code 无}
 * included: what they mean is the caller's decision). {@link #parseDate} and {@link #parseDateTime}
 * always agree on the outcome; a time that is impossible makes the whole value impossible.
 */
public final class Dates {
    /** How a value parsed. */
    public enum Outcome {
        /** Null, blank or only white space. */
        EMPTY,
        OK,
        /** Not a date in any accepted form. */
        UNPARSEABLE,
        /** An accepted form, but no such day or time exists. */
        IMPOSSIBLE
    }

    /**
     * A parsed date: {@code date} is non-null exactly when {@code outcome} is {@link Outcome#OK}.
     */
    public record DateParse(Outcome outcome, LocalDate date) {
        public boolean isOk() {
            return outcome == Outcome.OK;
        }
    }

    /**
     * A parsed date-time: {@code dateTime} is non-null exactly when {@code outcome} is {@link
     * Outcome#OK}. A date without a time is midnight.
     */
    public record DateTimeParse(Outcome outcome, LocalDateTime dateTime) {
        public boolean isOk() {
            return outcome == Outcome.OK;
        }
    }

    /**
     * guiji's time zone when none is configured: the default of {@code guiji.time-zone}, and the
     * zone in which epoch milliseconds are read (a value parser has no configuration in reach).
     */
    public static final String DEFAULT_ZONE_ID = "Asia/Shanghai";

    private static final ZoneId DEFAULT_ZONE = ZoneId.of(DEFAULT_ZONE_ID);
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final int EXCEL_MIN = 20000;
    private static final int EXCEL_MAX = 80000;

    /** Fraction digits of an Excel serial beyond these add nothing at one-second resolution. */
    private static final int EXCEL_FRACTION_DIGITS = 12;

    private static final DateTimeParse DT_EMPTY = new DateTimeParse(Outcome.EMPTY, null);
    private static final DateTimeParse DT_UNPARSEABLE =
            new DateTimeParse(Outcome.UNPARSEABLE, null);
    private static final DateTimeParse DT_IMPOSSIBLE = new DateTimeParse(Outcome.IMPOSSIBLE, null);
    private static final DateParse D_EMPTY = new DateParse(Outcome.EMPTY, null);
    private static final DateParse D_UNPARSEABLE = new DateParse(Outcome.UNPARSEABLE, null);
    private static final DateParse D_IMPOSSIBLE = new DateParse(Outcome.IMPOSSIBLE, null);

    private static final int[] POW10 = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    private Dates() {}

    /** The calendar day of {@code raw}; a time part is validated and then dropped. */
    public static DateParse parseDate(String raw) {
        DateTimeParse p = parseDateTime(raw);
        switch (p.outcome()) {
            case OK:
                return new DateParse(Outcome.OK, p.dateTime().toLocalDate());
            case EMPTY:
                return D_EMPTY;
            case IMPOSSIBLE:
                return D_IMPOSSIBLE;
            default:
                return D_UNPARSEABLE;
        }
    }

    /** The local date-time of {@code raw}; a date alone gives midnight. */
    public static DateTimeParse parseDateTime(String raw) {
        String s = Text.clean(raw);
        if (s == null) {
            return DT_EMPTY;
        }
        int n = s.length();
        int lead = digits(s, 0);
        if (lead == n) {
            return allDigits(s);
        }
        if (lead == 4) {
            return separated(s);
        }
        if (lead == 8) {
            return withTime(s, 8, num(s, 0, 4), num(s, 4, 2), num(s, 6, 2), true);
        }
        if (lead == 5 && s.charAt(5) == '.') {
            return excelWithFraction(s);
        }
        return DT_UNPARSEABLE;
    }

    private static DateTimeParse allDigits(String s) {
        switch (s.length()) {
            case 8:
                return build(num(s, 0, 4), num(s, 4, 2), num(s, 6, 2), 0, 0, 0, 0);
            case 14:
                return build(
                        num(s, 0, 4),
                        num(s, 4, 2),
                        num(s, 6, 2),
                        num(s, 8, 2),
                        num(s, 10, 2),
                        num(s, 12, 2),
                        0);
            case 13:
                long millis = Long.parseLong(s);
                return new DateTimeParse(
                        Outcome.OK,
                        LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), DEFAULT_ZONE));
            case 5:
                int serial = num(s, 0, 5);
                if (serial < EXCEL_MIN || serial > EXCEL_MAX) {
                    return DT_UNPARSEABLE;
                }
                return new DateTimeParse(Outcome.OK, EXCEL_EPOCH.plusDays(serial).atStartOfDay());
            default:
                return DT_UNPARSEABLE;
        }
    }

    /**
     * {@code ddddd.f…}: an Excel serial with a day fraction (the caller saw 5 digits and a dot).
     */
    private static DateTimeParse excelWithFraction(String s) {
        int serial = num(s, 0, 5);
        int fd = digits(s, 6);
        if (serial < EXCEL_MIN || serial > EXCEL_MAX || fd == 0 || 6 + fd != s.length()) {
            return DT_UNPARSEABLE;
        }
        int used = Math.min(fd, EXCEL_FRACTION_DIGITS);
        long fraction = Long.parseLong(s.substring(6, 6 + used));
        long scale = 1;
        for (int i = 0; i < used; i++) {
            scale *= 10;
        }
        // fraction < 10^12, so fraction * 86400 stays far below Long.MAX_VALUE.
        long seconds = (fraction * 86_400 + scale / 2) / scale;
        LocalDateTime t = EXCEL_EPOCH.plusDays(serial).atStartOfDay().plusSeconds(seconds);
        return new DateTimeParse(Outcome.OK, t);
    }

    /** {@code yyyy?M?d} with {@code ?} one of {@code - / .}, or {@code yyyy年M月d日}. */
    private static DateTimeParse separated(String s) {
        int n = s.length();
        char sep = s.charAt(4);
        boolean chinese = sep == '年';
        if (!chinese && sep != '-' && sep != '/' && sep != '.') {
            return DT_UNPARSEABLE;
        }
        int p = 5;
        int md = digits(s, p);
        if (md < 1 || md > 2) {
            return DT_UNPARSEABLE;
        }
        int month = num(s, p, md);
        p += md;
        if (p >= n || s.charAt(p) != (chinese ? '月' : sep)) {
            return DT_UNPARSEABLE;
        }
        p++;
        int dd = digits(s, p);
        if (dd < 1 || dd > 2) {
            return DT_UNPARSEABLE;
        }
        int day = num(s, p, dd);
        p += dd;
        if (chinese && p < n && (s.charAt(p) == '日' || s.charAt(p) == '号')) {
            p++;
        }
        return withTime(s, p, num(s, 0, 4), month, day, !chinese);
    }

    /**
     * The date ends before {@code p}; what follows is nothing, or an optional separator, a time and
     * an optional zone. {@code separatorRequired}: whether the time must be set off by a space or
     * {@code T} (it must unless the date ended with a Chinese character).
     */
    private static DateTimeParse withTime(
            String s, int p, int year, int month, int day, boolean separatorRequired) {
        int n = s.length();
        if (p == n) {
            return build(year, month, day, 0, 0, 0, 0);
        }
        char c = s.charAt(p);
        if (c == ' ' || c == 'T' || c == 't') {
            p++;
        } else if (separatorRequired) {
            return DT_UNPARSEABLE;
        }
        int hd = digits(s, p);
        if (hd < 1 || hd > 2) {
            return DT_UNPARSEABLE;
        }
        int hour = num(s, p, hd);
        p += hd;
        if (p >= n || s.charAt(p) != ':' || digits(s, p + 1) != 2) {
            return DT_UNPARSEABLE;
        }
        int minute = num(s, p + 1, 2);
        p += 3;
        int second = 0;
        int nano = 0;
        if (p < n && s.charAt(p) == ':') {
            if (digits(s, p + 1) != 2) {
                return DT_UNPARSEABLE;
            }
            second = num(s, p + 1, 2);
            p += 3;
            if (p < n && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
                int fd = digits(s, p + 1);
                if (fd < 1 || fd > 9) {
                    return DT_UNPARSEABLE;
                }
                nano = num(s, p + 1, fd) * POW10[9 - fd];
                p += 1 + fd;
            }
        }
        if (p < n && !isZone(s, p)) {
            return DT_UNPARSEABLE;
        }
        return build(year, month, day, hour, minute, second, nano);
    }

    /** Whether {@code s} from {@code p} to its end is a zone: {@code Z}, {@code ±HH[[:]mm]}. */
    private static boolean isZone(String s, int p) {
        int n = s.length();
        if (s.charAt(p) == ' ') {
            p++;
        }
        if (p >= n) {
            return false;
        }
        char c = s.charAt(p);
        if (c == 'Z' || c == 'z') {
            return p + 1 == n;
        }
        if (c != '+' && c != '-') {
            return false;
        }
        p++;
        int zd = digits(s, p);
        if (zd == 4) {
            return p + 4 == n;
        }
        if (zd != 2) {
            return false;
        }
        p += 2;
        return p == n || (s.charAt(p) == ':' && digits(s, p + 1) == 2 && p + 3 == n);
    }

    private static DateTimeParse build(
            int year, int month, int day, int hour, int minute, int second, int nano) {
        if (year == 0
                || month < 1
                || month > 12
                || day < 1
                || day > Month.of(month).length(Year.isLeap(year))) {
            return DT_IMPOSSIBLE;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return DT_IMPOSSIBLE;
        }
        return new DateTimeParse(
                Outcome.OK, LocalDateTime.of(year, month, day, hour, minute, second, nano));
    }

    /** The number of ASCII digits in {@code s} starting at {@code from}. */
    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            i++;
        }
        return i - from;
    }

    /** The value of {@code len} (at most 9) ASCII digits at {@code from}. */
    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    /**
     * An ISO date ({@code yyyy-MM-dd}, maybe followed by a time) as an epoch day; null when absent
     * or unreadable. Cheap enough per record: the coverage period and timeliness compare days.
     */
    public static Integer epochDay(String isoDate) {
        if (isoDate == null || isoDate.length() < 10) {
            return null;
        }
        try {
            if (plainIsoDate(isoDate)) { // the usual form, read without a DateTimeFormatter
                return (int)
                        java.time.LocalDate.of(
                                        digits(isoDate, 0, 4),
                                        digits(isoDate, 5, 7),
                                        digits(isoDate, 8, 10))
                                .toEpochDay();
            }
            return (int) java.time.LocalDate.parse(isoDate.substring(0, 10)).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Whether the first ten characters are {@code dddd-dd-dd}, ASCII digits. */
    private static boolean plainIsoDate(String s) {
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            if (i == 4 || i == 7 ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }
}
