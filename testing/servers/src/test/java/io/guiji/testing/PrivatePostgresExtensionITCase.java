package io.guiji.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrivatePostgresExtensionITCase {
    @RegisterExtension static final PrivatePostgresExtension PG = new PrivatePostgresExtension();

    @Test
    void aStoppedServerRefusesConnectionsAndComesBackOnTheSamePortWithItsData() throws Exception {
        assertThat(PG.port()).isNotEqualTo(5432);
        try (Connection c = PG.connection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v text)");
            s.execute("INSERT INTO t VALUES ('企业')");
        }
        PG.stop();
        assertThat(PG.isRunning()).isFalse();
        assertThatThrownBy(PG::connection).isInstanceOf(SQLException.class);

        PG.start();
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("企业");
        }
    }
}
