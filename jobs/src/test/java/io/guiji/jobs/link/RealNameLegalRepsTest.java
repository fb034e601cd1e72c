package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.EmitMode;
import io.guiji.jobs.dedup.Copies;
import io.guiji.jobs.link.fuzzy.FuzzyMatcher;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.link.fuzzy.Hanzi;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A one-character trade-name typo confirmed by the legal representative (issue 12, docs/contract.md
 * §6): on real enterprise names, a record one replaced trade-name character from a registered name
 * links to it by the typo rule when the record's 法定代表人 is the one the registry entry carries, and
 * is listed for review otherwise, as before. The person names here are made up.
 */
class RealNameLegalRepsTest {
    private static final String ORACLE = "甲骨文公司";
    private static final String ORACLE_REP = "王建国";

    /** A made-up person for the i-th registered name, a different one for each. */
    static String person(int i) {
        String surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
        String given = "建国秀英志强海燕明华丽娟国庆桂兰春生玉梅文杰红霞德胜淑珍永刚";
        return surnames.charAt(i % surnames.length())
                + given.substring(2 * ((i / surnames.length()) % (given.length() / 2)))
                        .substring(0, 2);
    }

    static List<RegistryEntry> withLegalReps(List<String> names, String header) {
        List<RegistryEntry> registry = RealNameKeysTest.registry(names);
        for (int i = 0; i < registry.size(); i++) {
            Map<String, String> extra = new HashMap<>();
            extra.put(header, names.get(i).equals(ORACLE) ? ORACLE_REP : person(i));
            extra.put("注册资本", "1000万元"); // another extra column is no legal representative
            registry.get(i).setExtra(extra);
        }
        return registry;
    }

    private static final List<RegistryEntry> REGISTRY =
            withLegalReps(RealNameTyposTest.REAL, "法定代表人");

    @Test
    void aTradeNameTypoLinksWhenTheLegalRepresentativeIsTheRegisteredOne() {
        UnifiedRecord r = link(REGISTRY, "甲骨韵公司", ORACLE_REP);

        assertThat(r.getEnterpriseId()).isEqualTo(RealNameTyposTest.id(ORACLE));
        assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(r.getLinkEvidence())
                .contains("fuzzy=typo_rule", "legal_rep=equal", "trade_name=one_edit:甲骨韵/甲骨文");
    }

    @Test
    void theLegalRepresentativeIsComparedAsWrittenButForSpacesAndWidth() {
        for (String written : List.of(" 王 建国 ", "王　建国", "王建国\u200b")) {
            assertThat(link(REGISTRY, "甲骨韵公司", written).getEnterpriseId())
                    .as(written)
                    .isEqualTo(RealNameTyposTest.id(ORACLE));
        }
    }

