package io.guiji.jobs;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-record isolation (docs/contract.md §7): whatever one record makes a stage throw, the record
 * goes to the dead letter as {@link RejectReason#PROCESSING_ERROR} (or, once it is published, is
 * published with a quality flag) and the job goes on. This class holds what the operators share:
 * the message ({@code stage <name>: <exception class>: <message>}), the rule that tells a record's
 * error from an infrastructure fault, and the metrics.
 *
 * <p><b>Record or infrastructure.</b> An exception is the record's unless its cause chain holds an
 * {@link IOException}, an {@link InterruptedException} or a RocksDB exception: those are faults of
 * the machine, a file system or the state backend, which a restart can cure and a dead letter
 * cannot; they are thrown on, to the restart strategy. {@link Error}s (out of memory) are never
 * caught.
 *
 * <p><b>Metrics</b>, registered in each operator's {@code open()}: {@value #METRIC} per operator
 * (records isolated by that operator), and rejections by reason as a {@code reason} group: {@code
 * <operator>.reason.<REASON>.recordsRejected} (Prometheus: {@code
 * flink_taskmanager_job_task_operator_reason_recordsRejected{reason="MALFORMED"}}).
 */
public final class ProcessingErrors {
    /** The per-operator counter of records whose processing threw. */
    public static final String METRIC = "processingErrors";

    /** The per-reason rejection counter, under the group {@code reason=<REASON>}. */
    public static final String REJECTED_METRIC = "recordsRejected";

    private static final int MAX_MESSAGE = 2000;

    private ProcessingErrors() {}

    /**
     * {@code stage <stage>: <exception class>: <message>}, bounded in length, unsafe characters
     * escaped ({@link SinkSafeText#escape}).
     */
    public static String message(String stage, Throwable e) {
        String m =
                "stage "
                        + stage
                        + ": "
                        + e.getClass().getName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (m.length() > MAX_MESSAGE) {
            m = m.substring(0, MAX_MESSAGE) + "…";
        }
        return SinkSafeText.escape(m);
    }

    /**
     * Whether {@code e} is a fault of the infrastructure (rethrow) rather than of the record
     * (isolate).
     */
    public static boolean isInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException
                    || t instanceof InterruptedException
                    || t instanceof Error
                    || t.getClass().getName().startsWith("org.rocksdb.")) {
                return true;
            }
        }
        return false;
    }

    /** Throws {@code e} on when it is an infrastructure fault; returns otherwise. */
    public static void rethrowIfInfrastructure(Exception e) throws Exception {
        if (isInfrastructure(e)) {
            throw e;
        }
    }

    /** A dead letter for a record that a stage failed on. */
    public static RejectedRecord rejected(
            String file,
            long row,
            String stage,
            Throwable e,
            String raw,
            String deptCode,
            String recordType) {
        return rejected(file, row, message(stage, e), raw, deptCode, recordType);
    }

    /**
     * A dead letter for a record that a stage failed on, with its message ({@link #message})
     * already made.
     */
    public static RejectedRecord rejected(
            String file, long row, String message, String raw, String deptCode, String recordType) {
        return RejectedRecord.newBuilder()
                .setFile(escapeOrEmpty(file))
                .setRow(row)
                .setReason(RejectReason.PROCESSING_ERROR)
                .setMessage(escapeOrEmpty(message))
                .setRaw(escapeOrEmpty(raw))
                .setDeptCode(SinkSafeText.clean(deptCode))
                .setRecordType(SinkSafeText.clean(recordType))
                .build();
    }

    private static String escapeOrEmpty(String s) {
        return s == null ? "" : SinkSafeText.escape(s);
    }

    /**
     * A rejected record that every sink can write: the record itself when it can, else a copy with
     * its required texts set (empty when absent) and characters no sink takes escaped as {@code
     * \}{@code uXXXX} ({@link SinkSafeText#escape}; a person reads the raw text to fix and resend
     * it). A rejected record must be published whatever its content, so it is repaired rather than
     * rejected again.
     */
    public static RejectedRecord publishable(RejectedRecord r) {
        List<String> replaced = new ArrayList<>(0);
        RejectedRecord out = AvroGuard.repaired(r, replaced);
        if (isClean(out)) {
            return out;
        }
        return RejectedRecord.newBuilder(out)
                .setFile(SinkSafeText.escape(out.getFile()))
                .setMessage(SinkSafeText.escape(out.getMessage()))
                .setRaw(SinkSafeText.escape(out.getRaw()))
                .setDeptCode(SinkSafeText.clean(out.getDeptCode()))
                .setRecordType(SinkSafeText.clean(out.getRecordType()))
                .build();
    }

    private static boolean isClean(RejectedRecord r) {
        return SinkSafeText.isSafe(r.getFile())
                && SinkSafeText.isSafe(r.getMessage())
                && SinkSafeText.isSafe(r.getRaw())
                && SinkSafeText.isSafe(r.getDeptCode())
                && SinkSafeText.isSafe(r.getRecordType());
    }

    /** Registers the {@value #METRIC} counter of an operator. */
    public static Counter counter(MetricGroup operator) {
        return operator.counter(METRIC);
    }

    /**
     * One {@value #REJECTED_METRIC} counter per reject reason, in the group {@code
     * reason=<REASON>}.
     */
    public static Map<RejectReason, Counter> rejectionCounters(MetricGroup operator) {
        Map<RejectReason, Counter> m = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            m.put(r, operator.addGroup("reason", r.name()).counter(REJECTED_METRIC));
        }
        return m;
    }
}
