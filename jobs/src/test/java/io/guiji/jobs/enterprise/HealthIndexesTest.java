package io.guiji.jobs.enterprise;

import static io.guiji.jobs.enterprise.Records.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.HealthComponent;
import io.guiji.schemas.HealthIndex;
import io.guiji.schemas.UnifiedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HealthIndexes}: a worked example under the built-in model, a bureau's own model file, and
 * properties of the index over random record sets — bounded, the sum of its components, each within
 * its weight, reproducible from the profile alone, never raised by a penalty.
 */
class HealthIndexesTest {
    static final LocalDate REF = ProfileBuilderTest.REF;
    static final HealthModel MODEL = HealthModel.builtIn();

    private static EnterpriseProfile profile(List<UnifiedRecord> records, HealthModel model) {
        return ProfileBuilder.build(
                ENTERPRISE, facts(records.toArray(UnifiedRecord[]::new)), REF, model);
    }

    private static Map<String, Double> deductions(HealthIndex h) {
        return h.getComponents().stream()
                .collect(Collectors.toMap(HealthComponent::getName, HealthComponent::getDeduction));
    }

    @Test
    void theWorkedExampleOfTheBuiltInModel() {
        HealthIndex h = profile(ProfileBuilderTest.history(), MODEL).getHealth();

        // penalties: p-new 2 + 罚款 1 + ≥10万元 3 = 6; p-2 2 + 责令停产停业 8 = 10 (p-old is not recent)
        // listings: 严重违法失信 20 + 经营异常 8; coercion: 2 × 6; court: 3 + 失信 10;
        // licences: 1 expired × 4; inspections: 发现问题待后续处理 3
        assertThat(deductions(h))
                .isEqualTo(
                        Map.of(
                                "penalties", 16.0,
                                "listings", 28.0,
                                "coercive_measures", 12.0,
                                "court_enforcement", 13.0,
                                "expired_licences", 4.0,
                                "inspections", 3.0));
        assertThat(h.getScore()).isEqualTo(24);
        assertThat(h.getGrade()).isEqualTo("D");
        assertThat(h.getGradeLabel()).isEqualTo("差");
        assertThat(h.getModel()).isEqualTo("guiji-health-1");
        assertThat(h.getComponents().get(0).getWeight()).isEqualTo(35.0);
        assertThat(h.getComponents().get(0).getDetail())
                .isEqualTo("2 recent × 2; 罚款 ×1 +1; 警告 ×1 +0; 责令停产停业 ×1 +8; ≥10万元 ×1 +3 = 16");
    }

    @Test
    void aCleanEnterpriseScoresFullMarks() {
        HealthIndex h =
                profile(
                                List.of(
                                        licence(
                                                "lic",
                                                "2025-01-01",
                                                "食品经营许可证",
                                                "JY9",
                                                "2025-01-01",
                                                "2029-12-31"),
                                        inspection("i", "2025-02-01", "企业公示信息抽查", "未发现问题")),
                                MODEL)
                        .getHealth();
        assertThat(h.getScore()).isEqualTo(100);
        assertThat(h.getGrade()).isEqualTo("A");
        assertThat(h.getGradeLabel()).isEqualTo("优");
    }

