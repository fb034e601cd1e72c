package io.guiji.jobs.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.PostgresLogin;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.ingest.kafka.DecisionMessages;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code guiji review} against the streaming job ({@code --config FILE}, the job's own
 * configuration): a decision is appended to the decisions topic ({@code
 * guiji.kafka.topic.review-decisions}), which the running job applies at once (docs/contract.md
 * §6); the work list comes from {@code unified_record} and the history from {@code
 * review_decisions}, the PostgreSQL tables the job feeds from what Kafka committed.
 */
public final class ReviewStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long the command waits for the broker before saying it cannot reach it. */
    public static final int KAFKA_TIMEOUT_MS = 15_000;

    private ReviewStream() {}

    /** Where a decision landed on the topic. */
    public record Sent(String topic, int partition, long offset) {}

    /**
     * Appends {@code d} to the decisions topic and waits for every in-sync replica to have it
     * (idempotent producer, {@code acks=all}): when this returns, the decision is in the audit log.
     * An unreachable broker or a missing topic is an {@link IllegalArgumentException} saying what
     * to check.
     */
    public static Sent send(StreamConfig cfg, ReviewDecision d) {
        String topic = cfg.get(GuijiOptions.TOPIC_REVIEW_DECISIONS);
        if (topic == null) {
            throw new IllegalArgumentException(
                    "configuration "
                            + GuijiOptions.TOPIC_REVIEW_DECISIONS.key()
                            + " is empty: the streaming job reads no decisions");
        }
        Properties p = new Properties();
        p.putAll(cfg.kafkaProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(KAFKA_TIMEOUT_MS));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(KAFKA_TIMEOUT_MS / 2));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(KAFKA_TIMEOUT_MS));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, cfg.value(GuijiOptions.KAFKA_GROUP_ID) + "-review");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata m =
                    producer.send(
                                    new ProducerRecord<>(
                                            topic,
                                            DecisionMessages.key(d),
                                            DecisionMessages.value(d)))
                            .get(2L * KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return new Sent(m.topic(), m.partition(), m.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the decision", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause =
                    e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            // No cause attached: the command line shows the deepest message, and this one says
            // what to check.
            throw new IllegalArgumentException(
                    "the decision was NOT recorded: cannot write to Kafka topic "
                            + topic
                            + " at "
                            + cfg.bootstrapServers()
                            + " ("
                            + cause.getMessage()
                            + "); check guiji.kafka.bootstrap-servers, that the broker runs and that the topic exists"
                            + " (deploy/kafka/create-topics.sh)");
        }
    }

    /**
     * The work list of {@code guiji review list --config}: the records the job left unlinked with
     * candidates, ranked, less the subjects a decision in force in {@code review_decisions}
     * settles.
     */
    public static List<ReviewQueue.Item> pending(PostgresLogin login) {
        return ReviewQueue.pending(ReviewQueue.rank(uncertain(login)), history(login));
    }

    /**
     * The records the job left unlinked with candidates, as {@code unified_record} holds their
     * latest state.
     */
    public static List<ReviewQueue.Uncertain> uncertain(PostgresLogin login) {
        List<ReviewQueue.Uncertain> out = new ArrayList<>();
        String sql =
                "SELECT record::text FROM unified_record WHERE link_method = 'NONE'"
                        + " AND jsonb_typeof(record->'candidates') = 'array'"
                        + " AND record->'candidates' <> '[]'::jsonb";
        try (Connection c = login.connectReadOnly();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ReviewQueue.Uncertain u = ReviewQueue.uncertainOf(JSON.readTree(r.getString(1)));
                if (u != null) {
                    out.add(u);
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "cannot read unified_record at " + login.url() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Every decision in {@code review_decisions}, oldest first (by when it was made, then by its
     * place on the topic); times in this machine's zone.
     */
    public static List<ReviewDecision> history(PostgresLogin login) {
        List<ReviewDecision> out = new ArrayList<>();
        String sql =
                "SELECT decision_id, scope, subject, action, enterprise_id, withdraws, decided_by,"
                        + " decided_at, reason FROM review_decisions"
                        + " ORDER BY decided_at, source_file, source_row";
        try (Connection c = login.connectReadOnly();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                OffsetDateTime at = r.getObject(8, OffsetDateTime.class);
                out.add(
                        ReviewDecision.newBuilder()
                                .setDecisionId(r.getString(1))
                                .setScope(ReviewScope.valueOf(r.getString(2)))
                                .setSubject(r.getString(3))
                                .setAction(ReviewAction.valueOf(r.getString(4)))
                                .setEnterpriseId(r.getString(5))
                                .setWithdraws(r.getString(6))
                                .setDecidedBy(r.getString(7))
                                .setDecidedAt(
                                        at.atZoneSameInstant(ZoneId.systemDefault())
                                                .toOffsetDateTime()
                                                .toString())
                                .setReason(r.getString(9))
                                .build());
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "cannot read review_decisions at "
                            + login.url()
                            + ": "
                            + e.getMessage()
                            + " (create it with deploy/postgres/schema.sql)");
        }
        return out;
    }
}
