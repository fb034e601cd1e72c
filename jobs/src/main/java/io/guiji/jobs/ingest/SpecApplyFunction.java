package io.guiji.jobs.ingest;

import io.guiji.connectors.file.RawRow;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Applies a table source's {@link SourceSpec} (renames, department, record type) to its rows.
 * Stateless. A row that applying throws on is passed on {@link RawRow#failedAt failed at stage
 * rows}, for the parser to reject as PROCESSING_ERROR.
 */
public class SpecApplyFunction implements MapFunction<RawRow, RawRow> {
    private static final long serialVersionUID = 1L;
    private final SourceSpec spec;

    public SpecApplyFunction(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public RawRow map(RawRow row) {
        try {
            return spec.apply(row);
        } catch (RuntimeException e) {
            if (io.guiji.jobs.ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            return row.failedAt("rows", io.guiji.jobs.ProcessingErrors.message("rows", e));
        }
    }
}
