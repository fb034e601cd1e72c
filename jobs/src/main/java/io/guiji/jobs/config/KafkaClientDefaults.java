package io.guiji.jobs.config;

import java.util.Map;
import java.util.Properties;

/**
 * guiji's settings for its Kafka sources and its exactly-once sink, where the client's own defaults
 * suit a single consumer or producer better than a job with a dozen of each. Each applies only when
 * {@code guiji.kafka.properties-file} does not give the key (deploy/README.md, "Kafka clients").
 *
 * <p>Kafka's defaults answer a fetch as soon as one byte is there and send a batch as soon as the
 * sender is free. At a steady 1,500 records/s that made the job's fetcher threads, its records'
 * source and the broker busy with small requests: with the settings below the machine (job and
 * broker together) used 58–71 CPU-s a minute instead of 85–91, and the p99 latency did not move
 * (BENCHMARKS.md, "Fewer, larger Kafka requests"):
 *
 * <ul>
 *   <li>a fetch waits for 64 KiB or 100 ms, whichever comes first: a record on a quiet topic is
 *       read at most 100 ms later, against the checkpoint interval (30 s by default, 1 s in the
 *       benchmarks) it waits anyway before anything made of it is visible;
 *   <li>the sink's batches wait up to 50 ms and hold up to 256 KiB: with exactly-once delivery
 *       nothing is visible before its checkpoint's transaction commits, and the commit flushes
 *       whatever is still waiting.
 * </ul>
 */
public final class KafkaClientDefaults {
    /** Consumer settings of every Kafka source of the job. */
    static final Map<String, String> CONSUMER =
            Map.of("fetch.min.bytes", "65536", "fetch.max.wait.ms", "100");

    /** Producer settings of the job's Kafka sink. */
    static final Map<String, String> PRODUCER = Map.of("linger.ms", "50", "batch.size", "262144");

    private KafkaClientDefaults() {}

    /** {@code given} with the consumer defaults it does not set; {@code given} is not changed. */
    static Properties consumer(Properties given) {
        return withDefaults(CONSUMER, given);
    }

    /** {@code given} with the producer defaults it does not set; {@code given} is not changed. */
    static Properties producer(Properties given) {
        return withDefaults(PRODUCER, given);
    }

    private static Properties withDefaults(Map<String, String> defaults, Properties given) {
        Properties p = new Properties();
        p.putAll(defaults);
        p.putAll(given);
        return p;
    }
}
