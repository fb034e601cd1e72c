package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link KeyLookupFunction} under fuzzy blocking keys: bounded answers, a place per current and former name. */
class FuzzyKeyLookupTest {
    static final String CORE_KEY = LinkKeys.FUZZY_CORE + "华盛商贸";
    static final String RECORD = "penalty:SCJG01:1";

    private KeyedTwoInputStreamOperatorTestHarness<String, IndexUpdate, LookupRequest, LookupAnswer> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aFuzzyKeyWithMoreEntriesThanTheCapAnswersTruncatedAndEmpty() throws Exception {
        open(3);
        for (int i = 1; i <= 4; i++) {
            harness.processElement1(new IndexUpdate(CORE_KEY, "E" + i, "朝阳市华盛商贸有限公司", false, true), 0L);
        }
        harness.processElement2(new LookupRequest(CORE_KEY, RECORD), 0L);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.getTruncated()).isTrue();
            assertThat(a.getMatches()).as("too common to tell anything: no entries, so nothing links on it").isEmpty();
        });

        harness.processElement1(new IndexUpdate(CORE_KEY, "E4", "朝阳市华盛商贸有限公司", false, false), 0L);
        List<LookupAnswer> out = harness.extractOutputValues();
        assertThat(out.get(out.size() - 1).getTruncated()).as("back under the cap").isFalse();
        assertThat(out.get(out.size() - 1).getMatches()).extracting(RegistryMatch::getEnterpriseId)
                .containsExactly("E1", "E2", "E3");
    }

    @Test
    void anExactKeyStillAnswersTheFirstEntriesById() {
        List<RegistryMatch> entries = new ArrayList<>();
        for (int i = 4; i >= 1; i--) {
            entries.add(new RegistryMatch("E" + i, "朝阳市华盛商贸有限公司", false));
        }

        LookupAnswer a = KeyLookupFunction.answer(LinkKeys.NAME + "朝阳市华盛商贸有限公司", RECORD, entries, 3);

        assertThat(a.getTruncated()).isTrue();
        assertThat(a.getMatches()).extracting(RegistryMatch::getEnterpriseId).containsExactly("E1", "E2", "E3");
    }

    @Test
    void aCurrentAndAFormerNameSharingAFuzzyKeyEachKeepTheirPlace() throws Exception {
        open(16);
        harness.processElement1(new IndexUpdate(CORE_KEY, "E1", "朝阳市华盛商贸有限公司", false, true), 0L);
        harness.processElement1(new IndexUpdate(CORE_KEY, "E1", "朝阳市华盛商贸厂", true, true), 0L);
        harness.processElement2(new LookupRequest(CORE_KEY, RECORD), 0L);

        assertThat(last().getMatches()).extracting(RegistryMatch::getName)
                .containsExactlyInAnyOrder("朝阳市华盛商贸有限公司", "朝阳市华盛商贸厂");

        harness.processElement1(new IndexUpdate(CORE_KEY, "E1", "朝阳市华盛商贸有限公司", false, false), 0L);

        assertThat(last().getMatches()).singleElement()
                .satisfies(m -> assertThat(m.getFormer()).isTrue());
    }

    private LookupAnswer last() {
        List<LookupAnswer> out = harness.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private void open(int maxMatches) throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new KeyLookupFunction(EmitMode.CHANGES, maxMatches)),
                IndexUpdate::getKey, LookupRequest::getKey, Types.STRING);
        harness.open();
    }
}
