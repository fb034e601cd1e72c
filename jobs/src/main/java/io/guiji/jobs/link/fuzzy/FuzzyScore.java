package io.guiji.jobs.link.fuzzy;

import java.util.List;

/**
 * How well a registry name matches a record's name.
 *
 * @param value the score, 0–1 (a refused pair keeps half its score, for review only)
 * @param refusal why this pair may never be linked automatically (a branch and its head office, a
 *     different legal form, a different division), or null
 * @param evidence the features that made the score, as {@code feature=value} strings
 */
public record FuzzyScore(double value, String refusal, List<String> evidence) {
    public boolean refused() {
        return refusal != null;
    }
}
