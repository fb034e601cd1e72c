package io.guiji.jobs.link.fuzzy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Administrative divisions written in enterprise names (GB/T 2260), for name matching: the
 * provinces, the cities of Liaoning, and 朝阳市 with its districts and counties (docs/domain.md §5),
 * in full ({@code 建平县}) and short ({@code 建平}) forms. Any other two-character name ending in 省, 市,
 * 县, 区 or 旗 at the start of a name is taken as an unknown division (kept as text).
 *
 * <p>A region is a code with its trailing zero pairs dropped ({@code 211300} → {@code 2113}), so
 * containment is a prefix test; an unknown division is its text prefixed with {@code ?}.
 */
public final class Regions {
    private static final Map<String, String> FULL = new HashMap<>();
    private static final Map<String, String> SHORT = new HashMap<>();
    private static final int LONGEST;

    /**
     * Characters that make a word with a division suffix (市场, 区域, 县级, 市政 …): no unknown division
     * ends before them.
     */
    private static final String NOT_AFTER_DIVISION = "场政域级委民长镇内外";

    /** The same for a known division: only 市场 and 市政 (北京市场…, 朝阳市政…). */
    private static final String NOT_AFTER_KNOWN = "场政";

    static {
        String[][] provinces = {
            {"北京市", "北京", "110000"},
            {"天津市", "天津", "120000"},
            {"河北省", "河北", "130000"},
            {"山西省", "山西", "140000"},
            {"内蒙古自治区", "内蒙古", "150000"},
            {"辽宁省", "辽宁", "210000"},
            {"吉林省", "吉林", "220000"},
            {"黑龙江省", "黑龙江", "230000"},
            {"上海市", "上海", "310000"},
            {"江苏省", "江苏", "320000"},
            {"浙江省", "浙江", "330000"},
            {"安徽省", "安徽", "340000"},
            {"福建省", "福建", "350000"},
            {"江西省", "江西", "360000"},
            {"山东省", "山东", "370000"},
            {"河南省", "河南", "410000"},
            {"湖北省", "湖北", "420000"},
            {"湖南省", "湖南", "430000"},
            {"广东省", "广东", "440000"},
            {"广西壮族自治区", "广西", "450000"},
            {"海南省", "海南", "460000"},
            {"重庆市", "重庆", "500000"},
            {"四川省", "四川", "510000"},
            {"贵州省", "贵州", "520000"},
            {"云南省", "云南", "530000"},
            {"西藏自治区", "西藏", "540000"},
            {"陕西省", "陕西", "610000"},
            {"甘肃省", "甘肃", "620000"},
            {"青海省", "青海", "630000"},
            {"宁夏回族自治区", "宁夏", "640000"},
            {"新疆维吾尔自治区", "新疆", "650000"},
            // the cities of Liaoning
            {"沈阳市", "沈阳", "210100"},
            {"大连市", "大连", "210200"},
            {"鞍山市", "鞍山", "210300"},
            {"抚顺市", "抚顺", "210400"},
            {"本溪市", "本溪", "210500"},
            {"丹东市", "丹东", "210600"},
            {"锦州市", "锦州", "210700"},
            {"营口市", "营口", "210800"},
            {"阜新市", "阜新", "210900"},
            {"辽阳市", "辽阳", "211000"},
            {"盘锦市", "盘锦", "211100"},
            {"铁岭市", "铁岭", "211200"},
            {"朝阳市", "朝阳", "211300"},
            {"葫芦岛市", "葫芦岛", "211400"},
            // 朝阳市 (docs/domain.md §5)
            {"双塔区", "双塔", "211302"},
            {"龙城区", "龙城", "211303"},
            {"朝阳县", null, "211321"},
            {"建平县", "建平", "211322"},
            {"喀喇沁左翼蒙古族自治县", "喀左", "211324"},
            {"北票市", "北票", "211381"},
            {"凌源市", "凌源", "211382"},
            // the other 朝阳s: the name 朝阳 alone means the city of this deployment
            {"朝阳区", null, "110105"},
            {"长春市", "长春", "220100"},
        };
        int longest = 0;
        for (String[] p : provinces) {
            FULL.put(p[0], trim(p[2]));
            longest = Math.max(longest, p[0].length());
            if (p[1] != null) {
                SHORT.put(p[1], trim(p[2]));
            }
        }
        FULL.put("喀喇沁左翼", "211324");
        SHORT.put("喀喇沁", "211324");
        LONGEST = longest;
    }

