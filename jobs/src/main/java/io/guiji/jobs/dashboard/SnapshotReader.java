package io.guiji.jobs.dashboard;

import io.guiji.jobs.coverage.page.CoveragePage.TrendPoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the latest coverage snapshot from PostgreSQL's {@code coverage_snapshot} table
 * (deploy/postgres/schema.sql), whose {@code snapshot} column holds it as {@code coverage.json},
 * and the trend of its period from {@code coverage_history}. The connection is read-only (and
 * should be made with the read-only role {@code guiji_reader}, deploy/postgres/roles.sql); a broken
 * one is opened again on the next read.
 */
final class SnapshotReader implements AutoCloseable {
    /** The most recent snapshot of any period (the streaming job's current year). */
    private static final String LATEST =
            "SELECT snapshot::text FROM coverage_snapshot ORDER BY generated_at DESC, period DESC LIMIT 1";

    /** The trend of a period: every snapshot's figures, the most recent ones, oldest first. */
    private static final String HISTORY =
            "SELECT to_char(generated_at, 'YYYY-MM-DD\"T\"HH24:MI:SS'), dept_coverage, item_coverage"
                    + " FROM (SELECT * FROM coverage_history WHERE period = ?"
                    + " ORDER BY generated_at DESC LIMIT ?) h ORDER BY generated_at";

    private final String url;
    private final Properties credentials = new Properties();
    private Connection connection;

    SnapshotReader(String url, String user, String password) {
        this.url = url;
        credentials.setProperty("user", user);
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "guiji dashboard");
    }

    /** The latest snapshot's JSON text, or null while the table has none. */
    synchronized String latest() throws SQLException {
        try {
            return query();
        } catch (SQLException e) {
            close(); // the server went away or the session broke: one fresh attempt
            return query();
        }
    }

    /**
     * The figures of the period's snapshots in {@code coverage_history}, the latest {@code limit}
     * of them, oldest first.
     */
    synchronized List<TrendPoint> history(String period, int limit) throws SQLException {
        try (PreparedStatement st = connection().prepareStatement(HISTORY)) {
            st.setString(1, period);
            st.setInt(2, limit);
            List<TrendPoint> points = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    points.add(new TrendPoint(rs.getString(1), rs.getDouble(2), rs.getDouble(3)));
                }
            }
            return points;
        }
    }

    private String query() throws SQLException {
        try (PreparedStatement st = connection().prepareStatement(LATEST);
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, credentials);
            connection.setReadOnly(true);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing to do
            }
            connection = null;
        }
    }
}
