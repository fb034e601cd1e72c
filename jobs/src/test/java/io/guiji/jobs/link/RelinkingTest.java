package io.guiji.jobs.link;

import static io.guiji.jobs.dedup.Copies.RECORD_ID;
import static io.guiji.jobs.dedup.Copies.copy;
import static io.guiji.jobs.link.DedupLinkOperatorTest.BY_REG_NO_AND_NAME;
import static io.guiji.jobs.link.DedupLinkOperatorTest.E1;
import static io.guiji.jobs.link.DedupLinkOperatorTest.NAME;
import static io.guiji.jobs.link.DedupLinkOperatorTest.REG_NO;
import static io.guiji.jobs.link.DedupLinkOperatorTest.XINYUAN;
import static io.guiji.jobs.link.DedupLinkOperatorTest.delta;
import static io.guiji.jobs.link.DedupLinkOperatorTest.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.QualityFlags;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptDelta;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DedupLinkOperator} in CHANGES mode when the registry changes (docs/contract.md §6, order
 * independence): exactly the records whose last decision read a key the change touched are linked
 * again; a record is published again only when its link, flags or evidence changed, with version +
 * 1 and, when its enterprise or method changed, a {@link LinkChange}.
 */
class RelinkingTest {
    static final String HONGDA = "朝阳市宏达商贸有限公司";
    static final String E2 = "91310115MA1K3BTP2B";
    static final String R2 = "penalty:SCJG01:朝市监罚〔2024〕22号";
    static final String R3 = "penalty:SCJG01:朝市监罚〔2024〕33号";

    private LinkStages stages;

    @BeforeEach
    void open() throws Exception {
        stages = new LinkStages(EmitMode.CHANGES);
    }

    @AfterEach
    void close() throws Exception {
        stages.close();
    }

