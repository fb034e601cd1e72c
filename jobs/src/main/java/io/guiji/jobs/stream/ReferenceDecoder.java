package io.guiji.jobs.stream;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.KafkaBytes;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A registry or catalogue message in JSON as a row for the reference parsers (registry or
 * catalogue column names and their aliases as keys). Undecodable messages become error rows, which
 * the parsers report as reference rejects. Stateless.
 */
public class ReferenceDecoder implements MapFunction<KafkaBytes, RawRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public RawRow map(KafkaBytes message) {
        return JsonMessages.decode(message);
    }
}
