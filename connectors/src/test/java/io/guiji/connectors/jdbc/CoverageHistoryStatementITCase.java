package io.guiji.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.CoverageTotals;
import io.guiji.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The coverage history's statement against deploy/postgres/schema.sql on a real PostgreSQL: one row
 * per snapshot, and a snapshot written again (read again after a restart) is still one row.
 */
class CoverageHistoryStatementITCase {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @Test
    void eachSnapshotIsOneRowAndWritingItAgainChangesNothing() throws Exception {
        GuijiSchema.apply(PG);
        List<CoverageSnapshot> written =
                List.of(
                        snapshot("2026-11-01T10:00:00", 0.5),
                        snapshot("2026-11-01T10:00:10", 0.75),
                        snapshot("2026-11-01T10:00:00", 0.5));
        try (Connection c = PG.connection();
                PreparedStatement ps = c.prepareStatement(PostgresTables.INSERT_COVERAGE_HISTORY)) {
            for (CoverageSnapshot snapshot : written) {
                new PostgresTables.CoverageHistoryStatement().accept(ps, snapshot);
                ps.executeUpdate();
            }
        }

        List<String> rows = new ArrayList<>();
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT period, generated_at, dept_coverage, status FROM coverage_history"
                                        + " ORDER BY generated_at")) {
            while (rs.next()) {
                rows.add(
                        rs.getString(1)
                                + " "
                                + rs.getTimestamp(2).toLocalDateTime()
                                + " "
                                + rs.getDouble(3)
                                + " "
                                + rs.getString(4));
            }
        }
        assertThat(rows)
                .containsExactly(
                        "2026 2026-11-01T10:00 0.5 BELOW", "2026 2026-11-01T10:00:10 0.75 BELOW");
    }

    private static CoverageSnapshot snapshot(String generatedAt, double deptCoverage) {
        return CoverageSnapshot.newBuilder()
                .setPeriod("2026")
                .setGeneratedAt(generatedAt)
                .setDeptCoverage(deptCoverage)
                .setItemCoverage(deptCoverage / 2)
                .setTarget(0.95)
                .setStatus("BELOW")
                .setUncoveredDepts(List.of())
                .setUncoveredItems(List.of())
                .setUncataloguedDepts(List.of())
                .setByDivision(Map.of())
                .setByDept(Map.of())
                .setTotals(
                        new CoverageTotals(
                                0L, 0L, 0L, 0L, 0L, 0L, 0L, new TreeMap<>(), 0L, 0L, 0L, 0L))
                .build();
    }
}
