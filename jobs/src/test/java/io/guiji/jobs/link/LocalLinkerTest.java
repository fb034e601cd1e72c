package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link LocalLinker}: the record's exact keys are looked up first and its fuzzy keys only when no
 * exact tier decides; the decision is the one {@link LinkDecider} makes with every key answered,
 * and the keys it reports are those the decision read.
 */
class LocalLinkerTest {
    static final String XINYUAN = "朝阳市鑫源建材有限公司";
    static final String HONGDA = "朝阳市宏达商贸有限公司";
    static final String REG_NO = "110108000000016";

    // ---------------------------------------------------------------- examples

    @Example
    void aRecordAnExactTierDecidesNeverAsksItsFuzzyKeys() {
        Asking index = new Asking();
        index.put(LinkDeciderTest.entry(LinkDeciderTest.HONGDA_USCC, HONGDA, REG_NO));
        UnifiedRecord r = LinkDeciderTest.record(XINYUAN, f -> f.setRegNo(REG_NO));

        LocalLinker.Linked l = new LocalLinker(index, FuzzyPolicy.DEFAULT, 16).link(r);

        assertThat(l.record().getLinkMethod()).isEqualTo(LinkMethod.REG_NO);
        List<String> exact = keys(LinkKeys.exactRequestsFor(r));
        assertThat(index.asked).containsExactlyElementsOf(exact);
        assertThat(l.keys()).containsExactlyElementsOf(exact);
        assertThat(LinkKeys.fuzzyRequestsFor(r)).as("it has fuzzy keys").isNotEmpty();
    }

    @Example
    void aRecordNoExactTierDecidesAsksItsFuzzyKeysToo() {
        Asking index = new Asking();
        index.put(LinkDeciderTest.entry(LinkDeciderTest.HONGDA_USCC, HONGDA, REG_NO));
        UnifiedRecord r = LinkDeciderTest.record("朝阳市鑫源建材厂", f -> {});

        LocalLinker.Linked l = new LocalLinker(index, FuzzyPolicy.DEFAULT, 16).link(r);

        assertThat(l.record().getLinkMethod()).isEqualTo(LinkMethod.NONE);
        List<String> all = keys(LinkKeys.requestsFor(r));
        assertThat(index.asked).containsExactlyInAnyOrderElementsOf(all);
        assertThat(l.keys()).containsExactlyElementsOf(all);
        assertThat(l.keys()).anyMatch(LinkKeys::isFuzzy);
    }

    @Example
    void aValidUsccAsksOnlyItsOwnKeyAndANaturalPersonNothing() {
        Asking index = new Asking();
        UnifiedRecord byUscc =
                LinkDeciderTest.record(XINYUAN, f -> f.setUscc(LinkDeciderTest.XINYUAN_USCC));
        LocalLinker linker = new LocalLinker(index, FuzzyPolicy.DEFAULT, 16);

        assertThat(linker.link(byUscc).keys())
                .containsExactly(LinkKeys.USCC + LinkDeciderTest.XINYUAN_USCC);
        assertThat(index.asked).containsExactly(LinkKeys.USCC + LinkDeciderTest.XINYUAN_USCC);

        index.asked.clear();
        UnifiedRecord person =
                LinkDeciderTest.record(
                        "李四",
                        f -> {
                            f.setSubjectCategory("自然人");
                            f.setIdNo("11010519491231002X");
                        });
        LocalLinker.Linked l = linker.link(person);
        assertThat(l.record().getLinkMethod()).isEqualTo(LinkMethod.PERSON);
        assertThat(l.keys()).isEmpty();
        assertThat(index.asked).isEmpty();
    }