    @Test
    void anotherMaskedOrMissingLegalRepresentativeLeavesTheTypoForReview() {
        for (String other : new String[] {"王建华", "王*国", "王某", "王", "无", "/", null}) {
            UnifiedRecord r = link(REGISTRY, "甲骨韵公司", other);

            assertThat(r.getEnterpriseId()).as(other).isNull();
            assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NONE);
            assertThat(r.getCandidates())
                    .extracting(LinkCandidate::getEnterpriseId)
                    .containsExactly(RealNameTyposTest.id(ORACLE));
        }
    }

    @Test
    void aRegistryColumnOfAnyAcceptedHeaderNamesTheLegalRepresentative() {
        for (String header :
                List.of("法定代表人", "负责人", "法人代表", "法定代表人(负责人)", "XK_FRDB", "经营者", "投资人", "执行事务合伙人")) {
            List<RegistryEntry> registry = withLegalReps(RealNameTyposTest.REAL, header);

            assertThat(link(registry, "甲骨韵公司", ORACLE_REP).getEnterpriseId())
                    .as(header)
                    .isEqualTo(RealNameTyposTest.id(ORACLE));
        }
        List<RegistryEntry> contact = withLegalReps(RealNameTyposTest.REAL, "联系人");
        assertThat(link(contact, "甲骨韵公司", ORACLE_REP).getEnterpriseId()).isNull();
    }

    @Test
    void betweenTwoRegisteredNearDuplicatesOnlyTheLegalRepresentativeDecides() {
        // 乐信 is one character from both 中信 and 电信: the name alone names neither
        int citic = RealNameTyposTest.REAL.indexOf("中国中信集团公司");

        assertThat(link(REGISTRY, "中国乐信集团公司", null).getEnterpriseId()).isNull();
        assertThat(link(REGISTRY, "中国乐信集团公司", "欧阳明月").getEnterpriseId()).isNull();
        assertThat(link(REGISTRY, "中国乐信集团公司", person(citic)).getEnterpriseId())
                .isEqualTo(RealNameTyposTest.id("中国中信集团公司"));
    }

    @Test
    void theLegalRepresentativeDecidesBetweenCandidatesTheNameCannotTellApart() {
        // 西管 is one character from both 西北 and 西南: two real airlines
        List<String> names = List.of("西北航空公司", "西南航空公司");
        List<RegistryEntry> registry = withLegalReps(names, "法定代表人");

        UnifiedRecord southwest = link(registry, "西管航空公司", person(1));
        UnifiedRecord unknown = link(registry, "西管航空公司", "欧阳明月");
        UnifiedRecord none = link(registry, "西管航空公司", null);

        assertThat(southwest.getEnterpriseId()).isEqualTo(RealNameKeysTest.usccOf(1));
        assertThat(southwest.getLinkEvidence())
                .contains("fuzzy=tie_decided", "legal_rep=equal", "fuzzy=typo_rule");
        assertThat(unknown.getEnterpriseId()).isNull();
        assertThat(none.getEnterpriseId()).isNull();
        assertThat(none.getCandidates()).hasSize(2);
    }

    @Test
    void onePersonRegisteredForTwoCandidatesDecidesNothing() {
        List<String> names = List.of("西北航空公司", "西南航空公司");
        List<RegistryEntry> registry = withLegalReps(names, "法定代表人");
        registry.get(1).setExtra(new HashMap<>(registry.get(0).getExtra()));

        UnifiedRecord r = link(registry, "西管航空公司", person(0));

        assertThat(r.getEnterpriseId()).isNull();
    }

    @Test
    void aRecordIsLinkedAgainWhenTheRegistryCorrectsTheLegalRepresentative() throws Exception {
        RegistryEntry before = withLegalReps(RealNameTyposTest.REAL, "法定代表人").get(4);
        assertThat(before.getName()).isEqualTo(ORACLE);
        RegistryEntry corrected = RegistryEntry.newBuilder(before).build();
        corrected.setExtra(new HashMap<>(Map.of("法定代表人", "刘文杰")));
        try (LinkStages stages = new LinkStages(EmitMode.CHANGES)) {
            stages.registry(before);
            stages.copy(copyNaming("甲骨韵公司", "刘文杰"));
            assertThat(stages.published())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getEnterpriseId()).isNull());

            stages.registry(corrected);

            assertThat(stages.published()).hasSize(2);
            UnifiedRecord again = stages.published().get(1);
            assertThat(again.getVersion()).isEqualTo(2);
            assertThat(again.getEnterpriseId()).isEqualTo(before.getEnterpriseId());
            assertThat(again.getLinkEvidence()).contains("legal_rep=equal");
        }
    }

    @Test
    void bothIndexesReportTheFuzzyKeysOfAnEntryWhoseLegalRepresentativeOrDivisionChanged() {
        RegistryEntry before = REGISTRY.get(4);
        RegistryEntry otherRep = RegistryEntry.newBuilder(before).build();
        otherRep.setExtra(new HashMap<>(Map.of("法定代表人", "刘文杰")));
        RegistryEntry otherDivision =
                RegistryEntry.newBuilder(before).setDivisionCode("110105").build();
        RegistryEntry otherCapital = RegistryEntry.newBuilder(before).build();
        otherCapital.setExtra(new HashMap<>(Map.of("法定代表人", ORACLE_REP, "注册资本", "2000万元")));
        // the name keys and the key of its legal representative (王建国)
        Set<String> fuzzyKeys = new java.util.HashSet<>();
        for (String key : LinkKeys.keysOf(before).keySet()) {
            if (LinkKeys.isFuzzy(key)) {
                fuzzyKeys.add(key);
            }
        }
        assertThat(fuzzyKeys).contains(LinkKeys.LEGAL_REP + ORACLE_REP).hasSizeGreaterThan(1);
        Set<String> andTheOtherRep = new java.util.HashSet<>(fuzzyKeys);
        andTheOtherRep.add(LinkKeys.LEGAL_REP + "刘文杰");
        for (RegistryIndex index : List.of(new CompactRegistryIndex(), new MapRegistryIndex())) {
            index.put(before);

            assertThat(index.put(otherRep))
                    .as("%s: the representative's key left and the new one taken", index)
                    .containsExactlyInAnyOrderElementsOf(andTheOtherRep);
            assertThat(LegalReps.ofEntry(index.get(before.getEnterpriseId()))).isEqualTo("刘文杰");
            assertThat(index.put(otherDivision))
                    .as("the representative back as it was, the division changed")
                    .containsExactlyInAnyOrderElementsOf(andTheOtherRep);
            assertThat(index.put(otherCapital))
                    .as("the division back as it was")
                    .containsExactlyInAnyOrderElementsOf(fuzzyKeys);
            assertThat(index.put(otherCapital)).as("nothing changed").isEmpty();
            RegistryEntry otherRegNo =
                    RegistryEntry.newBuilder(otherCapital).setRegNo("110000000000008").build();
            assertThat(index.put(otherRegNo))
                    .as("a registration number: its key and the fuzzy keys")
                    .containsAll(fuzzyKeys);
        }
    }

    // ---------------------------------------------------------------- properties, real names

    private static final List<RegistryEntry> REAL_REGISTRY =
            withLegalReps(RealNameKeysTest.REAL, "法定代表人");

    @Provide
    Arbitrary<Integer> names() {
        return Arbitraries.integers().between(0, RealNameKeysTest.REAL.size() - 1);
    }

    /**
     * A legal representative that is not the registered one changes nothing: the decision is the
     * one made without any.
     */
    @Property(tries = 300)
    void anotherLegalRepresentativeChangesNothing(
            @ForAll("names") int n,
            @ForAll @IntRange(max = 40) int at,
            @ForAll @IntRange(max = 100) int with) {
        String typo = typo(n, at, with);
        Assume.that(typo != null);

        UnifiedRecord without = link(REAL_REGISTRY, typo, null);
        UnifiedRecord other = link(REAL_REGISTRY, typo, "欧阳明月");

        assertThat(other.getEnterpriseId()).as(typo).isEqualTo(without.getEnterpriseId());
        assertThat(other.getLinkMethod()).isEqualTo(without.getLinkMethod());
        assertThat(other.getLinkEvidence()).isEqualTo(without.getLinkEvidence());
    }

    /**
     * The registered legal representative links a trade-name typo, if at all, to the enterprise
     * whose name it was, and changes a decision only by linking it there: from no link, or from the
     * enterprise the name alone chose (长安汽车股份有限公司 with 长城汽车's representative is 长城's, not the
     * registered 重庆长安汽车股份有限公司 with its place dropped).
     */
    @Property(tries = 300)
    void theRegisteredLegalRepresentativeLinksOnlyToItsEnterprise(
            @ForAll("names") int n,
            @ForAll @IntRange(max = 40) int at,
            @ForAll @IntRange(max = 100) int with) {
        String typo = typo(n, at, with);
        Assume.that(typo != null);

        UnifiedRecord without = link(REAL_REGISTRY, typo, null);
        UnifiedRecord same = link(REAL_REGISTRY, typo, person(n));

        if (!java.util.Objects.equals(same.getEnterpriseId(), without.getEnterpriseId())) {
            assertThat(same.getEnterpriseId())
                    .as("%s: %s", typo, same.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.usccOf(n));
            assertThat(same.getLinkEvidence()).contains("legal_rep=equal");
            if (without.getEnterpriseId() != null) {
                assertThat(without.getLinkMethod()).as(typo).isEqualTo(LinkMethod.FUZZY);
                assertThat(same.getLinkEvidence())
                        .contains(FuzzyMatcher.LEGAL_REP_OVER_NAME + without.getEnterpriseId());
            }
        }
    }

    @Test
    void aTypoThatIsAnotherRealNameLinksToTheEnterpriseItsLegalRepresentativeNames() {
        // 长城 mistyped 长安 gives 长安汽车股份有限公司, by name 重庆长安汽车股份有限公司 with its place dropped
        int greatWall = RealNameKeysTest.REAL.indexOf("长城汽车股份有限公司");
        int changan = RealNameKeysTest.REAL.indexOf("重庆长安汽车股份有限公司");

        UnifiedRecord byName = link(REAL_REGISTRY, "长安汽车股份有限公司", null);
        UnifiedRecord byRep = link(REAL_REGISTRY, "长安汽车股份有限公司", person(greatWall));

        assertThat(byName.getEnterpriseId()).isEqualTo(RealNameKeysTest.usccOf(changan));
        assertThat(byRep.getEnterpriseId())
                .as("%s", byRep.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(greatWall));
        assertThat(byRep.getLinkEvidence())
                .contains(
                        FuzzyMatcher.LEGAL_REP_OVER_NAME + RealNameKeysTest.usccOf(changan),
                        "legal_rep=equal");
        // the representative registered for the enterprise the name chose changes nothing
        assertThat(link(REAL_REGISTRY, "长安汽车股份有限公司", person(changan)).getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(changan));
    }

    /** Most trade-name typos of real names link with their legal representative, none without. */
    @Test
    void mostTradeNameTyposOfRealNamesLinkWithTheirLegalRepresentative() {
        int typos = 0;
        int linked = 0;
        int linkedWithout = 0;
        for (int n = 0; n < RealNameKeysTest.REAL.size(); n++) {
            for (int at = 0; at < 4; at++) {
                String typo = typo(n, at, 7 * n + at);
                if (typo == null) {
                    continue;
                }
                typos++;
                if (RealNameKeysTest.usccOf(n)
                        .equals(link(REAL_REGISTRY, typo, person(n)).getEnterpriseId())) {
                    linked++;
                }
                if (link(REAL_REGISTRY, typo, null).getEnterpriseId() != null) {
                    linkedWithout++;
                }
            }
        }
        assertThat(typos).isGreaterThan(100);
        assertThat((double) linked / typos).as("%d of %d", linked, typos).isGreaterThan(0.97);
        assertThat(linkedWithout).as("linked without a legal representative").isZero();
    }

    /**
     * The n-th real name with its trade name's character at {@code at} replaced by a character that
     * is no homophone of it, keeping the name's structure; null when there is none such or it is a
     * registered name.
     */
    static String typo(int n, int at, int with) {
        String chars = "金银华盛兴达信通海天明光新源泰德福利民东方红星宏远鑫恒丰顺安";
        String name = RealNameKeysTest.REAL.get(n);
        NameParts p = NameParts.parse(name);
        if (p == null || p.trade().length() < 2) {
            return null;
        }
        int start = name.indexOf(p.trade());
        if (start < 0) {
            return null;
        }
        int i = start + at % p.trade().length();
        char c = chars.charAt(with % chars.length());
        if (c == name.charAt(i) || Hanzi.homophones(c, name.charAt(i))) {
            return null;
        }
        String typo = name.substring(0, i) + c + name.substring(i + 1);
        NameParts q = NameParts.parse(typo);
        if (q == null
                || RealNameKeysTest.REAL.contains(typo)
                || q.trade().length() != p.trade().length()
                || !q.industry().equals(p.industry())
                || !q.legalForm().equals(p.legalForm())
                || !q.regions().equals(p.regions())) {
            return null;
        }
        return typo;
    }

    /** A department's copy of a penalty on {@code name}, naming {@code legalRep}. */
    static io.guiji.schemas.SupervisionRecord copyNaming(String name, String legalRep) {
        return Copies.copy(
                Copies.RECORD_ID,
                "records/SCJG01/penalty/2024-03.csv",
                7,
                "2024-03-05T10:30:00",
                f -> {
                    f.setSubjectName(name);
                    f.setLegalRep(legalRep);
                });
    }

    static UnifiedRecord link(List<RegistryEntry> registry, String name, String legalRep) {
        CompactRegistryIndex index = new CompactRegistryIndex();
        for (RegistryEntry e : registry) {
            index.put(e);
        }
        return new LocalLinker(index, FuzzyPolicy.DEFAULT, 16)
                .link(LinkDeciderTest.record(name, f -> f.setLegalRep(legalRep)))
                .record();
    }
}
