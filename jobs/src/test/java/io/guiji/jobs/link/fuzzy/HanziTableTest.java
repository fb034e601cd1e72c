package io.guiji.jobs.link.fuzzy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HanziTable} holds exactly what ICU answers for each Han character alone, for every one of
 * them: when an ICU upgrade changes a reading or a simplified form, this fails and {@link #main}
 * writes the table anew:
 *
 * <pre>
 * java -cp jobs/target/test-classes:jobs/target/classes:ICU_JAR io.guiji.jobs.link.fuzzy.HanziTableTest \
 *     jobs/src/main/resources/io/guiji/jobs/link/fuzzy/hanzi-icu.tsv</pre>
 */
class HanziTableTest {

    @Test
    void theTableIsIcusAnswerForEveryHanCharacter() {
        Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
        Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
        List<String> differing = new ArrayList<>();
        int han = 0;
        for (int i = 0; i <= 0xFFFF; i++) {
            char c = (char) i;
            if (!Hanzi.isHan(c)) {
                assertThat(HanziTable.pinyin(c)).as("U+%04X is not Han", i).isNull();
                continue;
            }
            han++;
            String s = t2s.transliterate(String.valueOf(c));
            String p = pinyin.transliterate(String.valueOf(c));
            if (!s.equals(HanziTable.simplified(c)) || !p.equals(HanziTable.pinyin(c))) {
                differing.add(
                        String.format(
                                "U+%04X %s: ICU %s %s, table %s %s",
                                i, c, s, p, HanziTable.simplified(c), HanziTable.pinyin(c)));
            }
        }
        assertThat(han).as("Han characters of the BMP").isGreaterThan(28_000);
        assertThat(differing)
                .as("characters where the table differs from ICU (regenerate it: see this class)")
                .isEmpty();
    }

    @Test
    void hanziReadsTheTableAsItReadIcu() {
        assertThat(HanziTable.simplified('華')).isEqualTo("华");
        assertThat(HanziTable.simplified('华')).isEqualTo("华");
        assertThat(HanziTable.pinyin('华')).isEqualTo("hua");
        assertThat(Hanzi.simplified("A華B盛C貿")).isEqualTo("A华B盛C贸");
        assertThat(Hanzi.pinyin("华盛")).isEqualTo("hua-sheng");
    }

    /** Writes the table: one line per Han character of the BMP, as {@link HanziTable} reads it. */
    public static void main(String[] args) throws IOException {
        Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
        Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= 0xFFFF; i++) {
            char c = (char) i;
            if (!Hanzi.isHan(c)) {
                continue;
            }
            String s = t2s.transliterate(String.valueOf(c));
            String p = pinyin.transliterate(String.valueOf(c));
            if (s.isEmpty()
                    || (s + p).indexOf('\t') >= 0
                    || (s + p).indexOf('\n') >= 0
                    || (s + p).indexOf('\r') >= 0) {
                throw new IllegalStateException(
                        String.format(
                                "U+%04X: ICU's answer does not fit a line: %s / %s", i, s, p));
            }
            out.append(c)
                    .append('\t')
                    .append(s.equals(String.valueOf(c)) ? "" : s)
                    .append('\t')
                    .append(p)
                    .append('\n');
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, UTF_8);
    }
}
