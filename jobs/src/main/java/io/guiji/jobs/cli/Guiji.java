package io.guiji.jobs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/guiji}: the command line of docs/contract.md §10. Errors are one clear line on stderr and a
 * non-zero exit (2 for bad arguments, 1 for a run that failed), never a stack trace; set
 * {@code GUIJI_DEBUG=1} to see the trace.
 */
@Command(name = "guiji", mixinStandardHelpOptions = true, version = "guiji 0.1.0",
        description = "归集: collects, deduplicates and links enterprise supervision records, and measures coverage.",
        subcommands = {RunCommand.class, DemoCommand.class, StreamCommand.class})
public final class Guiji implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: run, demo or stream");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Guiji());
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("guiji: " + ex.getMessage() + " (see 'guiji " + name(ex.getCommandLine()) + "--help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("guiji: " + Errors.oneLine(ex));
            if (System.getenv("GUIJI_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    private static String name(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName() + " ";
    }
}
