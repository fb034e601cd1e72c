package io.guiji.connectors.jdbc;

import java.io.Serializable;
import java.sql.Timestamp;
import org.apache.flink.connector.jdbc.split.JdbcSlideTimingParameterProvider;
import org.apache.flink.util.Preconditions;

/**
 * Incremental polling by an update-time column: every discovery yields one window {@code [from, now
 * - lag)} of the column, as two {@link Timestamp} parameters, and the next window starts where this
 * one ended. The windows tile time without gaps or overlaps, so a row is read once per value of its
 * update time: an updated row (its update time moved) is read again, an unchanged one never.
 *
 * <p>State: the end of the last window (epoch millis), kept by the JDBC source's enumerator in
 * checkpoints, so a restart continues where the last checkpoint was. {@code lag} covers writers
 * whose transactions commit after the time they stamped; a row committed later than {@code lag}
 * after its update time is missed (make the lag longer than the longest writing transaction).
 *
 * <p>Extends the connector's slide-timing provider only because its builder accepts no other
 * provider type for continuous reading; none of the parent's windowing is used.
 */
public class UpdateTimeWindows extends JdbcSlideTimingParameterProvider {
    private static final long serialVersionUID = 1L;

    private final long lagMillis;
    private long fromMillis;

    /**
     * Reads rows updated at or after {@code sinceMillis}, each once their update time is {@code
     * lagMillis} old.
     */
    public UpdateTimeWindows(long sinceMillis, long lagMillis) {
        super(1L, 1L, 1L, 0L);
        Preconditions.checkArgument(lagMillis >= 0, "lag must not be negative");
        this.fromMillis = sinceMillis;
        this.lagMillis = lagMillis;
    }

    @Override
    public Long getLatestOptionalState() {
        return fromMillis;
    }

    @Override
    public void setOptionalState(Serializable optionalState) {
        this.fromMillis = (Long) optionalState;
    }

    @Override
    public Serializable[][] getParameterValues() {
        long to = currentAvailableMillis() - lagMillis;
        if (to <= fromMillis) {
            return new Serializable[0][];
        }
        Serializable[][] window = {{new Timestamp(fromMillis), new Timestamp(to)}};
        fromMillis = to;
        return window;
    }
}
