package io.guiji.jobs.enterprise;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.jobs.link.PublishedTap;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.PublishedSummary;
import io.guiji.schemas.internal.RecordFacts;
import java.util.function.Consumer;
import org.apache.flink.util.OutputTag;

/**
 * The facts of each published state of a unified record for its subject ({@link
 * RecordFactsExtractor}), made in the linking operator ({@link PublishedTap}): and, when the
 * record's subject changed since the state published before (re-linked to another enterprise,
 * linked at last, now a person's), a removal of its facts from the subject it left. A revoked
 * record's facts are a removal too. A bounded run publishes each record once, final: its facts go
 * straight to its subject.
 *
 * <p>Where a router keyed by {@code record_id} kept each record's last subject, the linking
 * operator's own state now knows it: one exchange of the whole record and one state read and write
 * per change fewer (BENCHMARKS.md, "The enterprise view batched by checkpoint").
 */
public final class SubjectFactsTap implements PublishedTap<RecordFacts> {
    private static final long serialVersionUID = 1L;

    /** The linking operator's side output for the facts. */
    public static final OutputTag<RecordFacts> FACTS =
            new OutputTag<>("record-facts", AvroTypes.of(RecordFacts.class));

    @Override
    public void published(PublishedSummary before, UnifiedRecord after, Consumer<RecordFacts> out) {
        String subject = RecordFactsExtractor.subjectKey(after);
        String old =
                before == null
                        ? null
                        : RecordFactsExtractor.subjectKey(
                                before.getEnterpriseId(),
                                before.getLinkMethod(),
                                before.getSubjectName());
        if (old != null && !old.equals(subject)) {
            out.accept(removal(old, after));
        }
        if (subject != null) {
            RecordFacts facts = RecordFactsExtractor.facts(after, subject);
            // a removal from a subject that never held the record would change nothing there
            if (!facts.getRemoved() || subject.equals(old)) {
                out.accept(facts);
            }
        }
    }

    /** The removal of record {@code r}'s facts from {@code subject}. */
    static RecordFacts removal(String subject, UnifiedRecord r) {
        RecordFacts gone = RecordFactsExtractor.facts(r, subject);
        gone.setRemoved(true);
        return gone;
    }
}
