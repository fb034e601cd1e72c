package io.guiji.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.json.OutputJson;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.kafka.KeyedJson;
import io.guiji.connectors.kafka.KeyedJsonDeserializer;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.HealthComponent;
import io.guiji.schemas.HealthIndex;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LeadEvidence;
import io.guiji.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The statements of {@code enterprise_profiles} and {@code leads} against
 * deploy/postgres/schema.sql on a real PostgreSQL, fed as the job feeds them ({@link
 * KeyedJsonDeserializer} over Kafka messages): columns taken from the document, a key's row moving
 * only forward in offset order, a tombstone deleting a profile only when it is the newer, an
 * at-least-once replay changing nothing, and a withdrawn lead kept with its status.
 */
class EnterpriseTablesITCase {
    private static final String ID = "91110000600037341L";

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @BeforeEach
    void tables() throws Exception {
        GuijiSchema.apply(PG);
    }

    @Test
    void aProfileRowHasTheDocumentsColumnsAndMovesOnlyForward() throws Exception {
        write(EnterpriseTables.UPSERT_PROFILE, profileMessage(0, 5, profile(3, 72, "B")));
        assertThat(profileRow())
                .isEqualTo("3 72 B 良 model-1 components=1 name=朝阳市某某商贸有限公司 penalty=2 offset=5");

        // a replay of an older state (after a restart) or a state from before: no change
        write(EnterpriseTables.UPSERT_PROFILE, profileMessage(0, 3, profile(1, 95, "A")));
        assertThat(profileRow()).contains("3 72 B", "offset=5");

        write(EnterpriseTables.UPSERT_PROFILE, profileMessage(0, 8, profile(2, 90, "A")));
        assertThat(profileRow()).contains("2 90 A", "offset=8");
    }

    @Test
    void aTombstoneDeletesTheProfileUnlessANewerStateIsThere() throws Exception {
        write(EnterpriseTables.UPSERT_PROFILE, profileMessage(1, 5, profile(3, 72, "B")));
        write(EnterpriseTables.UPSERT_PROFILE, tombstone(1, 4)); // older than the row: kept
        assertThat(profileRow()).contains("offset=5");

        // an upsert and the tombstone after it in one list: gone, in the topic's order
        write(
                EnterpriseTables.UPSERT_PROFILE,
                profileMessage(1, 6, profile(1, 95, "A")),
                tombstone(1, 7));
        assertThat(profileRow()).isNull();

        // a tombstone and a later state in one list, as a replay may order them: the later state
        write(
                EnterpriseTables.UPSERT_PROFILE,
                tombstone(1, 7),
                profileMessage(1, 8, profile(2, 90, "A")),
                profileMessage(1, 6, profile(1, 95, "A")));
        assertThat(profileRow()).contains("2 90 A", "offset=8");
        write(EnterpriseTables.UPSERT_PROFILE, tombstone(1, 8)); // the same offset: not newer
        assertThat(profileRow()).contains("offset=8");
        write(EnterpriseTables.UPSERT_PROFILE, tombstone(1, 8), tombstone(1, 9));
        assertThat(profileRow()).isNull();

        // the enterprise comes back later
        write(EnterpriseTables.UPSERT_PROFILE, profileMessage(1, 9, profile(1, 95, "A")));
        assertThat(profileRow()).contains("1 95 A", "offset=9");
    }

    @Test
    void aWithdrawnLeadStaysWithItsStatusAndAnOlderOpenStateDoesNotReopenIt() throws Exception {
        write(EnterpriseTables.UPSERT_LEAD, leadMessage(2, "OPEN"));
        assertThat(leadRow()).isEqualTo("OPEN UNREGISTERED 无照 市场监督管理部门 evidence=1 2026-11-25");
        write(EnterpriseTables.UPSERT_LEAD, leadMessage(4, "WITHDRAWN"));
        write(EnterpriseTables.UPSERT_LEAD, leadMessage(2, "OPEN")); // a replay
        assertThat(leadRow()).startsWith("WITHDRAWN ");
        // a replay of both states in one list, in either order
        write(EnterpriseTables.UPSERT_LEAD, leadMessage(4, "WITHDRAWN"), leadMessage(2, "OPEN"));
        write(EnterpriseTables.UPSERT_LEAD, leadMessage(2, "OPEN"), leadMessage(4, "WITHDRAWN"));
        assertThat(leadRow()).startsWith("WITHDRAWN ");
        write(EnterpriseTables.UPSERT_LEAD, tombstone(0, 9)); // none is written; it changes nothing
        assertThat(leadRow()).startsWith("WITHDRAWN ");
    }

    // ------------------------------------------------------------------ fixtures

    /** {@code rows} as one list, one statement, as the job writes them. */
    private static void write(String sql, KeyedJson... rows) throws Exception {
        try (Connection c = PG.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            new EnterpriseTables.KeyedJsonStatement().accept(ps, List.of(rows));
            ps.executeUpdate();
        }
    }

