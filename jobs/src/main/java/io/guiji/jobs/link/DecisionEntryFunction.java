package io.guiji.jobs.link;

import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.internal.IndexedEntry;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A reviewer's decision as an update of the reference data every linking subtask holds ({@link
 * IndexedEntry} with only {@code decision} set), to be broadcast beside the registry: {@link
 * DedupLinkOperator} applies it as the MANUAL tier and links the records it concerns again.
 * Stateless.
 */
public class DecisionEntryFunction implements MapFunction<ReviewDecision, IndexedEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public IndexedEntry map(ReviewDecision decision) {
        return new IndexedEntry(null, null, decision);
    }
}
