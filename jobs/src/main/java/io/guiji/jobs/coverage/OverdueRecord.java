package io.guiji.jobs.coverage;

/**
 * A licence or penalty not received within the deadline, or whose timeliness could not be evaluated
 * (docs/contract.md §8): one line of {@code OUTPUT/timeliness/*.jsonl}. A Flink POJO.
 */
public class OverdueRecord {
    /** {@code LATE} or {@code UNKNOWN}. */
    public String outcome;

    public String recordId;
    public String recordType;
    public String deptCode;
    public String docNo;
    public String decisionDate;
    public String receivedOn;

    /** What {@code receivedOn} was read from: arrival, updated_at or file_modified. */
    public String receivedBasis;

    /** Working days after the decision up to the first receipt; -1 when not evaluated. */
    public int workingDays;

    public int deadline;

    /** Why it could not be evaluated (UNKNOWN); null otherwise. */
    public String error;

    public OverdueRecord() {}
}
