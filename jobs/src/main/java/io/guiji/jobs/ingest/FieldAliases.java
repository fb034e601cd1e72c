package io.guiji.jobs.ingest;

import io.guiji.jobs.normalize.Amounts;
import io.guiji.jobs.normalize.Text;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Column headers (CSV) and keys (JSONL) → canonical field names, for the three inputs of CONTRACT
 * §3: supervision records (docs/contract.md §2, aliases of docs/domain.md §3), the enterprise
 * registry and the resource catalogue.
 *
 * <p>Matching: the header is normalized with {@link Text#compact} (NFKC, so {@code （万元）} equals
 * {@code (万元)}; zero-width characters and all white space removed), ASCII case is folded, and
 * leading or trailing {@code *} (the "required" marker of many templates) is dropped; the result is
 * looked up in a map built once. A record amount header with a unit in brackets that is not listed
 * ({@code 罚款金额（元）}) resolves like the header without it; {@link #amountUnit} says which unit it
 * declares.
 *
 * <p>Accepted for records: every canonical name; the Chinese headers of the current 双公示 layout
 * (with the type-specific names of {@code doc_no}, {@code decision_date} and {@code authority});
 * the {@code XK_*} / {@code CF_*} codes of the current and the 2016 layout; common variants.
 * Several source columns may map to one field (2016 {@code CF_CFLB1} and {@code CF_CFLB2} are both
 * {@code penalty_category}): the caller joins their non-empty values with {@code ；}.
 *
 * <p>Some known columns are outside the contract's fields; they map to names in {@link
 * #NON_CANONICAL_RECORD_FIELDS} ({@code case_name} for 2016 {@code CF_CFMC} 案件名称, {@code
 * division_code} for {@code DFBM}, {@code remark} for 备注, {@code tax_reg_no} for 税务登记号 …), so that
 * callers can tell "known, not published" from "unknown" ({@code null}) and drop them.
 *
 * <p>Privacy: the legal representative's own ID columns (法定代表人证件类型/号码, {@code XK_FR_ZJLX}, {@code
 * XK_FR_ZJHM}, {@code CF_FR_ZJLX}, {@code CF_FR_ZJHM}, and the 负责人 forms) never map to {@code
 * id_type}/{@code id_no}, which describe the party (行政相对人): {@link #recordField} gives {@code null}
 * for them and {@link #isWithheld} {@code true}, so a caller that keeps unknown columns can still
 * drop these.
 */
public final class FieldAliases {
    /** The canonical record fields of docs/contract.md §2. */
    public static final Set<String> RECORD_FIELDS;

    /** Known record columns that are not contract fields; callers drop them. */
    public static final Set<String> NON_CANONICAL_RECORD_FIELDS;

    /** Registry fields (docs/contract.md §3). */
    public static final Set<String> REGISTRY_FIELDS;

    /** Catalogue fields (docs/contract.md §3). */
    public static final Set<String> CATALOG_FIELDS;

    private static final Map<String, String> RECORD = new HashMap<>();
    private static final Map<String, String> REGISTRY = new HashMap<>();
    private static final Map<String, String> CATALOG = new HashMap<>();
    private static final Set<String> WITHHELD = new HashSet<>();

    private static final String WAN_YUAN_SUFFIX = "(万元)";
    private static final String YUAN_SUFFIX = "(元)";
    private static final Map<String, Amounts.Unit> DEFAULT_UNITS =
            Map.of(
                    "fine_amount", Amounts.Unit.WAN_YUAN,
                    "confiscated_amount", Amounts.Unit.WAN_YUAN,
                    "amount", Amounts.Unit.YUAN);

    static {
        Set<String> canonical = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();

        // ---- common fields --------------------------------------------------------------------
        record(
                canonical,
                "subject_name",
                "行政相对人名称",
                "XK_XDR_MC",
                "CF_XDR_MC",
                "XK_XDR",
                "行政相对人",
                "相对人名称",
                "当事人名称",
                "当事人",
                "企业名称",
                "主体名称",
                "市场主体名称",
                "被执行人姓名/名称",
                "被执行人名称",
                "被执行人");
        record(canonical, "subject_category", "行政相对人类别", "XK_XDR_LB", "CF_XDR_LB", "相对人类别", "主体类别");
        record(
                canonical,
                "uscc",
                "统一社会信用代码",
                "社会信用代码",
                "行政相对人代码_1",
                "行政相对人代码_1(统一社会信用代码)",
                "XK_XDR_SHXYM",
                "CF_XDR_SHXYM",
                // A combined column: Identifiers.classify tells the two apart.
                "统一社会信用代码/注册号",
                "统一社会信用代码(注册号)");
        record(
                canonical,
                "reg_no",
                "工商注册号",
                "注册号",
                "行政相对人代码_2",
                "行政相对人代码_2(工商注册号)",
                "XK_XDR_GSZC",
                "CF_XDR_GSZC",
                "XK_XDR_GSDJ",
                "CF_XDR_GSDJ",
                "工商登记码",
                "工商登记号");
        record(
                canonical,
                "org_code",
                "组织机构代码",
                "行政相对人代码_3",
                "行政相对人代码_3(组织机构代码)",
                "XK_XDR_ZZJG",
                "CF_XDR_ZZJG",
                "XK_XDR_ZDM",
                "CF_XDR_ZDM");
        record(
                canonical,
                "legal_rep",
                "法定代表人",
                "负责人",
                "法定代表人/负责人",
                "法定代表人(负责人)",
                "法定代表人姓名",
                "负责人姓名",
                "法人代表",
                "XK_FRDB",
                "CF_FRDB",
                "XK_FR",
                "CF_FR");
        record(canonical, "id_type", "证件类型", "行政相对人证件类型", "XK_XDR_ZJLX", "CF_XDR_ZJLX");
        record(
                canonical,
                "id_no",
                "证件号码",
                "证件号",
                "行政相对人证件号码",
                "身份证号",
                "身份证号码",
                "公民身份号码",
                "XK_XDR_ZJHM",
                "CF_XDR_ZJHM",
                "XK_XDR_SFZ",
                "CF_XDR_SFZ");
        record(
                canonical,
                "doc_no",
                "行政许可决定文书号",
                "行政处罚决定书文号",
                "检查编号",
                "行政强制决定书文号",
                "案号",
                "列入决定书文号",
                "XK_WSH",
                "CF_WSH",
                "决定书文号",
                "决定文书号",
                "文书号",
                "许可决定书文号",
                "处罚决定书文号",
                "强制决定书文号",
                "执行案号",
                "文号");
        record(
                canonical,
                "decision_date",
                "许可决定日期",
                "处罚决定日期",
                "检查日期",
                "决定日期",
                "立案日期",
                "立案时间",
                "列入日期",
                "列入时间",
                "XK_JDRQ",
                "CF_JDRQ",
                "作出决定日期",
                "决定时间",
                "抽查日期",
                "检查时间");
        record(
                canonical,
                "authority",
                "许可机关",
                "处罚机关",
                "检查机关",
                "检查实施机关",
                "实施机关",
                "执行法院",
                "作出决定机关",
                "列入作出决定机关",
                "决定机关",
                "抽查机关",
                "XK_XKJG",
                "CF_CFJG",
                "XK_XZJG",
                "CF_XZJG");
        record(canonical, "status", "当前状态", "状态", "XK_ZT", "CF_ZT");
        record(canonical, "updated_at", "数据更新时间", "更新时间", "时间戳", "数据更新日期", "更新日期", "SJC");

        // ---- license ---------------------------------------------------------------------------
        record(canonical, "license_name", "许可证书名称", "XK_XKZS", "XK_XMMC", "项目名称", "许可项目名称");
        record(canonical, "license_no", "许可编号", "许可证编号", "许可证号", "XK_XKBH");
        record(canonical, "license_category", "许可类别", "审批类别", "XK_XKLB", "XK_SPLB");
        record(canonical, "content", "许可内容", "XK_NR", "处罚内容", "CF_NR", "处罚结果", "CF_JG", "强制措施内容");
        record(canonical, "valid_from", "有效期自", "有效期起", "有效期起始日期", "XK_YXQZ");
        record(canonical, "valid_to", "有效期至", "有效期止", "有效期截止日期", "截止期", "XK_YXQZI", "XK_JZQ");

        // ---- penalty ---------------------------------------------------------------------------
        record(canonical, "violation_type", "违法行为类型", "违法行为", "CF_WFXW");
        record(canonical, "violation_facts", "违法事实", "主要违法事实", "处罚事由", "CF_SY");
        record(canonical, "legal_basis", "处罚依据", "CF_YJ");
        record(
                canonical,
                "penalty_category",
                "处罚类别",
                "处罚种类",
                "处罚类别1",
                "处罚类别2",
                "CF_CFLB",
                "CF_CFLB1",
                "CF_CFLB2");
        record(canonical, "fine_amount", "罚款金额(万元)", "罚款金额", "罚款数额", "CF_NR_FK");
        record(
                canonical,
                "confiscated_amount",
                "没收违法所得、没收非法财物的金额(万元)",
                "没收违法所得、没收非法财物的金额",
                "没收违法所得金额",
                "没收金额",
                "CF_NR_WFFF");
        record(canonical, "publicity_until", "公示截止期", "公示截止日期", "CF_GSJZQ");

        // ---- inspection ------------------------------------------------------------------------
        record(canonical, "task_no", "抽查任务编号", "任务编号");
        record(canonical, "inspection_type", "检查类型", "抽查类型");
        record(canonical, "inspection_item", "检查事项", "抽查事项");
        record(canonical, "result", "检查结果", "抽查结果", "抽查检查结果");

        // ---- coercion --------------------------------------------------------------------------
        record(canonical, "measure_type", "强制措施类型", "强制措施种类");
        record(canonical, "release_date", "解除日期", "解除时间");

        // ---- judicial --------------------------------------------------------------------------
        record(canonical, "case_type", "案件类型");
        record(canonical, "amount", "执行标的(元)", "执行标的", "执行标的金额");
        record(canonical, "dishonest", "是否失信被执行人");

        // ---- dishonesty ------------------------------------------------------------------------
        record(canonical, "list_type", "名单类型");
        record(canonical, "reason", "列入原因", "列入事由", "列入经营异常名录原因");
        record(canonical, "removal_date", "移出日期", "移出时间");

        // ---- known columns outside the contract: callers drop them ----------------------------
        record(other, "case_name", "案件名称", "CF_CFMC");
        record(other, "division_code", "DFBM", "地方编码", "行政区划代码", "区划代码");
        record(other, "remark", "备注", "BZ");
        record(
                other,
                "tax_reg_no",
                "税务登记号",
                "行政相对人代码_4",
                "行政相对人代码_4(税务登记号)",
                "XK_XDR_SWDJ",
                "CF_XDR_SWDJ");
        record(
                other,
                "institution_cert_no",
                "事业单位证书号",
                "行政相对人代码_5",
                "行政相对人代码_5(事业单位证书号)",
                "XK_XDR_SYDW",
                "CF_XDR_SYDW");
        record(
                other,
                "social_org_cert_no",
                "社会组织登记证号",
                "行政相对人代码_6",
                "行政相对人代码_6(社会组织登记证号)",
                "XK_XDR_SHZZ",
                "CF_XDR_SHZZ");
        record(other, "doc_name", "行政许可决定文书名称", "XK_XKWS");
        record(other, "authority_uscc", "许可机关统一社会信用代码", "处罚机关统一社会信用代码", "XK_XKJGDM", "CF_CFJGDM");
        record(other, "source_unit", "数据来源单位", "XK_LYDW", "CF_SJLY");
        record(other, "source_unit_code", "数据来源单位统一社会信用代码", "XK_LYDWDM", "CF_SJLYDM");
        record(other, "revoked_license", "暂扣或吊销证照名称及编号", "CF_NR_ZKDX");
        record(other, "penalty_validity", "处罚有效期", "CF_YXQ");
        record(other, "task_name", "任务名称", "抽查任务名称");
        record(other, "removal_reason", "移出原因");
        record(other, "dishonest_situation", "失信行为具体情形");
        record(other, "performance", "履行情况");

        // ---- the legal representative's own ID: never the party's id_type / id_no -------------
        for (String h :
                new String[] {
                    "法定代表人证件类型",
                    "法定代表人证件号码",
                    "法定代表人身份证号",
                    "法定代表人身份证号码",
                    "负责人证件类型",
                    "负责人证件号码",
                    "XK_FR_ZJLX",
                    "XK_FR_ZJHM",
                    "CF_FR_ZJLX",
                    "CF_FR_ZJHM"
                }) {
            String k = key(h);
            if (RECORD.containsKey(k)) {
                throw new IllegalStateException("withheld header also mapped: " + h);
            }
            WITHHELD.add(k);
        }

        RECORD_FIELDS = Set.copyOf(canonical);
        NON_CANONICAL_RECORD_FIELDS = Set.copyOf(other);

        // ---- registry --------------------------------------------------------------------------
        alias(REGISTRY, "uscc", "uscc", "统一社会信用代码", "社会信用代码");
        alias(REGISTRY, "name", "name", "企业名称", "名称", "主体名称", "市场主体名称", "企业(机构)名称");
        alias(REGISTRY, "reg_no", "reg_no", "注册号", "工商注册号");
        alias(REGISTRY, "former_names", "former_names", "曾用名", "曾用名称");
        alias(
                REGISTRY,
                "division_code",
                "division_code",
                "行政区划代码",
                "区划代码",
                "所属区划",
                "所属区划代码",
                "行政区划");
        alias(REGISTRY, "status", "status", "登记状态", "经营状态", "企业状态");
        REGISTRY_FIELDS = Set.copyOf(REGISTRY.values());

        // ---- catalogue -------------------------------------------------------------------------
        alias(CATALOG, "dept_code", "dept_code", "部门编码", "部门代码", "单位编码", "单位代码");
        alias(CATALOG, "dept_name", "dept_name", "部门名称", "单位名称");
        alias(CATALOG, "division_code", "division_code", "行政区划代码", "区划代码", "所属区划");
        alias(CATALOG, "record_type", "record_type", "信息类别", "信息类型", "数据类别");
        alias(CATALOG, "update_cycle", "update_cycle", "更新周期", "更新频率", "更新频次");
        CATALOG_FIELDS = Set.copyOf(CATALOG.values());
    }

    private FieldAliases() {}

    /**
     * The canonical record field (a member of {@link #RECORD_FIELDS} or {@link
     * #NON_CANONICAL_RECORD_FIELDS}) that {@code header} names, or {@code null} when it is not a
     * known column or is withheld ({@link #isWithheld}).
     */
    public static String recordField(String header) {
        String k = key(header);
        if (k == null) {
            return null;
        }
        String field = RECORD.get(k);
        if (field == null) {
            String bare = withoutUnit(k);
            if (bare != null) {
                field = RECORD.get(bare);
                if (field != null && !DEFAULT_UNITS.containsKey(field)) {
                    field = null;
                }
            }
        }
        return field;
    }

    /** The registry field ({@link #REGISTRY_FIELDS}) {@code header} names, or {@code null}. */
    public static String registryField(String header) {
        String k = key(header);
        return k == null ? null : REGISTRY.get(k);
    }

    /** The catalogue field ({@link #CATALOG_FIELDS}) {@code header} names, or {@code null}. */
    public static String catalogField(String header) {
        String k = key(header);
        return k == null ? null : CATALOG.get(k);
    }

    /**
     * Whether {@code header} is a record column that must not be read into any field: the legal
     * representative's own ID type or number (personal data of someone other than the party).
     */
    public static boolean isWithheld(String header) {
        String k = key(header);
        return k != null && WITHHELD.contains(k);
    }

    /**
     * The unit of a record amount column: the one its header declares ({@code （万元）} or {@code
     * （元）}), else the contract's unit for its field (万元 for {@code fine_amount} and {@code
     * confiscated_amount}, 元 for {@code amount}); {@code null} when {@code header} is not an amount
     * column.
     */
    public static Amounts.Unit amountUnit(String header) {
        String field = recordField(header);
        Amounts.Unit byField = field == null ? null : DEFAULT_UNITS.get(field);
        if (byField == null) {
            return null;
        }
        String k = key(header);
        if (k.endsWith(WAN_YUAN_SUFFIX)) {
            return Amounts.Unit.WAN_YUAN;
        }
        if (k.endsWith(YUAN_SUFFIX)) {
            return Amounts.Unit.YUAN;
        }
        return byField;
    }

    /** The lookup key: NFKC, no white space, ASCII lower case, no {@code *} markers at the ends. */
    static String key(String header) {
        String s = Text.compact(header);
        if (s == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '*') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '*') {
            end--;
        }
        if (start == end) {
            return null;
        }
        return s.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static String withoutUnit(String k) {
        if (k.endsWith(WAN_YUAN_SUFFIX)) {
            return k.substring(0, k.length() - WAN_YUAN_SUFFIX.length());
        }
        if (k.endsWith(YUAN_SUFFIX)) {
            return k.substring(0, k.length() - YUAN_SUFFIX.length());
        }
        return null;
    }

    /** Registers a record field under its own name and {@code headers}. */
    private static void record(Set<String> group, String field, String... headers) {
        group.add(field);
        alias(RECORD, field, field);
        alias(RECORD, field, headers);
    }

    private static void alias(Map<String, String> map, String field, String... headers) {
        for (String h : headers) {
            String k = key(h);
            String previous = map.put(k, field);
            if (previous != null && !previous.equals(field)) {
                throw new IllegalStateException(h + " maps to both " + previous + " and " + field);
            }
        }
    }
}
