package io.guiji.jobs.ingest.kafka;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.KafkaBytes;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A registry or catalogue message in JSON as a row for the reference parsers (registry or catalogue
 * column names and their aliases as keys). Undecodable messages become error rows, which the
 * parsers report as reference rejects. Stateless. A message that decoding throws on becomes a row
 * {@link RawRow#failedAt failed at stage decode}, which the parsers reject as PROCESSING_ERROR.
 */
public class ReferenceDecodeFunction implements MapFunction<KafkaBytes, RawRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public RawRow map(KafkaBytes message) {
        try {
            return JsonMessages.decode(message);
        } catch (RuntimeException e) {
            if (io.guiji.jobs.ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            return RecordDecodeFunction.failedRow(message, e);
        }
    }
}
