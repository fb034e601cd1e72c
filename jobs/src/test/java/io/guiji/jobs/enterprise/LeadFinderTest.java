package io.guiji.jobs.enterprise;

import static io.guiji.jobs.enterprise.Records.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LeadEvidence;
import io.guiji.schemas.UnifiedRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LeadFinder} under the built-in rules: each kind of lead, its evidence and routing. */
class LeadFinderTest {
    static final LocalDate REF = LocalDate.parse("2026-06-30");
    static final LeadRules RULES = LeadRules.builtIn();
    static final String E = RecordFactsExtractor.ENTERPRISE + ENTERPRISE;

    private static List<Lead> leads(String subject, UnifiedRecord... records) {
        return LeadFinder.find(subject, facts(records), REF, RULES);
    }

    private static UnifiedRecord foodInspection(String id, String date) {
        return inspection(id, date, "食品经营许可事项检查", "未发现问题");
    }

    @Test
    void anEnterpriseSeenInAnActivityWithoutItsLicenceIsAnUnlicensedLead() {
        List<Lead> leads = leads(E, foodInspection("i-1", "2026-02-01"));

        assertThat(leads).hasSize(1);
        Lead l = leads.get(0);
        assertThat(l.getKind()).isEqualTo("UNLICENSED");
        assertThat(l.getKindLabel()).isEqualTo("无证");
        assertThat(l.getReason()).isEqualTo("NO_LICENCE");
        assertThat(l.getRule()).isEqualTo("licence.food");
        assertThat(l.getActivity()).isEqualTo("食品经营");
        assertThat(l.getDepartment()).isEqualTo("市场监督管理部门");
        assertThat(l.getEnterpriseId()).isEqualTo(ENTERPRISE);
        assertThat(l.getSubjectName()).isEqualTo(NAME);
        assertThat(l.getStatus()).isEqualTo("OPEN");
        assertThat(l.getLeadId()).isEqualTo(LeadFinder.leadId(E, "licence.food"));
        assertThat(l.getEvidence())
                .extracting(LeadEvidence::getRecordId, LeadEvidence::getWhat)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("i-1", "activity=食品经营 食品经营许可事项检查"));
    }

    @Test
    void aValidLicenceOfTheActivityMeansNoLead() {
        assertThat(
                        leads(
                                E,
                                foodInspection("i-1", "2026-02-01"),
                                licence(
                                        "lic",
                                        "2024-01-01",
                                        "食品经营许可证",
                                        "JY1",
                                        "2024-01-01",
                                        "2028-12-31")))
                .isEmpty();
    }

    @Test
    void activityAfterTheLicenceExpiredIsALeadWithTheExpiredLicenceAsEvidence() {
        UnifiedRecord expired =
                licence("lic", "2020-01-01", "食品经营许可证", "JY1", "2020-01-01", "2025-12-31");
        List<Lead> leads =
                leads(
                        E,
                        foodInspection("before", "2025-06-01"),
                        foodInspection("after", "2026-03-01"),
                        expired);

        assertThat(leads).hasSize(1);
        assertThat(leads.get(0).getReason()).isEqualTo("LICENCE_EXPIRED");
        assertThat(leads.get(0).getEvidence())
                .extracting(LeadEvidence::getRecordId)
                .containsExactly("lic", "after");
        assertThat(leads.get(0).getEvidence().get(0).getWhat())
                .isEqualTo("licence_expired=2025-12-31 食品经营许可证");
    }

    @Test
    void activityOnlyWhileTheLicenceWasValidIsNoLead() {
        assertThat(
                        leads(
                                E,
                                foodInspection("before", "2025-06-01"),
                                licence(
                                        "lic",
                                        "2020-01-01",
                                        "食品经营许可证",
                                        "JY1",
                                        "2020-01-01",
                                        "2025-12-31")))
                .isEmpty();
    }

    @Test
    void anInspectionThatFoundNoSuchActivityIsNoEvidence() {
        assertThat(leads(E, inspection("i", "2026-01-01", "食品经营许可事项检查", "未发现本次抽查涉及的生产经营活动")))
                .isEmpty();
    }

    @Test
    void evidenceOlderThanTheWindowIsNotEnough() {
        assertThat(leads(E, foodInspection("old", "2022-01-01"))).isEmpty();
    }

    @Test
    void aRevokedRecordIsNoEvidence() {
        assertThat(
                        leads(
                                E,
                                version(
                                        foodInspection("i", "2026-01-01"),
                                        2,
                                        io.guiji.schemas.RecordStatus.REVOKED)))
                .isEmpty();
    }

    @Test
    void anExemptSubjectGetsNoLead() {
        LeadRules rules = rulesWith(Map.of("exempt.subjects", ENTERPRISE));
        assertThat(LeadFinder.find(E, facts(foodInspection("i", "2026-01-01")), REF, rules))
                .isEmpty();
        LeadRules ruleExempt = rulesWith(Map.of("licence.food.exempt", NAME));
        assertThat(LeadFinder.find(E, facts(foodInspection("i", "2026-01-01")), REF, ruleExempt))
                .isEmpty();
    }

    // ------------------------------------------------------------------ 无照

    private static final String SHOP = "朝阳市双塔区老王小吃店";

    private static UnifiedRecord unregistered(UnifiedRecord r) {
        return unlinked(r, SHOP);
    }

    private static String nameKey(String name) {
        return RecordFactsExtractor.NAME + io.guiji.jobs.normalize.Names.matchKey(name);
    }

    @Test
    void anEnterpriseLikeNameNotInTheRegistryIsAnUnregisteredLeadForMarketSupervision() {
        UnifiedRecord p = unregistered(penalty("p", "2026-01-05", "罚款", "0.5"));
        assertThat(RecordFactsExtractor.subjectKey(p)).isEqualTo(nameKey(SHOP));

        List<Lead> leads = leads(nameKey(SHOP), p);

        assertThat(leads).hasSize(1);
        Lead l = leads.get(0);
        assertThat(l.getKind()).isEqualTo("UNREGISTERED");
        assertThat(l.getKindLabel()).isEqualTo("无照");
        assertThat(l.getReason()).isEqualTo("NOT_IN_REGISTRY");
        assertThat(l.getRule()).isEqualTo("unregistered");
        assertThat(l.getDepartment()).isEqualTo("市场监督管理部门");
        assertThat(l.getEnterpriseId()).isNull();
        assertThat(l.getSubjectName()).isEqualTo(SHOP);
        assertThat(l.getEvidence())
                .extracting(LeadEvidence::getWhat)
                .containsExactly("not_in_registry=" + SHOP);
    }

    @Test
    void unregisteredAndUnlicensedGoesToTheLicensingDepartment() {
        List<Lead> leads =
                leads(
                        nameKey(SHOP),
                        unregistered(violation("p", "2026-01-05", "未取得食品经营许可从事食品经营活动")),
                        unregistered(penalty("p2", "2026-02-05", "警告", null)));

        assertThat(leads).hasSize(1);
        assertThat(leads.get(0).getKind()).isEqualTo("UNLICENSED_UNREGISTERED");
        assertThat(leads.get(0).getKindLabel()).isEqualTo("无证无照");
        assertThat(leads.get(0).getDepartment()).isEqualTo("市场监督管理部门");
        assertThat(leads.get(0).getRule()).isEqualTo("licence.food");
    }

    @Test
    void exemptOrUncertainUnlinkedSubjectsGetNoLead() {
        // a name that does not look like a business's
        assertThat(leads(nameKey("王某某"), unlinked(penalty("p", "2026-01-05", "罚款", "1"), "王某某")))
                .isEmpty();
        // an exempt word (农副产品 sales at designated places, 国务院令第684号)
        String farm = "朝阳市农副产品便民店";
        assertThat(leads(nameKey(farm), unlinked(penalty("p", "2026-01-05", "罚款", "1"), farm)))
                .isEmpty();
        // a place outside the registry's area in front: registered there
        String elsewhere = "沈阳宏信运输有限公司";
        assertThat(
                        leads(
                                nameKey(elsewhere),
                                unlinked(penalty("p", "2026-01-05", "罚款", "1"), elsewhere)))
                .isEmpty();
        String here = "建平县宏信运输有限公司";
        assertThat(leads(nameKey(here), unlinked(penalty("p", "2026-01-05", "罚款", "1"), here)))
                .extracting(Lead::getKind)
                .containsExactly("UNREGISTERED");
        // a near match of a registered enterprise is for review, not a lead
        assertThat(
                        leads(
                                nameKey(SHOP),
                                withCandidate(unregistered(penalty("p", "2026-01-05", "罚款", "1")))))
                .isEmpty();
        // a natural person's category
        UnifiedRecord person = unregistered(penalty("p", "2026-01-05", "罚款", "1"));
        person.setFields(
                DecisionFields.newBuilder(person.getFields()).setSubjectCategory("自然人").build());
        assertThat(leads(nameKey(SHOP), person)).isEmpty();
        // a person is never a subject
        assertThat(RecordFactsExtractor.subjectKey(person(penalty("p", "2026-01-05", "罚款", "1"))))
                .isNull();
    }

    @Test
    void withoutARegistryThereAreNoUnregisteredLeads() {
        List<Lead> leads =
                LeadFinder.find(
                        nameKey(SHOP),
                        facts(unregistered(penalty("p", "2026-01-05", "罚款", "0.5"))),
                        REF,
                        RULES.withoutUnregistered());
        assertThat(leads).isEmpty();
    }

    // ------------------------------------------------------------------ routing per rule

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("food", "未取得食品经营许可从事食品经营活动", "食品经营许可证", "市场监督管理部门"),
                Arguments.of("hazardous-chemicals", "危险化学品经营单位检查", "危险化学品经营许可证", "应急管理部门"),
                Arguments.of("road-transport", "未取得道路运输经营许可擅自从事道路运输经营", "道路运输经营许可证", "交通运输部门"),
                Arguments.of("construction", "未取得施工许可证擅自施工", "建筑工程施工许可证", "住房和城乡建设部门"),
                Arguments.of("public-hygiene", "未取得卫生许可证擅自营业", "公共场所卫生许可证", "卫生健康部门"),
                Arguments.of("entertainment", "擅自从事娱乐场所经营活动", "娱乐经营许可证", "文化和旅游部门"),
                Arguments.of("tobacco", "无烟草专卖零售许可证经营烟草制品零售业务", "烟草专卖零售许可证", "烟草专卖部门"),
                Arguments.of("mining", "未取得采矿许可证擅自采矿", "采矿许可证", "自然资源部门"),
                Arguments.of("water-abstraction", "未经批准擅自取水", "取水许可证", "水行政部门"),
                Arguments.of("pesticides", "经营假农药", "农药经营许可证", "农业农村部门"));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void eachRuleRoutesToItsDepartmentAndItsLicenceSettlesIt(
            String rule, String violation, String licenceName, String department) {
        UnifiedRecord evidence = violation("p", "2026-01-05", violation);
        List<Lead> leads = leads(E, evidence);
        assertThat(leads).extracting(Lead::getRule).containsExactly("licence." + rule);
        assertThat(leads.get(0).getDepartment()).isEqualTo(department);

        UnifiedRecord held = licence("lic", "2025-01-01", licenceName, "X1", "2025-01-01", null);
        assertThat(leads(E, evidence, held)).isEmpty();
    }

    @Test
    void everyBuiltInRuleIsTested() {
        assertThat(RULES.licenceRules)
                .extracting(LeadRules.LicenceRule::id)
                .containsExactlyInAnyOrderElementsOf(
                        rules().map(a -> (String) a.get()[0]).toList());
    }

    @Test
    void aRuleFileWithoutLicenceWordsIsRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                LeadRules.of(
                                        Map.of(
                                                "unregistered.department", "市场监督管理部门",
                                                "licence.x.evidence", "某事",
                                                "licence.x.department", "某部门")))
                .hasMessageContaining("licence.x.licence is missing");
    }

    private static LeadRules rulesWith(Map<String, String> extra) {
        java.util.Map<String, String> values = new java.util.TreeMap<>(extra);
        values.put("unregistered.department", "市场监督管理部门");
        values.put("unregistered.name-endings", "公司|店");
        values.put("licence.food.evidence", "食品经营");
        values.put("licence.food.licence", "食品经营许可证");
        values.put("licence.food.department", "市场监督管理部门");
        return LeadRules.of(values);
    }
}
