package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * What a decision's text writes around a subject's name is no part of it (docs/contract.md §6): a
 * label before it, a bracketed former name or kind of subject, sentence punctuation after it.
 */
class NameNotesPropertiesTest {

    @Property(tries = 500)
    void aNoteAroundANameLeavesItsKey(
            @ForAll("names") String name,
            @ForAll("labels") String label,
            @ForAll("notes") String note,
            @ForAll("ends") String end) {
        String key = Names.matchKey(name);
        Assume.that(key != null);

        assertThat(Names.matchKey(label + name + note + end)).isEqualTo(key);
    }

    @Test
    void realNotesAsDecisionsWriteThem() {
        String key = Names.matchKey("大连恒达科技有限公司");
        assertThat(Names.matchKey("大连恒达科技有限公司（原大连恒远科技有限公司）")).isEqualTo(key);
        assertThat(Names.matchKey("大连恒达科技有限公司(原名:大连恒远科技有限公司)")).isEqualTo(key);
        assertThat(Names.matchKey("大连恒达科技有限公司（曾用名：大连恒远科技有限公司）")).isEqualTo(key);
        assertThat(Names.matchKey("当事人：大连恒达科技有限公司。")).isEqualTo(key);
        assertThat(Names.matchKey("大连市甘井子区老王烧烤店（个体工商户）")).isEqualTo(Names.matchKey("大连市甘井子区老王烧烤店"));
    }

    @Test
    void aBracketedPlaceThatStartsWith原StaysAPlace() {
        // 原平 (山西) and 原阳 (河南) are divisions, not former names
        assertThat(Names.matchKey("恒达科技（原平）有限公司")).isEqualTo("恒达科技(原平)有限公司");
        assertThat(Names.matchKey("恒达科技（原阳县）有限公司")).isEqualTo("恒达科技(原阳县)有限公司");
    }

    @Test
    void aNameThatIsOnlyANoteHasNoKey() {
        assertThat(Names.matchKey("当事人：")).isNull();
        assertThat(Names.matchKey("（个体工商户）")).isNull();
    }

    @Provide
    Arbitrary<String> names() {
        return HostileText.names();
    }

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.of("", "", "当事人：", "被处罚人:", "单位名称： ", "行政相对人：");
    }

    @Provide
    Arbitrary<String> notes() {
        return Arbitraries.of(
                "", "", "（原大连恒远科技有限公司）", "(原名:恒远商贸)", "【曾用名：华盛商店】", "（个体工商户）", "(个体)");
    }

    @Provide
    Arbitrary<String> ends() {
        return Arbitraries.of("", "", "。", "；", " ", ":");
    }
}
