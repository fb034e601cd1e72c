package io.guiji.jobs.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.ReviewScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReviewQueueTest {
    private static final ReviewQueue.Candidate A =
            new ReviewQueue.Candidate("91110000600037341L", "朝阳市某某商贸有限公司", 0.91);
    private static final ReviewQueue.Candidate B =
            new ReviewQueue.Candidate("91310115MA1K3BTP2B", "朝阳市某某商贸有限公司", 0.87);

    @Test
    void recordsOfOneNameWithoutCodeAreOneItemRankedByRecordsSettled() {
        List<ReviewQueue.Item> items =
                ReviewQueue.rank(
                        List.of(
                                uncertain("r1", "喀左县利民超市", null, List.of(B)),
                                uncertain("r2", "朝阳市某某商贸有限公司", null, List.of(B)),
                                uncertain("r3", "朝阳市 某某商贸有限公司", null, List.of(A, B)),
                                uncertain("r4", "朝阳市某某商贸有限公司", null, List.of())));

        assertThat(items).hasSize(2);
        assertThat(items.get(0).scope()).isEqualTo(ReviewScope.NAME);
        assertThat(items.get(0).recordIds()).containsExactly("r2", "r3");
        assertThat(items.get(0).candidates()).containsExactly(A, B);
        assertThat(items.get(1).recordIds()).containsExactly("r1");
    }

    @Test
    void aRecordWithAValidCodeIsDecidedAlone() {
        List<ReviewQueue.Item> items =
                ReviewQueue.rank(
                        List.of(
                                uncertain("r1", "朝阳市某某商贸有限公司", "91110000600037341L", List.of(A)),
                                uncertain("r2", "朝阳市某某商贸有限公司", "91110000600037341L", List.of(A))));

        assertThat(items).hasSize(2).allMatch(i -> i.scope() == ReviewScope.RECORD);
        assertThat(items).extracting(ReviewQueue.Item::subject).containsExactly("r1", "r2");
    }

    @Property(tries = 200)
    void theQueueDoesNotDependOnTheOrderTheRecordsWereReadIn(@ForAll Random random) {
        List<ReviewQueue.Uncertain> records =
                new ArrayList<>(
                        List.of(
                                uncertain("r1", "朝阳市 某某商贸有限公司", null, List.of(A, B)),
                                uncertain("r2", "朝阳市某某商贸有限公司", null, List.of(B, A)),
                                uncertain("r3", "朝陽市某某商貿有限公司", null, List.of(A)),
                                uncertain("r4", "朝阳市华盛商贸有限公司", null, List.of(B)),
                                uncertain("r5", "朝阳市华盛商贸有限公司", null, List.of(A)),
                                uncertain("r6", "朝阳某某商行", "91110000600037341L", List.of(A))));
        List<ReviewQueue.Item> expected = ReviewQueue.rank(records);
        Collections.shuffle(records, random);

        assertThat(ReviewQueue.rank(records)).isEqualTo(expected);
        assertThat(expected.get(0).subject())
                .as("the shortest of equally frequent writings")
                .isEqualTo("朝阳市某某商贸有限公司");
    }

    private static ReviewQueue.Uncertain uncertain(
            String id, String name, String uscc, List<ReviewQueue.Candidate> candidates) {
        return new ReviewQueue.Uncertain(id, name, uscc, null, null, candidates);
    }
}
