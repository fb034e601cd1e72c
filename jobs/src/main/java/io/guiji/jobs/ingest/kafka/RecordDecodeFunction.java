package io.guiji.jobs.ingest.kafka;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.ReadLimits;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.jobs.ingest.SourceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes departmental Kafka messages into rows by their topic's {@link SourceSpec} (JSON or Avro),
 * applies the source's field renames and names the department and record type. Never fails and
 * never drops: a message that cannot be decoded becomes an error row, which the parser rejects as
 * MALFORMED with the reason, source reference {@code kafka:<topic>/<partition>} and row = offset.
 * JSON messages meet the same {@link ReadLimits} as input files (size of the message, of each key
 * and value, nesting depth), so a runaway message is a rejection, not a heap or stack problem.
 * Stateless; counts undecodable messages in {@code messagesUndecodable}.
 *
 * <p><b>Isolation.</b> Decoding a message that throws (a fault of the decoder, not of the bytes)
 * yields a row marked {@link RawRow#failedAt failed at stage decode}, which the parser rejects as
 * PROCESSING_ERROR with the message's reference and its bytes as text; counted in {@value
 * io.guiji.jobs.ProcessingErrors#METRIC}. One message, one row, always.
 */
public class RecordDecodeFunction extends ProcessFunction<KafkaBytes, RawRow> {
    private static final long serialVersionUID = 1L;

    private final Map<String, SourceSpec> byTopic = new HashMap<>();
    private final ReadLimits limits;
    private transient AvroMessages avro;
    private transient Counter undecodable;
    private transient Counter processingErrors;

    public RecordDecodeFunction(List<SourceSpec> kafkaSources) {
        this(kafkaSources, ReadLimits.DEFAULTS);
    }

    /**
     * @param limits how large and deep a JSON message may be (as for files, guiji.input.*)
     */
    public RecordDecodeFunction(List<SourceSpec> kafkaSources, ReadLimits limits) {
        this.limits = limits;
        for (SourceSpec s : kafkaSources) {
            if (byTopic.put(s.topic(), s) != null) {
                throw new IllegalArgumentException(
                        "topic " + s.topic() + " is configured by two sources");
            }
        }
    }

    @Override
    public void open(OpenContext openContext) {
        avro = new AvroMessages();
        undecodable = getRuntimeContext().getMetricGroup().counter("messagesUndecodable");
        processingErrors =
                io.guiji.jobs.ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(KafkaBytes message, Context ctx, Collector<RawRow> out) {
        RawRow row;
        try {
            row = decode(message);
        } catch (RuntimeException e) {
            if (io.guiji.jobs.ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            row = failedRow(message, e);
        }
        if (message.timestamp > 0) {
            row.receivedAt(message.timestamp, RawRow.ARRIVAL);
        }
        out.collect(row);
    }

    /** The row of a message that decoding threw on: its reference, its bytes as text, the error. */
    static RawRow failedRow(KafkaBytes message, RuntimeException e) {
        String raw =
                message.value == null
                        ? ""
                        : new String(message.value, java.nio.charset.StandardCharsets.UTF_8);
        return new RawRow(
                        message.reference(),
                        message.offset,
                        new String[0],
                        new String[0],
                        raw,
                        null,
                        null)
                .failedAt("decode", io.guiji.jobs.ProcessingErrors.message("decode", e));
    }

    RawRow decode(KafkaBytes message) {
        SourceSpec spec = byTopic.get(message.topic);
        if (spec == null) {
            // Only configured topics are subscribed; a row that names nothing is rejected as
            // UNKNOWN_SOURCE.
            RawRow row = JsonMessages.decode(message, limits);
            return row.withSource("", "");
        }
        RawRow row =
                spec.format() == SourceSpec.Format.AVRO
                        ? avro.decode(message)
                        : JsonMessages.decode(message, limits);
        if (!row.parsed() && undecodable != null) {
            undecodable.inc();
        }
        return spec.apply(row);
    }

    /** For tests without a runtime context. */
    void openForTest() {
        avro = new AvroMessages();
        processingErrors = new org.apache.flink.metrics.SimpleCounter();
    }
}
