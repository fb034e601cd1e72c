package io.guiji.jobs.normalize;

import io.guiji.connectors.SinkSafeText;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of hostile text for the property tests of everything that reads text: arbitrary UTF-16
 * (lone surrogates, noncharacters and every control included), names built from the pieces that
 * name analysis looks for (divisions, legal forms, industries, branch suffixes, traditional
 * characters) with bracketed parts of every length in every bracket kind, balanced or not, nested
 * or not, and every kind of space, zero-width, full-width and compatibility character.
 */
public final class HostileText {
    private HostileText() {}

    /**
     * Every bracket the name and document-number code knows, full-width and compatibility forms
     * included.
     */
    public static final String[] OPEN = {
        "(", "（", "[", "［", "【", "〔", "{", "｛", "〈", "《", "〖", "﹝", "⦅"
    };

    public static final String[] CLOSE = {
        ")", "）", "]", "］", "】", "〕", "}", "｝", "〉", "》", "〗", "﹞", "⦆"
    };

    static final String[] SPACES = {
        " ", "\u3000", "\u00A0", "\t", "\n", "\r", "\r\n", "\u000B", "\u000C", "\u2003", "\u2009",
        "\u202F", "\u205F", "\u1680", "\u0085", "\u2028", "\u2029"
    };
    static final String[] ZERO_WIDTH = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"};
    static final String[] CONTROLS = {
        "\u0000", "\u0001", "\u0008", "\u000E", "\u001B", "\u001F", "\u007F", "\u0080", "\u009F",
        "\u001C"
    };
    static final String[] SURROGATES_AND_NONCHARACTERS = {
        "\uD800",
        "\uDBFF",
        "\uDC00",
        "\uDFFF",
        "\uDC00\uD800",
        "\uD83D\uDE00",
        "\uD840\uDC00",
        "\uD87E\uDC04",
        "\uDBFF\uDFFF",
        "\uD83F\uDFFE",
        "\uFFFE",
        "\uFFFF",
        "\uFDD0",
        "\uFDEF",
        "\uFFFD"
    };
    static final String[] COMPATIBILITY = {
        "Ａ", "ｚ", "１", "９", "，", "．", "－", "＿", "￥", "＋", "ǆ", "ǅ", "Ǆ", "ſ", "ﬀ", "ﬁ", "Ⅻ", "ⅻ",
        "㍻", "㈱", "㊣", "①", "⑩", "²", "½", "ß", "ŉ", "İ", "ı", "\u0301", "\u0308", "\u3099",
        "\u309B", "ｶ", "ﾞ", "e\u0301", "é", "Ω", "Ω", "K", "Å", "\u00B4", "\u02DD", "…", "‥", "﹏"
    };
    static final String[] PUNCTUATION = {
        "·", "・", ".", ",", "，", "、", "'", "\"", "“", "”", "‘", "’", "-", "_", "*", "/", "\\", ";",
        "；", "|", "〇", "零", "№", "#", "%"
    };
    static final String[] REGIONS = {
        "朝阳",
        "朝阳市",
        "朝阳县",
        "朝阳区",
        "建平",
        "建平县",
        "双塔区",
        "龙城区",
        "北票市",
        "凌源",
        "喀左",
        "喀喇沁",
        "喀喇沁左翼",
        "喀喇沁左翼蒙古族自治县",
        "辽宁",
        "辽宁省",
        "北京",
        "北京市",
        "内蒙古",
        "内蒙古自治区",
        "长春市",
        "某某县",
        "某某市",
        "某某区",
        "某某旗",
        "某某省",
        "华县",
        "市场",
        "县级",
        "区域"
    };
    static final String[] LEGAL_FORMS = {
        "有限公司", "有限责任公司", "股份有限公司", "公司", "合伙企业", "有限合伙", "普通合伙", "特殊普通合伙", "个人独资企业", "农民专业合作社",
        "经营部", "商店", "超市", "便利店", "厂", "店", "部", "中心", "事务所", "连锁店", "未登记"
    };
    static final String[] INDUSTRIES = {
        "商贸", "贸易", "建材", "科技", "建筑工程", "工程", "房地产开发", "餐饮", "食品", "物流", "服务", "综合", "市政", "集团",
        "控股"
    };
    static final String[] BRANCHES = {"分公司", "分店", "营业部", "办事处", "支行", "分中心", "建平分公司", "朝阳分店"};
    static final String[] TRADITIONAL = {
        "華", "盛", "貿", "遼", "寧", "陽", "縣", "區", "龍", "乾", "發", "裡", "後", "臺", "聯", "興", "業", "鑫",
        "源", "乾", "藥", "園", "廠"
    };

    /**
     * Han characters: the first 2,300 of the CJK block (the commonest in names; the whole block and
     * every other code unit come through {@link #pieces}' arbitrary characters). A small set keeps
     * {@link io.guiji.jobs.link.fuzzy.Hanzi}'s per-character ICU look-ups cached after a few
     * hundred tries.
     */
    public static Arbitrary<Character> han() {
        return Arbitraries.chars().range('\u4E00', '\u56FF');
    }

