package io.guiji.jobs.cli;

import io.guiji.jobs.config.GuijiSettings;
import io.guiji.jobs.file.FileRunJob;
import io.guiji.jobs.launch.ScratchDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code guiji run --input INPUT --output OUTPUT [--config FILE]}: a bounded run. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Bounded run on an embedded Flink mini-cluster: INPUT/ -> OUTPUT/unified, rejected, coverage.json.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Input root (registry/, catalog/, records/<dept_code>/<record_type>/).")
    Path input;

    @Option(names = "--output", required = true, description = "Output root; earlier guiji results in it are replaced.")
    Path output;

    @Option(names = "--config", description = "Configuration file (key: value lines; see the README).")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Set one configuration option, e.g. -Dguiji.coverage.target=0.9")
    Map<String, String> options = Map.of();

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration(config, options);
        FileRunJob.Result r;
        try (ScratchDirectory scratch = ScratchDirectory.create(conf)) { // nothing left in /tmp
            r = FileRunJob.run(input, output, scratch.apply(conf), w -> System.err.println("guiji: warning: " + w));
        }
        Summary.print(System.out, "guiji run: " + input + " -> " + output, r.coverage(), r.elapsed().toMillis() / 1000.0,
                r.input().registry(), r.input().catalog());
        System.out.println("  outputs         " + output.resolve("unified") + "/, " + output.resolve("rejected") + "/, "
                + output.resolve("coverage.json"));
        return 0;
    }

    static Configuration configuration(Path config, Map<String, String> options) {
        Configuration conf = config == null ? new Configuration() : GuijiSettings.load(config);
        Configuration overrides = Configuration.fromMap(options);
        conf.addAll(overrides);
        GuijiSettings.from(conf); // fail now, with the key's name, rather than inside the job
        return conf;
    }
}
