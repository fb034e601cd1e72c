package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.OperatorMetrics;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Harness tests of the reference parsers' isolation: a registry or catalogue row that makes reading
 * throw is a reference rejection PROCESSING_ERROR, counted, and the next row is read as usual.
 */
class ReferenceParsersIsolationTest {
    static final String[] REGISTRY_HEADER = {"统一社会信用代码", "企业名称"};
    static final String[] CATALOG_HEADER = {"部门编码", "部门名称", "行政区划代码", "信息类别"};

    static RawRow registryRow(long row, String name) {
        String[] v = {"91110000600037341L", name};
        return new RawRow(
                "registry/enterprises.csv",
                row,
                REGISTRY_HEADER,
                v,
                String.join(",", v),
                null,
                "UTF-8");
    }

    static RawRow catalogRow(long row) {
        String[] v = {"SCJG01", "朝阳市市场监督管理局", "211302", "penalty"};
        return new RawRow(
                "catalog/catalogue.csv",
                row,
                CATALOG_HEADER,
                v,
                String.join(",", v),
                null,
                "UTF-8");
    }

    private static List<RejectedRecord> rejected(OneInputStreamOperatorTestHarness<RawRow, ?> h) {
        var q = h.getSideOutput(ReferenceParsers.REFERENCE_REJECTED);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aRegistryRowThatMakesReadingThrowIsRejectedAndTheNextIsRead() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics();
        try (OneInputStreamOperatorTestHarness<RawRow, RegistryEntry> h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ReferenceParsers.RegistryParseFunction(
                                        (n, row) -> {
                                            if (row.row == 1) {
                                                throw new IllegalArgumentException(
                                                        "unreadable name");
                                            }
                                            return n.registry(row);
                                        })),
                        metrics.environment())) {
            h.open();
            h.processElement(registryRow(1, "朝阳市某某商贸有限公司"), 0);
            h.processElement(registryRow(2, "朝阳市某某商贸有限公司"), 0);

            assertThat(h.extractOutputValues())
                    .extracting(e -> e.getSource().getRow())
                    .containsExactly(2L);
            assertThat(rejected(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getFile()).isEqualTo("registry/enterprises.csv");
                                assertThat(r.getRow()).isEqualTo(1);
                                assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                                assertThat(r.getMessage())
                                        .isEqualTo(
                                                "stage parse: java.lang.IllegalArgumentException: unreadable name");
                                assertThat(r.getRaw()).isEqualTo(registryRow(1, "朝阳市某某商贸有限公司").raw);
                            });
            assertThat(metrics.count(ProcessingErrors.METRIC)).isEqualTo(1);
        }
    }

    @Test
    void aCatalogueRowThatMakesReadingThrowIsRejectedAndTheNextIsRead() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRow, CatalogEntry> h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ReferenceParsers.CatalogParseFunction(
                                        (n, row) -> {
                                            if (row.row == 1) {
                                                throw new NullPointerException("no values");
                                            }
                                            return n.catalog(row);
                                        })),
                        new OperatorMetrics().environment())) {
            h.open();
            h.processElement(catalogRow(1), 0);
            h.processElement(catalogRow(2), 0);

            assertThat(h.extractOutputValues())
                    .extracting(CatalogEntry::getDeptCode)
                    .containsExactly("SCJG01");
            assertThat(rejected(h))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                                assertThat(r.getMessage())
                                        .isEqualTo(
                                                "stage parse: java.lang.NullPointerException: no values");
                            });
        }
    }
}
