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
    void aCharacterIsNoHomophoneOfItselfNorOfANonHanCharacter() {
        assertThat(Hanzi.homophones('华', '华')).isFalse();
        assertThat(Hanzi.homophones('华', '化')).isTrue();
        assertThat(Hanzi.homophones('A', 'a')).isFalse();
        assertThat(Hanzi.homophones('华', 'A')).isFalse();
    }
}
