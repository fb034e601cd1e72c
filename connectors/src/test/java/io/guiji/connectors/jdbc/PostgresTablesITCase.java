package io.guiji.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.avro.RandomAvro;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.testing.PostgresExtension;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code unified_record} and {@code unified_record_source} written a list at a time, one statement
 * over arrays ({@link PostgresTables}), on a real PostgreSQL with deploy/postgres/schema.sql: a
 * record twice in a list is written at its highest version, a source twice once, and any record as
 * it can come from Kafka (random values of every field: NUL, quotes, backslashes, braces, commas,
 * supplementary characters, extreme numbers) is written whole, its texts as {@link SinkSafeText}
 * leaves them.
 */
class PostgresTablesITCase {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @BeforeEach
    void tables() throws Exception {
        GuijiSchema.apply(
                PG,
                "DROP TABLE IF EXISTS unified_record, unified_record_source, enterprise_profiles, leads");
    }

    @Test
    void aRecordTwiceInAListIsWrittenAtItsHighestVersionAndNeverGoesBack() throws Exception {
        writeUnified(List.of(state("a", 2, "乙公司"), state("a", 1, "甲公司")));
        assertThat(row("a")).isEqualTo("2 乙公司");
        writeUnified(List.of(state("a", 3, "丙公司"), state("a", 1, "甲公司"), state("b", 1, "丁")));
        assertThat(row("a")).isEqualTo("3 丙公司");
        assertThat(row("b")).isEqualTo("1 丁");
        // an at-least-once replay of an older list changes nothing
        writeUnified(List.of(state("a", 2, "乙公司")));
        assertThat(row("a")).isEqualTo("3 丙公司");
    }

    @Test
    void aSourceTwiceInAListIsOneRowWithTheVersionThatFirstListedIt() throws Exception {
        writeSources(
                List.of(
                        new PostgresTables.SourceRow("a", "kafka:t/0", 7, 1),
                        new PostgresTables.SourceRow("a", "kafka:t/0", 7, 1),
                        new PostgresTables.SourceRow("a", "kafka:t/1", 3, 1)));
        writeSources(List.of(new PostgresTables.SourceRow("a", "kafka:t/0", 7, 2)));
        assertThat(
                        query(
                                "SELECT source_file, source_row, first_version FROM unified_record_source"))
                .containsExactlyInAnyOrder("kafka:t/0 7 1", "kafka:t/1 3 1");
    }

    @Test
    void anyRecordAsItCanComeFromKafkaIsWrittenWholeInOneStatement() throws Exception {
        for (long seed = 0; seed < 40; seed++) {
            RandomAvro random = new RandomAvro(seed);
            List<UnifiedRecord> list = new ArrayList<>();
            Map<String, UnifiedRecord> expected = new HashMap<>();
            int n = 1 + (int) (seed % 17);
            for (int i = 0; i < n; i++) {
                UnifiedRecord r = random.of(UnifiedRecord.class);
                r.setRecordId("s" + seed + "-" + i + r.getRecordId());
                list.add(r);
                expected.put(SinkSafeText.cleanOrEmpty(r.getRecordId()), r);
            }
            writeUnified(list);
            try (Connection c = PG.connection();
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT record_id, version, subject_name, doc_no, uscc, quality_flags,"
                                            + " record->>'record_id', enterprise_id"
                                            + " FROM unified_record WHERE record_id LIKE ?")) {
                ps.setString(1, "s" + seed + "-%");
                int rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        UnifiedRecord r = expected.get(rs.getString(1));
                        assertThat(r).as("seed %d: row %s", seed, rs.getString(1)).isNotNull();
                        assertThat(rs.getLong(2)).isEqualTo(r.getVersion());
                        assertThat(rs.getString(3))
                                .isEqualTo(
                                        SinkSafeText.cleanOrEmpty(r.getFields().getSubjectName()));
                        assertThat(rs.getString(4))
                                .isEqualTo(SinkSafeText.cleanOrEmpty(r.getFields().getDocNo()));
                        assertThat(rs.getString(5))
                                .isEqualTo(SinkSafeText.clean(r.getFields().getUscc()));
                        assertThat(texts(rs.getArray(6)))
                                .as("seed %d: quality flags", seed)
                                .isEqualTo(
                                        r.getQualityFlags().stream()
                                                .filter(Objects::nonNull)
                                                .map(SinkSafeText::clean)
                                                .toList());
                        assertThat(rs.getString(7)).isEqualTo(rs.getString(1));
                        assertThat(rs.getString(8))
                                .isEqualTo(SinkSafeText.clean(r.getEnterpriseId()));
                    }
                }
                assertThat(rows).as("seed %d", seed).isEqualTo(n);
            }
        }
    }

    @Test
    void theRewrittenDocumentsAreCompressedWithLz4WhereTheServerHasIt() throws Exception {
        boolean lz4 =
                !query(
                                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                                        + " AND 'lz4' = ANY (enumvals)")
                        .isEmpty();
        List<String> columns =
                query(
                        "SELECT attrelid::regclass || '.' || attname FROM pg_attribute"
                                + " WHERE attcompression = 'l' AND attnum > 0 ORDER BY 1");
        assertThat(columns)
                .isEqualTo(
                        lz4
                                ? List.of(
                                        "enterprise_profiles.health_components",
                                        "enterprise_profiles.profile",
                                        "leads.lead",
                                        "unified_record.record")
                                : List.of());
    }

    // ------------------------------------------------------------------ fixtures

    private static UnifiedRecord state(String id, long version, String subject) {
        UnifiedRecord r = new RandomAvro(version).of(UnifiedRecord.class);
        r.setRecordId(id);
        r.setVersion(version);
        r.getFields().setSubjectName(subject);
        return r;
    }

    private static void writeUnified(List<UnifiedRecord> list) throws Exception {
        try (Connection c = PG.connection();
                PreparedStatement ps = c.prepareStatement(PostgresTables.UPSERT_UNIFIED)) {
            new PostgresTables.UnifiedStatement().accept(ps, list);
            ps.executeUpdate();
        }
    }

    private static void writeSources(List<PostgresTables.SourceRow> list) throws Exception {
        try (Connection c = PG.connection();
                PreparedStatement ps = c.prepareStatement(PostgresTables.INSERT_SOURCE)) {
            new PostgresTables.SourceStatement().accept(ps, list);
            ps.executeUpdate();
        }
    }

    private static String row(String id) throws Exception {
        List<String> rows =
                query(
                        "SELECT version, subject_name FROM unified_record WHERE record_id = '"
                                + id
                                + "' AND record->>'record_id' = record_id");
        assertThat(rows).hasSizeLessThanOrEqualTo(1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<String> query(String sql) throws Exception {
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
            return rows;
        }
    }

    private static List<String> texts(Array a) throws Exception {
        return Arrays.asList((String[]) a.getArray());
    }
}
