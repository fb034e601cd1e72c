package io.guiji.jobs.ingest.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.json.ReviewLog;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.NotBlank;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Messages of the decisions topic: what {@code guiji review --config} writes is what the job and
 * the PostgreSQL feed read; anything else is refused with a reason and never throws otherwise.
 */
class DecisionMessagesTest {
    private static final String TOPIC = "guiji.review-decisions";

    static ReviewDecision accept() {
        return ReviewDecision.newBuilder()
                .setDecisionId("7d1e0c4e-1f7b-4c57-9f55-0c1e9f4b2a10")
                .setScope(ReviewScope.NAME)
                .setSubject("朝阳市某某商贸有限公司")
                .setAction(ReviewAction.ACCEPT)
                .setEnterpriseId("91310115MA1K3BTP2B")
                .setDecidedBy("reviewer-1")
                .setDecidedAt("2026-12-04T20:15:00+08:00")
                .setReason("营业执照核对: 地址一致")
                .build();
    }

    static KafkaBytes message(long offset, byte[] value) {
        return new KafkaBytes(TOPIC, 0, offset, 0L, null, value);
    }

    static KafkaBytes message(long offset, String value) {
        return message(offset, value.getBytes(UTF_8));
    }

    @Test
    void whatTheCommandWritesIsReadBackTheSame() {
        ReviewDecision d = accept();

        assertThat(DecisionMessages.decode(message(0, DecisionMessages.value(d)))).isEqualTo(d);
        assertThat(DecisionMessages.key(d)).isEqualTo("NAME|朝阳市某某商贸有限公司");
    }

    @Test
    void aWithdrawalNeedsTheDecisionItTakesBack() {
        String json =
                ReviewLog.toJson(
                        ReviewDecision.newBuilder(accept())
                                .setAction(ReviewAction.WITHDRAW)
                                .setEnterpriseId(null)
                                .build());

        assertThatThrownBy(() -> DecisionMessages.decode(message(3, json)))
                .isInstanceOf(ReviewLog.BadLine.class)
                .hasMessage("kafka:" + TOPIC + "/0#3: WITHDRAW needs the decision_id it withdraws");
    }

    @Test
    void aTimeWithoutOffsetIsRefused() {
        String json =
                ReviewLog.toJson(
                        ReviewDecision.newBuilder(accept())
                                .setDecidedAt("2026-12-04 20:15")
                                .build());

        assertThatThrownBy(() -> DecisionMessages.decode(message(0, json)))
                .isInstanceOf(ReviewLog.BadLine.class)
                .hasMessageContaining("decided_at 2026-12-04 20:15 is not an ISO date-time");
    }

    @Test
    void bytesThatAreNotUtf8AndTombstonesAreRefused() {
        assertThatThrownBy(
                        () ->
                                DecisionMessages.decode(
                                        message(0, new byte[] {'{', (byte) 0xC3, '}'})))
                .hasMessageEndingWith(": not UTF-8");
        assertThatThrownBy(() -> DecisionMessages.decode(message(1, (byte[]) null)))
                .hasMessageEndingWith("empty message (a tombstone)");
    }

    @Test
    void textNoOutputCanCarryIsRemovedAndARequiredFieldOfNothingElseIsRefused() {
        ReviewDecision withNul =
                ReviewDecision.newBuilder(accept()).setReason("地址\u0000一致").build();
        assertThat(DecisionMessages.decode(message(0, ReviewLog.toJson(withNul))).getReason())
                .isEqualTo("地址一致");

        ReviewDecision onlyNul = ReviewDecision.newBuilder(accept()).setReason("\u0000").build();
        assertThatThrownBy(() -> DecisionMessages.decode(message(0, ReviewLog.toJson(onlyNul))))
                .isInstanceOf(ReviewLog.BadLine.class)
                .hasMessageContaining("only characters no output can carry");
    }

    @Property
    void anyBytesAreADecisionOrARefusalWithAReason(@ForAll byte[] value) {
        try {
            ReviewDecision d = DecisionMessages.decode(message(0, value));
            assertThat(d.getDecisionId()).isNotBlank();
        } catch (ReviewLog.BadLine e) {
            assertThat(e.why()).isNotBlank();
        }
    }

    @Property
    void anyTextAReviewerTypesComesBackCleanedAndNothingElseChanges(
            @ForAll @NotBlank String reason, @ForAll("subjects") String subject) {
        ReviewDecision d =
                ReviewDecision.newBuilder(accept()).setReason(reason).setSubject(subject).build();
        ReviewDecision cleaned = SinkSafeText.cleanRecord(d);
        try {
            ReviewDecision back = DecisionMessages.decode(message(0, DecisionMessages.value(d)));
            assertThat(back).isEqualTo(cleaned);
        } catch (ReviewLog.BadLine e) {
            assertThat(List.of(cleaned.getReason(), cleaned.getSubject()))
                    .as("refused only when cleaning leaves a required field blank")
                    .anyMatch(String::isBlank);
        }
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("朝阳市某某商贸有限公司", "（朝阳）某某\uD800店", "a\u0000b"));
    }

    @Test
    void theJobSendsWhatIsNotADecisionToTheReferenceDeadLetter() throws Exception {
        var harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        (ProcessFunction<KafkaBytes, ReviewDecision>) new DecisionDecodeFunction());
        harness.processElement(message(0, DecisionMessages.value(accept())), 0L);
        harness.processElement(message(1, "{\"decision_id\":"), 0L);
        harness.processElement(
                message(2, ReviewLog.toJson(accept()).replace("\"reason\"", "\"why\"")), 0L);

        assertThat(harness.extractOutputValues()).containsExactly(accept());
        List<RejectedRecord> rejected =
                List.copyOf(
                        harness.getSideOutput(io.guiji.jobs.ingest.ReferenceRejects.TAG).stream()
                                .map(r -> r.getValue())
                                .toList());
        assertThat(rejected)
                .extracting(r -> r.getFile() + "#" + r.getRow() + " " + r.getReason())
                .containsExactly(
                        "kafka:" + TOPIC + "/0#1 " + RejectReason.MALFORMED,
                        "kafka:" + TOPIC + "/0#2 " + RejectReason.MISSING_FIELD);
        assertThat(rejected.get(0).getMessage()).startsWith("not a review decision: not JSON");
        assertThat(rejected.get(0).getRaw()).isEqualTo("{\"decision_id\":");
        assertThat(rejected.get(1).getMessage())
                .isEqualTo("not a review decision: missing field reason");
    }
}
