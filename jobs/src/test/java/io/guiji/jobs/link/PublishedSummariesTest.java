package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.QualityFlags;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.PublishedSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link PublishedSummaries}: what the linking operator keeps of a published record. Its
 * fingerprint tells two states of a record apart whatever field differs, and never their versions.
 */
class PublishedSummariesTest {
    private final PublishedSummaries summaries = new PublishedSummaries();

    @Test
    void theVersionTakesNoPartAndIsLeftAsItWas() {
        UnifiedRecord r = LinkDeciderTest.record("朝阳市鑫源建材有限公司", f -> {});
        long first = summaries.fingerprint(r);
        r.setVersion(7L);

        assertThat(summaries.fingerprint(r)).isEqualTo(first);
        assertThat(r.getVersion()).isEqualTo(7L);
    }

    /** Any one change a new copy, a re-link or a revocation makes gives another fingerprint. */
    @Property(tries = 200)
    void everyChangeOfContentChangesTheFingerprint(
            @ForAll("changes") Consumer<UnifiedRecord> change) {
        UnifiedRecord before = LinkDeciderTest.record("朝阳市鑫源建材有限公司", f -> {});
        UnifiedRecord after = UnifiedRecord.newBuilder(before).build();
        change.accept(after);
        assertThat(after).isNotEqualTo(before);

        assertThat(summaries.fingerprint(after)).isNotEqualTo(summaries.fingerprint(before));
    }

    @Provide
    Arbitrary<Consumer<UnifiedRecord>> changes() {
        Arbitrary<String> text =
                Arbitraries.strings().withCharRange('一', '龥').ofMinLength(1).ofMaxLength(8);
        return Arbitraries.oneOf(
                text.map(
                        t -> r -> r.getFields().setSubjectName(r.getFields().getSubjectName() + t)),
                text.map(t -> r -> r.setEnterpriseId("91210000MA" + t)),
                Arbitraries.of(LinkMethod.values())
                        .filter(m -> m != LinkMethod.NONE)
                        .map(m -> r -> r.setLinkMethod(m)),
                Arbitraries.longs()
                        .between(2, 1_000_000)
                        .map(
                                row ->
                                        r -> {
                                            List<SourceRef> s = new ArrayList<>(r.getSources());
                                            s.add(
                                                    new SourceRef(
                                                            "records/SCJG01/penalty/b.csv", row));
                                            r.setSources(s);
                                        }),
                text.map(
                        t ->
                                r -> {
                                    List<String> e = new ArrayList<>(r.getLinkEvidence());
                                    e.add("name=" + t);
                                    r.setLinkEvidence(e);
                                }),
                Arbitraries.doubles().between(0.01, 1).map(c -> r -> r.setLinkConfidence(c)));
    }

    @Test
    void theSummaryHoldsWhatTheCountersAndTheViewRead() {
        UnifiedRecord r = LinkDeciderTest.record("朝阳市鑫源建材有限公司", f -> {}, QualityFlags.LINK_ERROR);
        r.setVersion(3L);
        r.setReceivedOn("2024-02-21");

        PublishedSummary s = PublishedSummaries.of(r, 42L);

        assertThat(s.getVersion()).isEqualTo(3L);
        assertThat(s.getFingerprint()).isEqualTo(42L);
        assertThat(s.getDeptCode()).isEqualTo("SCJG01");
        assertThat(s.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(s.getSubjectName()).isEqualTo("朝阳市鑫源建材有限公司");
        assertThat(s.getCopies()).isEqualTo(1);
        assertThat(s.getIsolated()).isTrue();
        assertThat(s.getTimed()).as("a penalty").isTrue();
        assertThat(s.getDecisionDay())
                .isEqualTo(io.guiji.jobs.normalize.Dates.epochDay("2024-02-20"));
        assertThat(s.getReceivedOn()).isEqualTo("2024-02-21");
    }
}