    /** Single characters and short pieces of every kind above, and any UTF-16 code unit. */
    public static Arbitrary<String> pieces() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, han().map(String::valueOf)),
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().all().map(String::valueOf)),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.strings()
                                .withCharRange('0', '9')
                                .ofMinLength(1)
                                .ofMaxLength(4)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withCharRange('A', 'Z')
                                .ofMinLength(1)
                                .ofMaxLength(3)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(OPEN)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(CLOSE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(SPACES)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(ZERO_WIDTH)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(CONTROLS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(SURROGATES_AND_NONCHARACTERS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(COMPATIBILITY)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(PUNCTUATION)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(REGIONS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(LEGAL_FORMS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(INDUSTRIES)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(BRANCHES)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(TRADITIONAL)));
    }

    /** Hostile text: sequences of {@link #pieces}, raw UTF-16, or bracketed names. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, pieces().list().ofMaxSize(16).map(HostileText::join)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(24)),
                net.jqwik.api.Tuple.of(3, names()));
    }

    /**
     * Like {@link #strings}, never null but possibly empty; sometimes null when {@code withNull}.
     */
    public static Arbitrary<String> nullableStrings() {
        return strings().injectNull(0.05);
    }

    /**
     * Enterprise-name-shaped text: optional divisions, a trade name, an optional industry, one or
     * more bracketed parts (0–8 characters, any bracket kinds, possibly unclosed, unopened or
     * nested), a legal form and sometimes a branch, with noise pieces sprinkled in.
     */
    public static Arbitrary<String> names() {
        Arbitrary<String> han =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, han().map(String::valueOf)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(TRADITIONAL)));
        Arbitrary<String> trade = han.list().ofMinSize(0).ofMaxSize(7).map(HostileText::join);
        Arbitrary<String> regions =
                Arbitraries.of(REGIONS).list().ofMaxSize(3).map(HostileText::join);
        Arbitrary<String> optional =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.just("")),
                        net.jqwik.api.Tuple.of(1, pieces()));
        return Combinators.combine(
                        regions,
                        trade,
                        Arbitraries.of(INDUSTRIES).injectNull(0.4),
                        bracketed().list().ofMaxSize(3).map(HostileText::join),
                        Arbitraries.of(LEGAL_FORMS).injectNull(0.2),
                        Arbitraries.of(BRANCHES).injectNull(0.8),
                        optional,
                        optional)
                .as(
                        (r, t, i, b, f, br, n1, n2) ->
                                r
                                        + n1
                                        + t
                                        + (i == null ? "" : i)
                                        + b
                                        + (f == null ? "" : f)
                                        + n2
                                        + (br == null ? "" : br));
    }

    /**
     * A bracketed part: any open, 0–8 characters (Han, divisions, legal forms, noise), any close or
     * none, maybe nested.
     */
    public static Arbitrary<String> bracketed() {
        Arbitrary<String> inner =
                Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(5, han().map(String::valueOf)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.of(REGIONS)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.of(LEGAL_FORMS)),
                                net.jqwik.api.Tuple.of(1, pieces()))
                        .list()
                        .ofMaxSize(4)
                        .map(HostileText::join)
                        .filter(s -> s.length() <= 8);
        Arbitrary<String> exactHan =
                han().list()
                        .ofMaxSize(8)
                        .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
        Arbitrary<String> content = Arbitraries.oneOf(inner, exactHan);
        Arbitrary<String> open = Arbitraries.of(OPEN).injectNull(0.1);
        Arbitrary<String> close = Arbitraries.of(CLOSE).injectNull(0.15);
        Arbitrary<String> simple =
                Combinators.combine(open, content, close)
                        .as((o, c, cl) -> (o == null ? "" : o) + c + (cl == null ? "" : cl));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, simple),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(open, simple, content, close)
                                .as(
                                        (o, s, c, cl) ->
                                                (o == null ? "" : o)
                                                        + s
                                                        + c
                                                        + (cl == null ? "" : cl))));
    }

    /**
     * {@code n} characters drawn from {@link #pieces} repeated: very long input (100k and more).
     */
    public static Arbitrary<String> veryLong() {
        return Combinators.combine(
                        strings().filter(s -> !s.isEmpty()),
                        Arbitraries.integers().between(20_000, 120_000))
                .as(
                        (s, n) -> {
                            StringBuilder b = new StringBuilder(n + s.length());
                            while (b.length() < n) {
                                b.append(s);
                            }
                            return b.toString();
                        });
    }

    static String join(List<String> parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append(p);
        }
        return b.toString();
    }

    /** The code units of {@code s} that a sink cannot take, for assertion messages. */
    public static List<String> unsafeUnits(String s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (SinkSafeText.isUnsafe(s, i)) {
                out.add(String.format("U+%04X at %d", (int) s.charAt(i), i));
            }
        }
        return out;
    }
}
