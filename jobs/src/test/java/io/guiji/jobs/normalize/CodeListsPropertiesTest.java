package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RecordType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated cases for the code lists ({@link Statuses}, {@link SubjectCategories}, {@link
 * RecordTypes}): any text gives an answer, and spacing, width and case never change it.
 */
class CodeListsPropertiesTest {

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> known =
                Arbitraries.of(
                        "有效",
                        "无效",
                        "撤销",
                        "已撤销",
                        "未撤销",
                        "不撤销",
                        "撤回",
                        "没有撤回",
                        "变更",
                        "正常",
                        "1",
                        "2",
                        "0",
                        "3",
                        "01",
                        "02",
                        "03",
                        "active",
                        "REVOKED",
                        "法人及非法人组织",
                        "法人",
                        "个体工商户",
                        "个体",
                        "自然人",
                        "个人",
                        "legal_entity",
                        "license",
                        "licence",
                        "penalty",
                        "行政处罚",
                        "失信被执行人",
                        "严重违法失信名单",
                        "双随机一公开",
                        "dishonesty",
                        "JUDICIAL",
                        "抽查检查结果");
        return Arbitraries.oneOf(
                known,
                HostileText.strings(),
                net.jqwik.api.Combinators.combine(known, HostileText.pieces(), known)
                        .as((a, p, b) -> a + p + b));
    }

    @Provide
    Arbitrary<String> variants() {
        return Arbitraries.of("", " ", "\u3000", "\u200B", "\u0000", "\t", "\u00A0");
    }

    @Property
    void everyValueHasAStatusACategoryAnswerAndARecordTypeAnswer(@ForAll("values") String raw) {
        Statuses.StatusParse status = Statuses.parse(raw);
        assertThat(status.status()).isNotNull();
        SubjectCategories.CategoryParse category = SubjectCategories.parse(raw);
        if (category.category() != null) {
            assertThat(category.recognized()).isTrue();
        }
        if (Text.compact(raw) == null) {
            assertThat(status.recognized()).isTrue();
            assertThat(category).isEqualTo(new SubjectCategories.CategoryParse(null, true));
            assertThat(RecordTypes.parse(raw)).isNull();
        }
    }

    @Property
    void spacingWidthAndCaseDoNotChangeTheAnswer(
            @ForAll("values") String raw, @ForAll("variants") String noise) {
        String compact = Text.compact(raw);
        if (compact == null) {
            return;
        }
        StringBuilder varied = new StringBuilder(noise);
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            char wide = c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c;
            varied.append(i % 2 == 0 ? Character.toUpperCase(wide) : wide)
                    .append(i % 3 == 0 ? noise : "");
        }
        String v = varied.toString();
        if (!compact.chars()
                .allMatch(
                        c ->
                                c < 0x80
                                        || Character.UnicodeScript.of(c)
                                                == Character.UnicodeScript.HAN)) {
            return; // the invariance is stated for ASCII and Han values
        }
        assertThat(Statuses.parse(v)).as(v).isEqualTo(Statuses.parse(raw));
        assertThat(SubjectCategories.parse(v)).as(v).isEqualTo(SubjectCategories.parse(raw));
        RecordType type = RecordTypes.parse(raw);
        assertThat(RecordTypes.parse(v)).as(v).isEqualTo(type);
    }
}
