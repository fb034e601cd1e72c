package io.guiji.connectors.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gathers a table's rows into lists, each written by one statement ({@link PostgresTables}, {@link
 * EnterpriseTables}): a statement a row cost PostgreSQL a third more CPU (deploy/README.md,
 * "PostgreSQL writes"). A list is sent when it holds {@code maxRows}, {@code intervalMillis} after
 * its first row, before every checkpoint barrier and at the end of input.
 *
 * <p>Not checkpointed: every row is sent before the barrier that follows it, so a checkpoint never
 * holds a row that is neither in this operator's output nor still to come from its input, and the
 * at-least-once JDBC sink after it writes every list before that checkpoint completes. Chained to
 * the operator before it; a row it keeps is copied first when Flink reuses objects, unless its
 * serializer hands out the object itself (a read-only type).
 */
public final class RowBatcher<T> extends AbstractStreamOperator<List<T>>
        implements OneInputStreamOperator<T, List<T>>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final int maxRows;
    private final long intervalMillis;
    private transient TypeSerializer<T> copier;
    private transient List<T> rows;
    private transient boolean timerSet;

    public RowBatcher(int maxRows, long intervalMillis) {
        if (maxRows < 1 || intervalMillis < 1) {
            throw new IllegalArgumentException(
                    "a batch holds at least one row and waits at least 1 ms: "
                            + maxRows
                            + " rows, "
                            + intervalMillis
                            + " ms");
        }
        this.maxRows = maxRows;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        copier =
                getExecutionConfig().isObjectReuseEnabled()
                        ? getOperatorConfig().getTypeSerializerIn(0, getUserCodeClassloader())
                        : null;
        rows = new ArrayList<>();
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        T row = element.getValue();
        rows.add(copier == null ? row : copier.copy(row));
        if (rows.size() >= maxRows) {
            send();
        } else if (!timerSet) {
            timerSet = true;
            getProcessingTimeService()
                    .registerTimer(
                            getProcessingTimeService().getCurrentProcessingTime() + intervalMillis,
                            t -> {
                                timerSet = false;
                                send();
                            });
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        send();
    }

    @Override
    public void endInput() {
        send();
    }

    private void send() {
        if (rows.isEmpty()) {
            return;
        }
        List<T> batch = rows;
        rows = new ArrayList<>(Math.min(batch.size(), maxRows));
        output.collect(new StreamRecord<>(batch));
    }
}
