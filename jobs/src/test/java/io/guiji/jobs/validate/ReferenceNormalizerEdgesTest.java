package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ReferenceNormalizer} at its edges: rows shorter or longer than their header, what a
 * rejection says.
 */
class ReferenceNormalizerEdgesTest {
    private static final String USCC = "91110000600037341L";

    private final ReferenceNormalizer normalizer = new ReferenceNormalizer();

    private static RawRow row(String file, String[] header, String... values) {
        return new RawRow(file, 2, header, values, String.join(",", values), null, "UTF-8");
    }

    @Test
    void aRegistryRowShorterThanItsHeaderLacksTheCutOffColumns() {
        String[] header = {"统一社会信用代码", "企业名称", "法定代表人", "登记状态", "成立日期"};
        String[] named = {"统一社会信用代码", "企业名称", "登记状态", "法定代表人"};

        RegistryEntry e =
                normalizer
                        .registry(row("registry/a.csv", header, USCC, "朝阳市某某商贸有限公司", "张三"))
                        .entry();
        RegistryEntry f =
                normalizer
                        .registry(row("registry/a.csv", named, USCC, "朝阳市某某商贸有限公司", "存续"))
                        .entry();

        assertThat(e.getStatus()).isNull();
        assertThat(e.getExtra()).as("成立日期 has no value").isEqualTo(Map.of("法定代表人", "张三"));
        assertThat(f.getStatus()).isEqualTo("存续");
        assertThat(f.getExtra()).as("法定代表人 has no value").isEmpty();
    }

    @Test
    void aRegistryRowLongerThanItsHeaderKeepsOnlyTheNamedColumns() {
        String[] header = {"统一社会信用代码", "企业名称", "法定代表人"};

        RegistryEntry e =
                normalizer
                        .registry(row("registry/a.csv", header, USCC, "朝阳市某某商贸有限公司", "张三", "多余"))
                        .entry();

        assertThat(e.getName()).isEqualTo("朝阳市某某商贸有限公司");
        assertThat(e.getExtra()).isEqualTo(Map.of("法定代表人", "张三"));
    }

    @Test
    void aCatalogueRowShorterThanItsHeaderLacksTheCutOffColumns() {
        String[] header = {"部门编码", "信息类别", "部门名称", "更新周期"};

        List<CatalogEntry> entries =
                normalizer
                        .catalog(row("catalog/c.csv", header, "SCJG01", "penalty", "朝阳市市场监督管理局"))
                        .entries();

        assertThat(entries)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getDeptName()).isEqualTo("朝阳市市场监督管理局");
                            assertThat(c.getUpdateCycle()).isNull();
                        });
    }

    @Test
    void aCatalogueRowTheReaderCouldNotParseIsMalformedWithNoEntries() {
        RawRow broken =
                new RawRow(
                        "catalog/c.jsonl",
                        5,
                        new String[0],
                        new String[0],
                        "{\"部门编码\": ",
                        "broken JSON",
                        "UTF-8");

        ReferenceNormalizer.CatalogOutcome o = normalizer.catalog(broken);

        assertThat(o.entries()).isEmpty();
        assertThat(o.rejected().getReason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(o.rejected().getMessage()).isEqualTo("broken JSON");
        assertThat(o.rejected().getRow()).isEqualTo(5);
    }

    @Test
    void aCatalogueRejectionSaysWhichColumnWasEmpty() {
        String[] header = {"部门编码", "信息类别"};

        RejectedRecord noDept =
                normalizer.catalog(row("catalog/c.csv", header, "", "penalty")).rejected();
        RejectedRecord noType =
                normalizer.catalog(row("catalog/c.csv", header, "SCJG01", "")).rejected();

        assertThat(noDept.getMessage()).isEqualTo("empty 部门编码");
        assertThat(noType.getMessage()).isEqualTo("empty 信息类别");
    }
}
