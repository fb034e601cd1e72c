package io.guiji.jobs.normalize;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * 行政相对人类别 values, mapped onto the three categories of docs/contract.md §2. Matching is exact after
 * {@link Text#compact} (NFKC, spaces removed) and ASCII case folding; there is no substring
 * guessing, since a wrong category changes linking (docs/contract.md §6: a natural person is never
 * linked to an enterprise; docs/domain.md §7: an individual business is 个体工商户, not 自然人).
 *
 * <ul>
 *   <li>{@link Category#LEGAL_ENTITY}: 法人及非法人组织, 法人, 法人及其他组织, 法人和非法人组织, 法人或非法人组织, 法人和其他组织, 法人或其他组织,
 *       非法人组织, 其他组织, 企业, 企业法人;
 *   <li>{@link Category#INDIVIDUAL_BUSINESS}: 个体工商户, 个体, 个体户, 个体经营户;
 *   <li>{@link Category#NATURAL_PERSON}: 自然人, 个人, 公民;
 *   <li>the enum names themselves ({@code LEGAL_ENTITY}, any case);
 *   <li><em>Assumption:</em> the numeric codes {@code 1}/{@code 01} 法人及非法人组织, {@code 2}/{@code 02}
 *       自然人, {@code 3}/{@code 03} 个体工商户, as some 双公示 exports send them. Neither the contract nor
 *       docs/domain.md confirms this code list; it is the order of the national template's category
 *       list as seen in the wild.
 * </ul>
 *
 * <p>Empty → {@code (null, true)}: no category given is not an error. Anything else → {@code (null,
 * false)}: the caller flags it.
 */
public final class SubjectCategories {
    /** The three 行政相对人类别 of the national standard. */
    public enum Category {
        LEGAL_ENTITY("法人及非法人组织"),
        INDIVIDUAL_BUSINESS("个体工商户"),
        NATURAL_PERSON("自然人");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        /** The category's name in the national standard, as published. */
        public String label() {
            return label;
        }
    }

    /** The outcome: {@code category} is null when the value was empty or not recognized. */
    public record CategoryParse(Category category, boolean recognized) {}

    private static final CategoryParse EMPTY = new CategoryParse(null, true);
    private static final CategoryParse UNRECOGNIZED = new CategoryParse(null, false);
    private static final Map<String, CategoryParse> VALUES = new HashMap<>();

    static {
        add(
                Category.LEGAL_ENTITY,
                "法人及非法人组织",
                "法人",
                "法人及其他组织",
                "法人和非法人组织",
                "法人或非法人组织",
                "法人和其他组织",
                "法人或其他组织",
                "非法人组织",
                "其他组织",
                "企业",
                "企业法人",
                "1",
                "01");
        add(Category.INDIVIDUAL_BUSINESS, "个体工商户", "个体", "个体户", "个体经营户", "3", "03");
        add(Category.NATURAL_PERSON, "自然人", "个人", "公民", "2", "02");
        for (Category c : Category.values()) {
            add(c, c.name());
        }
    }

    private SubjectCategories() {}

    /** The category {@code raw} stands for; see the class comment. */
    public static CategoryParse parse(String raw) {
        String s = Text.compact(raw);
        if (s == null) {
            return EMPTY;
        }
        return VALUES.getOrDefault(s.toLowerCase(Locale.ROOT), UNRECOGNIZED);
    }

    private static void add(Category category, String... values) {
        CategoryParse parse = new CategoryParse(category, true);
        for (String v : values) {
            VALUES.put(Text.compact(v).toLowerCase(Locale.ROOT), parse);
        }
    }
}
