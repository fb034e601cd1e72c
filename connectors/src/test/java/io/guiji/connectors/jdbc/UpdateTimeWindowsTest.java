package io.guiji.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

class UpdateTimeWindowsTest {

    /** Windows with a clock the test moves. */
    static final class Clocked extends UpdateTimeWindows {
        private static final long serialVersionUID = 1L;
        long now;

        Clocked(long since, long lag) {
            super(since, lag);
        }

        @Override
        public Long currentAvailableMillis() {
            return now;
        }
    }

    @Test
    void windowsTileTimeWithoutGapsOrOverlapsAndWaitForTheLag() {
        Clocked w = new Clocked(1_000, 500);
        w.now = 1_400;
        assertThat(w.getParameterValues()).as("nothing is 500 ms old yet").isEmpty();
        w.now = 3_000;
        Serializable[][] first = w.getParameterValues();
        w.now = 3_000;
        assertThat(w.getParameterValues()).as("no new time, no window").isEmpty();
        w.now = 4_200;
        Serializable[][] second = w.getParameterValues();

        assertThat(first).hasDimensions(1, 2);
        assertThat(first[0]).containsExactly(new Timestamp(1_000), new Timestamp(2_500));
        assertThat(second[0]).containsExactly(new Timestamp(2_500), new Timestamp(3_700));
        assertThat(w.getLatestOptionalState()).isEqualTo(3_700L);
    }

    @Test
    void aRestoredProviderContinuesWhereTheCheckpointWas() {
        Clocked w = new Clocked(0, 0);
        w.setOptionalState(5_000L);
        w.now = 6_000;
        assertThat(w.getParameterValues()[0])
                .containsExactly(new Timestamp(5_000), new Timestamp(6_000));
    }

    @Test
    void theQueryReadsOneWindowInAStableOrder() {
        JdbcTableSource s =
                JdbcTableSource.builder()
                        .url("jdbc:postgresql://127.0.0.1:5432/x")
                        .table("dept.penalty")
                        .updateColumn("gxsj")
                        .keyColumn("id");
        assertThat(s.sanityCheck().sql())
                .isEqualTo(
                        "SELECT * FROM dept.penalty WHERE gxsj >= ? AND gxsj < ? ORDER BY gxsj, id");
    }

    @Test
    void namesThatAreNotPlainIdentifiersAreRefused() {
        JdbcTableSource s =
                JdbcTableSource.builder()
                        .url("jdbc:postgresql://127.0.0.1:5432/x")
                        .table("t; DROP TABLE x")
                        .updateColumn("gxsj");
        org.assertj.core.api.Assertions.assertThatThrownBy(s::sanityCheck)
                .hasMessageContaining("plain SQL identifier");
    }
}
