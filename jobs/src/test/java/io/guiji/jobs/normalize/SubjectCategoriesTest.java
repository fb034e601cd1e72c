package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.SubjectCategories.Category;
import io.guiji.jobs.normalize.SubjectCategories.CategoryParse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectCategoriesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "法人及非法人组织, LEGAL_ENTITY",
        "法人, LEGAL_ENTITY",
        "法人及其他组织, LEGAL_ENTITY",
        "法人和非法人组织, LEGAL_ENTITY",
        "法人或非法人组织, LEGAL_ENTITY",
        "法人和其他组织, LEGAL_ENTITY",
        "法人或其他组织, LEGAL_ENTITY",
        "非法人组织, LEGAL_ENTITY",
        "其他组织, LEGAL_ENTITY",
        "企业, LEGAL_ENTITY",
        "企业法人, LEGAL_ENTITY",
        "1, LEGAL_ENTITY",
        "01, LEGAL_ENTITY",
        "１, LEGAL_ENTITY",
        "legal_entity, LEGAL_ENTITY",
        "个体工商户, INDIVIDUAL_BUSINESS",
        "个体, INDIVIDUAL_BUSINESS",
        "个体户, INDIVIDUAL_BUSINESS",
        "个体经营户, INDIVIDUAL_BUSINESS",
        "3, INDIVIDUAL_BUSINESS",
        "03, INDIVIDUAL_BUSINESS",
        "INDIVIDUAL_BUSINESS, INDIVIDUAL_BUSINESS",
        "自然人, NATURAL_PERSON",
        "个人, NATURAL_PERSON",
        "公民, NATURAL_PERSON",
        "2, NATURAL_PERSON",
        "02, NATURAL_PERSON",
        "' 自 然 人 ', NATURAL_PERSON",
        "Natural_Person, NATURAL_PERSON",
    })
    void knownValues(String raw, Category expected) {
        assertThat(SubjectCategories.parse(raw)).isEqualTo(new CategoryParse(expected, true));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000"})
    void emptyIsNoCategoryAndNotAnError(String raw) {
        assertThat(SubjectCategories.parse(raw)).isEqualTo(new CategoryParse(null, true));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"0", "4", "001", "个体工商户（自然人）", "法人企业分支", "单位", "其他", "x"})
    void anythingElseIsUnrecognized(String raw) {
        assertThat(SubjectCategories.parse(raw)).isEqualTo(new CategoryParse(null, false));
    }

    @Test
    void labelsAreTheStandardsNames() {
        assertThat(Category.LEGAL_ENTITY.label()).isEqualTo("法人及非法人组织");
        assertThat(Category.INDIVIDUAL_BUSINESS.label()).isEqualTo("个体工商户");
        assertThat(Category.NATURAL_PERSON.label()).isEqualTo("自然人");
        for (Category c : Category.values()) {
            assertThat(SubjectCategories.parse(c.label())).isEqualTo(new CategoryParse(c, true));
        }
    }
}
