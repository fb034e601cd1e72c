package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.link.fuzzy.Hanzi;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import java.util.ArrayList;
import java.util.HashSet;
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
import net.jqwik.api.constraints.Size;

/**
 * Properties of the keys and the blocking decision on real enterprise names ({@link
 * RealNameKeysTest#REAL}): script never matters, a one-character typo in a trade name is always
 * found, and an over-full key never turns a link into a wrong one.
 */
class RealNameKeysPropertiesTest {
    private static final Transliterator S2T = Transliterator.getInstance("Simplified-Traditional");

    /** Characters a typo puts in: common in trade names, so near-duplicates are likely. */
    private static final String TYPO_CHARACTERS = "金银华盛兴达信通海天明光新源泰德福利民东方红星宏远鑫恒丰顺安";

    private static final List<RegistryEntry> REGISTRY =
            RealNameKeysTest.registry(RealNameKeysTest.REAL);
    private static final LocalLinker LINKER = linker(REGISTRY, 16);

    /**
     * The real names and near-duplicates: each name in another city, one trade character changed.
     */
    private static final List<RegistryEntry> CROWDED = crowded();

    @Provide
    Arbitrary<String> registryNames() {
        return Arbitraries.of(RealNameKeysTest.REAL);
    }

    @Property(tries = 300)
    void aTraditionalScriptVariantOfARegistryNameLinksExactlyAsTheSimplifiedOne(
            @ForAll("registryNames") String name, @ForAll @Size(max = 40) List<Boolean> which) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String t = S2T.transliterate(String.valueOf(c));
            boolean convert = i < which.size() && which.get(i);
            // a conversion that folding does not undo (ICU's own round trip fails) is not a variant
            b.append(convert && Hanzi.simplified(t).equals(String.valueOf(c)) ? t : c);
        }
        UnifiedRecord simplified = link(LINKER, name);
        UnifiedRecord traditional = link(LINKER, b.toString());

        assertThat(simplified.getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(traditional.getEnterpriseId()).isEqualTo(simplified.getEnterpriseId());
        assertThat(traditional.getLinkMethod()).isEqualTo(LinkMethod.NAME);
    }

    @Property(tries = 500)
    void aOneCharacterTypoInAnyTradeNameYieldsTheRightCandidate(
            @ForAll("registryNames") String name,
            @ForAll @IntRange(max = 40) int at,
            @ForAll @IntRange(max = 100) int with) {
        NameParts p = NameParts.parse(name);
        String trade = p.trade();
        int i = at % trade.length();
        char typo = TYPO_CHARACTERS.charAt(with % TYPO_CHARACTERS.length());
        int start = name.indexOf(trade);
        Assume.that(trade.length() >= 2 && start >= 0 && trade.charAt(i) != typo);
        String misspelt = name.substring(0, start + i) + typo + name.substring(start + i + 1);
        NameParts q = NameParts.parse(misspelt);
        // the typo must leave the name's structure (a typo that makes a region or an industry word
        // is another kind of variant) and must not be a registered name of its own
        Assume.that(
                q.trade().length() == trade.length()
                        && q.industry().equals(p.industry())
                        && q.legalForm().equals(p.legalForm())
                        && q.regions().equals(p.regions()));
        Assume.that(RealNameKeysTest.REAL.stream().noneMatch(n -> cores(n, q)));

        RealNameKeysTest.assertFound(link(LINKER, misspelt), RealNameKeysTest.id(name));
    }

    @Property(tries = 500)
    void anOverFullKeyNeverTurnsALinkIntoAWrongOne(
            @ForAll("registryNames") String name,
            @ForAll @IntRange(max = 5) int variant,
            @ForAll @IntRange(max = 40) int at,
            @ForAll @Size(max = 16) List<Boolean> overfull) {
        String recordName = variant(name, variant, at);
        UnifiedRecord r = LinkDeciderTest.record(recordName, f -> {});
        Map<String, LookupAnswer> answers = LinkDeciderTest.answersFrom(r, CROWDED);
        UnifiedRecord complete = LinkDecider.decide(r, answers, FuzzyPolicy.DEFAULT);

        List<String> fuzzy =
                LinkKeys.fuzzyRequestsFor(r).stream().map(q -> q.getKey()).distinct().toList();
        for (int k = 0; k < fuzzy.size() && k < overfull.size(); k++) {
            if (overfull.get(k)) {
                String key = fuzzy.get(k);
                answers.put(key, new LookupAnswer(r.getRecordId(), key, List.of(), true));
            }
        }
        UnifiedRecord partial = LinkDecider.decide(r, answers, FuzzyPolicy.DEFAULT);

        if (partial.getEnterpriseId() != null) {
            assertThat(partial.getEnterpriseId())
                    .as("%s: %s", recordName, partial.getLinkEvidence())
                    .isEqualTo(complete.getEnterpriseId());
        }
    }

    /** A variant of a registry name as departments write it. */
    private static String variant(String name, int kind, int at) {
        NameParts p = NameParts.parse(name);
        String trade = p.trade();
        int start = name.indexOf(trade);
        int i = at % trade.length();
        char typo = TYPO_CHARACTERS.charAt(at % TYPO_CHARACTERS.length());
        return switch (kind) {
            case 0 -> name; // as written
            case 1 ->
                    start < 0
                            ? name
                            : name.substring(0, start + i) + typo + name.substring(start + i + 1);
            case 2 -> "沈阳市" + name; // a place added
            case 3 -> name.replace("股份有限公司", "有限公司"); // another legal form
            case 4 ->
                    name.endsWith("有限公司")
                            ? name.substring(0, name.length() - 4)
                            : name; // form left out
            default -> S2T.transliterate(name) + "（" + "辽宁" + "）"; // traditional, a bracketed place
        };
    }

    private static boolean cores(String registered, NameParts record) {
        NameParts r = NameParts.parse(registered);
        return r != null && r.core().equals(record.core());
    }

    private static List<RegistryEntry> crowded() {
        List<String> names = new ArrayList<>(RealNameKeysTest.REAL);
        Set<String> seen = new HashSet<>(names);
        int n = RealNameKeysTest.REAL.size();
        for (int k = 0; k < n; k++) {
            String name = RealNameKeysTest.REAL.get(k);
            NameParts p = NameParts.parse(name);
            int start = name.indexOf(p.trade());
            List<String> more = new ArrayList<>();
            more.add("大连" + name);
            more.add("鞍山市" + name);
            if (start >= 0) {
                char c = TYPO_CHARACTERS.charAt(k % TYPO_CHARACTERS.length());
                more.add(name.substring(0, start) + c + name.substring(start + 1));
                int last = start + p.trade().length() - 1;
                more.add(name.substring(0, last) + c + name.substring(last + 1));
            }
            for (String m : more) {
                if (seen.add(m)) {
                    names.add(m);
                }
            }
        }
        return RealNameKeysTest.registry(names);
    }

    private static LocalLinker linker(List<RegistryEntry> registry, int maxMatches) {
        CompactRegistryIndex index = new CompactRegistryIndex();
        for (RegistryEntry e : registry) {
            index.put(e);
        }
        return new LocalLinker(index, FuzzyPolicy.DEFAULT, maxMatches);
    }

    private static UnifiedRecord link(LocalLinker linker, String name) {
        return linker.link(LinkDeciderTest.record(name, f -> {})).record();
    }
}
