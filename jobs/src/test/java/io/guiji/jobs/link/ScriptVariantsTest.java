package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Names in traditional script whose characters simplified Chinese also writes with another reading
 * (乾 for 干, 徵 for 征, 著 for 着: docs/contract.md §6): the exact key folds them, the fuzzy tier keeps
 * them apart for homophones but scores them as one character in a trade name.
 */
class ScriptVariantsTest {
    private static final Transliterator TO_TRADITIONAL =
            Transliterator.getInstance("Simplified-Traditional");

    @Test
    void aDryCleanerWrittenInTraditionalScriptLinksByName() {
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of("大连市中山区洁丽干洗店"));

        UnifiedRecord r = RealNameKeysTest.link(registry, "大連市中山區潔麗乾洗店");

        assertThat(r.getEnterpriseId()).isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NAME);
        assertThat(r.getLinkEvidence()).contains("name_script=folded");
    }

    @Test
    void withoutItsPlaceItLinksByTheFuzzyTierAsTheSameTradeName() {
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of("大连市中山区洁丽干洗店"));

        UnifiedRecord r = RealNameKeysTest.link(registry, "潔麗乾洗店");

        assertThat(r.getEnterpriseId())
                .as("%s", r.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.FUZZY);
        assertThat(r.getLinkEvidence()).contains("trade_name=script_variant:洁丽乾洗/洁丽干洗");
    }

    @Test
    void twoRegisteredNamesThatFoldAlikeAreToldApartAsWritten() {
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of("乾元商贸有限公司", "干元商贸有限公司"));

        assertThat(RealNameKeysTest.link(registry, "乾元商贸有限公司").getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(RealNameKeysTest.link(registry, "干元商贸有限公司").getEnterpriseId())
                .isEqualTo(RealNameKeysTest.usccOf(1));
        assertThat(RealNameKeysTest.link(registry, "乾元商貿有限公司").getEnterpriseId())
                .as("乾 kept, 貿 folded: 乾元商贸")
                .isEqualTo(RealNameKeysTest.usccOf(0));
    }

    @Test
    void 乾IsStillAHomophoneOf千() {
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of("朝阳市乾元商贸有限公司"));

        UnifiedRecord r = RealNameKeysTest.link(registry, "朝阳市千元商贸有限公司");

        assertThat(r.getEnterpriseId()).isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(r.getLinkEvidence()).contains("trade_name=homophone:千元/乾元");
    }

    /**
     * Any name with one of these characters, written in traditional script by ICU (which writes 干
     * as 乾, 征 as 徵, 着 as 著), links to it by name, and without its place by the fuzzy tier. (The
     * fuzzy tier finds a name without its place through the reading 乾 shares with 干; a name with
     * several such characters and other heteronyms may have more pinyin spellings than it asks, and
     * is then linked with its place only.)
     */
    @Property(tries = 300)
    void aNameInTraditionalScriptLinksToItself(
            @ForAll("coresWithOneVariant") String core, @ForAll("places") String place) {
        String name = place + core + "有限公司";
        List<RegistryEntry> registry = RealNameKeysTest.registry(List.of(name));
        String traditional = TO_TRADITIONAL.transliterate(name);

        UnifiedRecord r = RealNameKeysTest.link(registry, traditional);

        assertThat(r.getEnterpriseId())
                .as("%s: %s", traditional, r.getLinkEvidence())
                .isEqualTo(RealNameKeysTest.usccOf(0));
        assertThat(r.getLinkMethod()).isEqualTo(LinkMethod.NAME);

        String withoutPlace = TO_TRADITIONAL.transliterate(core + "有限公司");
        if (!place.isEmpty()) {
            UnifiedRecord q = RealNameKeysTest.link(registry, withoutPlace);
            assertThat(q.getEnterpriseId())
                    .as("%s: %s", withoutPlace, q.getLinkEvidence())
                    .isEqualTo(RealNameKeysTest.usccOf(0));
        }
    }

    /** A trade name of 2–4 characters and an industry, one character of them 干, 征 or 着. */
    @Provide
    Arbitrary<String> coresWithOneVariant() {
        Arbitrary<String> others =
                Arbitraries.of('洁', '坤', '鑫', '韵', '馨', '悦')
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
        Arbitrary<String> inTrade =
                Combinators.combine(
                                Arbitraries.of("干", "征", "着"),
                                others,
                                Arbitraries.integers().between(0, 3),
                                Arbitraries.of("商贸", "科技", "食品"))
                        .as(
                                (v, o, at, industry) -> {
                                    int i = Math.min(at, o.length());
                                    return o.substring(0, i) + v + o.substring(i) + industry;
                                });
        Arbitrary<String> dryCleaner = others.filter(o -> o.length() >= 2).map(o -> o + "干洗");
        return Arbitraries.oneOf(inTrade, dryCleaner);
    }

    @Provide
    Arbitrary<String> places() {
        return Arbitraries.of("", "大连市", "辽宁", "沈阳市和平区", "塔什库尔干塔吉克自治县");
    }
}
