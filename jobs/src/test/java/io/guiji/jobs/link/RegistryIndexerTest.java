package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.internal.IndexUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Harness tests of {@link RegistryIndexer}: registry entries become index updates on the lookup
 * keys of docs/contract.md §6 — FINAL settles duplicates by source reference and publishes at the end,
 * CHANGES publishes what each new entry leaves and enters.
 */
class RegistryIndexerTest {
    static final String USCC = "91110000600037341L";
    static final String ORG_CODE = "600037341";
    static final String REG_NO = "110108000000016";
    static final String NAME = "朝阳市鑫源建材有限公司";
    static final String FORMER = "朝阳市鑫源建材厂";

    /** The same enterprise in three rows of the extract; registry/b.csv row 1 is the greatest source. */
    static final RegistryEntry ROW_A5 = entry(USCC, "朝阳市鑫源建材有限公司（旧行）", List.of(), "registry/a.csv", 5);
    static final RegistryEntry ROW_B1 = entry(USCC, NAME, List.of(FORMER), "registry/b.csv", 1);
    static final RegistryEntry ROW_A9 = entry(USCC, "朝阳市鑫源建材（集团）有限公司", List.of(), "registry/a.csv", 9);

    private static final Pattern EXACT_KEY = Pattern.compile("[UORN]:");

