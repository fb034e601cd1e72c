package io.guiji.jobs.publish;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.jdbc.ReviewDecisionTable;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.jobs.ingest.kafka.DecisionMessages;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/**
 * Rows of {@code review_decisions}: a decision with its place on the topic; no row for a message
 * the job refused.
 */
class DecisionRowFunctionTest {

    @Test
    void aDecisionIsARowWithItsPlaceOnTheTopicAndAnythingElseIsNone() {
        ReviewDecision withdraw =
                ReviewDecision.newBuilder()
                        .setDecisionId("w-1")
                        .setScope(ReviewScope.RECORD)
                        .setSubject("0f3a")
                        .setAction(ReviewAction.WITHDRAW)
                        .setWithdraws("d-1")
                        .setDecidedBy("reviewer-2")
                        .setDecidedAt("2026-12-04T20:15:00+08:00")
                        .setReason("地址核对有误")
                        .build();
        List<ReviewDecisionTable.Row> rows = new ArrayList<>();
        DecisionRowFunction f = new DecisionRowFunction();

        f.flatMap(
                new KafkaBytes("t", 0, 7L, 0L, null, DecisionMessages.value(withdraw)),
                new ListCollector<>(rows));
        f.flatMap(
                new KafkaBytes("t", 0, 8L, 0L, null, "{".getBytes(UTF_8)),
                new ListCollector<>(rows));

        assertThat(rows)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.decisionId).isEqualTo("w-1");
                            assertThat(r.scope).isEqualTo("RECORD");
                            assertThat(r.action).isEqualTo("WITHDRAW");
                            assertThat(r.enterpriseId).isNull();
                            assertThat(r.withdraws).isEqualTo("d-1");
                            assertThat(r.decidedAt).isEqualTo("2026-12-04T20:15:00+08:00");
                            assertThat(r.file).isEqualTo("kafka:t/0");
                            assertThat(r.row).isEqualTo(7L);
                        });
    }
}
