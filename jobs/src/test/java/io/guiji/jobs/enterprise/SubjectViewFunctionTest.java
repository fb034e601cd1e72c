package io.guiji.jobs.enterprise;

import static io.guiji.jobs.enterprise.Records.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the bounded enterprise view, {@link SubjectViewFunction}: versions, revocations,
 * one view per subject at the end of input.
 */
class SubjectViewFunctionTest {
    static final LocalDate REF = LocalDate.parse("2026-06-30");

    private KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> view;

    /** The bounded view on {@link #REF}, opened. */
    static KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> harness()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new SubjectViewFunction(
                                        REF, HealthModel.builtIn(), LeadRules.builtIn())),
                        RecordFacts::getSubjectKey,
                        Types.STRING);
        h.open();
        return h;
    }

    @BeforeEach
    void open() throws Exception {
        view = harness();
    }

    @AfterEach
    void close() throws Exception {
        view.close();
    }

    private void send(UnifiedRecord r) throws Exception {
        view.processElement(
                new StreamRecord<>(
                        RecordFactsExtractor.facts(r, RecordFactsExtractor.subjectKey(r)), 0L));
    }

    private List<EnterpriseProfile> profiles() {
        return view.extractOutputValues();
    }

    private List<Lead> leads() {
        return SubjectViewChangesOperatorTest.leads(view);
    }

    @Test
    void boundedRunsPublishEachEnterpriseOnceAtTheEndFromTheHighestVersions() throws Exception {
        UnifiedRecord p1 = penalty("p1", "2026-01-01", "罚款", "2");
        UnifiedRecord p2 = penalty("p2", "2026-02-01", "罚款", "3");
        UnifiedRecord p2v2 = version(p2, 2, RecordStatus.ACTIVE);
        p2v2.getFields().setDecisionDate("2026-03-01");
        send(p2v2);
        send(p2); // an older version after the newer one: ignored
        send(p1);
        send(version(p1, 2, RecordStatus.REVOKED)); // a revoked record leaves the profile
        assertThat(profiles()).isEmpty();

        view.processWatermark(Long.MAX_VALUE);

        assertThat(profiles()).hasSize(1);
        EnterpriseProfile p = profiles().get(0);
        assertThat(p.getRecordCount()).isEqualTo(1);
        assertThat(p.getLatestPenalty().getRecordId()).isEqualTo("p2");
        assertThat(p.getLatestPenalty().getDecisionDate()).isEqualTo("2026-03-01");
        assertThat(p.getReferenceDate()).isEqualTo("2026-06-30");
    }

    @Test
    void anEnterpriseWhoseRecordsWereAllRevokedHasNoProfile() throws Exception {
        UnifiedRecord p1 = penalty("p1", "2026-01-01", "罚款", "2");
        send(p1);
        send(version(p1, 2, RecordStatus.REVOKED));
        view.processWatermark(Long.MAX_VALUE);
        assertThat(profiles()).isEmpty();
    }

    @Test
    void boundedRunsPublishTheLeadsOfEnterprisesAndOfUnregisteredNames() throws Exception {
        send(inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"));
        send(unlinked(penalty("u", "2026-02-01", "罚款", "1"), "朝阳市双塔区老王小吃店"));
        view.processWatermark(Long.MAX_VALUE);

        assertThat(profiles())
                .extracting(EnterpriseProfile::getEnterpriseId)
                .containsExactly(ENTERPRISE);
        assertThat(leads())
                .extracting(Lead::getKind, Lead::getStatus)
                .containsExactlyInAnyOrder(
                        tuple("UNLICENSED", "OPEN"), tuple("UNREGISTERED", "OPEN"));
    }

    @Test
    void aProfileValueAvroCannotEncodeIsLeftOutInsteadOfFailingTheSink() throws Exception {
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        RecordFacts f = RecordFactsExtractor.facts(p, RecordFactsExtractor.subjectKey(p));
        // fine plus confiscation beyond decimal(24, 6): 19 integer digits
        f.setAmount(new java.math.BigDecimal("1999999999999999998"));
        view.processElement(new StreamRecord<>(f, 0L));
        view.processWatermark(Long.MAX_VALUE);

        EnterpriseProfile profile = profiles().get(0);
        assertThat(io.guiji.connectors.kafka.AvroGuard.problem(profile)).isNull();
        assertThat(profile.getLatestPenalty().getRecordId()).isEqualTo("p");
        assertThat(profile.getLatestPenalty().getAmount()).isNull();
    }
}
