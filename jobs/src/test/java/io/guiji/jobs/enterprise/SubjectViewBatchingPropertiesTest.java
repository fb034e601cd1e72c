package io.guiji.jobs.enterprise;

import static io.guiji.jobs.enterprise.Records.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The streaming view batches a subject's changes until a checkpoint's barrier ({@link
 * SubjectViewChangesOperator}): however the changes fall between barriers, what a consumer of the
 * compacted topics ends with — the last profile of each enterprise, the last state of each lead —
 * is the same as with a barrier after every change, and the same as the bounded view of the
 * records' final states ({@link SubjectViewFunction}). Random histories of a few records: published
 * again and again by the linking operator's tap ({@link SubjectFactsTap}) under changing subjects
 * (two enterprises, an unregistered name, a person) and statuses.
 */
class SubjectViewBatchingPropertiesTest {
    static final LocalDate REF = LocalDate.parse("2026-06-30");
    static final String OTHER = "91310115MA1K3BTP2B";
    static final String UNREGISTERED = "朝阳市双塔区老王小吃店";

    /** The records of a history, by index: their types and contents stay, their subjects move. */
    private static final List<Function<String, UnifiedRecord>> KINDS =
            List.of(
                    id -> penalty(id, "2026-01-01", "罚款", "2"),
                    id ->
                            licence(
                                    id,
                                    "2025-01-01",
                                    "食品经营许可证",
                                    "JY-" + id,
                                    "2025-01-01",
                                    "2029-12-31"),
                    id -> inspection(id, "2026-02-01", "食品经营许可事项检查", "未发现问题"),
                    id -> court(id, "2026-03-01", true),
                    id -> listing(id, "2025-05-01", "经营异常名录", null));

    /** One publication of record {@code record}: under {@code subject}, maybe revoked. */
    record Change(int record, int kind, int subject, boolean revoked, boolean barrierAfter) {}

    @Provide
    Arbitrary<List<Change>> histories() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, KINDS.size() - 1),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 5).map(i -> i == 0),
                        Arbitraries.integers().between(0, 3).map(i -> i == 0))
                .as(Change::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(25);
    }

    @Property(tries = 80)
    void batchingByBarrierChangesNoEndResult(@ForAll("histories") List<Change> history)
            throws Exception {
        var eachChange = streaming();
        var batched = streaming();
        Map<Integer, UnifiedRecord> published = new HashMap<>();
        Map<Integer, Integer> kinds = new HashMap<>();
        SubjectFactsTap tap = new SubjectFactsTap();
        long checkpoint = 0;
        for (Change c : history) {
            int kind = kinds.computeIfAbsent(c.record(), r -> c.kind());
            UnifiedRecord before = published.get(c.record());
            UnifiedRecord after = state(c, kind, before == null ? 1 : before.getVersion() + 1);
            List<RecordFacts> facts = new ArrayList<>();
            tap.published(summary(before), after, facts::add);
            published.put(c.record(), after);
            for (RecordFacts f : facts) {
                eachChange.processElement(new StreamRecord<>(f, 0L));
                eachChange.prepareSnapshotPreBarrier(++checkpoint);
                batched.processElement(new StreamRecord<>(f, 0L));
            }
            if (c.barrierAfter()) {
                batched.prepareSnapshotPreBarrier(++checkpoint);
            }
        }
        batched.prepareSnapshotPreBarrier(++checkpoint);

        var bounded = SubjectViewFunctionTest.harness();
        for (UnifiedRecord r : published.values()) {
            tap.published(null, r, f -> process(bounded, f));
        }
        bounded.processWatermark(Long.MAX_VALUE);

        // What a consumer of the compacted topics holds at the end: a profile with record_count 0
        // is a tombstone, a withdrawn lead is no lead; one made and undone between two barriers
        // is never published at all.
        Map<String, EnterpriseProfile> profiles = lastProfiles(eachChange);
        assertThat(lastProfiles(batched)).isEqualTo(profiles);
        assertThat(lastProfiles(bounded)).isEqualTo(profiles);
        Map<String, Lead> leads = openLeads(eachChange);
        assertThat(openLeads(batched)).isEqualTo(leads);
        assertThat(openLeads(bounded)).isEqualTo(leads);

        eachChange.close();
        batched.close();
        bounded.close();
    }

    private static UnifiedRecord state(Change c, int kind, long version) {
        UnifiedRecord r = KINDS.get(kind).apply("r" + c.record());
        r =
                switch (c.subject()) {
                    case 0 -> linkedTo(r, ENTERPRISE, version);
                    case 1 -> linkedTo(r, OTHER, version);
                    case 2 -> unlinked(r, UNREGISTERED);
                    default -> person(linkedTo(r, null, version));
                };
        return version(r, version, c.revoked() ? RecordStatus.REVOKED : RecordStatus.ACTIVE);
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> h,
            RecordFacts f) {
        try {
            h.processElement(new StreamRecord<>(f, 0L));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, EnterpriseProfile> lastProfiles(
            KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> h) {
        Map<String, EnterpriseProfile> last = new TreeMap<>();
        h.extractOutputValues().forEach(p -> last.put(p.getEnterpriseId(), p));
        last.values().removeIf(p -> p.getRecordCount() == 0);
        return last;
    }

    private static Map<String, Lead> openLeads(
            KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile> h) {
        Map<String, Lead> last = new TreeMap<>();
        SubjectViewChangesOperatorTest.leads(h).forEach(l -> last.put(l.getLeadId(), l));
        last.values().removeIf(l -> !l.getStatus().equals("OPEN"));
        return last;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RecordFacts, EnterpriseProfile>
            streaming() throws Exception {
        var h = SubjectViewChangesOperatorTest.harness(REF);
        h.open();
        return h;
    }

    /** What the linking operator keeps of {@code r} when it publishes the next state. */
    private static io.guiji.schemas.internal.PublishedSummary summary(UnifiedRecord r) {
        return r == null ? null : io.guiji.jobs.link.PublishedSummaries.of(r, 0);
    }
}
