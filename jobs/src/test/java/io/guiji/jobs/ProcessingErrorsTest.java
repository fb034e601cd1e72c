package io.guiji.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;

/**
 * {@link ProcessingErrors}: which exceptions are a record's and which the infrastructure's; the
 * message's shape.
 */
class ProcessingErrorsTest {
    @Test
    void aRecordsErrorIsIsolated() {
        assertThat(ProcessingErrors.isInfrastructure(new NullPointerException())).isFalse();
        assertThat(
                        ProcessingErrors.isInfrastructure(
                                new IllegalStateException("x", new ArithmeticException())))
                .isFalse();
        assertThat(
                        ProcessingErrors.isInfrastructure(
                                new org.apache.avro.AvroTypeException("precision")))
                .isFalse();
    }

    @Test
    void faultsOfDisksAndTheStateBackendGoToTheRestartStrategy() {
        assertThat(
                        ProcessingErrors.isInfrastructure(
                                new UncheckedIOException(new IOException("disk"))))
                .isTrue();
        assertThat(
                        ProcessingErrors.isInfrastructure(
                                new FlinkRuntimeException(
                                        "Error while retrieving data from RocksDB",
                                        new RocksDBException("io"))))
                .isTrue();
        assertThat(
                        ProcessingErrors.isInfrastructure(
                                new RuntimeException(new InterruptedException())))
                .isTrue();
        assertThatThrownBy(
                        () ->
                                ProcessingErrors.rethrowIfInfrastructure(
                                        new UncheckedIOException(new IOException("disk"))))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void theMessageNamesTheStageTheExceptionAndItsMessageBounded() {
        assertThat(ProcessingErrors.message("link", new IllegalStateException("no key")))
                .isEqualTo("stage link: java.lang.IllegalStateException: no key");
        assertThat(ProcessingErrors.message("parse", new NullPointerException()))
                .isEqualTo("stage parse: java.lang.NullPointerException");
        assertThat(ProcessingErrors.message("parse", new IllegalStateException("x".repeat(10_000))))
                .hasSizeLessThan(2_100);
    }
}
