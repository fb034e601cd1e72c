package io.guiji.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.Amounts.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldAliasesTest {
    static Iterable<String> canonicalRecordFields() {
        return FieldAliases.RECORD_FIELDS;
    }

    @ParameterizedTest
    @MethodSource("canonicalRecordFields")
    void canonicalNamesMapToThemselves(String field) {
        assertThat(FieldAliases.recordField(field)).isEqualTo(field);
        assertThat(FieldAliases.recordField(field.toUpperCase())).isEqualTo(field);
    }

    @Test
    void theContractsFieldsAreAllThere() {
        assertThat(FieldAliases.RECORD_FIELDS)
                .containsExactlyInAnyOrder(
                        "subject_name",
                        "subject_category",
                        "uscc",
                        "reg_no",
                        "org_code",
                        "legal_rep",
                        "id_type",
                        "id_no",
                        "doc_no",
                        "decision_date",
                        "authority",
                        "status",
                        "updated_at",
                        "license_name",
                        "license_no",
                        "license_category",
                        "content",
                        "valid_from",
                        "valid_to",
                        "violation_type",
                        "violation_facts",
                        "legal_basis",
                        "penalty_category",
                        "fine_amount",
                        "confiscated_amount",
                        "publicity_until",
                        "task_no",
                        "inspection_type",
                        "inspection_item",
                        "result",
                        "measure_type",
                        "release_date",
                        "case_type",
                        "amount",
                        "dishonest",
                        "list_type",
                        "reason",
                        "removal_date");
        assertThat(FieldAliases.NON_CANONICAL_RECORD_FIELDS)
                .contains("case_name", "division_code")
                .doesNotContainAnyElementsOf(FieldAliases.RECORD_FIELDS);
    }

    /** docs/contract.md §2: the Chinese headers of the current layout, per type. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "行政相对人名称 | subject_name",
                "行政相对人类别 | subject_category",
                "统一社会信用代码 | uscc",
                "工商注册号 | reg_no",
                "组织机构代码 | org_code",
                "法定代表人 | legal_rep",
                "证件类型 | id_type",
                "证件号码 | id_no",
                "当前状态 | status",
                "数据更新时间 | updated_at",
                // license
                "行政许可决定文书号 | doc_no",
                "许可证书名称 | license_name",
                "许可编号 | license_no",
                "许可类别 | license_category",
                "许可内容 | content",
                "许可决定日期 | decision_date",
                "有效期自 | valid_from",
                "有效期至 | valid_to",
                "许可机关 | authority",
                // penalty
                "行政处罚决定书文号 | doc_no",
                "违法行为类型 | violation_type",
                "违法事实 | violation_facts",
                "处罚依据 | legal_basis",
                "处罚类别 | penalty_category",
                "处罚内容 | content",
                "罚款金额（万元） | fine_amount",
                "没收违法所得、没收非法财物的金额（万元） | confiscated_amount",
                "处罚决定日期 | decision_date",
                "公示截止期 | publicity_until",
                "处罚机关 | authority",
                // inspection
                "检查编号 | doc_no",
                "抽查任务编号 | task_no",
                "检查类型 | inspection_type",
                "检查事项 | inspection_item",
                "检查结果 | result",
                "检查日期 | decision_date",
                "检查机关 | authority",
                // coercion
                "行政强制决定书文号 | doc_no",
                "强制措施类型 | measure_type",
                "强制措施内容 | content",
                "决定日期 | decision_date",
                "解除日期 | release_date",
                "实施机关 | authority",
                // judicial
                "案号 | doc_no",
                "案件类型 | case_type",
                "执行标的（元） | amount",
                "立案日期 | decision_date",
                "执行法院 | authority",
                "是否失信被执行人 | dishonest",
                // dishonesty
                "列入决定书文号 | doc_no",
                "名单类型 | list_type",
                "列入原因 | reason",
                "列入日期 | decision_date",
                "移出日期 | removal_date",
                "作出决定机关 | authority",
            })
    void contractHeaders(String header, String field) {
        assertThat(FieldAliases.recordField(header)).isEqualTo(field);
    }

    /** docs/domain.md §3: the current 双公示 layout, Chinese names and codes. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "XK_XDR_MC | subject_name",
                "CF_XDR_MC | subject_name",
                "XK_XDR_LB | subject_category",
                "CF_XDR_LB | subject_category",
                "行政相对人代码_1 | uscc",
                "行政相对人代码_1（统一社会信用代码） | uscc",
                "XK_XDR_SHXYM | uscc",
                "CF_XDR_SHXYM | uscc",
                "行政相对人代码_2 | reg_no",
                "行政相对人代码_2（工商注册号） | reg_no",
                "XK_XDR_GSZC | reg_no",
                "CF_XDR_GSZC | reg_no",
                "行政相对人代码_3 | org_code",
                "行政相对人代码_3（组织机构代码） | org_code",
                "XK_XDR_ZZJG | org_code",
                "CF_XDR_ZZJG | org_code",
                "税务登记号 | tax_reg_no",
                "XK_XDR_SWDJ | tax_reg_no",
                "CF_XDR_SWDJ | tax_reg_no",
                "事业单位证书号 | institution_cert_no",
                "XK_XDR_SYDW | institution_cert_no",
                "CF_XDR_SYDW | institution_cert_no",
                "社会组织登记证号 | social_org_cert_no",
                "XK_XDR_SHZZ | social_org_cert_no",
                "CF_XDR_SHZZ | social_org_cert_no",
                "XK_FRDB | legal_rep",
                "CF_FRDB | legal_rep",
                "XK_XDR_ZJLX | id_type",
                "CF_XDR_ZJLX | id_type",
                "XK_XDR_ZJHM | id_no",
                "CF_XDR_ZJHM | id_no",
                "XK_ZT | status",
                "备注 | remark",
                "BZ | remark",
                // licence
                "行政许可决定文书名称 | doc_name",
                "XK_XKWS | doc_name",
                "XK_WSH | doc_no",
                "XK_XKLB | license_category",
                "XK_XKZS | license_name",
                "XK_XKBH | license_no",
                "XK_NR | content",
                "XK_JDRQ | decision_date",
                "XK_YXQZ | valid_from",
                "XK_YXQZI | valid_to",
                "XK_XKJG | authority",
                "许可机关统一社会信用代码 | authority_uscc",
                "XK_XKJGDM | authority_uscc",
                "数据来源单位 | source_unit",
                "XK_LYDW | source_unit",
                "XK_LYDWDM | source_unit_code",
                // penalty
                "CF_WSH | doc_no",
                "CF_WFXW | violation_type",
                "CF_SY | violation_facts",
                "CF_YJ | legal_basis",
                "CF_CFLB | penalty_category",
                "CF_NR | content",
                "CF_NR_FK | fine_amount",
                "没收违法所得、没收非法财物的金额 | confiscated_amount",
                "CF_NR_WFFF | confiscated_amount",
                "暂扣或吊销证照名称及编号 | revoked_license",
                "CF_NR_ZKDX | revoked_license",
                "CF_JDRQ | decision_date",
                "处罚有效期 | penalty_validity",
                "CF_YXQ | penalty_validity",
                "CF_GSJZQ | publicity_until",
                "CF_CFJG | authority",
                "CF_CFJGDM | authority_uscc",
                "CF_SJLY | source_unit",
                "CF_SJLYDM | source_unit_code",
            })
    void currentLayout(String header, String field) {
        assertThat(FieldAliases.recordField(header)).isEqualTo(field);
    }

    /** docs/domain.md §3: the 2016 layout still sent by legacy systems. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CF_WSH | doc_no",
                "CF_CFMC | case_name",
                "案件名称 | case_name",
                "CF_CFLB1 | penalty_category",
                "CF_CFLB2 | penalty_category",
                "CF_SY | violation_facts",
                "CF_YJ | legal_basis",
                "CF_XDR_MC | subject_name",
                "CF_XDR_SHXYM | uscc",
                "CF_XDR_ZDM | org_code",
                "CF_XDR_GSDJ | reg_no",
                "工商登记码 | reg_no",
                "CF_XDR_SWDJ | tax_reg_no",
                "CF_XDR_SFZ | id_no",
                "CF_FR | legal_rep",
                "CF_JG | content",
                "处罚结果 | content",
                "CF_JDRQ | decision_date",
                "CF_XZJG | authority",
                "CF_ZT | status",
                "DFBM | division_code",
                "SJC | updated_at",
                "BZ | remark",
                "XK_WSH | doc_no",
                "XK_XMMC | license_name",
                "XK_SPLB | license_category",
                "XK_NR | content",
                "XK_XDR | subject_name",
                "XK_XDR_SHXYM | uscc",
                "XK_XDR_ZDM | org_code",
                "XK_XDR_GSDJ | reg_no",
                "XK_XDR_SWDJ | tax_reg_no",
                "XK_XDR_SFZ | id_no",
                "XK_FR | legal_rep",
                "XK_JDRQ | decision_date",
                "XK_JZQ | valid_to",
                "XK_XZJG | authority",
                "XK_ZT | status",
            })
    void layout2016(String header, String field) {
        assertThat(FieldAliases.recordField(header)).isEqualTo(field);
    }

    /** Common variants named in the brief and seen in departments' files. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "注册号 | reg_no",
                "负责人 | legal_rep",
                "法定代表人/负责人 | legal_rep",
                "法定代表人（负责人） | legal_rep",
                "身份证号 | id_no",
                "身份证号码 | id_no",
                "状态 | status",
                "更新时间 | updated_at",
                "时间戳 | updated_at",
                "任务编号 | task_no",
                "执行标的 | amount",
                "罚款金额 | fine_amount",
                "检查实施机关 | authority",
                "立案时间 | decision_date",
                "列入作出决定机关 | authority",
                "移出原因 | removal_reason",
                "任务名称 | task_name",
                "失信行为具体情形 | dishonest_situation",
                "履行情况 | performance",
                "统一社会信用代码/注册号 | uscc",
                "被执行人姓名/名称 | subject_name",
                "当事人名称 | subject_name",
                "企业名称 | subject_name",
                "处罚类别1 | penalty_category",
            })
    void commonVariants(String header, String field) {
        assertThat(FieldAliases.recordField(header)).isEqualTo(field);
    }

    /** Matching is after NFKC, white-space removal and ASCII case folding. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cf_xdr_mc | subject_name",
                "Cf_Xdr_Mc | subject_name",
                "ＣＦ＿ＸＤＲ＿ＭＣ | subject_name",
                "ｃｆ＿ｗｓｈ | doc_no",
                "' CF_WSH ' | doc_no",
                "'\uFEFFCF_WSH' | doc_no",
                "'\u200B行政相对人名称' | subject_name",
                "'行政 相对人　名称' | subject_name",
                "罚款金额(万元) | fine_amount",
                "罚款金额 （ 万元 ） | fine_amount",
                "执行标的(元) | amount",
                "SUBJECT_NAME | subject_name",
                "Decision_Date | decision_date",
                "ｄｏｃ＿ｎｏ | doc_no",
                "*行政相对人名称 | subject_name",
                "行政相对人名称* | subject_name",
                "*行政相对人名称* | subject_name",
            })
    void caseWidthAndWhiteSpaceVariants(String header, String field) {
        assertThat(FieldAliases.recordField(header)).isEqualTo(field);
    }

    /** The legal representative's own ID is personal data of someone other than the party. */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "法定代表人证件号码",
                "法定代表人证件类型",
                "法定代表人身份证号",
                "法定代表人身份证号码",
                "负责人证件号码",
                "负责人证件类型",
                "XK_FR_ZJHM",
                "XK_FR_ZJLX",
                "CF_FR_ZJHM",
                "CF_FR_ZJLX",
                "cf_fr_zjhm",
                "ＸＫ＿ＦＲ＿ＺＪＨＭ",
                " 法定代表人 证件号码 ",
            })
    void theLegalRepresentativesIdIsNeverAnIdField(String header) {
        assertThat(FieldAliases.recordField(header)).isNull();
        assertThat(FieldAliases.isWithheld(header)).isTrue();
    }

    @Test
    void thePartysIdColumnsAreNotWithheld() {
        assertThat(FieldAliases.isWithheld("证件号码")).isFalse();
        assertThat(FieldAliases.isWithheld("CF_XDR_ZJHM")).isFalse();
        assertThat(FieldAliases.isWithheld("法定代表人")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "*",
                "unknown",
                "法定代表人证件",
                "CF_",
                "XK_XDR_MC_1",
                "行政相对人名称(元)",
                "备注(万元)",
                "名称"
            })
    void unknownHeadersAreNull(String header) {
        assertThat(FieldAliases.recordField(header)).isNull();
        assertThat(FieldAliases.isWithheld(header)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "罚款金额（万元） | WAN_YUAN",
                "罚款金额 | WAN_YUAN",
                "CF_NR_FK | WAN_YUAN",
                "罚款金额（元） | YUAN",
                "没收违法所得、没收非法财物的金额（万元） | WAN_YUAN",
                "没收违法所得、没收非法财物的金额（元） | YUAN",
                "CF_NR_WFFF | WAN_YUAN",
                "执行标的（元） | YUAN",
                "执行标的 | YUAN",
                "执行标的(万元) | WAN_YUAN",
                "amount | YUAN",
                "fine_amount | WAN_YUAN",
            })
    void amountUnits(String header, Unit unit) {
        assertThat(FieldAliases.amountUnit(header)).isEqualTo(unit);
        assertThat(FieldAliases.recordField(header))
                .isIn("fine_amount", "confiscated_amount", "amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"行政相对人名称", "许可内容", "unknown"})
    void otherColumnsHaveNoAmountUnit(String header) {
        assertThat(FieldAliases.amountUnit(header)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "统一社会信用代码 | uscc",
                "企业名称 | name",
                "名称 | name",
                "主体名称 | name",
                "注册号 | reg_no",
                "工商注册号 | reg_no",
                "曾用名 | former_names",
                "行政区划代码 | division_code",
                "区划代码 | division_code",
                "所属区划 | division_code",
                "登记状态 | status",
                "经营状态 | status",
                "uscc | uscc",
                "NAME | name",
                "reg_no | reg_no",
                "former_names | former_names",
                "division_code | division_code",
                "status | status",
                "' 企业 名称 ' | name",
            })
    void registryHeaders(String header, String field) {
        assertThat(FieldAliases.registryField(header)).isEqualTo(field);
        assertThat(FieldAliases.REGISTRY_FIELDS).contains(field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "部门编码 | dept_code",
                "部门代码 | dept_code",
                "单位编码 | dept_code",
                "部门名称 | dept_name",
                "单位名称 | dept_name",
                "行政区划代码 | division_code",
                "信息类别 | record_type",
                "信息类型 | record_type",
                "数据类别 | record_type",
                "更新周期 | update_cycle",
                "更新频率 | update_cycle",
                "dept_code | dept_code",
                "DEPT_NAME | dept_name",
                "division_code | division_code",
                "record_type | record_type",
                "update_cycle | update_cycle",
            })
    void catalogueHeaders(String header, String field) {
        assertThat(FieldAliases.catalogField(header)).isEqualTo(field);
        assertThat(FieldAliases.CATALOG_FIELDS).contains(field);
    }

    @Test
    void theThreeInputsHaveSeparateVocabularies() {
        assertThat(FieldAliases.registryField("行政相对人名称")).isNull();
        assertThat(FieldAliases.catalogField("企业名称")).isNull();
        assertThat(FieldAliases.recordField("部门编码")).isNull();
        assertThat(FieldAliases.registryField("名称")).isEqualTo("name");
        assertThat(FieldAliases.recordField("名称")).isNull();
    }
}
