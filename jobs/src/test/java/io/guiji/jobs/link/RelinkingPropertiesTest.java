package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.ingest.RecordIds;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Order independence (docs/contract.md §6) of {@link DedupLinkOperator}: whatever the order in
 * which registry entries and records reach a streaming run, each record ends published as a bounded
 * run publishes it against the registry as it finally stands, with few matches per key allowed so
 * that keys fill up and empty again. Holds only if a registry change re-links every record whose
 * decision it could change.
 */
class RelinkingPropertiesTest {

    /** One element of a run: a registry entry or a copy of a record. */
    record Event(RegistryEntry entry, UnifiedRecord record) {
        @Override
        public String toString() {
            return entry != null
                    ? "registry "
                            + entry.getEnterpriseId()
                            + " "
                            + entry.getName()
                            + " "
                            + entry.getFormerNames()
                            + (entry.getDeleted() ? " withdrawn" : "")
                    : "record " + record.getRecordId() + " " + record.getFields().getSubjectName();
        }
    }

    @Property(tries = 150) // two operator harnesses per try
    void aStreamingRunEndsWhereABoundedRunOfTheSameInputEnds(
            @ForAll("runs") List<Event> run, @ForAll @IntRange(min = 1, max = 4) int maxMatches)
            throws Exception {
        List<Event> numbered = numbered(run);
        Map<String, UnifiedRecord> streaming;
        try (LinkStages s = new LinkStages(LinkStages.metered(EmitMode.CHANGES, maxMatches))) {
            feed(s, numbered);
            streaming = s.latest();
        }
        Map<String, UnifiedRecord> bounded;
        try (LinkStages s = new LinkStages(LinkStages.metered(EmitMode.FINAL, maxMatches))) {
            feed(s, numbered);
            bounded = s.end().latest();
        }

        assertThat(streaming.keySet()).isEqualTo(bounded.keySet());
        for (Map.Entry<String, UnifiedRecord> e : bounded.entrySet()) {
            assertThat(DedupLinkOperatorTest.withoutVersion(streaming.get(e.getKey())))
                    .as(e.getKey())
                    .isEqualTo(DedupLinkOperatorTest.withoutVersion(e.getValue()));
        }
    }

    /**
     * The run with registry rows in arrival order, so that the last entry of an enterprise is the
     * one in force, and each copy of a record later than the one before, so that the last copy
     * wins.
     */
    private static List<Event> numbered(List<Event> run) {
        List<Event> out = new ArrayList<>();
        long row = 0;
        int n = 0;
        for (Event e : run) {
            if (e.entry() != null) {
                out.add(
                        new Event(
                                RegistryEntry.newBuilder(e.entry())
                                        .setSource(new SourceRef("kafka:registry/0", ++row))
                                        .build(),
                                null));
            } else {
                n++;
                UnifiedRecord r =
                        UnifiedRecord.newBuilder(e.record())
                                .setSources(
                                        new ArrayList<>(
                                                List.of(
                                                        new SourceRef(
                                                                "records/SCJG01/penalty/a.csv",
                                                                (long) n))))
                                .build();
                r.getFields()
                        .setUpdatedAt(
                                String.format("2024-03-01T09:%02d:00", n)); // a later copy wins
                out.add(new Event(null, r));
            }
        }
        return out;
    }

    private static void feed(LinkStages s, List<Event> run) throws Exception {
        for (Event e : run) {
            if (e.entry() != null) {
                s.registry(e.entry());
            } else {
                s.record(e.record());
            }
        }
    }

    @Provide
    Arbitrary<List<Event>> runs() {
        Arbitrary<Event> entry = LocalLinkerTest.entries().map(e -> new Event(e, null));
        // Six identities: a later copy of one may name another subject or carry other codes.
        // Half have ids of guiji's own form, half not: the reverse index keeps the two apart.
        Arbitrary<Event> record =
                Combinators.combine(
                                LocalLinkerTest.unifiedRecords(),
                                Arbitraries.integers().between(1, 6))
                        .as(
                                (r, id) ->
                                        new Event(
                                                null,
                                                UnifiedRecord.newBuilder(r)
                                                        .setRecordId(recordId(id))
                                                        .build()));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(1, entry), net.jqwik.api.Tuple.of(1, record))
                .list()
                .ofMinSize(1)
                .ofMaxSize(16);
    }

    private static String recordId(int id) {
        return id <= 3
                ? "penalty:SCJG01:" + id
                : RecordIds.of(RecordType.penalty, "SCJG01", "doc-" + id);
    }
}
