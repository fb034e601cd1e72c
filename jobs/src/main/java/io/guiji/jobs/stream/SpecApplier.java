package io.guiji.jobs.stream;

import io.guiji.connectors.file.RawRow;
import org.apache.flink.api.common.functions.MapFunction;

/** Applies a table source's {@link SourceSpec} (renames, department, record type) to its rows. Stateless. */
public class SpecApplier implements MapFunction<RawRow, RawRow> {
    private static final long serialVersionUID = 1L;
    private final SourceSpec spec;

    public SpecApplier(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public RawRow map(RawRow row) {
        return spec.apply(row);
    }
}
