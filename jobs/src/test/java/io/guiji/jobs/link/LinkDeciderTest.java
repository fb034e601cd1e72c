package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.normalize.RegNo;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The tiers of docs/contract.md §6 in {@link LinkDecider}. Answers come from a small registry
 * through the real key functions ({@link LinkKeys#requestsFor}, {@link LinkKeys#keysOf}), as the
 * lookup stage would give them.
 */
class LinkDeciderTest {
    static final String XINYUAN_USCC = "91110000600037341L";
    static final String XINYUAN_ORG_CODE = "600037341";
    static final String XINYUAN = "朝阳市鑫源建材有限公司";
    static final String XINYUAN_FORMER = "朝阳市鑫源建材厂";
    static final String HONGDA_USCC = "91310115MA1K3BTP2B";
    static final String HONGDA_REG_NO = "110108000000016";
    static final String HONGDA = "朝阳市宏达商贸有限公司";
    static final String INDIVIDUAL_USCC = "92340602MA2PBMEM24";
    static final String INDIVIDUAL = "朝阳市龙城区李四便利店";

    /** Valid codes no registry entry carries. */
    static final String UNKNOWN_REG_NO = "11010800000002" + RegNo.checkDigit("11010800000002");

    static final String UNKNOWN_ORG_CODE = "10000018X";
    static final String UNREGISTERED_USCC = "91350100M000100Y43";

    static final RegistryEntry XINYUAN_ENTRY = entry(XINYUAN_USCC, XINYUAN, null, XINYUAN_FORMER);
    static final RegistryEntry HONGDA_ENTRY = entry(HONGDA_USCC, HONGDA, HONGDA_REG_NO);
    static final RegistryEntry INDIVIDUAL_ENTRY = entry(INDIVIDUAL_USCC, INDIVIDUAL, null);

    /** Once called 朝阳市宏达商贸有限公司: the current name of another enterprise. */
    static final RegistryEntry FORMERLY_HONGDA_ENTRY =
            entry(usccWith("MA0000000"), "朝阳市宏远商贸有限公司", null, HONGDA);

    static final List<RegistryEntry> REGISTRY =
            List.of(XINYUAN_ENTRY, HONGDA_ENTRY, INDIVIDUAL_ENTRY, FORMERLY_HONGDA_ENTRY);

    // ---------------------------------------------------------------- tiers and precedence

    @Test
    void tier1ValidUsccLinksByUsccAndBeatsEveryOtherCode() {
        UnifiedRecord r =
                record(
                        HONGDA,
                        f -> {
                            f.setUscc(XINYUAN_USCC);
                            f.setRegNo(HONGDA_REG_NO);
                        });

        UnifiedRecord linked = decide(r);

        assertThat(LinkKeys.requestsFor(r))
                .extracting(LookupRequest::getKey)
                .as("a valid USCC asks only for its own registration")
                .containsExactly(LinkKeys.USCC + XINYUAN_USCC);
        assertLink(linked, XINYUAN_USCC, LinkMethod.USCC, LinkDecider.USCC_CONFIDENCE);
        assertThat(linked.getQualityFlags()).doesNotContain(QualityFlags.UNREGISTERED_CODE);
    }

    @Test
    void tier1ValidUsccMissingFromTheRegistryStillLinksAndIsFlaggedUnregistered() {
        UnifiedRecord r = record(XINYUAN, f -> f.setUscc(UNREGISTERED_USCC));

        UnifiedRecord linked = decide(r);

        assertLink(linked, UNREGISTERED_USCC, LinkMethod.USCC, LinkDecider.USCC_CONFIDENCE);
        assertThat(linked.getQualityFlags()).containsExactly(QualityFlags.UNREGISTERED_CODE);
    }

    @Test
    void anInvalidUsccIsNotUsedAndTheNextTierDecides() {
        UnifiedRecord r =
                record(XINYUAN, f -> f.setUscc("91110000600037341K"), QualityFlags.INVALID_USCC);

        UnifiedRecord linked = decide(r);

        assertLink(linked, XINYUAN_USCC, LinkMethod.NAME, LinkDecider.NAME_CONFIDENCE);
        assertThat(linked.getQualityFlags()).containsExactly(QualityFlags.INVALID_USCC);
    }

    @Test
    void tier2RegistrationNumberBeatsOrganizationCodeAndName() {
        UnifiedRecord r =
                record(
                        XINYUAN,
                        f -> {
                            f.setRegNo(HONGDA_REG_NO);
                            f.setOrgCode(XINYUAN_ORG_CODE);
                        });

        assertLink(decide(r), HONGDA_USCC, LinkMethod.REG_NO, LinkDecider.REG_NO_CONFIDENCE);
    }

    @Test
    void tier3OrganizationCodeBeatsNameWhenTheRegistrationNumberIsUnknown() {
        UnifiedRecord r =
                record(
                        HONGDA,
                        f -> {
                            f.setRegNo(UNKNOWN_REG_NO);
                            f.setOrgCode(XINYUAN_ORG_CODE);
                        });

        assertLink(decide(r), XINYUAN_USCC, LinkMethod.ORG_CODE, LinkDecider.ORG_CODE_CONFIDENCE);
    }

    @Test
    void tier4NameLinksWhenNoCodeIsFound() {
        UnifiedRecord r =
                record(
                        "朝阳市 鑫源建材有限公司",
                        f -> {
                            f.setRegNo(UNKNOWN_REG_NO);
                            f.setOrgCode(UNKNOWN_ORG_CODE);
                        });

        UnifiedRecord linked = decide(r);

        assertLink(linked, XINYUAN_USCC, LinkMethod.NAME, LinkDecider.NAME_CONFIDENCE);
        assertThat(linked.getCandidates()).isEmpty();
        assertThat(linked.getQualityFlags()).isEmpty();
    }

    @Test
    void tier4CurrentNameBeatsAnotherEnterprisesFormerName() {
        UnifiedRecord linked = decide(record(HONGDA, f -> {}));

        assertLink(linked, HONGDA_USCC, LinkMethod.NAME, LinkDecider.NAME_CONFIDENCE);
        assertThat(linked.getQualityFlags()).doesNotContain(QualityFlags.AMBIGUOUS_NAME);
    }

    @Test
    void tier5FormerNameLinksWhenNoCurrentNameMatches() {
        UnifiedRecord linked = decide(record(XINYUAN_FORMER, f -> {}));

        assertLink(
                linked, XINYUAN_USCC, LinkMethod.FORMER_NAME, LinkDecider.FORMER_NAME_CONFIDENCE);
    }

    @Test
    void tier7NothingFoundIsNone() {
        UnifiedRecord linked = decide(record("大连海星渔业有限公司", f -> f.setOrgCode(UNKNOWN_ORG_CODE)));

        assertLink(linked, null, LinkMethod.NONE, 0.0);
        assertThat(linked.getCandidates()).isEmpty();
        assertThat(linked.getQualityFlags()).isEmpty();
    }

    // ---------------------------------------------------------------- ambiguity

    @Test
    void aNameOfTwoEnterprisesStaysUnlinkedWithBothAsCandidates() {
        RegistryEntry first = entry(usccWith("MA0000001"), "朝阳市利民商店", null);
        RegistryEntry second = entry(usccWith("MA0000002"), "朝阳市利民商店", null);

        UnifiedRecord linked = decide(record("朝阳市利民商店", f -> {}), List.of(first, second));

        assertLink(linked, null, LinkMethod.NONE, 0.0);
        assertThat(linked.getQualityFlags()).containsExactly(QualityFlags.AMBIGUOUS_NAME);
        assertThat(linked.getCandidates())
                .containsExactlyInAnyOrder(
                        new LinkCandidate(first.getEnterpriseId(), "朝阳市利民商店", 1.0),
                        new LinkCandidate(second.getEnterpriseId(), "朝阳市利民商店", 1.0));
    }

    @Test
    void aFormerNameOfTwoEnterprisesStaysUnlinkedWithBothAsCandidates() {
        RegistryEntry first = entry(usccWith("MA0000001"), "朝阳市利民超市有限公司", null, "朝阳市利民商店");
        RegistryEntry second = entry(usccWith("MA0000002"), "朝阳市利民百货有限公司", null, "朝阳市利民商店");

        UnifiedRecord linked = decide(record("朝阳市利民商店", f -> {}), List.of(first, second));

        assertLink(linked, null, LinkMethod.NONE, 0.0);
        assertThat(linked.getQualityFlags()).containsExactly(QualityFlags.AMBIGUOUS_NAME);
        assertThat(linked.getCandidates())
                .extracting(LinkCandidate::getEnterpriseId)
                .containsExactlyInAnyOrder(first.getEnterpriseId(), second.getEnterpriseId());
    }

    // ---------------------------------------------------------------- natural persons

    @Test
    void aNaturalPersonWithoutCodesIsPersonAndAsksNothing() {
        UnifiedRecord r =
                record(
                        INDIVIDUAL,
                        f -> {
                            f.setSubjectCategory("自然人");
                            f.setIdType("身份证");
                            f.setIdNo("11010519491231002X");
                        });

        UnifiedRecord linked = decide(r);

        assertThat(LinkKeys.requestsFor(r)).isEmpty();
        assertThat(LinkDecider.answered(r, Map.of())).isTrue();
        assertLink(linked, null, LinkMethod.PERSON, 0.0);
        assertThat(linked.getQualityFlags()).isEmpty();
    }

    @Test
    void aSubjectKnownOnlyByAnIdNumberIsPersonEvenIfTheNameIsInTheRegistry() {
        UnifiedRecord r =
                record(
                        XINYUAN,
                        f -> {
                            f.setSubjectCategory(null);
                            f.setIdNo("11010519491231002X");
                        });

        assertLink(decide(r), null, LinkMethod.PERSON, 0.0);
    }

    @Test
    void aNaturalPersonWithAValidIndividualBusinessUsccIsLinkedByUsccAndRelabelled() {
        UnifiedRecord r =
                record(
                        INDIVIDUAL,
                        f -> {
                            f.setSubjectCategory("自然人");
                            f.setUscc(INDIVIDUAL_USCC);
                        });

        UnifiedRecord linked = decide(r);

        assertLink(linked, INDIVIDUAL_USCC, LinkMethod.USCC, LinkDecider.USCC_CONFIDENCE);
        assertThat(linked.getQualityFlags()).containsExactly(QualityFlags.CATEGORY_MISMATCH);
        assertThat(linked.getFields().getSubjectCategory()).isEqualTo("个体工商户");
        assertThat(r.getFields().getSubjectCategory())
                .as("the input record is not changed")
                .isEqualTo("自然人");
    }

    // ---------------------------------------------------------------- names that differ

    @Test
    void aBranchDoesNotMatchItsHeadOffice() {
        UnifiedRecord branch = record(XINYUAN + "龙城分公司", f -> {});

        assertLink(decide(branch), null, LinkMethod.NONE, 0.0);

        RegistryEntry branchEntry = entry(usccWith("MA0000003"), XINYUAN + "龙城分公司", null);
        List<RegistryEntry> withBranch = new ArrayList<>(REGISTRY);
        withBranch.add(branchEntry);
        assertLink(
                decide(branch, withBranch),
                branchEntry.getEnterpriseId(),
                LinkMethod.NAME,
                LinkDecider.NAME_CONFIDENCE);
        assertLink(
                decide(record(XINYUAN, f -> {}), withBranch),
                XINYUAN_USCC,
                LinkMethod.NAME,
                LinkDecider.NAME_CONFIDENCE);
    }

    @Test
    void youXianGongSiIsNotYouXianZeRenGongSi() {
        UnifiedRecord r = record("朝阳市鑫源建材有限责任公司", f -> {});

        assertLink(decide(r), null, LinkMethod.NONE, 0.0);
    }

    // ---------------------------------------------------------------- answered

    @Test
    void aRecordIsAnsweredOnlyWhenEveryKeyItAsksHasAnAnswer() {
        UnifiedRecord r = record(XINYUAN, f -> f.setRegNo(UNKNOWN_REG_NO));
        Map<String, LookupAnswer> answers = answersFrom(r, REGISTRY);
        assertThat(answers).containsKeys(LinkKeys.REG_NO + UNKNOWN_REG_NO, LinkKeys.NAME + XINYUAN);
        assertThat(LinkDecider.answered(r, answers)).isTrue();

        answers.remove(LinkKeys.REG_NO + UNKNOWN_REG_NO);
        assertThat(LinkDecider.answered(r, answers)).isFalse();
    }

    @Test
    void answersForKeysTheRecordNoLongerAsksAreIgnored() {
        UnifiedRecord r = record("大连海星渔业有限公司", f -> {});
        Map<String, LookupAnswer> answers = answersFrom(r, REGISTRY);
        answers.put(
                LinkKeys.NAME + XINYUAN,
                new LookupAnswer(
                        r.getRecordId(),
                        LinkKeys.NAME + XINYUAN,
                        List.of(new RegistryMatch(XINYUAN_USCC, XINYUAN, false)),
                        false));

        assertLink(LinkDecider.decide(r, answers), null, LinkMethod.NONE, 0.0);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertLink(
            UnifiedRecord r, String enterpriseId, LinkMethod method, double confidence) {
        assertThat(r.getEnterpriseId()).as("enterprise_id").isEqualTo(enterpriseId);
        assertThat(r.getLinkMethod()).as("link_method").isEqualTo(method);
        assertThat(r.getLinkConfidence()).as("link_confidence").isEqualTo(confidence);
    }

    static UnifiedRecord decide(UnifiedRecord r) {
        return decide(r, REGISTRY);
    }

    static UnifiedRecord decide(UnifiedRecord r, List<RegistryEntry> registry) {
        return LinkDecider.decide(r, answersFrom(r, registry));
    }

    /** What the lookup stage answers for each key the record asks, given these registry entries. */
    static Map<String, LookupAnswer> answersFrom(UnifiedRecord r, List<RegistryEntry> registry) {
        Map<String, TreeMap<String, RegistryMatch>> index = new HashMap<>();
        for (RegistryEntry e : registry) {
            for (Map.Entry<String, Boolean> k : LinkKeys.keysOf(e).entrySet()) {
                index.computeIfAbsent(k.getKey(), x -> new TreeMap<>())
                        .put(
                                e.getEnterpriseId(),
                                new RegistryMatch(e.getEnterpriseId(), e.getName(), k.getValue()));
            }
        }
        Map<String, LookupAnswer> answers = new HashMap<>();
        for (LookupRequest q : LinkKeys.requestsFor(r)) {
            List<RegistryMatch> matches =
                    new ArrayList<>(index.getOrDefault(q.getKey(), new TreeMap<>()).values());
            answers.put(q.getKey(), new LookupAnswer(r.getRecordId(), q.getKey(), matches, false));
        }
        return answers;
    }

    static UnifiedRecord record(
            String subjectName, Consumer<DecisionFields> change, String... flags) {
        DecisionFields f =
                DecisionFields.newBuilder()
                        .setDocNo("朝市监罚〔2024〕12号")
                        .setSubjectName(subjectName)
                        .setSubjectCategory("法人及非法人组织")
                        .setDecisionDate("2024-02-20")
                        .setStatus(RecordStatus.ACTIVE)
                        .build();
        change.accept(f);
        return UnifiedRecord.newBuilder()
                .setRecordId("penalty:SCJG01:朝市监罚〔2024〕12号")
                .setVersion(1)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(f)
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setQualityFlags(new ArrayList<>(List.of(flags)))
                .setSources(
                        new ArrayList<>(List.of(new SourceRef("records/SCJG01/penalty/a.csv", 1L))))
                .build();
    }

    static RegistryEntry entry(String uscc, String name, String regNo, String... formerNames) {
        return RegistryEntry.newBuilder()
                .setEnterpriseId(uscc)
                .setUscc(uscc)
                .setName(name)
                .setRegNo(regNo)
                .setFormerNames(new ArrayList<>(List.of(formerNames)))
                .setSource(new SourceRef("registry/a.csv", 1L))
                .build();
    }

    /** A valid USCC of Beijing with the given nine characters as its organization code part. */
    static String usccWith(String orgCodePart) {
        return check("91110000" + orgCodePart);
    }

    private static String check(String first17) {
        return first17 + Uscc.checkChar(first17);
    }
}
