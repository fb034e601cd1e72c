package io.guiji.jobs.link.fuzzy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sourceforge.pinyin4j.PinyinHelper;
import org.junit.jupiter.api.Test;

/**
 * The heteronym table ({@code hanzi-readings.tsv}, {@link HanziTable#readings}) holds exactly what
 * pinyin4j answers, toneless, for every Han character it reads more than one way: when a pinyin4j
 * upgrade changes a reading this fails, and {@link #main} writes the table anew:
 *
 * <pre>
 * java -cp jobs/target/test-classes:jobs/target/classes:PINYIN4J_JAR io.guiji.jobs.link.fuzzy.HanziReadingsTest \
 *     jobs/src/main/resources/io/guiji/jobs/link/fuzzy/hanzi-readings.tsv</pre>
 */
class HanziReadingsTest {

    @Test
    void theTableIsPinyin4jsAnswerForEveryHeteronym() {
        List<String> differing = new ArrayList<>();
        int heteronyms = 0;
        for (int i = 0; i <= 0xFFFF; i++) {
            char c = (char) i;
            List<String> expected = Hanzi.isHan(c) ? pinyin4j(c) : List.of();
            String[] table = HanziTable.readings(c);
            if (expected.size() < 2) {
                if (table != null) {
                    differing.add(String.format("U+%04X %s: not a heteronym", i, c));
                }
                continue;
            }
            heteronyms++;
            if (table == null || !List.of(table).equals(expected)) {
                differing.add(String.format("U+%04X %s: pinyin4j %s", i, c, expected));
            }
        }
        assertThat(heteronyms).isGreaterThan(1000);
        assertThat(differing)
                .as("characters where the table differs from pinyin4j (regenerate it)")
                .isEmpty();
    }

    @Test
    void theHeteronymsOfNamesHaveBothReadingsTheFirstBeingIcus() {
        assertThat(Hanzi.readings('长')).containsExactly("zhang", "chang");
        assertThat(Hanzi.readings('行')).containsExactly("xing", "hang");
        assertThat(Hanzi.readings('重')).containsExactly("zhong", "chong");
        assertThat(Hanzi.readings('乐')).containsExactly("le", "yue");
        assertThat(Hanzi.readings('朝')).containsExactly("chao", "zhao");
        assertThat(Hanzi.readings('厦')).containsExactly("sha", "xia");
        assertThat(Hanzi.readings('都')).containsExactly("dou", "du");
        assertThat(Hanzi.readings('华')).containsExactly("hua");
        assertThat(Hanzi.readings('A')).containsExactly("A");
        for (char c : "长行重乐朝厦都会盛华信家大".toCharArray()) {
            assertThat(Hanzi.readings(c)).first().isEqualTo(Hanzi.syllable(c));
            assertThat(Hanzi.readings(c)).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(2);
        }
    }

    private static List<String> pinyin4j(char c) {
        String[] raw = PinyinHelper.toHanyuPinyinStringArray(c);
        Set<String> toneless = new LinkedHashSet<>();
        for (String r : raw == null ? new String[0] : raw) {
            toneless.add(r.replaceAll("[0-9]", "").replace("u:", "u"));
        }
        return List.copyOf(toneless);
    }

    /** Writes the table: one line per heteronym, as {@link HanziTable} reads it. */
    public static void main(String[] args) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= 0xFFFF; i++) {
            char c = (char) i;
            List<String> readings = Hanzi.isHan(c) ? pinyin4j(c) : List.of();
            if (readings.size() > 1) {
                out.append(c).append('\t').append(String.join(" ", readings)).append('\n');
            }
        }
        Files.writeString(Path.of(args[0]), out, UTF_8);
    }
}
