package io.guiji.jobs.cli;

import io.guiji.jobs.config.ConfigKeys;
import io.guiji.jobs.config.GuijiSettings;
import io.guiji.jobs.file.FileRunJob;
import io.guiji.jobs.file.OutputFiles;
import io.guiji.jobs.launch.ScratchDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code guiji run --input INPUT --output OUTPUT [--config FILE]}: a bounded run. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = GuijiVersion.class,
        description =
                "Bounded run on an embedded Flink mini-cluster: INPUT/ -> OUTPUT/unified, rejected, coverage.json.")
final class RunCommand implements Callable<Integer> {
    /**
     * The -D option's help: the example on a line of its own, so that it never wraps inside the
     * key.
     */
    static final String D_HELP =
            "Set one configuration option (repeatable), e.g.%n  -Dguiji.coverage.target=0.9%n"
                    + "Keys: guiji's (see the README) and Flink's (those its *Options classes declare, and the families"
                    + " the README lists); any other key is refused.";

    @Option(
            names = "--input",
            required = true,
            description = "Input root (registry/, catalog/, records/<dept_code>/<record_type>/).")
    Path input;

    @Option(
            names = "--output",
            required = true,
            description = "Output root; earlier guiji results in it are replaced.")
    Path output;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (key: value lines; see the README).")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = D_HELP)
    Map<String, String> options = Map.of();

    @Mixin GlobalOptions global;

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration(config, options);
        runAndReport(
                input,
                output,
                conf,
                global.quiet,
                "guiji run: " + input + " -> " + output,
                0,
                "outputs");
        return 0;
    }

    /**
     * Runs the bounded job from {@code input} into {@code output} (progress on stderr unless {@code
     * quiet}, scratch files in a directory removed afterwards) and prints its summary under {@code
     * title}: the coverage, any notices, the enterprises ({@code enterprises} of them named), the
     * files written (labelled {@code filesLabel}) and the coverage page. As {@code guiji run} and
     * {@code guiji demo} do.
     */
    static void runAndReport(
            Path input,
            Path output,
            Configuration conf,
            boolean quiet,
            String title,
            int enterprises,
            String filesLabel)
            throws Exception {
        FileRunJob.Result r;
        try (Progress progress = Progress.start(input, quiet);
                ScratchDirectory scratch = ScratchDirectory.create(conf)) { // nothing left in /tmp
            r =
                    FileRunJob.run(
                            input,
                            output,
                            scratch.apply(conf),
                            w -> System.err.println("guiji: warning: " + w));
        }
        Summary.print(
                System.out,
                title,
                r.coverage(),
                r.elapsed().toMillis() / 1000.0,
                r.input().registry(),
                r.input().catalog());
        if (!r.notices().isEmpty()) {
            System.out.println(
                    "  notice          "
                            + String.join(
                                    ", ", r.notices().stream().map(Object::toString).toList()));
        }
        EnterpriseSummary.print(System.out, output, enterprises);
        System.out.printf(
                "  %-16s%s%n", filesLabel, String.join(", ", OutputFiles.created(output)));
        Summary.printCoveragePage(System.out, output);
    }

    /**
     * The configuration of {@code --config FILE} and {@code -D} options ({@code -D} wins), checked:
     * unknown keys refused with the closest known one ({@link ConfigKeys}), values of the wrong
     * type refused naming the key, guiji's settings validated ({@link GuijiSettings}).
     */
    static Configuration configuration(Path config, Map<String, String> options) {
        Configuration conf = new Configuration();
        if (config != null) {
            Configuration file = GuijiSettings.load(config);
            ConfigKeys.check(file.keySet(), "configuration file " + config);
            conf.addAll(file);
        }
        ConfigKeys.check(options.keySet(), "-D");
        conf.addAll(Configuration.fromMap(options));
        ConfigKeys.checkFlinkValues(conf);
        GuijiSettings.from(conf); // fail now, with the key's name, rather than inside the job
        return conf;
    }
}
