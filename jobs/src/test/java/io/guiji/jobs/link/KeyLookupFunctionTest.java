package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.QualityFlags;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Harness tests of {@link KeyLookupFunction}: the join of registry index updates and record
 * subscriptions on one lookup key, symmetric in arrival order.
 */
class KeyLookupFunctionTest {
    static final String XINYUAN = "朝阳市鑫源建材有限公司";
    static final String XINYUAN_OLD = "朝阳市鑫源建材厂";
    static final String HONGDA = "朝阳市宏达商贸有限公司";
    static final String NAME_KEY = LinkKeys.NAME + XINYUAN;
    static final String OLD_NAME_KEY = LinkKeys.NAME + XINYUAN_OLD;
    static final String USCC_KEY = LinkKeys.USCC + "91110000600037341L";

    static final String E1 = "91110000600037341L";
    static final String E2 = "91310115MA1K3BTP2B";
    static final String E3 = "92340602MA2PBMEM24";

    static final String RECORD_A = "penalty:SCJG01:朝市监罚〔2024〕12号";
    static final String RECORD_B = "license:SCJG01:朝市监许〔2024〕3号";
    static final String RECORD_C = "inspection:SCJG02:JC-2024-77";

    private KeyedTwoInputStreamOperatorTestHarness<String, IndexUpdate, LookupRequest, LookupAnswer> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    // ---------------------------------------------------------------- FINAL