    private KeyedOneInputStreamOperatorTestHarness<String, RegistryEntry, IndexUpdate> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    static Stream<Arguments> everyOrderOfTheDuplicates() {
        List<RegistryEntry> rows = List.of(ROW_A5, ROW_B1, ROW_A9);
        Map<RegistryEntry, String> names = Map.of(ROW_A5, "a.csv#5", ROW_B1, "b.csv#1", ROW_A9, "a.csv#9");
        List<List<RegistryEntry>> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    if (i != j && j != k && i != k) {
                        orders.add(List.of(rows.get(i), rows.get(j), rows.get(k)));
                    }
                }
            }
        }
        return orders.stream().map(o -> Arguments.of(
                o.stream().map(names::get).collect(Collectors.joining(" → ")), o));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOrderOfTheDuplicates")
    void finalModeKeepsTheDuplicateWithTheGreatestSourceAndEmitsItsKeysAtTheEnd(String order, List<RegistryEntry> rows)
            throws Exception {
        open(EmitMode.FINAL);
        for (RegistryEntry r : rows) {
            harness.processElement(RegistryEntry.newBuilder(r).build(), 0L);
        }
        assertThat(harness.extractOutputValues()).as("nothing before the end of input").isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(Long.MAX_VALUE);

        assertThat(exactKeyUpdates()).containsExactlyInAnyOrder(
                new IndexUpdate(LinkKeys.USCC + USCC, USCC, NAME, false, true),
                new IndexUpdate(LinkKeys.ORG_CODE + ORG_CODE, USCC, NAME, false, true),
                new IndexUpdate(LinkKeys.REG_NO + REG_NO, USCC, NAME, false, true),
                new IndexUpdate(LinkKeys.NAME + NAME, USCC, NAME, false, true),
                new IndexUpdate(LinkKeys.NAME + FORMER, USCC, NAME, true, true));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void finalModeIndexesAnEntryWithoutUsccByRegistrationNumberAndNormalizedName() throws Exception {
        RegistryEntry noUscc = RegistryEntry.newBuilder(entry(REG_NO, "朝阳市 宏达（商贸）有限公司", List.of(), "registry/a.csv", 3))
                .setUscc(null)
                .build();
        open(EmitMode.FINAL);
        harness.processElement(noUscc, 0L);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(exactKeyUpdates()).containsExactlyInAnyOrder(
                new IndexUpdate(LinkKeys.REG_NO + REG_NO, REG_NO, "朝阳市 宏达（商贸）有限公司", false, true),
                new IndexUpdate(LinkKeys.NAME + "朝阳市宏达(商贸)有限公司", REG_NO, "朝阳市 宏达（商贸）有限公司", false, true));
    }

    @Test
    void finalModeEmitsNothingForAWithdrawnEntry() throws Exception {
        open(EmitMode.FINAL);
        harness.processElement(ROW_A5, 0L);
        harness.processElement(RegistryEntry.newBuilder(ROW_B1).setDeleted(true).build(), 0L);
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void changesModeEmitsTheKeysOfANewEntryAtOnce() throws Exception {
        open(EmitMode.CHANGES);
        harness.processElement(entry(USCC, FORMER, List.of(), "kafka:registry/0", 10), 0L);

        assertThat(exactKeyUpdates()).containsExactlyInAnyOrder(
                new IndexUpdate(LinkKeys.USCC + USCC, USCC, FORMER, false, true),
                new IndexUpdate(LinkKeys.ORG_CODE + ORG_CODE, USCC, FORMER, false, true),
                new IndexUpdate(LinkKeys.REG_NO + REG_NO, USCC, FORMER, false, true),
                new IndexUpdate(LinkKeys.NAME + FORMER, USCC, FORMER, false, true));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void changesModeOnARenameRemovesTheOldNameKeyAddsTheNewOneAndTheFormerNameKey() throws Exception {
        open(EmitMode.CHANGES);
        harness.processElement(entry(USCC, FORMER, List.of(), "kafka:registry/0", 10), 0L);
        int before = exactKeyUpdates().size();

        harness.processElement(entry(USCC, NAME, List.of(FORMER), "kafka:registry/0", 11), 0L);

        List<IndexUpdate> rename = exactKeyUpdates().subList(before, exactKeyUpdates().size());
        assertThat(rename).filteredOn(u -> !u.getAdd()).containsExactly(
                new IndexUpdate(LinkKeys.NAME + FORMER, USCC, FORMER, false, false));
        assertThat(rename).filteredOn(IndexUpdate::getAdd).contains(
                new IndexUpdate(LinkKeys.NAME + NAME, USCC, NAME, false, true),
                new IndexUpdate(LinkKeys.NAME + FORMER, USCC, NAME, true, true));
        assertThat(rename).filteredOn(IndexUpdate::getAdd)
                .as("every key carries the new name")
                .extracting(IndexUpdate::getName).containsOnly(NAME);
        assertThat(indexAfter(exactKeyUpdates())).containsExactlyInAnyOrder(
                LinkKeys.USCC + USCC + "=" + NAME,
                LinkKeys.ORG_CODE + ORG_CODE + "=" + NAME,
                LinkKeys.REG_NO + REG_NO + "=" + NAME,
                LinkKeys.NAME + NAME + "=" + NAME,
                LinkKeys.NAME + FORMER + "=" + NAME + " (former)");
    }

    @Test
    void changesModeEmitsNothingForAnIdenticalEntry() throws Exception {
        open(EmitMode.CHANGES);
        harness.processElement(entry(USCC, NAME, List.of(FORMER), "kafka:registry/0", 10), 0L);
        int before = harness.extractOutputValues().size();

        harness.processElement(entry(USCC, NAME, List.of(FORMER), "kafka:registry/0", 12), 0L);

        assertThat(harness.extractOutputValues()).hasSize(before);
    }

    @Test
    void changesModeOnAWithdrawalRemovesEveryKeyAndClearsTheState() throws Exception {
        open(EmitMode.CHANGES);
        harness.processElement(entry(USCC, NAME, List.of(FORMER), "kafka:registry/0", 10), 0L);
        int before = exactKeyUpdates().size();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processElement(RegistryEntry.newBuilder(entry(USCC, NAME, List.of(FORMER), "kafka:registry/0", 11))
                .setDeleted(true).build(), 0L);

        List<IndexUpdate> withdrawal = exactKeyUpdates().subList(before, exactKeyUpdates().size());
        assertThat(withdrawal).containsExactlyInAnyOrder(
                new IndexUpdate(LinkKeys.USCC + USCC, USCC, NAME, false, false),
                new IndexUpdate(LinkKeys.ORG_CODE + ORG_CODE, USCC, NAME, false, false),
                new IndexUpdate(LinkKeys.REG_NO + REG_NO, USCC, NAME, false, false),
                new IndexUpdate(LinkKeys.NAME + NAME, USCC, NAME, false, false),
                new IndexUpdate(LinkKeys.NAME + FORMER, USCC, NAME, true, false));
        assertThat(harness.numKeyedStateEntries()).as("a withdrawn entry leaves no state").isZero();
    }

    // ---------------------------------------------------------------- helpers

    /** A registry entry of one enterprise with a USCC (its id) and a registration number. */
    static RegistryEntry entry(String enterpriseId, String name, List<String> formerNames, String file, long row) {
        return RegistryEntry.newBuilder()
                .setEnterpriseId(enterpriseId)
                .setUscc(enterpriseId.length() == 18 ? enterpriseId : null)
                .setName(name)
                .setRegNo(REG_NO)
                .setFormerNames(new ArrayList<>(formerNames))
                .setDivisionCode("211303")
                .setStatus("存续")
                .setSource(new SourceRef(file, row))
                .build();
    }

    /**
     * The index the updates leave behind, as KeyLookupFunction keeps it (per key, one match per
     * enterprise): "key=name" or "key=name (former)".
     */
    static List<String> indexAfter(List<IndexUpdate> updates) {
        Map<String, String> index = new TreeMap<>();
        for (IndexUpdate u : updates) {
            String slot = u.getKey() + "|" + u.getEnterpriseId();
            String value = u.getKey() + "=" + u.getName() + (u.getFormer() ? " (former)" : "");
            if (u.getAdd()) {
                index.put(slot, value);
            } else if (index.containsKey(slot) && index.get(slot).endsWith(" (former)") == u.getFormer()) {
                index.remove(slot);
            }
        }
        return new ArrayList<>(index.values());
    }

    /**
     * The output on the exact-match keys of docs/contract.md §6 tiers 1–5 ({@code U: O: R: N:}); keys of
     * other tiers (fuzzy blocking keys) are not this test's subject.
     */
    private List<IndexUpdate> exactKeyUpdates() {
        return harness.extractOutputValues().stream().filter(u -> EXACT_KEY.matcher(u.getKey()).lookingAt()).toList();
    }

    private void open(EmitMode mode) throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RegistryIndexer(mode)), RegistryEntry::getEnterpriseId, Types.STRING);
        harness.open();
    }
}
