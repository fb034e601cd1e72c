package io.guiji.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.json.ReviewLog;
import io.guiji.jobs.config.PostgresLogin;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.file.FileRunJob;
import io.guiji.jobs.review.ReviewQueue;
import io.guiji.jobs.review.ReviewStream;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code guiji review}: settles uncertain links (the {@code MANUAL} tier, docs/contract.md §6).
 * Bounded runs: the work list comes from a run's output; decisions go to the input's review log
 * ({@link FileRunJob#reviewLog}), appended and never rewritten, and the next run applies them.
 * Streaming ({@code --config FILE}, the streaming job's configuration): decisions go to the
 * decisions topic, which the running job applies at once; the work list and the history come from
 * its PostgreSQL tables ({@link ReviewStream}).
 */
@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        versionProvider = GuijiVersion.class,
        description =
                "Settle uncertain links: list them, accept or reject a candidate, decide no link, withdraw a decision.",
        subcommands = {
            ReviewCommand.ListCommand.class,
            ReviewCommand.Accept.class,
            ReviewCommand.Reject.class,
            ReviewCommand.NoLink.class,
            ReviewCommand.Withdraw.class,
            ReviewCommand.History.class
        })
final class ReviewCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "choose what to do: list, accept, reject, no-link, withdraw or history");
    }

    /**
     * Where decisions are: a bounded run's input ({@code --input}, or for {@code list} its {@code
     * --output}) or the streaming job ({@code --config FILE}, as for {@code guiji stream}, and
     * {@code -D}).
     */
    static final class Streaming {
        @Option(
                names = "--config",
                paramLabel = "FILE",
                description =
                        "Streaming: the streaming job's configuration (as for guiji stream): decisions go to its"
                                + " decisions topic (guiji.kafka.topic.review-decisions), the work list and the history"
                                + " come from its PostgreSQL tables.")
        Path config;

        @Option(names = "-D", paramLabel = "KEY=VALUE", description = RunCommand.D_HELP)
        Map<String, String> options = Map.of();

        /**
         * Whether the command works on the streaming job; fails unless exactly one of {@code
         * --config} and the bounded option ({@code boundedOption}, {@code bounded} its value) is
         * given.
         */
        boolean chosen(Object bounded, String boundedOption) {
            if (config == null && !options.isEmpty()) {
                throw new IllegalArgumentException(
                        "-D needs --config FILE (the streaming job's configuration)");
            }
            if (config != null && bounded != null) {
                throw new IllegalArgumentException(
                        "give "
                                + boundedOption
                                + " (a bounded run) or --config (the streaming job), not both");
            }
            if (config == null && bounded == null) {
                throw new IllegalArgumentException(
                        "give "
                                + boundedOption
                                + " (a bounded run) or --config FILE (the streaming job)");
            }
            return config != null;
        }

        Configuration configuration() {
            if (!Files.isReadable(config)) {
                throw new IllegalArgumentException(
                        "configuration file " + config + " is not readable");
            }
            return RunCommand.configuration(config, options);
        }

        StreamConfig stream() {
            return StreamConfig.from(configuration());
        }

        PostgresLogin postgres() {
            return PostgresLogin.from(configuration());
        }
    }

    /** The records a run left unlinked with candidates, ranked. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The uncertain links of a run, those that settle most records first.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = "--output", description = "A bounded run's output.")
        Path output;

        @Mixin Streaming streaming;

        @Option(
                names = "--input",
                description = "The run's input: subjects already decided there are left out.")
        Path input;

        @Option(names = "--top", defaultValue = "20", description = "How many (default 20).")
        int top;

        @Mixin GlobalOptions global;

        @Override
        public Integer call() {
            List<ReviewQueue.Item> items;
            boolean stream = streaming.chosen(output, "--output");
            if (stream) {
                if (input != null) {
                    throw new IllegalArgumentException(
                            "--input is for a bounded run; with --config the decisions come from PostgreSQL");
                }
                items = ReviewStream.pending(streaming.postgres());
            } else {
                items =
                        ReviewQueue.pending(
                                ReviewQueue.rank(uncertain(output)),
                                input == null ? List.of() : readLog(FileRunJob.reviewLog(input)));
            }
            PrintStream out = System.out;
            int shown = 0;
            int left = 0;
            for (ReviewQueue.Item i : items) {
                left++;
                if (shown == top) {
                    continue;
                }
                shown++;
                out.printf(
                        "%d. %s %s — %d record%s%n",
                        shown,
                        i.scope() == ReviewScope.NAME ? "--name" : "--record",
                        i.subject(),
                        i.recordIds().size(),
                        i.recordIds().size() == 1 ? "" : "s");
                for (ReviewQueue.Candidate c : i.candidates()) {
                    out.printf(
                            "     candidate %s %s (score %.3f)%n",
                            c.enterpriseId(), c.name(), c.score());
                }
                if (i.scope() == ReviewScope.NAME) {
                    out.println(
                            "     records "
                                    + String.join(
                                            ", ",
                                            i.recordIds()
                                                    .subList(0, Math.min(3, i.recordIds().size())))
                                    + (i.recordIds().size() > 3 ? ", …" : ""));
                }
            }
            out.printf(
                    "%d uncertain link%s to settle%s%n",
                    left,
                    left == 1 ? "" : "s",
                    left > shown ? " (" + shown + " shown; --top N for more)" : "");
            if (left > 0) {
                out.println(
                        "settle one: guiji review accept "
                                + (stream ? "--config FILE" : "--input INPUT")
                                + " --name NAME --enterprise ID --reason TEXT");
            }
            return 0;
        }
    }

    /** Whom a decision is about: one record, or a subject name. */
    static final class Subject {
        @Option(names = "--record", required = true, description = "One record, by record_id.")
        String recordId;

        @Option(
                names = "--name",
                required = true,
                description = "Every record with this subject name and no valid enterprise code.")
        String name;

        ReviewScope scope() {
            return recordId != null ? ReviewScope.RECORD : ReviewScope.NAME;
        }

        String value() {
            return recordId != null ? recordId : name;
        }
    }

    /** What every new decision needs. */
    abstract static class Deciding implements Callable<Integer> {
        @Option(
                names = "--input",
                description =
                        "The input folder whose review log takes the decision (bounded runs).")
        Path input;

        @Mixin Streaming streaming;

        @Option(names = "--reason", required = true, description = "Why (kept in the audit trail).")
        String reason;

        @Option(names = "--by", description = "Who decides (default: the operating-system user).")
        String by;

        @Mixin GlobalOptions global;

        ReviewDecision.Builder decision(ReviewAction action) {
            if (reason.isBlank()) {
                throw new IllegalArgumentException(
                        "--reason is empty: say why, for the audit trail");
            }
            return ReviewQueue.decision(
                    action, by != null ? by : System.getProperty("user.name", "unknown"), reason);
        }

        /** Whether the decision goes to the streaming job (checks the options). */
        boolean toStream() {
            return streaming.chosen(input, "--input");
        }

        int record(ReviewDecision d) {
            if (toStream()) {
                ReviewStream.Sent sent = ReviewStream.send(streaming.stream(), d);
                System.out.println(
                        "guiji review: "
                                + d.getAction()
                                + " recorded as "
                                + d.getDecisionId()
                                + " on "
                                + sent.topic()
                                + " (partition "
                                + sent.partition()
                                + ", offset "
                                + sent.offset()
                                + "); the streaming job applies it now and re-publishes the records it changes");
                return 0;
            }
            Path log = FileRunJob.reviewLog(input);
            ReviewLog.append(log, d);
            System.out.println(
                    "guiji review: "
                            + d.getAction()
                            + " recorded as "
                            + d.getDecisionId()
                            + " in "
                            + log
                            + "; the next run applies it");
            return 0;
        }
    }

    /** A decision about the subject: accept or reject an enterprise for it, or link it to none. */
    abstract static class OnSubject extends Deciding {
        @ArgGroup(multiplicity = "1")
        Subject subject;

        /**
         * The action, asked for only when the command runs: picocli makes a command's subcommands
         * when it builds the command line (every command's, for help or a misspelt command), and
         * the Avro enum's class loads Avro's schema parser, Jackson and the logging (0.3 s).
         */
        abstract ReviewAction action();

        /** The enterprise_id the decision names, or null. */
        String enterprise() {
            return null;
        }

        @Override
        public Integer call() {
            ReviewDecision.Builder d =
                    decision(action()).setScope(subject.scope()).setSubject(subject.value());
            if (enterprise() != null) {
                d.setEnterpriseId(enterprise().strip());
            }
            return record(d.build());
        }
    }

    /** A decision about one enterprise for the subject: accept it, or reject it. */
    abstract static class OnEnterprise extends OnSubject {
        @Option(names = "--enterprise", required = true, description = "The enterprise_id.")
        String enterprise;

        @Override
        String enterprise() {
            return enterprise;
        }
    }

    @Command(
            name = "accept",
            mixinStandardHelpOptions = true,
            description = "Link the subject's records to an enterprise.")
    static final class Accept extends OnEnterprise {
        @Override
        ReviewAction action() {
            return ReviewAction.ACCEPT;
        }
    }

    @Command(
            name = "reject",
            mixinStandardHelpOptions = true,
            description = "Never link the subject's records to this enterprise.")
    static final class Reject extends OnEnterprise {
        @Override
        ReviewAction action() {
            return ReviewAction.REJECT;
        }
    }

    @Command(
            name = "no-link",
            mixinStandardHelpOptions = true,
            description = "Link the subject's records to no enterprise.")
    static final class NoLink extends OnSubject {
        @Override
        ReviewAction action() {
            return ReviewAction.NO_LINK;
        }
    }

    @Command(
            name = "withdraw",
            mixinStandardHelpOptions = true,
            description = "Take back a decision (itself a recorded decision).")
    static final class Withdraw extends Deciding {
        @Option(names = "--decision", required = true, description = "The decision_id.")
        String decisionId;

        @Override
        public Integer call() {
            boolean stream = toStream();
            String log = stream ? "review_decisions" : FileRunJob.reviewLog(input).toString();
            List<ReviewDecision> all =
                    stream
                            ? ReviewStream.history(streaming.postgres())
                            : readLog(FileRunJob.reviewLog(input));
            ReviewDecision target = null;
            Set<String> withdrawn = new HashSet<>();
            for (ReviewDecision d : all) {
                if (d.getDecisionId().equals(decisionId)) {
                    target = d;
                }
                if (d.getAction() == ReviewAction.WITHDRAW) {
                    withdrawn.add(d.getWithdraws());
                }
            }
            if (target == null || target.getAction() == ReviewAction.WITHDRAW) {
                throw new IllegalArgumentException(
                        "no decision "
                                + decisionId
                                + " in "
                                + log
                                + (stream
                                        ? " (see 'guiji review history --config FILE'; a decision just made"
                                                + " is there once the job has checkpointed)"
                                        : " (see 'guiji review history --input " + input + "')"));
            }
            if (withdrawn.contains(decisionId)) {
                throw new IllegalArgumentException(
                        "decision " + decisionId + " is already withdrawn");
            }
            return record(
                    decision(ReviewAction.WITHDRAW)
                            .setScope(target.getScope())
                            .setSubject(target.getSubject())
                            .setWithdraws(decisionId)
                            .build());
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Every decision of the input's review log, oldest first.")
    static final class History implements Callable<Integer> {
        @Option(names = "--input", description = "The input folder (bounded runs).")
        Path input;

        @Mixin Streaming streaming;

        @Mixin GlobalOptions global;

        @Override
        public Integer call() {
            boolean stream = streaming.chosen(input, "--input");
            String log = stream ? "review_decisions" : FileRunJob.reviewLog(input).toString();
            List<ReviewDecision> all =
                    stream
                            ? ReviewStream.history(streaming.postgres())
                            : readLog(FileRunJob.reviewLog(input));
            for (ReviewDecision d : all) {
                System.out.printf(
                        "%s %s %s %s %s%s by %s: %s%n",
                        d.getDecidedAt(),
                        d.getDecisionId(),
                        d.getAction(),
                        d.getScope(),
                        d.getSubject(),
                        d.getEnterpriseId() != null
                                ? " → " + d.getEnterpriseId()
                                : d.getWithdraws() != null
                                        ? " (withdraws " + d.getWithdraws() + ")"
                                        : "",
                        d.getDecidedBy(),
                        d.getReason());
            }
            System.out.println(
                    all.size() + " decision" + (all.size() == 1 ? "" : "s") + " in " + log);
            return 0;
        }
    }

    static List<ReviewDecision> readLog(Path log) {
        try {
            return ReviewLog.read(log);
        } catch (ReviewLog.BadLine e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " (the review log: fix or remove that line)");
        }
    }

    /** The latest version of each unified record that is unlinked and has candidates. */
    static List<ReviewQueue.Uncertain> uncertain(Path output) {
        Path dir = output.resolve("unified");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    output + " has no unified/ folder: give the output of a 'guiji run'");
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> latest = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode o = json.readTree(line);
                        String id = o.path("record_id").asText();
                        JsonNode prior = latest.get(id);
                        if (prior == null
                                || prior.path("version").asLong() < o.path("version").asLong()) {
                            latest.put(id, o);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        List<ReviewQueue.Uncertain> out = new ArrayList<>();
        for (JsonNode o : latest.values()) {
            ReviewQueue.Uncertain u = ReviewQueue.uncertainOf(o);
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }
}
