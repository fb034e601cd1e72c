package io.guiji.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every option of guiji, with its key, type, default and description. The README's configuration
 * table is this file. Values come from {@code --config FILE} (key: value lines) and {@code -Dkey=value}
 * arguments; credentials only from environment variables or files (see the streaming options).
 */
public final class GuijiOptions {
    private GuijiOptions() {}

    public static final ConfigOption<String> INPUT =
            key("guiji.input").stringType().noDefaultValue()
                    .withDescription("Input root of a bounded run: registry/, catalog/ and records/<dept_code>/<record_type>/.");

    public static final ConfigOption<String> OUTPUT =
            key("guiji.output").stringType().noDefaultValue()
                    .withDescription("Output root of a bounded run: unified/, rejected/, coverage.json.");

    public static final ConfigOption<Integer> PARALLELISM =
            key("guiji.parallelism").intType().defaultValue(Runtime.getRuntime().availableProcessors())
                    .withDescription("Parallelism of the job (default: the machine's cores).");

    public static final ConfigOption<String> ZONE =
            key("guiji.time-zone").stringType().defaultValue("Asia/Shanghai")
                    .withDescription("Time zone of 'today' (future decision dates) and of the coverage period.");

    public static final ConfigOption<String> PROCESSING_DATE =
            key("guiji.processing-date").stringType().noDefaultValue()
                    .withDescription("The day of processing (yyyy-MM-dd); decision dates after it are rejected. Default: today in guiji.time-zone.");

    public static final ConfigOption<Double> COVERAGE_TARGET =
            key("guiji.coverage.target").doubleType().defaultValue(0.95)
                    .withDescription("Department coverage target; status MET when reached.");

    public static final ConfigOption<Duration> COVERAGE_INTERVAL =
            key("guiji.coverage.min-interval").durationType().defaultValue(Duration.ofSeconds(10))
                    .withDescription("Streaming: at most one coverage snapshot per interval (only when it changed).");

    public static final ConfigOption<Integer> LOOKUP_MAX_MATCHES =
            key("guiji.link.max-matches").intType().defaultValue(16)
                    .withDescription("At most this many registry entries are sent back for one lookup key (an ambiguous name needs only a few for review).");

    public static final ConfigOption<Boolean> FUZZY_ENABLED =
            key("guiji.link.fuzzy.enabled").booleanType().defaultValue(true)
                    .withDescription("Tier 6 (FUZZY): link by approximate name when tiers 1-5 fail. When false, near matches are only listed as candidates.");

    public static final ConfigOption<Double> FUZZY_MIN_SCORE =
            key("guiji.link.fuzzy.min-score").doubleType().defaultValue(0.88)
                    .withDescription("FUZZY links only when the best candidate scores at least this (0-1).");

    public static final ConfigOption<Double> FUZZY_MIN_MARGIN =
            key("guiji.link.fuzzy.min-margin").doubleType().defaultValue(0.05)
                    .withDescription("FUZZY links only when the best candidate's score leads the runner-up's by at least this.");

    public static final ConfigOption<Double> FUZZY_MIN_CANDIDATE_SCORE =
            key("guiji.link.fuzzy.min-candidate-score").doubleType().defaultValue(0.5)
                    .withDescription("Unlinked records list up to 3 candidates scoring at least this, for review.");
}
