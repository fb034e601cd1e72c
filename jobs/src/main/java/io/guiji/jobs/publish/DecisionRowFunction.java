package io.guiji.jobs.publish;

import io.guiji.connectors.jdbc.ReviewDecisionTable;
import io.guiji.connectors.json.ReviewLog;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.jobs.ingest.kafka.DecisionMessages;
import io.guiji.schemas.ReviewDecision;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A message of the decisions topic as a row of {@code review_decisions}: decoded as the streaming
 * job decodes it ({@link DecisionMessages}), so the table holds exactly the decisions the job
 * applies. A message that is not a decision gives no row; the job's decoder has sent it to the
 * reference dead letter. Stateless.
 */
public class DecisionRowFunction implements FlatMapFunction<KafkaBytes, ReviewDecisionTable.Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(KafkaBytes m, Collector<ReviewDecisionTable.Row> out) {
        ReviewDecision d;
        try {
            d = DecisionMessages.decode(m);
        } catch (ReviewLog.BadLine e) {
            return;
        }
        out.collect(row(d, m.reference(), m.offset));
    }

    static ReviewDecisionTable.Row row(ReviewDecision d, String file, long offset) {
        ReviewDecisionTable.Row r = new ReviewDecisionTable.Row();
        r.decisionId = d.getDecisionId();
        r.scope = d.getScope().name();
        r.subject = d.getSubject();
        r.action = d.getAction().name();
        r.enterpriseId = d.getEnterpriseId();
        r.withdraws = d.getWithdraws();
        r.decidedBy = d.getDecidedBy();
        r.decidedAt = d.getDecidedAt();
        r.reason = d.getReason();
        r.file = file;
        r.row = offset;
        return r;
    }
}
