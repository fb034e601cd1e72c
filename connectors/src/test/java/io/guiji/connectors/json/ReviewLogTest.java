package io.guiji.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewLogTest {
    @TempDir Path dir;

    @Test
    void decisionsAreAppendedAndReadBackInOrder() {
        Path log = dir.resolve("review/decisions.jsonl");
        ReviewDecision first = decision("d1", ReviewAction.ACCEPT, "91110000600037341L", null);
        ReviewDecision second = decision("d2", ReviewAction.WITHDRAW, null, "d1");

        ReviewLog.append(log, first);
        ReviewLog.append(log, second);

        assertThat(ReviewLog.read(log)).containsExactly(first, second);
    }

    @Test
    void aMissingLogHoldsNoDecision() {
        assertThat(ReviewLog.read(dir.resolve("none.jsonl"))).isEmpty();
    }

    @Test
    void aBadLineIsNamedByFileAndLine() throws IOException {
        Path log = dir.resolve("decisions.jsonl");
        Files.writeString(
                log,
                ReviewLog.toJson(decision("d1", ReviewAction.NO_LINK, null, null))
                        + "\n\n{\"decision_id\": \"d2\", \"action\": \"MAYBE\"}\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReviewLog.read(log))
                .isInstanceOf(ReviewLog.BadLine.class)
                .hasMessageStartingWith(log + ":3: ");
    }

    @Test
    void anAcceptWithoutEnterpriseIsRefused() throws IOException {
        Path log = dir.resolve("decisions.jsonl");
        String line =
                ReviewLog.toJson(decision("d1", ReviewAction.ACCEPT, "x", null))
                        .replace("\"enterprise_id\":\"x\"", "\"enterprise_id\":null");
        Files.writeString(log, line + "\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReviewLog.read(log))
                .hasMessage(log + ":1: ACCEPT needs an enterprise_id");
    }

    /** Any text in any field survives the trip through the log, one line a decision. */
    @Property(tries = 200)
    void anyTextRoundTrips(
            @ForAll @StringLength(min = 1, max = 40) String subject,
            @ForAll @StringLength(min = 1, max = 40) String reason)
            throws IOException {
        Path tmp = Files.createTempDirectory("review-log"); // jqwik does not inject @TempDir
        Path log = tmp.resolve("decisions.jsonl");
        ReviewDecision d =
                ReviewDecision.newBuilder(decision("d1", ReviewAction.NO_LINK, null, null))
                        .setSubject(subject)
                        .setReason(reason)
                        .build();
        ReviewLog.append(log, d);
        if (subject.isBlank() || reason.isBlank()) {
            assertThatThrownBy(() -> ReviewLog.read(log))
                    .isInstanceOf(ReviewLog.BadLine.class)
                    .hasMessageContaining("missing field");
        } else {
            assertThat(ReviewLog.read(log)).containsExactly(d);
        }
        Files.delete(log);
        Files.delete(tmp);
    }

    private static ReviewDecision decision(
            String id, ReviewAction action, String enterprise, String withdraws) {
        return ReviewDecision.newBuilder()
                .setDecisionId(id)
                .setScope(ReviewScope.NAME)
                .setSubject("朝阳市某某商贸有限公司")
                .setAction(action)
                .setEnterpriseId(enterprise)
                .setWithdraws(withdraws)
                .setDecidedBy("reviewer")
                .setDecidedAt("2026-12-04T10:00:00+08:00")
                .setReason("营业执照核对")
                .build();
    }
}
