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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the streaming enterprise view, {@link SubjectViewChangesOperator}: changes
 * published at each checkpoint's barrier, lead withdrawals, the daily recompute, state through a
 * restore. {@link SubjectViewBatchingPropertiesTest} checks that how changes fall between barriers
 * changes no end result.
 */
class SubjectViewChangesOperatorTest {
    static final LocalDate REF = LocalDate.parse("2026-06-30");
    static final String ZONE = "Asia/Shanghai";

    private KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> view;
    private long checkpoint;

    @AfterEach
    void close() throws Exception {
        if (view != null) {
            view.close();
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> harness(
            LocalDate reference) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new SubjectViewChangesOperator(
                        reference, ZONE, HealthModel.builtIn(), LeadRules.builtIn()),
                RecordFacts::getSubjectKey,
                Types.STRING);
    }

    private void openView(LocalDate reference) throws Exception {
        view = harness(reference);
        view.open();
    }

    /** One change, then a checkpoint's barrier: its changes are published. */
    private void send(UnifiedRecord r) throws Exception {
        sendBeforeBarrier(r);
        barrier();
    }

    private void sendBeforeBarrier(UnifiedRecord r) throws Exception {
        view.processElement(
                new StreamRecord<>(
                        RecordFactsExtractor.facts(r, RecordFactsExtractor.subjectKey(r)), 0L));
    }

    private void barrier() throws Exception {
        view.prepareSnapshotPreBarrier(++checkpoint);
    }

    private List<EnterpriseProfile> profiles() {
        return view.extractOutputValues();
    }

    private List<Lead> leads() {
        return leads(view);
    }

