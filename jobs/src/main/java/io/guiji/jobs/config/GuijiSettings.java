package io.guiji.jobs.config;

import io.guiji.connectors.file.ReadLimits;
import io.guiji.jobs.coverage.CoveragePeriod;
import io.guiji.jobs.coverage.TimelinessRule;
import io.guiji.jobs.coverage.WorkingCalendar;
import io.guiji.jobs.enterprise.HealthModel;
import io.guiji.jobs.enterprise.LeadRules;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The typed view of {@link GuijiOptions} that operators receive (serializable, immutable). Built
 * once in {@code main}; invalid values fail here with a message naming the key to fix.
 */
public final class GuijiSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LocalDate processingDate;
    private final boolean processingDateFixed;
    private final String zone;
    private final double coverageTarget;
    private final long coverageIntervalMillis;
    private final int lookupMaxMatches;
    private final FuzzyPolicy fuzzyPolicy;
    private final int parallelism;
    private final ReadLimits readLimits;
    private final LocalDate enterpriseReferenceDate;
    private final HealthModel healthModel;
    private final LeadRules leadRules;
    private final CoveragePeriod coveragePeriod;
    private final TimelinessRule timeliness;

    private GuijiSettings(Configuration conf) {
        checkKeys(conf);
        checkTypes(conf);
        this.zone = conf.get(GuijiOptions.ZONE);
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new ConfigException(GuijiOptions.ZONE, "is not a time zone: " + zone);
        }
        String date = conf.get(GuijiOptions.PROCESSING_DATE);
        try {
            this.processingDate =
                    date == null ? LocalDate.now(ZoneId.of(zone)) : LocalDate.parse(date.trim());
            this.processingDateFixed = date != null;
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    GuijiOptions.PROCESSING_DATE, "must be yyyy-MM-dd, not " + date);
        }
        this.coverageTarget = conf.get(GuijiOptions.COVERAGE_TARGET);
        if (!(coverageTarget > 0 && coverageTarget <= 1)) {
            throw new ConfigException(
                    GuijiOptions.COVERAGE_TARGET, "must be in (0, 1], not " + coverageTarget);
        }
        this.coverageIntervalMillis = conf.get(GuijiOptions.COVERAGE_INTERVAL).toMillis();
        this.lookupMaxMatches = conf.get(GuijiOptions.LOOKUP_MAX_MATCHES);
        if (lookupMaxMatches < 3) {
            throw new ConfigException(GuijiOptions.LOOKUP_MAX_MATCHES, "must be at least 3");
        }
        this.fuzzyPolicy = fuzzyPolicy(conf);
        this.parallelism = conf.get(GuijiOptions.PARALLELISM);
        if (parallelism < 1) {
            throw new ConfigException(GuijiOptions.PARALLELISM, "must be at least 1");
        }
        this.readLimits = readLimits(conf);
        String ref = conf.get(GuijiOptions.ENTERPRISE_REFERENCE_DATE);
        try {
            this.enterpriseReferenceDate =
                    ref == null ? fixedProcessingDate() : LocalDate.parse(ref.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    GuijiOptions.ENTERPRISE_REFERENCE_DATE, "must be yyyy-MM-dd, not " + ref);
        }
        this.healthModel = healthModel(conf);
        LeadRules rules = leadRules(conf);
        this.leadRules =
                conf.get(GuijiOptions.ENTERPRISE_UNREGISTERED_LEADS)
                        ? rules
                        : rules.withoutUnregistered();
        String period = conf.get(GuijiOptions.COVERAGE_PERIOD);
        try {
            this.coveragePeriod = period == null ? null : CoveragePeriod.parse(period);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(GuijiOptions.COVERAGE_PERIOD, e.getMessage());
        }
        this.timeliness = timeliness(conf);
    }

    private static HealthModel healthModel(Configuration conf) {
        String file = conf.get(GuijiOptions.ENTERPRISE_HEALTH_MODEL);
        try {
            return file == null ? HealthModel.builtIn() : HealthModel.fromFile(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    GuijiOptions.ENTERPRISE_HEALTH_MODEL, "is unusable: " + e.getMessage());
        }
    }

    private static LeadRules leadRules(Configuration conf) {
        String file = conf.get(GuijiOptions.ENTERPRISE_LEAD_RULES);
        try {
            return file == null ? LeadRules.builtIn() : LeadRules.fromFile(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    GuijiOptions.ENTERPRISE_LEAD_RULES, "is unusable: " + e.getMessage());
        }
    }

    /**
     * The reference date of enterprise profiles and leads: configured, else the fixed processing
     * date, else null (today, when each is computed).
     */
    public LocalDate enterpriseReferenceDate() {
        return enterpriseReferenceDate;
    }

    /** The health index model (built in, or the configured file). */
    public HealthModel healthModel() {
        return healthModel;
    }

    /** The unlicensed-operation lead rules (built in, or the configured file). */
    public LeadRules leadRules() {
        return leadRules;
    }

    private static TimelinessRule timeliness(Configuration conf) {
        int deadline = conf.get(GuijiOptions.TIMELINESS_DEADLINE);
        if (deadline < 0) {
            throw new ConfigException(
                    GuijiOptions.TIMELINESS_DEADLINE, "must be at least 0, not " + deadline);
        }
        String file = conf.get(GuijiOptions.TIMELINESS_CALENDAR);
        WorkingCalendar calendar;
        try {
            calendar =
                    file == null || file.isBlank()
                            ? WorkingCalendar.bundled()
                            : WorkingCalendar.read(Path.of(file.strip()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(GuijiOptions.TIMELINESS_CALENDAR, e.getMessage());
        }
        return new TimelinessRule(deadline, calendar);
    }

    /**
     * The configured coverage period; null when unset (a bounded run then covers all input, a
     * streaming job the year of its processing date).
     */
    public CoveragePeriod coveragePeriod() {
        return coveragePeriod;
    }

    /** The coverage period, or {@code fallback} when none is configured. */
    public CoveragePeriod coveragePeriod(CoveragePeriod fallback) {
        return coveragePeriod != null ? coveragePeriod : fallback;
    }

    /** The timeliness rule: deadline and working-day calendar (docs/contract.md §8). */
    public TimelinessRule timeliness() {
        return timeliness;
    }

    private static ReadLimits readLimits(Configuration conf) {
        int field = conf.get(GuijiOptions.INPUT_MAX_FIELD_CHARS);
        if (field < 1) {
            throw new ConfigException(
                    GuijiOptions.INPUT_MAX_FIELD_CHARS, "must be at least 1, not " + field);
        }
        int record = conf.get(GuijiOptions.INPUT_MAX_RECORD_CHARS);
        if (record < field) {
            throw new ConfigException(
                    GuijiOptions.INPUT_MAX_RECORD_CHARS,
                    "must be at least "
                            + GuijiOptions.INPUT_MAX_FIELD_CHARS.key()
                            + " ("
                            + field
                            + "), not "
                            + record);
        }
        int depth = conf.get(GuijiOptions.INPUT_MAX_JSON_DEPTH);
        if (depth < 1) {
            throw new ConfigException(
                    GuijiOptions.INPUT_MAX_JSON_DEPTH, "must be at least 1, not " + depth);
        }
        return new ReadLimits(field, record, depth);
    }

    /** How large and deep one input record may be; larger ones are rejected MALFORMED. */
    public ReadLimits readLimits() {
        return readLimits;
    }

    /** Keys read by {@code io.guiji.jobs.ingest.SourceSpec}: guiji.source.<name>.<property>. */
    private static final String SOURCE_PREFIX = "guiji.source.";

    /** A guiji.* key this close to a known one (edits) is taken for a typo of it. */
    private static final int TYPO_DISTANCE = 2;

    /**
     * Rejects an obvious misspelling of a guiji.* key ({@code guiji.paralelism}), which would
     * otherwise be ignored while the default applies. Other unknown keys pass: Flink's own keys are
     * set the same way.
     */
    private static void checkKeys(Configuration conf) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        GuijiOptions.all().keySet().forEach(o -> known.add(o.key()));
        org.apache.commons.text.similarity.LevenshteinDistance distance =
                new org.apache.commons.text.similarity.LevenshteinDistance(TYPO_DISTANCE);
        for (String key : conf.keySet()) {
            if (!key.startsWith("guiji.") || known.contains(key) || key.startsWith(SOURCE_PREFIX)) {
                continue;
            }
            String closest = null;
            int best = Integer.MAX_VALUE;
            for (String k : known) {
                int d = distance.apply(key, k);
                if (d >= 0 && d < best) {
                    best = d;
                    closest = k;
                }
            }
            if (closest != null) {
                throw new IllegalArgumentException(
                        "configuration "
                                + key
                                + " is not an option: did you mean "
                                + closest
                                + "?");
            }
        }
    }

    /**
     * Every option given must parse as its type; Flink's own message names only the number's text.
     */
    private static void checkTypes(Configuration conf) {
        for (Map.Entry<ConfigOption<?>, Class<?>> e : GuijiOptions.all().entrySet()) {
            ConfigOption<?> option = e.getKey();
            if (!conf.contains(option)) {
                continue;
            }
            try {
                conf.get(option);
            } catch (IllegalArgumentException ex) {
                Object raw = conf.toMap().get(option.key());
                throw new ConfigException(
                        option, "must be " + expected(e.getValue()) + ", not '" + raw + "'");
            }
        }
    }

    /** What a value of {@code type} looks like, for a message. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(java.util.stream.Collectors.joining(", "));
        }
        if (type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == java.time.Duration.class) {
            return "a duration such as 30 s, 500 ms or 5 min";
        }
        if (type == org.apache.flink.configuration.MemorySize.class) {
            return "a size such as 512m or 2g";
        }
        return "a " + type.getSimpleName();
    }

    public static GuijiSettings from(Configuration conf) {
        return new GuijiSettings(conf);
    }

    /** Defaults with a fixed processing date: for tests. */
    public static GuijiSettings defaults(LocalDate processingDate) {
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, processingDate.toString());
        return from(conf);
    }

    /** Reads {@code key: value} or {@code key=value} lines into a Configuration. */
    public static Configuration load(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            String reason =
                    e instanceof java.nio.file.NoSuchFileException
                            ? "no such file"
                            : e instanceof java.nio.file.AccessDeniedException
                                    ? "permission denied"
                                    : e instanceof java.nio.charset.CharacterCodingException
                                            ? "not UTF-8 text"
                                            : e.getMessage();
            throw new IllegalArgumentException(
                    "cannot read configuration file " + file + ": " + reason + "; check --config");
        } catch (IllegalArgumentException e) { // a malformed backslash-u escape
            throw new IllegalArgumentException(
                    "configuration file "
                            + file
                            + ": "
                            + e.getMessage()
                            + " (key: value lines, UTF-8)");
        }
        Map<String, String> map = new java.util.HashMap<>();
        for (Map.Entry<Object, Object> e : props.entrySet()) {
            map.put(e.getKey().toString().trim(), e.getValue().toString().trim());
        }
        return Configuration.fromMap(map);
    }

    /** The day of processing when the job starts (configured, or today). */
    public LocalDate processingDate() {
        return processingDate;
    }

    /** The configured day of processing, or null when "today" follows the clock. */
    public LocalDate fixedProcessingDate() {
        return processingDateFixed ? processingDate : null;
    }

    public String zone() {
        return zone;
    }

    public double coverageTarget() {
        return coverageTarget;
    }

    public long coverageIntervalMillis() {
        return coverageIntervalMillis;
    }

    public int lookupMaxMatches() {
        return lookupMaxMatches;
    }

    public FuzzyPolicy fuzzyPolicy() {
        return fuzzyPolicy;
    }

    private static FuzzyPolicy fuzzyPolicy(Configuration conf) {
        double score = conf.get(GuijiOptions.FUZZY_MIN_SCORE);
        if (!(score > 0 && score <= 1)) {
            throw new ConfigException(
                    GuijiOptions.FUZZY_MIN_SCORE, "must be in (0, 1], not " + score);
        }
        double margin = conf.get(GuijiOptions.FUZZY_MIN_MARGIN);
        if (!(margin >= 0 && margin < 1)) {
            throw new ConfigException(
                    GuijiOptions.FUZZY_MIN_MARGIN, "must be in [0, 1), not " + margin);
        }
        double candidate = conf.get(GuijiOptions.FUZZY_MIN_CANDIDATE_SCORE);
        if (!(candidate >= 0 && candidate <= 1)) {
            throw new ConfigException(
                    GuijiOptions.FUZZY_MIN_CANDIDATE_SCORE, "must be in [0, 1], not " + candidate);
        }
        return new FuzzyPolicy(conf.get(GuijiOptions.FUZZY_ENABLED), score, margin, candidate)
                .withTradeNameTypos(conf.get(GuijiOptions.FUZZY_TRADE_NAME_TYPOS));
    }

    public int parallelism() {
        return parallelism;
    }

    /** An option with a value that cannot work; the message names the key. */
    public static final class ConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public ConfigException(ConfigOption<?> option, String problem) {
            super("configuration " + option.key() + " " + problem);
        }
    }
}
