package io.guiji.jobs.publish;

import io.guiji.connectors.kafka.AvroRecordSerializer;
import io.guiji.jobs.Uids;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.UnifiedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The streaming job's Kafka outputs (docs/contract.md §9): each output stream as Avro on its topic
 * ({@code guiji.topic.*}), keyed as the contract says, written in Kafka transactions committed with
 * each checkpoint (exactly once). Each sink's transactional ids start with {@code
 * guiji.kafka.transactional-id-prefix} and the output's name.
 */
public final class KafkaOutputs {
    private KafkaOutputs() {}

    /** Adds the five Kafka sinks. Coverage snapshots are written by one subtask, in order. */
    public static void write(
            StreamConfig cfg,
            DataStream<UnifiedRecord> unified,
            DataStream<RejectedRecord> rejected,
            DataStream<RejectedRecord> referenceRejected,
            DataStream<CoverageSnapshot> coverage,
            DataStream<LinkChange> linkChanges) {
        unified.sinkTo(
                        sink(
                                cfg,
                                GuijiOptions.TOPIC_UNIFIED,
                                UnifiedRecord.class,
                                UnifiedRecord::getRecordId,
                                "unified"))
                .uid(Uids.SINK_UNIFIED)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_UNIFIED));
        rejected.sinkTo(
                        sink(
                                cfg,
                                GuijiOptions.TOPIC_REJECTED,
                                RejectedRecord.class,
                                KafkaOutputs::rejectedKey,
                                "rejected"))
                .uid(Uids.SINK_REJECTED)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_REJECTED));
        referenceRejected
                .sinkTo(
                        sink(
                                cfg,
                                GuijiOptions.TOPIC_REFERENCE_REJECTED,
                                RejectedRecord.class,
                                KafkaOutputs::rejectedKey,
                                "reference-rejected"))
                .uid(Uids.SINK_REFERENCE_REJECTED)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_REFERENCE_REJECTED));
        coverage.sinkTo(
                        sink(
                                cfg,
                                GuijiOptions.TOPIC_COVERAGE,
                                CoverageSnapshot.class,
                                CoverageSnapshot::getPeriod,
                                "coverage"))
                .uid(Uids.SINK_COVERAGE)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_COVERAGE))
                .setParallelism(1);
        linkChanges
                .sinkTo(
                        sink(
                                cfg,
                                GuijiOptions.TOPIC_LINK_CHANGES,
                                LinkChange.class,
                                LinkChange::getRecordId,
                                "link-changes"))
                .uid(Uids.SINK_LINK_CHANGES)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_LINK_CHANGES));
    }

    /**
     * Adds the sinks of the enterprise view (docs/contract.md §9): profiles on the compacted {@code
     * guiji.kafka.topic.enterprises}, keyed by {@code enterprise_id}, a tombstone when an
     * enterprise has no record left ({@link ProfileRecordSerializer}); leads on {@code
     * guiji.kafka.topic.leads}, keyed by {@code lead_id}, whose {@code status} WITHDRAWN retracts
     * an OPEN lead (kept, not a tombstone: a department that acted on the lead learns it no longer
     * holds). Both exactly once, as the other outputs.
     */
    public static void writeEnterpriseViews(
            StreamConfig cfg, DataStream<EnterpriseProfile> enterprises, DataStream<Lead> leads) {
        enterprises
                .sinkTo(
                        sink(
                                cfg,
                                new ProfileRecordSerializer(
                                        cfg.get(GuijiOptions.TOPIC_ENTERPRISES)),
                                "enterprises"))
                .uid(Uids.SINK_ENTERPRISES)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_ENTERPRISES));
        leads.sinkTo(sink(cfg, GuijiOptions.TOPIC_LEADS, Lead.class, Lead::getLeadId, "leads"))
                .uid(Uids.SINK_LEADS)
                .name("Kafka " + cfg.get(GuijiOptions.TOPIC_LEADS));
    }

    /** The key of a rejected record: its source reference, {@code file#row}. */
    public static String rejectedKey(RejectedRecord r) {
        return r.getFile() + "#" + r.getRow();
    }

    private static <T extends SpecificRecord> KafkaSink<T> sink(
            StreamConfig cfg,
            ConfigOption<String> topic,
            Class<T> type,
            SerializableFunction<T, String> key,
            String name) {
        return sink(cfg, new AvroRecordSerializer<>(cfg.get(topic), type, key), name);
    }

    private static <T> KafkaSink<T> sink(
            StreamConfig cfg, KafkaRecordSerializationSchema<T> serializer, String name) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(cfg.kafkaProperties())
                .setBootstrapServers(cfg.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        cfg.value(GuijiOptions.KAFKA_TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .setProperty(
                        "transaction.timeout.ms",
                        String.valueOf(
                                cfg.value(GuijiOptions.KAFKA_TRANSACTION_TIMEOUT).toMillis()))
                .build();
    }
}
