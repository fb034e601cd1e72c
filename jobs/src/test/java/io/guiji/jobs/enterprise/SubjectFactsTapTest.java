package io.guiji.jobs.enterprise;

import static io.guiji.jobs.enterprise.Records.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.RecordFacts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SubjectFactsTap}: the facts each published state of a record sends, given the state
 * published before it.
 */
class SubjectFactsTapTest {
    static final String E = RecordFactsExtractor.ENTERPRISE + ENTERPRISE;

    private final SubjectFactsTap tap = new SubjectFactsTap();
    private final List<RecordFacts> sent = new ArrayList<>();
    private UnifiedRecord published;

    /** Publishes {@code r} after what was published before, as the linking operator does. */
    private void publish(UnifiedRecord r) {
        tap.published(summary(published), r, sent::add);
        published = r;
    }

    @Test
    void aRecordsFactsLeaveItsSubjectWhenItMovesToAnother() {
        String other = "91310115MA1K3BTP2B";
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        UnifiedRecord unlinked = unlinked(p, "朝阳市双塔区老王小吃店");

        publish(unlinked); // unlinked at first: under its name
        publish(linkedTo(p, ENTERPRISE, 2)); // its registry entry arrives: linked
        publish(linkedTo(p, other, 3)); // a correction re-links it to another enterprise
        publish(version(linkedTo(p, other, 3), 4, RecordStatus.ACTIVE)); // a new version, same

        String name = RecordFactsExtractor.subjectKey(unlinked);
        assertThat(sent)
                .extracting(
                        RecordFacts::getSubjectKey,
                        RecordFacts::getRemoved,
                        RecordFacts::getVersion)
                .containsExactly(
                        tuple(name, false, 1L),
                        tuple(name, true, 2L),
                        tuple(E, false, 2L),
                        tuple(E, true, 3L),
                        tuple("E:" + other, false, 3L),
                        tuple("E:" + other, false, 4L));
    }

    @Test
    void aPersonsRecordBelongsToNoSubject() {
        publish(person(penalty("p", "2026-01-01", "罚款", "2")));
        assertThat(sent).isEmpty();
    }

    @Test
    void aRecordThatBecomesAPersonsLeavesItsSubject() {
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        publish(p);
        publish(version(person(p), 2, RecordStatus.ACTIVE));
        publish(version(person(p), 3, RecordStatus.ACTIVE));
        assertThat(sent)
                .extracting(RecordFacts::getSubjectKey, RecordFacts::getRemoved)
                .containsExactly(tuple(E, false), tuple(E, true));
    }

    @Test
    void aRevokedRecordLeavesItsSubjectAndARecordFirstSeenRevokedSendsNothing() {
        UnifiedRecord p = penalty("p", "2026-01-01", "罚款", "2");
        publish(p);
        publish(version(p, 2, RecordStatus.REVOKED));
        assertThat(sent)
                .extracting(RecordFacts::getSubjectKey, RecordFacts::getRemoved)
                .containsExactly(tuple(E, false), tuple(E, true));

        sent.clear();
        published = null;
        publish(version(penalty("q", "2026-01-01", "罚款", "2"), 1, RecordStatus.REVOKED));
        assertThat(sent).isEmpty();
    }

    /** What the linking operator keeps of {@code r} when it publishes the next state. */
    private static io.guiji.schemas.internal.PublishedSummary summary(UnifiedRecord r) {
        return r == null ? null : io.guiji.jobs.link.PublishedSummaries.of(r, 0);
    }
}
