package io.guiji.connectors.jdbc;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;

/**
 * A connection provider that gives each thread its own connection, and a new one when that was
 * closed. Needed by the JDBC source of flink-connector-jdbc 3.3: a split fetcher that goes idle
 * between polls is shut down, and its split reader closes the connection it got from the source's
 * one provider, while a new fetcher's reader may already hold that same connection ("This
 * connection has been closed", a failed task). Fetchers each run on their own thread, and a reader
 * uses its connection only there, so one connection per thread is never closed under another
 * reader.
 */
public class PerThreadConnectionProvider implements JdbcConnectionProvider {
    private static final long serialVersionUID = 1L;

    private final JdbcConnectionOptions options;
    private transient ThreadLocal<Connection> byThread;

    public PerThreadConnectionProvider(JdbcConnectionOptions options) {
        this.options = options;
    }

    private synchronized ThreadLocal<Connection> connections() {
        if (byThread == null) {
            byThread = new ThreadLocal<>();
        }
        return byThread;
    }

    @Override
    public Connection getConnection() {
        return connections().get();
    }

    @Override
    public Properties getProperties() {
        return options.getProperties();
    }

    @Override
    public boolean isConnectionValid() throws SQLException {
        Connection c = getConnection();
        return c != null && c.isValid(options.getConnectionCheckTimeoutSeconds());
    }

    @Override
    public Connection getOrEstablishConnection() throws SQLException, ClassNotFoundException {
        Connection c = getConnection();
        if (c == null || c.isClosed()) {
            c = connect();
            connections().set(c);
        }
        return c;
    }

    @Override
    public void closeConnection() {
        Connection c = getConnection();
        connections().remove();
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing is best effort: the connection is forgotten either way
            }
        }
    }

    @Override
    public Connection reestablishConnection() throws SQLException, ClassNotFoundException {
        closeConnection();
        return getOrEstablishConnection();
    }

    private Connection connect() throws SQLException, ClassNotFoundException {
        Properties props = new Properties();
        props.putAll(options.getProperties());
        options.getUsername().ifPresent(u -> props.setProperty(JdbcConnectionOptions.USER_KEY, u));
        options.getPassword()
                .ifPresent(p -> props.setProperty(JdbcConnectionOptions.PASSWORD_KEY, p));
        Connection c;
        if (options.getDriverName() != null) {
            Driver driver;
            try {
                driver =
                        (Driver)
                                Class.forName(
                                                options.getDriverName(),
                                                true,
                                                Thread.currentThread().getContextClassLoader())
                                        .getDeclaredConstructor()
                                        .newInstance();
            } catch (ReflectiveOperationException e) {
                throw new ClassNotFoundException(
                        "JDBC driver " + options.getDriverName() + ": " + e, e);
            }
            c = driver.connect(options.getDbURL(), props);
        } else {
            c = DriverManager.getConnection(options.getDbURL(), props);
        }
        if (c == null) {
            throw new SQLException("no JDBC driver accepts " + options.getDbURL());
        }
        return c;
    }

    /**
     * Puts this provider into a built source. {@code JdbcSourceBuilder.build()} always installs its
     * own provider and the source's constructor is not public, so the field is set directly; fails
     * loudly if a connector upgrade renamed it.
     */
    static <T> JdbcSource<T> install(JdbcSource<T> source, JdbcConnectionOptions options) {
        try {
            Field field = JdbcSource.class.getDeclaredField("connectionProvider");
            field.setAccessible(true);
            field.set(source, new PerThreadConnectionProvider(options));
            return source;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot install the per-thread connection provider into "
                            + JdbcSource.class.getName()
                            + " (did flink-connector-jdbc change?): "
                            + e,
                    e);
        }
    }
}
