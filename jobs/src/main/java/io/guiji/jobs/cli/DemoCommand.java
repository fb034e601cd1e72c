package io.guiji.jobs.cli;

import io.guiji.jobs.config.GuijiOptions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code guiji demo}: generates a realistic 朝阳市 sample, runs it, prints the summary. The sample
 * comes from the generator module through {@link DemoSample}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = GuijiVersion.class,
        description =
                "Generate a realistic sample input (朝阳市 departments, noisy names and codes), run it, print the summary.")
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            defaultValue = "demo-output",
            description = "Where to write input/ and output/ (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--seed",
            defaultValue = "2021",
            description = "Random seed of the sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin GlobalOptions global;

    @Override
    public Integer call() throws Exception {
        Path input = dir.resolve("input");
        Path output = dir.resolve("output");
        Configuration conf = RunCommand.configuration(null, Map.of());
        // the sample's "today" is the run's: no decision date after it
        LocalDate today = LocalDate.now(java.time.ZoneId.of(conf.get(GuijiOptions.ZONE)));
        DemoSample.load().write(input, seed, today);
        RunCommand.runAndReport(
                input,
                output,
                conf,
                global.quiet,
                "guiji demo: sample in " + input + ", results in " + output,
                3,
                "look at");
        return 0;
    }
}
