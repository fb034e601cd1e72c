package io.guiji.jobs.ingest.kafka;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.jobs.ingest.ReferenceRejects;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Registry or catalogue entries sent as Avro ({@code RegistryEntry}, {@code CatalogEntry}): decoded
 * as they are, so a producer can also withdraw an entry ({@code deleted = true}). Undecodable
 * messages go to {@link ReferenceRejects#TAG} as MALFORMED; a message that decoding throws on
 * otherwise (a fault of the decoder, not of the bytes), or an entry that could not be encoded again
 * ({@link io.guiji.connectors.kafka.AvroGuard}), as PROCESSING_ERROR, counted in {@value
 * io.guiji.jobs.ProcessingErrors#METRIC}. Stateless.
 */
public class AvroEntryDecodeFunction<T extends SpecificRecord>
        extends ProcessFunction<KafkaBytes, T> implements ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SourceRefSetter<T> setSource;
    private transient AvroBinary<T> avro;
    private transient org.apache.flink.metrics.Counter processingErrors;

    /** Stores the message's source reference in the entry, where the type has a place for it. */
    public interface SourceRefSetter<T> extends java.io.Serializable {
        void set(T entry, SourceRef ref);
    }

    public AvroEntryDecodeFunction(Class<T> type, SourceRefSetter<T> setSource) {
        this.type = type;
        this.setSource = setSource;
    }

    @Override
    public void open(OpenContext openContext) {
        avro = new AvroBinary<>(type);
        processingErrors =
                io.guiji.jobs.ProcessingErrors.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(KafkaBytes m, Context ctx, Collector<T> out) {
        T entry;
        try {
            entry = entryOf(avro, setSource, m);
        } catch (AvroBinary.AvroDecodeException e) {
            ctx.output(
                    ReferenceRejects.TAG,
                    RejectedRecord.newBuilder()
                            .setFile(m.reference())
                            .setRow(m.offset)
                            .setReason(RejectReason.MALFORMED)
                            .setMessage(
                                    SinkSafeText.escape(
                                            "undecodable Avro (expected "
                                                    + type.getSimpleName()
                                                    + "): "
                                                    + e.getMessage()))
                            .setRaw(
                                    m.value == null
                                            ? ""
                                            : SinkSafeText.escape(
                                                    new String(m.value, StandardCharsets.UTF_8)))
                            .build());
            return;
        } catch (RuntimeException e) {
            if (io.guiji.jobs.ProcessingErrors.isInfrastructure(e)) {
                throw e;
            }
            processingErrors.inc();
            ctx.output(
                    ReferenceRejects.TAG,
                    io.guiji.jobs.ProcessingErrors.rejected(
                            m.reference(),
                            m.offset,
                            "decode",
                            e,
                            m.value == null ? "" : new String(m.value, StandardCharsets.UTF_8),
                            null,
                            null));
            return;
        }
        out.collect(entry);
    }

    /**
     * The entry a message holds, cleaned of text no sink can take, with its source reference: what
     * this decoder emits, and what the registry replay reads again after a restore. Throws {@link
     * AvroBinary.AvroDecodeException} on bytes that are not an entry, {@code AvroTypeException} on
     * an entry that could not be encoded again.
     */
    public static <T extends SpecificRecord> T entryOf(
            AvroBinary<T> avro, SourceRefSetter<T> setSource, KafkaBytes m) {
        T entry = avro.decode(m.value);
        if (entry instanceof org.apache.avro.generic.IndexedRecord) {
            entry = SinkSafeText.cleanRecord(entry); // no reader cleaned them
        }
        if (setSource != null) {
            setSource.set(entry, new SourceRef(m.reference(), m.offset));
        }
        String problem = io.guiji.connectors.kafka.AvroGuard.problem(entry);
        if (problem != null) {
            throw new org.apache.avro.AvroTypeException(problem);
        }
        return entry;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return AvroTypes.forClass(type);
    }
}
