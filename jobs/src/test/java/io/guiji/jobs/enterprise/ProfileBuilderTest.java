package io.guiji.jobs.enterprise;

import static io.guiji.jobs.enterprise.Records.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.ProfileLicence;
import io.guiji.schemas.ProfileListing;
import io.guiji.schemas.RecordType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ProfileBuilder} on hand-built record sets, relative to a reference date. */
class ProfileBuilderTest {
    static final LocalDate REF = LocalDate.parse("2026-06-30");
    static final HealthModel MODEL = HealthModel.builtIn();

    static List<io.guiji.schemas.UnifiedRecord> history() {
        return List.of(
                penalty("p-old", "2022-01-10", "罚款", "0.5"), // more than 3 years before REF
                penalty("p-new", "2025-03-01", "警告;罚款", "12"),
                penalty("p-2", "2024-08-01", "责令停产停业", null),
                coercion("c-open", "2026-05-01", null),
                coercion("c-later", "2026-05-02", "2026-07-01"), // released after REF: in force
                coercion("c-released", "2025-01-01", "2025-03-01"),
                listing("l-abn", "2025-02-01", "经营异常名录", null),
                listing("l-abn-out", "2024-02-01", "经营异常名录", "2024-10-01"),
                listing("l-dis", "2026-01-01", "严重违法失信名单", null),
                court("j-1", "2025-05-05", true),
                // food licence renewed under the same number: valid, not expired
                licence("lic-1", "2019-01-01", "食品经营许可证", "JY1", "2019-01-01", "2023-12-31"),
                licence("lic-2", "2023-12-20", "食品经营许可证", "JY1", "2024-01-01", "2028-12-31"),
                licence("lic-3", "2018-01-01", "排污许可证", "PW1", "2018-01-01", "2021-12-31"),
                inspection("i-1", "2025-01-01", "企业公示信息抽查", "未发现问题"),
                inspection("i-2", "2026-01-01", "企业公示信息抽查", "发现问题待后续处理"),
                inspection("i-old", "2020-01-01", "企业公示信息抽查", "不配合检查情节严重"));
    }

    @Test
    void aProfileGathersTheEnterprisesRecordsInForce() {
        EnterpriseProfile p =
                ProfileBuilder.build(
                        ENTERPRISE,
                        facts(history().toArray(io.guiji.schemas.UnifiedRecord[]::new)),
                        REF,
                        MODEL);

        assertThat(p.getEnterpriseId()).isEqualTo(ENTERPRISE);
        assertThat(p.getName()).isEqualTo(NAME);
        assertThat(p.getReferenceDate()).isEqualTo("2026-06-30");
        assertThat(p.getRecordCount()).isEqualTo(16);
        assertThat(p.getCountsByType())
                .isEqualTo(
                        Map.of(
                                "penalty", 3L,
                                "coercion", 3L,
                                "dishonesty", 3L,
                                "judicial", 1L,
                                "license", 3L,
                                "inspection", 3L));
        assertThat(p.getFirstRecordDate()).isEqualTo("2018-01-01");
        assertThat(p.getLastRecordDate()).isEqualTo("2026-05-02");
        assertThat(p.getLatestPenalty().getRecordId()).isEqualTo("p-new");
        assertThat(p.getLatestPenalty().getAmount()).isEqualByComparingTo("12");
        assertThat(p.getRecentPenalties())
                .extracting(x -> x.getRecordId())
                .containsExactly("p-new", "p-2");
        assertThat(p.getCoerciveMeasuresInForce())
                .extracting(x -> x.getRecordId())
                .containsExactly("c-later", "c-open");
        assertThat(p.getAbnormalOperationInForce())
                .extracting(ProfileListing::getRecordId)
                .containsExactly("l-abn");
        assertThat(p.getDishonestyInForce())
                .extracting(ProfileListing::getRecordId)
                .containsExactly("l-dis");
        assertThat(p.getCourtEnforcement()).hasSize(1);
        assertThat(p.getCourtEnforcement().get(0).getDishonest()).isTrue();
        assertThat(p.getLicencesValid())
                .extracting(ProfileLicence::getRecordId)
                .containsExactly("lic-2");
        assertThat(p.getLicencesExpired())
                .extracting(ProfileLicence::getRecordId)
                .containsExactly("lic-3");
        assertThat(p.getRecentInspections()).isEqualTo(Map.of("未发现问题", 1L, "发现问题待后续处理", 1L));
    }

    @Test
    void theReferenceDateDecidesWhatIsInForceValidAndRecent() {
        EnterpriseProfile p =
                ProfileBuilder.build(
                        ENTERPRISE,
                        facts(history().toArray(io.guiji.schemas.UnifiedRecord[]::new)),
                        LocalDate.parse("2023-06-30"),
                        MODEL);

        // JY1 is valid through lic-1 that day (its renewal lic-2 starts later)
        assertThat(p.getLicencesValid())
                .extracting(ProfileLicence::getRecordId)
                .containsExactly("lic-1");
        assertThat(p.getLicencesExpired())
                .extracting(ProfileLicence::getRecordId)
                .containsExactly("lic-3");
        assertThat(p.getRecentPenalties())
                .extracting(x -> x.getRecordId())
                .containsExactly("p-old");
        assertThat(p.getCoerciveMeasuresInForce()).isEmpty();
        assertThat(p.getDishonestyInForce()).isEmpty();
    }

    @Test
    void theOrderOfTheRecordsDoesNotMatter() {
        List<io.guiji.schemas.UnifiedRecord> shuffled = new ArrayList<>(history());
        Collections.shuffle(shuffled, new Random(7));
        assertThat(
                        ProfileBuilder.build(
                                ENTERPRISE,
                                facts(shuffled.toArray(io.guiji.schemas.UnifiedRecord[]::new)),
                                REF,
                                MODEL))
                .isEqualTo(
                        ProfileBuilder.build(
                                ENTERPRISE,
                                facts(history().toArray(io.guiji.schemas.UnifiedRecord[]::new)),
                                REF,
                                MODEL));
    }

    @Test
    void countsOfATypeAreReadByName() {
        EnterpriseProfile p =
                ProfileBuilder.build(
                        ENTERPRISE, facts(penalty("p", "2025-01-01", "罚款", "1")), REF, MODEL);
        assertThat(ProfileBuilder.count(p, RecordType.penalty)).isEqualTo(1);
        assertThat(ProfileBuilder.count(p, RecordType.license)).isZero();
    }
}
