package io.guiji.jobs.link;

import static io.guiji.jobs.link.LinkDeciderTest.HONGDA;
import static io.guiji.jobs.link.LinkDeciderTest.HONGDA_USCC;
import static io.guiji.jobs.link.LinkDeciderTest.REGISTRY;
import static io.guiji.jobs.link.LinkDeciderTest.UNREGISTERED_USCC;
import static io.guiji.jobs.link.LinkDeciderTest.XINYUAN;
import static io.guiji.jobs.link.LinkDeciderTest.XINYUAN_USCC;
import static io.guiji.jobs.link.LinkDeciderTest.answersFrom;
import static io.guiji.jobs.link.LinkDeciderTest.entry;
import static io.guiji.jobs.link.LinkDeciderTest.record;
import static io.guiji.jobs.link.LinkDeciderTest.usccWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link LinkDecider} at its edges: evidence, truncated answers, how many candidates and from what
 * score.
 */
class LinkDeciderEdgesTest {
    static final String HUASHENG = "朝阳市华盛商贸有限公司";
    static final RegistryEntry HUASHENG_ENTRY = entry(usccWith("MA0000011"), HUASHENG, null);

    @Test
    void aUsccLinkSaysWhetherTheRegistryKnowsIt() {
        UnifiedRecord known = LinkDeciderTest.decide(record(HONGDA, f -> f.setUscc(HONGDA_USCC)));
        UnifiedRecord unknown =
                LinkDeciderTest.decide(record(HONGDA, f -> f.setUscc(UNREGISTERED_USCC)));

        assertThat(known.getLinkEvidence()).containsExactly("uscc=" + HONGDA_USCC + ":in_registry");
        assertThat(unknown.getLinkEvidence())
                .containsExactly("uscc=" + UNREGISTERED_USCC + ":not_in_registry");
    }

    @Test
    void aSubjectWithoutCategoryOrIdNumberIsNoPersonAndLinksByName() {
        UnifiedRecord linked =
                LinkDeciderTest.decide(record(XINYUAN, f -> f.setSubjectCategory(null)));

        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(linked.getEnterpriseId()).isEqualTo(XINYUAN_USCC);
    }

    @Test
    void anAmbiguousNameTooShortForTheFuzzyTierSaysSo() {
        RegistryEntry first = entry(usccWith("MA0000001"), "利民", null);
        RegistryEntry second = entry(usccWith("MA0000002"), "利民", null);

        UnifiedRecord linked =
                LinkDeciderTest.decide(record("利民", f -> {}), List.of(first, second));

        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(linked.getLinkEvidence()).containsExactly("name=ambiguous");
        assertThat(linked.getCandidates()).hasSize(2);
    }

    @Test
    void anAmbiguousNameLeadsTheEvidenceAndTheFlagsStaySorted() {
        RegistryEntry first = entry(usccWith("MA0000001"), "朝阳市利民商店", null);
        RegistryEntry second = entry(usccWith("MA0000002"), "朝阳市利民商店", null);

        UnifiedRecord linked =
                LinkDeciderTest.decide(
                        record("朝阳市利民商店", f -> {}, QualityFlags.INVALID_ORG_CODE),
                        List.of(first, second));

        assertThat(linked.getLinkEvidence()).first().isEqualTo("name=ambiguous");
        assertThat(linked.getQualityFlags())
                .containsExactly(QualityFlags.AMBIGUOUS_NAME, QualityFlags.INVALID_ORG_CODE);
    }

    @Test
    void aHomophoneLinksByTheFuzzyTierWhenEveryKeyWasAnswered() {
        UnifiedRecord r = record("朝阳市华胜商贸有限公司", f -> {});

        UnifiedRecord linked = LinkDecider.decide(r, answersFrom(r, List.of(HUASHENG_ENTRY)));

        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(linked.getEnterpriseId()).isEqualTo(HUASHENG_ENTRY.getEnterpriseId());
    }

    @Test
    void oneTruncatedFuzzyAnswerKeepsTheFuzzyTierFromLinking() {
        UnifiedRecord r = record("华胜商贸有限公司", f -> {});
        RegistryEntry placeless = entry(usccWith("MA0000012"), "华盛商贸有限公司", null);
        Map<String, LookupAnswer> answers = answersFrom(r, List.of(placeless));
        String fuzzyKey = "P:hua-sheng|商贸"; // the first reading's pinyin key
        LookupAnswer a = answers.get(fuzzyKey);
        answers.put(fuzzyKey, new LookupAnswer(a.getRecordId(), a.getKey(), List.of(), true));

        UnifiedRecord linked = LinkDecider.decide(r, answers);

        // the homophone found (0.930) is no better than another one the pinyin key could hide: the
        // record writes no place, so none is told apart by its place
        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(linked.getLinkEvidence())
                .contains(
                        "fuzzy=blocking_key_overfull:" + fuzzyKey,
                        "fuzzy=below_min_margin_over_hidden:0.930");
        assertThat(linked.getCandidates())
                .extracting(LinkCandidate::getEnterpriseId)
                .containsExactly(placeless.getEnterpriseId());
    }

