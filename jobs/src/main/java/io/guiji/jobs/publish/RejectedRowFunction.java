package io.guiji.jobs.publish;

import io.guiji.connectors.jdbc.PostgresTables;
import io.guiji.schemas.RejectedRecord;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Tags a rejected record with its kind ({@code record} or {@code reference}) for {@code
 * rejected_record}. Stateless.
 */
public class RejectedRowFunction
        implements MapFunction<RejectedRecord, PostgresTables.RejectedRow> {
    private static final long serialVersionUID = 1L;
    private final String kind;

    public RejectedRowFunction(String kind) {
        this.kind = kind;
    }

    @Override
    public PostgresTables.RejectedRow map(RejectedRecord r) {
        return new PostgresTables.RejectedRow(r, kind);
    }
}
