package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link MapRegistryIndex}: the places a registry entry takes under the lookup keys of
 * docs/contract.md §6, what a new entry of the same enterprise leaves and enters, and how a key
 * answers (current names before former names, then by id; busy fuzzy keys answer nothing).
 */
class MapRegistryIndexTest {
    static final String USCC = "91110000600037341L";
    static final String ORG_CODE = "600037341";
    static final String REG_NO = "110108000000016";
    static final String NAME = "朝阳市鑫源建材有限公司";
    static final String FORMER = "朝阳市鑫源建材厂";
    static final String E2 = "91310115MA1K3BTP2B";
    static final String E3 = "92340602MA2PBMEM24";
    static final String RECORD = "penalty:SCJG01:1";

    private final MapRegistryIndex index = new MapRegistryIndex();

    @Test
    void aNewEntryTakesAPlaceUnderEachOfItsExactKeysAndReportsThemChanged() {
        var changed = index.put(entry(USCC, FORMER, List.of(), 10));

        assertThat(changed)
                .contains(
                        LinkKeys.USCC + USCC,
                        LinkKeys.ORG_CODE + ORG_CODE,
                        LinkKeys.REG_NO + REG_NO,
                        LinkKeys.NAME + FORMER);
        assertThat(changed).allMatch(k -> k.matches("[UORN]:.*") || LinkKeys.isFuzzy(k));
        for (String key :
                List.of(
                        LinkKeys.USCC + USCC,
                        LinkKeys.ORG_CODE + ORG_CODE,
                        LinkKeys.REG_NO + REG_NO,
                        LinkKeys.NAME + FORMER)) {
            assertThat(matches(key)).as(key).containsExactly(current(USCC, FORMER));
        }
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get(USCC).getName()).isEqualTo(FORMER);
        assertThat(index.get(E2)).isNull();
    }

    @Test
    void anEntryWithoutUsccIsPlacedByRegistrationNumberAndNormalizedName() {
        RegistryEntry noUscc =
                RegistryEntry.newBuilder(entry(REG_NO, "朝阳市 宏达（商贸）有限公司", List.of(), 3))
                        .setUscc(null)
                        .build();

        var changed = index.put(noUscc);

        assertThat(changed)
                .filteredOn(k -> !LinkKeys.isFuzzy(k))
                .containsExactlyInAnyOrder(
                        LinkKeys.REG_NO + REG_NO, LinkKeys.NAME + "朝阳市宏达(商贸)有限公司");
        assertThat(matches(LinkKeys.NAME + "朝阳市宏达(商贸)有限公司"))
                .containsExactly(current(REG_NO, "朝阳市 宏达（商贸）有限公司"));
    }

    @Test
    void aRenameLeavesTheOldNameKeyAsAFormerNameAndEveryPlaceCarriesTheNewName() {
        index.put(entry(USCC, FORMER, List.of(), 10));

        var changed = index.put(entry(USCC, NAME, List.of(FORMER), 11));

        assertThat(changed)
                .contains(LinkKeys.NAME + NAME, LinkKeys.NAME + FORMER, LinkKeys.USCC + USCC);
        assertThat(matches(LinkKeys.NAME + NAME)).containsExactly(current(USCC, NAME));
        assertThat(matches(LinkKeys.NAME + FORMER))
                .as("the old current-name place became a former-name place")
                .containsExactly(former(USCC, NAME));
        assertThat(matches(LinkKeys.USCC + USCC)).containsExactly(current(USCC, NAME));
        assertThat(matches(LinkKeys.REG_NO + REG_NO)).containsExactly(current(USCC, NAME));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void aRenameThatDropsTheOldNameTakesItsPlaceAway() {
        index.put(entry(USCC, FORMER, List.of(), 10));

        var changed = index.put(entry(USCC, NAME, List.of(), 11));

        assertThat(changed).contains(LinkKeys.NAME + FORMER, LinkKeys.NAME + NAME);
        assertThat(matches(LinkKeys.NAME + FORMER)).isEmpty();
    }

    @Test
    void anIdenticalEntryChangesNoKey() {
        index.put(entry(USCC, NAME, List.of(FORMER), 10));

        assertThat(index.put(entry(USCC, NAME, List.of(FORMER), 12))).isEmpty();
        assertThat(index.get(USCC).getSource().getRow())
                .as("the later row is the entry in force")
                .isEqualTo(12);
    }

    @Test
    void aWithdrawalLeavesEveryPlaceAndIsNotCounted() {
        RegistryEntry e = entry(USCC, NAME, List.of(FORMER), 10);
        index.put(e);
        index.put(entry(E2, NAME, List.of(), 11));
        List<String> keys = new ArrayList<>(LinkKeys.keysOf(e).keySet());

        var changed = index.put(RegistryEntry.newBuilder(e).setDeleted(true).build());

        assertThat(changed).containsExactlyInAnyOrderElementsOf(keys);
        for (String key : keys) {
            assertThat(matches(key)).as(key).noneMatch(m -> m.getEnterpriseId().equals(USCC));
        }
        assertThat(matches(LinkKeys.NAME + NAME)).containsExactly(current(E2, NAME));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get(USCC).getDeleted())
                .as("the withdrawal is the entry in force")
                .isTrue();

        assertThat(index.put(RegistryEntry.newBuilder(e).setDeleted(true).build()))
                .as("withdrawn again")
                .isEmpty();
        assertThat(index.size()).isEqualTo(1);
        index.put(e);
        assertThat(index.size()).as("registered again").isEqualTo(2);
        assertThat(matches(LinkKeys.NAME + FORMER)).containsExactly(former(USCC, NAME));
    }

    @Test
    void anEntryWhosePlacesCannotBeComputedThrowsAndChangesNothing() {
        RegistryEntry before = entry(USCC, NAME, List.of(FORMER), 1);
        index.put(before);
        RegistryEntry broken = entry(USCC, "朝阳市鑫源新材料有限公司", List.of(), 2);
        broken.setFormerNames(null);

        assertThatThrownBy(() -> index.put(broken)).isInstanceOf(NullPointerException.class);

        assertThat(index.get(USCC)).isEqualTo(before);
        assertThat(matches(LinkKeys.NAME + NAME)).containsExactly(current(USCC, NAME));
        assertThat(matches(LinkKeys.NAME + FORMER)).containsExactly(former(USCC, NAME));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.put(entry(USCC, "朝阳市鑫源新材料有限公司", List.of(), 3)))
                .as("the next entry is diffed against the one in force")
                .contains(LinkKeys.NAME + NAME, LinkKeys.NAME + FORMER);
        assertThat(matches(LinkKeys.NAME + FORMER)).isEmpty();
    }

    @Test
    void aKeyAnswersCurrentNamesBeforeFormerNamesThenById() {
        index.put(entry(E3, NAME, List.of(), 1));
        index.put(entry(E2, "朝阳市鑫源新材料有限公司", List.of(NAME), 2));
        index.put(entry(USCC, NAME, List.of(), 3));

        assertThat(matches(LinkKeys.NAME + NAME))
                .containsExactly(
                        current(USCC, NAME), current(E3, NAME), former(E2, "朝阳市鑫源新材料有限公司"));

        LookupAnswer cut = index.answer(LinkKeys.NAME + NAME, RECORD, 2);
        assertThat(cut.getTruncated()).isTrue();
        assertThat(cut.getMatches()).containsExactly(current(USCC, NAME), current(E3, NAME));
        assertThat(cut.getRecordId()).isEqualTo(RECORD);
        assertThat(index.answer(LinkKeys.NAME + NAME, RECORD, 3).getTruncated()).isFalse();
    }

    @Test
    void aBusyFuzzyKeyAnswersTruncatedAndEmptyAndRecoversBelowTheCap() {
        String core = sharedFuzzyKey("朝阳市华盛商贸有限公司", "朝阳市华盛商贸有限公司");
        for (int i = 1; i <= 4; i++) {
            index.put(entry("E" + i, "朝阳市华盛商贸有限公司", List.of(), i));
        }

        LookupAnswer busy = index.answer(core, RECORD, 3);
        assertThat(busy.getTruncated()).isTrue();
        assertThat(busy.getMatches()).as("too common to tell anything").isEmpty();

        index.put(RegistryEntry.newBuilder(index.get("E4")).setDeleted(true).build());
        LookupAnswer back = index.answer(core, RECORD, 3);
        assertThat(back.getTruncated()).isFalse();
        assertThat(back.getMatches())
                .extracting(RegistryMatch::getEnterpriseId)
                .containsExactly("E1", "E2", "E3");
    }

    @Test
    void aCurrentAndAFormerNameSharingAFuzzyKeyEachKeepTheirPlace() {
        String core = sharedFuzzyKey("朝阳市华盛商贸有限公司", "朝阳市华盛商贸厂");
        index.put(entry("E1", "朝阳市华盛商贸有限公司", List.of("朝阳市华盛商贸厂"), 1));

        assertThat(index.answer(core, RECORD, 16).getMatches())
                .extracting(RegistryMatch::getName, RegistryMatch::getFormer)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("朝阳市华盛商贸有限公司", false),
                        org.assertj.core.groups.Tuple.tuple("朝阳市华盛商贸厂", true));

        index.put(entry("E1", "朝阳市远大建材有限公司", List.of("朝阳市华盛商贸厂"), 2));

        assertThat(index.answer(core, RECORD, 16).getMatches())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.getFormer()).isTrue();
                            assertThat(m.getName()).isEqualTo("朝阳市华盛商贸厂");
                        });
    }

    @Test
    void aKeyNoEntryHoldsAnswersEmpty() {
        assertThat(index.answer(LinkKeys.USCC + USCC, RECORD, 16))
                .isEqualTo(new LookupAnswer(RECORD, LinkKeys.USCC + USCC, List.of(), false));
        assertThat(index.size()).isZero();
    }

    @Test
    void theIndexAgreesWithThePlacesLinkKeysGives() {
        RegistryEntry e = entry(USCC, NAME, List.of(FORMER, "朝阳市鑫源商贸有限公司"), 1);
        index.put(e);
        for (Map.Entry<LinkKeys.Slot, String> place : LinkKeys.indexOf(e).entrySet()) {
            assertThat(matches(place.getKey().key()))
                    .as(place.getKey().toString())
                    .contains(new RegistryMatch(USCC, place.getValue(), place.getKey().former()));
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A registry entry of one enterprise with a USCC (its id, when it has the length of one) and a
     * registration number.
     */
    static RegistryEntry entry(
            String enterpriseId, String name, List<String> formerNames, long row) {
        return RegistryEntry.newBuilder()
                .setEnterpriseId(enterpriseId)
                .setUscc(enterpriseId.length() == 18 ? enterpriseId : null)
                .setName(name)
                .setRegNo(enterpriseId.equals(USCC) || enterpriseId.equals(REG_NO) ? REG_NO : null)
                .setFormerNames(new ArrayList<>(formerNames))
                .setDivisionCode("211303")
                .setStatus("存续")
                .setSource(new SourceRef("kafka:registry/0", row))
                .build();
    }

    /** A fuzzy key the two names share (the test is about such a key, whichever it is). */
    static String sharedFuzzyKey(String a, String b) {
        var keys = new java.util.TreeSet<>(LinkKeys.keysOf(entry("X", a, List.of(), 0)).keySet());
        keys.retainAll(LinkKeys.keysOf(entry("X", b, List.of(), 0)).keySet());
        keys.removeIf(k -> !LinkKeys.isFuzzy(k));
        assertThat(keys).as("fuzzy keys %s and %s share", a, b).isNotEmpty();
        return keys.first();
    }

    private List<RegistryMatch> matches(String key) {
        LookupAnswer a = index.answer(key, RECORD, 16);
        assertThat(a.getKey()).isEqualTo(key);
        return a.getMatches();
    }

    static RegistryMatch current(String enterpriseId, String name) {
        return new RegistryMatch(enterpriseId, name, false);
    }

    static RegistryMatch former(String enterpriseId, String name) {
        return new RegistryMatch(enterpriseId, name, true);
    }
}
