package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.HostileText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated cases for the fuzzy tier ({@link FuzzyKeys}, {@link FuzzyScorer}, {@link
 * FuzzyMatcher}): any names give keys, scores in [0, 1] and one decision without failing; a name
 * matches itself fully; the decision does not depend on the order of the candidates.
 */
class FuzzyPropertiesTest {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(HostileText.names(), HostileText.strings());
    }

    @Provide
    Arbitrary<String> divisions() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().numeric().ofLength(6),
                        Arbitraries.of("211300", "211322", "", "x"))
                .injectNull(0.3);
    }

    @Property
    void keysAreFuzzyKeysAndANameMeetsItself(@ForAll("names") String name) {
        NameParts p = NameParts.parse(name);
        Set<String> keys = FuzzyKeys.of(p);
        assertThat(keys).allMatch(FuzzyKeys::isFuzzy);
        if (p != null && p.matchable()) {
            assertThat(keys).contains(FuzzyKeys.CORE + p.core());
            assertThat(FuzzyKeys.of(NameParts.parse(name))).isEqualTo(keys);
        } else {
            assertThat(keys).isEmpty();
        }
    }

    @Property
    void aScoreIsBetweenZeroAndOneAndANameScoresFullyAgainstItself(
            @ForAll("names") String a,
            @ForAll("names") String b,
            @ForAll("divisions") String division,
            @ForAll boolean former) {
        NameParts pa = NameParts.parse(a);
        NameParts pb = NameParts.parse(b);
        if (pa == null || pb == null) {
            return;
        }
        FuzzyScore s = FuzzyScorer.score(pa, pb, division, former);
        assertThat(s.value()).isBetween(0.0, 1.0);
        assertThat(s.evidence()).isNotEmpty();
        if (s.refused()) {
            assertThat(s.value()).isLessThanOrEqualTo(0.5);
        }
        FuzzyScore self = FuzzyScorer.score(pa, pa, null, false);
        assertThat(self.refused()).isFalse();
        assertThat(self.value()).isEqualTo(1.0);
    }

    @Property
    void aDecisionIsMadeForAnyCandidatesAndDoesNotDependOnTheirOrder(
            @ForAll("names") String record,
            @ForAll("candidates") List<FuzzyMatcher.Candidate> candidates,
            @ForAll boolean complete) {
        FuzzyMatcher.Outcome o =
                FuzzyMatcher.decide(record, candidates, complete, FuzzyPolicy.DEFAULT);
        List<FuzzyMatcher.Candidate> reversed = new ArrayList<>(candidates);
        java.util.Collections.reverse(reversed);
        FuzzyMatcher.Outcome r =
                FuzzyMatcher.decide(record, reversed, complete, FuzzyPolicy.DEFAULT);
        if (o.link() != null) {
            assertThat(o.ranked()).contains(o.link());
            assertThat(o.link().score().refused()).isFalse();
            assertThat(complete).isTrue();
        }
        for (int i = 1; i < o.ranked().size(); i++) {
            assertThat(o.ranked().get(i - 1).score().value())
                    .isGreaterThanOrEqualTo(o.ranked().get(i).score().value());
        }
        assertThat(r.link() == null ? null : r.link().enterpriseId())
                .isEqualTo(o.link() == null ? null : o.link().enterpriseId());
        assertThat(r.ranked().stream().map(FuzzyMatcher.Scored::enterpriseId).toList())
                .isEqualTo(o.ranked().stream().map(FuzzyMatcher.Scored::enterpriseId).toList());
    }

    @Provide
    Arbitrary<List<FuzzyMatcher.Candidate>> candidates() {
        Arbitrary<FuzzyMatcher.Candidate> candidate =
                Combinators.combine(
                                Arbitraries.of("E1", "E2", "E3", "E4"),
                                names(),
                                names().injectNull(0.5),
                                Arbitraries.of(true, false),
                                divisions())
                        .as(FuzzyMatcher.Candidate::new);
        return candidate.list().ofMaxSize(5);
    }
}
