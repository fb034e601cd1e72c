package io.guiji.jobs.coverage;

import io.guiji.jobs.normalize.Dates;
import io.guiji.schemas.RecordType;
import java.io.Serializable;

/**
 * The 双公示 timeliness rule (docs/contract.md §8; docs/domain.md §4, 发改办财金〔2018〕424号): licensing and
 * penalty decisions are to be published within {@code deadline} working days of the decision. A
 * record is on time when the working days after its decision date up to its first receipt ({@link
 * WorkingCalendar#workingDaysAfter}) are at most the deadline; a receipt on or before the decision
 * date took 0. Without a receipt date, or with a date outside the calendar's years, it is {@link
 * Outcome.Kind#UNKNOWN}, with the reason: an evaluation error, not a guess.
 */
public final class TimelinessRule implements Serializable {
    private static final long serialVersionUID = 1L;

    /** 7 working days (发改办财金〔2018〕424号). */
    public static final int DEFAULT_DEADLINE = 7;

    private final int deadline;
    private final WorkingCalendar calendar;

    public TimelinessRule(int deadline, WorkingCalendar calendar) {
        if (deadline < 0) {
            throw new IllegalArgumentException("the deadline must be at least 0 working days");
        }
        this.deadline = deadline;
        this.calendar = calendar;
    }

    /** The bundled calendar and the 7-day deadline. */
    public static TimelinessRule defaults() {
        return new TimelinessRule(DEFAULT_DEADLINE, WorkingCalendar.bundled());
    }

    /** Whether records of this type are measured: licences and penalties (双公示). */
    public static boolean applies(RecordType type) {
        return type == RecordType.license || type == RecordType.penalty;
    }

    /** What the rule says of one record. */
    public record Outcome(Kind kind, int workingDays, String reason) {
        public enum Kind {
            TIMELY,
            LATE,
            UNKNOWN
        }
    }

    /**
     * The outcome for a decision on {@code decisionDay} first received on {@code receivedDay}
     * (epoch days; either may be null).
     */
    public Outcome evaluate(Integer decisionDay, Integer receivedDay) {
        if (decisionDay == null) {
            return new Outcome(Outcome.Kind.UNKNOWN, -1, "no decision date");
        }
        if (receivedDay == null) {
            return new Outcome(Outcome.Kind.UNKNOWN, -1, "no receipt date");
        }
        int days;
        try {
            days = calendar.workingDaysAfter(decisionDay, receivedDay);
        } catch (WorkingCalendar.OutsideCalendar e) {
            return new Outcome(Outcome.Kind.UNKNOWN, -1, e.getMessage());
        }
        return new Outcome(days <= deadline ? Outcome.Kind.TIMELY : Outcome.Kind.LATE, days, null);
    }

    /** {@link #evaluate(Integer, Integer)} on ISO dates (null or unreadable: no date). */
    public Outcome evaluate(String decisionDate, String receivedOn) {
        return evaluate(Dates.epochDay(decisionDate), Dates.epochDay(receivedOn));
    }

    public int deadline() {
        return deadline;
    }

    public WorkingCalendar calendar() {
        return calendar;
    }
}
