package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Order independence (docs/contract.md §6) of {@link DedupLinkOperator}: whatever the order in
 * which registry entries and records reach a streaming run, each record ends published as a bounded
 * run publishes it against the registry as it finally stands. Holds only if a registry change
 * re-links every record whose decision it could change.
 */
class RelinkingPropertiesTest {

    /** One element of a run: a registry entry or a record's one copy. */
    record Event(RegistryEntry entry, UnifiedRecord record) {
        @Override
        public String toString() {
            return entry != null
                    ? "registry " + entry.getEnterpriseId() + " " + entry.getName() + " " + entry.getFormerNames()
                            + (entry.getDeleted() ? " withdrawn" : "")
                    : "record " + record.getRecordId() + " " + record.getFields().getSubjectName();
        }
    }

    @Property(tries = 150) // two operator harnesses per try
    void aStreamingRunEndsWhereABoundedRunOfTheSameInputEnds(@ForAll("runs") List<Event> run) throws Exception {
        List<Event> numbered = numbered(run);
        Map<String, UnifiedRecord> streaming;
        try (LinkStages s = new LinkStages(EmitMode.CHANGES)) {
            feed(s, numbered);
            streaming = s.latest();
        }
        Map<String, UnifiedRecord> bounded;
        try (LinkStages s = new LinkStages(EmitMode.FINAL)) {
            feed(s, numbered);
            bounded = s.end().latest();
        }

        assertThat(streaming.keySet()).isEqualTo(bounded.keySet());
        for (Map.Entry<String, UnifiedRecord> e : bounded.entrySet()) {
            assertThat(DedupLinkOperatorTest.withoutVersion(streaming.get(e.getKey())))
                    .as(e.getKey()).isEqualTo(DedupLinkOperatorTest.withoutVersion(e.getValue()));
        }
    }

    /** The run with record ids made unique and registry rows in arrival order, so the last entry of an enterprise is the one in force. */
    private static List<Event> numbered(List<Event> run) {
        List<Event> out = new ArrayList<>();
        long row = 0;
        int n = 0;
        for (Event e : run) {
            if (e.entry() != null) {
                out.add(new Event(RegistryEntry.newBuilder(e.entry()).setSource(new SourceRef("kafka:registry/0", ++row)).build(), null));
            } else {
                UnifiedRecord r = UnifiedRecord.newBuilder(e.record()).setRecordId("penalty:SCJG01:" + (++n)).build();
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
        Arbitrary<Event> record = LocalLinkerTest.unifiedRecords().map(r -> new Event(null, r));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, entry), net.jqwik.api.Tuple.of(1, record))
                .list().ofMinSize(1).ofMaxSize(16);
    }
}
