package io.guiji.jobs.link;

import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.PublishedSummary;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * What a later stage derives from each state of a record as the linking operator publishes it,
 * given the state published before it. Made where both states are at hand, so that the later stage
 * needs no exchange keyed by {@code record_id} and no state of its own to learn what a record was
 * (the enterprise view's facts: a record re-linked leaves its old subject, docs/contract.md §9).
 * What it gives goes to the operator's side output for it ({@link DedupLinkOperator#withTap}); a
 * tap that throws is counted as a processing error and gives nothing for that state: the record
 * itself is published all the same.
 */
@FunctionalInterface
public interface PublishedTap<T> extends Serializable {
    /**
     * {@code before}: what the operator keeps of the state published before ({@link
     * PublishedSummaries}), or null for the record's first (always null in a bounded run, which
     * publishes each record once).
     */
    void published(PublishedSummary before, UnifiedRecord after, Consumer<T> out);
}
