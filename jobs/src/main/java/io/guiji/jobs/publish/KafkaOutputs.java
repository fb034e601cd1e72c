package io.guiji.jobs.publish;

import io.guiji.connectors.avro.AvroTypes;
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
import io.guiji.schemas.internal.KafkaOutput;
import java.util.ArrayList;
import java.util.List;
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
 * each checkpoint (exactly once).
 *
 * <p>Every output goes through one sink: each stream is encoded for its topic where it is made
 * ({@link KafkaOutputEncodeFunction}, chained), and the encoded messages of all of them are written
 * by one exactly-once {@link KafkaSink}, so each subtask has one transactional producer and commits
 * one transaction a checkpoint, where one sink an output took seven producers and seven
 * transactions a subtask (BENCHMARKS.md, "One Kafka sink"). Its transactional ids start with {@code
 * guiji.kafka.transactional-id-prefix} and {@code -outputs}. Order per key is kept as each output's
 * own sink kept it: a stream made by as many subtasks as the sink has goes to the sink subtask of
 * the same index (the unified records, keyed by {@code record_id} in the linking operator; the
 * enterprise view's, keyed by subject), and the coverage snapshots, made by one subtask, all go to
 * the sink's first.
 */
public final class KafkaOutputs {
    private KafkaOutputs() {}

    /** The streams the job publishes on Kafka. */
    public record Streams(
            DataStream<UnifiedRecord> unified,
            DataStream<RejectedRecord> rejected,
            DataStream<RejectedRecord> referenceRejected,
            DataStream<CoverageSnapshot> coverage,
            DataStream<LinkChange> linkChanges,
            DataStream<EnterpriseProfile> enterprises,
            DataStream<Lead> leads) {}

    /**
     * Adds the one Kafka sink and the encoders before it. Enterprise profiles go on the compacted
     * {@code guiji.kafka.topic.enterprises}, keyed by {@code enterprise_id}, a tombstone when an
     * enterprise has no record left ({@link ProfileRecordSerializer}); leads on {@code
     * guiji.kafka.topic.leads}, keyed by {@code lead_id}, whose {@code status} WITHDRAWN retracts
     * an OPEN lead (kept, not a tombstone: a department that acted on the lead learns it no longer
     * holds).
     */
    public static void write(StreamConfig cfg, Streams s) {
        List<DataStream<KafkaOutput>> encoded = new ArrayList<>();
        encoded.add(
                encode(
                        s.unified(),
                        avro(
                                cfg,
                                GuijiOptions.TOPIC_UNIFIED,
                                UnifiedRecord.class,
                                UnifiedRecord::getRecordId),
                        "unified"));
        encoded.add(
                encode(
                        s.rejected(),
                        avro(
                                cfg,
                                GuijiOptions.TOPIC_REJECTED,
                                RejectedRecord.class,
                                KafkaOutputs::rejectedKey),
                        "rejected"));
        encoded.add(
                encode(
                        s.referenceRejected(),
                        avro(
                                cfg,
                                GuijiOptions.TOPIC_REFERENCE_REJECTED,
                                RejectedRecord.class,
                                KafkaOutputs::rejectedKey),
                        "reference-rejected"));
        encoded.add(
                encode(
                                s.coverage(),
                                avro(
                                        cfg,
                                        GuijiOptions.TOPIC_COVERAGE,
                                        CoverageSnapshot.class,
                                        CoverageSnapshot::getPeriod),
                                "coverage")
                        // one producer writes them all, in the order they were made
                        .partitionCustom((Integer key, int sinks) -> 0, out -> 0));
        encoded.add(
                encode(
                        s.linkChanges(),
                        avro(
                                cfg,
                                GuijiOptions.TOPIC_LINK_CHANGES,
                                LinkChange.class,
                                LinkChange::getRecordId),
                        "link-changes"));
        encoded.add(
                encode(
                        s.enterprises(),
                        new ProfileRecordSerializer(cfg.get(GuijiOptions.TOPIC_ENTERPRISES)),
                        "enterprises"));
        encoded.add(
                encode(
                        s.leads(),
                        avro(cfg, GuijiOptions.TOPIC_LEADS, Lead.class, Lead::getLeadId),
                        "leads"));
        DataStream<KafkaOutput> all = encoded.get(0);
        for (DataStream<KafkaOutput> e : encoded.subList(1, encoded.size())) {
            all = all.union(e);
        }
        all.sinkTo(sink(cfg)).uid(Uids.SINK_KAFKA_OUTPUTS).name("Kafka outputs");
    }

    /** The key of a rejected record: its source reference, {@code file#row}. */
    public static String rejectedKey(RejectedRecord r) {
        return r.getFile() + "#" + r.getRow();
    }

    private static <T extends SpecificRecord> AvroRecordSerializer<T> avro(
            StreamConfig cfg,
            ConfigOption<String> topic,
            Class<T> type,
            SerializableFunction<T, String> key) {
        return new AvroRecordSerializer<>(cfg.get(topic), type, key);
    }

    /** {@code stream} encoded for its topic, chained to the operator that makes it. */
    private static <T> DataStream<KafkaOutput> encode(
            DataStream<T> stream, KafkaRecordSerializationSchema<T> serializer, String name) {
        return stream.map(new KafkaOutputEncodeFunction<>(serializer))
                .returns(AvroTypes.of(KafkaOutput.class))
                .setParallelism(stream.getParallelism())
                .uid(Uids.ENCODE_KAFKA_PREFIX + name)
                .name("Encode " + name);
    }

    private static KafkaSink<KafkaOutput> sink(StreamConfig cfg) {
        return KafkaSink.<KafkaOutput>builder()
                .setKafkaProducerConfig(cfg.kafkaProducerProperties())
                .setBootstrapServers(cfg.bootstrapServers())
                .setRecordSerializer(new KafkaOutputSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(
                        cfg.value(GuijiOptions.KAFKA_TRANSACTIONAL_ID_PREFIX) + "-outputs")
                .setProperty(
                        "transaction.timeout.ms",
                        String.valueOf(
                                cfg.value(GuijiOptions.KAFKA_TRANSACTION_TIMEOUT).toMillis()))
                .build();
    }
}
