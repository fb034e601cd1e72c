package io.guiji.connectors.jdbc;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;

/**
 * A connection provider that replaces a connection somebody closed. Needed by the JDBC source of
 * flink-connector-jdbc 3.3: when its split fetcher goes idle between polls, the fetcher's split
 * reader closes the connection, but the source's provider keeps handing that closed connection to the
 * next fetcher's reader ("This connection has been closed"), which fails the task; in continuous
 * reading that is a matter of time. This provider hands out a new connection instead.
 */
public class ReconnectingConnectionProvider extends SimpleJdbcConnectionProvider {
    private static final long serialVersionUID = 1L;

    public ReconnectingConnectionProvider(JdbcConnectionOptions options) {
        super(options);
    }

    @Override
    public Connection getOrEstablishConnection() throws SQLException, ClassNotFoundException {
        Connection current = getConnection();
        if (current != null && current.isClosed()) {
            closeConnection(); // forgets it
        }
        return super.getOrEstablishConnection();
    }

    /**
     * Puts this provider into a built source. {@code JdbcSourceBuilder.build()} always installs its own
     * provider and the source's constructor is not public, so the field is set directly; fails loudly
     * if a connector upgrade renamed it.
     */
    static <T> JdbcSource<T> install(JdbcSource<T> source, JdbcConnectionOptions options) {
        try {
            Field field = JdbcSource.class.getDeclaredField("connectionProvider");
            field.setAccessible(true);
            field.set(source, new ReconnectingConnectionProvider(options));
            return source;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install the reconnecting connection provider into " + JdbcSource.class.getName()
                    + " (did flink-connector-jdbc change?): " + e, e);
        }
    }
}
