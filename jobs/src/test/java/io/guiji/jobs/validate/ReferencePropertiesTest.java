package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.ingest.FieldAliases;
import io.guiji.jobs.ingest.HeaderMap;
import io.guiji.jobs.ingest.Placeholders;
import io.guiji.jobs.ingest.SourcePath;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.normalize.HostileText;
import io.guiji.jobs.normalize.Text;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RegistryEntry;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated rows for the reference data ({@link ReferenceNormalizer}, and on from a registry entry
 * to its link keys, {@link LinkKeys}) and for the header and cell helpers ({@link FieldAliases},
 * {@link HeaderMap}, {@link Placeholders}, {@link io.guiji.jobs.normalize.CitizenId}, {@link
 * SourcePath}): every row is accounted for once, every string that leaves is safe for every sink,
 * and nothing fails.
 */
class ReferencePropertiesTest {
    private static final String[] REGISTRY_HEADERS = {
        "企业名称",
        "name",
        "统一社会信用代码",
        "uscc",
        "注册号",
        "曾用名",
        "行政区划代码",
        "登记状态",
        "成立日期",
        "经营范围",
        "备注",
        "\u0000名称"
    };
    private static final String[] CATALOG_HEADERS = {
        "部门编码", "部门名称", "行政区划代码", "信息类别", "更新周期", "dept_code", "record_type", "其他"
    };

    private final ReferenceNormalizer normalizer = new ReferenceNormalizer();

