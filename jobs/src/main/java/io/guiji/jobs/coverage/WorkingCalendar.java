package io.guiji.jobs.coverage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Working days of the official calendar (docs/contract.md §8, timeliness): Monday to Friday, less
 * the official holidays, plus the weekend days made working days (调休), for the years a calendar
 * file covers. Read once from a file (the bundled one: {@value #BUNDLED}, with its sources); then a
 * count of working days is two array lookups, so timeliness costs each record next to nothing.
 *
 * <p>A date outside the file's years has no answer: {@link #workingDaysAfter} throws {@link
 * OutsideCalendar}, which the caller turns into an evaluation error on the record, never a guess.
 */
public final class WorkingCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The calendar shipped with guiji, on the class path. */
    public static final String BUNDLED = "calendar/cn-working-days.csv";

    /** A date the calendar's years do not cover. */
    public static final class OutsideCalendar extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutsideCalendar(String message) {
            super(message);
        }
    }

    private final String name;
    private final int firstYear;
    private final int lastYear;
    private final int firstDay;

    /**
     * {@code cumulative[i]}: working days from the calendar's first day up to and including day
     * {@code firstDay + i}.
     */
    private final int[] cumulative;

    private WorkingCalendar(
            String name, int firstYear, int lastYear, Map<LocalDate, Boolean> days) {
        this.name = name;
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        LocalDate first = LocalDate.of(firstYear, 1, 1);
        LocalDate end = LocalDate.of(lastYear + 1, 1, 1);
        this.firstDay = (int) first.toEpochDay();
        this.cumulative = new int[(int) (end.toEpochDay() - first.toEpochDay())];
        int sum = 0;
        LocalDate d = first;
        for (int i = 0; i < cumulative.length; i++, d = d.plusDays(1)) {
            Boolean set = days.get(d);
            boolean working = set != null ? set : !weekend(d);
            sum += working ? 1 : 0;
            cumulative[i] = sum;
        }
    }

    /** The bundled calendar. */
    public static WorkingCalendar bundled() {
        try (InputStream in = WorkingCalendar.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled calendar " + BUNDLED + " is missing");
            }
            return parse(BUNDLED, in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled calendar " + BUNDLED, e);
        }
    }

    /** The calendar in {@code file}; a problem is an {@link IllegalArgumentException} naming it. */
    public static WorkingCalendar read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the calendar file " + file + ": " + e);
        }
    }

    /**
     * Parses the format of {@value #BUNDLED}: {@code year,YYYY,source} lines, then {@code
     * date,holiday|workday,name} lines; {@code #} starts a comment.
     */
    public static WorkingCalendar parse(String name, InputStream in) throws IOException {
        TreeSet<Integer> years = new TreeSet<>();
        Map<LocalDate, Boolean> days = new HashMap<>();
        List<String> problems = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.startsWith("\uFEFF")) {
                t = t.substring(1);
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] c = t.split(",", 3);
            try {
                if (c[0].equals("year")) {
                    years.add(Integer.parseInt(c[1].strip()));
                    continue;
                }
                LocalDate d = LocalDate.parse(c[0].strip());
                String kind = c.length > 1 ? c[1].strip() : "";
                if (kind.equals("holiday")) {
                    days.put(d, false);
                } else if (kind.equals("workday")) {
                    if (!weekend(d)) {
                        problems.add(
                                "line " + n + ": workday " + d + " is not a Saturday or Sunday");
                    }
                    days.put(d, true);
                } else {
                    problems.add(
                            "line " + n + ": kind must be holiday or workday, not '" + kind + "'");
                }
            } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
                problems.add("line " + n + ": cannot read '" + t + "'");
            }
        }
        if (years.isEmpty()) {
            problems.add("no 'year,YYYY,source' line: the file must say which years it covers");
        } else if (years.last() - years.first() + 1 != years.size()) {
            problems.add("its years must follow each other, not " + years);
        }
        for (LocalDate d : days.keySet()) {
            if (!years.contains(d.getYear())) {
                problems.add(d + " is in no year the file declares " + years);
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "calendar " + name + ": " + String.join("; ", problems));
        }
        return new WorkingCalendar(name, years.first(), years.last(), days);
    }

    /**
     * Working days after {@code from} up to and including {@code to} (0 when {@code to} is not
     * after {@code from}): a decision on day D received on the next working day took 1.
     *
     * @throws OutsideCalendar when either date is outside the calendar's years
     */
    public int workingDaysAfter(int fromEpochDay, int toEpochDay) {
        int a = index(fromEpochDay);
        int b = index(toEpochDay);
        return b <= a ? 0 : cumulative[b] - cumulative[a];
    }

    /** {@link #workingDaysAfter(int, int)} on dates. */
    public int workingDaysAfter(LocalDate from, LocalDate to) {
        return workingDaysAfter((int) from.toEpochDay(), (int) to.toEpochDay());
    }

    /** Whether {@code day} is a working day. */
    public boolean isWorkingDay(LocalDate day) {
        int i = index((int) day.toEpochDay());
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]) == 1;
    }

    private int index(int epochDay) {
        int i = epochDay - firstDay;
        if (i < 0 || i >= cumulative.length) {
            throw new OutsideCalendar(
                    LocalDate.ofEpochDay(epochDay)
                            + " is outside the working-day calendar's years "
                            + years());
        }
        return i;
    }

    /** The years covered, e.g. {@code 2024–2026}. */
    public String years() {
        return firstYear == lastYear ? "" + firstYear : firstYear + "–" + lastYear;
    }

    public int firstYear() {
        return firstYear;
    }

    public int lastYear() {
        return lastYear;
    }

    /** The file's name and its years, for the outputs. */
    public String describe() {
        return name + " (" + years() + ")";
    }

    private static boolean weekend(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
    }
}
