package io.guiji.jobs.ingest;

import io.guiji.connectors.file.RawRow;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.time.LocalDate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and validates input rows ({@link RecordNormalizer}). Accepted records go to the main
 * output; rejected ones to {@link #REJECTED} (the dead letter, never dropped, never fatal); every
 * row also sends one {@link DeptDelta} to {@link #DEPT_DELTAS} for coverage. Stateless.
 */
public class RecordParser extends ProcessFunction<RawRow, SupervisionRecord> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<RejectedRecord> REJECTED = new OutputTag<>("rejected", TypeInformation.of(RejectedRecord.class));
    public static final OutputTag<DeptDelta> DEPT_DELTAS = new OutputTag<>("parsed-dept-deltas", TypeInformation.of(DeptDelta.class));

    /** The configured day of processing; null: today in {@link #zone}, read from the clock. */
    private final LocalDate fixedToday;
    private final String zone;
    private transient RecordNormalizer normalizer;
    private transient Counter accepted;
    private transient Counter rejected;

    public RecordParser(LocalDate fixedToday) {
        this(fixedToday, "Asia/Shanghai");
    }

    public RecordParser(LocalDate fixedToday, String zone) {
        this.fixedToday = fixedToday;
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        java.time.ZoneId zoneId = java.time.ZoneId.of(zone);
        normalizer = fixedToday != null ? new RecordNormalizer(fixedToday)
                : new RecordNormalizer(() -> LocalDate.now(zoneId));
        accepted = getRuntimeContext().getMetricGroup().counter("recordsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("recordsRejected");
    }

    @Override
    public void processElement(RawRow row, Context ctx, Collector<SupervisionRecord> out) {
        RecordNormalizer.Outcome o = normalizer.normalize(row);
        DeptDelta d = new DeptDelta();
        d.setReceived(1L);
        if (o.accepted() != null) {
            accepted.inc();
            out.collect(o.accepted());
            d.setDeptCode(o.accepted().getDeptCode());
            d.setRecordType(o.accepted().getRecordType());
            d.setAccepted(1L);
        } else {
            rejected.inc();
            RejectedRecord r = o.rejected();
            ctx.output(REJECTED, r);
            d.setDeptCode(r.getDeptCode() == null ? "" : r.getDeptCode());
            d.setRejected(1L);
            d.setRejectReason(r.getReason());
        }
        ctx.output(DEPT_DELTAS, d);
    }
}
