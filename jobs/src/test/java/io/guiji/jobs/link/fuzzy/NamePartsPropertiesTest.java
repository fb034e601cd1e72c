package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.SinkSafeText;
import io.guiji.jobs.normalize.HostileText;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated cases for name analysis ({@link NameParts}, {@link Regions}, {@link Hanzi}): any text,
 * and names with bracketed parts of every length in every bracket kind, balanced or not, are taken
 * apart without failing, and the parts put back together give the name.
 */
class NamePartsPropertiesTest {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(HostileText.names(), HostileText.strings());
    }

    @Provide
    Arbitrary<String> veryLong() {
        return HostileText.veryLong();
    }

    @Property
    void aParsedNameReassemblesFromItsParts(@ForAll("names") String name) {
        NameParts p = NameParts.parse(name);
        if (p == null) {
            return;
        }
        assertThat(p.text()).isNotEmpty();
        assertThat(p.trade() + p.industry()).isEqualTo(p.core());
        String tail = p.branch() == null ? "" : p.branch();
        // text = leading divisions + core + legal form (less a bracketed …合伙 part) + branch, a
        // place written inside the name (inner) taken out of the core
        String text = p.text();
        if (!p.inner().isEmpty()) {
            int at = text.lastIndexOf(p.inner());
            assertThat(at).as("%s holds %s", text, p.inner()).isGreaterThanOrEqualTo(0);
            text = text.substring(0, at) + text.substring(at + p.inner().length());
        }
        boolean reassembles = false;
        for (int k = 0; k <= p.legalForm().length() && !reassembles; k++) {
            String written = p.legalForm().substring(0, k);
            String bracketed = p.legalForm().substring(k);
            if (bracketed.isEmpty() || bracketed.endsWith("合伙")) {
                reassembles = text.endsWith(p.core() + written + tail);
            }
        }
        assertThat(reassembles)
                .as("%s = … + %s + %s + %s", p.text(), p.core(), p.legalForm(), tail)
                .isTrue();
        assertThat(p.regions()).doesNotContainNull();
        assertThat(p.region() == null || p.regions().contains(p.region())).isTrue();
    }

    @Property
    void aParsedNameHoldsNoSpaceBracketPunctuationOrUnsafeCharacter(@ForAll("names") String name) {
        NameParts p = NameParts.parse(name);
        if (p == null) {
            return;
        }
        for (String part :
                new String[] {
                    p.text(), p.core(), p.trade(), p.industry(), p.legalForm(), p.branch()
                }) {
            if (part == null) {
                continue;
            }
            assertThat(part)
                    .doesNotContain(
                            " ", "(", ")", "（", "）", "[", "]", "【", "】", "〔", "〕", "·", "、", "-");
            assertThat(SinkSafeText.isSafe(part)).isTrue();
        }
        assertThat(p.text().chars().noneMatch(c -> c >= 'a' && c <= 'z')).isTrue();
    }

    @Property
    void aNameWithoutBracketsKeepsEveryCharacterItHad(@ForAll("plainNames") String name) {
        NameParts p = NameParts.parse(name);
        assertThat(p).isNotNull();
        assertThat(p.text()).isEqualTo(Hanzi.simplified(name));
    }

    @Provide
    Arbitrary<String> plainNames() {
        Arbitrary<String> han = HostileText.han().map(String::valueOf);
        Arbitrary<String> piece =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, han),
                        net.jqwik.api.Tuple.of(
                                2, Arbitraries.of("朝阳", "朝阳市", "建平县", "某某县", "辽宁省", "北京", "喀喇沁左翼")),
                        net.jqwik.api.Tuple.of(
                                2,
                                Arbitraries.of("有限公司", "商店", "连锁店", "分公司", "商贸", "合作社", "店", "厂")));
        return piece.list().ofMinSize(1).ofMaxSize(8).map(ps -> String.join("", ps));
    }

    @Property
    void aBracketedPartOfAnyLengthInAnyBracketKindParses(
            @ForAll("trades") String before,
            @ForAll @IntRange(max = 12) int length,
            @ForAll("opens") String open,
            @ForAll("closes") String close,
            @ForAll("trades") String after) {
        String inner = "某".repeat(length);
        for (String content :
                new String[] {
                    inner,
                    inner.replaceFirst("某$", "县"),
                    inner.replaceFirst("某$", "店"),
                    inner.replaceFirst("某某$", "朝阳")
                }) {
            for (String name :
                    new String[] {
                        before + open + content + close + after,
                        open + content + close,
                        before + open + content,
                        content + close + after,
                        open + open + content + close + close,
                        before + open + content + open + content + close + after
                    }) {
                NameParts p = NameParts.parse(name);
                if (p != null) {
                    assertThat(p.trade() + p.industry()).isEqualTo(p.core());
                }
                FuzzyKeys.of(p);
            }
        }
    }

    @Provide
    Arbitrary<String> trades() {
        return Arbitraries.of("", "某某商店", "朝阳市华盛商贸", "有限公司", "华", "朝阳县", "建平", "(", "）");
    }

    @Provide
    Arbitrary<String> opens() {
        return Arbitraries.of(HostileText.OPEN);
    }

    @Provide
    Arbitrary<String> closes() {
        return Arbitraries.of(HostileText.CLOSE);
    }

    @Example
    void aBracketedPartOfThreeCharactersThatIsNotADivisionIsKeptAsText() {
        // issue 10: Regions.atStart read one character past a three-character bracket content
        assertThat(NameParts.parse("某某商店（连锁店）").text()).isEqualTo("某某商店连锁店");
        assertThat(NameParts.parse("（未登记）").text()).isEqualTo("未登记");
        assertThat(NameParts.parse("华盛商贸（某某县）有限公司").regions()).containsExactly("?某某县");
        assertThat(Regions.atStart("连锁店", 0, 0)).isNull();
        assertThat(Regions.atStart("某某县", 0, 0)).isEqualTo(new Regions.Found("?某某县", 3));
    }

    @Example
    void aBracketOpenedInsideAnotherKeepsTheTextBeforeIt() {
        // found by aParsedNameReassemblesFromItsParts: the text before a nested opening bracket was
        // lost
        assertThat(NameParts.parse("华盛(商贸(朝阳)有限公司").text()).isEqualTo("华盛商贸有限公司");
        assertThat(NameParts.parse("华盛(商贸(朝阳)有限公司").regions()).containsExactly("2113");
    }

    @Property(tries = 10)
    void veryLongNamesParse(@ForAll("veryLong") String name) {
        NameParts p = NameParts.parse(name);
        if (p != null) {
            assertThat(p.trade() + p.industry()).isEqualTo(p.core());
            FuzzyKeys.of(p);
        }
    }

    // ---- Regions ------------------------------------------------------------------------------

    @Property
    void aDivisionIsFoundOnlyInsideTheText(
            @ForAll("names") String s,
            @ForAll @IntRange(min = -2, max = 40) int from,
            @ForAll @IntRange(min = -1, max = 4) int minRest) {
        Regions.Found f = Regions.atStart(s, from, minRest);
        if (f != null) {
            assertThat(f.length()).isGreaterThanOrEqualTo(2);
            assertThat(from + f.length()).isLessThanOrEqualTo(s.length());
            assertThat(f.region()).isNotEmpty();
        }
        List<Regions.Found> leading = Regions.leading(s, Math.max(0, minRest));
        assertThat(leading.stream().mapToInt(Regions.Found::length).sum())
                .isLessThanOrEqualTo(s.length());
        Regions.whole(s);
        Regions.ofCode(s);
    }

    @Property
    void nestingIsSymmetricAndReflexive(@ForAll("regions") String a, @ForAll("regions") String b) {
        assertThat(Regions.nested(a, b)).isEqualTo(Regions.nested(b, a));
        assertThat(Regions.nested(a, a)).isTrue();
    }

    @Provide
    Arbitrary<String> regions() {
        Arbitrary<String> codes = Arbitraries.strings().numeric().ofLength(6).map(Regions::ofCode);
        Arbitrary<String> found =
                Arbitraries.oneOf(
                                HostileText.names(),
                                Arbitraries.of("朝阳市建平县", "某某县", "辽宁省朝阳市", "北京"))
                        .map(
                                s -> {
                                    Regions.Found f = Regions.atStart(s, 0, 0);
                                    return f == null ? "21" : f.region();
                                });
        return Arbitraries.oneOf(codes, found);
    }

    @Property
    void spacesPunctuationAndWidthDoNotChangeTheParts(
            @ForAll("plainNames") String name, @ForAll("fillers") String filler) {
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            spaced.append(name.charAt(i)).append(i % 2 == 0 ? filler : "");
        }
        assertThat(NameParts.parse(spaced.toString())).isEqualTo(NameParts.parse(name));
    }

    @Provide
    Arbitrary<String> fillers() {
        return Arbitraries.of(" ", "\u3000", "·", "、", "\u200B", "\u0000", "-", "_", "“", "\t");
    }

    @Property
    void everyHanCharacterHasOneSyllable(@ForAll("plainNames") String name) {
        String pinyin = Hanzi.pinyin(name);
        assertThat(pinyin.split("-", -1)).hasSize(name.length());
        assertThat(pinyin).doesNotContain("--");
    }

    // ---- Hanzi --------------------------------------------------------------------------------

    @Property
    void simplifyingIsIdempotentAndPinyinIsTotal(@ForAll("names") String s) {
        String simplified = Hanzi.simplified(s);
        assertThat(Hanzi.simplified(simplified)).isEqualTo(simplified);
        String pinyin = Hanzi.pinyin(s);
        assertThat(pinyin.isEmpty()).isEqualTo(s.isEmpty());
    }

    @Property
    void homophonesAreSymmetricAndNeverTheSameCharacter(
            @ForAll("hanChars") char a, @ForAll("hanChars") char b) {
        assertThat(Hanzi.homophones(a, b)).isEqualTo(Hanzi.homophones(b, a));
        assertThat(Hanzi.homophones(a, a)).isFalse();
        assertThat(Hanzi.syllable(a)).isNotEmpty();
    }

    @Provide
    Arbitrary<Character> hanChars() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u4E00', '\u4FFF'),
                Arbitraries.chars().all(),
                Arbitraries.of('华', '化', '花', '盛', '胜', '乾', '千', '干'));
    }
}
