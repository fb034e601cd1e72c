package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Han characters: which are Han, their simplified forms and toneless readings, with other
 * characters left alone.
 */
class HanziTest {

    @Test
    void hanIdeographsStartAtTheFirstOfExtensionA() {
        assertThat(Hanzi.isHan('\u3400')).isTrue();
        assertThat(Hanzi.isHan('华')).isTrue();
        assertThat(Hanzi.isHan('\u33FF')).isFalse();
        assertThat(Hanzi.isHan('\u3007')).as("〇 is Han by script but before U+3400").isFalse();
        assertThat(Hanzi.isHan('A')).isFalse();
        assertThat(Hanzi.isHan('（')).isFalse();
    }

    @Test
    void otherCharactersAreTheirOwnSyllable() {
        assertThat(Hanzi.syllable('A')).isEqualTo("A");
        assertThat(Hanzi.syllable('7')).isEqualTo("7");
        assertThat(Hanzi.pinyin("A华7")).isEqualTo("A-hua-7");
    }

    @Test
    void simplifiedChangesOnlyTraditionalCharacters() {
        assertThat(Hanzi.simplified("ABC 华盛 (1)")).isEqualTo("ABC 华盛 (1)");
        assertThat(Hanzi.simplified("A華B盛C貿")).isEqualTo("A华B盛C贸");
        assertThat(Hanzi.simplified("華")).isEqualTo("华");
    }

    @Test
    void aCharacterOnlyTraditionalScriptWritesIsFoldedWhateverICUReadsIt() {
        // ICU reads each pair apart (bo/ba, shui/shei, tou/xiu, zei/ji): 鲅鱼圈 is a district of 营口
        assertThat(Hanzi.simplified("營口市鮁魚圈區")).isEqualTo("营口市鲅鱼圈区");
        assertThat(Hanzi.simplified("誰綉鯽")).isEqualTo("谁绣鲫");
    }

    @Test
    void aCharacterSimplifiedChineseWritesItselfIsKeptWhenItsFoldReadsOtherwise() {
        assertThat(Hanzi.simplified("乾著徵藉麽")).isEqualTo("乾著徵藉麽");
    }

    @Test
    void everyCharacterICUFoldsIsFoldedUnlessSimplifiedChineseWritesIt() {
        com.ibm.icu.text.Transliterator t2s =
                com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified");
        java.nio.charset.CharsetEncoder gb2312 =
                java.nio.charset.Charset.forName("GB2312").newEncoder();
        int kept = 0;
        for (char c = '\u3400'; c < '\uFFFF'; c++) {
            if (!Hanzi.isHan(c)) {
                continue;
            }
            String icu = t2s.transliterate(String.valueOf(c));
            String ours = Hanzi.simplified(String.valueOf(c));
            if (icu.equals(String.valueOf(c))) {
                assertThat(ours).as("U+%04X", (int) c).isEqualTo(icu);
            } else if (!ours.equals(icu)) {
                assertThat(ours).as("U+%04X kept", (int) c).isEqualTo(String.valueOf(c));
                assertThat(gb2312.canEncode(c)).as("%s kept though not GB 2312", c).isTrue();
                kept++;
            }
        }
        assertThat(kept).as("乾 著 徵 藉 麽 姊 苎").isBetween(5, 12);
    }

    @Test
    void foldedMakesEveryConversionICUMakesAndIsItsOwnFold() {
        assertThat(Hanzi.folded("乾洗店著名徵信")).isEqualTo("干洗店着名征信");
        assertThat(Hanzi.folded("營口市鮁魚圈區")).isEqualTo("营口市鲅鱼圈区");
        for (char c = '\u3400'; c < '\uFFFF'; c++) {
            if (Hanzi.isHan(c)) {
                String once = Hanzi.folded(String.valueOf(c));
                assertThat(Hanzi.folded(once)).as("U+%04X", (int) c).isEqualTo(once);
            }
        }
    }

    @Test
    void scriptVariantsAreOneCharacterInTwoScripts() {
        assertThat(Hanzi.scriptVariants('乾', '干')).isTrue();
        assertThat(Hanzi.scriptVariants('干', '乾')).isTrue();
        assertThat(Hanzi.scriptVariants('著', '着')).isTrue();
        assertThat(Hanzi.scriptVariants('華', '华')).isTrue();
        assertThat(Hanzi.scriptVariants('乾', '千')).as("homophones, not variants").isFalse();
        assertThat(Hanzi.scriptVariants('干', '干')).isFalse();
        assertThat(Hanzi.scriptVariants('A', 'A')).isFalse();
    }

    @Test
    void aCharacterIsNoHomophoneOfItselfNorOfANonHanCharacter() {
        assertThat(Hanzi.homophones('华', '华')).isFalse();
        assertThat(Hanzi.homophones('华', '化')).isTrue();
        assertThat(Hanzi.homophones('A', 'a')).isFalse();
        assertThat(Hanzi.homophones('华', 'A')).isFalse();
    }
}
