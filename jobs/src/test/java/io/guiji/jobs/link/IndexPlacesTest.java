package io.guiji.jobs.link;

import static io.guiji.jobs.link.MapRegistryIndexTest.current;
import static io.guiji.jobs.link.MapRegistryIndexTest.former;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.QualityFlags;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexPlaces}: how an entry takes a place under a key (one per enterprise; under a fuzzy
 * key a former name has a place of its own), how a remove applies only to the place it was added
 * as, and how a key's places answer a record (current names first, at most max-matches, a busy
 * fuzzy key answering nothing).
 */
class IndexPlacesTest {
    static final String XINYUAN = "朝阳市鑫源建材有限公司";
    static final String NAME_KEY = LinkKeys.NAME + XINYUAN;
    static final String FUZZY_KEY = LinkKeys.FUZZY_CORE + "鑫源建材";
    static final String E1 = "91110000600037341L";
    static final String E2 = "91310115MA1K3BTP2B";
    static final String E3 = "92340602MA2PBMEM24";
    static final String RECORD = "penalty:SCJG01:朝市监罚〔2024〕12号";

    // ---------------------------------------------------------------- answer

    @Test
    void anExactKeyAnswersTheFirstEntriesByIdAndSaysItWasCut() {
        List<RegistryMatch> entries = new ArrayList<>();
        for (int i = 4; i >= 1; i--) {
            entries.add(current("E" + i, "朝阳市华盛商贸有限公司"));
        }

        LookupAnswer a = IndexPlaces.answer(LinkKeys.NAME + "朝阳市华盛商贸有限公司", RECORD, entries, 3);

        assertThat(a.getTruncated()).isTrue();
        assertThat(a.getMatches())
                .extracting(RegistryMatch::getEnterpriseId)
                .containsExactly("E1", "E2", "E3");
        assertThat(a.getRecordId()).isEqualTo(RECORD);
        assertThat(a.getKey()).isEqualTo(LinkKeys.NAME + "朝阳市华盛商贸有限公司");
    }

    @Test
    void exactlyMaxMatchesEntriesAreNotCut() {
        LookupAnswer a =
                IndexPlaces.answer(
                        NAME_KEY, RECORD, List.of(current(E2, XINYUAN), current(E1, XINYUAN)), 2);

        assertThat(a)
                .isEqualTo(
                        new LookupAnswer(
                                RECORD,
                                NAME_KEY,
                                List.of(current(E1, XINYUAN), current(E2, XINYUAN)),
                                false));
    }

    @Test
    void aFuzzyKeyWithMoreEntriesThanTheCapAnswersTruncatedAndEmpty() {
        List<RegistryMatch> three =
                List.of(current(E1, XINYUAN), current(E2, XINYUAN), current(E3, XINYUAN));

        assertThat(IndexPlaces.answer(FUZZY_KEY, RECORD, three, 2))
                .isEqualTo(new LookupAnswer(RECORD, FUZZY_KEY, List.of(), true));
        assertThat(IndexPlaces.answer(FUZZY_KEY, RECORD, three, 3))
                .isEqualTo(
                        new LookupAnswer(
                                RECORD,
                                FUZZY_KEY,
                                List.of(
                                        current(E1, XINYUAN),
                                        current(E2, XINYUAN),
                                        current(E3, XINYUAN)),
                                false));
    }

    /*
     * The answer is cut to maxMatches after sorting current names first: cut by id alone, a name key
     * with more entries than maxMatches could lose its only current-name match (NAME becomes
     * AMBIGUOUS_NAME) or hide a second one (an ambiguous name linked). docs/contract.md §6 tiers 4/5.
     */

