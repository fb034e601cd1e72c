package io.guiji.jobs.link.fuzzy;

import java.io.Serializable;

/**
 * When the fuzzy tier links on its own: the best candidate's score reaches {@code minScore} and
 * leads the runner-up (the best other enterprise not refused) by at least {@code minMargin}.
 * Candidates below {@code minCandidateScore} are not listed for review.
 *
 * <p>A one-character typo (a character replaced, not a homophone) scores {@link
 * FuzzyScorer#OTHER_EDIT}, under the default {@code minScore}. In an industry or legal-form word
 * (钢千 for 钢铁, a closed vocabulary: the word as written is no word) it links all the same when it is
 * the record's only such reading ({@link FuzzyMatcher#typoOnly}, "the typo rule": the rest of the
 * name identical, no other candidate within the margin, no blocking key over-full). In a trade name
 * (an open vocabulary: 华达 for 华盛 may as well be another enterprise that the registry lacks) it does
 * so when another field confirms it: the registered legal representative, an invalid code one
 * character from the enterprise's ({@link FuzzyMatcher}; a look-alike is another enterprise with
 * another representative and code). {@link TradeNameTypos} says when it links on the name alone: by
 * default never, since on the synthetic corpus that links 714 of 1,000 unregistered look-alikes
 * (BENCHMARKS.md, "Names of all China").
 */
public record FuzzyPolicy(
        boolean enabled,
        double minScore,
        double minMargin,
        double minCandidateScore,
        TradeNameTypos tradeNameTypos)
        implements Serializable {
    /**
     * When a one-character trade-name typo links on the name alone, without a field that confirms
     * it (guiji.link.fuzzy.trade-name-typos).
     */
    public enum TradeNameTypos {
        /** Never: only with the legal representative or a near code. */
        CONFIRMED,
        /**
         * When the record writes a place and the candidate is registered there (evidence {@code
         * region=same}, or a typo in that place): an enterprise whose name carries a place is
         * registered there, so where the registry holds that place's enterprises, a look-alike
         * would be in it too and the name as written would have linked exactly.
         */
        PLACED,
        /** Always, as the typo rule links an industry-word typo. */
        ALL
    }

    public static final TradeNameTypos DEFAULT_TRADE_NAME_TYPOS = TradeNameTypos.CONFIRMED;
    public static final FuzzyPolicy DEFAULT =
            new FuzzyPolicy(true, 0.88, 0.05, 0.5, DEFAULT_TRADE_NAME_TYPOS);

    public FuzzyPolicy {
        if (!(minScore > 0 && minScore <= 1)) {
            throw new IllegalArgumentException("min score must be in (0, 1], not " + minScore);
        }
        if (!(minMargin >= 0 && minMargin < 1)) {
            throw new IllegalArgumentException("min margin must be in [0, 1), not " + minMargin);
        }
    }

    /** A policy with the default {@code tradeNameTypos}. */
    public FuzzyPolicy(
            boolean enabled, double minScore, double minMargin, double minCandidateScore) {
        this(enabled, minScore, minMargin, minCandidateScore, DEFAULT_TRADE_NAME_TYPOS);
    }

    /** This policy with {@code tradeNameTypos} set. */
    public FuzzyPolicy withTradeNameTypos(TradeNameTypos typos) {
        return new FuzzyPolicy(enabled, minScore, minMargin, minCandidateScore, typos);
    }
}
