package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Blocking keys by the length of the trade name: deletions up to six characters, two anchors
 * beyond.
 */
class FuzzyKeysTest {

    @Test
    void aSixCharacterTradeNameStillHasItsDeletionNeighbourhood() {
        Set<String> keys = FuzzyKeys.of(NameParts.parse("朝阳市华盛达兴鑫源商贸有限公司"));

        // 1 core, 2 pinyin (盛 reads shèng and chéng), 6 deletions
        assertThat(keys).hasSize(9).contains("F:华盛达兴鑫源商贸", "F:盛达兴鑫源商贸", "F:华盛达兴鑫商贸");
    }

    @Test
    void aLongerTradeNameHasItsFirstAndLastFourCharactersAsKeys() {
        Set<String> keys = FuzzyKeys.of(NameParts.parse("朝阳市华盛达兴鑫源泰福商贸有限公司"));

        assertThat(keys)
                .containsExactly(
                        "F:华盛达兴鑫源泰福商贸",
                        "P:" + Hanzi.pinyin("华盛达兴鑫源泰福") + "|商贸",
                        "P:hua-cheng-da-xing-xin-yuan-tai-fu|商贸",
                        "F:华盛达兴*商贸",
                        "F:*鑫源泰福商贸");
    }

    @Test
    void aSevenCharacterTradeNameHasKeysThatDoNotOverlapSoAnyReplacedCharacterLeavesOneWhole() {
        Set<String> keys = FuzzyKeys.of(NameParts.parse("朝阳市华盛达兴鑫源泰商贸有限公司"));

        assertThat(keys).contains("F:华盛达*商贸", "F:*兴鑫源泰商贸");
        for (int i = 0; i < 7; i++) {
            String trade = "华盛达兴鑫源泰";
            String typo = trade.substring(0, i) + "金" + trade.substring(i + 1);
            Set<String> typoKeys = FuzzyKeys.of(NameParts.parse("朝阳市" + typo + "商贸有限公司"));
            typoKeys.retainAll(keys);
            assertThat(typoKeys).as(typo).isNotEmpty();
        }
    }

    @Test
    void onlyTheTiersOwnPrefixesAreFuzzyKeys() {
        assertThat(FuzzyKeys.isFuzzy("F:华盛商贸")).isTrue();
        assertThat(FuzzyKeys.isFuzzy("P:hua-sheng|商贸")).isTrue();
        assertThat(FuzzyKeys.isFuzzy("U:91211300MA0000001A")).isFalse();
        assertThat(FuzzyKeys.of(null)).isEmpty();
    }
}
