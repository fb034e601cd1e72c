package io.guiji.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * The field layouts channels write (docs/contract.md §2, docs/domain.md §3): a column is a value
 * key and its header. Value keys are the canonical field names; keys starting with {@code x_} are
 * columns outside the contract (案件名称, 地方编码, 备注 …), written by some layouts and by no JSON object.
 */
final class Layouts {
    /** Which header set a file uses. */
    enum Kind {
        /** snake_case canonical names (the 互联网+监管 platform's JSON keys). */
        CANONICAL,
        /** Chinese names of the current 双公示 standard. */
        CHINESE,
        /** XK_/CF_ field codes of the current standard (licences and penalties only). */
        CODES,
        /**
         * The 2016 layout: CF_WSH, CF_CFMC, CF_CFLB1, … / XK_WSH, XK_XMMC, … (licences and
         * penalties only).
         */
        LEGACY_2016
    }

    record Column(String key, String header) {}

    private Layouts() {}

    static boolean hasCodes(String type) {
        return type.equals("license") || type.equals("penalty");
    }

    /**
     * The columns of {@code type} in layout {@code kind}; {@code legalRepId} adds
     * XK_FR_ZJHM/CF_FR_ZJHM.
     */
    static List<Column> columns(String type, Kind kind, boolean legalRepId) {
        List<Column> c = new ArrayList<>();
        switch (kind) {
            case CANONICAL:
            case CHINESE:
                boolean zh = kind == Kind.CHINESE;
                add(c, zh, "subject_name", "行政相对人名称");
                add(c, zh, "subject_category", "行政相对人类别");
                add(c, zh, "uscc", "统一社会信用代码");
                add(c, zh, "reg_no", "工商注册号");
                add(c, zh, "org_code", "组织机构代码");
                add(c, zh, "legal_rep", "法定代表人");
                add(c, zh, "id_type", "证件类型");
                add(c, zh, "id_no", "证件号码");
                typeColumns(c, zh, type);
                add(c, zh, "status", "当前状态");
                add(c, zh, "updated_at", "数据更新时间");
                return c;
            case CODES:
                String p = type.equals("license") ? "XK_" : "CF_";
                c.add(new Column("subject_name", p + "XDR_MC"));
                c.add(new Column("subject_category", p + "XDR_LB"));
                c.add(new Column("uscc", p + "XDR_SHXYM"));
                c.add(new Column("reg_no", p + "XDR_GSZC"));
                c.add(new Column("org_code", p + "XDR_ZZJG"));
                c.add(new Column("legal_rep", p + "FRDB"));
                if (legalRepId) {
                    c.add(new Column("x_legal_rep_id_type", p + "FR_ZJLX"));
                    c.add(new Column("x_legal_rep_id", p + "FR_ZJHM"));
                }
                c.add(new Column("id_type", p + "XDR_ZJLX"));
                c.add(new Column("id_no", p + "XDR_ZJHM"));
                if (type.equals("license")) {
                    c.add(new Column("doc_no", "XK_WSH"));
                    c.add(new Column("license_name", "XK_XKZS"));
                    c.add(new Column("license_no", "XK_XKBH"));
                    c.add(new Column("license_category", "XK_XKLB"));
                    c.add(new Column("content", "XK_NR"));
                    c.add(new Column("decision_date", "XK_JDRQ"));
                    c.add(new Column("valid_from", "XK_YXQZ"));
                    c.add(new Column("valid_to", "XK_YXQZI"));
                    c.add(new Column("authority", "XK_XKJG"));
                    c.add(new Column("status", "XK_ZT"));
                } else {
                    c.add(new Column("doc_no", "CF_WSH"));
                    c.add(new Column("violation_type", "CF_WFXW"));
                    c.add(new Column("violation_facts", "CF_SY"));
                    c.add(new Column("legal_basis", "CF_YJ"));
                    c.add(new Column("penalty_category", "CF_CFLB"));
                    c.add(new Column("content", "CF_NR"));
                    c.add(new Column("fine_amount", "CF_NR_FK"));
                    c.add(new Column("confiscated_amount", "CF_NR_WFFF"));
                    c.add(new Column("decision_date", "CF_JDRQ"));
                    c.add(new Column("publicity_until", "CF_GSJZQ"));
                    c.add(new Column("authority", "CF_CFJG"));
                    c.add(new Column("status", "CF_ZT"));
                }
                c.add(new Column("updated_at", "数据更新时间"));
                return c;
            case LEGACY_2016:
                if (type.equals("license")) {
                    c.add(new Column("doc_no", "XK_WSH"));
                    c.add(new Column("license_name", "XK_XMMC"));
                    c.add(new Column("license_category", "XK_SPLB"));
                    c.add(new Column("content", "XK_NR"));
                    c.add(new Column("subject_name", "XK_XDR"));
                    c.add(new Column("uscc", "XK_XDR_SHXYM"));
                    c.add(new Column("org_code", "XK_XDR_ZDM"));
                    c.add(new Column("reg_no", "XK_XDR_GSDJ"));
                    c.add(new Column("x_tax_no", "XK_XDR_SWDJ"));
                    c.add(new Column("id_no", "XK_XDR_SFZ"));
                    c.add(new Column("legal_rep", "XK_FR"));
                    c.add(new Column("decision_date", "XK_JDRQ"));
                    c.add(new Column("valid_to", "XK_JZQ"));
                    c.add(new Column("authority", "XK_XZJG"));
                    c.add(new Column("status", "XK_ZT"));
                } else {
                    c.add(new Column("doc_no", "CF_WSH"));
                    c.add(new Column("x_case_name", "CF_CFMC"));
                    c.add(new Column("penalty_category", "CF_CFLB1"));
                    c.add(new Column("x_penalty_category2", "CF_CFLB2"));
                    c.add(new Column("violation_facts", "CF_SY"));
                    c.add(new Column("legal_basis", "CF_YJ"));
                    c.add(new Column("subject_name", "CF_XDR_MC"));
                    c.add(new Column("uscc", "CF_XDR_SHXYM"));
                    c.add(new Column("org_code", "CF_XDR_ZDM"));
                    c.add(new Column("reg_no", "CF_XDR_GSDJ"));
                    c.add(new Column("x_tax_no", "CF_XDR_SWDJ"));
                    c.add(new Column("id_no", "CF_XDR_SFZ"));
                    c.add(new Column("legal_rep", "CF_FR"));
                    c.add(new Column("content", "CF_JG"));
                    c.add(new Column("decision_date", "CF_JDRQ"));
                    c.add(new Column("authority", "CF_XZJG"));
                    c.add(new Column("status", "CF_ZT"));
                }
                c.add(new Column("x_dfbm", "DFBM"));
                c.add(new Column("updated_at", "SJC"));
                c.add(new Column("x_remark", "BZ"));
                return c;
            default:
                throw new IllegalArgumentException(String.valueOf(kind));
        }
    }

