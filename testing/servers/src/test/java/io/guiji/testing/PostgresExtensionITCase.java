package io.guiji.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test database is real PostgreSQL: DDL, upserts and UTF-8 text work as in production. */
class PostgresExtensionITCase {

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private static final String UPSERT =
            "INSERT INTO subject (id, name, version) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE"
                    + " SET name = EXCLUDED.name, version = EXCLUDED.version WHERE subject.version <"
                    + " EXCLUDED.version";

    @Test
    void upsertKeepsTheNewestVersionPerKey() throws SQLException {
        try (Connection connection = PG.connection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "CREATE TABLE subject (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                                + " version BIGINT NOT NULL)");
                statement.execute("INSERT INTO subject VALUES ('91110000100000000A', '某某有限公司', 1)");
            }
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert(upsert, "91110000100000000A", "某某股份有限公司", 3); // newer: wins
                upsert(upsert, "91110000100000000A", "stale", 2); // older: ignored
                upsert(upsert, "91310000200000000B", "another", 1); // new key: inserted
            }

            assertThat(readAll(connection))
                    .containsExactly(
                            Map.entry("91110000100000000A", "某某股份有限公司@3"),
                            Map.entry("91310000200000000B", "another@1"));
        }
    }

    @Test
    void connectionsOpenTheFreshDatabaseNamedAfterTheTestClass() throws SQLException {
        assertThat(PG.database()).startsWith("guiji_test_postgresextensionitcase_");
        assertThat(PG.jdbcUrl()).endsWith("/" + PG.database());
        try (Connection connection = PG.connection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(PG.database());
        }
    }

    private static void upsert(PreparedStatement upsert, String id, String name, long version)
            throws SQLException {
        upsert.setString(1, id);
        upsert.setString(2, name);
        upsert.setLong(3, version);
        upsert.executeUpdate();
    }

    private static Map<String, String> readAll(Connection connection) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT id, name, version FROM subject ORDER BY id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2) + "@" + rs.getLong(3));
            }
        }
        return rows;
    }
}