    @Test
    void aRecordBeforeItsRegistryEntryIsPublishedUnlinkedAndLinkedWhenTheEntryArrives()
            throws Exception {
        stages.copy(BY_REG_NO_AND_NAME);
        assertThat(stages.published())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getVersion()).isEqualTo(1);
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE);
                            assertThat(r.getEnterpriseId()).isNull();
                        });
        assertThat(stages.linkChanges()).as("a first publication is no change").isEmpty();

        stages.registry(XINYUAN);

        assertThat(stages.published()).hasSize(2);
        UnifiedRecord second = stages.published().get(1);
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(second.getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(second.getEnterpriseId()).isEqualTo(E1);
        assertThat(stages.linkChanges())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getRecordId()).isEqualTo(RECORD_ID);
                            assertThat(c.getOldEnterpriseId()).isNull();
                            assertThat(c.getNewEnterpriseId()).isEqualTo(E1);
                            assertThat(c.getOldMethod()).isEqualTo(LinkMethod.NONE);
                            assertThat(c.getNewMethod()).isEqualTo(LinkMethod.NAME);
                            assertThat(c.getVersion()).isEqualTo(2);
                            assertThat(c.getChangedAt())
                                    .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
                        });
        List<DeptDelta> deltas =
                DedupLinkOperatorTest.counts(stages.side(DedupLinkOperator.DEPT_DELTAS));
        assertThat(deltas).containsExactly(delta(1, 0, 1, 0), delta(0, 0, 0, 1));
        assertThat(sum(deltas))
                .as("the department's counters after both publications")
                .isEqualTo(delta(1, 0, 1, 1));
        assertThat(stages.count("relinkedRecords")).isEqualTo(1);

        stages.registry(XINYUAN); // the same entry again, from a later row: no key changes
        assertThat(stages.published()).hasSize(2);
        assertThat(stages.side(DedupLinkOperator.DEPT_DELTAS)).hasSize(2);
        assertThat(stages.count("relinkedRecords")).as("nothing to link again").isEqualTo(1);
        assertThat(stages.harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRegistryChangeLinksAgainExactlyTheRecordsWhoseDecisionReadAChangedKey() throws Exception {
        stages.copy(BY_REG_NO_AND_NAME).copy(named(R2, NAME)).copy(named(R3, HONGDA));
        assertThat(stages.published()).hasSize(3);

        stages.registry(XINYUAN);

        assertThat(stages.count("relinkedRecords"))
                .as("the two records named 鑫源建材, not 宏达")
                .isEqualTo(2);
        assertThat(stages.published().subList(3, stages.published().size()))
                .extracting(
                        UnifiedRecord::getRecordId,
                        UnifiedRecord::getVersion,
                        UnifiedRecord::getEnterpriseId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RECORD_ID, 2L, E1),
                        org.assertj.core.groups.Tuple.tuple(R2, 2L, E1));
        assertThat(stages.linkChanges())
                .extracting(LinkChange::getRecordId)
                .containsExactly(RECORD_ID, R2);

        stages.registry(LinkDeciderTest.entry(E2, HONGDA, null));
        assertThat(stages.count("relinkedRecords")).isEqualTo(3);
        assertThat(stages.latest().get(R3).getEnterpriseId()).isEqualTo(E2);
        assertThat(stages.latest().get(RECORD_ID).getVersion())
                .as("untouched by 宏达's entry")
                .isEqualTo(2);
    }

    @Test
    void aRecordWhoseNameChangedIsNoLongerLinkedAgainUnderItsOldName() throws Exception {
        stages.copy(named(R2, NAME));
        stages.copy(
                named(R2, HONGDA, "2024-04-01T00:00:00", 2)); // a later copy names another subject
        assertThat(stages.published()).hasSize(2);

        stages.registry(XINYUAN);

        assertThat(stages.count("relinkedRecords")).as("it reads 宏达's keys now").isZero();
        assertThat(stages.published()).hasSize(2);
    }

    @Test
    void nothingIsPublishedAgainWhenTheAnswerDoesNotChangeTheDecision() throws Exception {
        RegistryEntry byRegNo = LinkDeciderTest.entry(E2, HONGDA, REG_NO);
        stages.registry(byRegNo).copy(BY_REG_NO_AND_NAME);
        assertThat(stages.latest().get(RECORD_ID).getLinkMethod()).isEqualTo(LinkMethod.REG_NO);

        stages.registry(
                XINYUAN); // another enterprise under the record's name key: the registration number
        // still decides

        assertThat(stages.count("relinkedRecords")).isEqualTo(1);
        assertThat(stages.published()).hasSize(1);
        assertThat(stages.side(DedupLinkOperator.DEPT_DELTAS)).hasSize(1);
    }

    @Test
    void aWithdrawalUnlinksARecordLinkedByRegistrationNumber() throws Exception {
        RegistryEntry byRegNo = LinkDeciderTest.entry(E2, HONGDA, REG_NO);
        stages.registry(byRegNo).copy(BY_REG_NO_AND_NAME);
        assertThat(stages.latest().get(RECORD_ID))
                .satisfies(
                        r -> {
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.REG_NO);
                            assertThat(r.getEnterpriseId()).isEqualTo(E2);
                        });

        stages.registry(RegistryEntry.newBuilder(byRegNo).setDeleted(true).build());

        UnifiedRecord after = stages.latest().get(RECORD_ID);
        assertThat(after.getVersion()).isEqualTo(2);
        assertThat(after.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(after.getEnterpriseId()).isNull();
        assertThat(stages.linkChanges())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getOldEnterpriseId()).isEqualTo(E2);
                            assertThat(c.getNewEnterpriseId()).isNull();
                            assertThat(c.getOldMethod()).isEqualTo(LinkMethod.REG_NO);
                            assertThat(c.getNewMethod()).isEqualTo(LinkMethod.NONE);
                        });
        assertThat(DedupLinkOperatorTest.counts(stages.side(DedupLinkOperator.DEPT_DELTAS)))
                .containsExactly(delta(1, 0, 1, 1), delta(0, 0, 0, -1));
    }

    @Test
    void theUnregisteredCodeFlagFollowsTheRegistry() throws Exception {
        SupervisionRecord byUscc =
                copy(
                        RECORD_ID,
                        "records/SCJG01/penalty/2024-03.csv",
                        7,
                        "2024-03-01T09:00:00",
                        f -> f.setUscc(E1));
        stages.copy(byUscc);
        assertThat(stages.latest().get(RECORD_ID))
                .satisfies(
                        r -> {
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.USCC);
                            assertThat(r.getQualityFlags())
                                    .contains(QualityFlags.UNREGISTERED_CODE);
                            assertThat(r.getLinkEvidence())
                                    .containsExactly("uscc=" + E1 + ":not_in_registry");
                        });

        stages.registry(XINYUAN);
        assertThat(stages.latest().get(RECORD_ID))
                .satisfies(
                        r -> {
                            assertThat(r.getVersion()).isEqualTo(2);
                            assertThat(r.getQualityFlags())
                                    .doesNotContain(QualityFlags.UNREGISTERED_CODE);
                            assertThat(r.getLinkEvidence())
                                    .containsExactly("uscc=" + E1 + ":in_registry");
                        });

        stages.registry(RegistryEntry.newBuilder(XINYUAN).setDeleted(true).build());
        assertThat(stages.latest().get(RECORD_ID))
                .satisfies(
                        r -> {
                            assertThat(r.getVersion()).isEqualTo(3);
                            assertThat(r.getQualityFlags())
                                    .contains(QualityFlags.UNREGISTERED_CODE);
                        });
        assertThat(stages.linkChanges()).as("the link itself never changed").isEmpty();
        assertThat(sum(stages.side(DedupLinkOperator.DEPT_DELTAS))).isEqualTo(delta(1, 0, 1, 1));
    }

    @Test
    void aRenameMovesTheRecordsOfTheOldNameToFormerNameAndLinksThoseOfTheNewName()
            throws Exception {
        String oldName = "朝阳市鑫源建材厂";
        stages.registry(LinkDeciderTest.entry(E1, oldName, null));
        stages.copy(named(R2, oldName)).copy(named(R3, NAME));
        assertThat(stages.latest().get(R2).getLinkMethod()).isEqualTo(LinkMethod.NAME);

        stages.registry(LinkDeciderTest.entry(E1, NAME, null, oldName));

        assertThat(stages.latest().get(R2))
                .satisfies(
                        r -> {
                            assertThat(r.getEnterpriseId()).isEqualTo(E1);
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.FORMER_NAME);
                        });
        assertThat(stages.latest().get(R3))
                .satisfies(
                        r -> {
                            assertThat(r.getEnterpriseId()).isEqualTo(E1);
                            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NAME);
                        });
        assertThat(stages.linkChanges())
                .extracting(
                        LinkChange::getRecordId, LinkChange::getOldMethod, LinkChange::getNewMethod)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                R2, LinkMethod.NAME, LinkMethod.FORMER_NAME));
    }

    @Test
    void aChangeUnderABusyFuzzyKeyThatLeavesItBusyPublishesNothing() throws Exception {
        String record =
                "华盛商贸有限公司"; // no city: its name key is its own, only fuzzy keys reach the registry
        RegistryEntry e2 = LinkDeciderTest.entry(E2, "凌源市华盛商贸有限公司", null);
        RegistryEntry e3 =
                LinkDeciderTest.entry(LinkDeciderTest.usccWith("MA0000000"), "北票市华盛商贸有限公司", null);
        stages.close();
        stages = new LinkStages(LinkStages.metered(EmitMode.CHANGES, 1));
        stages.registry(LinkDeciderTest.entry(E1, "朝阳市华盛商贸有限公司", null)).registry(e2);
        stages.copy(named(R2, record));
        assertThat(stages.published())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.getLinkMethod())
                                        .as("its fuzzy keys are too common")
                                        .isEqualTo(LinkMethod.NONE));

        stages.registry(e3);
        assertThat(stages.count("relinkedRecords")).as("looked at again").isEqualTo(1);
        assertThat(stages.published()).as("but the answer is the same").hasSize(1);

        stages.registry(RegistryEntry.newBuilder(e2).setDeleted(true).build())
                .registry(RegistryEntry.newBuilder(e3).setDeleted(true).build());

        UnifiedRecord alone;
        try (LinkStages fresh = new LinkStages(LinkStages.metered(EmitMode.CHANGES, 1))) {
            alone =
                    fresh.registry(LinkDeciderTest.entry(E1, "朝阳市华盛商贸有限公司", null))
                            .copy(named(R2, record))
                            .latest()
                            .get(R2);
        }
        assertThat(stages.published()).hasSize(2);
        assertThat(DedupLinkOperatorTest.withoutVersion(stages.latest().get(R2)))
                .as("as if the other two had never been registered")
                .isEqualTo(DedupLinkOperatorTest.withoutVersion(alone));
    }

    /** A one-copy penalty {@code recordId} naming {@code name}, without codes. */
    @Test
    void aRegistrationUnderKeysBusyBeforeAndAfterItLinksNoRecordAgain() throws Exception {
        // every county's 华盛商贸: at one match a key, each of the record's fuzzy keys is over-full
        // before the last registration as after it, so its decision cannot change
        String record = "华盛商贸有限公司";
        List<String> counties = List.of("朝阳县", "建平县", "凌源市", "北票市", "喀左县", "龙城区");
        stages.close();
        stages = new LinkStages(LinkStages.metered(EmitMode.CHANGES, 1));
        for (int i = 0; i < counties.size() - 1; i++) {
            stages.registry(county(i, counties.get(i)));
        }
        stages.copy(named(R2, record));
        assertThat(stages.published()).singleElement();

        stages.registry(county(counties.size() - 1, counties.get(counties.size() - 1)));

        assertThat(stages.count("relinkedRecords")).as("not looked at again").isZero();
        assertThat(stages.published()).hasSize(1);
    }

    private static RegistryEntry county(int i, String county) {
        return LinkDeciderTest.entry(
                LinkDeciderTest.usccWith("MA00000" + (10 + i)), county + "华盛商贸有限公司", null);
    }

    static SupervisionRecord named(String recordId, String name) {
        return named(recordId, name, "2024-03-01T09:00:00", 1);
    }

    static SupervisionRecord named(String recordId, String name, String updatedAt, long row) {
        return copy(
                recordId,
                "records/SCJG01/penalty/" + recordId.hashCode() + ".csv",
                row,
                updatedAt,
                f -> {
                    f.setSubjectName(name);
                    f.setDocNo(recordId.substring(recordId.lastIndexOf(':') + 1));
                });
    }
}