    private static void typeColumns(List<Column> c, boolean zh, String type) {
        switch (type) {
            case "license":
                add(c, zh, "doc_no", "行政许可决定文书号");
                add(c, zh, "license_name", "许可证书名称");
                add(c, zh, "license_no", "许可编号");
                add(c, zh, "license_category", "许可类别");
                add(c, zh, "content", "许可内容");
                add(c, zh, "decision_date", "许可决定日期");
                add(c, zh, "valid_from", "有效期自");
                add(c, zh, "valid_to", "有效期至");
                add(c, zh, "authority", "许可机关");
                break;
            case "penalty":
                add(c, zh, "doc_no", "行政处罚决定书文号");
                add(c, zh, "violation_type", "违法行为类型");
                add(c, zh, "violation_facts", "违法事实");
                add(c, zh, "legal_basis", "处罚依据");
                add(c, zh, "penalty_category", "处罚类别");
                add(c, zh, "content", "处罚内容");
                add(c, zh, "fine_amount", "罚款金额（万元）");
                add(c, zh, "confiscated_amount", "没收违法所得、没收非法财物的金额（万元）");
                add(c, zh, "decision_date", "处罚决定日期");
                add(c, zh, "publicity_until", "公示截止期");
                add(c, zh, "authority", "处罚机关");
                break;
            case "inspection":
                add(c, zh, "doc_no", "检查编号");
                add(c, zh, "task_no", "抽查任务编号");
                add(c, zh, "inspection_type", "检查类型");
                add(c, zh, "inspection_item", "检查事项");
                add(c, zh, "result", "检查结果");
                add(c, zh, "decision_date", "检查日期");
                add(c, zh, "authority", "检查机关");
                break;
            case "coercion":
                add(c, zh, "doc_no", "行政强制决定书文号");
                add(c, zh, "measure_type", "强制措施类型");
                add(c, zh, "content", "强制措施内容");
                add(c, zh, "decision_date", "决定日期");
                add(c, zh, "release_date", "解除日期");
                add(c, zh, "authority", "实施机关");
                break;
            case "judicial":
                add(c, zh, "doc_no", "案号");
                add(c, zh, "case_type", "案件类型");
                add(c, zh, "amount", "执行标的（元）");
                add(c, zh, "decision_date", "立案日期");
                add(c, zh, "authority", "执行法院");
                add(c, zh, "dishonest", "是否失信被执行人");
                break;
            case "dishonesty":
                add(c, zh, "doc_no", "列入决定书文号");
                add(c, zh, "list_type", "名单类型");
                add(c, zh, "reason", "列入原因");
                add(c, zh, "decision_date", "列入日期");
                add(c, zh, "removal_date", "移出日期");
                add(c, zh, "authority", "作出决定机关");
                break;
            default:
                throw new IllegalArgumentException("record type " + type);
        }
    }

    private static void add(List<Column> c, boolean zh, String key, String chinese) {
        c.add(new Column(key, zh ? chinese : key));
    }

    /**
     * A header written with half-width brackets or a stray space; the same after NFKC and space
     * removal.
     */
    static String headerVariant(String header, java.util.Random rnd) {
        if (header.contains("（")) {
            return header.replace('（', '(').replace('）', ')');
        }
        if (header.length() > 3 && rnd.nextBoolean()) {
            return header.substring(0, 2) + " " + header.substring(2);
        }
        return " " + header;
    }
}