    @Test
    void aTruncatedAnswerStillCarriesTheOnlyCurrentNameMatch() {
        List<RegistryMatch> entries =
                List.of(
                        former("91110000MA00000A11", "朝阳市鑫源建材甲有限公司"),
                        former("91110000MA00000B11", "朝阳市鑫源建材乙有限公司"),
                        former("91110000MA00000C11", "朝阳市鑫源建材丙有限公司"),
                        current("91110000MA00000D11", XINYUAN));

        LookupAnswer answer = IndexPlaces.answer(NAME_KEY, RECORD, entries, 3);

        assertThat(answer.getTruncated()).isTrue();
        assertThat(answer.getMatches()).first().isEqualTo(current("91110000MA00000D11", XINYUAN));
        assertThat(
                        LinkDecider.decide(
                                LinkDeciderTest.record(XINYUAN, f -> {}), Map.of(NAME_KEY, answer)))
                .satisfies(
                        r -> {
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NAME);
                            assertThat(r.getEnterpriseId()).isEqualTo("91110000MA00000D11");
                        });
    }

    @Test
    void aTruncatedAnswerStillShowsThatACurrentNameIsAmbiguous() {
        List<RegistryMatch> entries =
                List.of(
                        current("91110000MA00000A11", XINYUAN),
                        former("91110000MA00000B11", "朝阳市鑫源建材乙有限公司"),
                        former("91110000MA00000C11", "朝阳市鑫源建材丙有限公司"),
                        current("91110000MA00000D11", XINYUAN));

        LookupAnswer answer = IndexPlaces.answer(NAME_KEY, RECORD, entries, 3);

        assertThat(answer.getMatches())
                .extracting(RegistryMatch::getFormer)
                .containsExactly(false, false, true);
        assertThat(
                        LinkDecider.decide(
                                LinkDeciderTest.record(XINYUAN, f -> {}), Map.of(NAME_KEY, answer)))
                .as("two enterprises bear the name now: no link")
                .satisfies(
                        r -> {
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE);
                            assertThat(r.getEnterpriseId()).isNull();
                            assertThat(r.getQualityFlags()).contains(QualityFlags.AMBIGUOUS_NAME);
                        });
    }

    // ---------------------------------------------------------------- slot

    @Test
    void anEnterpriseHasOnePlaceUnderAnExactKeyAndTwoUnderAFuzzyKey() {
        assertThat(IndexPlaces.slot(add(NAME_KEY, E1, XINYUAN, true)))
                .isEqualTo(IndexPlaces.slot(add(NAME_KEY, E1, XINYUAN, false)))
                .isEqualTo(E1);
        assertThat(IndexPlaces.slot(add(FUZZY_KEY, E1, XINYUAN, false))).isEqualTo(E1);
        assertThat(IndexPlaces.slot(add(FUZZY_KEY, E1, "朝阳市鑫源建材厂", true)))
                .isNotEqualTo(IndexPlaces.slot(add(FUZZY_KEY, E1, XINYUAN, false)))
                .isNotEqualTo(IndexPlaces.slot(add(FUZZY_KEY, E2, "朝阳市鑫源建材厂", true)));
    }

    // ---------------------------------------------------------------- applied

    @Test
    void anAddReplacesWhateverPlaceTheEnterpriseHad() {
        assertThat(IndexPlaces.applied(add(NAME_KEY, E1, XINYUAN, false), null))
                .isEqualTo(current(E1, XINYUAN));
        assertThat(IndexPlaces.applied(add(NAME_KEY, E1, XINYUAN, true), current(E1, "朝阳市鑫源建材厂")))
                .isEqualTo(former(E1, XINYUAN));
    }

    @Test
    void aRemoveAppliesOnlyToThePlaceItWasAddedAs() {
        assertThat(IndexPlaces.applied(remove(NAME_KEY, E1, XINYUAN, true), current(E1, XINYUAN)))
                .as("removing the former-name place keeps the current-name one")
                .isEqualTo(current(E1, XINYUAN));
        assertThat(IndexPlaces.applied(remove(NAME_KEY, E1, XINYUAN, false), former(E1, XINYUAN)))
                .as("removing the current-name place keeps the former-name one")
                .isEqualTo(former(E1, XINYUAN));
        assertThat(IndexPlaces.applied(remove(NAME_KEY, E1, XINYUAN, false), current(E1, XINYUAN)))
                .isNull();
        assertThat(IndexPlaces.applied(remove(NAME_KEY, E1, XINYUAN, true), former(E1, XINYUAN)))
                .isNull();
        assertThat(IndexPlaces.applied(remove(NAME_KEY, E2, XINYUAN, false), null))
                .as("not there: nothing")
                .isNull();
    }

    /**
     * The places under a key follow adds, replacements, removes and no-op removes; a busy fuzzy key
     * answers nothing.
     */
    @Test
    void aFuzzyKeyIsTruncatedExactlyWhileItHoldsMoreThanMaxMatchesPlaces() {
        Map<String, RegistryMatch> under = new LinkedHashMap<>();
        apply(under, add(FUZZY_KEY, E1, XINYUAN, false));
        apply(under, add(FUZZY_KEY, E1, XINYUAN, false)); // the same place again: still one
        apply(under, add(FUZZY_KEY, E1, "朝阳市鑫源建材厂", true)); // a former name: a place of its own
        apply(under, add(FUZZY_KEY, E2, XINYUAN, false));
        apply(under, remove(FUZZY_KEY, E3, XINYUAN, false)); // not there: nothing changes
        assertThat(IndexPlaces.answer(FUZZY_KEY, RECORD, under.values(), 2))
                .as("three places under the key")
                .isEqualTo(new LookupAnswer(RECORD, FUZZY_KEY, List.of(), true));

        apply(under, remove(FUZZY_KEY, E1, "朝阳市鑫源建材厂", true));

        assertThat(IndexPlaces.answer(FUZZY_KEY, RECORD, under.values(), 2))
                .isEqualTo(
                        new LookupAnswer(
                                RECORD,
                                FUZZY_KEY,
                                List.of(current(E1, XINYUAN), current(E2, XINYUAN)),
                                false));
    }

    private static void apply(Map<String, RegistryMatch> under, IndexUpdate u) {
        String slot = IndexPlaces.slot(u);
        RegistryMatch next = IndexPlaces.applied(u, under.get(slot));
        if (next == null) {
            under.remove(slot);
        } else {
            under.put(slot, next);
        }
    }

    static IndexUpdate add(String key, String enterpriseId, String name, boolean former) {
        return new IndexUpdate(key, enterpriseId, name, former, true);
    }

    static IndexUpdate remove(String key, String enterpriseId, String name, boolean former) {
        return new IndexUpdate(key, enterpriseId, name, former, false);
    }
}
