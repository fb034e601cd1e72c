package io.guiji.jobs.normalize;

import io.guiji.schemas.RecordStatus;
import java.util.Locale;
import java.util.Map;

/**
 * 当前状态 values, mapped as docs/contract.md §2 says: {@code 有效}, {@code 1}, {@code 正常} → {@link
 * RecordStatus#ACTIVE}; {@code 无效}, {@code 2}, {@code 撤销}, {@code 撤回}, {@code 变更} → {@link
 * RecordStatus#REVOKED}; empty → {@code ACTIVE}.
 *
 * <p>Also recognized: the English {@code active} and {@code revoked} (any case), and any value
 * containing {@code 撤销}, {@code 撤回} or {@code 无效} ({@code 已撤销}, {@code 已撤回}, {@code 无效（已撤销）}) →
 * {@code REVOKED}, unless the word is negated ({@code 未撤销}, {@code 不撤销}, {@code 非无效}, {@code
 * 没有撤回}): a negated value is left unrecognized rather than guessed. Matching is after {@link
 * Text#compact} (NFKC, spaces removed) and ASCII case folding.
 *
 * <p>Anything else ({@code 0}, {@code 3}, {@code 异议}, {@code 其他} …) is {@code ACTIVE} with {@code
 * recognized == false}: a record is never retracted on a guess, and the caller flags the value.
 *
 * <p>Contract over legacy code list: docs/domain.md §3 reports, <em>unconfirmed</em>, a 2016-layout
 * {@code XK_ZT} code list {@code 0 正常 / 1 撤销 / 2 异议 / 3 其他}, under which {@code 1} would mean
 * revoked. It contradicts docs/contract.md §2, and this class follows the contract: {@code 1} is
 * {@code ACTIVE}, {@code 2} is {@code REVOKED}, {@code 0} and {@code 3} are unrecognized (ACTIVE,
 * flagged).
 */
public final class Statuses {
    /**
     * The outcome: {@code status} is never null; {@code recognized} is false for unknown values.
     */
    public record StatusParse(RecordStatus status, boolean recognized) {}

    private static final StatusParse ACTIVE = new StatusParse(RecordStatus.ACTIVE, true);
    private static final StatusParse REVOKED = new StatusParse(RecordStatus.REVOKED, true);
    private static final StatusParse UNRECOGNIZED = new StatusParse(RecordStatus.ACTIVE, false);

    private static final Map<String, StatusParse> EXACT =
            Map.ofEntries(
                    Map.entry("有效", ACTIVE),
                    Map.entry("1", ACTIVE),
                    Map.entry("正常", ACTIVE),
                    Map.entry("active", ACTIVE),
                    Map.entry("无效", REVOKED),
                    Map.entry("2", REVOKED),
                    Map.entry("撤销", REVOKED),
                    Map.entry("撤回", REVOKED),
                    Map.entry("变更", REVOKED),
                    Map.entry("revoked", REVOKED));

    private static final String[] REVOKING_WORDS = {"撤销", "撤回", "无效"};
    private static final String[] NEGATIONS = {"未", "不", "非", "没有", "无需", "无须"};

    private Statuses() {}

    /** The status {@code raw} stands for; see the class comment for the mapping. */
    public static StatusParse parse(String raw) {
        String s = Text.compact(raw);
        if (s == null) {
            return ACTIVE;
        }
        s = s.toLowerCase(Locale.ROOT);
        StatusParse exact = EXACT.get(s);
        if (exact != null) {
            return exact;
        }
        boolean revoking = false;
        for (String word : REVOKING_WORDS) {
            int at = s.indexOf(word);
            if (at >= 0) {
                if (negated(s, at)) {
                    return UNRECOGNIZED;
                }
                revoking = true;
            }
        }
        return revoking ? REVOKED : UNRECOGNIZED;
    }

    private static boolean negated(String s, int at) {
        for (String neg : NEGATIONS) {
            if (at >= neg.length() && s.startsWith(neg, at - neg.length())) {
                return true;
            }
        }
        return false;
    }
}
