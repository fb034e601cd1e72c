package io.guiji.jobs.coverage;

import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.jobs.normalize.Dates;
import io.guiji.schemas.UnifiedRecord;
import java.io.IOException;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The overdue list of timeliness (docs/contract.md §8): of the unified records in the coverage
 * period, the licences and penalties received after the deadline ({@code LATE}) or whose timeliness
 * could not be evaluated ({@code UNKNOWN}, with the reason). Stateless; a bounded run applies it to
 * the final states. A record it fails on is left off the list (the list is a view of published
 * records, which stay published) and the failure logged.
 */
public class OverdueRecordsFunction implements FlatMapFunction<UnifiedRecord, OverdueRecord> {
    private static final long serialVersionUID = 1L;

    private final CoveragePeriod period;
    private final TimelinessRule rule;

    public OverdueRecordsFunction(CoveragePeriod period, TimelinessRule rule) {
        this.period = period;
        this.rule = rule;
    }

    @Override
    public void flatMap(UnifiedRecord r, Collector<OverdueRecord> out) {
        OverdueRecord o;
        try {
            o = of(r);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(OverdueRecordsFunction.class)
                    .warn("record {} left off the overdue list: {}", r.getRecordId(), e.toString());
            return;
        }
        if (o != null) {
            out.collect(o);
        }
    }

    /** The record's line on the overdue list, or null when it is on time or not measured. */
    OverdueRecord of(UnifiedRecord r) {
        if (!TimelinessRule.applies(r.getRecordType())) {
            return null;
        }
        String decision = r.getFields().getDecisionDate();
        Integer day = Dates.epochDay(decision);
        if (!period.contains(day)) {
            return null;
        }
        TimelinessRule.Outcome t = rule.evaluate(day, Dates.epochDay(r.getReceivedOn()));
        if (t.kind() == TimelinessRule.Outcome.Kind.TIMELY) {
            return null;
        }
        OverdueRecord o = new OverdueRecord();
        o.outcome = t.kind().name();
        o.recordId = r.getRecordId();
        o.recordType = r.getRecordType().name();
        o.deptCode = r.getDeptCode();
        o.docNo = r.getFields().getDocNo();
        o.decisionDate = decision;
        o.receivedOn = r.getReceivedOn();
        o.receivedBasis = r.getReceivedBasis();
        o.workingDays = t.workingDays();
        o.deadline = rule.deadline();
        o.error = t.reason();
        return o;
    }

    /** One line of {@code timeliness/*.jsonl}. */
    public static void write(JsonGenerator g, OverdueRecord o) throws IOException {
        g.writeStartObject();
        g.writeStringField("outcome", o.outcome);
        g.writeStringField("record_id", o.recordId);
        g.writeStringField("record_type", o.recordType);
        g.writeStringField("dept_code", o.deptCode);
        g.writeStringField("doc_no", o.docNo);
        g.writeStringField("decision_date", o.decisionDate);
        g.writeStringField("received_on", o.receivedOn);
        g.writeStringField("received_basis", o.receivedBasis);
        if (o.workingDays >= 0) {
            g.writeNumberField("working_days", o.workingDays);
        } else {
            g.writeNullField("working_days");
        }
        g.writeNumberField("deadline", o.deadline);
        g.writeStringField("error", o.error);
        g.writeEndObject();
    }
}
