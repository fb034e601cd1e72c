package io.guiji.connectors.jdbc;

import io.guiji.connectors.kafka.KeyedJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The enterprise view's PostgreSQL tables ({@code deploy/postgres/schema.sql}): {@code
 * enterprise_profiles}, one row per enterprise, and {@code leads}, one row per lead, each written
 * from its compacted Kafka topic as {@link KeyedJson} rows by a Flink JDBC sink of batched
 * statements.
 *
 * <p>Each statement is idempotent and ordered by the message's place in its topic: all states of a
 * key are in one partition, so a row moves forward only to a higher offset ({@code WHERE
 * t.kafka_offset < EXCLUDED.kafka_offset}, or another partition), and a profile tombstone deletes
 * the row unless a later state is already there. One statement does both (a data-modifying {@code
 * WITH}): an upsert and a delete of the same key stay in the order the topic has them, in one list
 * or across lists, and an at-least-once replay after a restart changes nothing. The columns are
 * taken from the JSON document in SQL, so the document ({@code profile}, {@code lead}) and the
 * columns cannot disagree.
 */
public final class EnterpriseTables {
    private EnterpriseTables() {}

    /**
     * The rows of a list, one statement ({@link RowBatcher}): keys, partitions, offsets and JSON
     * documents as four arrays, the latest state of each key in the list (its highest offset: a
     * key's states are in one partition), which is what its states one after the other would leave.
     */
    private static String latestOfEachKey(String document) {
        return "SELECT DISTINCT ON (u.id) u.id, u.part, u.off, u.doc::jsonb AS "
                + document
                + " FROM unnest(?::text[], ?::integer[], ?::bigint[], ?::text[]) AS u(id, part, off, doc)"
                + " ORDER BY u.id, u.off DESC";
    }

    /** Parameters: keys, partitions, offsets, JSON (null: a tombstone), one list. */
    public static final String UPSERT_PROFILE =
            "WITH v AS ("
                    + latestOfEachKey("p")
                    + "),"
                    + " gone AS (DELETE FROM enterprise_profiles t USING v WHERE v.p IS NULL"
                    + " AND t.enterprise_id = v.id AND (t.kafka_partition <> v.part OR t.kafka_offset < v.off))"
                    + " INSERT INTO enterprise_profiles AS t (enterprise_id, name, reference_date, record_count,"
                    + " counts_by_type, first_record_date, last_record_date, health_score, health_grade,"
                    + " health_grade_label, health_model, health_components, profile, kafka_partition, kafka_offset)"
                    + " SELECT v.id, v.p->>'name', (v.p->>'reference_date')::date, (v.p->>'record_count')::bigint,"
                    + " v.p->'counts_by_type', (v.p->>'first_record_date')::date, (v.p->>'last_record_date')::date,"
                    + " (v.p->'health'->>'score')::integer, v.p->'health'->>'grade', v.p->'health'->>'grade_label',"
                    + " v.p->'health'->>'model', v.p->'health'->'components', v.p, v.part, v.off"
                    + " FROM v WHERE v.p IS NOT NULL"
                    + " ON CONFLICT (enterprise_id) DO UPDATE SET name = EXCLUDED.name,"
                    + " reference_date = EXCLUDED.reference_date, record_count = EXCLUDED.record_count,"
                    + " counts_by_type = EXCLUDED.counts_by_type, first_record_date = EXCLUDED.first_record_date,"
                    + " last_record_date = EXCLUDED.last_record_date, health_score = EXCLUDED.health_score,"
                    + " health_grade = EXCLUDED.health_grade, health_grade_label = EXCLUDED.health_grade_label,"
                    + " health_model = EXCLUDED.health_model, health_components = EXCLUDED.health_components,"
                    + " profile = EXCLUDED.profile, kafka_partition = EXCLUDED.kafka_partition,"
                    + " kafka_offset = EXCLUDED.kafka_offset, written_at = now()"
                    + " WHERE t.kafka_partition <> EXCLUDED.kafka_partition OR t.kafka_offset < EXCLUDED.kafka_offset";

    /**
     * Parameters: keys, partitions, offsets, JSON, one list. Upsert only: a withdrawn lead is a
     * state (status WITHDRAWN), not a tombstone; a tombstone (guiji writes none) changes nothing.
     */
    public static final String UPSERT_LEAD =
            "WITH v AS ("
                    + latestOfEachKey("l")
                    + ")"
                    + " INSERT INTO leads AS t (lead_id, kind, kind_label, status, rule, activity, reason,"
                    + " enterprise_id, subject_name, department, reference_date, evidence, lead,"
                    + " kafka_partition, kafka_offset)"
                    + " SELECT v.id, v.l->>'kind', v.l->>'kind_label', v.l->>'status', v.l->>'rule',"
                    + " v.l->>'activity', v.l->>'reason', v.l->>'enterprise_id', v.l->>'subject_name',"
                    + " v.l->>'department', (v.l->>'reference_date')::date, v.l->'evidence', v.l, v.part, v.off"
                    + " FROM v WHERE v.l IS NOT NULL"
                    + " ON CONFLICT (lead_id) DO UPDATE SET kind = EXCLUDED.kind, kind_label = EXCLUDED.kind_label,"
                    + " status = EXCLUDED.status, rule = EXCLUDED.rule, activity = EXCLUDED.activity,"
                    + " reason = EXCLUDED.reason, enterprise_id = EXCLUDED.enterprise_id,"
                    + " subject_name = EXCLUDED.subject_name, department = EXCLUDED.department,"
                    + " reference_date = EXCLUDED.reference_date, evidence = EXCLUDED.evidence,"
                    + " lead = EXCLUDED.lead, kafka_partition = EXCLUDED.kafka_partition,"
                    + " kafka_offset = EXCLUDED.kafka_offset, written_at = now()"
                    + " WHERE t.kafka_partition <> EXCLUDED.kafka_partition OR t.kafka_offset < EXCLUDED.kafka_offset";

    public static JdbcSink<List<KeyedJson>> profileSink(
            JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return PostgresTables.atLeastOnce(UPSERT_PROFILE, new KeyedJsonStatement(), conn, exec);
    }

    public static JdbcSink<List<KeyedJson>> leadSink(
            JdbcConnectionOptions conn, JdbcExecutionOptions exec) {
        return PostgresTables.atLeastOnce(UPSERT_LEAD, new KeyedJsonStatement(), conn, exec);
    }

    /**
     * Binds a list's keys, partitions, offsets and documents (already safe: {@code
     * KeyedJsonDeserializer}) as four arrays.
     */
    static final class KeyedJsonStatement implements JdbcStatementBuilder<List<KeyedJson>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(PreparedStatement ps, List<KeyedJson> batch) throws SQLException {
            int n = batch.size();
            String[] key = new String[n];
            Integer[] partition = new Integer[n];
            Long[] offset = new Long[n];
            String[] json = new String[n];
            for (int i = 0; i < n; i++) {
                KeyedJson row = batch.get(i);
                key[i] = row.key;
                partition[i] = row.partition;
                offset[i] = row.offset;
                json[i] = row.json;
            }
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("text", key));
            ps.setArray(2, c.createArrayOf("integer", partition));
            ps.setArray(3, c.createArrayOf("bigint", offset));
            ps.setArray(4, c.createArrayOf("text", json));
        }
    }
}
