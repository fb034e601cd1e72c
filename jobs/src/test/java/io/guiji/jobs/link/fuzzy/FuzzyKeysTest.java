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
        Set<String> keys = FuzzyKeys.of(NameParts.parse("朝阳市华盛达兴鑫源泰商贸有限公司"));

        assertThat(keys)
                .containsExactly(
                        "F:华盛达兴鑫源泰商贸",
                        "P:" + Hanzi.pinyin("华盛达兴鑫源泰") + "|商贸",
                        "P:hua-cheng-da-xing-xin-yuan-tai|商贸",
                        "F:华盛达兴*商贸",
                        "F:*兴鑫源泰商贸");
    }

    @Test
    void onlyTheTiersOwnPrefixesAreFuzzyKeys() {
        assertThat(FuzzyKeys.isFuzzy("F:华盛商贸")).isTrue();
        assertThat(FuzzyKeys.isFuzzy("P:hua-sheng|商贸")).isTrue();
        assertThat(FuzzyKeys.isFuzzy("U:91211300MA0000001A")).isFalse();
        assertThat(FuzzyKeys.of(null)).isEmpty();
    }
}
