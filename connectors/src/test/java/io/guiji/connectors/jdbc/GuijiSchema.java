package io.guiji.connectors.jdbc;

import io.guiji.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** deploy/postgres/schema.sql, as an operator runs it, applied to a test's database. */
final class GuijiSchema {
    private GuijiSchema() {}

    /** Runs {@code statements} (if any) and then the schema, in {@code pg}'s database. */
    static void apply(PostgresExtension pg, String... statements) throws Exception {
        try (Connection c = pg.connection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            s.execute(
                    Files.readString(
                            Path.of("..", "deploy", "postgres", "schema.sql"),
                            StandardCharsets.UTF_8));
        }
    }
}
