package io.guiji.jobs.stream;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.jobs.ProcessingErrors;
import io.guiji.jobs.ingest.SourceSpec;
import io.guiji.jobs.ingest.kafka.AvroEntryDecodeFunction;
import io.guiji.jobs.ingest.kafka.JsonMessages;
import io.guiji.jobs.link.RegistryReplay;
import io.guiji.jobs.validate.ReferenceNormalizer;
import io.guiji.schemas.RegistryEntry;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the registry topic again, from its beginning up to the offsets a checkpoint had applied, so
 * that a restored linking subtask rebuilds its in-memory registry index ({@link RegistryReplay}).
 * Messages are decoded exactly as the job's registry source decodes them (Avro entries, or JSON
 * through the registry normalizer); those that were rejected the first time are skipped. The topic
 * is expected keyed by enterprise, as a compacted registry topic is: each enterprise's entries are
 * then in one partition, in order, and reading the partitions one after another gives the same
 * index as the first reading did.
 */
public final class KafkaRegistryReplay implements RegistryReplay {
    private static final long serialVersionUID = 1L;
    private static final Duration STALLED = Duration.ofMinutes(5);

    private final Properties consumer;
    private final SourceSpec.Format format;

    /** {@code consumer}: the job's Kafka client properties (servers, security). */
    public KafkaRegistryReplay(Properties consumer, SourceSpec.Format format) {
        this.consumer = consumer;
        this.format = format;
    }

    @Override
    public void replay(Map<String, Long> upTo, Consumer<RegistryEntry> sink) {
        Map<TopicPartition, Long> last = new HashMap<>();
        for (Map.Entry<String, Long> e : upTo.entrySet()) {
            TopicPartition tp = partition(e.getKey());
            if (tp != null) {
                last.put(tp, e.getValue());
            }
        }
        if (last.isEmpty()) {
            return;
        }
        Properties p = new Properties();
        p.putAll(consumer);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, nothing committed
        Decoder decoder = new Decoder(format);
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(last.keySet());
            c.seekToBeginning(last.keySet());
            Set<TopicPartition> open = new HashSet<>(last.keySet());
            long progressAt = System.nanoTime();
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!open.contains(tp) || r.offset() > last.get(tp)) {
                        continue;
                    }
                    RegistryEntry entry =
                            decoder.decode(
                                    new KafkaBytes(
                                            r.topic(),
                                            r.partition(),
                                            r.offset(),
                                            r.timestamp(),
                                            r.key(),
                                            r.value()));
                    if (entry != null) {
                        sink.accept(entry);
                    }
                    progressAt = System.nanoTime();
                }
                for (TopicPartition tp : Set.copyOf(open)) {
                    // the position passes the last offset even where that one was compacted away or
                    // a transaction marker
                    if (c.position(tp) > last.get(tp)) {
                        open.remove(tp);
                        c.pause(Collections.singleton(tp));
                    }
                }
                if (System.nanoTime() - progressAt > STALLED.toNanos()) {
                    throw new IllegalStateException(
                            "re-reading the registry topic stalled for "
                                    + STALLED.toMinutes()
                                    + " minutes at "
                                    + open
                                    + "; is the broker reachable?");
                }
            }
        }
    }

    /** {@code kafka:<topic>/<partition>} as a partition; null for any other source. */
    static TopicPartition partition(String reference) {
        if (reference == null || !reference.startsWith("kafka:")) {
            return null;
        }
        int slash = reference.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        try {
            return new TopicPartition(
                    reference.substring("kafka:".length(), slash),
                    Integer.parseInt(reference.substring(slash + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A registry message as the job's source decodes it; null where the job rejected it. */
    private static final class Decoder {
        private final SourceSpec.Format format;
        private final AvroBinary<RegistryEntry> avro;
        private final ReferenceNormalizer normalizer;

        Decoder(SourceSpec.Format format) {
            this.format = format;
            this.avro =
                    format == SourceSpec.Format.AVRO ? new AvroBinary<>(RegistryEntry.class) : null;
            this.normalizer = format == SourceSpec.Format.AVRO ? null : new ReferenceNormalizer();
        }

        RegistryEntry decode(KafkaBytes m) {
            try {
                if (format == SourceSpec.Format.AVRO) {
                    return AvroEntryDecodeFunction.entryOf(avro, RegistryEntry::setSource, m);
                }
                RawRow row = JsonMessages.decode(m);
                if (row.failedStage != null) {
                    return null;
                }
                RegistryEntry entry = normalizer.registry(row).entry();
                return entry == null || AvroGuard.problem(entry) != null ? null : entry;
            } catch (RuntimeException e) {
                if (ProcessingErrors.isInfrastructure(e)) {
                    throw e;
                }
                return null;
            }
        }
    }
}
