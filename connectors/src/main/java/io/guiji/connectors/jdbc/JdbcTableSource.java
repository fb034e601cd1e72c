package io.guiji.connectors.jdbc;

import io.guiji.connectors.file.RawRow;
import java.io.Serializable;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.core.datastream.source.config.ContinuousUnBoundingSettings;

/**
 * A Flink {@link JdbcSource} that polls one departmental table incrementally by its update-time
 * column ({@link UpdateTimeWindows}) and emits its rows as {@link RawRow}s ({@link
 * JdbcRowExtractor}).
 *
 * <p>Exactly once: windows are checkpointed by the enumerator, and a window being read when a
 * checkpoint is taken resumes at its row offset (the connector's {@code EXACTLY_ONCE} mode, which
 * needs a scrollable result set: a window's rows are held by the driver while it is read, so the
 * first window, from {@code since} to now, holds the whole backlog; choose {@code since} with that
 * in mind). Rows are ordered by update time and key, so the offset means the same row after a
 * restart.
 */
public final class JdbcTableSource {
    private static final Pattern IDENTIFIER =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private String url;
    private String user;
    private String password;
    private String table;
    private String updateColumn;
    private String keyColumn = "id";
    private long sinceMillis = 0L;
    private Duration lag = Duration.ofSeconds(5);
    private Duration pollInterval = Duration.ofSeconds(10);

    private JdbcTableSource() {}

    public static JdbcTableSource builder() {
        return new JdbcTableSource();
    }

    public JdbcTableSource url(String url) {
        this.url = url;
        return this;
    }

    /**
     * User and password; the password is never logged (pass it from an environment variable or a
     * file).
     */
    public JdbcTableSource credentials(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /** The table ({@code name} or {@code schema.name}). */
    public JdbcTableSource table(String table) {
        this.table = table;
        return this;
    }

    public JdbcTableSource updateColumn(String column) {
        this.updateColumn = column;
        return this;
    }

    public JdbcTableSource keyColumn(String column) {
        this.keyColumn = column;
        return this;
    }

    public JdbcTableSource since(long epochMillis) {
        this.sinceMillis = epochMillis;
        return this;
    }

    public JdbcTableSource lag(Duration lag) {
        this.lag = lag;
        return this;
    }

    public JdbcTableSource pollInterval(Duration interval) {
        this.pollInterval = interval;
        return this;
    }

    private String driver() {
        return url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : null;
    }

    /** The polling query: one update-time window, in a stable order. */
    public String sql() {
        return "SELECT * FROM "
                + table
                + " WHERE "
                + updateColumn
                + " >= ? AND "
                + updateColumn
                + " < ?"
                + " ORDER BY "
                + updateColumn
                + ", "
                + keyColumn;
    }

    /** Checks the settings; messages say what to set. */
    public JdbcTableSource sanityCheck() {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "JDBC source: the url must be a JDBC URL (jdbc:postgresql://host:5432/db), not "
                            + url);
        }
        for (String[] name :
                new String[][] {
                    {"table", table}, {"update column", updateColumn}, {"key column", keyColumn}
                }) {
            if (name[1] == null || !IDENTIFIER.matcher(name[1]).matches()) {
                throw new IllegalArgumentException(
                        "JDBC source: the "
                                + name[0]
                                + " must be a plain SQL identifier, not "
                                + name[1]);
            }
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "JDBC source " + table + ": the poll interval must be positive");
        }
        return this;
    }

    public JdbcSource<RawRow> build() {
        sanityCheck();
        var builder =
                JdbcSource.<RawRow>builder()
                        .setDBUrl(url)
                        .setSql(sql())
                        .setResultExtractor(new JdbcRowExtractor(table, keyColumn))
                        .setTypeInformation(TypeInformation.of(RawRow.class))
                        .setJdbcParameterValuesProvider(
                                new UpdateTimeWindows(sinceMillis, lag.toMillis()))
                        .setOptionalSqlSplitEnumeratorState((Serializable) sinceMillis)
                        .setContinuousUnBoundingSettings(
                                new ContinuousUnBoundingSettings(Duration.ZERO, pollInterval))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)
                        .setResultSetConcurrency(ResultSet.CONCUR_READ_ONLY);
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder options =
                new JdbcConnectionOptions.JdbcConnectionOptionsBuilder().withUrl(url);
        if (driver() != null) {
            builder.setDriverName(driver());
            options.withDriverName(driver());
        }
        if (user != null) {
            builder.setUsername(user);
            options.withUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            builder.setPassword(password);
            options.withPassword(password);
        }
        return PerThreadConnectionProvider.install(builder.build(), options.build());
    }
}
