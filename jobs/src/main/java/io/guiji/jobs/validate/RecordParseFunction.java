package io.guiji.jobs.validate;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.ingest.SourcePath;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses and validates input rows ({@link RecordNormalizer}). Accepted records go to the main
 * output; rejected ones to {@link #REJECTED} (the dead letter, never dropped, never fatal); every
 * row also sends one {@link DeptDelta} to {@link #DEPT_DELTAS} for coverage. Stateless.
 *
 * <p><b>Isolation.</b> A row that makes normalizing throw is rejected {@code PROCESSING_ERROR}
 * ({@code stage parse: <exception>}, its source reference and raw text), counted in {@value
 * ProcessingErrors#METRIC}, and the next row is parsed as usual; so is a row that an earlier stage
 * failed on ({@link RawRow#failedStage}). An accepted record that Avro could not encode (checked by
 * {@link AvroGuard}, e.g. an amount beyond the schema's precision) is rejected the same way with
 * {@code stage serialize}, here, before the first shuffle would fail the job on it. Each row thus
 * leaves this operator exactly once, accepted or rejected, and its delta says which. Infrastructure
 * faults are thrown on ({@link ProcessingErrors#isInfrastructure}).
 */
public class RecordParseFunction extends ProcessFunction<RawRow, SupervisionRecord> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<RejectedRecord> REJECTED =
            new OutputTag<>("rejected", AvroTypes.of(RejectedRecord.class));
    public static final OutputTag<DeptDelta> DEPT_DELTAS =
            new OutputTag<>("parsed-dept-deltas", AvroTypes.of(DeptDelta.class));

    /**
     * How one row is normalized; a seam for tests (production: {@link RecordNormalizer#normalize}).
     */
    interface Normalize extends Serializable {
        RecordNormalizer.Outcome apply(RecordNormalizer normalizer, RawRow row);
    }

    /** The configured day of processing; null: today in {@link #zone}, read from the clock. */
    private final LocalDate fixedToday;

    private final String zone;
    private final Normalize normalize;
    private transient RecordNormalizer normalizer;
    private transient Counter accepted;
    private transient Counter rejected;
    private transient Counter processingErrors;
    private transient Map<RejectReason, Counter> rejectedByReason;

    public RecordParseFunction(LocalDate fixedToday, String zone) {
        this(fixedToday, zone, RecordNormalizer::normalize);
    }

    RecordParseFunction(LocalDate fixedToday, String zone, Normalize normalize) {
        this.fixedToday = fixedToday;
        this.zone = zone;
        this.normalize = normalize;
    }

    @Override
    public void open(OpenContext openContext) {
        java.time.ZoneId zoneId = java.time.ZoneId.of(zone);
        normalizer =
                fixedToday != null
                        ? new RecordNormalizer(() -> fixedToday, zoneId)
                        : new RecordNormalizer(() -> LocalDate.now(zoneId), zoneId);
        accepted = getRuntimeContext().getMetricGroup().counter("recordsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("recordsRejected");
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
        rejectedByReason = ProcessingErrors.rejectionCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawRow row, Context ctx, Collector<SupervisionRecord> out) {
        RecordNormalizer.Outcome o = outcome(row);
        DeptDelta d = new DeptDelta();
        d.setReceived(1L);
        if (o.accepted() != null) {
            accepted.inc();
            out.collect(o.accepted());
            d.setDeptCode(o.accepted().getDeptCode());
            d.setRecordType(o.accepted().getRecordType());
            d.setAccepted(1L);
            d.setDecisionDay(
                    io.guiji.jobs.normalize.Dates.epochDay(
                            o.accepted().getFields().getDecisionDate()));
        } else {
            rejected.inc();
            RejectedRecord r = ProcessingErrors.publishable(o.rejected());
            rejectedByReason.get(r.getReason()).inc();
            ctx.output(REJECTED, r);
            d.setDeptCode(r.getDeptCode() == null ? "" : r.getDeptCode());
            d.setRejected(1L);
            d.setRejectReason(r.getReason());
            d.setProcessingErrors(r.getReason() == RejectReason.PROCESSING_ERROR ? 1L : 0L);
        }
        ctx.output(DEPT_DELTAS, d);
    }

    /**
     * The row's outcome, whatever the row: a stage that throws on it makes it a PROCESSING_ERROR.
     */
    private RecordNormalizer.Outcome outcome(RawRow row) {
        if (row.failedStage != null) {
            processingErrors.inc();
            return new RecordNormalizer.Outcome(null, failed(row, row.failedStage, row.error));
        }
        try {
            RecordNormalizer.Outcome o = normalize.apply(normalizer, row);
            if (o.accepted() != null) {
                String problem = AvroGuard.problem(o.accepted());
                if (problem != null) {
                    processingErrors.inc();
                    return new RecordNormalizer.Outcome(
                            null, failed(row, "serialize", new AvroTypeException(problem)));
                }
            }
            return o;
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            return new RecordNormalizer.Outcome(null, failed(row, "parse", e));
        }
    }

    private static RejectedRecord failed(RawRow row, String stage, Throwable e) {
        return failed(row, stage, ProcessingErrors.message(stage, e));
    }

    /**
     * The dead letter of a row a stage failed on: its source reference, department and type as far
     * as known, its raw text.
     */
    private static RejectedRecord failed(RawRow row, String stage, String message) {
        String dept = null;
        String type = null;
        try {
            SourcePath path = SourcePath.of(row);
            dept = path.deptCode();
            type = path.recordType() == null ? path.typeSegment() : path.recordType().name();
        } catch (RuntimeException ignored) {
            // the row's path is part of what failed: it stays unknown
        }
        String raw;
        try {
            raw = row.raw == null ? "" : io.guiji.jobs.normalize.CitizenId.maskInText(row.raw);
        } catch (RuntimeException e) {
            raw = "(raw text withheld: masking ID numbers in it failed)"; // never publish an ID
            // number whole
        }
        String m =
                message == null
                        ? "stage " + stage
                        : message.startsWith("stage ")
                                ? message
                                : "stage " + stage + ": " + message;
        return ProcessingErrors.rejected(row.file, row.row, m, raw, dept, type);
    }
}