    @Test
    void aComponentDeductsAtMostItsWeight() {
        List<UnifiedRecord> many = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            many.add(coercion("c" + i, "2026-01-0" + (i % 9 + 1), null));
        }
        HealthComponent c = profile(many, MODEL).getHealth().getComponents().get(2);
        assertThat(c.getName()).isEqualTo("coercive_measures");
        assertThat(c.getDeduction()).isEqualTo(15.0);
        assertThat(c.getDetail()).isEqualTo("10 in force × 6 = 60, capped at 15");
    }

    @Test
    void aBureauTunesTheModelInItsOwnFile(@TempDir Path dir) throws IOException {
        String builtIn =
                new String(
                        HealthModel.class.getResourceAsStream(HealthModel.RESOURCE).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
        Path file = dir.resolve("model.properties");
        Files.writeString(
                file,
                builtIn.replace("model: guiji-health-1", "model: 朝阳-2027")
                        .replace("listings.dishonesty: 20", "listings.dishonesty: 30"));
        HealthIndex h =
                profile(ProfileBuilderTest.history(), HealthModel.fromFile(file)).getHealth();
        assertThat(h.getModel()).isEqualTo("朝阳-2027");
        assertThat(deductions(h).get("listings")).isEqualTo(30.0); // 30 + 8 capped at 30
        assertThat(h.getScore()).isEqualTo(22);
    }

    @Test
    void aModelFileWithoutAKeyIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.properties");
        Files.writeString(file, "grade.D: 0 差\npenalties.weight: 10\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HealthModel.fromFile(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("penalties.each is missing");
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 200)
    void theScoreIsOneHundredLessTheComponentsEachWithinItsWeight(
            @ForAll("recordSets") List<UnifiedRecord> records) {
        HealthIndex h = profile(records, MODEL).getHealth();
        double sum = 0;
        for (HealthComponent c : h.getComponents()) {
            assertThat(c.getDeduction()).isBetween(0.0, c.getWeight());
            sum += c.getDeduction();
        }
        int expected =
                BigDecimal.valueOf(Math.max(0, 100 - sum))
                        .setScale(0, RoundingMode.HALF_UP)
                        .intValue();
        assertThat(h.getScore()).isEqualTo(expected).isBetween(0, 100);
        assertThat(h.getGrade()).isEqualTo(MODEL.grade(h.getScore()).grade());
    }

    @Property(tries = 200)
    void theIndexIsReproducibleFromThePublishedProfileAlone(
            @ForAll("recordSets") List<UnifiedRecord> records) throws IOException {
        EnterpriseProfile p = profile(records, MODEL);
        EnterpriseProfile published = roundTrip(p);
        assertThat(HealthIndexes.of(published, MODEL)).isEqualTo(p.getHealth());
    }

    @Property(tries = 200)
    void aFurtherPenaltyNeverRaisesTheScore(
            @ForAll("recordSets") List<UnifiedRecord> records,
            @ForAll("penalties") UnifiedRecord penalty) {
        List<UnifiedRecord> more = new ArrayList<>(records);
        more.add(penalty);
        assertThat(profile(more, MODEL).getHealth().getScore())
                .isLessThanOrEqualTo(profile(records, MODEL).getHealth().getScore());
    }

    @Provide
    Arbitrary<List<UnifiedRecord>> recordSets() {
        return Arbitraries.oneOf(
                        penalties(),
                        Combinators.combine(dates(), Arbitraries.of(true, false))
                                .as((d, r) -> coercion("", d, r ? "2026-03-01" : null)),
                        Combinators.combine(
                                        dates(),
                                        Arbitraries.of("经营异常名录", "严重违法失信名单"),
                                        Arbitraries.of(true, false))
                                .as((d, t, r) -> listing("", d, t, r ? "2026-03-01" : null)),
                        Combinators.combine(dates(), Arbitraries.of(true, false))
                                .as((d, x) -> court("", d, x)),
                        Combinators.combine(dates(), dates(), Arbitraries.of("JY1", "JY2", "PW1"))
                                .as((d, to, no) -> licence("", d, "食品经营许可证", no, d, to)),
                        Combinators.combine(
                                        dates(),
                                        Arbitraries.of("未发现问题", "发现问题待后续处理", "不配合检查情节严重", "被吊销"))
                                .as((d, r) -> inspection("", d, "企业公示信息抽查", r)))
                .list()
                .ofMaxSize(25)
                .map(HealthIndexesTest::numbered);
    }

    @Provide
    Arbitrary<UnifiedRecord> penalties() {
        return Combinators.combine(
                        dates(),
                        Arbitraries.of("警告", "罚款", "警告;罚款", "责令停产停业", "吊销许可证件", "其他"),
                        Arbitraries.of("0.05", "1", "15", "250").injectNull(0.3))
                .as((d, c, a) -> penalty("x-penalty", d, c, a));
    }

    private static Arbitrary<String> dates() {
        return Arbitraries.integers()
                .between(0, 9 * 365)
                .map(n -> LocalDate.parse("2018-01-01").plusDays(n).toString());
    }

    /** Distinct record ids, as unified records have. */
    private static List<UnifiedRecord> numbered(List<UnifiedRecord> records) {
        List<UnifiedRecord> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            out.add(UnifiedRecord.newBuilder(records.get(i)).setRecordId("r" + i).build());
        }
        return out;
    }

    private static EnterpriseProfile roundTrip(EnterpriseProfile p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(EnterpriseProfile.class).write(p, enc);
        enc.flush();
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
        return new SpecificDatumReader<>(EnterpriseProfile.class).read(null, dec);
    }
}
