package io.guiji.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test broker is real: topics, transactions and read_committed isolation behave as Kafka's. */
class KafkaBrokerExtensionITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void readCommittedConsumerSeesExactlyTheCommittedTransactions() {
        String topic = "transactions";
        KAFKA.createTopic(topic, 2, Map.of("min.insync.replicas", "1"));

        try (KafkaProducer<String, String> producer =
                KAFKA.createProducer(
                        Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "self-test-tx"))) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, 1, "b", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "c", "aborted-1"));
            producer.send(new ProducerRecord<>(topic, 1, "d", "aborted-2"));
            producer.flush(); // the aborted records really reach the log
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 1, "e", "committed-3"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = KAFKA.readCommitted(topic);

        assertThat(records)
                .extracting(ConsumerRecord::partition, ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(
                        tuple(0, "a", "committed-1"),
                        tuple(1, "b", "committed-2"),
                        tuple(1, "e", "committed-3"));
        // The aborted records did reach the log: read_uncommitted sees them.
        assertThat(readUncommittedValues(topic))
                .containsExactlyInAnyOrder(
                        "committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
    }

    private static List<String> readUncommittedValues(String topic) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KAFKA.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }

    @Test
    void createsTopicsWithTheRequestedPartitionsAndConfig() throws Exception {
        KAFKA.createTopic("compacted", 3, Map.of("cleanup.policy", "compact"));

        TopicDescription description =
                KAFKA.admin()
                        .describeTopics(List.of("compacted"))
                        .allTopicNames()
                        .get()
                        .get("compacted");
        assertThat(description.partitions()).hasSize(3);
        assertThat(KAFKA.bootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void awaitCommittedReturnsPlainProducedRecords() {
        KAFKA.createTopic("plain", 1);

        KAFKA.produce(
                List.of(
                        new ProducerRecord<>("plain", "k1", "统一社会信用代码"),
                        new ProducerRecord<>("plain", "k2", "v2")));

        assertThat(KAFKA.awaitCommitted("plain", 2, Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(tuple("k1", "统一社会信用代码"), tuple("k2", "v2"));
    }

    @Test
    void aStoppedBrokerComesBackOnTheSameAddressWithItsData() throws Exception {
        String topic = "survives-restart";
        KAFKA.createTopic(topic, 1);
        KAFKA.produce(List.of(new ProducerRecord<>(topic, "k", "before")));
        String address = KAFKA.bootstrapServers();

        KAFKA.stopBroker();
        try (java.net.Socket s = new java.net.Socket()) {
            String[] hostPort = address.split(":");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () ->
                                    s.connect(
                                            new java.net.InetSocketAddress(
                                                    hostPort[0], Integer.parseInt(hostPort[1])),
                                            500))
                    .isInstanceOf(java.io.IOException.class);
        }
        KAFKA.startBroker();

        assertThat(KAFKA.bootstrapServers()).isEqualTo(address);
        KAFKA.produce(List.of(new ProducerRecord<>(topic, "k", "after")));
        assertThat(KAFKA.readCommitted(topic))
                .extracting(ConsumerRecord::value)
                .containsExactly("before", "after");
    }
}
