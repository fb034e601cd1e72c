package io.guiji.jobs.ingest.kafka;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.json.ReviewLog;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.ingest.ReferenceRejects;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.ReviewDecision;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Messages of the decisions topic to reviewers' decisions ({@link DecisionMessages}). A message
 * that is not a complete decision goes to {@link ReferenceRejects#TAG} (the reference dead letter,
 * {@code guiji.reference-rejected} and {@code rejected_record} kind {@code reference}) as {@code
 * MISSING_FIELD} or {@code MALFORMED}, with its source reference, offset and text; one that makes
 * decoding throw otherwise as {@code PROCESSING_ERROR} (stage {@code decode}), counted in {@value
 * ProcessingErrors#METRIC}. The job never stops for a message. Stateless.
 */
public class DecisionDecodeFunction extends ProcessFunction<KafkaBytes, ReviewDecision> {
    private static final long serialVersionUID = 1L;

    private transient Counter processingErrors;

    @Override
    public void open(OpenContext openContext) {
        processingErrors = ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(KafkaBytes m, Context ctx, Collector<ReviewDecision> out) {
        ReviewDecision d;
        try {
            d = DecisionMessages.decode(m);
        } catch (ReviewLog.BadLine e) {
            ctx.output(ReferenceRejects.TAG, rejected(m, e));
            return;
        } catch (RuntimeException e) {
            if (ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            ctx.output(
                    ReferenceRejects.TAG,
                    ProcessingErrors.rejected(
                            m.reference(), m.offset, "decode", e, raw(m), null, null));
            return;
        }
        out.collect(d);
    }

    /** The dead letter of a message that is not a decision. */
    static RejectedRecord rejected(KafkaBytes m, ReviewLog.BadLine e) {
        return ProcessingErrors.publishable(
                RejectedRecord.newBuilder()
                        .setFile(m.reference())
                        .setRow(m.offset)
                        .setReason(
                                e.why().startsWith("missing field")
                                        ? RejectReason.MISSING_FIELD
                                        : RejectReason.MALFORMED)
                        .setMessage(SinkSafeText.escape("not a review decision: " + e.why()))
                        .setRaw(SinkSafeText.escape(raw(m)))
                        .build());
    }

    private static String raw(KafkaBytes m) {
        return m.value == null ? "" : new String(m.value, StandardCharsets.UTF_8);
    }
}
