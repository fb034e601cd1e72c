package io.guiji.jobs.coverage.page;

import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chinese words of the coverage page: record types (docs/domain.md §2), rejection reasons
 * (docs/contract.md §7) and statuses. A code without a word is shown as it is.
 */
final class ChineseLabels {
    private static final Map<String, String> RECORD_TYPES = new LinkedHashMap<>();
    private static final Map<String, String> REJECT_REASONS = new LinkedHashMap<>();

    static {
        RECORD_TYPES.put(RecordType.license.name(), "行政许可");
        RECORD_TYPES.put(RecordType.inspection.name(), "行政检查");
        RECORD_TYPES.put(RecordType.penalty.name(), "行政处罚");
        RECORD_TYPES.put(RecordType.coercion.name(), "行政强制");
        RECORD_TYPES.put(RecordType.judicial.name(), "司法信息");
        RECORD_TYPES.put(RecordType.dishonesty.name(), "失信名单");
        REJECT_REASONS.put(RejectReason.MALFORMED.name(), "格式错误");
        REJECT_REASONS.put(RejectReason.MISSING_FIELD.name(), "缺少必填字段");
        REJECT_REASONS.put(RejectReason.INVALID_DATE.name(), "日期无效");
        REJECT_REASONS.put(RejectReason.UNKNOWN_SOURCE.name(), "来源不明");
        REJECT_REASONS.put(RejectReason.PROCESSING_ERROR.name(), "处理出错");
    }

    private ChineseLabels() {}

    /** The six record types in the contract's order, code → Chinese. */
    static Map<String, String> recordTypes() {
        return RECORD_TYPES;
    }

    static String recordType(String code) {
        return RECORD_TYPES.getOrDefault(code, code);
    }

    static String rejectReason(String code) {
        return REJECT_REASONS.getOrDefault(code, code);
    }

    /** 达标 for {@code MET}, 未达标 for {@code BELOW}. */
    static String status(String status) {
        return "MET".equals(status) ? "达标" : "未达标";
    }

    static String deptStatus(String status) {
        return switch (status) {
            case "UNCOVERED" -> "未归集";
            case "PARTIAL" -> "部分归集";
            case "COVERED" -> "已归集";
            default -> "未编目";
        };
    }

    /** A bounded run covers all its input; streaming covers a calendar year. */
    static String period(String period) {
        return "all-input".equals(period) ? "本次输入的全部数据" : period + " 年度";
    }
}
