package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "朝阳市龙城区鑫源建材有限公司        | 朝阳市龙城区鑫源建材有限公司",
                "' 朝阳市 龙城区　鑫源建材有限公司 ' | 朝阳市龙城区鑫源建材有限公司",
                "'朝阳市龙城区\u200B鑫源建材有限公司' | 朝阳市龙城区鑫源建材有限公司",
                "朝阳市鑫源（龙城）建材有限公司       | 朝阳市鑫源(龙城)建材有限公司",
                "朝阳市鑫源(龙城)建材有限公司         | 朝阳市鑫源(龙城)建材有限公司",
                "朝阳市鑫源【龙城】建材有限公司       | 朝阳市鑫源(龙城)建材有限公司",
                "朝阳市鑫源[龙城]建材有限公司         | 朝阳市鑫源(龙城)建材有限公司",
                "朝阳市鑫源［龙城］建材有限公司       | 朝阳市鑫源(龙城)建材有限公司",
                "朝阳abc科技有限公司                  | 朝阳ABC科技有限公司",
                "朝阳ＡＢＣ科技有限公司               | 朝阳ABC科技有限公司",
                "朝阳ａｂｃ科技有限公司               | 朝阳ABC科技有限公司",
                "朝阳A.B.C科技有限公司                | 朝阳ABC科技有限公司",
                "阿卜杜·热合曼                        | 阿卜杜热合曼",
                "阿卜杜・热合曼                       | 阿卜杜热合曼",
                "朝阳“鑫源”建材，有限、公司          | 朝阳鑫源建材有限公司",
                "朝阳‘鑫源’建材                      | 朝阳鑫源建材",
                "'朝阳\"鑫源\"建材'                   | 朝阳鑫源建材",
                "朝阳'鑫源'建材                       | 朝阳鑫源建材",
                "朝阳，鑫源,建材                      | 朝阳鑫源建材",
                "Café Ltd.                             | CAFÉLTD",
            })
    void variantsShareOneKey(String name, String key) {
        assertThat(Names.matchKey(name)).isEqualTo(key);
    }

    @Test
    void legalFormsStayDifferent() {
        assertThat(Names.matchKey("朝阳市鑫源建材有限公司")).isNotEqualTo(Names.matchKey("朝阳市鑫源建材有限责任公司"));
    }

    @Test
    void aBranchIsNotItsHeadOffice() {
        assertThat(Names.matchKey("朝阳市鑫源建材有限公司龙城分公司"))
                .isEqualTo("朝阳市鑫源建材有限公司龙城分公司")
                .isNotEqualTo(Names.matchKey("朝阳市鑫源建材有限公司"));
    }

    @Test
    void regionPrefixAndOtherPunctuationStay() {
        assertThat(Names.matchKey("鑫源建材有限公司")).isNotEqualTo(Names.matchKey("朝阳市鑫源建材有限公司"));
        assertThat(Names.matchKey("鑫源-建材")).isEqualTo("鑫源-建材");
        assertThat(Names.matchKey("鑫源&建材")).isEqualTo("鑫源&建材");
        assertThat(Names.matchKey("鑫源〔建材〕")).isEqualTo("鑫源〔建材〕");
    }

    @Test
    void traditionalCharactersAreNotFolded() {
        assertThat(Names.matchKey("朝陽市鑫源建材有限公司")).isNotEqualTo(Names.matchKey("朝阳市鑫源建材有限公司"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000", "\u200B", "·", "、，.'"})
    void nothingLeftIsNull(String name) {
        assertThat(Names.matchKey(name)).isNull();
    }
}