    @Test
    void anOverFullPinyinKeyIsSkippedWhenThePlaceKeysFoundTheRecordsPlace() {
        UnifiedRecord r = record("朝阳市华胜商贸有限公司", f -> {});
        Map<String, LookupAnswer> answers = answersFrom(r, List.of(HUASHENG_ENTRY));
        String fuzzyKey = "P:hua-sheng|商贸"; // the first reading's pinyin key
        LookupAnswer a = answers.get(fuzzyKey);
        answers.put(fuzzyKey, new LookupAnswer(a.getRecordId(), a.getKey(), List.of(), true));

        UnifiedRecord linked = LinkDecider.decide(r, answers);

        // F:2113|华*商贸, F:2113|*胜商贸 and the same without a place were answered: a homophone the
        // pinyin key hides is of another place, 0.870 at most
        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(linked.getEnterpriseId()).isEqualTo(HUASHENG_ENTRY.getEnterpriseId());
        assertThat(linked.getLinkEvidence()).contains("fuzzy=blocking_key_skipped:" + fuzzyKey);
        assertThat(answers).containsKeys("F:|华*商贸", "F:|*胜商贸");
    }

    @Test
    void anOverFullTypoKeyIsSkippedWhenWhatItCouldHideScoresLower() {
        UnifiedRecord r = record("朝阳市华胜商贸有限公司", f -> {});
        Map<String, LookupAnswer> answers = answersFrom(r, List.of(HUASHENG_ENTRY));
        String typoKey = "F:2113|华*商贸"; // hides at most another edit of 华胜: 0.860
        LookupAnswer a = answers.get(typoKey);
        answers.put(typoKey, new LookupAnswer(a.getRecordId(), a.getKey(), List.of(), true));

        UnifiedRecord linked = LinkDecider.decide(r, answers);

        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(linked.getEnterpriseId()).isEqualTo(HUASHENG_ENTRY.getEnterpriseId());
        assertThat(linked.getLinkEvidence()).contains("fuzzy=blocking_key_skipped:" + typoKey);
    }

    @Test
    void truncatedFuzzyAnswersWithoutAnyCandidateStillSaySo() {
        UnifiedRecord r = record("朝阳市华胜商贸有限公司", f -> {});
        Map<String, LookupAnswer> answers = answersFrom(r, List.of());
        answers.replaceAll(
                (k, a) ->
                        LinkKeys.isFuzzy(k)
                                ? new LookupAnswer(a.getRecordId(), k, List.of(), true)
                                : a);

        UnifiedRecord linked = LinkDecider.decide(r, answers);

        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(linked.getLinkEvidence())
                .containsExactlyElementsOf(
                        LinkKeys.fuzzyRequestsFor(r).stream()
                                .map(q -> "fuzzy=blocking_key_overfull:" + q.getKey())
                                .toList());
    }

    @Test
    void aCandidateScoringExactlyTheMinimumCandidateScoreIsListed() {
        RegistryEntry huashengda = entry(usccWith("MA0000012"), "朝阳市华盛达商贸有限公司", null);
        UnifiedRecord r = record("朝阳市华兴达商贸有限公司", f -> {}); // one edit from 华盛达: 0.86, met on F:华达商贸
        Map<String, LookupAnswer> answers = answersFrom(r, List.of(huashengda));

        UnifiedRecord at = LinkDecider.decide(r, answers, new FuzzyPolicy(true, 0.88, 0.05, 0.86));
        UnifiedRecord above =
                LinkDecider.decide(r, answers, new FuzzyPolicy(true, 0.88, 0.05, 0.87));

        assertThat(at.getCandidates())
                .containsExactly(
                        new LinkCandidate(huashengda.getEnterpriseId(), "朝阳市华盛达商贸有限公司", 0.86));
        assertThat(above.getCandidates()).isEmpty();
        assertThat(at.getLinkMethod()).isEqualTo(LinkMethod.NONE);
    }

    @Test
    void atMostThreeFuzzyCandidatesAreListed() {
        List<RegistryEntry> four =
                List.of(
                        entry(usccWith("MA0000021"), "凌源市华盛商贸有限公司", null),
                        entry(usccWith("MA0000022"), "建平县华盛商贸有限公司", null),
                        entry(usccWith("MA0000023"), "北票市华盛商贸有限公司", null),
                        entry(usccWith("MA0000024"), "双塔区华盛商贸有限公司", null));
        UnifiedRecord r = record("华盛商贸有限公司", f -> {});

        UnifiedRecord linked = LinkDecider.decide(r, answersFrom(r, four));

        assertThat(linked.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(linked.getLinkEvidence()).contains("fuzzy=below_min_margin:0.050");
        assertThat(linked.getCandidates())
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.getScore()).isEqualTo(0.98));
    }

    @Test
    void theDefaultRegistryHasNoFuzzyMatchForAnUnrelatedName() {
        UnifiedRecord linked =
                LinkDecider.decide(
                        record("大连海星渔业有限公司", f -> {}),
                        answersFrom(record("大连海星渔业有限公司", f -> {}), REGISTRY));

        assertThat(linked.getLinkEvidence()).isEmpty();
        assertThat(linked.getCandidates()).isEmpty();
    }
}
