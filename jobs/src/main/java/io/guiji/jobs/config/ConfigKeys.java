package io.guiji.jobs.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The command line's check of the keys a user gives ({@code --config FILE}, {@code -Dkey=value};
 * docs/contract.md §10): a key that is neither guiji's nor Flink's is refused, with the closest
 * known key when one is near. Known keys:
 *
 * <ul>
 *   <li>every {@link GuijiOptions} key and its deprecated keys, {@code guiji.source.<name>.*} (read
 *       by the streaming job's source configuration) and {@code guiji.postgres.password} (refused
 *       later with its own message: passwords never come from the configuration);
 *   <li>every key a Flink {@code *Options} class on the class path declares ({@link FlinkKeys});
 *   <li>the key families of Flink modules guiji does not ship, in {@link #FLINK_FAMILIES}.
 * </ul>
 *
 * A value that does not parse as its option's type (guiji's or Flink's) is refused with the key and
 * the type expected. Only the command line is this strict: a job submitted to a cluster receives
 * the cluster's whole configuration, internal keys included (see {@link GuijiSettings}).
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    /**
     * Prefixes of Flink keys that no class on guiji's class path declares (plug-ins, deployments,
     * Table API).
     */
    public static final List<String> FLINK_FAMILIES =
            List.of(
                    "metrics.reporter.",
                    "fs.",
                    "s3.",
                    "s3a.",
                    "gs.",
                    "flink.hadoop.",
                    "kubernetes.",
                    "yarn.",
                    "table.",
                    "python.");

    private static final String SOURCE_PREFIX = "guiji.source.";
    private static final Set<String> REFUSED_LATER = Set.of("guiji.postgres.password");

    /**
     * Refuses the first unknown key of {@code keys}.
     *
     * @param where where the keys come from, to name in the message: {@code -D} or the
     *     configuration file's path
     * @throws IllegalArgumentException naming the key, where it came from and the closest known key
     */
    public static void check(Iterable<String> keys, String where) {
        for (String key : keys) {
            if (!known(key)) {
                throw new IllegalArgumentException(
                        where + ": " + key + " is not a guiji or Flink option: " + hint(key));
            }
        }
    }

    /** Refuses a value of a Flink option that does not parse as the option's type. */
    public static void checkFlinkValues(Configuration conf) {
        for (String key : conf.keySet()) {
            if (key.startsWith("guiji.")) {
                continue; // GuijiSettings checks its own
            }
            FlinkKeys.Declared declared = FlinkKeys.find(key);
            if (declared == null) {
                continue;
            }
            ConfigOption<?> option = declared.option();
            try {
                conf.get(option);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "configuration "
                                + key
                                + " must be "
                                + GuijiSettings.expected(declared.valueType())
                                + ", not '"
                                + conf.toMap().get(key)
                                + "'");
            }
        }
    }

    static boolean known(String key) {
        if (key.startsWith("guiji.")) {
            return guijiKeys().contains(key)
                    || REFUSED_LATER.contains(key)
                    || (key.startsWith(SOURCE_PREFIX) && key.length() > SOURCE_PREFIX.length());
        }
        return FLINK_FAMILIES.stream().anyMatch(key::startsWith) || FlinkKeys.find(key) != null;
    }

    private static String hint(String key) {
        String closest = closest(key);
        if (closest != null) {
            return "did you mean " + closest + "?";
        }
        return key.startsWith("guiji.")
                ? "see the Configuration table in the README"
                : "guiji's keys start with guiji. (see the README); Flink's are in its configuration reference";
    }

    /** The known key nearest to {@code key} in edits, if it is near enough to be a typo of it. */
    static String closest(String key) {
        int limit = Math.max(2, key.length() / 6);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        Set<String> candidates = new TreeSet<>(guijiKeys());
        if (!key.startsWith("guiji.")) {
            candidates.addAll(FlinkKeys.all().keySet());
        }
        for (String k : candidates) {
            int d = distance.apply(key, k);
            if (d >= 0 && d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static Set<String> guijiKeys() {
        Set<String> keys = new TreeSet<>();
        for (ConfigOption<?> o : GuijiOptions.all().keySet()) {
            keys.add(o.key());
            o.fallbackKeys().forEach(f -> keys.add(f.getKey()));
        }
        return keys;
    }
}
