package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.ingest.SourcePath;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReferenceNormalizer}: registry and catalogue rows (docs/contract.md §3) to entries or
 * rejections.
 */
class ReferenceNormalizerTest {
    private static final String REGISTRY_FILE = "registry/enterprises.csv";
    private static final String CATALOG_FILE = "catalog/catalogue.csv";
    private static final String USCC = "91110000600037341L";
    private static final String REG_NO = "110108000000016";

    private final ReferenceNormalizer normalizer = new ReferenceNormalizer();

    /**
     * A registry extract row with the Chinese headers of 企业登记 and two columns outside the contract.
     */
    private static Map<String, String> enterpriseFromRegistry() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("统一社会信用代码", USCC);
        m.put("企业名称", "朝阳市某某商贸有限公司");
        m.put("注册号", REG_NO);
        m.put("曾用名", "朝阳市某某贸易有限公司;朝阳某某商行；朝阳市某某百货有限公司");
        m.put("行政区划代码", "211302");
        m.put("登记状态", "存续");
        m.put("法定代表人", "张三");
        m.put("成立日期", "2010-03-04");
        return m;
    }

    private static Map<String, String> catalogueItem(String types) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("部门编码", "SCJG01");
        m.put("部门名称", "朝阳市市场监督管理局");
        m.put("行政区划代码", "211300");
        m.put("信息类别", types);
        m.put("更新周期", "每月");
        return m;
    }

    private static RawRow row(String file, long n, Map<String, String> cells) {
        String[] header = cells.keySet().toArray(new String[0]);
        String[] values = cells.values().toArray(new String[0]);
        return new RawRow(file, n, header, values, String.join(",", values), null, "UTF-8");
    }

    private RegistryEntry entry(Map<String, String> cells) {
        ReferenceNormalizer.RegistryOutcome o = normalizer.registry(row(REGISTRY_FILE, 2, cells));
        assertThat(o.rejected()).as("rejected: %s", o.rejected()).isNull();
        return o.entry();
    }

    // ---- registry ------------------------------------------------------------------------------

    @Test
    void aRegistryRowWithChineseHeadersBecomesAnEntryKeyedByItsUscc() {
        RegistryEntry e = entry(enterpriseFromRegistry());

        assertThat(e.getEnterpriseId()).isEqualTo(USCC);
        assertThat(e.getUscc()).isEqualTo(USCC);
        assertThat(e.getName()).isEqualTo("朝阳市某某商贸有限公司");
        assertThat(e.getRegNo()).isEqualTo(REG_NO);
        assertThat(e.getDivisionCode()).isEqualTo("211302");
        assertThat(e.getStatus()).isEqualTo("存续");
        assertThat(e.getDeleted()).isFalse();
        assertThat(e.getSource().getFile()).isEqualTo(REGISTRY_FILE);
        assertThat(e.getSource().getRow()).isEqualTo(2);
    }

    @Test
    void formerNamesAreSplitOnAsciiAndFullWidthSemicolons() {
        RegistryEntry e = entry(enterpriseFromRegistry());

        assertThat(e.getFormerNames()).containsExactly("朝阳市某某贸易有限公司", "朝阳某某商行", "朝阳市某某百货有限公司");
    }

    @Test
    void formerNamesDropEmptiesPlaceholdersRepeatsAndTheCurrentName() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("曾用名", " 朝阳某某商行 ;;无； 朝阳某某商行；朝阳市某某商贸有限公司;");

        assertThat(entry(cells).getFormerNames()).containsExactly("朝阳某某商行");
    }

    @Test
    void noFormerNamesGivesAnEmptyList() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("曾用名", "");

        assertThat(entry(cells).getFormerNames()).isEmpty();
    }

    @ParameterizedTest(name = "企业名称 [{0}]")
    @ValueSource(strings = {"", "  ", "无", "/"})
    void aRowWithoutAnEnterpriseNameIsRejectedMissingField(String name) {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("企业名称", name);

        ReferenceNormalizer.RegistryOutcome o = normalizer.registry(row(REGISTRY_FILE, 5, cells));

        assertThat(o.entry()).isNull();
        RejectedRecord r = o.rejected();
        assertThat(r.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.getMessage()).contains("name");
        assertThat(r.getFile()).isEqualTo(REGISTRY_FILE);
        assertThat(r.getRow()).isEqualTo(5);
        assertThat(r.getRaw()).isEqualTo(String.join(",", cells.values()));
    }

    @Test
    void aRowWithNeitherUsccNorRegNoIsRejectedMissingField() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("统一社会信用代码", "");
        cells.put("注册号", "无");

        RejectedRecord r = normalizer.registry(row(REGISTRY_FILE, 6, cells)).rejected();

        assertThat(r).isNotNull();
        assertThat(r.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(r.getMessage()).contains("统一社会信用代码").contains("注册号");
    }

    @Test
    void anEnterpriseWithoutUsccIsKeyedByItsRegistrationNumber() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("统一社会信用代码", "");
        cells.put("注册号", "110108 000000016");

        RegistryEntry e = entry(cells);

        assertThat(e.getEnterpriseId()).isEqualTo(REG_NO);
        assertThat(e.getUscc()).isNull();
        assertThat(e.getRegNo()).isEqualTo(REG_NO);
    }

    @Test
    void aUsccTypedInTheRegistrationNumberColumnIsTakenAsTheUscc() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("统一社会信用代码", "");
        cells.put("注册号", USCC);

        RegistryEntry e = entry(cells);

        assertThat(e.getEnterpriseId()).isEqualTo(USCC);
        assertThat(e.getUscc()).isEqualTo(USCC);
        assertThat(e.getRegNo()).isNull();
    }

    /**
     * The registry is authoritative: a USCC it holds is the enterprise's id, check character right
     * or not.
     */
    @Test
    void aUsccFailingItsCheckIsStillTheEnterpriseId() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("统一社会信用代码", "91350100M000100Y44");

        RegistryEntry e = entry(cells);

        assertThat(e.getEnterpriseId()).isEqualTo("91350100M000100Y44");
        assertThat(e.getUscc()).isEqualTo("91350100M000100Y44");
    }

    @Test
    void registryCodesAreNormalizedLikeRecordCodes() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("统一社会信用代码", " ９１１１００００-６０００３７３４１ｌ ");

        assertThat(entry(cells).getEnterpriseId()).isEqualTo(USCC);
    }

    @Test
    void columnsOutsideTheRegistryFieldsAreKeptInExtra() {
        RegistryEntry e = entry(enterpriseFromRegistry());

        assertThat(e.getExtra())
                .containsExactlyInAnyOrderEntriesOf(Map.of("法定代表人", "张三", "成立日期", "2010-03-04"));
    }

    @Test
    void emptyExtraColumnsAreNotKept() {
        Map<String, String> cells = enterpriseFromRegistry();
        cells.put("成立日期", " ");

        assertThat(entry(cells).getExtra()).containsOnlyKeys("法定代表人");
    }

    @Test
    void canonicalRegistryKeysAreAcceptedToo() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("uscc", USCC);
        cells.put("name", "朝阳市某某商贸有限公司");
        cells.put("former_names", "朝阳某某商行");
        cells.put("division_code", "211302");

        RegistryEntry e = entry(cells);

        assertThat(e.getEnterpriseId()).isEqualTo(USCC);
        assertThat(e.getFormerNames()).containsExactly("朝阳某某商行");
        assertThat(e.getExtra()).isEmpty();
    }

    @Test
    void aRegistryRowTheReaderCouldNotParseIsMalformed() {
        RawRow broken =
                new RawRow(
                        "registry/r.jsonl",
                        3,
                        new String[0],
                        new String[0],
                        "{\"企业名称\": ",
                        "broken JSON",
                        "UTF-8");

        RejectedRecord r = normalizer.registry(broken).rejected();

        assertThat(r.getReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(r.getMessage()).isEqualTo("broken JSON");
        assertThat(r.getRaw()).isEqualTo("{\"企业名称\": ");
        assertThat(r.getRow()).isEqualTo(3);
    }

    // ---- catalogue -----------------------------------------------------------------------------

    private List<CatalogEntry> entries(Map<String, String> cells) {
        ReferenceNormalizer.CatalogOutcome o = normalizer.catalog(row(CATALOG_FILE, 1, cells));
        assertThat(o.rejected()).as("rejected: %s", o.rejected()).isNull();
        return o.entries();
    }

    @ParameterizedTest(name = "信息类别 [{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "penalty    | penalty",
                "PENALTY    | penalty",
                "行政处罚   | penalty",
                "行政许可   | license",
                "失信被执行人 | judicial",
                "经营异常名录 | dishonesty",
                "双随机抽查 | inspection",
                "行政强制   | coercion",
            })
    void aCatalogueRowNamesItsRecordTypeByCodeOrInChinese(String given, RecordType expected) {
        List<CatalogEntry> entries = entries(catalogueItem(given));

        assertThat(entries)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getRecordType()).isEqualTo(expected);
                            assertThat(e.getDeptCode()).isEqualTo("SCJG01");
                            assertThat(e.getDeptName()).isEqualTo("朝阳市市场监督管理局");
                            assertThat(e.getDivisionCode()).isEqualTo("211300");
                            assertThat(e.getUpdateCycle()).isEqualTo("每月");
                            assertThat(e.getDeleted()).isFalse();
                        });
    }

    @ParameterizedTest(name = "信息类别 [{0}]")
    @ValueSource(
            strings = {
                "行政许可、行政处罚",
                "license,penalty",
                "行政许可；penalty",
                "license / 行政处罚",
                "license penalty license"
            })
    void aCellListingTwoTypesGivesTwoEntries(String types) {
        List<CatalogEntry> entries = entries(catalogueItem(types));

        assertThat(entries)
                .extracting(CatalogEntry::getRecordType)
                .containsExactly(RecordType.license, RecordType.penalty);
        assertThat(entries).extracting(CatalogEntry::getDeptCode).containsOnly("SCJG01");
    }

    @Test
    void anUnknownTypeRejectsTheRowWithAMessageNamingIt() {
        ReferenceNormalizer.CatalogOutcome o =
                normalizer.catalog(row(CATALOG_FILE, 4, catalogueItem("行政处罚、行政奖励")));

        assertThat(o.entries()).isEmpty();
        RejectedRecord r = o.rejected();
        assertThat(r).isNotNull();
        assertThat(r.getMessage()).contains("行政奖励").contains("not a record type");
        assertThat(r.getFile()).isEqualTo(CATALOG_FILE);
        assertThat(r.getRow()).isEqualTo(4);
        assertThat(r.getRaw()).contains("行政奖励");
    }

    @ParameterizedTest(name = "部门编码 [{0}]")
    @ValueSource(strings = {"SCJG01", "scjg01", " SCJG 01 ", "ＳＣＪＧ０１", "Scjg\u300001"})
    void theDeptCodeIsNormalizedToOneSpelling(String given) {
        Map<String, String> cells = catalogueItem("penalty");
        cells.put("部门编码", given);

        assertThat(entries(cells))
                .singleElement()
                .extracting(CatalogEntry::getDeptCode)
                .isEqualTo("SCJG01");
    }

    @Test
    void theCatalogueDeptCodeMeetsTheDeptCodeOfARecordPath() {
        Map<String, String> cells = catalogueItem("penalty");
        cells.put("部门编码", " scjg01 ");

        assertThat(entries(cells).get(0).getDeptCode())
                .isEqualTo(SourcePath.of("records/Scjg01/penalty/a.csv").deptCode());
    }

    @Test
    void aCatalogueRowWithoutDeptCodeOrTypeIsRejectedMissingField() {
        Map<String, String> noDept = catalogueItem("penalty");
        noDept.put("部门编码", "");
        Map<String, String> noType = catalogueItem("");

        assertThat(normalizer.catalog(row(CATALOG_FILE, 1, noDept)).rejected().getReason())
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(normalizer.catalog(row(CATALOG_FILE, 2, noType)).rejected().getReason())
                .isEqualTo(RejectReason.MISSING_FIELD);
    }
}
