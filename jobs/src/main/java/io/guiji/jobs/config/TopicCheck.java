package io.guiji.jobs.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the job starts: every topic it reads or writes must exist (a producer or consumer would
 * otherwise let the broker auto-create it with default settings, and an uncompacted unified topic
 * loses records' latest states to retention). Fails with the names to create and the script that
 * creates them; warns when a topic of latest states (unified records, enterprise profiles, leads)
 * is not compacted.
 */
public final class TopicCheck {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCheck.class);

    private TopicCheck() {}

    public static void requireTopics(StreamConfig cfg) {
        Set<String> needed = new TreeSet<>();
        cfg.kafkaSources().forEach(s -> needed.add(s.topic()));
        for (var option :
                List.of(
                        GuijiOptions.KAFKA_REGISTRY_TOPIC,
                        GuijiOptions.KAFKA_CATALOG_TOPIC,
                        GuijiOptions.TOPIC_UNIFIED,
                        GuijiOptions.TOPIC_REJECTED,
                        GuijiOptions.TOPIC_REFERENCE_REJECTED,
                        GuijiOptions.TOPIC_COVERAGE,
                        GuijiOptions.TOPIC_LINK_CHANGES,
                        GuijiOptions.TOPIC_REVIEW_DECISIONS,
                        GuijiOptions.TOPIC_ENTERPRISES,
                        GuijiOptions.TOPIC_LEADS)) {
            String topic = cfg.get(option);
            if (topic != null) {
                needed.add(topic);
            }
        }
        Properties props = cfg.kafkaProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            List<String> missing = new ArrayList<>(needed);
            // A topic created a moment ago may not be in every broker's metadata yet: look again
            // for a while.
            for (int attempt = 0; attempt < 10; attempt++) {
                if (attempt > 0) {
                    Thread.sleep(1000);
                }
                missing.removeAll(admin.listTopics().names().get(30, TimeUnit.SECONDS));
                if (missing.isEmpty()) {
                    break;
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "Kafka topics missing on "
                                + cfg.bootstrapServers()
                                + ": "
                                + missing
                                + " (create them first, e.g. BOOTSTRAP="
                                + cfg.bootstrapServers()
                                + " deploy/kafka/create-topics.sh)");
            }
            // Keyed latest states: an uncompacted topic loses them to retention.
            List<ConfigResource> compacted =
                    List.of(
                                    GuijiOptions.TOPIC_UNIFIED,
                                    GuijiOptions.TOPIC_ENTERPRISES,
                                    GuijiOptions.TOPIC_LEADS)
                            .stream()
                            .map(o -> new ConfigResource(ConfigResource.Type.TOPIC, cfg.get(o)))
                            .toList();
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(compacted).all().get(30, TimeUnit.SECONDS);
            for (ConfigResource resource : compacted) {
                String policy =
                        configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                if (policy == null || !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                    LOG.warn(
                            "Topic {} has cleanup.policy={}: make it compact, or the latest states it keeps expire with retention",
                            resource.name(),
                            policy);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka topics", e);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            // No cause attached: the command line shows the deepest message, and this one says what
            // to check.
            throw new IllegalArgumentException(
                    "cannot reach Kafka at "
                            + cfg.bootstrapServers()
                            + " (guiji.kafka.bootstrap-servers) to check the topics: "
                            + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
    }
}
