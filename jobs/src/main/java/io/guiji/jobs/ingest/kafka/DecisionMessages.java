package io.guiji.jobs.ingest.kafka;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.json.ReviewLog;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.schemas.ReviewDecision;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A message of the decisions topic ({@code guiji.kafka.topic.review-decisions}): one reviewer's
 * decision as JSON, exactly a line of a bounded run's {@code review/decisions.jsonl} ({@link
 * ReviewLog}). What the streaming job applies and what the PostgreSQL feed records are decoded
 * here, so both take and refuse the same messages.
 */
public final class DecisionMessages {
    private DecisionMessages() {}

    /**
     * The decision a message holds, with text no sink can take removed; a {@link ReviewLog.BadLine}
     * saying what is wrong (prefixed with the message's source reference and offset) when it is not
     * UTF-8 JSON of a complete decision, or its {@code decided_at} is not an ISO date-time with
     * offset.
     */
    public static ReviewDecision decode(KafkaBytes m) {
        String where = m.reference() + "#" + m.offset;
        if (m.value == null) {
            throw new ReviewLog.BadLine(where, "empty message (a tombstone)");
        }
        String text;
        try {
            text = JsonMessages.strictUtf8(m.value);
        } catch (CharacterCodingException e) {
            throw new ReviewLog.BadLine(where, "not UTF-8");
        }
        ReviewDecision d = SinkSafeText.cleanRecord(ReviewLog.parse(where, text));
        try {
            OffsetDateTime.parse(d.getDecidedAt());
        } catch (DateTimeParseException e) {
            throw new ReviewLog.BadLine(
                    where,
                    "decided_at "
                            + d.getDecidedAt()
                            + " is not an ISO date-time with offset (2026-12-04T20:15:00+08:00)");
        }
        for (String required :
                new String[] {d.getDecisionId(), d.getSubject(), d.getDecidedBy(), d.getReason()}) {
            if (required.isBlank()) {
                throw new ReviewLog.BadLine(
                        where, "a required field holds only characters no output can carry");
            }
        }
        return d;
    }

    /** The message's key on the topic: a subject's decisions share a partition, in order. */
    public static String key(ReviewDecision d) {
        return d.getScope() + "|" + d.getSubject();
    }

    /**
     * The message's value: the decision as one line of the review log, in UTF-8, without text no
     * output can carry (UTF-8 would turn a lone surrogate into {@code ?}: removed first, as {@link
     * #decode} removes it, so what is read back is what was written).
     */
    public static byte[] value(ReviewDecision d) {
        return ReviewLog.toJson(SinkSafeText.cleanRecord(d)).getBytes(StandardCharsets.UTF_8);
    }
}
