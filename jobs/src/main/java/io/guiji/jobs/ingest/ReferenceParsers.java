package io.guiji.jobs.ingest;

import io.guiji.connectors.file.RawRow;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectedRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The stateless Flink functions around {@link ReferenceNormalizer}. Unusable registry and
 * catalogue rows go to {@link #REFERENCE_REJECTED}: reported, never silently skipped.
 */
public final class ReferenceParsers {
    public static final OutputTag<RejectedRecord> REFERENCE_REJECTED =
            new OutputTag<>("reference-rejected", TypeInformation.of(RejectedRecord.class));

    private ReferenceParsers() {}

    /** Registry rows to entries. */
    public static class Registry extends ProcessFunction<RawRow, RegistryEntry> {
        private static final long serialVersionUID = 1L;
        private transient ReferenceNormalizer normalizer;

        @Override
        public void open(OpenContext openContext) {
            normalizer = new ReferenceNormalizer();
        }

        @Override
        public void processElement(RawRow row, Context ctx, Collector<RegistryEntry> out) {
            ReferenceNormalizer.RegistryOutcome o = normalizer.registry(row);
            if (o.entry() != null) {
                out.collect(o.entry());
            } else {
                ctx.output(REFERENCE_REJECTED, o.rejected());
            }
        }
    }

    /** Catalogue rows to entries. */
    public static class Catalog extends ProcessFunction<RawRow, CatalogEntry> {
        private static final long serialVersionUID = 1L;
        private transient ReferenceNormalizer normalizer;

        @Override
        public void open(OpenContext openContext) {
            normalizer = new ReferenceNormalizer();
        }

        @Override
        public void processElement(RawRow row, Context ctx, Collector<CatalogEntry> out) {
            ReferenceNormalizer.CatalogOutcome o = normalizer.catalog(row);
            if (o.rejected() != null) {
                ctx.output(REFERENCE_REJECTED, o.rejected());
            }
            for (CatalogEntry e : o.entries()) {
                out.collect(e);
            }
        }
    }
}
