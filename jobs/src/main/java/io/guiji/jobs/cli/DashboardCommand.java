package io.guiji.jobs.cli;

import io.guiji.jobs.config.DashboardConfig;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.dashboard.DashboardServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code guiji dashboard --config FILE}: the coverage page served live from the streaming job's
 * PostgreSQL tables ({@link DashboardServer}) until stopped. The access token and the database
 * password come from environment variables or files named in the configuration, never from the
 * command line.
 */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        versionProvider = GuijiVersion.class,
        description =
                "Serves the coverage page live from PostgreSQL (guiji.postgres.url), on 127.0.0.1 by default. Runs until stopped.")
final class DashboardCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description =
                    "Configuration file (key: value lines; see the README, Coverage dashboard).")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = RunCommand.D_HELP)
    Map<String, String> options = Map.of();

    @Mixin GlobalOptions global;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(config)) {
            throw new IllegalArgumentException("configuration file " + config + " is not readable");
        }
        Configuration conf = RunCommand.configuration(config, options);
        DashboardConfig cfg = DashboardConfig.from(conf);
        // The streaming job's configuration names Kafka: the review page may record decisions.
        StreamConfig stream =
                conf.get(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS) == null
                                || conf.get(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS).isBlank()
                        ? null
                        : StreamConfig.from(conf);
        CountDownLatch stopped = new CountDownLatch(1);
        try (DashboardServer server = DashboardServer.start(cfg, stream)) {
            InetSocketAddress a = server.address();
            String host = a.getAddress().isAnyLocalAddress() ? "<this host>" : a.getHostString();
            System.out.println(
                    "guiji dashboard: http://"
                            + host
                            + ":"
                            + a.getPort()
                            + "/"
                            + (cfg.token() == null
                                    ? ""
                                    : "?token=<your token>  (then the page keeps it in a cookie)")
                            + "  reading "
                            + cfg.jdbcUrl()
                            + " as "
                            + cfg.user()
                            + (stream == null
                                    ? "; review page /review read-only (no guiji.kafka.bootstrap-servers)"
                                    : "; review page /review records decisions on "
                                            + stream.get(GuijiOptions.TOPIC_REVIEW_DECISIONS))
                            + "; runs until stopped: Ctrl-C");
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }
}