    static Arbitrary<RawRow> rows(String file, String[] headers, Arbitrary<String> values) {
        Arbitrary<String> header =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.of(headers)),
                        net.jqwik.api.Tuple.of(1, HostileText.strings()));
        return Combinators.combine(
                        header.list().ofMaxSize(8),
                        values.injectNull(0.1).list().ofMaxSize(9),
                        HostileText.strings().injectNull(0.2),
                        HostileText.strings().injectNull(0.9))
                .as(
                        (h, v, raw, error) ->
                                new RawRow(
                                        file,
                                        1,
                                        h.toArray(new String[0]),
                                        v.toArray(new String[0]),
                                        raw,
                                        error,
                                        "UTF-8"));
    }

    @Provide
    Arbitrary<RawRow> registryRows() {
        Arbitrary<String> values =
                Arbitraries.oneOf(
                        RecordNormalizerPropertiesTest.values(),
                        Arbitraries.of("华盛商贸有限公司；華盛商貿有限公司;（未登记）", "211322", "存续", "；；", ";"));
        return rows("registry/a.csv", REGISTRY_HEADERS, values);
    }

    @Provide
    Arbitrary<RawRow> catalogRows() {
        Arbitrary<String> values =
                Arbitraries.oneOf(
                        HostileText.strings(),
                        Arbitraries.of(
                                "SCJG01",
                                "penalty",
                                "行政许可、行政处罚",
                                "处罚,x",
                                "、",
                                "/ |",
                                "；",
                                "每月",
                                "211300",
                                " scjg01 "));
        return rows("catalog/a.csv", CATALOG_HEADERS, values);
    }

    @Property
    void everyRegistryRowIsAnEntryOrARejectionAndItsKeysAreWellFormed(
            @ForAll("registryRows") RawRow row) throws Exception {
        ReferenceNormalizer.RegistryOutcome o = normalizer.registry(row);
        assertThat(o.entry() == null).isNotEqualTo(o.rejected() == null);
        if (o.rejected() != null) {
            RecordNormalizerPropertiesTest.assertSinkSafe(o.rejected());
            o.rejected().toByteBuffer();
            return;
        }
        RegistryEntry e = o.entry();
        RecordNormalizerPropertiesTest.assertSinkSafe(e);
        e.toByteBuffer();
        Map<LinkKeys.Slot, String> slots = LinkKeys.indexOf(e);
        assertThat(slots.keySet()).allMatch(s -> s.key().matches("(?s)(U|R|O|N|F|P):.+"));
        assertThat(LinkKeys.keysOf(e).keySet())
                .isEqualTo(
                        slots.keySet().stream()
                                .map(LinkKeys.Slot::key)
                                .collect(java.util.stream.Collectors.toSet()));
        assertThat(LinkKeys.diff(e, e)).isEmpty();
        assertThat(LinkKeys.diff(null, e)).hasSize(slots.size());
        assertThat(LinkKeys.diff(e, null)).hasSize(slots.size());
    }

    @Property
    void registryFieldsAreInTheirCleanFormAndFormerNamesAreOthers(
            @ForAll("registryRows") RawRow row) {
        RegistryEntry e = normalizer.registry(row).entry();
        if (e == null) {
            return;
        }
        assertThat(Text.clean(e.getName())).isEqualTo(e.getName());
        assertThat(e.getEnterpriseId()).isIn(e.getUscc(), e.getRegNo());
        assertThat(e.getFormerNames())
                .doesNotHaveDuplicates()
                .doesNotContain(e.getName())
                .allMatch(f -> f.equals(Text.clean(f)));
    }

    @Property
    void everyCatalogRowIsEntriesOrARejection(@ForAll("catalogRows") RawRow row) throws Exception {
        ReferenceNormalizer.CatalogOutcome o = normalizer.catalog(row);
        assertThat(o.entries().isEmpty()).isEqualTo(o.rejected() != null);
        if (o.rejected() != null) {
            RecordNormalizerPropertiesTest.assertSinkSafe(o.rejected());
        }
        for (CatalogEntry c : o.entries()) {
            RecordNormalizerPropertiesTest.assertSinkSafe(c);
            c.toByteBuffer();
        }
    }

    @Property
    void anEntrySentAsAvroIsMadeSafeInPlace(
            @ForAll("hostile") String name,
            @ForAll("hostile") String former,
            @ForAll("hostile") String key,
            @ForAll("hostile") String value) {
        RegistryEntry e =
                RegistryEntry.newBuilder()
                        .setEnterpriseId(key)
                        .setName(name)
                        .setFormerNames(List.of(former, name))
                        .setExtra(Map.of(key, value))
                        .setStatus(value)
                        .build();
        e = io.guiji.connectors.SinkSafeText.cleanRecord(e);
        RecordNormalizerPropertiesTest.assertSinkSafe(e);
        assertThat(e.getName()).isEqualTo(io.guiji.connectors.SinkSafeText.clean(name));
        assertThat(e.getFormerNames()).hasSize(2);
    }

    @Provide
    Arbitrary<String> hostile() {
        return HostileText.strings();
    }

    @Example
    void aCatalogRowWhoseTypesAreOnlySeparatorsIsRejectedNotDropped() {
        // found by everyCatalogRowIsEntriesOrARejection: "、" split into no type, and the row
        // vanished
        RawRow row =
                new RawRow(
                        "catalog/a.csv",
                        2,
                        new String[] {"部门编码", "信息类别"},
                        new String[] {"SCJG01", "、"},
                        "SCJG01,、",
                        null,
                        "UTF-8");
        ReferenceNormalizer.CatalogOutcome o = normalizer.catalog(row);
        assertThat(o.entries()).isEmpty();
        assertThat(o.rejected()).isNotNull();
    }

    @Example
    void aRegistryNameWithAThreeCharacterBracketGetsItsKeys() {
        // issue 10: the registry side of the Regions.atStart crash
        RawRow row =
                new RawRow(
                        "registry/a.csv",
                        1,
                        new String[] {"企业名称", "统一社会信用代码", "曾用名"},
                        new String[] {"某某商店（连锁店）", "91110000600037341L", "（未登记）"},
                        "",
                        null,
                        "UTF-8");
        RegistryEntry e = normalizer.registry(row).entry();
        assertThat(LinkKeys.keysOf(e)).containsKey("U:91110000600037341L");
    }

    // ---- header and cell helpers --------------------------------------------------------------

    @Provide
    Arbitrary<String> headers() {
        return Arbitraries.oneOf(
                Arbitraries.of(RecordNormalizerPropertiesTest.HEADERS),
                Arbitraries.of(REGISTRY_HEADERS),
                Arbitraries.of(CATALOG_HEADERS),
                HostileText.strings());
    }

    @Property
    void headersResolveTheSameWhateverTheirSpacingWidthAndMarkers(
            @ForAll("headers") String header) {
        String field = FieldAliases.recordField(header);
        String decorated = "* " + header + "\u3000*\u200B";
        assertThat(FieldAliases.recordField(decorated)).isEqualTo(field);
        assertThat(FieldAliases.registryField(decorated))
                .isEqualTo(FieldAliases.registryField(header));
        assertThat(FieldAliases.catalogField(decorated))
                .isEqualTo(FieldAliases.catalogField(header));
        assertThat(FieldAliases.isWithheld(decorated)).isEqualTo(FieldAliases.isWithheld(header));
        if (field != null) {
            assertThat(
                            FieldAliases.RECORD_FIELDS.contains(field)
                                    || FieldAliases.NON_CANONICAL_RECORD_FIELDS.contains(field))
                    .isTrue();
            assertThat(FieldAliases.isWithheld(header)).isFalse();
        }
        FieldAliases.amountUnit(header);
    }

    @Property
    void aHeaderMapPutsEveryColumnInOnePlace(@ForAll("headerLists") List<String> header) {
        HeaderMap map =
                new HeaderMap.Cache(FieldAliases::recordField).of(header.toArray(new String[0]));
        int mapped = 0;
        for (String field : FieldAliases.RECORD_FIELDS) {
            mapped += map.columns(field).length;
        }
        for (String field : FieldAliases.NON_CANONICAL_RECORD_FIELDS) {
            mapped += map.columns(field).length;
        }
        assertThat(mapped + map.unknownColumns().size()).isEqualTo(header.size());
    }

    @Provide
    Arbitrary<List<String>> headerLists() {
        return headers().injectNull(0.05).list().ofMaxSize(20);
    }

    @Property
    void aPlaceholderIsOneWhateverItsWidthAndSpacing(
            @ForAll("placeholders") String placeholder, @ForAll("pads") String pad) {
        StringBuilder wide = new StringBuilder(pad);
        for (char c : placeholder.toCharArray()) {
            wide.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        wide.append(pad);
        assertThat(Placeholders.orNull(Text.clean(wide.toString()))).isNull();
    }

    @Provide
    Arbitrary<String> placeholders() {
        return Arbitraries.of(
                "-", "--", "/", "无", "暂无", "NULL", "null", "N/A", "NaN", "none", "...", "(空)",
                "——");
    }

    @Provide
    Arbitrary<String> pads() {
        return Arbitraries.of("", " ", "\u3000", "\u200B", "\t", "\u0000", "\u00A0 ");
    }

    @Property
    void everyCitizenIdInRawTextIsMaskedAndTheTextKeepsItsLength(
            @ForAll("headers") String before,
            @ForAll("headers") String after,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 200 * 365 - 1) int day) {
        String first17 =
                "211302"
                        + java.time.LocalDate.of(1900, 1, 1)
                                .plusDays(day)
                                .toString()
                                .replace("-", "")
                        + "123";
        String id = first17 + io.guiji.jobs.normalize.CitizenId.checkChar(first17);
        String text = before + "," + id + "," + after;
        String masked = io.guiji.jobs.normalize.CitizenId.maskInText(text);
        assertThat(masked)
                .doesNotContain(id)
                .hasSameSizeAs(text)
                .contains(id.substring(0, 6) + "********" + id.substring(14));
    }

    @Property
    void fullWidthHeadersResolveLikeTheirAsciiForm(@ForAll("headers") String header) {
        StringBuilder wide = new StringBuilder();
        for (char c : header.toCharArray()) {
            wide.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        assertThat(FieldAliases.recordField(wide.toString()))
                .isEqualTo(FieldAliases.recordField(header));
        assertThat(FieldAliases.amountUnit(wide.toString()))
                .isEqualTo(FieldAliases.amountUnit(header));
    }

    @Property
    void placeholdersMaskingAndPathsTakeAnyText(@ForAll("headers") String s) {
        String cleaned = Text.clean(s);
        String kept = Placeholders.orNull(cleaned);
        assertThat(kept == null || kept.equals(cleaned)).isTrue();
        String masked =
                io.guiji.jobs.normalize.CitizenId.maskInText(s + " 11010519491231002X " + s);
        assertThat(masked).doesNotContain("11010519491231002X");
        io.guiji.jobs.normalize.CitizenId.looksLikeCitizenId(Text.compact(s));
        SourcePath p = SourcePath.of(s);
        if (p.deptCode() != null) {
            assertThat(p.deptCode()).doesNotContain(" ");
        }
        SourcePath.deptCode(s);
    }
}
