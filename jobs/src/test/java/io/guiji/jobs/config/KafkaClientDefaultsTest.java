package io.guiji.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientDefaultsTest {

    @Test
    void withoutAPropertiesFileTheSourcesWaitForFullerFetchesAndTheSinkForFullerBatches() {
        Properties consumer = KafkaClientDefaults.consumer(new Properties());
        assertThat(consumer.getProperty("fetch.min.bytes")).isEqualTo("65536");
        assertThat(consumer.getProperty("fetch.max.wait.ms")).isEqualTo("100");
        assertThat(consumer).doesNotContainKeys("linger.ms", "batch.size");

        Properties producer = KafkaClientDefaults.producer(new Properties());
        assertThat(producer.getProperty("linger.ms")).isEqualTo("50");
        assertThat(producer.getProperty("batch.size")).isEqualTo("262144");
        assertThat(producer).doesNotContainKeys("fetch.min.bytes", "fetch.max.wait.ms");
    }

    @Test
    void whatThePropertiesFileGivesWinsAndIsKeptWhole() {
        Properties given = new Properties();
        given.setProperty("fetch.max.wait.ms", "500");
        given.setProperty("linger.ms", "0");
        given.setProperty("security.protocol", "SASL_SSL");

        Properties consumer = KafkaClientDefaults.consumer(given);
        assertThat(consumer.getProperty("fetch.max.wait.ms")).isEqualTo("500");
        assertThat(consumer.getProperty("fetch.min.bytes")).isEqualTo("65536");
        assertThat(consumer.getProperty("security.protocol")).isEqualTo("SASL_SSL");

        Properties producer = KafkaClientDefaults.producer(given);
        assertThat(producer.getProperty("linger.ms")).isEqualTo("0");
        assertThat(producer.getProperty("batch.size")).isEqualTo("262144");
        assertThat(producer.getProperty("security.protocol")).isEqualTo("SASL_SSL");

        assertThat(given).hasSize(3).doesNotContainKeys("fetch.min.bytes", "batch.size");
    }
}
