package io.guiji.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.jobs.config.PostgresLogin;
import io.guiji.jobs.coverage.CoveragePeriod;
import io.guiji.jobs.coverage.notice.CoverageJsonTest;
import io.guiji.jobs.coverage.notice.NoticeModelTest;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/guiji notice} on a real PostgreSQL: the snapshots in {@code coverage_snapshot} (as
 * deploy/postgres/schema.sql makes it) become the period's notice, compared with the previous
 * period's snapshot.
 */
class NoticeCommandITCase {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path dir;

    private PostgresLogin login() {
        return new PostgresLogin(
                PG.jdbcUrl(), PG.user(), PG.password().isEmpty() ? null : PG.password());
    }

    @BeforeEach
    void createTable() throws Exception {
        String schema = Files.readString(Path.of("../deploy/postgres/schema.sql"));
        try (Connection c = DriverManager.getConnection(PG.jdbcUrl(), PG.user(), PG.password())) {
            c.createStatement().execute(schema);
            c.createStatement().execute("DELETE FROM coverage_snapshot");
            insert(c, NoticeModelTest.OCTOBER);
            insert(c, NoticeModelTest.NOVEMBER);
        }
    }

    private static void insert(Connection c, CoverageSnapshot s) throws Exception {
        try (PreparedStatement p =
                c.prepareStatement(
                        "INSERT INTO coverage_snapshot (period, generated_at, dept_coverage,"
                                + " item_coverage, target, status, snapshot)"
                                + " VALUES (?, ?::timestamp, ?, ?, ?, ?, ?::jsonb)")) {
            p.setString(1, s.getPeriod());
            p.setString(2, s.getGeneratedAt());
            p.setDouble(3, s.getDeptCoverage());
            p.setDouble(4, s.getItemCoverage());
            p.setDouble(5, s.getTarget());
            p.setString(6, s.getStatus());
            p.setString(7, CoverageJsonTest.json(s));
            p.executeUpdate();
        }
    }

    @Test
    void theNoticeOfAPeriodComesFromItsSnapshotComparedWithThePreviousOne() throws Exception {
        List<Path> files =
                NoticeCommand.write(login(), CoveragePeriod.parse("2025-11"), dir.resolve("n"));
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .containsExactly("2025-11.md", "2025-11.html");
        String md = Files.readString(files.get(0));
        assertThat(md)
                .startsWith("# 关于2025年11月涉企监管信息归集情况的通报")
                .contains("与上期（2025年10月）相比，部门覆盖率持平，事项覆盖率上升 20.0 个百分点")
                .contains("| HBJ02 | 朝阳市生态环境局 | 1 | 3 | 25.0% | — | — |")
                .contains("新增未归集（上期已归集、本期未归集）：朝阳市应急管理局（AJJ03）。");
        assertThat(Files.readString(files.get(1))).contains("<h1>关于2025年11月涉企监管信息归集情况的通报</h1>");
        assertThat(dir.resolve("n/2025-11.json")).exists();
    }

    @Test
    void aPeriodWithoutASnapshotIsAnErrorNamingThePeriodsThere() {
        assertThatThrownBy(
                        () ->
                                NoticeCommand.write(
                                        login(), CoveragePeriod.parse("2025-12"), dir.resolve("n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no coverage snapshot for period 2025-12")
                .hasMessageContaining("periods there: [2025-10, 2025-11]");
    }
}