    static Stream<Arguments> arrivalOrders() {
        return Stream.of(Arguments.of("registry first", true), Arguments.of("requests first", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrivalOrders")
    void finalModeAnswersEverySubscriberOnceAtTheEndWhateverCameFirst(String name, boolean registryFirst)
            throws Exception {
        open(EmitMode.FINAL, 5);
        if (registryFirst) {
            sendRegistry();
            sendRequests();
        } else {
            sendRequests();
            sendRegistry();
        }
        assertThat(harness.extractOutputValues()).as("nothing before the end of input").isEmpty();
        assertThat(harness.numEventTimeTimers()).as("one timer per key asked for (a key only the registry uses answers no one)").isEqualTo(2);

        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false),
                new LookupAnswer(RECORD_B, NAME_KEY, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false),
                new LookupAnswer(RECORD_C, USCC_KEY, List.of(), false));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** Two entries and a withdrawn third under the name key; a USCC key nobody registered; one entry nobody asks for. */
    private void sendRegistry() throws Exception {
        harness.processElement1(add(NAME_KEY, E2, XINYUAN, false), 0L);
        harness.processElement1(add(NAME_KEY, E3, XINYUAN, false), 0L);
        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L);
        harness.processElement1(remove(NAME_KEY, E3, XINYUAN, false), 0L);
        harness.processElement1(add(LinkKeys.NAME + HONGDA, E3, HONGDA, false), 0L);
    }

    private void sendRequests() throws Exception {
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_B), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L); // idempotent re-subscription
        harness.processElement2(new LookupRequest(USCC_KEY, RECORD_C), 0L);
    }

    // ---------------------------------------------------------------- CHANGES

    @Test
    void changesModeAnswersOnSubscriptionAndReAnswersEverySubscriberOnEveryRegistryChange() throws Exception {
        open(EmitMode.CHANGES, 5);

        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);
        assertThat(harness.extractOutputValues()).containsExactly(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(), false));

        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L);
        assertThat(harness.extractOutputValues()).hasSize(2);

        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_B), 0L);
        assertThat(lastAnswers(1)).containsExactly(
                new LookupAnswer(RECORD_B, NAME_KEY, List.of(current(E1, XINYUAN)), false));

        harness.processElement1(add(NAME_KEY, E2, XINYUAN, false), 0L);
        assertThat(lastAnswers(2)).containsExactlyInAnyOrder(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false),
                new LookupAnswer(RECORD_B, NAME_KEY, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false));

        // E1 renamed away from this name: its current-name entry leaves the key.
        harness.processElement1(remove(NAME_KEY, E1, XINYUAN, false), 0L);
        assertThat(lastAnswers(2)).containsExactlyInAnyOrder(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E2, XINYUAN)), false),
                new LookupAnswer(RECORD_B, NAME_KEY, List.of(current(E2, XINYUAN)), false));

        assertThat(harness.extractOutputValues()).hasSize(7);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** The subscriber count: updates before any request send nothing, a repeated request subscribes once. */
    @Test
    void changesModeAnswersNoOneBeforeARequestAndEachSubscriberOncePerChange() throws Exception {
        open(EmitMode.CHANGES, 5);
        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L);
        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L); // the same entry again
        assertThat(harness.extractOutputValues()).as("answers before any request").isEmpty();

        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L); // a new version of the record asks again
        assertThat(harness.extractOutputValues()).hasSize(2);

        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L); // unchanged: no answer
        assertThat(harness.extractOutputValues()).hasSize(2);
        harness.processElement1(add(NAME_KEY, E2, XINYUAN, false), 0L);
        assertThat(lastAnswers(1)).containsExactly(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false));
        assertThat(harness.extractOutputValues()).as("one answer to the one subscriber").hasSize(3);
    }

    /** A fuzzy key past max-matches answers "truncated" to everyone; a change that keeps it so re-sends nothing. */
    @Test
    void aChangeUnderAFuzzyKeyThatStaysTruncatedSendsNothing() throws Exception {
        String fuzzy = LinkKeys.FUZZY_CORE + "鑫源建材";
        open(EmitMode.CHANGES, 1);
        harness.processElement1(add(fuzzy, E1, XINYUAN, false), 0L);
        harness.processElement1(add(fuzzy, E2, XINYUAN, false), 0L);
        harness.processElement2(new LookupRequest(fuzzy, RECORD_A), 0L);
        assertThat(harness.extractOutputValues()).containsExactly(new LookupAnswer(RECORD_A, fuzzy, List.of(), true));

        harness.processElement1(add(fuzzy, E3, XINYUAN, false), 0L); // 2 → 3 entries: still truncated
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.processElement1(remove(fuzzy, E3, XINYUAN, false), 0L); // 3 → 2
        harness.processElement1(remove(fuzzy, E2, XINYUAN, false), 0L); // 2 → 1: the answer changes
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(lastAnswers(1)).containsExactly(new LookupAnswer(RECORD_A, fuzzy, List.of(current(E1, XINYUAN)), false));
    }

    @Test
    void changesModeFollowsARenameOnTheOldAndTheNewNameKey() throws Exception {
        open(EmitMode.CHANGES, 5);
        harness.processElement1(add(OLD_NAME_KEY, E1, XINYUAN_OLD, false), 0L);
        harness.processElement2(new LookupRequest(OLD_NAME_KEY, RECORD_A), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_B), 0L);
        assertThat(harness.extractOutputValues()).containsExactly(
                new LookupAnswer(RECORD_A, OLD_NAME_KEY, List.of(current(E1, XINYUAN_OLD)), false),
                new LookupAnswer(RECORD_B, NAME_KEY, List.of(), false));

        // The updates RegistryIndexer sends for the rename 鑫源建材厂 → 鑫源建材有限公司 (曾用名 kept).
        for (IndexUpdate u : LinkKeys.diff(RegistryIndexerTest.entry(E1, XINYUAN_OLD, List.of(), "registry/a.csv", 1),
                RegistryIndexerTest.entry(E1, XINYUAN, List.of(XINYUAN_OLD), "registry/b.csv", 1))) {
            harness.processElement1(u, 0L);
        }

        List<LookupAnswer> out = harness.extractOutputValues();
        LookupAnswer lastForA = lastFor(out, RECORD_A);
        LookupAnswer lastForB = lastFor(out, RECORD_B);
        assertThat(lastForA).isEqualTo(new LookupAnswer(RECORD_A, OLD_NAME_KEY, List.of(former(E1, XINYUAN)), false));
        assertThat(lastForB).isEqualTo(new LookupAnswer(RECORD_B, NAME_KEY, List.of(current(E1, XINYUAN)), false));
    }

    @Test
    void removingAFormerNameEntryKeepsTheSameEnterprisesCurrentNameEntry() throws Exception {
        open(EmitMode.CHANGES, 5);
        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);

        harness.processElement1(remove(NAME_KEY, E1, XINYUAN, true), 0L);

        assertThat(harness.extractOutputValues()).last().isEqualTo(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E1, XINYUAN)), false));

        harness.processElement1(remove(NAME_KEY, E1, XINYUAN, false), 0L);
        assertThat(harness.extractOutputValues()).last().isEqualTo(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(), false));
    }

    @Test
    void removingAnEnterpriseThatIsNotUnderTheKeyChangesNothing() throws Exception {
        open(EmitMode.CHANGES, 5);
        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);

        harness.processElement1(remove(NAME_KEY, E2, XINYUAN, false), 0L);

        assertThat(harness.extractOutputValues()).last().isEqualTo(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E1, XINYUAN)), false));
    }

    // ---------------------------------------------------------------- truncation

    static Stream<Arguments> bothModes() {
        return Stream.of(Arguments.of(EmitMode.FINAL), Arguments.of(EmitMode.CHANGES));
    }

    @ParameterizedTest
    @MethodSource("bothModes")
    void moreEntriesThanMaxMatchesSendTheFirstByIdAndMarkTheAnswerTruncated(EmitMode mode) throws Exception {
        open(mode, 2);
        harness.processElement1(add(NAME_KEY, E3, XINYUAN, false), 0L);
        harness.processElement1(add(NAME_KEY, E2, XINYUAN, false), 0L);
        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).containsExactly(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), true));
    }

    @ParameterizedTest
    @MethodSource("bothModes")
    void exactlyMaxMatchesEntriesAreNotTruncated(EmitMode mode) throws Exception {
        open(mode, 2);
        harness.processElement1(add(NAME_KEY, E2, XINYUAN, false), 0L);
        harness.processElement1(add(NAME_KEY, E1, XINYUAN, false), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(harness.extractOutputValues()).containsExactly(
                new LookupAnswer(RECORD_A, NAME_KEY, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false));
    }

    /*
     * BUG (KeyLookupFunction#answer, LinkDecider#decide): the answer is cut to maxMatches entries by
     * enterprise id alone, ignoring whether an entry matches by its current or a former name, and
     * LinkDecider ignores `truncated`. A name key with more entries than maxMatches can then lose its
     * only current-name match (NAME becomes AMBIGUOUS_NAME) or hide a second one (an ambiguous name
     * is linked with confidence 0.95). docs/contract.md §6 tiers 4/5: current names first.
     */

    @Test
    void aTruncatedAnswerStillCarriesTheOnlyCurrentNameMatch() throws Exception {
        open(EmitMode.FINAL, 3);
        // Three enterprises once bore the name; one bears it now, with the greatest id.
        harness.processElement1(add(NAME_KEY, "91110000MA00000A11", "朝阳市鑫源建材甲有限公司", true), 0L);
        harness.processElement1(add(NAME_KEY, "91110000MA00000B11", "朝阳市鑫源建材乙有限公司", true), 0L);
        harness.processElement1(add(NAME_KEY, "91110000MA00000C11", "朝阳市鑫源建材丙有限公司", true), 0L);
        harness.processElement1(add(NAME_KEY, "91110000MA00000D11", XINYUAN, false), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        LookupAnswer answer = harness.extractOutputValues().get(0);
        assertThat(answer.getTruncated()).isTrue();
        assertThat(answer.getMatches()).as("the one current-name match must survive truncation")
                .contains(current("91110000MA00000D11", XINYUAN));
        assertThat(LinkDecider.decide(LinkDeciderTest.record(XINYUAN, f -> {}), Map.of(NAME_KEY, answer)))
                .satisfies(r -> {
                    assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NAME);
                    assertThat(r.getEnterpriseId()).isEqualTo("91110000MA00000D11");
                });
    }

    @Test
    void aTruncatedAnswerStillShowsThatACurrentNameIsAmbiguous() throws Exception {
        open(EmitMode.FINAL, 3);
        harness.processElement1(add(NAME_KEY, "91110000MA00000A11", XINYUAN, false), 0L);
        harness.processElement1(add(NAME_KEY, "91110000MA00000B11", "朝阳市鑫源建材乙有限公司", true), 0L);
        harness.processElement1(add(NAME_KEY, "91110000MA00000C11", "朝阳市鑫源建材丙有限公司", true), 0L);
        harness.processElement1(add(NAME_KEY, "91110000MA00000D11", XINYUAN, false), 0L);
        harness.processElement2(new LookupRequest(NAME_KEY, RECORD_A), 0L);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        LookupAnswer answer = harness.extractOutputValues().get(0);
        assertThat(LinkDecider.decide(LinkDeciderTest.record(XINYUAN, f -> {}), Map.of(NAME_KEY, answer)))
                .as("two enterprises bear the name now: no link")
                .satisfies(r -> {
                    assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE);
                    assertThat(r.getEnterpriseId()).isNull();
                    assertThat(r.getQualityFlags()).contains(QualityFlags.AMBIGUOUS_NAME);
                });
    }

    // ---------------------------------------------------------------- helpers

    static IndexUpdate add(String key, String enterpriseId, String name, boolean former) {
        return new IndexUpdate(key, enterpriseId, name, former, true);
    }

    static IndexUpdate remove(String key, String enterpriseId, String name, boolean former) {
        return new IndexUpdate(key, enterpriseId, name, former, false);
    }

    static RegistryMatch current(String enterpriseId, String name) {
        return new RegistryMatch(enterpriseId, name, false);
    }

    static RegistryMatch former(String enterpriseId, String name) {
        return new RegistryMatch(enterpriseId, name, true);
    }

    /** The count kept under a fuzzy key must follow adds, replacements, removes and no-op removes. */
    @ParameterizedTest
    @MethodSource("bothModes")
    void aFuzzyKeyIsTruncatedExactlyWhileItHoldsMoreThanMaxMatchesEntries(EmitMode mode) throws Exception {
        String fuzzy = LinkKeys.FUZZY_CORE + "鑫源建材";
        open(mode, 2);
        harness.processElement1(add(fuzzy, E1, XINYUAN, false), 0L);
        harness.processElement1(add(fuzzy, E1, XINYUAN, false), 0L); // the same place again: still one
        harness.processElement1(add(fuzzy, E1, XINYUAN_OLD, true), 0L); // a former name: a place of its own
        harness.processElement1(add(fuzzy, E2, XINYUAN, false), 0L);
        harness.processElement1(remove(fuzzy, E3, XINYUAN, false), 0L); // not there: nothing changes
        harness.processElement2(new LookupRequest(fuzzy, RECORD_A), 0L);
        harness.processElement1(remove(fuzzy, E1, XINYUAN_OLD, true), 0L);
        harness.processElement2(new LookupRequest(fuzzy, RECORD_B), 0L);
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        List<LookupAnswer> out = harness.extractOutputValues();
        if (mode == EmitMode.CHANGES) {
            assertThat(out.get(0)).as("three places under the key").isEqualTo(new LookupAnswer(RECORD_A, fuzzy, List.of(), true));
        }
        assertThat(lastFor(out, RECORD_A)).isEqualTo(
                new LookupAnswer(RECORD_A, fuzzy, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false));
        assertThat(lastFor(out, RECORD_B)).isEqualTo(
                new LookupAnswer(RECORD_B, fuzzy, List.of(current(E1, XINYUAN), current(E2, XINYUAN)), false));
    }

    private void open(EmitMode mode, int maxMatches) throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new KeyLookupFunction(mode, maxMatches)),
                IndexUpdate::getKey, LookupRequest::getKey, Types.STRING);
        harness.open();
    }

    private List<LookupAnswer> lastAnswers(int n) {
        List<LookupAnswer> out = harness.extractOutputValues();
        return out.subList(out.size() - n, out.size());
    }

    private static LookupAnswer lastFor(List<LookupAnswer> out, String recordId) {
        LookupAnswer last = null;
        for (LookupAnswer a : out) {
            if (a.getRecordId().equals(recordId)) {
                last = a;
            }
        }
        assertThat(last).as("an answer for %s", recordId).isNotNull();
        return last;
    }
}
