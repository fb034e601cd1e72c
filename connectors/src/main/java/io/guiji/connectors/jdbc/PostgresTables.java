package io.guiji.connectors.jdbc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.json.OutputJson;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * guiji's PostgreSQL tables ({@code deploy/postgres/schema.sql}) as Flink JDBC sinks of batched
 * upserts. The sinks are at-least-once (a batch may be written again after a restart), so every
 * statement is idempotent: unified records only move forward ({@code WHERE version <
 * EXCLUDED.version}), sources are inserted once, a rejected record is keyed by its source
 * reference, a coverage snapshot replaces an older one of its period. The two tables that take a
 * row or more for every record, {@code unified_record} and {@code unified_record_source}, are
 * written a list of rows at a time ({@link RowBatcher}), each list by one statement over arrays (a
 * statement a row cost PostgreSQL a third more CPU); the others a statement a row. Never set {@code
 * reWriteBatchedInserts=true} on the URL: one batch of those may touch a key twice.
 *
 * <p>The conversions to rows are total: no value of a record makes a statement fail. Every text
 * (columns and the {@code jsonb} document) goes through {@link SinkSafeText} (PostgreSQL refuses
 * NUL, {@code jsonb} a lone surrogate), a required text that is absent is written empty, and a
 * timestamp or date that does not parse falls back as its column says. (What reaches these
 * statements was read back from Kafka, so it was encoded once already: see {@code AvroGuard}.)
 */
public final class PostgresTables {
    private PostgresTables() {}

    /**
     * A list of unified states, one statement ({@link RowBatcher}): each parameter an array, one
     * element a state. A record twice in the list is written once, at its highest version, which is
     * what the states one after the other would leave.
     */
    public static final String UPSERT_UNIFIED =
            "INSERT INTO unified_record AS t (record_id, version, record_type, dept_code, doc_no, subject_name, uscc,"
                    + " decision_date, status, enterprise_id, link_method, link_confidence, quality_flags, record)"
                    + " SELECT DISTINCT ON (u.id) u.id, u.version, u.record_type, u.dept_code, u.doc_no,"
                    + " u.subject_name, u.uscc, u.decision_date, u.status, u.enterprise_id, u.link_method,"
                    + " u.link_confidence, ARRAY(SELECT jsonb_array_elements_text(u.flags::jsonb)), u.record::jsonb"
                    + " FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                    + " ?::date[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[])"
                    + " AS u(id, version, record_type, dept_code, doc_no, subject_name, uscc, decision_date, status,"
                    + " enterprise_id, link_method, link_confidence, flags, record)"
                    + " ORDER BY u.id, u.version DESC"
                    + " ON CONFLICT (record_id) DO UPDATE SET version = EXCLUDED.version, record_type = EXCLUDED.record_type,"
                    + " dept_code = EXCLUDED.dept_code, doc_no = EXCLUDED.doc_no, subject_name = EXCLUDED.subject_name,"
                    + " uscc = EXCLUDED.uscc, decision_date = EXCLUDED.decision_date, status = EXCLUDED.status,"
                    + " enterprise_id = EXCLUDED.enterprise_id, link_method = EXCLUDED.link_method,"
                    + " link_confidence = EXCLUDED.link_confidence, quality_flags = EXCLUDED.quality_flags,"
                    + " record = EXCLUDED.record, written_at = now()"
                    + " WHERE t.version < EXCLUDED.version";

    /** A list of sources, one statement; a source twice in it is inserted once. */
    public static final String INSERT_SOURCE =
            "INSERT INTO unified_record_source (record_id, source_file, source_row, first_version)"
                    + " SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])"
                    + " ON CONFLICT (record_id, source_file, source_row) DO NOTHING";

    public static final String UPSERT_REJECTED =
            "INSERT INTO rejected_record AS t (source_file, source_row, kind, reason, message, raw, dept_code, record_type)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (source_file, source_row) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason,"
                    + " message = EXCLUDED.message, raw = EXCLUDED.raw, dept_code = EXCLUDED.dept_code,"
                    + " record_type = EXCLUDED.record_type, written_at = now()";

    public static final String UPSERT_COVERAGE =
            "INSERT INTO coverage_snapshot AS t (period, generated_at, dept_coverage, item_coverage, target, status, snapshot)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)"
                    + " ON CONFLICT (period) DO UPDATE SET generated_at = EXCLUDED.generated_at,"
                    + " dept_coverage = EXCLUDED.dept_coverage, item_coverage = EXCLUDED.item_coverage,"
                    + " target = EXCLUDED.target, status = EXCLUDED.status, snapshot = EXCLUDED.snapshot"
                    + " WHERE t.generated_at <= EXCLUDED.generated_at";

    /** Insert-once: a snapshot read again after a restart is the same row. */
    public static final String INSERT_COVERAGE_HISTORY =
            "INSERT INTO coverage_history (period, generated_at, dept_coverage, item_coverage, target, status)"
                    + " VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (period, generated_at) DO NOTHING";

