package io.guiji.jobs.cli;

import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.launch.ScratchDirectory;
import io.guiji.jobs.stream.GuijiStreamJob;
import io.guiji.jobs.stream.Resume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code guiji stream --config FILE}: the unbounded job (Kafka in, Kafka and PostgreSQL out) on an
 * embedded mini-cluster; the same {@link GuijiStreamJob} is the shaded jar's entry point for {@code
 * flink run}. Runs until stopped (Ctrl-C); the configuration is checked before anything starts, so
 * a bad key is one line and exit 2. Started again, it resumes from its latest completed checkpoint
 * by itself and says which ({@link Resume}); {@code --fresh} starts without state.
 */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        versionProvider = GuijiVersion.class,
        description =
                "The streaming job on an embedded mini-cluster (Kafka in; Kafka and PostgreSQL out). Runs until stopped.")
final class StreamCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "Configuration file (key: value lines; see the README, Streaming mode).")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = RunCommand.D_HELP)
    Map<String, String> options = Map.of();

    @Mixin GlobalOptions global;

    @Option(
            names = "--fresh",
            description =
                    "Start without restoring any checkpoint: operator state starts empty, departmental topics"
                            + " start at guiji.kafka.starting-offsets, registry and catalogue from the beginning.")
    boolean fresh;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Restore this savepoint or checkpoint (a chk-N folder)"
                            + " instead of the latest checkpoint.")
    String savepoint;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(config)) {
            throw new IllegalArgumentException("configuration file " + config + " is not readable");
        }
        Configuration conf = RunCommand.configuration(config, options);
        StreamConfig cfg = StreamConfig.from(conf); // fail now, with the key's name
        Resume.Plan plan = Resume.prepare(conf, fresh, savepoint);
        System.out.println("guiji stream: " + plan.message());
        System.out.println(
                "guiji stream: "
                        + cfg.sources().size()
                        + " source(s), Kafka "
                        + cfg.bootstrapServers()
                        + "; starting (runs until stopped: Ctrl-C)");
        System.out.flush();
        try (ScratchDirectory scratch =
                ScratchDirectory.create(conf)) { // nothing left in /tmp, also after Ctrl-C
            GuijiStreamJob.run(scratch.apply(conf));
        }
        return 0;
    }
}
