package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tier 6 and re-linking through the real operator ({@link LinkStages}: {@code DedupLinkOperator} in
 * a harness): the result does not depend on whether a record or its registry entry came first,
 * registry changes re-link, and every change of link is in the changelog.
 */
class FuzzyLinkingTest {
    static final String HUASHENG = "朝阳市华盛商贸有限公司";

    /**
     * Traditional script with the place in brackets: since the exact name key folds script, only
     * the bracketed place keeps this from the exact tier, so the fuzzy tier links it.
     */
    static final String HUASHENG_TRADITIONAL = "華盛商貿（朝陽）有限公司";

    static final String E1 = "91211300MA0000001A";
    static final String E2 = "91211300MA0000002A";
    static final String R1 = "penalty:SCJG01:1";
    static final String R2 = "penalty:SCJG01:2";

    private LinkStages stages;

    @AfterEach
    void close() throws Exception {
        if (stages != null) {
            stages.close();
        }
    }

    // ---------------------------------------------------------------- arrival order

    @Test
    void aRecordBeforeItsRegistryEntryEndsLinkedExactlyAsIfTheEntryHadComeFirst() throws Exception {
        UnifiedRecord entryFirst;
        try (LinkStages s = new LinkStages(EmitMode.CHANGES)) {
            s.registry(entry(E1, HUASHENG))
                    .registry(entry(E2, "凌源市华星商贸有限公司"))
                    .record(record(R1, "华胜商贸有限公司"));
            entryFirst = s.latest().get(R1);
            assertThat(s.published()).as("one publication, already linked").hasSize(1);
            assertThat(s.linkChanges()).isEmpty();
        }
        stages = new LinkStages(EmitMode.CHANGES);
        stages.record(record(R1, "华胜商贸有限公司"));
        assertThat(stages.latest().get(R1).getLinkMethod())
                .as("nothing to link to yet")
                .isEqualTo(LinkMethod.NONE);
        stages.registry(entry(E2, "凌源市华星商贸有限公司")).registry(entry(E1, HUASHENG));
        UnifiedRecord recordFirst = stages.latest().get(R1);

        assertThat(entryFirst.getEnterpriseId()).isEqualTo(E1);
        assertThat(entryFirst.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(entryFirst.getLinkConfidence()).isEqualTo(0.91);
        assertThat(entryFirst.getLinkEvidence())
                .contains("trade_name=homophone:华胜/华盛", "region=record_lacks:2113");
        assertThat(withoutVersion(recordFirst)).isEqualTo(withoutVersion(entryFirst));
        assertThat(stages.linkChanges())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getOldEnterpriseId()).isNull();
                            assertThat(c.getNewEnterpriseId()).isEqualTo(E1);
                            assertThat(c.getOldMethod()).isEqualTo(LinkMethod.NONE);
                            assertThat(c.getNewMethod()).isEqualTo(LinkMethod.FUZZY);
                        });
    }

    @Test
    void aBoundedRunGivesTheSameLinksWhateverTheArrivalOrder() throws Exception {
        List<RegistryEntry> registry = List.of(entry(E1, HUASHENG), entry(E2, "凌源市华盛商贸有限公司"));
        List<UnifiedRecord> records =
                List.of(record(R1, HUASHENG_TRADITIONAL), record(R2, "华盛商贸有限公司"));

        Map<String, UnifiedRecord> registryFirst;
        try (LinkStages s = new LinkStages(EmitMode.FINAL)) {
            for (RegistryEntry e : registry) {
                s.registry(e);
            }
            for (UnifiedRecord r : records) {
                s.record(r);
            }
            registryFirst = s.end().latest();
        }
        stages = new LinkStages(EmitMode.FINAL);
        for (int i = records.size() - 1; i >= 0; i--) {
            stages.record(records.get(i));
        }
        for (int i = registry.size() - 1; i >= 0; i--) {
            stages.registry(registry.get(i));
        }
        Map<String, UnifiedRecord> recordsFirst = stages.end().latest();

        assertThat(recordsFirst).isEqualTo(registryFirst);
        assertThat(registryFirst.get(R1).getEnterpriseId()).isEqualTo(E1);
        assertThat(registryFirst.get(R1).getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(registryFirst.get(R2).getLinkMethod())
                .as("華盛 in two divisions, no prefix")
                .isEqualTo(LinkMethod.NONE);
        assertThat(registryFirst.get(R2).getCandidates())
                .extracting(c -> c.getEnterpriseId())
                .containsExactly(E1, E2);
    }

    // ---------------------------------------------------------------- branches

    @ParameterizedTest(name = "{0}")
    @EnumSource(EmitMode.class)
    void aBranchNeverLinksToItsHeadOffice(EmitMode mode) throws Exception {
        stages = new LinkStages(mode);
        stages.record(record(R1, HUASHENG_TRADITIONAL + "建平分公司")).registry(entry(E1, HUASHENG));
        if (mode == EmitMode.FINAL) {
            stages.end();
        }

        UnifiedRecord branch = stages.latest().get(R1);
        assertThat(branch.getEnterpriseId()).isNull();
        assertThat(branch.getLinkMethod()).isEqualTo(LinkMethod.NONE);
        assertThat(branch.getLinkEvidence()).contains("fuzzy=refused:record_is_branch");
    }

    @Test
    void aBranchLinksToItselfOnceRegisteredAndTheHeadOfficeRecordStaysWithTheHeadOffice()
            throws Exception {
        stages = new LinkStages(EmitMode.CHANGES);
        stages.registry(entry(E1, HUASHENG))
                .record(record(R1, HUASHENG_TRADITIONAL + "建平分公司"))
                .record(record(R2, HUASHENG_TRADITIONAL));
        stages.registry(entry(E2, HUASHENG + "建平分公司"));

        assertThat(stages.latest().get(R1).getEnterpriseId()).isEqualTo(E2);
        assertThat(stages.latest().get(R2).getEnterpriseId()).isEqualTo(E1);
        assertThat(stages.linkChanges()).extracting(LinkChange::getRecordId).containsExactly(R1);
    }

    // ---------------------------------------------------------------- registry changes

    @Test
    void aRenameReLinksThroughTheFormerName() throws Exception {
        stages = new LinkStages(EmitMode.CHANGES);
        stages.registry(entry(E1, HUASHENG))
                .record(record(R1, HUASHENG))
                .record(record(R2, HUASHENG_TRADITIONAL));
        assertThat(stages.latest().get(R1).getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(stages.latest().get(R2).getLinkMethod()).isEqualTo(LinkMethod.FUZZY);

        stages.registry(entry(E1, "朝阳市华盛达科技有限公司", HUASHENG));

        UnifiedRecord exact = stages.latest().get(R1);
        UnifiedRecord fuzzy = stages.latest().get(R2);
        assertThat(exact.getEnterpriseId()).isEqualTo(E1);
        assertThat(exact.getLinkMethod()).isEqualTo(LinkMethod.FORMER_NAME);
        assertThat(exact.getVersion()).isEqualTo(2);
        assertThat(fuzzy.getEnterpriseId()).isEqualTo(E1);
        assertThat(fuzzy.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(fuzzy.getLinkEvidence())
                .contains("matched_former_name=" + HUASHENG, "former_name");
        assertThat(stages.linkChanges())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getRecordId()).isEqualTo(R1);
                            assertThat(c.getOldMethod()).isEqualTo(LinkMethod.NAME);
                            assertThat(c.getNewMethod()).isEqualTo(LinkMethod.FORMER_NAME);
                        });
    }

    @Test
    void aNewSimilarEntryTurnsAFuzzyLinkIntoAReviewAndTheChangelogSaysSo() throws Exception {
        stages = new LinkStages(EmitMode.CHANGES);
        stages.registry(entry(E1, "建平县华盛商贸有限公司")).record(record(R1, "华盛商贸有限公司"));
        assertThat(stages.latest().get(R1).getEnterpriseId()).isEqualTo(E1);

        stages.registry(entry(E2, "凌源市华盛商贸有限公司"));

        UnifiedRecord r = stages.latest().get(R1);
        assertThat(r.getEnterpriseId()).isNull();
        assertThat(r.getCandidates()).extracting(c -> c.getEnterpriseId()).containsExactly(E1, E2);
        assertThat(r.getLinkEvidence()).contains("fuzzy=below_min_margin:0.050");
        assertThat(stages.linkChanges())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getOldEnterpriseId()).isEqualTo(E1);
                            assertThat(c.getNewEnterpriseId()).isNull();
                            assertThat(c.getOldMethod()).isEqualTo(LinkMethod.FUZZY);
                            assertThat(c.getNewMethod()).isEqualTo(LinkMethod.NONE);
                        });
    }

    @Test
    void aWithdrawnEntryUnlinksAndACorrectedNameLinks() throws Exception {
        stages = new LinkStages(EmitMode.CHANGES);
        stages.registry(entry(E1, "朝阳市华兴商贸有限公司")).record(record(R1, HUASHENG_TRADITIONAL));
        assertThat(stages.latest().get(R1).getEnterpriseId()).as("華盛 is not 华兴").isNull();

        stages.registry(entry(E1, HUASHENG)); // the registry corrects the name
        assertThat(stages.latest().get(R1).getEnterpriseId()).isEqualTo(E1);

        RegistryEntry withdrawn = entry(E1, HUASHENG);
        withdrawn.setDeleted(true);
        stages.registry(withdrawn);
        assertThat(stages.latest().get(R1).getEnterpriseId()).isNull();
        assertThat(stages.linkChanges())
                .extracting(LinkChange::getNewMethod)
                .containsExactly(LinkMethod.FUZZY, LinkMethod.NONE);
    }

    @Test
    void naturalPersonsAreNeverLinkedWhateverTheRegistryHolds() throws Exception {
        stages = new LinkStages(EmitMode.CHANGES);
        UnifiedRecord person = record(R1, "张伟");
        person.getFields().setSubjectCategory("自然人");
        stages.registry(entry(E1, "朝阳市张伟商贸有限公司")).record(person);

        assertThat(stages.latest().get(R1).getLinkMethod()).isEqualTo(LinkMethod.PERSON);
        assertThat(LinkKeys.requestsFor(person)).isEmpty();
    }

    @Test
    void fuzzyKeysComeAfterTheExactOnesAndTheExactTiersStillDecideFirst() throws Exception {
        stages = new LinkStages(EmitMode.CHANGES);
        // E2 is the exact name; E1 would be a fuzzy match of the same text written another way.
        stages.registry(entry(E1, HUASHENG_TRADITIONAL.replace("朝陽市", "朝阳市 ")))
                .registry(entry(E2, HUASHENG))
                .record(record(R1, HUASHENG));

        assertThat(stages.latest().get(R1).getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(stages.latest().get(R1).getEnterpriseId()).isEqualTo(E2);
    }

    // ---------------------------------------------------------------- fixtures

    static RegistryEntry entry(String id, String name, String... formerNames) {
        return RegistryEntry.newBuilder()
                .setEnterpriseId(id)
                .setUscc(id)
                .setName(name)
                .setFormerNames(new ArrayList<>(List.of(formerNames)))
                .setSource(new SourceRef("registry/a.csv", 1L))
                .build();
    }

    static UnifiedRecord record(String recordId, String subjectName) {
        DecisionFields f =
                DecisionFields.newBuilder()
                        .setDocNo(
                                "朝市监罚〔2024〕"
                                        + recordId.substring(recordId.lastIndexOf(':') + 1)
                                        + "号")
                        .setSubjectName(subjectName)
                        .setSubjectCategory("法人及非法人组织")
                        .setDecisionDate("2024-02-20")
                        .setStatus(RecordStatus.ACTIVE)
                        .build();
        return UnifiedRecord.newBuilder()
                .setRecordId(recordId)
                .setVersion(1)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(f)
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setQualityFlags(new ArrayList<>())
                .setSources(
                        new ArrayList<>(List.of(new SourceRef("records/SCJG01/penalty/a.csv", 1L))))
                .build();
    }

    private static UnifiedRecord withoutVersion(UnifiedRecord r) {
        return UnifiedRecord.newBuilder(r).setVersion(0).build();
    }
}
