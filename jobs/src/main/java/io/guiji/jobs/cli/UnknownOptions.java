package io.guiji.jobs.cli;

import java.util.List;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The first argument that looks like an option of a command but is none of its options, with the
 * closest option's name. picocli reports a missing required option before an unknown one ({@code
 * --outptu x} says "Missing required option: --output"), so the message would miss the typo.
 */
final class UnknownOptions {
    private static final int TYPO_DISTANCE = 3;

    private UnknownOptions() {}

    /** "unknown option --outptu: did you mean --output?", or empty when every option is known. */
    static Optional<String> describe(CommandLine command, String[] args) {
        CommandSpec spec = command.getCommandSpec();
        int start = startOf(command, args);
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--") || command.getSubcommands().containsKey(arg)) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (!command.getSubcommands().isEmpty()) {
                    return Optional.of(
                            "unknown command "
                                    + arg
                                    + closest(arg, command.getSubcommands().keySet()));
                }
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            OptionSpec option = spec.findOption(name);
            if (option == null && name.length() > 2 && !name.startsWith("--")) {
                option = spec.findOption(name.substring(0, 2)); // an attached value: -Dkey=value
            }
            if (option == null) {
                return Optional.of("unknown option " + name + suggestion(spec, name));
            }
            if (option.arity().max() > 0 && !arg.contains("=") && name.equals(arg)) {
                i++; // its value, which may start with '-'
            }
        }
        return Optional.empty();
    }

    /** Where the arguments of {@code command} begin: after its name in the arguments. */
    private static int startOf(CommandLine command, String[] args) {
        if (command.getParent() == null) {
            return 0;
        }
        List<String> names = new java.util.ArrayList<>(List.of(command.getCommandSpec().aliases()));
        names.add(command.getCommandName());
        for (int i = 0; i < args.length; i++) {
            if (names.contains(args[i])) {
                return i + 1;
            }
        }
        return args.length;
    }

    private static String suggestion(CommandSpec spec, String name) {
        List<String> names = new java.util.ArrayList<>();
        for (OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                if (n.length() > 2) {
                    names.add(n);
                }
            }
        }
        return closest(name, names);
    }

    /**
     * ": did you mean X?" for the name of {@code names} closest to {@code given}, or "" when none
     * is near.
     */
    private static String closest(String given, java.util.Collection<String> names) {
        LevenshteinDistance distance = new LevenshteinDistance(TYPO_DISTANCE);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance.apply(given, n);
            if (d >= 0 && d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best == null ? "" : ": did you mean " + best + "?";
    }
}