    static List<Lead> leads(
            KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> h) {
        List<Lead> out = new ArrayList<>();
        ConcurrentLinkedQueue<StreamRecord<Lead>> q = h.getSideOutput(SubjectViews.LEADS);
        if (q != null) {
            q.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Test
    void aSubjectsChangesBetweenTwoBarriersArePublishedOnceAtTheSecond() throws Exception {
        openView(REF);
        sendBeforeBarrier(inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"));
        sendBeforeBarrier(
                licence("lic", "2025-01-01", "食品经营许可证", "JY1", "2025-01-01", "2029-12-31"));
        assertThat(profiles()).isEmpty();

        barrier();
        // one profile with both records, and no lead: the licence covers the inspected activity,
        // so the lead the inspection alone would have opened is never published
        assertThat(profiles()).hasSize(1);
        assertThat(profiles().get(0).getRecordCount()).isEqualTo(2L);
        assertThat(profiles().get(0).getLicencesValid()).hasSize(1);
        assertThat(leads()).isEmpty();
        assertThat(view.numProcessingTimeTimers()).isZero(); // a fixed date: no daily timer

        barrier(); // nothing changed since: nothing published
        assertThat(profiles()).hasSize(1);
    }

    @Test
    void theEndOfInputPublishesWhatWaits() throws Exception {
        openView(REF);
        sendBeforeBarrier(penalty("p", "2026-01-01", "罚款", "2"));
        view.endInput();
        assertThat(profiles()).hasSize(1);
    }

    @Test
    void streamingPublishesEveryChangeAndWithdrawsALeadThatNoLongerHolds() throws Exception {
        openView(REF);
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

        // an older state after a newer one changes nothing
        send(check);
        assertThat(profiles()).hasSize(3);

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
                .atZone(java.time.ZoneId.of(ZONE))
                .toInstant()
                .toEpochMilli();
    }

    @Test
    void withoutAFixedDateEachSubjectIsRecomputedDailyAndOnlyWhatTheDayChangedIsPublished()
            throws Exception {
        openView(null);
        view.setProcessingTime(at("2026-06-29T10:00:00"));
        send(inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"));
        send(licence("lic", "2025-07-01", "食品经营许可证", "JY1", "2025-07-01", "2026-06-29"));
        assertThat(profiles()).hasSize(2);
        EnterpriseProfile before = profiles().get(1);
        assertThat(before.getReferenceDate()).isEqualTo("2026-06-29");
        assertThat(before.getLicencesValid()).hasSize(1);
        assertThat(leads()).extracting(Lead::getStatus).containsExactly("OPEN", "WITHDRAWN");
        assertThat(view.numProcessingTimeTimers()).isEqualTo(1); // one, however many changes

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
        view.setProcessingTime(at("2026-07-02T01:00:00"));
        assertThat(profiles()).hasSize(3);
        assertThat(leads()).hasSize(2);
        assertThat(view.numProcessingTimeTimers()).isEqualTo(1);

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
        assertThat(view.numProcessingTimeTimers()).isZero();
        int published = profiles().size();
        view.setProcessingTime(at("2026-07-04T01:00:00"));
        assertThat(profiles()).hasSize(published);
    }

    @Test
    void aLeadTheDayOpensIsPublishedByTheDailyRecompute() throws Exception {
        openView(null);
        view.setProcessingTime(at("2026-06-29T10:00:00"));
        // the licence is valid today; the inspection of tomorrow falls after its expiry
        send(licence("lic", "2025-07-01", "食品经营许可证", "JY1", "2025-07-01", "2026-06-29"));
        send(inspection("i", "2026-06-30", "食品经营许可事项检查", "未发现问题"));
        assertThat(leads()).isEmpty();

        view.setProcessingTime(at("2026-06-30T01:00:00"));
        assertThat(leads())
                .extracting(Lead::getKind, Lead::getStatus, Lead::getReferenceDate)
                .containsExactly(tuple("UNLICENSED", "OPEN", "2026-06-30"));
    }

    @Test
    void theSubjectsStateComesBackFromACheckpoint() throws Exception {
        openView(REF);
        send(inspection("i", "2026-02-01", "食品经营许可事项检查", "未发现问题"));
        OperatorSubtaskState snapshot = view.snapshot(checkpoint, 0L);
        view.close();

        view = harness(REF);
        view.initializeState(snapshot);
        view.open();
        // the licence after a restore: the lead published before the restore is withdrawn
        send(licence("lic", "2025-01-01", "食品经营许可证", "JY1", "2025-01-01", "2029-12-31"));
        assertThat(profiles()).hasSize(1);
        assertThat(profiles().get(0).getRecordCount()).isEqualTo(2L);
        assertThat(leads()).extracting(Lead::getStatus).containsExactly("WITHDRAWN");
    }

    @Test
    void aRecordMovedToAnotherSubjectLeavesTheFirst() throws Exception {
        openView(REF);
        String other = "91310115MA1K3BTP2B";
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        SubjectFactsTap tap = new SubjectFactsTap();
        List<RecordFacts> sent = new ArrayList<>();
        UnifiedRecord before = null;
        for (UnifiedRecord r :
                List.of(
                        unlinked(p, "朝阳市双塔区老王小吃店"),
                        linkedTo(p, ENTERPRISE, 2),
                        linkedTo(p, other, 3))) {
            tap.published(summary(before), r, sent::add);
            before = r;
        }
        for (RecordFacts f : sent) {
            view.processElement(new StreamRecord<>(f, 0L));
            barrier();
        }
        assertThat(profiles())
                .extracting(EnterpriseProfile::getEnterpriseId, EnterpriseProfile::getRecordCount)
                .containsExactly(tuple(ENTERPRISE, 1L), tuple(ENTERPRISE, 0L), tuple(other, 1L));
        assertThat(leads())
                .extracting(Lead::getKind, Lead::getStatus)
                .containsExactly(tuple("UNREGISTERED", "OPEN"), tuple("UNREGISTERED", "WITHDRAWN"));
    }

    @Test
    void aProfileValueAvroCannotEncodeIsLeftOutInsteadOfFailingTheSink() throws Exception {
        openView(REF);
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        RecordFacts f = RecordFactsExtractor.facts(p, RecordFactsExtractor.subjectKey(p));
        // fine plus confiscation beyond decimal(24, 6): 19 integer digits
        f.setAmount(new java.math.BigDecimal("1999999999999999998"));
        view.processElement(new StreamRecord<>(f, 0L));
        barrier();

        EnterpriseProfile profile = profiles().get(0);
        assertThat(io.guiji.connectors.kafka.AvroGuard.problem(profile)).isNull();
        assertThat(profile.getLatestPenalty().getRecordId()).isEqualTo("p");
        assertThat(profile.getLatestPenalty().getAmount()).isNull();
    }

    /** What the linking operator keeps of {@code r} when it publishes the next state. */
    private static io.guiji.schemas.internal.PublishedSummary summary(UnifiedRecord r) {
        return r == null ? null : io.guiji.jobs.link.PublishedSummaries.of(r, 0);
    }
}
