package io.guiji.jobs.publish;

import io.guiji.connectors.jdbc.PostgresTables;
import io.guiji.schemas.UnifiedRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Every source reference of a unified record's state, as rows of {@code unified_record_source}.
 * Stateless.
 */
public class SourceRowsFunction
        implements FlatMapFunction<UnifiedRecord, PostgresTables.SourceRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(UnifiedRecord record, Collector<PostgresTables.SourceRow> out) {
        PostgresTables.sources(record).forEach(out::collect);
    }
}
