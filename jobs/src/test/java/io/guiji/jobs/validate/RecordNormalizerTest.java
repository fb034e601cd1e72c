package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.ingest.RecordIds;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SupervisionRecord;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RecordNormalizer}: one input row to an accepted record or a rejection (docs/contract.md
 * §2, §4, §7), with rows built by hand in every header layout the contract accepts.
 */
class RecordNormalizerTest {
    private static final LocalDate PROCESSING_DATE = LocalDate.of(2026, 11, 25);

    private static final String PENALTY_FILE = "records/SCJG01/penalty/2023.csv";
    private static final String LICENSE_FILE = "records/SCJG01/license/2023.jsonl";
    private static final String SUBJECT = "朝阳市某某商贸有限公司";
    private static final String USCC = "91110000600037341L";
    private static final String REG_NO = "110108000000016";
    private static final String ORG_CODE = "600037341";
    private static final String CITIZEN_ID = "11010519491231002X";
    private static final String CITIZEN_ID_MASKED = "110105********002X";
    private static final String DOC_NO = "朝市监罚〔2023〕12号";

    private final RecordNormalizer normalizer = new RecordNormalizer(PROCESSING_DATE);

    // ---- fixtures ------------------------------------------------------------------------------

    /** A penalty as a department's system exports it: current-layout Chinese headers. */
    private static Row penaltyFromDepartment() {
        return Row.in(PENALTY_FILE)
                .set("行政相对人名称", SUBJECT)
                .set("行政相对人类别", "法人及非法人组织")
                .set("统一社会信用代码", USCC)
                .set("工商注册号", "")
                .set("组织机构代码", "")
                .set("法定代表人", "张三")
                .set("证件类型", "")
                .set("证件号码", "")
                .set("行政处罚决定书文号", "朝市监罚[2023]12号")
                .set("违法行为类型", "无照经营")
                .set("违法事实", "未取得营业执照从事经营活动")
                .set("处罚依据", "《无证无照经营查处办法》第十三条")
                .set("处罚类别", "罚款")
                .set("处罚内容", "罚款1.5万元")
                .set("罚款金额（万元）", "1.5")
                .set("没收违法所得、没收非法财物的金额（万元）", "")
                .set("处罚决定日期", "2023-05-06")
                .set("公示截止期", "2026-05-06")
                .set("处罚机关", "朝阳市市场监督管理局")
                .set("当前状态", "有效")
                .set("数据更新时间", "2023-05-07 09:00:00");
    }

    private static Row licenseFromDepartment() {
        return Row.in(LICENSE_FILE)
                .set("subject_name", SUBJECT)
                .set("uscc", USCC)
                .set("doc_no", "朝市监许〔2023〕7号")
                .set("decision_date", "2023-05-06")
                .set("license_name", "食品经营许可证")
                .set("license_no", "JY12113020001234")
                .set("valid_from", "2023-05-06")
                .set("valid_to", "2028-05-05")
                .set("authority", "朝阳市市场监督管理局");
    }

    private static Row judicialFromCourt() {
        return Row.in("records/FY01/judicial/zx.csv")
                .set("被执行人姓名/名称", SUBJECT)
                .set("统一社会信用代码", USCC)
                .set("案号", "（2019）冀0929执1399号")
                .set("案件类型", "执行案件")
                .set("执行标的（元）", "1,234.5")
                .set("立案日期", "2019-03-04")
                .set("执行法院", "朝阳市中级人民法院")
                .set("是否失信被执行人", "是");
    }

    private SupervisionRecord accepted(Row row) {
        RecordNormalizer.Outcome o = normalizer.normalize(row.build());
        assertThat(o.rejected()).as("rejected: %s", o.rejected()).isNull();
        assertThat(o.accepted()).isNotNull();
        return o.accepted();
    }

    private RejectedRecord rejected(Row row) {
        RecordNormalizer.Outcome o = normalizer.normalize(row.build());
        assertThat(o.accepted()).as("accepted: %s", o.accepted()).isNull();
        assertThat(o.rejected()).isNotNull();
        return o.rejected();
    }

    private static Object detail(SupervisionRecord r, String field) {
        Object details = r.getFields().getDetails();
        assertThat(details).isInstanceOf(GenericRecord.class);
        GenericRecord g = (GenericRecord) details;
        assertThat(g.getSchema().getField(field)).as("details field %s", field).isNotNull();
        return g.get(field);
    }

    // ---- every record type, every header layout ------------------------------------------------

