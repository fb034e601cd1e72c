package io.guiji.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The table source's connection handling against a real PostgreSQL. */
class JdbcTableSourceITCase {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @Test
    void eachThreadHasItsOwnConnectionAndAClosedOneIsReplaced() throws Exception {
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder options =
                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(PG.jdbcUrl())
                        .withDriverName("org.postgresql.Driver")
                        .withUsername(PG.user());
        if (!PG.password().isEmpty()) {
            options.withPassword(PG.password());
        }
        PerThreadConnectionProvider provider = new PerThreadConnectionProvider(options.build());
        Connection first = provider.getOrEstablishConnection();
        assertThat(provider.getOrEstablishConnection()).as("reused while open").isSameAs(first);

        // Another fetcher thread: its own connection, which the first thread closing does not
        // touch.
        java.util.concurrent.atomic.AtomicReference<Connection> other =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                other.set(provider.getOrEstablishConnection());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        t.start();
        t.join();
        assertThat(other.get()).isNotSameAs(first);
        first.close(); // what the connector's split reader does when its fetcher is shut down
        assertThat(other.get().isClosed()).isFalse();

        Connection second = provider.getOrEstablishConnection();
        assertThat(second).isNotSameAs(first);
        try (Statement s = second.createStatement()) {
            assertThat(s.execute("SELECT 1")).isTrue();
        }
        provider.closeConnection();
        other.get().close();
    }

    @Test
    void aSourceBuildsWithThePerThreadProviderInstalled() throws Exception {
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, gxsj timestamp NOT NULL)");
        }
        JdbcSource<RawRow> source =
                JdbcTableSource.builder()
                        .url(PG.jdbcUrl())
                        .credentials(PG.user(), PG.password())
                        .table("t")
                        .updateColumn("gxsj")
                        .build();
        // build() fails if the provider cannot be installed (a connector upgrade renamed its
        // field).
        assertThat(source.getBoundedness())
                .isEqualTo(org.apache.flink.api.connector.source.Boundedness.CONTINUOUS_UNBOUNDED);
    }
}
