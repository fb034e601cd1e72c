package io.guiji.jobs.cli;

import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.file.FileRunJob;
import io.guiji.jobs.launch.ScratchDirectory;
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
        FileRunJob.Result r;
        try (Progress progress = Progress.start(input, global.quiet);
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
                "guiji demo: sample in " + input + ", results in " + output,
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
        EnterpriseSummary.print(System.out, output, 3);
        System.out.println(
                "  look at         "
                        + String.join(", ", io.guiji.jobs.file.OutputFiles.created(output)));
        Summary.printCoveragePage(System.out, output);
        return 0;
    }
}