    static Stream<Arguments> layouts() {
        return Stream.of(
                arguments(
                        "license, canonical names (JSONL keys)",
                        RecordType.license,
                        licenseFromDepartment()
                                .set("license_category", "普通")
                                .set("content", "预包装食品销售"),
                        "朝市监许〔2023〕7号",
                        details(
                                "license_name",
                                "食品经营许可证",
                                "license_no",
                                "JY12113020001234",
                                "license_category",
                                "普通",
                                "content",
                                "预包装食品销售",
                                "valid_from",
                                "2023-05-06",
                                "valid_to",
                                "2028-05-05")),
                arguments(
                        "license, Chinese headers",
                        RecordType.license,
                        Row.in("records/SCJG01/license/a.csv")
                                .set("行政相对人名称", SUBJECT)
                                .set("统一社会信用代码", USCC)
                                .set("行政许可决定文书号", "朝市监许（2023）7号")
                                .set("许可证书名称", "食品经营许可证")
                                .set("许可编号", "JY12113020001234")
                                .set("许可类别", "普通")
                                .set("许可内容", "预包装食品销售")
                                .set("许可决定日期", "2023/5/6")
                                .set("有效期自", "2023年5月6日")
                                .set("有效期至", "20280505")
                                .set("许可机关", "朝阳市市场监督管理局")
                                .set("当前状态", "有效"),
                        "朝市监许〔2023〕7号",
                        details(
                                "license_name",
                                "食品经营许可证",
                                "license_no",
                                "JY12113020001234",
                                "license_category",
                                "普通",
                                "content",
                                "预包装食品销售",
                                "valid_from",
                                "2023-05-06",
                                "valid_to",
                                "2028-05-05")),
                arguments(
                        "license, current XK_ codes",
                        RecordType.license,
                        Row.in("records/SCJG01/license/a.csv")
                                .set("XK_XDR_MC", SUBJECT)
                                .set("XK_XDR_LB", "法人及非法人组织")
                                .set("XK_XDR_SHXYM", USCC)
                                .set("XK_XKWS", "准予行政许可决定书")
                                .set("XK_WSH", "朝市监许[2023]7号")
                                .set("XK_XKLB", "普通")
                                .set("XK_XKZS", "食品经营许可证")
                                .set("XK_XKBH", "JY12113020001234")
                                .set("XK_NR", "预包装食品销售")
                                .set("XK_JDRQ", "20230506")
                                .set("XK_YXQZ", "2023-05-06")
                                .set("XK_YXQZI", "2028-05-05")
                                .set("XK_XKJG", "朝阳市市场监督管理局")
                                .set("XK_ZT", "1")
                                .set("XK_LYDW", "朝阳市市场监督管理局"),
                        "朝市监许〔2023〕7号",
                        details(
                                "license_name",
                                "食品经营许可证",
                                "license_no",
                                "JY12113020001234",
                                "license_category",
                                "普通",
                                "content",
                                "预包装食品销售",
                                "valid_from",
                                "2023-05-06",
                                "valid_to",
                                "2028-05-05")),
                arguments(
                        "license, 2016 XK_ layout",
                        RecordType.license,
                        Row.in("records/SCJG01/license/legacy.csv")
                                .set("XK_WSH", "朝市监许【2023】7号")
                                .set("XK_XMMC", "食品经营许可证")
                                .set("XK_SPLB", "普通")
                                .set("XK_NR", "预包装食品销售")
                                .set("XK_XDR", SUBJECT)
                                .set("XK_XDR_SHXYM", USCC)
                                .set("XK_XDR_ZDM", ORG_CODE)
                                .set("XK_XDR_GSDJ", "")
                                .set("XK_XDR_SWDJ", "211302600037341")
                                .set("XK_XDR_SFZ", "")
                                .set("XK_FR", "张三")
                                .set("XK_JDRQ", "2023-05-06")
                                .set("XK_JZQ", "2028-05-05")
                                .set("XK_XZJG", "朝阳市市场监督管理局")
                                .set("XK_ZT", "")
                                .set("DFBM", "211302")
                                .set("SJC", "2023-05-07 09:00:00")
                                .set("BZ", ""),
                        "朝市监许〔2023〕7号",
                        details(
                                "license_name",
                                "食品经营许可证",
                                "license_no",
                                null,
                                "license_category",
                                "普通",
                                "content",
                                "预包装食品销售",
                                "valid_from",
                                null,
                                "valid_to",
                                "2028-05-05")),
                arguments(
                        "penalty, canonical names (JSONL keys)",
                        RecordType.penalty,
                        Row.in(PENALTY_FILE)
                                .set("subject_name", SUBJECT)
                                .set("uscc", USCC)
                                .set("doc_no", "朝市监罚(2023)12号")
                                .set("decision_date", "2023-05-06")
                                .set("violation_type", "无照经营")
                                .set("violation_facts", "未取得营业执照从事经营活动")
                                .set("legal_basis", "《无证无照经营查处办法》第十三条")
                                .set("penalty_category", "罚款")
                                .set("content", "罚款1.5万元")
                                .set("fine_amount", "1.5")
                                .set("confiscated_amount", "0")
                                .set("publicity_until", "2026-05-06")
                                .set("authority", "朝阳市市场监督管理局"),
                        DOC_NO,
                        details(
                                "violation_type",
                                "无照经营",
                                "violation_facts",
                                "未取得营业执照从事经营活动",
                                "legal_basis",
                                "《无证无照经营查处办法》第十三条",
                                "penalty_category",
                                "罚款",
                                "content",
                                "罚款1.5万元",
                                "fine_amount",
                                new BigDecimal("1.5"),
                                "confiscated_amount",
                                BigDecimal.ZERO,
                                "publicity_until",
                                "2026-05-06")),
                arguments(
                        "penalty, Chinese headers",
                        RecordType.penalty,
                        penaltyFromDepartment(),
                        DOC_NO,
                        details(
                                "violation_type",
                                "无照经营",
                                "violation_facts",
                                "未取得营业执照从事经营活动",
                                "legal_basis",
                                "《无证无照经营查处办法》第十三条",
                                "penalty_category",
                                "罚款",
                                "content",
                                "罚款1.5万元",
                                "fine_amount",
                                new BigDecimal("1.5"),
                                "confiscated_amount",
                                null,
                                "publicity_until",
                                "2026-05-06")),
                arguments(
                        "penalty, current CF_ codes",
                        RecordType.penalty,
                        Row.in(PENALTY_FILE)
                                .set("CF_XDR_MC", SUBJECT)
                                .set("CF_XDR_LB", "法人及非法人组织")
                                .set("CF_XDR_SHXYM", USCC)
                                .set("CF_WSH", "朝市监罚〔2023〕12号")
                                .set("CF_WFXW", "无照经营")
                                .set("CF_SY", "未取得营业执照从事经营活动")
                                .set("CF_YJ", "《无证无照经营查处办法》第十三条")
                                .set("CF_CFLB", "罚款")
                                .set("CF_NR", "罚款1.5万元")
                                .set("CF_NR_FK", "1.5")
                                .set("CF_NR_WFFF", "0.2")
                                .set("CF_JDRQ", "2023-05-06")
                                .set("CF_GSJZQ", "2026-05-06")
                                .set("CF_CFJG", "朝阳市市场监督管理局"),
                        DOC_NO,
                        details(
                                "violation_type",
                                "无照经营",
                                "violation_facts",
                                "未取得营业执照从事经营活动",
                                "legal_basis",
                                "《无证无照经营查处办法》第十三条",
                                "penalty_category",
                                "罚款",
                                "content",
                                "罚款1.5万元",
                                "fine_amount",
                                new BigDecimal("1.5"),
                                "confiscated_amount",
                                new BigDecimal("0.2"),
                                "publicity_until",
                                "2026-05-06")),
                arguments(
                        "penalty, 2016 CF_ layout (CF_CFLB1 + CF_CFLB2)",
                        RecordType.penalty,
                        Row.in("records/SCJG01/penalty/legacy.csv")
                                .set("CF_WSH", "朝市监罚[2023]12号")
                                .set("CF_CFMC", "某某商贸无照经营案")
                                .set("CF_CFLB1", "罚款")
                                .set("CF_CFLB2", "没收违法所得")
                                .set("CF_SY", "未取得营业执照从事经营活动")
                                .set("CF_YJ", "《无证无照经营查处办法》第十三条")
                                .set("CF_XDR_MC", SUBJECT)
                                .set("CF_XDR_SHXYM", USCC)
                                .set("CF_XDR_ZDM", ORG_CODE)
                                .set("CF_XDR_GSDJ", "")
                                .set("CF_XDR_SWDJ", "211302600037341")
                                .set("CF_XDR_SFZ", "")
                                .set("CF_FR", "张三")
                                .set("CF_JG", "罚款1.5万元，没收违法所得0.2万元")
                                .set("CF_JDRQ", "2023年5月6日")
                                .set("CF_XZJG", "朝阳市市场监督管理局")
                                .set("CF_ZT", "有效")
                                .set("DFBM", "211302")
                                .set("SJC", "20230507090000")
                                .set("BZ", "无"),
                        DOC_NO,
                        details(
                                "violation_type",
                                null,
                                "violation_facts",
                                "未取得营业执照从事经营活动",
                                "legal_basis",
                                "《无证无照经营查处办法》第十三条",
                                "penalty_category",
                                "罚款；没收违法所得",
                                // NFKC: the full-width comma of the source becomes ASCII
                                "content",
                                "罚款1.5万元,没收违法所得0.2万元",
                                "fine_amount",
                                null,
                                "confiscated_amount",
                                null,
                                "publicity_until",
                                null)),
                arguments(
                        "inspection, canonical names",
                        RecordType.inspection,
                        Row.in("records/SCJG01/inspection/a.jsonl")
                                .set("subject_name", SUBJECT)
                                .set("uscc", USCC)
                                .set("doc_no", "JC2023-0001")
                                .set("task_no", "SSJ-2023-07")
                                .set("inspection_type", "抽查")
                                .set("inspection_item", "营业执照规范使用")
                                .set("result", "未发现问题")
                                .set("decision_date", "2023-05-06")
                                .set("authority", "朝阳市市场监督管理局"),
                        "JC2023-0001",
                        details(
                                "task_no",
                                "SSJ-2023-07",
                                "inspection_type",
                                "抽查",
                                "inspection_item",
                                "营业执照规范使用",
                                "result",
                                "未发现问题")),
                arguments(
                        "inspection, Chinese headers",
                        RecordType.inspection,
                        Row.in("records/SCJG01/inspection/a.csv")
                                .set("行政相对人名称", SUBJECT)
                                .set("统一社会信用代码", USCC)
                                .set("检查编号", "jc2023-0001")
                                .set("抽查任务编号", "SSJ-2023-07")
                                .set("检查类型", "抽查")
                                .set("检查事项", "营业执照规范使用")
                                .set("检查结果", "未发现问题")
                                .set("检查日期", "2023.5.6")
                                .set("检查实施机关", "朝阳市市场监督管理局"),
                        "JC2023-0001",
                        details(
                                "task_no",
                                "SSJ-2023-07",
                                "inspection_type",
                                "抽查",
                                "inspection_item",
                                "营业执照规范使用",
                                "result",
                                "未发现问题")),
                arguments(
                        "coercion, canonical names",
                        RecordType.coercion,
                        Row.in("records/SCJG01/coercion/a.jsonl")
                                .set("subject_name", SUBJECT)
                                .set("uscc", USCC)
                                .set("doc_no", "朝市监强〔2023〕3号")
                                .set("measure_type", "查封场所、设施或者财物")
                                .set("content", "查封仓库一处")
                                .set("decision_date", "2023-05-06")
                                .set("release_date", "2023-06-06")
                                .set("authority", "朝阳市市场监督管理局"),
                        "朝市监强〔2023〕3号",
                        details(
                                "measure_type",
                                "查封场所、设施或者财物",
                                "content",
                                "查封仓库一处",
                                "release_date",
                                "2023-06-06")),
                arguments(
                        "coercion, Chinese headers",
                        RecordType.coercion,
                        Row.in("records/SCJG01/coercion/a.csv")
                                .set("行政相对人名称", SUBJECT)
                                .set("统一社会信用代码", USCC)
                                .set("行政强制决定书文号", "朝市监强[2023]3号")
                                .set("强制措施类型", "查封场所、设施或者财物")
                                .set("强制措施内容", "查封仓库一处")
                                .set("决定日期", "2023-05-06")
                                .set("解除日期", "2023/6/6")
                                .set("实施机关", "朝阳市市场监督管理局"),
                        "朝市监强〔2023〕3号",
                        details(
                                "measure_type",
                                "查封场所、设施或者财物",
                                "content",
                                "查封仓库一处",
                                "release_date",
                                "2023-06-06")),
                arguments(
                        "judicial, canonical names",
                        RecordType.judicial,
                        Row.in("records/FY01/judicial/zx.jsonl")
                                .set("subject_name", SUBJECT)
                                .set("uscc", USCC)
                                .set("doc_no", "(2019)冀0929执1399号")
                                .set("case_type", "执行案件")
                                .set("amount", "1,234.5")
                                .set("decision_date", "2019-03-04")
                                .set("authority", "朝阳市中级人民法院")
                                .set("dishonest", "否"),
                        "〔2019〕冀0929执1399号",
                        details(
                                "case_type",
                                "执行案件",
                                "amount",
                                new BigDecimal("1234.5"),
                                "dishonest",
                                false)),
                arguments(
                        "judicial, Chinese headers",
                        RecordType.judicial,
                        judicialFromCourt(),
                        "〔2019〕冀0929执1399号",
                        details(
                                "case_type",
                                "执行案件",
                                "amount",
                                new BigDecimal("1234.5"),
                                "dishonest",
                                true)),
                arguments(
                        "dishonesty, canonical names",
                        RecordType.dishonesty,
                        Row.in("records/SCJG01/dishonesty/a.jsonl")
                                .set("subject_name", SUBJECT)
                                .set("uscc", USCC)
                                .set("doc_no", "朝市监列〔2023〕5号")
                                .set("list_type", "经营异常名录")
                                .set("reason", "未按规定公示年度报告")
                                .set("decision_date", "2023-05-06")
                                .set("removal_date", "")
                                .set("authority", "朝阳市市场监督管理局"),
                        "朝市监列〔2023〕5号",
                        details(
                                "list_type",
                                "经营异常名录",
                                "reason",
                                "未按规定公示年度报告",
                                "removal_date",
                                null)),
                arguments(
                        "dishonesty, Chinese headers",
                        RecordType.dishonesty,
                        Row.in("records/SCJG01/dishonesty/a.csv")
                                .set("行政相对人名称", SUBJECT)
                                .set("统一社会信用代码", USCC)
                                .set("列入决定书文号", "朝市监列（2023）5号")
                                .set("名单类型", "经营异常名录")
                                .set("列入原因", "未按规定公示年度报告")
                                .set("列入日期", "2023-05-06")
                                .set("移出日期", "2024-01-02")
                                .set("作出决定机关", "朝阳市市场监督管理局"),
                        "朝市监列〔2023〕5号",
                        details(
                                "list_type",
                                "经营异常名录",
                                "reason",
                                "未按规定公示年度报告",
                                "removal_date",
                                "2024-01-02")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyLayoutMapsOntoTheCanonicalFields(
            String layout,
            RecordType type,
            Row row,
            String docNo,
            Map<String, Object> expectedDetails) {
        SupervisionRecord r = accepted(row);

        assertThat(r.getRecordType()).isEqualTo(type);
        assertThat(r.getDeptCode()).isEqualTo(row.file.split("/")[1]);
        DecisionFields f = r.getFields();
        assertThat(f.getDocNo()).isEqualTo(docNo);
        assertThat(f.getSubjectName()).isEqualTo(SUBJECT);
        assertThat(f.getUscc()).isEqualTo(USCC);
        assertThat(f.getDecisionDate()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(f.getAuthority()).isIn("朝阳市市场监督管理局", "朝阳市中级人民法院");
        assertThat(f.getStatus()).isEqualTo(RecordStatus.ACTIVE);
        assertThat(r.getRecordId()).isEqualTo(RecordIds.of(type, r.getDeptCode(), docNo));
        assertThat(r.getSource().getFile()).isEqualTo(row.file);
        assertThat(r.getSource().getRow()).isEqualTo(row.row);
        expectedDetails.forEach(
                (field, expected) -> {
                    Object actual = detail(r, field);
                    if (expected instanceof BigDecimal) {
                        assertThat((BigDecimal) actual)
                                .as(field)
                                .isEqualByComparingTo((BigDecimal) expected);
                    } else {
                        assertThat(actual).as(field).isEqualTo(expected);
                    }
                });
        assertThat(r.getQualityFlags()).as("a clean row carries no flags").isEmpty();
    }

    @Test
    void theDecisionDateIsPublishedAsIsoWhateverItsInputForm() {
        assertThat(
                        accepted(penaltyFromDepartment().set("处罚决定日期", "2023年5月6日"))
                                .getFields()
                                .getDecisionDate())
                .isEqualTo("2023-05-06");
        assertThat(
                        accepted(penaltyFromDepartment().set("处罚决定日期", "2023/5/6 14:30"))
                                .getFields()
                                .getDecisionDate())
                .isEqualTo("2023-05-06");
        assertThat(
                        accepted(penaltyFromDepartment().set("处罚决定日期", "20230506"))
                                .getFields()
                                .getDecisionDate())
                .isEqualTo("2023-05-06");
    }

    @Test
    void the2016LayoutReadsItsLegacyColumns() {
        SupervisionRecord r =
                accepted(
                        Row.in("records/SCJG01/penalty/legacy.csv")
                                .set("CF_WSH", "朝市监罚[2023]12号")
                                .set("CF_CFLB1", "罚款")
                                .set("CF_CFLB2", "没收违法所得")
                                .set("CF_XDR_MC", SUBJECT)
                                .set("CF_XDR_ZDM", "60003734-1")
                                .set("CF_XDR_GSDJ", REG_NO)
                                .set("CF_XDR_SFZ", "")
                                .set("CF_FR", "张三")
                                .set("CF_JDRQ", "2023-05-06")
                                .set("CF_XZJG", "朝阳市市场监督管理局")
                                .set("SJC", "2023-05-07 09:00:00"));

        assertThat(r.getFields().getOrgCode()).isEqualTo(ORG_CODE);
        assertThat(r.getFields().getRegNo()).isEqualTo(REG_NO);
        assertThat(r.getFields().getUscc()).isNull();
        assertThat(r.getFields().getLegalRep()).isEqualTo("张三");
        assertThat(r.getFields().getUpdatedAt()).isEqualTo("2023-05-07T09:00:00");
        assertThat(detail(r, "penalty_category")).isEqualTo("罚款；没收违法所得");
        assertThat(r.getQualityFlags()).isEmpty();
    }

    @Test
    void aSecondPenaltyCategoryColumnLeftEmptyAddsNothing() {
        SupervisionRecord r =
                accepted(
                        Row.in("records/SCJG01/penalty/legacy.csv")
                                .set("CF_WSH", DOC_NO)
                                .set("CF_XDR_MC", SUBJECT)
                                .set("CF_JDRQ", "2023-05-06")
                                .set("CF_CFLB1", "警告")
                                .set("CF_CFLB2", ""));
        assertThat(detail(r, "penalty_category")).isEqualTo("警告");
    }

    // ---- identity: doc_no and record_id --------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "朝市监罚〔2023〕12号",
                "朝市监罚[2023]12号",
                "朝市监罚(2023)12号",
                "朝市监罚（2023）12号",
                "朝市监罚【2023】12号",
                "朝市监罚［2023］12号",
                "朝市监罚﹝2023﹞12号",
                " 朝市监罚 〔2023〕 12号 ",
                "朝市监罚\u3000[2023]\u200B12号",
            })
    void docNoBracketVariantsNormalizeToOneIdentity(String typed) {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("行政处罚决定书文号", typed));

        assertThat(r.getFields().getDocNo()).isEqualTo(DOC_NO);
        assertThat(r.getRecordId())
                .isEqualTo(accepted(penaltyFromDepartment().set("行政处罚决定书文号", DOC_NO)).getRecordId())
                .isEqualTo(RecordIds.of(RecordType.penalty, "SCJG01", DOC_NO));
    }

    @Test
    void docNoLettersAreUpperCased() {
        assertThat(
                        accepted(penaltyFromDepartment().set("行政处罚决定书文号", "cyscjg[2023]12号"))
                                .getFields()
                                .getDocNo())
                .isEqualTo("CYSCJG〔2023〕12号");
    }

    @Test
    void recordIdIsTheSameOnEveryRunAndForADeptFolderWrittenInLowerCase() {
        String id = accepted(penaltyFromDepartment()).getRecordId();
        assertThat(
                        new RecordNormalizer(PROCESSING_DATE)
                                .normalize(penaltyFromDepartment().build())
                                .accepted()
                                .getRecordId())
                .isEqualTo(id);
        SupervisionRecord lower =
                accepted(penaltyFromDepartment().file("records/scjg01/penalty/other.csv"));
        assertThat(lower.getDeptCode()).isEqualTo("SCJG01");
        assertThat(lower.getRecordId()).isEqualTo(id);
    }

    @Test
    void recordIdDiffersAcrossDepartmentOrRecordType() {
        String penaltyAtScjg = accepted(penaltyFromDepartment()).getRecordId();
        String penaltyAtHbj =
                accepted(penaltyFromDepartment().file("records/HBJ02/penalty/a.csv")).getRecordId();
        String licenseAtScjg =
                accepted(
                                penaltyFromDepartment()
                                        .file("records/SCJG01/license/a.csv")
                                        .set("行政许可决定文书号", "朝市监罚[2023]12号")
                                        .set("许可决定日期", "2023-05-06"))
                        .getRecordId();
        String otherDocNo =
                accepted(penaltyFromDepartment().set("行政处罚决定书文号", "朝市监罚〔2023〕13号")).getRecordId();

        assertThat(List.of(penaltyAtScjg, penaltyAtHbj, licenseAtScjg, otherDocNo))
                .doesNotHaveDuplicates();
    }

    // ---- rejection -----------------------------------------------------------------------------

    @Test
    void aPathWhoseTypeFolderIsNoRecordTypeIsUnknownSource() {
        RejectedRecord r =
                rejected(penaltyFromDepartment().file("records/DEPT/notatype/x.csv").row(7));

        assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
        assertThat(r.getMessage()).contains("'notatype' is not a record type");
        assertThat(r.getFile()).isEqualTo("records/DEPT/notatype/x.csv");
        assertThat(r.getRow()).isEqualTo(7);
        assertThat(r.getDeptCode()).isEqualTo("DEPT");
        assertThat(r.getRaw()).isEqualTo(penaltyFromDepartment().build().raw);
    }

    @Test
    void aFileDirectlyUnderRecordsIsUnknownSource() {
        RejectedRecord r = rejected(penaltyFromDepartment().file("records/x.csv"));

        assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
        assertThat(r.getMessage()).contains("does not name a record type");
        assertThat(r.getFile()).isEqualTo("records/x.csv");
        assertThat(r.getDeptCode()).isNull();
    }

    @Test
    void aDepartmentFolderOfNothingAnOutputCanCarryIsUnknownSource() {
        // found by RecordNormalizerPropertiesTest: a lone surrogate as the folder left no
        // department
        for (String file :
                new String[] {"records/\uD800/penalty/x.csv", "records/ \u0000 /penalty/x.csv"}) {
            RejectedRecord r = rejected(penaltyFromDepartment().file(file));

            assertThat(r.getReason()).as(file).isEqualTo(RejectReason.UNKNOWN_SOURCE);
            assertThat(r.getMessage()).as(file).contains("names no department");
            assertThat(r.getDeptCode()).as(file).isNull();
        }
    }

    @Test
    void aFileInADeptFolderWithoutATypeFolderIsUnknownSource() {
        RejectedRecord r = rejected(penaltyFromDepartment().file("records/SCJG01/x.csv"));

        assertThat(r.getReason()).isEqualTo(RejectReason.UNKNOWN_SOURCE);
        assertThat(r.getDeptCode()).isEqualTo("SCJG01");
    }

    @Test
    void aRowTheReaderCouldNotParseIsMalformedWithTheReadersMessage() {
        RawRow broken =
                new RawRow(
                        PENALTY_FILE,
                        4,
                        new String[] {"行政相对人名称", "行政处罚决定书文号"},
                        new String[] {"某公司"},
                        "某公司,\"朝市监罚",
                        "unterminated quote at end of file",
                        "UTF-8");

        RecordNormalizer.Outcome o = normalizer.normalize(broken);

        assertThat(o.accepted()).isNull();
        RejectedRecord r = o.rejected();
        assertThat(r.getReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(r.getMessage()).isEqualTo("unterminated quote at end of file");
        assertThat(r.getFile()).isEqualTo(PENALTY_FILE);
        assertThat(r.getRow()).isEqualTo(4);
        assertThat(r.getRaw()).isEqualTo("某公司,\"朝市监罚");
        assertThat(r.getDeptCode()).isEqualTo("SCJG01");
        assertThat(r.getRecordType()).isEqualTo("penalty");
    }

    @ParameterizedTest(name = "subject_name [{0}]")
    @ValueSource(strings = {"", "   ", "无", "/", "NULL", "——", "\u3000"})
    void anEmptyOrPlaceholderSubjectNameIsMissingField(String subject) {
        RejectedRecord r = rejected(penaltyFromDepartment().set("行政相对人名称", subject).row(3));

        assertThat(r.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.getMessage())
                .contains("subject_name")
                .doesNotContain("doc_no")
                .doesNotContain("decision_date");
        assertThat(r.getFile()).isEqualTo(PENALTY_FILE);
        assertThat(r.getRow()).isEqualTo(3);
        assertThat(r.getDeptCode()).isEqualTo("SCJG01");
        assertThat(r.getRaw())
                .isEqualTo(penaltyFromDepartment().set("行政相对人名称", subject).build().raw);
    }

    @Test
    void theMissingFieldMessageNamesEveryEmptyRequiredField() {
        RejectedRecord r =
                rejected(penaltyFromDepartment().set("行政处罚决定书文号", "").set("处罚决定日期", "无"));

        assertThat(r.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.getMessage())
                .contains("doc_no", "decision_date")
                .doesNotContain("subject_name");
    }

    @Test
    void aHeaderWithoutAnyDocNoColumnIsMissingFieldAndSaysSo() {
        RejectedRecord r =
                rejected(
                        Row.in(PENALTY_FILE)
                                .set("行政相对人名称", SUBJECT)
                                .set("决定书编号X", "朝市监罚〔2023〕12号")
                                .set("处罚决定日期", "2023-05-06"));

        assertThat(r.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.getMessage()).contains("doc_no").contains("no column maps to doc_no");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2023-02-30 | no such day",
                "2023-13-01 | no such day",
                "garbage    | not a date",
                "去年五月   | not a date",
                "2023-5     | not a date",
            })
    void anUnusableDecisionDateIsInvalidDate(String date, String why) {
        RejectedRecord r = rejected(penaltyFromDepartment().set("处罚决定日期", date).row(9));

        assertThat(r.getReason()).isEqualTo(RejectReason.INVALID_DATE);
        assertThat(r.getMessage()).contains(date).contains(why);
        assertThat(r.getRow()).isEqualTo(9);
        assertThat(r.getDeptCode()).isEqualTo("SCJG01");
        assertThat(r.getRaw()).contains(date);
    }

    @Test
    void aDecisionDateAfterTheDayOfProcessingIsInvalidDate() {
        RejectedRecord r = rejected(penaltyFromDepartment().set("处罚决定日期", "2026-11-26"));

        assertThat(r.getReason()).isEqualTo(RejectReason.INVALID_DATE);
        assertThat(r.getMessage())
                .contains("2026-11-26")
                .contains("after the day of processing 2026-11-25");
    }

    @Test
    void aDecisionOnTheDayOfProcessingIsAccepted() {
        assertThat(
                        accepted(penaltyFromDepartment().set("处罚决定日期", "2026-11-25 23:59:59"))
                                .getFields()
                                .getDecisionDate())
                .isEqualTo("2026-11-25");
    }

    @Test
    void problemsOtherThanTheFourReasonsAreFlagsNotRejections() {
        SupervisionRecord r =
                accepted(
                        penaltyFromDepartment()
                                .set("统一社会信用代码", "91110000600037341A")
                                .set("当前状态", "异议")
                                .set("罚款金额（万元）", "abc")
                                .set("公示截止期", "长期")
                                .set("数据更新时间", "昨天")
                                .set("行政相对人类别", "外国企业"));

        assertThat(r.getQualityFlags())
                .containsExactlyInAnyOrder(
                        QualityFlags.INVALID_USCC,
                        QualityFlags.UNKNOWN_STATUS,
                        "INVALID_FINE_AMOUNT",
                        "INVALID_PUBLICITY_UNTIL",
                        "INVALID_UPDATED_AT",
                        QualityFlags.UNKNOWN_SUBJECT_CATEGORY);
        assertThat(r.getQualityFlags()).isSorted();
        assertThat(detail(r, "fine_amount")).isNull();
        assertThat(r.getFields().getUpdatedAt()).isNull();
        assertThat(r.getFields().getSubjectCategory()).isEqualTo("外国企业");
    }

    // ---- identifiers ---------------------------------------------------------------------------

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "91110000600037341l",
                " 9111 0000 6000 3734 1L ",
                "91110000-600037341-L",
                "９１１１００００６０００３７３４１Ｌ",
                "91110000\u3000600037341L",
                "9111－0000６０００３７３４１ｌ",
            })
    void usccIsUpperCasedWithoutSpacesHyphensOrFullWidthForms(String typed) {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("统一社会信用代码", typed));

        assertThat(r.getFields().getUscc()).isEqualTo(USCC);
        assertThat(r.getQualityFlags()).isEmpty();
    }

    @Test
    void regNoAndOrgCodeAreNormalizedLikeTheUscc() {
        SupervisionRecord r =
                accepted(
                        penaltyFromDepartment()
                                .set("工商注册号", "１１０１０８ ０００００００１６")
                                .set("组织机构代码", "60003734-1"));

        assertThat(r.getFields().getRegNo()).isEqualTo(REG_NO);
        assertThat(r.getFields().getOrgCode()).isEqualTo(ORG_CODE);
        assertThat(r.getQualityFlags()).isEmpty();
    }

    @Test
    void aRegNoTypedInTheUsccColumnMovesToRegNo() {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("统一社会信用代码", REG_NO));

        assertThat(r.getFields().getRegNo()).isEqualTo(REG_NO);
        assertThat(r.getFields().getUscc()).isNull();
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.CODE_IN_WRONG_COLUMN);
    }

    @Test
    void aUsccTypedInTheRegNoColumnMovesToUscc() {
        SupervisionRecord r =
                accepted(penaltyFromDepartment().set("统一社会信用代码", "").set("工商注册号", USCC));

        assertThat(r.getFields().getUscc()).isEqualTo(USCC);
        assertThat(r.getFields().getRegNo()).isNull();
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.CODE_IN_WRONG_COLUMN);
    }

    @Test
    void anInvalidUsccIsKeptAsGivenAndFlagged() {
        SupervisionRecord r =
                accepted(penaltyFromDepartment().set("统一社会信用代码", "91110000600037341A"));

        assertThat(r.getFields().getUscc()).isEqualTo("91110000600037341A");
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.INVALID_USCC);
    }

    @Test
    void aPlaceholderInACodeColumnIsAbsentNotInvalid() {
        SupervisionRecord r =
                accepted(penaltyFromDepartment().set("统一社会信用代码", "无").set("工商注册号", "/"));

        assertThat(r.getFields().getUscc()).isNull();
        assertThat(r.getFields().getRegNo()).isNull();
        assertThat(r.getQualityFlags()).isEmpty();
    }

    /**
     * docs/domain.md §1.1 lists 91350100M000100Y43 among the valid examples: it is kept, accepted,
     * unflagged.
     */
    @Test
    void theFujianPilotCodeFromTheDomainListIsAcceptedAsAValidUscc() {
        SupervisionRecord r =
                accepted(penaltyFromDepartment().set("统一社会信用代码", "91350100M000100Y43"));

        assertThat(r.getFields().getUscc()).isEqualTo("91350100M000100Y43");
        assertThat(r.getQualityFlags()).doesNotContain(QualityFlags.INVALID_USCC);
    }

    /**
     * docs/domain.md §1.1: early Fujian pilot codes that fail the check are real — flagged, never
     * rejected.
     */
    @Test
    void aFujianPilotCodeFailingTheCheckIsFlaggedNeverRejected() {
        SupervisionRecord r =
                accepted(penaltyFromDepartment().set("统一社会信用代码", "91350100M000100Y44"));

        assertThat(r.getFields().getUscc()).isEqualTo("91350100M000100Y44");
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.INVALID_USCC);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "11010519491231002X",
                "11010519491231002x",
                "110105 19491231 002X",
                "１１０１０５１９４９１２３１００２Ｘ"
            })
    void aCitizenIdInIdNoIsMasked(String typed) {
        SupervisionRecord r =
                accepted(
                        penaltyFromDepartment()
                                .set("行政相对人名称", "李四")
                                .set("行政相对人类别", "自然人")
                                .set("统一社会信用代码", "")
                                .set("证件类型", "身份证")
                                .set("证件号码", typed));

        assertThat(r.getFields().getIdNo()).isEqualTo(CITIZEN_ID_MASKED);
        assertThat(r.getFields().getIdType()).isEqualTo("身份证");
        assertThat(r.toString()).doesNotContain(CITIZEN_ID).doesNotContain("19491231");
    }

    @Test
    void aCitizenIdTypedInTheUsccColumnEndsUpMaskedInIdNo() {
        SupervisionRecord r =
                accepted(
                        penaltyFromDepartment()
                                .set("行政相对人名称", "李四")
                                .set("行政相对人类别", "自然人")
                                .set("统一社会信用代码", CITIZEN_ID));

        assertThat(r.getFields().getIdNo()).isEqualTo(CITIZEN_ID_MASKED);
        assertThat(r.getFields().getUscc()).isNull();
        assertThat(r.getQualityFlags()).contains(QualityFlags.CODE_IN_WRONG_COLUMN);
        assertThat(r.toString()).doesNotContain(CITIZEN_ID).doesNotContain("19491231");
    }

    /**
     * docs/contract.md §4: an invalid identifier is kept as given — but a person's ID must still
     * never be whole.
     */
    @Test
    void aCitizenIdWithACheckDigitTypoInTheUsccColumnIsNeverPublishedWhole() {
        String typo = "110105194912310021";
        SupervisionRecord r =
                accepted(
                        penaltyFromDepartment()
                                .set("行政相对人名称", "李四")
                                .set("行政相对人类别", "自然人")
                                .set("统一社会信用代码", typo));

        assertThat(r.toString()).doesNotContain(typo);
    }

    /**
     * A first-generation (15-digit) 身份证 number in 证件号码 must stay personal data. About one in ten
     * such numbers also passes the registration-number check (110105491231002 does).
     */
    @Test
    void aFifteenDigitCitizenIdInIdNoIsNeverPublishedWholeEvenWhenItPassesTheRegNoCheck() {
        String firstGenerationId = "110105491231002";
        SupervisionRecord r =
                accepted(
                        penaltyFromDepartment()
                                .set("行政相对人名称", "李四")
                                .set("行政相对人类别", "自然人")
                                .set("统一社会信用代码", "")
                                .set("证件类型", "身份证")
                                .set("证件号码", firstGenerationId));

        assertThat(r.toString()).doesNotContain(firstGenerationId);
        assertThat(r.getFields().getRegNo()).isNull();
    }

    @Test
    void anInvalidIdNoIsStillMaskedAndFlagged() {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("证件号码", "110105194912310021"));

        assertThat(r.getFields().getIdNo()).isEqualTo("110105********0021");
        assertThat(r.getQualityFlags()).contains(QualityFlags.INVALID_ID_NO);
        assertThat(r.toString()).doesNotContain("110105194912310021");
    }

    @Test
    void theLegalRepresentativesOwnIdIsNeverReadIntoTheRecord() {
        SupervisionRecord r =
                accepted(
                        penaltyFromDepartment()
                                .set("法定代表人证件类型", "身份证")
                                .set("法定代表人证件号码", CITIZEN_ID));

        assertThat(r.getFields().getIdNo()).isNull();
        assertThat(r.getFields().getIdType()).isNull();
        assertThat(r.toString()).doesNotContain(CITIZEN_ID).doesNotContain("********");
    }

    // ---- values --------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{0}] -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "有效   | ACTIVE  | false",
                "1      | ACTIVE  | false",
                "正常   | ACTIVE  | false",
                "''     | ACTIVE  | false",
                "无效   | REVOKED | false",
                "2      | REVOKED | false",
                "撤销   | REVOKED | false",
                "撤回   | REVOKED | false",
                "变更   | REVOKED | false",
                "已撤销 | REVOKED | false",
                "异议   | ACTIVE  | true",
                "3      | ACTIVE  | true",
            })
    void statusMapsOntoActiveOrRevoked(String given, RecordStatus expected, boolean flagged) {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("当前状态", given));

        assertThat(r.getFields().getStatus()).isEqualTo(expected);
        if (flagged) {
            assertThat(r.getQualityFlags()).containsExactly(QualityFlags.UNKNOWN_STATUS);
        } else {
            assertThat(r.getQualityFlags()).isEmpty();
        }
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2023-05-07 09:08:07       | 2023-05-07T09:08:07",
                "2023/5/7 9:08             | 2023-05-07T09:08:00",
                "2023-05-07T09:08:07.123   | 2023-05-07T09:08:07",
                "2023-05-07T09:08:07+08:00 | 2023-05-07T09:08:07",
                "20230507090807            | 2023-05-07T09:08:07",
                "20230507                  | 2023-05-07T00:00:00",
                "2023年5月7日 09:08:07     | 2023-05-07T09:08:07",
                "2023-05-07                | 2023-05-07T00:00:00",
            })
    void updatedAtIsPublishedAsIsoDateTime(String given, String expected) {
        assertThat(
                        accepted(penaltyFromDepartment().set("数据更新时间", given))
                                .getFields()
                                .getUpdatedAt())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "罚款金额（万元） [{0}] -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.5       | 1.5    | ''",
                "1,234.5   | 1234.5 | SUSPECT_AMOUNT_UNIT",
                "0.5万元   | 0.5    | ''",
                "5000元    | 0.5    | AMOUNT_UNIT_CONVERTED",
                "20000     | 20000  | SUSPECT_AMOUNT_UNIT",
                "￥3       | 3      | ''",
                "１．５    | 1.5    | ''",
            })
    void fineAmountsAreDecimalsInWanYuan(String given, BigDecimal expected, String flag) {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("罚款金额（万元）", given));

        assertThat((BigDecimal) detail(r, "fine_amount")).isEqualByComparingTo(expected);
        if (flag.isEmpty()) {
            assertThat(r.getQualityFlags()).isEmpty();
        } else {
            assertThat(r.getQualityFlags()).containsExactly(flag);
        }
    }

    @Test
    void aFineColumnDeclaredInYuanIsConvertedToWanYuan() {
        SupervisionRecord r =
                accepted(penaltyFromDepartment().without("罚款金额（万元）").set("罚款金额（元）", "5000"));

        assertThat((BigDecimal) detail(r, "fine_amount")).isEqualByComparingTo("0.5");
        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.AMOUNT_UNIT_CONVERTED);
    }

    @Test
    void anUnparseableAmountIsFlaggedAndLeftEmpty() {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("罚款金额（万元）", "1,5"));

        assertThat(detail(r, "fine_amount")).isNull();
        assertThat(r.getQualityFlags()).containsExactly("INVALID_FINE_AMOUNT");
    }

    @Test
    void judicialAmountsAreInYuan() {
        SupervisionRecord plain = accepted(judicialFromCourt().set("执行标的（元）", "1,234.5"));
        assertThat((BigDecimal) detail(plain, "amount")).isEqualByComparingTo("1234.5");
        assertThat(plain.getQualityFlags()).isEmpty();

        SupervisionRecord wan = accepted(judicialFromCourt().set("执行标的（元）", "0.5万元"));
        assertThat((BigDecimal) detail(wan, "amount")).isEqualByComparingTo("5000");
        assertThat(wan.getQualityFlags()).doesNotContain(QualityFlags.SUSPECT_AMOUNT_UNIT);
    }

    @Test
    void aLicenseValidUntilBeforeItsStartIsFlaggedValidityReversed() {
        SupervisionRecord r =
                accepted(
                        licenseFromDepartment()
                                .set("valid_from", "2028-05-05")
                                .set("valid_to", "2023-05-06"));

        assertThat(r.getQualityFlags()).containsExactly(QualityFlags.VALIDITY_REVERSED);
        assertThat(detail(r, "valid_from")).isEqualTo("2028-05-05");
        assertThat(detail(r, "valid_to")).isEqualTo("2023-05-06");
    }

    @Test
    void aLicenseValidOnOneDayOnlyIsNotReversed() {
        SupervisionRecord r =
                accepted(
                        licenseFromDepartment()
                                .set("valid_from", "2023-05-06")
                                .set("valid_to", "2023/5/6"));

        assertThat(r.getQualityFlags()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "是  | true",
                "否  | false",
                "Y   | true",
                "n   | false",
                "''  | ",
            })
    void judicialDishonestIsYesOrNo(String given, Boolean expected) {
        SupervisionRecord r = accepted(judicialFromCourt().set("是否失信被执行人", given));

        assertThat(detail(r, "dishonest")).isEqualTo(expected);
        assertThat(r.getQualityFlags()).isEmpty();
    }

    @Test
    void anUnrecognizedDishonestValueIsFlagged() {
        SupervisionRecord r = accepted(judicialFromCourt().set("是否失信被执行人", "待定"));

        assertThat(detail(r, "dishonest")).isNull();
        assertThat(r.getQualityFlags()).containsExactly("INVALID_DISHONEST");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "\uFEFF朝阳市某某商贸有限公司            | 朝阳市某某商贸有限公司",
                "朝阳市某某\u200B商贸\u200D有限公司      | 朝阳市某某商贸有限公司",
                "朝阳市某某商贸有限公司\u2060             | 朝阳市某某商贸有限公司",
                "朝阳市\u3000\u3000某某商贸有限公司      | 朝阳市 某某商贸有限公司",
                "'  朝阳市 \u00A0 某某商贸有限公司 \t'   | 朝阳市 某某商贸有限公司",
                "ＡＢＣ科技（朝阳）有限公司              | ABC科技(朝阳)有限公司",
                "朝阳市某某商贸有限公司１２３            | 朝阳市某某商贸有限公司123",
            })
    void subjectNameIsNfkcWithoutZeroWidthsAndWithOneAsciiSpaceForAnySpaceRun(
            String given, String expected) {
        assertThat(
                        accepted(penaltyFromDepartment().set("行政相对人名称", given))
                                .getFields()
                                .getSubjectName())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "法人及非法人组织 | 法人及非法人组织",
                "法人             | 法人及非法人组织",
                "法人及其他组织   | 法人及非法人组织",
                "企业             | 法人及非法人组织",
                "个体工商户       | 个体工商户",
                "个体户           | 个体工商户",
                "个体             | 个体工商户",
                "自然人           | 自然人",
                "个人             | 自然人",
                "'自 然 人'       | 自然人",
                "ＬＥＧＡＬ＿ＥＮＴＩＴＹ | 法人及非法人组织",
            })
    void subjectCategoryVariantsBecomeTheStandardLabels(String given, String label) {
        SupervisionRecord r = accepted(penaltyFromDepartment().set("行政相对人类别", given));

        assertThat(r.getFields().getSubjectCategory()).isEqualTo(label);
        assertThat(r.getQualityFlags()).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Map<String, Object> details(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /**
     * A hand-built input row: one header cell per column, in insertion order; raw is the CSV line.
     */
    static final class Row {
        private String file;
        private long row = 1;
        private final List<String> header = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        private Row(String file) {
            this.file = file;
        }

        static Row in(String file) {
            return new Row(file);
        }

        Row file(String f) {
            this.file = f;
            return this;
        }

        Row row(long n) {
            this.row = n;
            return this;
        }

        /** Sets the column's value, adding the column when the header lacks it. */
        Row set(String column, String value) {
            int i = header.indexOf(column);
            if (i < 0) {
                header.add(column);
                values.add(value);
            } else {
                values.set(i, value);
            }
            return this;
        }

        Row without(String column) {
            int i = header.indexOf(column);
            if (i >= 0) {
                header.remove(i);
                values.remove(i);
            }
            return this;
        }

        RawRow build() {
            return new RawRow(
                    file,
                    row,
                    header.toArray(new String[0]),
                    values.toArray(new String[0]),
                    String.join(",", values),
                    null,
                    "UTF-8");
        }

        @Override
        public String toString() {
            return file + "#" + row + " " + Arrays.toString(header.toArray());
        }
    }
}
