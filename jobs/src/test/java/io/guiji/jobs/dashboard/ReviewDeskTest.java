package io.guiji.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.jobs.coverage.Html;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The review page's pieces without servers: the form becomes the decision {@code guiji review}
 * would record, or a refusal that names the field; anti-forgery tokens are accepted only as issued;
 * text is escaped for HTML whatever it holds.
 */
class ReviewDeskTest {
    private static final CsrfTokens TOKENS = new CsrfTokens();

    @Test
    void theFormBecomesTheDecisionWithWhoWhenAndWhy() {
        ReviewDecision d =
                ReviewDesk.decision(form("ACCEPT:91210000MA0Y1K2P3X", "张三", "核对营业执照"), "10.0.0.7");
        assertThat(d.getAction()).isEqualTo(ReviewAction.ACCEPT);
        assertThat(d.getScope()).isEqualTo(ReviewScope.RECORD);
        assertThat(d.getSubject()).isEqualTo("r1");
        assertThat(d.getEnterpriseId()).isEqualTo("91210000MA0Y1K2P3X");
        assertThat(d.getDecidedBy()).isEqualTo("张三");
        assertThat(d.getReason()).isEqualTo("核对营业执照 [guiji dashboard, from 10.0.0.7]");
        assertThat(d.getDecidedAt()).isNotBlank();
        assertThat(d.getDecisionId()).hasSize(36);

        ReviewDecision none = ReviewDesk.decision(form("NO_LINK:", "张三", "外地企业"), "::1");
        assertThat(none.getAction()).isEqualTo(ReviewAction.NO_LINK);
        assertThat(none.getEnterpriseId()).isNull();
    }

    @Test
    void anIncompleteOrUnknownChoiceIsRefusedNamingWhatLacks() {
        assertThatThrownBy(() -> ReviewDesk.decision(form("ACCEPT:X", " ", "理由"), "h"))
                .hasMessageContaining("审核人");
        assertThatThrownBy(() -> ReviewDesk.decision(form("ACCEPT:X", "张三", ""), "h"))
                .hasMessageContaining("理由");
        assertThatThrownBy(() -> ReviewDesk.decision(form("ACCEPT:", "张三", "理由"), "h"))
                .hasMessageContaining("候选企业");
        assertThatThrownBy(() -> ReviewDesk.decision(form("WITHDRAW:", "张三", "理由"), "h"))
                .hasMessageContaining("withdraw");
        assertThatThrownBy(() -> ReviewDesk.decision(form("DELETE:X", "张三", "理由"), "h"))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, String> badScope = form("NO_LINK:", "张三", "理由");
        badScope.put("scope", "ALL");
        assertThatThrownBy(() -> ReviewDesk.decision(badScope, "h")).hasMessageContaining("scope");
    }

    @Test
    void onlyTheDashboardsOwnOriginMayPost() {
        assertThat(ReviewDesk.sameOrigin("same-origin", "http://127.0.0.1:8095", "127.0.0.1:8095"))
                .isTrue();
        assertThat(ReviewDesk.sameOrigin(null, null, "127.0.0.1:8095")).as("curl").isTrue();
        assertThat(ReviewDesk.sameOrigin("cross-site", null, "127.0.0.1:8095")).isFalse();
        assertThat(ReviewDesk.sameOrigin("same-site", null, "127.0.0.1:8095")).isFalse();
        assertThat(ReviewDesk.sameOrigin(null, "http://evil.example", "127.0.0.1:8095")).isFalse();
        assertThat(ReviewDesk.sameOrigin(null, "null", "127.0.0.1:8095")).isFalse();
        assertThat(ReviewDesk.sameOrigin(null, "https://review.example", "review.example"))
                .isTrue();
    }

    @Property(tries = 200)
    void anIssuedTokenIsValidAndAnyChangeToItIsNot(
            @ForAll("positions") int position, @ForAll("replacements") char replacement) {
        String token = TOKENS.issue();
        assertThat(TOKENS.valid(token)).isTrue();
        int at = position % token.length();
        if (token.charAt(at) != replacement) {
            String changed = token.substring(0, at) + replacement + token.substring(at + 1);
            assertThat(TOKENS.valid(changed)).as(changed).isFalse();
        }
        assertThat(new CsrfTokens().valid(token)).as("another dashboard's key").isFalse();
        assertThat(TOKENS.valid(token.substring(0, token.length() - 1))).isFalse();
    }

    @Property(tries = 300)
    void escapedTextHasNoMarkupAndReadsBackAsItWas(@ForAll String text) {
        String escaped = Html.escape(text);
        assertThat(escaped).doesNotContain("<", ">", "\"", "'");
        String back =
                escaped.replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&");
        assertThat(back).isEqualTo(text);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.chars().with("0123456789.-_abcXYZ");
    }

    private static Map<String, String> form(String choice, String reviewer, String reason) {
        Map<String, String> f = new HashMap<>();
        f.put("scope", "RECORD");
        f.put("subject", "r1");
        f.put("choice", choice);
        f.put("reviewer", reviewer);
        f.put("reason", reason);
        return f;
    }
}