    private static String profileRow() throws Exception {
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT record_count, health_score, health_grade, health_grade_label,"
                                        + " health_model, jsonb_array_length(health_components), name,"
                                        + " counts_by_type->>'penalty', kafka_offset"
                                        + " FROM enterprise_profiles WHERE enterprise_id = '"
                                        + ID
                                        + "' AND profile->>'enterprise_id' = enterprise_id")) {
            if (!rs.next()) {
                return null;
            }
            return rs.getLong(1)
                    + " "
                    + rs.getInt(2)
                    + " "
                    + rs.getString(3)
                    + " "
                    + rs.getString(4)
                    + " "
                    + rs.getString(5)
                    + " components="
                    + rs.getInt(6)
                    + " name="
                    + rs.getString(7)
                    + " penalty="
                    + rs.getString(8)
                    + " offset="
                    + rs.getLong(9);
        }
    }

    private static String leadRow() throws Exception {
        try (Connection c = PG.connection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT status, kind, kind_label, department,"
                                        + " jsonb_array_length(evidence), reference_date FROM leads")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(
                        rs.getString(1)
                                + " "
                                + rs.getString(2)
                                + " "
                                + rs.getString(3)
                                + " "
                                + rs.getString(4)
                                + " evidence="
                                + rs.getInt(5)
                                + " "
                                + rs.getDate(6));
            }
            assertThat(rows).hasSizeLessThanOrEqualTo(1);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    private static KeyedJson profileMessage(int partition, long offset, EnterpriseProfile p)
            throws Exception {
        return read(
                new KeyedJsonDeserializer<>(EnterpriseProfile.class, OutputJson::write),
                partition,
                offset,
                ID,
                p);
    }

    private static KeyedJson leadMessage(long offset, String status) throws Exception {
        Lead l = lead(status);
        return read(
                new KeyedJsonDeserializer<>(Lead.class, OutputJson::write),
                0,
                offset,
                l.getLeadId(),
                l);
    }

    private static KeyedJson tombstone(int partition, long offset) throws Exception {
        return read(
                new KeyedJsonDeserializer<>(EnterpriseProfile.class, OutputJson::write),
                partition,
                offset,
                partition == 0 ? lead("OPEN").getLeadId() : ID,
                null);
    }

    /** A message as the feed's Kafka source hands it to the deserializer. */
    private static <T extends SpecificRecord> KeyedJson read(
            KeyedJsonDeserializer<T> d, int partition, long offset, String key, T value)
            throws Exception {
        @SuppressWarnings("unchecked")
        byte[] bytes =
                value == null ? null : new AvroBinary<>((Class<T>) value.getClass()).encode(value);
        List<KeyedJson> out = new ArrayList<>();
        d.deserialize(
                new ConsumerRecord<>(
                        "out.enterprises",
                        partition,
                        offset,
                        key.getBytes(StandardCharsets.UTF_8),
                        bytes),
                new ListCollector<>(out));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(key);
        assertThat(out.get(0).json == null).isEqualTo(value == null);
        return out.get(0);
    }

    static EnterpriseProfile profile(long records, int score, String grade) {
        return EnterpriseProfile.newBuilder()
                .setEnterpriseId(ID)
                .setName("朝阳市某某商贸有限公司")
                .setReferenceDate("2026-11-25")
                .setRecordCount(records)
                .setCountsByType(Map.of("penalty", 2L, "license", records - 2))
                .setFirstRecordDate("2025-01-05")
                .setLastRecordDate("2026-03-01")
                .setRecentPenalties(List.of())
                .setCoerciveMeasuresInForce(List.of())
                .setDishonestyInForce(List.of())
                .setAbnormalOperationInForce(List.of())
                .setCourtEnforcement(List.of())
                .setLicencesValid(List.of())
                .setLicencesExpired(List.of())
                .setRecentInspections(Map.of())
                .setHealth(
                        HealthIndex.newBuilder()
                                .setScore(score)
                                .setGrade(grade)
                                .setGradeLabel(grade.equals("A") ? "优" : "良")
                                .setModel("model-1")
                                .setComponents(
                                        List.of(
                                                new HealthComponent(
                                                        "penalties",
                                                        40.0,
                                                        100.0 - score,
                                                        2L,
                                                        "2 penalties")))
                                .build())
                .build();
    }

    static Lead lead(String status) {
        return Lead.newBuilder()
                .setLeadId("0123456789abcdef0123456789abcdef")
                .setKind("UNREGISTERED")
                .setKindLabel("无照")
                .setStatus(status)
                .setRule("unregistered")
                .setReason("NOT_IN_REGISTRY")
                .setSubjectName("朝阳市双塔区老王小吃店")
                .setDepartment("市场监督管理部门")
                .setReferenceDate("2026-11-25")
                .setEvidence(
                        List.of(
                                new LeadEvidence(
                                        "r1",
                                        "penalty",
                                        "SCJG01",
                                        "朝市监罚〔2026〕103号",
                                        "2026-04-01",
                                        "not_in_registry")))
                .build();
    }
}
