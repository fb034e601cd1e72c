package io.guiji.jobs.link.fuzzy;

import io.guiji.jobs.normalize.Names;
import io.guiji.jobs.normalize.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise name taken apart for fuzzy matching (docs/contract.md §6 tier 6). The structure of
 * a Chinese enterprise name is 行政区划 + 字号 + 行业 + 组织形式, optionally followed by a branch ({@code
 * …有限公司建平分公司}); so {@code 辽宁省朝阳市華盛商貿（朝阳）有限公司} becomes regions {@code [21, 2113]}, trade name {@code
 * 华盛}, industry {@code 商贸}, legal form {@code 有限公司}.
 *
 * <p>Normalization before parsing: {@link Text#clean} (NFKC: full-width letters, digits and
 * brackets become ASCII), traditional → simplified ({@link Hanzi}), spaces and the punctuation
 * {@code · ・ . , ， 、 ' " “ ” ‘ ’ - _} dropped, Latin upper-cased, every bracket kind read as a
 * bracket. A bracketed division ({@code （朝阳）}) is a region, or, in a name otherwise of industry
 * words and a form, its trade name, read before them ({@code 电力公司（北京）} as 北京电力公司); a bracketed
 * legal form ({@code （有限合伙）}) belongs to the legal form; other bracketed text is kept without
 * brackets. Brackets need not be balanced: the text of a bracket left open, or opened again inside
 * another, is kept as name text; a closing bracket with no opening one is dropped. No character of
 * the name is lost on the way: {@code text} is the name's normalized characters less the bracketed
 * regions and legal forms, and ends with {@code core}, the legal form and the branch.
 *
 * @param text the normalized name (simplified, no spaces or punctuation, brackets removed)
 * @param traditional whether normalization changed traditional characters
 * @param regions the divisions written in the name ({@link Regions}), outermost first
 * @param core the name without regions, legal form and branch: trade name + industry
 * @param trade the trade name (字号); a place when the name has no other ({@link #tradeAsPlace})
 * @param industry the industry words (行业), possibly empty
 * @param legalForm the legal or organizational form ({@code 有限公司}, {@code 有限责任公司}, {@code 经营部} …),
 *     possibly empty
 * @param branch the branch part ({@code 建平分公司}), or null when the name is not a branch
 * @param inner a province or city written inside the name without brackets ({@code 大连} of
 *     华为软件技术大连有限公司), read as one of its regions and kept in {@code text}; empty when none
 */
public record NameParts(
        String text,
        boolean traditional,
        List<String> regions,
        String core,
        String trade,
        String industry,
        String legalForm,
        String branch,
        String inner) {

    /**
     * Forms of organization, longest first within each suffix family; tested at the end of the
     * name.
     */
    static final String[] LEGAL_FORMS = {
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "股份公司",
        "公司",
        "合伙企业有限合伙",
        "合伙企业普通合伙",
        "合伙企业特殊普通合伙",
        "合伙企业",
        "个人独资企业",
        "独资企业",
        "农民专业合作社联合社",
        "农民专业合作社",
        "专业合作社",
        "股份经济合作社",
        "经济合作社",
        "合作社",
        "联合社",
        "会计师事务所",
        "律师事务所",
        "事务所",
        "研究院",
        "研究所",
        "幼儿园",
        "学校",
        "医院",
        "诊所",
        "卫生所",
        "经营部",
        "门市部",
        "服务部",
        "批发部",
        "小吃部",
        "商店",
        "商行",
        "商城",
        "超市",
        "便利店",
        "大药房",
        "药房",
        "药店",
        "饭店",
        "餐馆",
        "酒店",
        "宾馆",
        "旅馆",
        "旅店",
        "浴池",
        "加工厂",
        "加油站",
        "养殖场",
        "农场",
        "中心",
        "工作室",
        "厂",
        "店",
        "部",
        "馆",
        "行",
        "社",
        "室",
        "坊",
        "铺",
        "场",
        "站",
        "所",
        "园",
    };

    /** Industry words (行业表述), peeled off the end of the core name, longest first. */
    static final String[] INDUSTRIES =
            sortedLongestFirst(
                    "房地产开发", "房地产经纪", "房地产", "建筑工程", "建筑安装", "建筑劳务", "建筑装饰", "装饰工程", "装饰装修", "装饰",
                    "建筑", "建设工程", "建设", "工程", "工程机械", "机械设备", "机械制造", "机械", "设备", "科技发展", "科技",
                    "技术", "信息技术", "网络科技", "网络", "信息", "电子商务", "电子", "电器", "电气", "商贸", "贸易", "商务",
                    "经贸", "实业", "发展", "投资", "管理", "咨询", "服务", "物业管理", "物业", "物流", "运输", "货运", "客运",
                    "汽车销售", "汽车服务", "汽车修理", "汽车", "农业", "农牧", "牧业", "畜牧", "养殖", "种植", "种业", "农资",
                    "农机", "林业", "渔业", "食品", "餐饮", "饮食", "酒业", "粮油", "米业", "乳业", "医药", "药业", "制药",
                    "生物", "化工", "新材料", "材料", "建材", "水泥", "钢铁", "钢材", "金属", "五金", "矿业", "矿产", "煤炭",
                    "煤业", "新能源", "能源", "电力", "热力", "供热", "燃气", "石油", "石化", "环保", "环境", "水务", "文化传媒",
                    "文化", "传媒", "广告", "印刷", "包装", "纸业", "服装", "服饰", "纺织", "家具", "家居", "木业", "塑料",
                    "橡胶", "玻璃", "陶瓷", "旅游", "教育", "培训", "健康", "医疗", "劳务", "人力资源", "保安", "安防", "消防",
                    "通信", "通讯", "航空", "光电", "仪器", "仪表", "制造", "加工", "再生资源", "回收", "租赁", "担保", "典当",
                    "日用品", "百货", "烟酒", "美容", "美发", "洗浴", "酒店管理", "家政", "清洁", "绿化", "园林", "市政", "路桥",
                    "水利", "钢结构", "门窗", "防水", "暖通", "制冷", "汽车配件", "配件", "轮胎", "农产品", "蔬菜", "水果",
                    "果蔬", "茶叶", "烧烤", "小吃", "快餐", "火锅", "食杂", "副食", "综合", "集团", "控股", "银行", "保险",
                    "证券", "商业银行", "出版");

    private static final java.util.Set<String> INDUSTRY_SET =
            new java.util.HashSet<>(java.util.Arrays.asList(INDUSTRIES));
    private static final int LONGEST_INDUSTRY = INDUSTRIES[0].length();

    /**
     * The forms of two characters or more (a one-character form such as 店 is too common a
     * character).
     */
    private static final java.util.Set<String> FORM_SET =
            java.util.Arrays.stream(LEGAL_FORMS)
                    .filter(f -> f.length() >= 2)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final int LONGEST_GENERIC = 10;

    private static final String PUNCTUATION = "·・.,，、'\"“”‘’-_";

    /** The parts of {@code name}, or null when nothing is left of it. */
    public static NameParts parse(String name) {
        return parse(name, AS_WRITTEN);
    }

    /** How the start of a name is read: the places as written ({@link Regions#leading}). */
    private static final int AS_WRITTEN = 0;

    /** The start read as a division whose containing division was dropped (南川 of 重庆南川). */
    private static final int PARENT_DROPPED = 1;

    /** No place read at the start: the divisions written there are the trade name's (上海汇丰). */
    private static final int IN_TRADE_NAME = 2;

    /**
     * Another reading of the start of a record's name (docs/domain.md §5.1): {@code kind} {@code
     * parent_dropped} or {@code trade_name}, {@code place} the characters read the other way.
     */
    public record PlaceReading(NameParts parts, String kind, String place) {}

    /**
     * The other readings of the start of {@code name} that a name registered with a place prefix
     * could have given when the prefix was dropped (a record's name; docs/domain.md §5.1):
     *
     * <ul>
     *   <li>a name that starts with no place as written but with a division in a form read only
     *       after the division containing it ({@code 南川石银村镇银行}): that division, its containing one
     *       dropped (重庆南川石银村镇银行) — {@code parent_dropped};
     *   <li>a name that starts with a place: no place, the place being the start of the trade name
     *       of a name registered under another place ({@code 上海汇丰银行有限公司} for 香港上海汇丰银行有限公司, where
     *       the run of places stops at 上海) — {@code trade_name};
     *   <li>a name that writes no place: with 中国 in front, as a national enterprise's name starts
     *       ({@code 工商银行大连分行} for 中国工商银行股份有限公司大连分行) — {@code national_dropped}.
     * </ul>
     *
     * A reading that gives the core as written, or no matchable name, is left out (浦东发展银行: 浦东 as
     * the district would leave only industry words).
     */
    public static List<PlaceReading> placeReadings(String name) {
        NameParts p = parse(name);
        if (p == null || !p.matchable()) {
            return List.of();
        }
        NameParts bare = parse(name, IN_TRADE_NAME);
        List<PlaceReading> out = new ArrayList<>(1);
        if (bare == null || bare.core().equals(p.core())) {
            NameParts q = parse(name, PARENT_DROPPED);
            if (q != null
                    && q.matchable()
                    && !q.core().equals(p.core())
                    && p.core().endsWith(q.core())) {
                out.add(
                        new PlaceReading(
                                q,
                                "parent_dropped",
                                p.core().substring(0, p.core().length() - q.core().length())));
            }
        } else if (bare.matchable() && bare.core().endsWith(p.core())) {
            out.add(
                    new PlaceReading(
                            bare,
                            "trade_name",
                            bare.core().substring(0, bare.core().length() - p.core().length())));
        }
        if (p.regions().isEmpty() && !p.text().startsWith(NATIONAL) && !p.text().startsWith("中华")) {
            NameParts n = parse(NATIONAL + name);
            if (n != null && n.matchable() && n.regions().isEmpty()) {
                out.add(new PlaceReading(n, "national_dropped", NATIONAL));
            }
        }
        return out;
    }

    /**
     * The word national enterprises' names start with (中国工商银行, 中国移动通信集团), which records leave out
     * as they leave out a place (工商银行大连分行): a record's name that writes no place is also read with
     * it ({@link #placeReadings}, {@code national_dropped}).
     */
    static final String NATIONAL = "中国";

    private static NameParts parse(String name, int startAs) {
        String cleaned = Names.withoutNotes(Text.clean(name));
        if (cleaned == null) {
            return null;
        }
        String simplified = Hanzi.simplified(cleaned);
        boolean traditional = !simplified.equals(cleaned);

        // Normalize characters; collect bracketed parts.
        StringBuilder body = new StringBuilder(simplified.length());
        List<String> regions = new ArrayList<>(2);
        String bracketPlace = null; // the text of the last bracketed division
        String bracketForm = "";
        StringBuilder inBracket = null;
        for (int i = 0; i < simplified.length(); i++) {
            char c = simplified.charAt(i);
            if (c == ' ' || PUNCTUATION.indexOf(c) >= 0) {
                continue;
            }
            if ("([{（【［〔〈《".indexOf(c) >= 0) {
                if (inBracket != null) {
                    body.append(
                            inBracket); // a bracket opened inside another: the outer one's text so
                    // far is kept
                }
                inBracket = new StringBuilder();
                continue;
            }
            if (")]}）】］〕〉》".indexOf(c) >= 0) {
                if (inBracket != null) {
                    String inner = inBracket.toString();
                    String region = Regions.whole(inner);
                    if (region == null) {
                        Regions.Found f = Regions.atStart(inner, 0, 0);
                        region = f != null && f.length() == inner.length() ? f.region() : null;
                    }
                    if (region != null) {
                        regions.add(region);
                        bracketPlace = inner;
                    } else if (inner.endsWith("合伙")) {
                        bracketForm = inner;
                    } else {
                        body.append(inner);
                    }
                    inBracket = null;
                }
                continue;
            }
            char u = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
            (inBracket != null ? inBracket : body).append(u);
        }
        if (inBracket != null) {
            body.append(inBracket); // an unclosed bracket: keep its text
        }
        String text = body.toString();
        if (text.isEmpty()) {
            return null;
        }

        // Branch: …<head office's form><branch qualifier><branch ending> (Branches).
        String head = text;
        String branch = null;
        int branchAt = Branches.start(text);
        if (branchAt > 0) {
            head = text.substring(0, branchAt);
            branch = text.substring(branchAt);
        }

        // Legal form at the end of the head.
        String legalForm = "";
        for (String form : LEGAL_FORMS) {
            if (head.endsWith(form)
                    && head.length() > form.length()
                    && !endsIndustryWord(head, form)) {
                legalForm = form;
                head = head.substring(0, head.length() - form.length());
                break;
            }
        }
        if (!bracketForm.isEmpty()) {
            legalForm = legalForm + bracketForm;
        }

        // A name of industry words and a bracketed place (电力公司（北京）, 投资管理（深圳）公司) is the name
        // registered as place, industry and form (北京市电力公司): the place is its trade name.
        if (regions.size() == 1 && bracketPlace != null && generic(head)) {
            head = bracketPlace + head;
            text = bracketPlace + text;
            regions.clear();
        }

        // A province or city written whole between a trade name and its industry words or form,
        // without the brackets its registered name has (华为软件技术大连有限公司, 恒信沈阳商贸有限公司 for
        // 华为软件技术（大连）有限公司, 恒信（沈阳）商贸有限公司): read as bracketed; the text keeps it, as
        // it keeps every character written outside brackets.
        String inner = "";
        if (bracketPlace == null) {
            FoundAt mid = placeInside(head);
            if (mid != null) {
                int at0 = mid.at();
                int end = at0 + mid.found().length();
                regions.add(mid.found().region());
                inner = head.substring(at0, end);
                head = head.substring(0, at0) + head.substring(end);
            }
        }

        // Regions at the start (a trade name of at least two characters must remain).
        List<Regions.Found> leading =
                switch (startAs) {
                    case PARENT_DROPPED -> Regions.leadingAfterDropped(head, 2);
                    case IN_TRADE_NAME -> new ArrayList<>(0);
                    default -> Regions.leading(head, 2);
                };
        int at = 0;
        for (Regions.Found found : leading) {
            at += found.length();
        }
        // A division that leaves only industry words or forms, or less than two characters of trade
        // name before its industry words, was the trade name (朝阳县朝阳商贸有限公司, 天津饭店有限公司,
        // 广德静食品有限公司: 广德 is a city of 安徽, but 静 alone is no trade name).
        while (!leading.isEmpty()
                && (head.length() - at < 2
                        || generic(head.substring(at))
                        || beforeIndustry(head.substring(at)) < 2)) {
            at -= leading.remove(leading.size() - 1).length();
        }
        for (Regions.Found found : leading) {
            regions.add(found.region());
        }
        String core = head.substring(at);
        if (core.isEmpty()) {
            core = head;
        }

        // Industry words at the end of the core.
        String trade = core;
        StringBuilder industry = new StringBuilder();
        boolean peeled = true;
        while (peeled) {
            peeled = false;
            // The longest industry word the trade name ends with (at most one per length can
            // match),
            // by set lookups: looping over every word with endsWith dominated linking's CPU time.
            for (int len = Math.min(LONGEST_INDUSTRY, trade.length() - 2); len >= 1; len--) {
                String word = trade.substring(trade.length() - len);
                if (INDUSTRY_SET.contains(word)) {
                    industry.insert(0, word);
                    trade = trade.substring(0, trade.length() - len);
                    peeled = true;
                    break;
                }
            }
        }
        return new NameParts(
                text,
                traditional,
                List.copyOf(regions),
                core,
                trade,
                industry.toString(),
                legalForm,
                branch,
                inner);
    }

    /**
     * The trade name as a place, when it is one division and nothing else: a name registered as
     * place, industry words and form has no trade name of its own (北京市电力公司, 辽宁省电力有限公司, 深圳市投资管理公司),
     * and records write the place in any of its forms (北京电力公司, 电力公司（北京）). The place is given in its
     * shortest form: the shortest start of the trade name that names the same one division where a
     * name starts ({@link Regions#whole}: 北京 for 北京市, 内蒙古 for 内蒙古自治区; 朝阳 is 朝阳市 there, as 朝阳商贸有限公司
     * is of 朝阳市). Null for any other trade name (a run of divisions, 朝阳市建平县, included), and for a
     * form that names more than one division.
     */
    public String tradeAsPlace() {
        if (trade.length() < 2) {
            return null;
        }
        String region = Regions.whole(trade);
        if (region == null || region.indexOf('|') >= 0) {
            return null;
        }
        for (int len = 2; len < trade.length(); len++) {
            String start = trade.substring(0, len);
            if (region.equals(Regions.whole(start))) {
                return start;
            }
        }
        return trade;
    }

    /** The words that end a town's name (乡镇级: 镇, 乡, 街道). */
    private static final String[] TOWN_WORDS = {"街道", "镇", "乡"};

    /**
     * The town written at the start of the trade name after a county-level division ({@code 复州城镇}
     * of 瓦房店市复州城镇利民加油站, {@code 老城街道} of 开原市老城街道王记粮店: 2–4 characters and 镇, 乡 or 街道, at least two
     * characters of trade name after it), or null. The division table stops at counties, so a town
     * is read by its form, and only where a county is written before it.
     */
    public String town() {
        boolean county = false;
        for (String r : regions) {
            county |= Regions.depth(r) >= 6;
        }
        if (!county) {
            return null;
        }
        for (int len = 2; len <= 4 && len < trade.length(); len++) {
            for (String word : TOWN_WORDS) {
                int end = len + word.length();
                if (trade.length() - end >= 2 && trade.startsWith(word, len)) {
                    for (int i = 0; i < len; i++) {
                        if (!Hanzi.isHan(trade.charAt(i))) {
                            return null;
                        }
                    }
                    return trade.substring(0, end);
                }
            }
        }
        return null;
    }

    /** This name without its {@link #town} (瓦房店市利民加油站 for 瓦房店市复州城镇利民加油站), or null. */
    public NameParts townDropped() {
        String town = town();
        if (town == null) {
            return null;
        }
        int at = text.indexOf(town);
        String t = at < 0 ? text : text.substring(0, at) + text.substring(at + town.length());
        return new NameParts(
                t,
                traditional,
                regions,
                core.substring(town.length()),
                trade.substring(town.length()),
                industry,
                legalForm,
                branch,
                inner);
    }

    /**
     * Whether the name says enough to look for it approximately (not a bare personal name or a
     * single word).
     */
    public boolean matchable() {
        return trade.length() >= 2
                && (!industry.isEmpty() || !legalForm.isEmpty() || core.length() >= 4);
    }

    /** The most specific region written in the name, or null. */
    public String region() {
        String best = null;
        for (String r : regions) {
            if (best == null || Regions.depth(r) > Regions.depth(best)) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Whether a one-character form ends an industry word instead ({@code 行} of 银行: 中国工商银行 is a
     * bank's name, not a 行 named 中国工商银).
     */
    private static boolean endsIndustryWord(String head, String form) {
        return form.length() == 1
                && head.length() >= 2
                && INDUSTRY_SET.contains(head.substring(head.length() - 2));
    }

    /**
     * How many characters of {@code s} come before the industry word it ends with, the shortest if
     * several fit (川新能源: 川新 before 能源, not 川 before 新能源), or all of them when it ends with none.
     */
    private static int beforeIndustry(String s) {
        for (int len = 2; len <= Math.min(LONGEST_INDUSTRY, s.length()); len++) {
            if (INDUSTRY_SET.contains(s.substring(s.length() - len))) {
                return s.length() - len;
            }
        }
        return s.length();
    }

    /** A division found at {@code at} of a text. */
    private record FoundAt(int at, Regions.Found found) {}

    /**
     * The one province or prefecture written whole inside {@code head}, after at least two
     * characters of trade name that start with no place and before nothing but industry words (大连
     * of 华为软件技术大连, 沈阳 of 恒信沈阳商贸), or null. A county's or district's name is not read there: short
     * ones are common words of trade names (东方, 和平).
     */
    private static FoundAt placeInside(String head) {
        if (head.length() < 4 || Regions.atStart(head, 0, 2) != null) {
            return null;
        }
        FoundAt only = null;
        for (int i = 2; i <= head.length() - 2; i++) {
            Regions.Found f = Regions.atStart(head, i, 0);
            if (f == null || f.region().indexOf('|') >= 0) {
                continue;
            }
            int depth = Regions.depth(f.region());
            int end = i + f.length();
            if (depth < 2
                    || depth > 4
                    || !(end == head.length() || generic(head.substring(end)))
                    || generic(head.substring(0, i))) {
                continue;
            }
            if (only != null) {
                return null;
            }
            only = new FoundAt(i, f);
            i = end - 1; // 马鞍山 holds 鞍山: one place
        }
        return only;
    }

    /**
     * Whether {@code s} is made only of industry words and forms (商贸, 饭店, 建筑工程有限公司): a
     * left-to-right pass over where such words can end, linear in the length of {@code s}.
     */
    private static boolean generic(String s) {
        boolean[] endsWord = new boolean[s.length() + 1];
        endsWord[0] = true;
        for (int end = 1; end <= s.length(); end++) {
            for (int len = 2; len <= Math.min(end, LONGEST_GENERIC) && !endsWord[end]; len++) {
                String word = s.substring(end - len, end);
                endsWord[end] =
                        endsWord[end - len]
                                && (INDUSTRY_SET.contains(word) || FORM_SET.contains(word));
            }
        }
        return endsWord[s.length()];
    }

    private static String[] sortedLongestFirst(String... words) {
        String[] copy = words.clone();
        java.util.Arrays.sort(
                copy,
                (a, b) -> a.length() != b.length() ? b.length() - a.length() : a.compareTo(b));
        return copy;
    }
}
