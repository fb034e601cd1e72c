package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.SinkSafeText;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.util.Utf8;

/**
 * Generated cases for {@link Text}, {@link SinkSafeText} and {@link Names}: hostile text of every
 * kind ({@link HostileText}) never makes them throw, and what they return is normalized once and
 * for all and safe for every sink.
 */
class TextPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<String> hostile() {
        return HostileText.strings();
    }

    @Provide
    Arbitrary<String> veryLong() {
        return HostileText.veryLong();
    }

    @Provide
    Arbitrary<String> unsafe() {
        return Arbitraries.oneOf(
                Arbitraries.of(HostileText.CONTROLS).filter(c -> !Text.isSpace(c.charAt(0))),
                // no lone surrogate: next to another lone half it would make a pair
                Arbitraries.of("\uFFFE", "\uFFFF", "\uFDD0", "\uD83F\uDFFE", "\uDBFF\uDFFF"));
    }

    // ---- Text.clean ---------------------------------------------------------------------------

    @Property
    void cleanTextIsTrimmedSingleSpacedAndHasNothingASinkRefuses(@ForAll("hostile") String raw) {
        String s = Text.clean(raw);
        if (s == null) {
            return;
        }
        assertThat(s).isNotEmpty().doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
        assertThat(HostileText.unsafeUnits(s)).isEmpty();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            assertThat(Text.isZeroWidth(c)).as("zero-width U+%04X", (int) c).isFalse();
            assertThat(c == ' ' || !Text.isSpace(c)).as("white space U+%04X", (int) c).isTrue();
        }
        assertThat(Normalizer.isNormalized(s, Normalizer.Form.NFKC)).isTrue();
    }

    /** Text the fast path takes and text one character away from it, of every kind. */
    @Provide
    Arbitrary<String> nearlyClean() {
        Arbitrary<Character> common =
                Arbitraries.oneOf(
                        Arbitraries.chars().range('\u0021', '\u007E'),
                        Arbitraries.chars().range('\u4E00', '\u9FFF'),
                        Arbitraries.of(' '));
        Arbitrary<Character> edge =
                Arbitraries.oneOf(
                        Arbitraries.of(
                                '\u3000', '\u00A0', '\t', '\u200B', '\uFEFF', '\u0301', '\uFF08',
                                '\uFF11', '\u2F00', '\uF900', '\u3400', '\u4DFF', '\uA000',
                                '\u007F', '\u001F', '\u0020', '\uFFFE', '\uD800', '\u00E9',
                                '\u2160'),
                        Arbitraries.chars().range('\u0000', '\uFFFF'));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(9, common), net.jqwik.api.Tuple.of(1, edge))
                .list()
                .ofMaxSize(24)
                .map(
                        cs -> {
                            StringBuilder b = new StringBuilder();
                            cs.forEach(b::append);
                            return b.toString();
                        });
    }

    @Property(tries = 3000)
    void theFastPathGivesWhatTheRuleGives(@ForAll("nearlyClean") String raw) {
        assertThat(Text.clean(raw)).isEqualTo(Text.cleanFully(raw));
        if (Text.isAlreadyClean(raw)) {
            assertThat(Text.cleanFully(raw)).isEqualTo(raw);
        }
    }

    @Property
    void theFastPathGivesWhatTheRuleGivesOnHostileText(@ForAll("hostile") String raw) {
        assertThat(Text.clean(raw)).isEqualTo(Text.cleanFully(raw));
    }

    @Example
    void realCellsTakeTheFastPath() {
        for (String cell :
                new String[] {
                    "辽宁省朝阳市德佳科技有限公司",
                    "91110000600037341L",
                    "朝市监罚〔2023〕1号".replace("〔", "").replace("〕", ""),
                    "2025-05-02 12:30:02",
                    "JC2113822025000249"
                }) {
            assertThat(Text.isAlreadyClean(cell)).as(cell).isTrue();
        }
        assertThat(Text.isAlreadyClean("华为技术有限公司（沈阳分公司）")).isFalse(); // full-width brackets
        assertThat(Text.isAlreadyClean("朝阳  商贸")).isFalse();
        assertThat(Text.isAlreadyClean(" 朝阳")).isFalse();
    }

    @Property
    void cleanIsIdempotent(@ForAll("hostile") String raw) {
        String once = Text.clean(raw);
        assertThat(Text.clean(once)).isEqualTo(once);
    }

    @Property
    void compactIsCleanWithoutSpacesAndIdempotent(@ForAll("hostile") String raw) {
        String compact = Text.compact(raw);
        String clean = Text.clean(raw);
        if (clean == null || clean.indexOf(' ') < 0) {
            assertThat(compact).isEqualTo(clean);
        } else if (compact != null) {
            assertThat(compact).doesNotContain(" ").isEqualTo(Text.clean(compact));
        }
        assertThat(Text.compact(clean)).isEqualTo(compact);
        assertThat(Text.compact(compact)).isEqualTo(compact);
    }

    @Example
    void compactingComposesAMarkThatASpaceKeptApart() {
        // found by compactIsCleanWithoutSpacesAndIdempotent: "a \u0301" compacted to "a\u0301",
        // whose compact form is "á"
        assertThat(Text.compact("a \u0301"))
                .isEqualTo("\u00E1")
                .isEqualTo(Text.compact(Text.compact("a \u0301")));
        assertThat(Identifiers.canonical("a-\u0301")).isEqualTo("\u00C1");
        assertThat(DocNumbers.normalize("e\u0301"))
                .isEqualTo(DocNumbers.normalize("E\u0301"))
                .isEqualTo("\u00C9");
    }

    @Property
    void aControlCharacterAnywhereIsDroppedAsIfItWereNeverThere(
            @ForAll("hostile") String before,
            @ForAll("unsafe") String unsafe,
            @ForAll("hostile") String after) {
        String clean = Text.clean(before + after);
        String withControl = Text.clean(before + unsafe + after);
        // Dropping it cannot join a lone surrogate it stood between into a pair: drop those too.
        assertThat(withControl).isEqualTo(Text.clean(dropControls(before) + dropControls(after)));
        assertThat(Text.hasControlCharacters(before + unsafe + after)).isTrue();
        if (SinkSafeText.isSafe(before) && SinkSafeText.isSafe(after)) {
            assertThat(withControl).isEqualTo(clean);
        }
    }

    /**
     * {@code s} without what {@link Text#clean} drops as control characters (white-space controls
     * kept).
     */
    private static String dropControls(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
            if (SinkSafeText.isUnsafe(s, i) && !Text.isSpace(c)) {
                i += pair ? 1 : 0;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Property
    void aZeroWidthOrControlCharacterBetweenTwoCharactersChangesNothing(
            @ForAll("hostile") String raw,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 40) int at,
            @ForAll("invisible") String invisible) {
        int cps = raw.codePointCount(0, raw.length());
        int offset = raw.offsetByCodePoints(0, Math.min(at, cps));
        String with = raw.substring(0, offset) + invisible + raw.substring(offset);
        // at a code point boundary, next to a lone surrogate, it cannot make or break a pair
        if (offset > 0 && Character.isSurrogate(raw.charAt(offset - 1))
                || offset < raw.length() && Character.isSurrogate(raw.charAt(offset))) {
            return;
        }
        assertThat(Text.clean(with)).isEqualTo(Text.clean(raw));
    }

    @Provide
    Arbitrary<String> invisible() {
        return Arbitraries.of(
                "\u200B",
                "\u200C",
                "\u200D",
                "\u2060",
                "\uFEFF",
                "\u0000",
                "\u0007",
                "\u001B",
                "\u007F",
                "\u009B",
                "\uFFFE",
                "\uFDD0",
                "\u200B\u0000\uFEFF");
    }

    @Property
    void hasControlCharactersIsTrueExactlyWhenCleanDropsSomethingOtherThanWhiteSpace(
            @ForAll("hostile") String raw) {
        StringBuilder spacesBlanked = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            spacesBlanked.append(Text.isSpace(c) ? ' ' : c);
        }
        assertThat(Text.hasControlCharacters(raw))
                .isEqualTo(!SinkSafeText.isSafe(spacesBlanked.toString()));
    }

    @Property(tries = 12)
    void veryLongTextIsCleanedWithoutFailure(@ForAll("veryLong") String raw) {
        String once = Text.clean(raw);
        assertThat(Text.clean(once)).isEqualTo(once);
        assertThat(once == null || SinkSafeText.isSafe(once)).isTrue();
    }

    @Example
    void nulAndOtherControlsAreDroppedAndWhiteSpaceControlsBecomeSpaces() {
        assertThat(Text.clean("朝阳\u0000市\u0001某\u007F某\u0085商\u000B店")).isEqualTo("朝阳市某某 商 店");
        assertThat(Text.hasControlCharacters("a\u000Bb\u0085c\tb")).isFalse();
        assertThat(Text.hasControlCharacters("a\u0000b")).isTrue();
        assertThat(Text.clean("\u0000")).isNull();
    }

    @Example
    void aCombiningMarkAfterADroppedCharacterComposesOnTheFirstPass() {
        // found by cleanIsIdempotent: dropping after NFKC left "e\u0301", which a second NFKC
        // composed
        assertThat(Text.clean("e\u200B\u0301")).isEqualTo("é");
        assertThat(Text.clean("e\u0000\u0301")).isEqualTo("é");
    }

    // ---- SinkSafeText -------------------------------------------------------------------------

    @Property
    void sinkSafeCleanLeavesOnlySafeTextAndChangesNothingSafe(@ForAll("hostile") String raw) {
        String clean = SinkSafeText.clean(raw);
        assertThat(SinkSafeText.isSafe(clean)).isTrue();
        assertThat(SinkSafeText.clean(clean)).isSameAs(clean);
        assertThat(clean == raw).isEqualTo(SinkSafeText.isSafe(raw));
        assertThat(clean.length()).isLessThanOrEqualTo(raw.length());
    }

    @Property
    void escapedTextIsSafeAndSpellsEveryUnsafeUnitInSixAsciiCharacters(
            @ForAll("hostile") String raw) {
        String escaped = SinkSafeText.escape(raw);
        int unsafeUnits = raw.length() - SinkSafeText.clean(raw).length();
        assertThat(SinkSafeText.isSafe(escaped)).isTrue();
        assertThat(escaped).hasSize(raw.length() + 5 * unsafeUnits);
        assertThat(SinkSafeText.escape(escaped)).isSameAs(escaped);
        assertThat(escaped == raw).isEqualTo(SinkSafeText.isSafe(raw));
    }

    @Property
    void safeTextSurvivesUtf8AvroAndJsonUnchanged(@ForAll("hostile") String raw) throws Exception {
        for (String s : new String[] {SinkSafeText.clean(raw), SinkSafeText.escape(raw)}) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(s);
            assertThat(new Utf8(s).toString()).isEqualTo(s);
            assertThat(JSON.readValue(JSON.writeValueAsString(s), String.class)).isEqualTo(s);
            assertThat(s).doesNotContain("\u0000");
        }
    }

    @Example
    void escapeSpellsNulLoneSurrogatesAndNoncharactersAsUnicodeEscapes() {
        assertThat(SinkSafeText.escape("a\u0000b")).isEqualTo("a\\u0000b");
        assertThat(SinkSafeText.escape("\uD800x\uDC00")).isEqualTo("\\uD800x\\uDC00");
        assertThat(SinkSafeText.escape("\uD83D\uDE00\uFFFF")).isEqualTo("\uD83D\uDE00\\uFFFF");
        assertThat(SinkSafeText.escape("\uDBFF\uDFFF")).isEqualTo("\\uDBFF\\uDFFF");
        assertThat(SinkSafeText.escape("tab\tand\r\nlines")).isEqualTo("tab\tand\r\nlines");
        assertThat(SinkSafeText.clean("a\u0000\uD800b\u009F")).isEqualTo("ab");
    }

    // ---- Names.matchKey -----------------------------------------------------------------------

    @Property
    void aNameKeyHasNoSpacesPunctuationOrLowerCaseAsciiAndIsSafe(@ForAll("hostile") String name) {
        String key = Names.matchKey(name);
        if (key == null) {
            return;
        }
        assertThat(key)
                .isNotEmpty()
                .doesNotContain(" ", "（", "）", "【", "】", "[", "]", "·", ",", "、", "\"");
        assertThat(key.chars().noneMatch(c -> c >= 'a' && c <= 'z')).isTrue();
        assertThat(HostileText.unsafeUnits(key)).isEmpty();
    }

    @Property
    void aNameKeyIsItsOwnKey(@ForAll("hostile") String name) {
        String key = Names.matchKey(name);
        assertThat(Names.matchKey(key)).isEqualTo(key);
    }

    @Example
    void aNameKeyWithACombiningMarkAfterDroppedPunctuationIsComposed() {
        // found by aNameKeyIsItsOwnKey: "a'\u0301" gave "A\u0301", whose own key is "Á"
        assertThat(Names.matchKey("a'\u0301"))
                .isEqualTo("\u00C1")
                .isEqualTo(Names.matchKey("\u00C1"));
        assertThat(Names.matchKey("ǆ")).isEqualTo("DŽ");
    }

    @Property
    void spacesWidthAndBracketKindBetweenHanCharactersDoNotChangeTheKey(
            @ForAll("hanName") String name, @ForAll("separator") String separator) {
        String spaced = name.replaceAll("(?<=[\\u4E00-\\u9FFF])(?=[\\u4E00-\\u9FFF])", separator);
        assertThat(Names.matchKey(spaced)).isEqualTo(Names.matchKey(name));
        assertThat(Names.matchKey(name.replace('(', '（').replace(')', '）')))
                .isEqualTo(Names.matchKey(name.replace('(', '【').replace(')', '】')));
    }

    @Provide
    Arbitrary<String> hanName() {
        return Arbitraries.oneOf(
                Arbitraries.chars()
                        .range('\u4E00', '\u9FFF')
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(12)
                        .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat)),
                Arbitraries.of("朝阳市华盛商贸(朝阳)有限公司", "某某商店(连锁店)", "(未登记)"));
    }

    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of(
                " ", "\u3000", "\u00A0", "\u200B", "\uFEFF", "\t", "·", "、", "\u0000", "  \u200D ");
    }

    @Property(tries = 12)
    void veryLongNamesHaveAKey(@ForAll("veryLong") String name) {
        String key = Names.matchKey(name);
        assertThat(Names.matchKey(key)).isEqualTo(key);
    }
}
