package io.guiji.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Options every command takes, before or after the command's name ({@code guiji --verbose run …} or
 * {@code guiji run --verbose …}): a mixin of each command. {@link #merged} gathers what was given
 * at any level.
 */
final class GlobalOptions {
    /** The environment variable that has the effect of {@code --verbose} (its older spelling). */
    static final String DEBUG_ENV = "GUIJI_DEBUG";

    @Option(
            names = "--verbose",
            description =
                    "On an error, print its stack trace after the one-line message"
                            + " (the same as setting GUIJI_DEBUG=1).")
    boolean verbose;

    @Option(
            names = "--quiet",
            description = "No progress display during a run (the summary is still printed).")
    boolean quiet;

    @Option(
            names = "--log-file",
            paramLabel = "PATH",
            description =
                    "Write Flink's and guiji's logs (INFO and above) to"
                            + " this file, appending; the console still shows only errors.")
    Path logFile;

    /**
     * The options given at any level of the parsed command line; {@code GUIJI_DEBUG} counts as
     * {@code --verbose}.
     */
    static GlobalOptions merged(ParseResult parsed) {
        GlobalOptions merged = new GlobalOptions();
        merged.verbose = System.getenv(DEBUG_ENV) != null;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            merged.verbose |= p.hasMatchedOption("--verbose");
            merged.quiet |= p.hasMatchedOption("--quiet");
            if (p.hasMatchedOption("--log-file")) {
                merged.logFile = p.matchedOptionValue("--log-file", null);
            }
        }
        return merged;
    }
}
