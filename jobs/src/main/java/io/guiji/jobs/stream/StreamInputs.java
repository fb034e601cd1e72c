package io.guiji.jobs.stream;

import io.guiji.connectors.EmptySource;
import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.jdbc.JdbcTableSource;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.connectors.kafka.KafkaBytesDeserializer;
import io.guiji.jobs.GuijiPipeline;
import io.guiji.jobs.Uids;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.ingest.ReferenceRejects;
import io.guiji.jobs.ingest.SourceSpec;
import io.guiji.jobs.ingest.SpecApplyFunction;
import io.guiji.jobs.ingest.kafka.AvroEntryDecodeFunction;
import io.guiji.jobs.ingest.kafka.DecisionDecodeFunction;
import io.guiji.jobs.ingest.kafka.KafkaSources;
import io.guiji.jobs.ingest.kafka.RecordDecodeFunction;
import io.guiji.jobs.ingest.kafka.ReferenceDecodeFunction;
import io.guiji.jobs.link.RegistryReplay;
import io.guiji.jobs.validate.ReferenceParsers;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.ReviewDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The streaming job's inputs: the configured departmental sources (Kafka topics decoded by their
 * {@link SourceSpec}, polled tables), the registry and catalogue topics (JSON through the file
 * parsers, or Avro entries), the reviewers' decisions topic (the MANUAL tier), and the registry
 * replay that rebuilds a restored linking subtask's index.
 */
final class StreamInputs {
    private StreamInputs() {}

    /**
     * Departmental topics and tables (one stream of rows), the registry and catalogue topics with
     * their rejects, and the registry replay; an input that is not configured is {@link
     * io.guiji.connectors.EmptySource}.
     */
    static GuijiPipeline.Inputs of(StreamExecutionEnvironment env, StreamConfig cfg) {
        List<DataStream<RawRow>> records = new ArrayList<>();
        List<SourceSpec> kafka = cfg.kafkaSources();
        if (!kafka.isEmpty()) {
            List<String> topics = kafka.stream().map(SourceSpec::topic).toList();
            records.add(
                    env.fromSource(
                                    KafkaSources.readCommitted(
                                                    cfg.kafkaConsumerProperties(),
                                                    cfg.bootstrapServers(),
                                                    topics,
                                                    cfg.value(GuijiOptions.KAFKA_GROUP_ID),
                                                    "records",
                                                    new KafkaBytesDeserializer(),
                                                    departmentalStart(cfg))
                                            .setProperty("partition.discovery.interval.ms", "60000")
                                            .build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "records " + topics)
                            .uid(Uids.RECORD_SOURCE)
                            .process(new RecordDecodeFunction(kafka, cfg.settings().readLimits()))
                            .uid(StreamUids.DECODE_RECORDS)
                            .name("decode records"));
        }
        for (SourceSpec s : cfg.jdbcSources()) {
            SourceSpec.Jdbc j = s.jdbc();
            JdbcTableSource table =
                    JdbcTableSource.builder()
                            .url(j.url())
                            .credentials(j.user(), cfg.jdbcPassword(s))
                            .table(j.table())
                            .updateColumn(j.updateColumn())
                            .keyColumn(j.keyColumn())
                            .since(j.sinceMillis())
                            .lag(j.lag())
                            .pollInterval(j.pollInterval())
                            .sanityCheck();
            records.add(
                    env.fromSource(
                                    table.build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "table " + j.table())
                            .uid(StreamUids.JDBC_SOURCE_PREFIX + s.name())
                            .setParallelism(1)
                            .map(new SpecApplyFunction(s))
                            .uid(StreamUids.JDBC_ROWS_PREFIX + s.name())
                            .name("rows of " + j.table()));
        }
        DataStream<RawRow> all = records.get(0);
        for (int i = 1; i < records.size(); i++) {
            all = all.union(records.get(i));
        }

        List<DataStream<RejectedRecord>> referenceRejected = new ArrayList<>();
        DataStream<RegistryEntry> registry =
                reference(
                        env,
                        cfg,
                        cfg.get(GuijiOptions.KAFKA_REGISTRY_TOPIC),
                        cfg.registryFormat(),
                        RegistryEntry.class,
                        RegistryEntry::setSource,
                        new ReferenceParsers.RegistryParseFunction(),
                        "registry",
                        Uids.REGISTRY_SOURCE,
                        StreamUids.DECODE_REGISTRY,
                        Uids.PARSE_REGISTRY,
                        referenceRejected);
        DataStream<CatalogEntry> catalog =
                reference(
                        env,
                        cfg,
                        cfg.get(GuijiOptions.KAFKA_CATALOG_TOPIC),
                        cfg.catalogFormat(),
                        CatalogEntry.class,
                        null,
                        new ReferenceParsers.CatalogParseFunction(),
                        "catalogue",
                        Uids.CATALOG_SOURCE,
                        StreamUids.DECODE_CATALOG,
                        Uids.PARSE_CATALOG,
                        referenceRejected);
        DataStream<ReviewDecision> decisions = reviewDecisions(env, cfg, referenceRejected);
        DataStream<RejectedRecord> rejected =
                referenceRejected.isEmpty()
                        ? EmptySource.of(env, RejectedRecord.class, "no reference rejects")
                        : referenceRejected.get(0);
        for (int i = 1; i < referenceRejected.size(); i++) {
            rejected = rejected.union(referenceRejected.get(i));
        }
        // The linking subtasks hold the registry in memory, not in checkpoints: after a restore
        // they
        // read the topic again up to where the checkpoint had applied it.
        RegistryReplay replay =
                cfg.get(GuijiOptions.KAFKA_REGISTRY_TOPIC) == null
                        ? null
                        : new KafkaRegistryReplay(replayConsumer(cfg), cfg.registryFormat());
        return new GuijiPipeline.Inputs(all, registry, catalog, rejected, replay)
                .withReviewDecisions(decisions);
    }

