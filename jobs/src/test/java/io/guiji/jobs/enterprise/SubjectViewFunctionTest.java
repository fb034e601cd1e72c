package io.guiji.jobs.enterprise;

import static io.guiji.jobs.enterprise.Records.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the enterprise view: {@link SubjectViewFunction} alone (versions, revocations,
 * end of input, streaming changes and lead withdrawals), and {@link FactsRouteFunction} in front of
 * it (a record moving between subjects).
 */
class SubjectViewFunctionTest {
    static final LocalDate REF = LocalDate.parse("2026-06-30");
    static final String E = RecordFactsExtractor.ENTERPRISE + ENTERPRISE;

    private KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> view;
    private KeyedOneInputStreamOperatorTestHarness<String, UnifiedRecord, RecordFacts> router;

    @AfterEach
    void close() throws Exception {
        if (view != null) {
            view.close();
        }
        if (router != null) {
            router.close();
        }
    }

    private void openView(EmitMode mode) throws Exception {
        openView(mode, REF);
    }

    private void openView(EmitMode mode, LocalDate reference) throws Exception {
        view =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new SubjectViewFunction(
                                        mode,
                                        reference,
                                        "Asia/Shanghai",
                                        HealthModel.builtIn(),
                                        LeadRules.builtIn())),
                        RecordFacts::getSubjectKey,
                        Types.STRING);
        view.open();
    }

    /** One change, then the end of its tick: streaming publishes what changed in the tick. */
    private void send(UnifiedRecord r) throws Exception {
        sendWithinTick(r);
        tick();
    }

    private void sendWithinTick(UnifiedRecord r) throws Exception {
        view.processElement(
                new StreamRecord<>(
                        RecordFactsExtractor.facts(r, RecordFactsExtractor.subjectKey(r)), 0L));
    }

    /** The processing-time clock to the end of the present tick. */
    private void tick() throws Exception {
        long now = view.getProcessingTime();
        view.setProcessingTime(
                (Math.floorDiv(now, SubjectViewFunction.COALESCE_MILLIS) + 1)
                        * SubjectViewFunction.COALESCE_MILLIS);
    }

    @Test
    void streamingPublishesASubjectsChangesWithinATickOnceAtItsEnd() throws Exception {
        openView(EmitMode.CHANGES);
        view.setProcessingTime(5_200);
        sendWithinTick(inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"));
        sendWithinTick(licence("lic", "2025-01-01", "食品经营许可证", "JY1", "2025-01-01", "2029-12-31"));
        view.setProcessingTime(5_999);
        assertThat(profiles()).isEmpty();
        assertThat(view.numProcessingTimeTimers()).isEqualTo(1);

        view.setProcessingTime(6_000);
        // one profile with both records, and no lead: the licence covers the inspected activity,
        // so the lead the inspection alone would have opened is never published
        assertThat(profiles()).hasSize(1);
        assertThat(profiles().get(0).getRecordCount()).isEqualTo(2L);
        assertThat(profiles().get(0).getLicencesValid()).hasSize(1);
        assertThat(leads()).isEmpty();
        assertThat(view.numProcessingTimeTimers()).isZero();
    }

    private List<EnterpriseProfile> profiles() {
        return view.extractOutputValues();
    }

    private List<Lead> leads() {
        List<Lead> out = new ArrayList<>();
        ConcurrentLinkedQueue<StreamRecord<Lead>> q = view.getSideOutput(SubjectViewFunction.LEADS);
        if (q != null) {
            q.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Test
    void boundedRunsPublishEachEnterpriseOnceAtTheEndFromTheHighestVersions() throws Exception {
        openView(EmitMode.FINAL);
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
        openView(EmitMode.FINAL);
        UnifiedRecord p1 = penalty("p1", "2026-01-01", "罚款", "2");
        send(p1);
        send(version(p1, 2, RecordStatus.REVOKED));
        view.processWatermark(Long.MAX_VALUE);
        assertThat(profiles()).isEmpty();
    }

    @Test
    void boundedRunsPublishTheLeadsOfEnterprisesAndOfUnregisteredNames() throws Exception {
        openView(EmitMode.FINAL);
        send(inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"));
        send(unlinked(penalty("u", "2026-02-01", "罚款", "1"), "朝阳市双塔区老王小吃店"));
        view.processWatermark(Long.MAX_VALUE);

        assertThat(profiles())
                .extracting(EnterpriseProfile::getEnterpriseId)
                .containsExactly(ENTERPRISE);
        assertThat(leads())
                .extracting(Lead::getKind, Lead::getStatus)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("UNLICENSED", "OPEN"),
                        org.assertj.core.groups.Tuple.tuple("UNREGISTERED", "OPEN"));
    }

    @Test
    void streamingPublishesEveryChangeAndWithdrawsALeadThatNoLongerHolds() throws Exception {
        openView(EmitMode.CHANGES);
        UnifiedRecord check = inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题");
        send(check);
        assertThat(profiles()).hasSize(1);
        assertThat(leads()).extracting(Lead::getStatus).containsExactly("OPEN");

        // the licence arrives: the lead is withdrawn, the profile shows the licence
        send(licence("lic", "2025-01-01", "食品经营许可证", "JY1", "2025-01-01", "2029-12-31"));
        assertThat(profiles()).hasSize(2);
        assertThat(profiles().get(1).getLicencesValid()).hasSize(1);
        assertThat(leads()).extracting(Lead::getStatus).containsExactly("OPEN", "WITHDRAWN");
        assertThat(leads().get(1).getLeadId()).isEqualTo(leads().get(0).getLeadId());

        // the same state again changes no lead
        send(version(check, 2, RecordStatus.ACTIVE));
        assertThat(leads()).hasSize(2);

        // both records revoked: an empty profile, so downstream tables drop what they showed
        send(version(check, 3, RecordStatus.REVOKED));
        UnifiedRecord lic =
                licence("lic", "2025-01-01", "食品经营许可证", "JY1", "2025-01-01", "2029-12-31");
        send(version(lic, 2, RecordStatus.REVOKED));
        EnterpriseProfile last = profiles().get(profiles().size() - 1);
        assertThat(last.getRecordCount()).isZero();
        assertThat(last.getHealth().getScore()).isEqualTo(100);
    }

    /** Milliseconds of a local time in Asia/Shanghai, the harness's processing-time clock. */
    private static long at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime)
                .atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toInstant()
                .toEpochMilli();
    }

    @Test
    void streamingWithoutAFixedDateRecomputesEachDayAndPublishesOnlyWhatTheDayChanged()
            throws Exception {
        openView(EmitMode.CHANGES, null);
        view.setProcessingTime(at("2026-06-29T10:00:00"));
        send(inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"));
        send(licence("lic", "2025-07-01", "食品经营许可证", "JY1", "2025-07-01", "2026-06-29"));
        assertThat(profiles()).hasSize(2);
        EnterpriseProfile before = profiles().get(1);
        assertThat(before.getReferenceDate()).isEqualTo("2026-06-29");
        assertThat(before.getLicencesValid()).hasSize(1);
        assertThat(leads()).extracting(Lead::getStatus).containsExactly("OPEN", "WITHDRAWN");

        // the next day (the timer lies within the first hour after midnight): the licence has
        // expired, so the profile changes; the inspection was made while it was valid, so no lead
        view.setProcessingTime(at("2026-06-30T01:00:00"));
        assertThat(profiles()).hasSize(3);
        EnterpriseProfile after = profiles().get(2);
        assertThat(after.getReferenceDate()).isEqualTo("2026-06-30");
        assertThat(after.getLicencesValid()).isEmpty();
        assertThat(after.getLicencesExpired()).hasSize(1);
        assertThat(leads()).extracting(Lead::getStatus).containsExactly("OPEN", "WITHDRAWN");

        // a day that changes nothing but the date publishes nothing
        view.setProcessingTime(at("2026-07-01T01:00:00"));
        assertThat(profiles()).hasSize(3);
        assertThat(leads()).hasSize(2);

        // a subject with no record left has no timer: nothing more, ever
        send(
                version(
                        inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"),
                        2,
                        RecordStatus.REVOKED));
        send(
                version(
                        licence("lic", "2025-07-01", "食品经营许可证", "JY1", "2025-07-01", "2026-06-29"),
                        2,
                        RecordStatus.REVOKED));
        int published = profiles().size();
        view.setProcessingTime(at("2026-07-03T01:00:00"));
        assertThat(profiles()).hasSize(published);
        assertThat(view.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aFixedReferenceDateSetsNoDailyTimer() throws Exception {
        openView(EmitMode.CHANGES);
        send(licence("lic", "2025-07-01", "食品经营许可证", "JY1", "2025-07-01", "2026-06-29"));
        assertThat(view.numProcessingTimeTimers()).isZero();
    }

    @Test
    void theProfileFingerprintIgnoresOnlyTheDate() throws Exception {
        openView(EmitMode.CHANGES);
        send(licence("lic", "2025-07-01", "食品经营许可证", "JY1", "2025-07-01", "2029-06-29"));
        EnterpriseProfile p = profiles().get(0);
        EnterpriseProfile otherDay =
                EnterpriseProfile.newBuilder(p).setReferenceDate("2027-01-01").build();
        EnterpriseProfile otherCount = EnterpriseProfile.newBuilder(p).setRecordCount(7L).build();
        assertThat(SubjectViewFunction.fingerprint(otherDay))
                .isEqualTo(SubjectViewFunction.fingerprint(p));
        assertThat(SubjectViewFunction.fingerprint(otherCount))
                .isNotEqualTo(SubjectViewFunction.fingerprint(p));
    }

    @Test
    void theRouterMovesARecordsFactsWhenItsSubjectChanges() throws Exception {
        openRouter();
        openView(EmitMode.CHANGES);
        String other = "91310115MA1K3BTP2B";
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        UnifiedRecord unlinked = unlinked(p, "朝阳市双塔区老王小吃店");

        route(unlinked); // unlinked at first: under its name, a 无照 lead
        route(linkedTo(p, ENTERPRISE, 2)); // its registry entry arrives: linked
        route(linkedTo(p, other, 3)); // a correction re-links it to another enterprise
        route(linkedTo(p, ENTERPRISE, 2)); // a stale state: ignored by the router

        List<RecordFacts> routed = router.extractOutputValues();
        assertThat(routed)
                .extracting(RecordFacts::getSubjectKey, RecordFacts::getRemoved)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                RecordFactsExtractor.subjectKey(unlinked), false),
                        org.assertj.core.groups.Tuple.tuple(
                                RecordFactsExtractor.subjectKey(unlinked), true),
                        org.assertj.core.groups.Tuple.tuple(E, false),
                        org.assertj.core.groups.Tuple.tuple(E, true),
                        org.assertj.core.groups.Tuple.tuple("E:" + other, false));
        for (RecordFacts f : routed) {
            view.processElement(new StreamRecord<>(f, 0L));
            tick();
        }
        List<EnterpriseProfile> ps = profiles();
        assertThat(ps)
                .extracting(EnterpriseProfile::getEnterpriseId, EnterpriseProfile::getRecordCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ENTERPRISE, 1L),
                        org.assertj.core.groups.Tuple.tuple(ENTERPRISE, 0L),
                        org.assertj.core.groups.Tuple.tuple(other, 1L));
        assertThat(leads())
                .extracting(Lead::getKind, Lead::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("UNREGISTERED", "OPEN"),
                        org.assertj.core.groups.Tuple.tuple("UNREGISTERED", "WITHDRAWN"));
    }

    @Test
    void aProfileValueAvroCannotEncodeIsLeftOutInsteadOfFailingTheSink() throws Exception {
        openView(EmitMode.CHANGES);
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        RecordFacts f = RecordFactsExtractor.facts(p, RecordFactsExtractor.subjectKey(p));
        // fine plus confiscation beyond decimal(24, 6): 19 integer digits
        f.setAmount(new java.math.BigDecimal("1999999999999999998"));
        view.processElement(new StreamRecord<>(f, 0L));
        tick();

        EnterpriseProfile profile = profiles().get(0);
        assertThat(io.guiji.connectors.kafka.AvroGuard.problem(profile)).isNull();
        assertThat(profile.getLatestPenalty().getRecordId()).isEqualTo("p");
        assertThat(profile.getLatestPenalty().getAmount()).isNull();
    }

    @Test
    void aPersonsRecordBelongsToNoSubject() throws Exception {
        openRouter();
        route(person(penalty("p", "2026-01-01", "罚款", "2")));
        assertThat(router.extractOutputValues()).isEmpty();
    }

    @Test
    void aRecordThatBecomesAPersonsLeavesItsSubjectAndItsStateKeepsNoSubject() throws Exception {
        openRouter();
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        route(p);
        route(version(person(p), 2, RecordStatus.ACTIVE));
        route(version(p, 1, RecordStatus.ACTIVE)); // older than what was routed: ignored
        assertThat(router.extractOutputValues())
                .extracting(RecordFacts::getSubjectKey, RecordFacts::getRemoved)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(E, false),
                        org.assertj.core.groups.Tuple.tuple(E, true));
        // the state's type keeps "no subject" through a checkpoint (RocksDB serializes it)
        org.apache.flink.api.common.typeutils.TypeSerializer<
                        org.apache.flink.api.java.tuple.Tuple2<Long, String>>
                s =
                        Types.<org.apache.flink.api.java.tuple.Tuple2<Long, String>>TUPLE(
                                        Types.LONG, Types.STRING)
                                .createSerializer(
                                        new org.apache.flink.api.common.ExecutionConfig()
                                                .getSerializerConfig());
        org.apache.flink.core.memory.DataOutputSerializer out =
                new org.apache.flink.core.memory.DataOutputSerializer(16);
        s.serialize(org.apache.flink.api.java.tuple.Tuple2.of(2L, null), out);
        assertThat(
                        s.deserialize(
                                        new org.apache.flink.core.memory.DataInputDeserializer(
                                                out.getCopyOfBuffer()))
                                .f1)
                .isNull();
    }

    private void openRouter() throws Exception {
        router =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FactsRouteFunction()),
                        UnifiedRecord::getRecordId,
                        Types.STRING);
        router.open();
    }

    private void route(UnifiedRecord r) throws Exception {
        router.processElement(new StreamRecord<>(r, 0L));
    }
}
