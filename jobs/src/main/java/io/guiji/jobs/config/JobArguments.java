package io.guiji.jobs.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The arguments {@code flink run} passes to the streaming job's {@code main}: {@code --config FILE}
 * and {@code -Dkey=value} / {@code -D key=value}, -D winning over the file. Credentials are never
 * arguments (docs/contract.md §10): they come from environment variables or files. Parsed by
 * picocli, as {@code bin/guiji stream}'s options are.
 */
@Command(name = "GuijiStreamJob")
public final class JobArguments {
    @Option(names = "--config", paramLabel = "FILE")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE")
    Map<String, String> options = new LinkedHashMap<>();

    private JobArguments() {}

    /**
     * The configuration the arguments name: the file's keys (none without {@code --config}), then
     * the -D ones over them.
     *
     * @throws IllegalArgumentException for an argument that is neither, naming it and the usage
     */
    public static Configuration parse(String[] args) {
        JobArguments a = new JobArguments();
        try {
            new CommandLine(a).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " (usage: --config FILE [-Dkey=value ...])", e);
        }
        Configuration conf = a.config == null ? new Configuration() : GuijiSettings.load(a.config);
        Map<String, String> overrides = new LinkedHashMap<>();
        a.options.forEach((k, v) -> overrides.put(k.trim(), v.trim()));
        conf.addAll(Configuration.fromMap(overrides));
        return conf;
    }
}