    @Example
    void theLinkedRecordIsACopy() {
        MapRegistryIndex index = new MapRegistryIndex();
        index.put(LinkDeciderTest.entry(LinkDeciderTest.XINYUAN_USCC, XINYUAN, null));
        UnifiedRecord r = LinkDeciderTest.record(XINYUAN, f -> {});
        UnifiedRecord before = UnifiedRecord.newBuilder(r).build();

        LocalLinker.Linked l = new LocalLinker(index, FuzzyPolicy.DEFAULT, 16).link(r);

        assertThat(l.record().getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(r).isEqualTo(before);
    }

    // ---------------------------------------------------------------- the property

    @Property(tries = 400) // a registry built and a record linked twice per try
    void decidesAsLinkDeciderDoesWithEveryKeyAnswered(
            @ForAll("registries") List<RegistryEntry> registry,
            @ForAll("records") UnifiedRecord record,
            @ForAll @IntRange(min = 1, max = 4) int maxMatches) {
        MapRegistryIndex index = new MapRegistryIndex();
        for (RegistryEntry e : registry) {
            index.put(e);
        }
        List<LookupRequest> requests = LinkKeys.requestsFor(record);
        Map<String, LookupAnswer> every = new HashMap<>();
        for (LookupRequest q : requests) {
            every.put(q.getKey(), index.answer(q.getKey(), q.getRecordId(), maxMatches));
        }

        LocalLinker.Linked l = new LocalLinker(index, FuzzyPolicy.DEFAULT, maxMatches).link(record);

        assertThat(l.record())
                .isEqualTo(LinkDecider.decide(record, every, FuzzyPolicy.DEFAULT, requests, index));
        assertThat(keys(requests)).containsAll(l.keys());
        Map<String, LookupAnswer> read = new HashMap<>(every);
        read.keySet().retainAll(l.keys());
        assertThat(LinkDecider.decide(record, read, FuzzyPolicy.DEFAULT, requests, index))
                .as("the keys it reports are all the decision read: no other key could change it")
                .isEqualTo(l.record());
        assertThat(l.keys()).doesNotHaveDuplicates();
        if (l.keys().stream().anyMatch(LinkKeys::isFuzzy)) {
            assertThat(l.keys())
                    .as("the fuzzy keys come with every exact key")
                    .containsAll(keys(LinkKeys.exactRequestsFor(record)));
        }
    }

    /**
     * Names that share exact and fuzzy keys: variants of two trade names, a former-name pair,
     * another city.
     */
    static final List<String> NAMES =
            List.of(
                    XINYUAN,
                    "朝阳市鑫源建材厂",
                    "朝阳市华盛商贸有限公司",
                    "朝阳市华胜商贸有限公司",
                    "凌源市华盛商贸有限公司",
                    "朝陽市華盛商貿有限公司",
                    "华盛商贸有限公司",
                    HONGDA,
                    "朝阳市宏达商贸有限公司（分公司）");

    static final List<String> USCCS =
            List.of(
                    LinkDeciderTest.XINYUAN_USCC,
                    LinkDeciderTest.HONGDA_USCC,
                    LinkDeciderTest.INDIVIDUAL_USCC,
                    LinkDeciderTest.usccWith("MA0000000"),
                    LinkDeciderTest.usccWith("MA0000001"));
    static final List<String> REG_NOS = List.of(REG_NO, LinkDeciderTest.UNKNOWN_REG_NO);

    /**
     * Legal representatives that several entries share, one written with a space (the same person
     * once cleaned) and one masked (confirms nothing): the key {@code L:<person>} and its answers.
     */
    static final List<String> LEGAL_REPS = List.of("王伟", "王 伟", "李秀英", "张*明", "欧阳明月");

    @Provide
    Arbitrary<List<RegistryEntry>> registries() {
        return entries().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<UnifiedRecord> records() {
        return unifiedRecords();
    }

    /**
     * Registry entries of a few enterprises, with names, registration numbers and former names that
     * collide; some withdrawn.
     */
    static Arbitrary<RegistryEntry> entries() {
        Arbitrary<RegistryEntry> entry =
                Builders.withBuilder(RegistryEntry::newBuilder)
                        .use(Arbitraries.of(USCCS))
                        .in((b, u) -> b.setEnterpriseId(u).setUscc(u))
                        .use(Arbitraries.of(NAMES))
                        .in(RegistryEntry.Builder::setName)
                        .use(Arbitraries.of(REG_NOS).injectNull(0.6))
                        .in(RegistryEntry.Builder::setRegNo)
                        .use(Arbitraries.of(NAMES).list().ofMaxSize(2))
                        .in((b, f) -> b.setFormerNames(new ArrayList<>(f)))
                        .use(Arbitraries.of(LEGAL_REPS).injectNull(0.4))
                        .in(
                                (b, rep) ->
                                        b.setExtra(
                                                rep == null
                                                        ? new HashMap<>()
                                                        : new HashMap<>(Map.of("法定代表人", rep))))
                        .use(Arbitraries.of(true, false, false, false, false))
                        .in(RegistryEntry.Builder::setDeleted)
                        .use(Arbitraries.longs().between(1, 1000))
                        .in((b, row) -> b.setSource(new SourceRef("kafka:registry/0", row)))
                        .build(RegistryEntry.Builder::build);
        Arbitrary<RegistryEntry> withoutUscc =
                Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(REG_NOS))
                        .as(
                                (name, regNo) ->
                                        RegistryEntry.newBuilder()
                                                .setEnterpriseId(regNo)
                                                .setUscc(null)
                                                .setName(name)
                                                .setRegNo(regNo)
                                                .setFormerNames(new ArrayList<>())
                                                .setSource(new SourceRef("registry.csv", 1L))
                                                .build());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, entry), net.jqwik.api.Tuple.of(1, withoutUscc));
    }

    /**
     * Records naming a subject of the same few names, with or without codes; some natural persons.
     */
    static Arbitrary<UnifiedRecord> unifiedRecords() {
        Arbitrary<String> orgCodes = Arbitraries.of(USCCS).map(Uscc::orgCode);
        return Combinators.combine(
                        Arbitraries.of(NAMES),
                        Arbitraries.of(USCCS).injectNull(0.75),
                        Arbitraries.of(REG_NOS).injectNull(0.5),
                        orgCodes.injectNull(0.7),
                        Arbitraries.of("法人及非法人组织", "个体工商户", "自然人").injectNull(0.3),
                        Arbitraries.of(LEGAL_REPS).injectNull(0.5))
                .as(
                        (name, uscc, regNo, orgCode, category, rep) ->
                                LinkDeciderTest.record(
                                        name,
                                        f -> {
                                            f.setUscc(uscc);
                                            f.setRegNo(regNo);
                                            f.setOrgCode(orgCode);
                                            f.setSubjectCategory(category);
                                            f.setLegalRep(rep);
                                        }));
    }

    private static List<String> keys(List<LookupRequest> requests) {
        return requests.stream().map(LookupRequest::getKey).distinct().toList();
    }

    /** A registry index that remembers which keys it was asked. */
    static final class Asking implements RegistryIndex {
        final MapRegistryIndex index = new MapRegistryIndex();
        final List<String> asked = new ArrayList<>();

        @Override
        public RegistryEntry get(String enterpriseId) {
            return index.get(enterpriseId);
        }

        @Override
        public Set<String> put(RegistryEntry entry) {
            return index.put(entry);
        }

        @Override
        public Set<String> put(RegistryEntry entry, java.util.Map<LinkKeys.Slot, String> places) {
            return index.put(entry, places);
        }

        @Override
        public LookupAnswer answer(String key, String recordId, int maxMatches) {
            asked.add(key);
            return index.answer(key, recordId, maxMatches);
        }

        @Override
        public int size() {
            return index.size();
        }

        @Override
        public int placesUnder(String key) {
            return index.placesUnder(key);
        }
    }
}