    /** One source of a unified record, as a row of {@code unified_record_source}. */
    public static List<SourceRow> sources(UnifiedRecord r) {
        List<SourceRow> rows = new ArrayList<>(r.getSources().size());
        for (SourceRef s : r.getSources()) {
            rows.add(new SourceRow(r.getRecordId(), s.getFile(), s.getRow(), r.getVersion()));
        }
        return rows;
    }

    /** A Flink POJO for {@code unified_record_source}. */
    public static class SourceRow {
        public String recordId;
        public String file;
        public long row;
        public long version;

        public SourceRow() {}

        public SourceRow(String recordId, String file, long row, long version) {
            this.recordId = recordId;
            this.file = file;
            this.row = row;
            this.version = version;
        }
    }

    /** A rejected record and whether it was a departmental record or a registry/catalogue row. */
    public static class RejectedRow {
        public RejectedRecord rejected;
        public String kind;

        public RejectedRow() {}

        public RejectedRow(RejectedRecord rejected, String kind) {
            this.rejected = rejected;
            this.kind = kind;
        }
    }

    /**
     * A sink that runs {@code sql} for every element, at least once, in batches as {@code exec}
     * says.
     */
    static <T> JdbcSink<T> atLeastOnce(
            String sql,
            JdbcStatementBuilder<T> statement,
            JdbcConnectionOptions conn,
            JdbcExecutionOptions exec) {
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, statement)
                .withExecutionOptions(exec)
                .buildAtLeastOnce(conn);
    }

    /** Writes each list of states with one statement, as {@link RowBatcher} gathered it. */
    public static JdbcSink<List<UnifiedRecord>> unifiedSink(
            JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return atLeastOnce(UPSERT_UNIFIED, new UnifiedStatement(), conn, exec);
    }

    /** Writes each list of sources with one statement, as {@link RowBatcher} gathered it. */
    public static JdbcSink<List<SourceRow>> sourceSink(
            JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return atLeastOnce(INSERT_SOURCE, new SourceStatement(), conn, exec);
    }

    public static JdbcSink<RejectedRow> rejectedSink(
            JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return atLeastOnce(UPSERT_REJECTED, new RejectedStatement(), conn, exec);
    }

    public static JdbcSink<CoverageSnapshot> coverageSink(
            JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return atLeastOnce(UPSERT_COVERAGE, new CoverageStatement(), conn, exec);
    }

    /**
     * Each snapshot's headline figures, for the coverage page's trend ({@code coverage_history}).
     */
    public static JdbcSink<CoverageSnapshot> coverageHistorySink(
            JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return atLeastOnce(INSERT_COVERAGE_HISTORY, new CoverageHistoryStatement(), conn, exec);
    }

    static final class UnifiedStatement implements JdbcStatementBuilder<List<UnifiedRecord>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, List<UnifiedRecord> batch) throws SQLException {
            int n = batch.size();
            String[] id = new String[n];
            Long[] version = new Long[n];
            String[] type = new String[n];
            String[] dept = new String[n];
            String[] docNo = new String[n];
            String[] subject = new String[n];
            String[] uscc = new String[n];
            String[] decisionDate = new String[n];
            String[] status = new String[n];
            String[] enterprise = new String[n];
            String[] method = new String[n];
            Double[] confidence = new Double[n];
            String[] flags = new String[n];
            String[] record = new String[n];
            for (int i = 0; i < n; i++) {
                UnifiedRecord r = SinkSafeText.cleanRecord(batch.get(i));
                id[i] = SinkSafeText.cleanOrEmpty(r.getRecordId());
                version[i] = r.getVersion();
                type[i] = name(r.getRecordType());
                dept[i] = SinkSafeText.cleanOrEmpty(r.getDeptCode());
                docNo[i] = SinkSafeText.cleanOrEmpty(r.getFields().getDocNo());
                subject[i] = SinkSafeText.cleanOrEmpty(r.getFields().getSubjectName());
                uscc[i] = r.getFields().getUscc();
                decisionDate[i] = date(r.getFields().getDecisionDate()).toString();
                status[i] = name(r.getFields().getStatus());
                enterprise[i] = r.getEnterpriseId();
                method[i] = name(r.getLinkMethod());
                confidence[i] = r.getLinkConfidence();
                flags[i] = json(g -> writeTexts(g, r.getQualityFlags()));
                record[i] = json(g -> OutputJson.write(g, r));
            }
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("text", id));
            ps.setArray(2, c.createArrayOf("bigint", version));
            ps.setArray(3, c.createArrayOf("text", type));
            ps.setArray(4, c.createArrayOf("text", dept));
            ps.setArray(5, c.createArrayOf("text", docNo));
            ps.setArray(6, c.createArrayOf("text", subject));
            ps.setArray(7, c.createArrayOf("text", uscc));
            ps.setArray(8, c.createArrayOf("text", decisionDate));
            ps.setArray(9, c.createArrayOf("text", status));
            ps.setArray(10, c.createArrayOf("text", enterprise));
            ps.setArray(11, c.createArrayOf("text", method));
            ps.setArray(12, c.createArrayOf("float8", confidence));
            ps.setArray(13, c.createArrayOf("text", flags));
            ps.setArray(14, c.createArrayOf("text", record));
        }
    }

    /** A JSON array of the texts that are not null (quality flags). */
    private static void writeTexts(JsonGenerator g, List<String> texts) throws IOException {
        g.writeStartArray();
        for (String t : texts) {
            if (t != null) {
                g.writeString(t);
            }
        }
        g.writeEndArray();
    }

    static final class SourceStatement implements JdbcStatementBuilder<List<SourceRow>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, List<SourceRow> batch) throws SQLException {
            int n = batch.size();
            String[] id = new String[n];
            String[] file = new String[n];
            Long[] row = new Long[n];
            Long[] version = new Long[n];
            for (int i = 0; i < n; i++) {
                SourceRow s = batch.get(i);
                id[i] = SinkSafeText.cleanOrEmpty(s.recordId);
                file[i] = SinkSafeText.cleanOrEmpty(s.file);
                row[i] = s.row;
                version[i] = s.version;
            }
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("text", id));
            ps.setArray(2, c.createArrayOf("text", file));
            ps.setArray(3, c.createArrayOf("bigint", row));
            ps.setArray(4, c.createArrayOf("bigint", version));
        }
    }

    static final class RejectedStatement implements JdbcStatementBuilder<RejectedRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, RejectedRow row) throws SQLException {
            RejectedRecord r = row.rejected;
            ps.setString(1, SinkSafeText.cleanOrEmpty(r.getFile()));
            ps.setLong(2, r.getRow());
            ps.setString(3, SinkSafeText.cleanOrEmpty(row.kind));
            ps.setString(4, name(r.getReason()));
            ps.setString(5, SinkSafeText.cleanOrEmpty(r.getMessage()));
            ps.setString(
                    6, SinkSafeText.cleanOrEmpty(r.getRaw())); // PostgreSQL text cannot hold NUL
            ps.setString(7, SinkSafeText.clean(r.getDeptCode()));
            if (r.getRecordType() == null) {
                ps.setNull(8, Types.VARCHAR);
            } else {
                ps.setString(8, SinkSafeText.clean(r.getRecordType()));
            }
        }
    }

    static final class CoverageStatement implements JdbcStatementBuilder<CoverageSnapshot> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, CoverageSnapshot given) throws SQLException {
            CoverageSnapshot c = SinkSafeText.cleanRecord(given);
            ps.setString(1, SinkSafeText.cleanOrEmpty(c.getPeriod()));
            ps.setTimestamp(2, Timestamp.valueOf(time(c.getGeneratedAt())));
            ps.setDouble(3, c.getDeptCoverage());
            ps.setDouble(4, c.getItemCoverage());
            ps.setDouble(5, c.getTarget());
            ps.setString(6, SinkSafeText.cleanOrEmpty(c.getStatus()));
            ps.setString(7, json(g -> OutputJson.write(g, c)));
        }
    }

    static final class CoverageHistoryStatement implements JdbcStatementBuilder<CoverageSnapshot> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, CoverageSnapshot given) throws SQLException {
            CoverageSnapshot c = SinkSafeText.cleanRecord(given);
            ps.setString(1, SinkSafeText.cleanOrEmpty(c.getPeriod()));
            ps.setTimestamp(2, Timestamp.valueOf(time(c.getGeneratedAt())));
            ps.setDouble(3, c.getDeptCoverage());
            ps.setDouble(4, c.getItemCoverage());
            ps.setDouble(5, c.getTarget());
            ps.setString(6, SinkSafeText.cleanOrEmpty(c.getStatus()));
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    /**
     * An ISO date for a {@code date NOT NULL} column. A published decision date is a validated ISO
     * date, so the fallback (0001-01-01) only keeps a statement from failing on what cannot happen;
     * the {@code record} document keeps the value as published. Its text is what PostgreSQL reads
     * (four-digit years: a later one would be written with a sign).
     */
    static LocalDate date(String iso) {
        try {
            LocalDate d = LocalDate.parse(iso);
            return d.getYear() < 1 || d.getYear() > 9999 ? LocalDate.of(1, 1, 1) : d;
        } catch (RuntimeException e) {
            return LocalDate.of(1, 1, 1);
        }
    }

    /** An ISO date-time for a timestamp column; the time of writing when it does not parse. */
    static LocalDateTime time(String iso) {
        try {
            return LocalDateTime.parse(iso);
        } catch (RuntimeException e) {
            return LocalDateTime.now();
        }
    }

    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonWriter w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = OutputJson.generator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The record's strings went through SinkSafeText.cleanRecord: no NUL or lone surrogate
        // escape,
        // which jsonb refuses, can be in it.
        return out.toString(StandardCharsets.UTF_8);
    }
}