    private Regions() {}

    /** A division found at the start of a text: its region and the characters it takes. */
    public record Found(String region, int length) {}

    /**
     * The division at {@code from} in {@code s}, or null (also when {@code from} is outside {@code
     * s}). Short forms and unknown divisions count only when at least {@code minRest} characters
     * follow, so a trade name like 朝阳 or 华联超市 survives; with {@code minRest} 0 the division may end
     * the text.
     */
    public static Found atStart(String s, int from, int minRest) {
        if (from < 0 || from >= s.length()) {
            return null;
        }
        minRest = Math.max(0, minRest);
        int rest = s.length() - from;
        for (int len = Math.min(LONGEST, rest); len >= 2; len--) {
            String region = FULL.get(s.substring(from, from + len));
            if (region != null
                    && rest - len >= 1
                    && NOT_AFTER_KNOWN.indexOf(s.charAt(from + len)) < 0) {
                return new Found(region, len);
            }
        }
        for (int len = Math.min(3, rest); len >= 2; len--) {
            String region = SHORT.get(s.substring(from, from + len));
            if (region != null && rest - len >= minRest && !startsDivision(s, from + len)) {
                return new Found(region, len);
            }
        }
        if (rest >= 3 + minRest && isHanRun(s, from, 2)) {
            char suffix = s.charAt(from + 2);
            // With minRest 0 the division may end the text (a bracketed （某某县）): nothing follows.
            boolean wordGoesOn = rest > 3 && NOT_AFTER_DIVISION.indexOf(s.charAt(from + 3)) >= 0;
            if ("省市县区旗".indexOf(suffix) >= 0 && !wordGoesOn) {
                return new Found("?" + s.substring(from, from + 3), 3);
            }
        }
        return null;
    }

    /** The whole of {@code s} as one division ({@code 朝阳}, {@code 建平县}), or null. */
    public static String whole(String s) {
        String r = FULL.get(s);
        return r != null ? r : SHORT.get(s);
    }

    /** All leading divisions of {@code s}, in order. */
    public static List<Found> leading(String s, int minRest) {
        List<Found> out = new ArrayList<>(2);
        int at = 0;
        Found f;
        while ((f = atStart(s, at, minRest)) != null) {
            out.add(f);
            at += f.length();
        }
        return out;
    }

    /**
     * The region of a 6-digit division code ({@code 211322} → {@code 211322}, {@code 211300} →
     * {@code 2113}), or null.
     */
    public static String ofCode(String code) {
        if (code == null || code.length() != 6 || !code.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return trim(code);
    }

    /** The relation of two regions: one contains (or equals) the other, or they are apart. */
    public static boolean nested(String a, String b) {
        if (a.startsWith("?") || b.startsWith("?")) {
            return a.equals(b);
        }
        return a.startsWith(b) || b.startsWith(a);
    }

    private static boolean startsDivision(String s, int at) {
        // 朝阳县 must not read as the short form 朝阳 followed by 县…
        return at < s.length() && "省市县区旗".indexOf(s.charAt(at)) >= 0;
    }

    private static boolean isHanRun(String s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (!Hanzi.isHan(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String trim(String code) {
        String c = code;
        while (c.length() > 2 && c.endsWith("00")) {
            c = c.substring(0, c.length() - 2);
        }
        return c;
    }
}
