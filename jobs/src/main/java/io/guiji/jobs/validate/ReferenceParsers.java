package io.guiji.jobs.validate;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.ingest.ReferenceRejects;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroTypeException;
import org.apache.avro.generic.IndexedRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The stateless Flink functions around {@link ReferenceNormalizer}. Unusable registry and catalogue
 * rows go to {@link #REFERENCE_REJECTED}: reported, never silently skipped.
 *
 * <p><b>Isolation.</b> A row that makes normalizing throw, a row an earlier stage failed on ({@link
 * RawRow#failedStage}), and an entry Avro could not encode ({@link AvroGuard}) go to {@link
 * #REFERENCE_REJECTED} as {@code PROCESSING_ERROR} (stage, exception, source reference, raw text),
 * counted in {@value ProcessingErrors#METRIC}; the next row is read as usual. A row leaves exactly
 * once: as its entries or as one rejection.
 */
public final class ReferenceParsers {
    public static final OutputTag<RejectedRecord> REFERENCE_REJECTED = ReferenceRejects.TAG;

    private ReferenceParsers() {}

    /**
     * How one row is read; a seam for tests (production: the {@link ReferenceNormalizer} method).
     */
    interface Read<O> extends Serializable {
        O apply(ReferenceNormalizer normalizer, RawRow row);
    }

    /** The metrics every reference parser registers. */
    private static final class Metrics {
        final Counter processingErrors;
        final Map<RejectReason, Counter> rejectedByReason;

        Metrics(RuntimeContext ctx) {
            processingErrors = ProcessingErrors.counter(ctx.getMetricGroup());
            rejectedByReason = ProcessingErrors.rejectionCounters(ctx.getMetricGroup());
        }

        void reject(ProcessFunction<?, ?>.Context ctx, RejectedRecord r) {
            RejectedRecord safe = ProcessingErrors.publishable(r);
            rejectedByReason.get(safe.getReason()).inc();
            ctx.output(REFERENCE_REJECTED, safe);
        }

        /** The dead letter of a row that {@code stage} failed on; counts it. */
        RejectedRecord failed(RawRow row, String stage, String message) {
            processingErrors.inc();
            return ProcessingErrors.rejected(
                    row.file,
                    row.row,
                    message != null && message.startsWith("stage ")
                            ? message
                            : "stage " + stage + ": " + message,
                    row.raw,
                    null,
                    null);
        }
    }

    /** The first problem Avro would have encoding any of {@code entries}, or null. */
    private static String unencodable(List<? extends IndexedRecord> entries) {
        for (IndexedRecord e : entries) {
            String p = AvroGuard.problem(e);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * Rows to entries, the same for the registry and the catalogue: a row an earlier stage failed
     * on, a row that makes reading throw, and an outcome Avro cannot encode all leave as one
     * rejection; otherwise the outcome leaves as its rejection (if any), then its entries.
     *
     * @param <O> the outcome of reading one row
     * @param <E> the entry the row becomes
     */
    abstract static class ReferenceParseFunction<O, E extends IndexedRecord>
            extends ProcessFunction<RawRow, E> {
        private static final long serialVersionUID = 1L;
        private final Read<O> read;
        private transient ReferenceNormalizer normalizer;
        private transient Metrics metrics;

        ReferenceParseFunction(Read<O> read) {
            this.read = read;
        }

        /** The outcome that is only {@code rejected}: no entries. */
        abstract O rejection(RejectedRecord rejected);

        /** The entries {@code o} puts out. */
        abstract List<E> entries(O o);

        /** The rejection {@code o} puts out, or null. */
        abstract RejectedRecord rejected(O o);

        @Override
        public void open(OpenContext openContext) {
            normalizer = new ReferenceNormalizer();
            metrics = new Metrics(getRuntimeContext());
        }

        @Override
        public void processElement(RawRow row, Context ctx, Collector<E> out) {
            O o;
            if (row.failedStage != null) {
                o = rejection(metrics.failed(row, row.failedStage, row.error));
            } else {
                try {
                    o = read.apply(normalizer, row);
                    String problem = unencodable(entries(o));
                    if (problem != null) {
                        o =
                                rejection(
                                        metrics.failed(
                                                row,
                                                "serialize",
                                                ProcessingErrors.message(
                                                        "serialize",
                                                        new AvroTypeException(problem))));
                    }
                } catch (RuntimeException e) {
                    if (ProcessingErrors.isInfrastructure(e)) {
                        throw e;
                    }
                    o =
                            rejection(
                                    metrics.failed(
                                            row, "parse", ProcessingErrors.message("parse", e)));
                }
            }
            RejectedRecord rejected = rejected(o);
            if (rejected != null) {
                metrics.reject(ctx, rejected);
            }
            for (E e : entries(o)) {
                out.collect(e);
            }
        }
    }

    /** Registry rows to entries. */
    public static class RegistryParseFunction
            extends ReferenceParseFunction<ReferenceNormalizer.RegistryOutcome, RegistryEntry> {
        private static final long serialVersionUID = 1L;

        public RegistryParseFunction() {
            this(ReferenceNormalizer::registry);
        }

        RegistryParseFunction(Read<ReferenceNormalizer.RegistryOutcome> read) {
            super(read);
        }

        @Override
        ReferenceNormalizer.RegistryOutcome rejection(RejectedRecord rejected) {
            return new ReferenceNormalizer.RegistryOutcome(null, rejected);
        }

        @Override
        List<RegistryEntry> entries(ReferenceNormalizer.RegistryOutcome o) {
            return o.entry() == null ? List.of() : List.of(o.entry());
        }

        /** An outcome with an entry leaves as that entry; one without must carry a rejection. */
        @Override
        RejectedRecord rejected(ReferenceNormalizer.RegistryOutcome o) {
            return o.entry() != null
                    ? null
                    : Objects.requireNonNull(o.rejected(), "registry outcome with no entry");
        }
    }

    /** Catalogue rows to entries. */
    public static class CatalogParseFunction
            extends ReferenceParseFunction<ReferenceNormalizer.CatalogOutcome, CatalogEntry> {
        private static final long serialVersionUID = 1L;

        public CatalogParseFunction() {
            this(ReferenceNormalizer::catalog);
        }

        CatalogParseFunction(Read<ReferenceNormalizer.CatalogOutcome> read) {
            super(read);
        }

        @Override
        ReferenceNormalizer.CatalogOutcome rejection(RejectedRecord rejected) {
            return new ReferenceNormalizer.CatalogOutcome(List.of(), rejected);
        }

        @Override
        List<CatalogEntry> entries(ReferenceNormalizer.CatalogOutcome o) {
            return o.entries();
        }

        @Override
        RejectedRecord rejected(ReferenceNormalizer.CatalogOutcome o) {
            return o.rejected();
        }
    }
}
