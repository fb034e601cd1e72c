package io.guiji.jobs.normalize;

import io.guiji.schemas.RecordType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Record type names (docs/contract.md §1), as they appear in input paths ({@code
 * records/<dept>/<type>/}), in the catalogue's 信息类别 column and in Chinese. Matching is exact after
 * {@link Text#compact} (NFKC, spaces removed) and ASCII case folding.
 *
 * <ul>
 *   <li>{@code license} (also {@code licence}): 行政许可, 许可;
 *   <li>{@code inspection}: 行政检查, 检查, 双随机, 抽查, 抽查检查, 双随机抽查, 双随机一公开, 抽查检查结果;
 *   <li>{@code penalty}: 行政处罚, 处罚;
 *   <li>{@code coercion}: 行政强制, 强制, 行政强制措施;
 *   <li>{@code judicial}: 司法, 司法判决, 法院, 被执行人, 失信被执行人;
 *   <li>{@code dishonesty}: 失信名单, 失信, 经营异常名录, 严重违法失信名单, 严重违法失信企业名单, 黑名单.
 * </ul>
 *
 * <p>Note that 失信被执行人 is {@code judicial} (a court list), while 严重违法失信名单 is {@code dishonesty} (an
 * administrative list), as docs/contract.md §1 groups them.
 */
public final class RecordTypes {
    private static final Map<String, RecordType> NAMES = new HashMap<>();

    static {
        for (RecordType t : RecordType.values()) {
            add(t, t.name());
        }
        add(RecordType.license, "licence", "行政许可", "许可");
        add(RecordType.inspection, "行政检查", "检查", "双随机", "抽查", "抽查检查", "双随机抽查", "双随机一公开", "抽查检查结果");
        add(RecordType.penalty, "行政处罚", "处罚");
        add(RecordType.coercion, "行政强制", "强制", "行政强制措施");
        add(RecordType.judicial, "司法", "司法判决", "法院", "被执行人", "失信被执行人");
        add(RecordType.dishonesty, "失信名单", "失信", "经营异常名录", "严重违法失信名单", "严重违法失信企业名单", "黑名单");
    }

    private RecordTypes() {}

    /** The record type {@code raw} names, or {@code null} when it names none (or is empty). */
    public static RecordType parse(String raw) {
        String s = Text.compact(raw);
        return s == null ? null : NAMES.get(s.toLowerCase(Locale.ROOT));
    }

    private static void add(RecordType type, String... names) {
        for (String name : names) {
            RecordType previous = NAMES.put(name.toLowerCase(Locale.ROOT), type);
            if (previous != null && previous != type) {
                throw new IllegalStateException(name + " names both " + previous + " and " + type);
            }
        }
    }
}
