package io.guiji.connectors.jdbc;

import io.guiji.connectors.SinkSafeText;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The {@code review_decisions} table ({@code deploy/postgres/schema.sql}): reviewers' decisions as
 * the decisions topic holds them, the audit trail of the MANUAL tier. Insert-once by {@code
 * decision_id}: the at-least-once JDBC sink's replays after a restart, and a decision sent twice,
 * change nothing, and no statement ever updates a decision.
 */
public final class ReviewDecisionTable {
    private ReviewDecisionTable() {}

    public static final String INSERT =
            "INSERT INTO review_decisions (decision_id, scope, subject, action, enterprise_id, withdraws,"
                    + " decided_by, decided_at, reason, source_file, source_row)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (decision_id) DO NOTHING";

    /**
     * A Flink POJO for one row: a decision (its fields as text, {@code decidedAt} an ISO date-time
     * with offset) and where it is on the topic.
     */
    public static class Row {
        public String decisionId;
        public String scope;
        public String subject;
        public String action;
        public String enterpriseId;
        public String withdraws;
        public String decidedBy;
        public String decidedAt;
        public String reason;
        public String file;
        public long row;

        public Row() {}
    }

    public static JdbcSink<Row> sink(JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return PostgresTables.atLeastOnce(INSERT, new Statement(), conn, exec);
    }

    static final class Statement implements JdbcStatementBuilder<Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, Row r) throws SQLException {
            ps.setString(1, SinkSafeText.cleanOrEmpty(r.decisionId));
            ps.setString(2, SinkSafeText.cleanOrEmpty(r.scope));
            ps.setString(3, SinkSafeText.cleanOrEmpty(r.subject));
            ps.setString(4, SinkSafeText.cleanOrEmpty(r.action));
            ps.setString(5, SinkSafeText.clean(r.enterpriseId));
            ps.setString(6, SinkSafeText.clean(r.withdraws));
            ps.setString(7, SinkSafeText.cleanOrEmpty(r.decidedBy));
            ps.setObject(8, time(r.decidedAt), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(9, SinkSafeText.cleanOrEmpty(r.reason));
            ps.setString(10, SinkSafeText.cleanOrEmpty(r.file));
            ps.setLong(11, r.row);
        }
    }

    /**
     * An ISO date-time with offset; the time of writing when it does not parse (the job's decoder
     * refuses such a decision, so this only keeps a statement from failing on what cannot happen).
     */
    static OffsetDateTime time(String iso) {
        try {
            return OffsetDateTime.parse(iso);
        } catch (RuntimeException e) {
            return OffsetDateTime.now();
        }
    }
}
