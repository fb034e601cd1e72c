package io.guiji.jobs.link.fuzzy;

import java.io.Serializable;

/**
 * When the fuzzy tier links on its own: the best candidate's score reaches {@code minScore} and
 * leads the runner-up (the best other enterprise not refused) by at least {@code minMargin}.
 * Candidates below {@code minCandidateScore} are not listed for review.
 */
public record FuzzyPolicy(
        boolean enabled, double minScore, double minMargin, double minCandidateScore)
        implements Serializable {
    public static final FuzzyPolicy DEFAULT = new FuzzyPolicy(true, 0.88, 0.05, 0.5);

    public FuzzyPolicy {
        if (!(minScore > 0 && minScore <= 1)) {
            throw new IllegalArgumentException("min score must be in (0, 1], not " + minScore);
        }
        if (!(minMargin >= 0 && minMargin < 1)) {
            throw new IllegalArgumentException("min margin must be in [0, 1), not " + minMargin);
        }
    }
}