    /**
     * The reviewers' decisions (the MANUAL tier), read from the beginning of the decisions topic by
     * one subtask, so that every linking subtask receives them in the topic's order; messages that
     * are not decisions go to the reference dead letter ({@link DecisionDecodeFunction}). Null when
     * the topic is unset.
     *
     * <p>Not read again after a restore: the linking operator keeps the decisions it applied in its
     * operator state, and this source continues from the checkpointed offsets; a decision read a
     * second time (by its id) changes nothing.
     */
    private static DataStream<ReviewDecision> reviewDecisions(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            List<DataStream<RejectedRecord>> rejects) {
        String topic = cfg.get(GuijiOptions.TOPIC_REVIEW_DECISIONS);
        if (topic == null) {
            return null;
        }
        SingleOutputStreamOperator<ReviewDecision> decisions =
                env.fromSource(
                                KafkaSources.readCommitted(
                                                cfg.kafkaConsumerProperties(),
                                                cfg.bootstrapServers(),
                                                List.of(topic),
                                                cfg.value(GuijiOptions.KAFKA_GROUP_ID),
                                                "review-decisions",
                                                new KafkaBytesDeserializer(),
                                                OffsetsInitializer.earliest())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "review decisions " + topic)
                        .setParallelism(1)
                        .uid(StreamUids.REVIEW_DECISION_SOURCE)
                        .process(new DecisionDecodeFunction())
                        .returns(AvroTypes.of(ReviewDecision.class))
                        .setParallelism(1)
                        .uid(StreamUids.DECODE_REVIEW_DECISIONS)
                        .name("decode review decisions");
        rejects.add(decisions.getSideOutput(ReferenceRejects.TAG));
        return decisions;
    }

    /**
     * A registry or catalogue topic (JSON through the file parsers, or Avro entries as they are);
     * empty when unset.
     */
    private static <T extends SpecificRecord> DataStream<T> reference(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            String topic,
            SourceSpec.Format format,
            Class<T> type,
            AvroEntryDecodeFunction.SourceRefSetter<T> setSource,
            ProcessFunction<RawRow, T> parser,
            String what,
            String sourceUid,
            String decodeUid,
            String parseUid,
            List<DataStream<RejectedRecord>> rejects) {
        if (topic == null) {
            return EmptySource.of(env, type, "no " + what);
        }
        // The registry and catalogue are state built from the whole topic: without restored state
        // (a first start, --fresh, a job started anew) read it all again, whatever the group has
        // committed; restored from a checkpoint or savepoint, the source continues from its offsets
        // there.
        DataStream<KafkaBytes> messages =
                env.fromSource(
                                KafkaSources.readCommitted(
                                                cfg.kafkaConsumerProperties(),
                                                cfg.bootstrapServers(),
                                                List.of(topic),
                                                cfg.value(GuijiOptions.KAFKA_GROUP_ID),
                                                what,
                                                new KafkaBytesDeserializer(),
                                                OffsetsInitializer.earliest())
                                        .setProperty("partition.discovery.interval.ms", "60000")
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                what + " " + topic)
                        .uid(sourceUid);
        SingleOutputStreamOperator<T> entries;
        if (format == SourceSpec.Format.AVRO) {
            entries =
                    messages.process(new AvroEntryDecodeFunction<>(type, setSource))
                            .uid(decodeUid)
                            .name("decode " + what);
        } else {
            entries =
                    messages.map(new ReferenceDecodeFunction())
                            .uid(decodeUid)
                            .name("decode " + what)
                            .process(parser)
                            .returns(AvroTypes.forClass(type))
                            .uid(parseUid)
                            .name("parse " + what);
        }
        rejects.add(entries.getSideOutput(ReferenceParsers.REFERENCE_REJECTED));
        return entries;
    }

    /**
     * The Kafka client properties the registry replay reads with: the job's own (servers,
     * security).
     */
    private static Properties replayConsumer(StreamConfig cfg) {
        Properties p = new Properties();
        p.putAll(cfg.kafkaProperties());
        p.put("bootstrap.servers", cfg.bootstrapServers());
        p.put("client.id", cfg.value(GuijiOptions.KAFKA_GROUP_ID) + "-registry-replay");
        return p;
    }

    /**
     * Where departmental topics start without restored state: {@link
     * GuijiOptions#KAFKA_STARTING_OFFSETS}.
     */
    static OffsetsInitializer departmentalStart(StreamConfig cfg) {
        return switch (cfg.startingOffsets()) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
