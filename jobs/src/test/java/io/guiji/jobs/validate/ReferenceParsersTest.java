package io.guiji.jobs.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.OperatorMetrics;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Harness tests of {@link ReferenceParsers}' contract: a usable registry row is one entry, a usable
 * catalogue row one entry per type it names; an unusable row is one rejection on {@link
 * ReferenceParsers#REFERENCE_REJECTED} with its reason, reported, never skipped; a row an earlier
 * stage failed on, or whose entries Avro could not encode, is one {@code PROCESSING_ERROR}
 * (counted) and none of its entries leave. What makes a row unusable is {@link
 * ReferenceNormalizerTest}'s; a normalizer that throws is {@link ReferenceParsersIsolationTest}'s.
 */
class ReferenceParsersTest {
    static final String REGISTRY_FILE = "registry/enterprises.csv";
    static final String CATALOG_FILE = "catalog/catalogue.csv";
    static final String[] REGISTRY_HEADER = {"统一社会信用代码", "注册号", "企业名称", "曾用名"};
    static final String[] CATALOG_HEADER = {"部门编码", "部门名称", "行政区划代码", "信息类别"};

    // ---------------------------------------------------------------- named rows

    static final RawRow TRADING_COMPANY =
            registry(1, "91110000600037341L", "", "朝阳市华盛商贸有限公司", "朝阳市华胜商贸有限公司");
    static final RawRow UNREADABLE_REGISTRY_ROW =
            new RawRow(
                    REGISTRY_FILE,
                    2,
                    null,
                    null,
                    "\"9111",
                    "line 2: unterminated quoted field",
                    "UTF-8");
    static final RawRow NAMELESS_ENTERPRISE = registry(3, "91110000600037341L", "", "", "");
    static final RawRow ENTERPRISE_WITHOUT_CODES = registry(4, "", "", "朝阳市华盛商贸有限公司", "");

    static final RawRow MARKET_LICENSES_AND_PENALTIES = catalog(1, "SCJG01", "行政许可、行政处罚");
    static final RawRow UNREADABLE_CATALOG_ROW =
            new RawRow(
                    CATALOG_FILE,
                    2,
                    null,
                    null,
                    "SCJG01,\"",
                    "line 2: unterminated quoted field",
                    "UTF-8");
    static final RawRow WAGES_ARE_NOT_A_RECORD_TYPE = catalog(3, "SCJG01", "行政处罚、工资");
    static final RawRow CATALOGUE_ROW_WITHOUT_DEPARTMENT = catalog(4, " ", "行政处罚");
    static final RawRow CATALOGUE_ROW_OF_SEPARATORS = catalog(5, "SCJG01", "、");

    static RawRow registry(long row, String uscc, String regNo, String name, String former) {
        String[] v = {uscc, regNo, name, former};
        return new RawRow(
                REGISTRY_FILE, row, REGISTRY_HEADER, v, String.join(",", v), null, "UTF-8");
    }

    static RawRow catalog(long row, String dept, String types) {
        String[] v = {dept, "朝阳市市场监督管理局", "211302", types};
        return new RawRow(CATALOG_FILE, row, CATALOG_HEADER, v, String.join(",", v), null, "UTF-8");
    }

    /** The two parsers, for the contract they share. */
    enum Parser {
        REGISTRY(TRADING_COMPANY) {
            @Override
            ProcessFunction<RawRow, ?> unencodable() {
                return new ReferenceParsers.RegistryParseFunction(
                        (n, row) -> {
                            ReferenceNormalizer.RegistryOutcome o = n.registry(row);
                            o.entry().setEnterpriseId(null); // required by the schema
                            return o;
                        });
            }
        },
        CATALOGUE(MARKET_LICENSES_AND_PENALTIES) {
            @Override
            ProcessFunction<RawRow, ?> unencodable() {
                return new ReferenceParsers.CatalogParseFunction(
                        (n, row) -> {
                            ReferenceNormalizer.CatalogOutcome o = n.catalog(row);
                            o.entries()
                                    .get(1)
                                    .setDeptCode(null); // the first entry alone could be encoded
                            return o;
                        });
            }
        };

        final RawRow usable;

        Parser(RawRow usable) {
            this.usable = usable;
        }

        ProcessFunction<RawRow, ?> plain() {
            return this == REGISTRY
                    ? new ReferenceParsers.RegistryParseFunction()
                    : new ReferenceParsers.CatalogParseFunction();
        }

        /** A parser whose normalizer returns entries Avro cannot encode. */
        abstract ProcessFunction<RawRow, ?> unencodable();
    }

    @Test
    void aUsableRegistryRowIsOneEntryWithItsSource() throws Exception {
        try (Run<RegistryEntry> run = new Run<>(new ReferenceParsers.RegistryParseFunction())) {
            run.send(TRADING_COMPANY);

            assertThat(run.entries())
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.getEnterpriseId()).isEqualTo("91110000600037341L");
                                assertThat(e.getName()).isEqualTo("朝阳市华盛商贸有限公司");
                                assertThat(e.getFormerNames()).containsExactly("朝阳市华胜商贸有限公司");
                                assertThat(e.getSource().getFile()).isEqualTo(REGISTRY_FILE);
                                assertThat(e.getSource().getRow()).isEqualTo(1);
                            });
            assertThat(run.rejected()).isEmpty();
        }
    }

    @Test
    void aUsableCatalogueRowIsOneEntryPerTypeItNames() throws Exception {
        try (Run<CatalogEntry> run = new Run<>(new ReferenceParsers.CatalogParseFunction())) {
            run.send(MARKET_LICENSES_AND_PENALTIES);

            assertThat(run.entries())
                    .extracting(
                            CatalogEntry::getDeptCode,
                            CatalogEntry::getRecordType,
                            CatalogEntry::getDeleted)
                    .containsExactly(
                            org.assertj.core.api.Assertions.tuple(
                                    "SCJG01", RecordType.license, false),
                            org.assertj.core.api.Assertions.tuple(
                                    "SCJG01", RecordType.penalty, false));
            assertThat(run.rejected()).isEmpty();
        }
    }

    static Stream<Arguments> unusableRows() {
        return Stream.of(
                Arguments.of(
                        "UNREADABLE_REGISTRY_ROW",
                        Parser.REGISTRY,
                        UNREADABLE_REGISTRY_ROW,
                        RejectReason.MALFORMED),
                Arguments.of(
                        "NAMELESS_ENTERPRISE",
                        Parser.REGISTRY,
                        NAMELESS_ENTERPRISE,
                        RejectReason.MISSING_FIELD),
                Arguments.of(
                        "ENTERPRISE_WITHOUT_CODES",
                        Parser.REGISTRY,
                        ENTERPRISE_WITHOUT_CODES,
                        RejectReason.MISSING_FIELD),
                Arguments.of(
                        "UNREADABLE_CATALOG_ROW",
                        Parser.CATALOGUE,
                        UNREADABLE_CATALOG_ROW,
                        RejectReason.MALFORMED),
                Arguments.of(
                        "WAGES_ARE_NOT_A_RECORD_TYPE",
                        Parser.CATALOGUE,
                        WAGES_ARE_NOT_A_RECORD_TYPE,
                        RejectReason.MALFORMED),
                Arguments.of(
                        "CATALOGUE_ROW_WITHOUT_DEPARTMENT",
                        Parser.CATALOGUE,
                        CATALOGUE_ROW_WITHOUT_DEPARTMENT,
                        RejectReason.MISSING_FIELD),
                Arguments.of(
                        "CATALOGUE_ROW_OF_SEPARATORS",
                        Parser.CATALOGUE,
                        CATALOGUE_ROW_OF_SEPARATORS,
                        RejectReason.MISSING_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableRows")
    void anUnusableRowIsOneRejectionWithItsReasonAndNoEntry(
            String name, Parser parser, RawRow row, RejectReason reason) throws Exception {
        try (Run<?> run = new Run<>(parser.plain())) {
            run.send(row);
            run.send(parser.usable);

            assertThat(run.rejected())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getReason()).isEqualTo(reason);
                                assertThat(r.getFile()).isEqualTo(row.file);
                                assertThat(r.getRow()).isEqualTo(row.row);
                                assertThat(r.getMessage()).isNotBlank();
                            });
            assertThat(run.entries())
                    .as("only the usable row's entries")
                    .hasSize(parser == Parser.REGISTRY ? 1 : 2);
            assertThat(run.metrics.count(ProcessingErrors.METRIC))
                    .as("bad input is not a processing error")
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Parser.class)
    void aRowAnEarlierStageFailedOnIsAProcessingErrorWithThatStagesMessageMadeSafe(Parser parser)
            throws Exception {
        RawRow failed = copy(parser.usable);
        failed.row = 9;
        failed.raw = "SCJG01\u0000,\uD800";
        failed.failedAt(
                "decode",
                "stage decode: java.nio.charset.MalformedInputException: Input length = 1");

        try (Run<?> run = new Run<>(parser.plain())) {
            run.send(failed);
            run.send(parser.usable);

            assertThat(run.rejected())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                                assertThat(r.getMessage())
                                        .isEqualTo(
                                                "stage decode: java.nio.charset.MalformedInputException: Input length = 1");
                                assertThat(r.getRow()).isEqualTo(9);
                                assertThat(r.getRaw())
                                        .as("escaped for every sink")
                                        .isEqualTo("SCJG01\\u0000,\\uD800");
                            });
            assertThat(run.entries())
                    .as("the next row is read as usual")
                    .hasSize(parser == Parser.REGISTRY ? 1 : 2);
            assertThat(run.metrics.count(ProcessingErrors.METRIC)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Parser.class)
    void aRowWhoseEntriesAvroCouldNotEncodeIsOneProcessingErrorAndNoneOfItsEntriesLeave(
            Parser parser) throws Exception {
        try (Run<?> run = new Run<>(parser.unencodable())) {
            run.send(parser.usable);

            assertThat(run.entries()).isEmpty();
            assertThat(run.rejected())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getReason()).isEqualTo(RejectReason.PROCESSING_ERROR);
                                assertThat(r.getMessage())
                                        .startsWith(
                                                "stage serialize: org.apache.avro.AvroTypeException: ")
                                        .contains(
                                                parser == Parser.REGISTRY
                                                        ? "enterprise_id"
                                                        : "dept_code");
                                assertThat(r.getFile()).isEqualTo(parser.usable.file);
                                assertThat(r.getRaw()).isEqualTo(parser.usable.raw);
                            });
            assertThat(run.metrics.count(ProcessingErrors.METRIC)).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** One parser in a harness, with its metrics. */
    static final class Run<O> implements AutoCloseable {
        final OperatorMetrics metrics = new OperatorMetrics();
        final OneInputStreamOperatorTestHarness<RawRow, O> harness;

        @SuppressWarnings("unchecked")
        Run(ProcessFunction<RawRow, ?> parser) throws Exception {
            harness =
                    new OneInputStreamOperatorTestHarness<>(
                            new ProcessOperator<>((ProcessFunction<RawRow, O>) parser),
                            metrics.environment());
            harness.open();
        }

        void send(RawRow row) throws Exception {
            harness.processElement(copy(row), 0L);
        }

        List<O> entries() {
            return harness.extractOutputValues();
        }

        List<RejectedRecord> rejected() {
            var q = harness.getSideOutput(ReferenceParsers.REFERENCE_REJECTED);
            return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }

    static RawRow copy(RawRow r) {
        RawRow c =
                new RawRow(
                        r.file,
                        r.row,
                        r.header == null ? null : r.header.clone(),
                        r.values == null ? null : r.values.clone(),
                        r.raw,
                        r.error,
                        r.encoding);
        c.failedStage = r.failedStage;
        return c;
    }
}
