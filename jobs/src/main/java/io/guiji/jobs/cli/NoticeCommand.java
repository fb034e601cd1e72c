package io.guiji.jobs.cli;

import io.guiji.jobs.config.PostgresLogin;
import io.guiji.jobs.coverage.CoveragePeriod;
import io.guiji.jobs.coverage.notice.CoverageJson;
import io.guiji.jobs.coverage.notice.NoticeFiles;
import io.guiji.jobs.coverage.notice.NoticeModel;
import io.guiji.schemas.CoverageSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/guiji notice --period P}: the notice (通报) of period P from the coverage snapshot the
 * streaming job keeps in PostgreSQL ({@code coverage_snapshot}, docs/contract.md §9–§10), compared
 * with the previous period's notice in the output folder or, failing that, the previous period's
 * snapshot in the table. The same model and rendering as a bounded run's notice ({@link
 * NoticeModel}).
 */
@Command(
        name = "notice",
        mixinStandardHelpOptions = true,
        versionProvider = GuijiVersion.class,
        description =
                "The notice (通报) of a period from PostgreSQL's coverage_snapshot, as Markdown and HTML.")
final class NoticeCommand implements Callable<Integer> {
    @Option(
            names = "--period",
            required = true,
            paramLabel = "P",
            description =
                    "The period: a year (2026), a month (2026-11), a range (2026-01-01..2026-06-30); the streaming job must measure it (guiji.coverage.period).")
    String period;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Configuration file with guiji.postgres.url, .user, .password-file or .password-env.")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = RunCommand.D_HELP)
    Map<String, String> options = Map.of();

    @Option(
            names = "--output",
            paramLabel = "DIR",
            defaultValue = "notices",
            description = "Folder of the notices (default: notices): <period>.md, .html and .json.")
    Path output;

    @Mixin GlobalOptions global;

    @Override
    public Integer call() throws Exception {
        if (config != null && !Files.isReadable(config)) {
            throw new IllegalArgumentException("configuration file " + config + " is not readable");
        }
        CoveragePeriod p;
        try {
            p = CoveragePeriod.parse(period);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--period: " + e.getMessage());
        }
        Configuration conf = RunCommand.configuration(config, options);
        PostgresLogin login = PostgresLogin.from(conf);
        List<Path> files = write(login, p, output);
        System.out.println(
                "guiji notice: " + p.name() + " -> " + files.get(0) + ", " + files.get(1));
        return 0;
    }

    /** Reads the period's snapshot (and the previous one's when needed) and writes the notice. */
    static List<Path> write(PostgresLogin login, CoveragePeriod p, Path output) throws Exception {
        CoverageSnapshot current;
        CoverageSnapshot before = null;
        CoveragePeriod previous = p.previous();
        NoticeModel previousNotice =
                previous == null ? null : NoticeFiles.read(output, previous.name());
        try (Connection c = connect(login)) {
            current = snapshot(c, p.name());
            if (current == null) {
                throw new IllegalArgumentException(
                        "no coverage snapshot for period "
                                + p.name()
                                + " in coverage_snapshot (periods there: "
                                + periods(c)
                                + "); the streaming job measures the period of its guiji.coverage.period");
            }
            if (previous != null && previousNotice == null) {
                before = snapshot(c, previous.name());
            }
        }
        if (before != null) {
            previousNotice = NoticeModel.of(before, previous.chinese(), null);
        }
        return NoticeFiles.write(output, NoticeModel.of(current, p.chinese(), previousNotice));
    }

    static Connection connect(PostgresLogin login) {
        return login.connectReadOnly();
    }

    private static CoverageSnapshot snapshot(Connection c, String period) throws Exception {
        try (PreparedStatement s =
                c.prepareStatement(
                        "SELECT snapshot::text FROM coverage_snapshot WHERE period = ?")) {
            s.setString(1, period);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? CoverageJson.read(r.getString(1)) : null;
            }
        }
    }

    private static List<String> periods(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s =
                        c.prepareStatement("SELECT period FROM coverage_snapshot ORDER BY period");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out.isEmpty() ? List.of("none") : out;
    }
}
