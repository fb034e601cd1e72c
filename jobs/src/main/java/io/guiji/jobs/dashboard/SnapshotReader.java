package io.guiji.jobs.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Reads the latest coverage snapshot from PostgreSQL's {@code coverage_snapshot} table
 * (deploy/postgres/schema.sql), whose {@code snapshot} column holds it as {@code coverage.json}.
 * The connection is read-only (and should be made with the read-only role {@code guiji_reader},
 * deploy/postgres/roles.sql); a broken one is opened again on the next read.
 */
final class SnapshotReader implements AutoCloseable {
    /** The most recent snapshot of any period (the streaming job's current year). */
    private static final String LATEST =
            "SELECT snapshot::text FROM coverage_snapshot ORDER BY generated_at DESC, period DESC LIMIT 1";

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

    private String query() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, credentials);
            connection.setReadOnly(true);
        }
        try (PreparedStatement st = connection.prepareStatement(LATEST);
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
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
