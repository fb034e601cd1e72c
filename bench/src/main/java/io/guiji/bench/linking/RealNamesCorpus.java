package io.guiji.bench.linking;

import com.ibm.icu.text.Transliterator;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.jobs.normalize.Names;
import io.guiji.jobs.normalize.OrgCode;
import io.guiji.jobs.normalize.Uscc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A labelled corpus on real enterprise names (bench/names/enterprises.tsv, from public packages'
 * word lists; bench/names/README.md): a registry of those names, their real renames (renames.tsv)
 * and registered branches, and records naming them as departments write them, each with the
 * enterprise it must link to or none. The label follows from how a record was made: positives are
 * kept only where the variant's exact key names no other registered enterprise, negatives only
 * where it names none. Deterministic for a seed.
 *
 * <p>Which enterprise a name is stays the registry's word: two real names that differ by a place or
 * one character ({@link #nearDuplicatePairs}) are two enterprises here, so a record of one that
 * links to the other is a false link.
 *
 * <p>Every registered enterprise has a made-up legal representative (法定代表人, {@link PersonNames}). A
 * positive record carries its enterprise's with probability {@code legalRepShare}, a negative one a
 * freshly made-up person with that probability (not forced to differ from its look-alike's: common
 * names recur). The persons come from a random stream of their own, so the registry and the record
 * names are the same at every share.
 */
final class RealNamesCorpus {

    /** How a record's name was made, and whether it must link. */
    enum Kind {
        EXACT(true, "registry name as written"),
        FORMAT(true, "spaces (ASCII or ideographic), full-width/half-width brackets"),
        BRACKETS(true, "a place or branch part put in brackets (华为技术有限公司（沈阳分公司）)"),
        TRADITIONAL(true, "traditional script"),
        TYPO(true, "one character replaced by another (not a homophone)"),
        HOMOPHONE(true, "one character replaced by a homophone"),
        DROPPED_PREFIX(true, "place prefix dropped, the rest unique"),
        ADDED_PREFIX(true, "the enterprise's province or city put in front"),
        FORMER_NAME(true, "a real former name (renames.tsv)"),
        FORMER_NAME_TRADITIONAL(true, "a real former name in traditional script"),
        BRANCH(true, "a registered branch, traditional script or bracketed"),
        NEAR_DUPLICATE(true, "traditional script of a name with a real near-duplicate registered"),
        NEG_UNREGISTERED_BRANCH(false, "a branch of a registered enterprise, not registered"),
        NEG_OTHER_PLACE(false, "the same name with another place of the same level, unregistered"),
        // new kinds go last: the kinds are made in this order from one random stream, so the
        // records of the kinds before stay the same for a seed
        NEG_SIMILAR_TRADE_NAME(
                false,
                "one trade-name character replaced (not a homophone), a look-alike the registry lacks"),
        PLACE_TYPO(
                true,
                "one character of the place prefix replaced (not a homophone), no place left"),
        PLACE_HOMOPHONE(
                true, "one character of the place prefix replaced by a homophone, no place left"),
        NATIONAL_DROPPED(
                true, "中国 left out of a national enterprise's name (工商银行…), the rest unique");

        final boolean positive;
        final String description;

        Kind(boolean positive, String description) {
            this.positive = positive;
            this.description = description;
        }
    }

    /**
     * A record name with the enterprise it must link to (null: none), the registered enterprise it
     * was made from (for a negative, the one it must not be taken for) and the legal representative
     * the record names (null: none).
     */
    record Labelled(Kind kind, String name, String expected, String subject, String legalRep) {
        Labelled withLegalRep(String person) {
            return new Labelled(kind, name, expected, subject, person);
        }
    }

    /**
     * A registry enterprise: a real name (or a branch of one), its former names, its division, its
     * (made-up) legal representative.
     */
    record Enterprise(
            String id,
            String name,
            List<String> formers,
            String division,
            String headId,
            String legalRep) {
        boolean branch() {
            return headId != null;
        }
    }

    /** A division written in names: full form, short form, GB/T 2260 code, level. */
    record Place(String full, String shortName, String code, boolean province) {}

    /** Provinces (and Taiwan, Hong Kong, Macao), with the short forms names use. */
    static final List<Place> PROVINCES = new ArrayList<>();

    /**
     * The 31 provinces of the mainland: the divisions a registry here gives, and the places a
     * variant puts in front.
     */
    static final List<Place> MAINLAND = new ArrayList<>();

    /** Prefecture-level cities of every province (GB/T 2260 codes). */
    static final List<Place> CITIES = new ArrayList<>();

    static {
        String[] p = {
            "北京市 北京 110000",
            "天津市 天津 120000",
            "河北省 河北 130000",
            "山西省 山西 140000",
            "内蒙古自治区 内蒙古 150000",
            "辽宁省 辽宁 210000",
            "吉林省 吉林 220000",
            "黑龙江省 黑龙江 230000",
            "上海市 上海 310000",
            "江苏省 江苏 320000",
            "浙江省 浙江 330000",
            "安徽省 安徽 340000",
            "福建省 福建 350000",
            "江西省 江西 360000",
            "山东省 山东 370000",
            "河南省 河南 410000",
            "湖北省 湖北 420000",
            "湖南省 湖南 430000",
            "广东省 广东 440000",
            "广西壮族自治区 广西 450000",
            "海南省 海南 460000",
            "重庆市 重庆 500000",
            "四川省 四川 510000",
            "贵州省 贵州 520000",
            "云南省 云南 530000",
            "西藏自治区 西藏 540000",
            "陕西省 陕西 610000",
            "甘肃省 甘肃 620000",
            "青海省 青海 630000",
            "宁夏回族自治区 宁夏 640000",
            "新疆维吾尔自治区 新疆 650000",
            "台湾省 台湾 710000",
            "香港特别行政区 香港 810000",
            "澳门特别行政区 澳门 820000",
        };
        for (String s : p) {
            String[] f = s.split(" ");
            PROVINCES.add(new Place(f[0], f[1], f[2], true));
        }
        MAINLAND.addAll(PROVINCES.stream().filter(x -> x.code().compareTo("700000") < 0).toList());
        String[] c = {
            "石家庄市 130100",
            "唐山市 130200",
            "邯郸市 130400",
            "衡水市 131100",
            "秦皇岛市 130300",
            "太原市 140100",
            "呼和浩特市 150100",
            "包头市 150200",
            "沈阳市 210100",
            "大连市 210200",
            "鞍山市 210300",
            "锦州市 210700",
            "朝阳市 211300",
            "葫芦岛市 211400",
            "长春市 220100",
            "哈尔滨市 230100",
            "大庆市 230600",
            "南京市 320100",
            "无锡市 320200",
            "徐州市 320300",
            "苏州市 320500",
            "镇江市 321100",
            "杭州市 330100",
            "宁波市 330200",
            "温州市 330300",
            "绍兴市 330600",
            "台州市 331000",
            "合肥市 340100",
            "芜湖市 340200",
            "福州市 350100",
            "厦门市 350200",
            "泉州市 350500",
            "南昌市 360100",
            "赣州市 360700",
            "济南市 370100",
            "青岛市 370200",
            "烟台市 370600",
            "潍坊市 370700",
            "威海市 371000",
            "临沂市 371300",
            "郑州市 410100",
            "洛阳市 410300",
            "焦作市 410800",
            "商丘市 411400",
            "武汉市 420100",
            "宜昌市 420500",
            "襄阳市 420600",
            "长沙市 430100",
            "株洲市 430200",
            "广州市 440100",
            "深圳市 440300",
            "珠海市 440400",
            "佛山市 440600",
            "东莞市 441900",
            "南宁市 450100",
            "柳州市 450200",
            "桂林市 450300",
            "海口市 460100",
            "成都市 510100",
            "绵阳市 510700",
            "贵阳市 520100",
            "遵义市 520300",
            "昆明市 530100",
            "拉萨市 540100",
            "西安市 610100",
            "宝鸡市 610300",
            "兰州市 620100",
            "西宁市 630100",
            "银川市 640100",
            "乌鲁木齐市 650100",
        };
        for (String s : c) {
            String[] f = s.split(" ");
            CITIES.add(new Place(f[0], f[0].substring(0, f[0].length() - 1), f[1], false));
        }
    }

    private static final String[] LEGAL_FORMS = {
        "股份有限公司", "有限责任公司", "有限公司", "集团公司", "总公司", "公司",
    };

    /** Characters a one-character typo draws from: common in names, none a homophone check. */
    private static final String COMMON =
            "华中国东方南北西新金银宝海天龙凤山川江河湖泉林森松柏长城安平和美佳兴达鑫源宏昌隆泰丰恒通顺利信诚祥瑞福"
                    + "德润康健广大高精鼎晟锦绣雅韵怡悦乐庆吉泽沃卓越尚品誉浩翔宇鹏坤乾亿万千百工商贸实业科技电子机械化纺织"
                    + "建设投资发展集团石油化钢铁航空船舶汽车出版印刷文艺教育人民电力通信网络信息服务管理开发控股";

    /** Salt of the persons' random stream (a seed of its own, derived from the corpus seed). */
    private static final long PERSONS_SALT = 0x6C65_6761_6C52_6570L;

    private final Random random;

    /** The legal representatives' stream: apart from {@link #random}, which makes the names. */
    private final Random personRandom;

    private final PersonNames persons;
    private final double legalRepShare;
    private final Transliterator toTraditional =
            Transliterator.getInstance("Simplified-Traditional");
    private final Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
    private final Map<Character, String> syllables = new HashMap<>();
    private final Map<String, List<Character>> bySound = new HashMap<>();

    final List<Enterprise> registry = new ArrayList<>();
    final List<Labelled> records = new ArrayList<>();

    /** Real near-duplicate pairs among the registry's names (ids). */
    final List<String[]> nearDuplicatePairs = new ArrayList<>();

    private final Map<String, Enterprise> byId = new HashMap<>();

    /** Every registered key (current and former names) with the enterprises it names. */
    private final Map<String, Set<String>> keys = new HashMap<>();

    private final Set<String> ids = new HashSet<>();
    private final Map<String, String> partnerOf = new HashMap<>();

    private RealNamesCorpus(long seed, double legalRepShare) {
        if (!(legalRepShare >= 0 && legalRepShare <= 1)) {
            throw new IllegalArgumentException("legal-rep share not in [0, 1]: " + legalRepShare);
        }
        this.random = new Random(seed);
        this.personRandom = new Random(seed ^ PERSONS_SALT);
        this.persons = new PersonNames(personRandom);
        this.legalRepShare = legalRepShare;
    }

    /**
     * {@link #build(Path, Path, int, long, double)} with records that name no legal representative.
     */
    static RealNamesCorpus build(Path names, Path renames, int perKind, long seed)
            throws IOException {
        return build(names, renames, perKind, seed, 0);
    }

    /**
     * The registry from {@code names} (enterprises.tsv) and {@code renames} (renames.tsv), with
     * registered branches for some of them, and {@code perKind} records of every kind (fewer when
     * too few names fit a kind); a record names a legal representative with probability {@code
     * legalRepShare}.
     */
    static RealNamesCorpus build(
            Path names, Path renames, int perKind, long seed, double legalRepShare)
            throws IOException {
        RealNamesCorpus c = new RealNamesCorpus(seed, legalRepShare);
        c.load(tsv(names), tsv(renames));
        c.indexSounds();
        for (Kind k : Kind.values()) {
            c.generate(k, perKind);
        }
        return c;
    }

    /** The data rows of a TSV file with a header line, split at tabs. */
    private static List<String[]> tsv(Path p) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- registry

    private void load(List<String[]> names, List<String[]> renames) {
        Map<String, List<String>> formersOf = new LinkedHashMap<>();
        Set<String> former = new HashSet<>();
        for (String[] r : renames) {
            formersOf.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[0]);
            former.add(r[0]);
        }
        Set<String> current = new java.util.LinkedHashSet<>();
        for (String[] r : names) {
            if (!former.contains(r[0])) {
                current.add(r[0]);
            }
        }
        current.addAll(formersOf.keySet());
        for (String name : current) {
            add(name, formersOf.getOrDefault(name, List.of()), null);
        }
        List<Enterprise> heads = new ArrayList<>(registry);
        for (Enterprise head : heads) {
            if (branchEnding(head.name()) != null && random.nextInt(100) < 35) {
                int n = 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    String b = branchName(head.name(), pick(CITIES));
                    if (!keys.containsKey(Names.matchKey(b))) {
                        add(b, List.of(), head.id());
                    }
                }
            }
        }
        findNearDuplicates();
    }

    private void add(String name, List<String> formers, String headId) {
        Place place = placeOf(name);
        String division =
                place != null
                        ? place.code()
                        : headId != null ? byId.get(headId).division() : pick(MAINLAND).code();
        if (headId != null) {
            Place city = cityIn(name.substring(byId.get(headId).name().length()));
            division = city != null ? city.code() : division;
        }
        String id = uscc(division);
        Enterprise e =
                new Enterprise(id, name, List.copyOf(formers), division, headId, persons.next());
        registry.add(e);
        byId.put(id, e);
        keys.computeIfAbsent(Names.matchKey(name), k -> new HashSet<>()).add(id);
        for (String f : formers) {
            keys.computeIfAbsent(Names.matchKey(f), k -> new HashSet<>()).add(id);
        }
    }

    /**
     * Pairs of registered names (heads) that differ by one character, or by a place in front, or by
     * their places: different enterprises a loose match would confuse.
     */
    private void findNearDuplicates() {
        List<Enterprise> heads = registry.stream().filter(e -> !e.branch()).toList();
        for (int i = 0; i < heads.size(); i++) {
            for (int j = i + 1; j < heads.size(); j++) {
                String a = heads.get(i).name();
                String b = heads.get(j).name();
                if (oneCharApart(a, b) || placeApart(a, b) || placeApart(b, a)) {
                    nearDuplicatePairs.add(new String[] {heads.get(i).id(), heads.get(j).id()});
                    partnerOf.putIfAbsent(heads.get(i).id(), heads.get(j).id());
                    partnerOf.putIfAbsent(heads.get(j).id(), heads.get(i).id());
                }
            }
        }
    }

    private static boolean oneCharApart(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length() && diff < 2; i++) {
            diff += a.charAt(i) == b.charAt(i) ? 0 : 1;
        }
        return diff == 1;
    }

    /** {@code a} is {@code b} with a place in front, or both have places and the rest is equal. */
    private static boolean placeApart(String a, String b) {
        Place pa = placeOf(a);
        if (pa == null) {
            return false;
        }
        String restA = a.substring(prefixLength(a, pa));
        if (restA.equals(b)) {
            return true;
        }
        Place pb = placeOf(b);
        return pb != null && !pb.equals(pa) && restA.equals(b.substring(prefixLength(b, pb)));
    }

    // ---------------------------------------------------------------- records

    private void generate(Kind kind, int n) {
        int made = 0;
        Set<String> seen = new HashSet<>();
        for (int attempt = 0; made < n && attempt < n * 100; attempt++) {
            Enterprise e = registry.get(random.nextInt(registry.size()));
            Labelled l = make(kind, e);
            if (l != null && seen.add(l.name())) {
                records.add(withLegalRep(l));
                made++;
            }
        }
    }

    /**
     * The record with a legal representative, with probability {@link #legalRepShare}: for a
     * positive its enterprise's, for a negative a person made up for it.
     */
    private Labelled withLegalRep(Labelled l) {
        // both draws are made whatever the share, so the persons stay the same at every share
        boolean named = personRandom.nextDouble() < legalRepShare;
        String fresh = persons.next();
        if (!named) {
            return l;
        }
        return l.withLegalRep(l.expected() != null ? byId.get(l.expected()).legalRep() : fresh);
    }

    private Labelled make(Kind kind, Enterprise e) {
        String name = e.name();
        switch (kind) {
            case EXACT:
                return positive(kind, name, e);
            case FORMAT:
                return positive(kind, formatted(name), e);
            case BRACKETS:
                return positive(kind, bracketed(e), e);
            case TRADITIONAL:
                return e.branch() ? null : positive(kind, traditional(name), e);
            case TYPO:
                return positive(kind, typo(e), e);
            case HOMOPHONE:
                {
                    int at = editable(name);
                    if (e.branch() || at < 0) {
                        return null;
                    }
                    List<Character> same = bySound.get(sound(name.charAt(at)));
                    if (same == null || same.size() < 2) {
                        return null;
                    }
                    char c = same.get(random.nextInt(same.size()));
                    return c == name.charAt(at) || confusable(replace(name, at, c), e)
                            ? null
                            : positive(kind, replace(name, at, c), e);
                }
            case DROPPED_PREFIX:
                {
                    Place p = placeOf(name);
                    // 中国 is not dropped: it is part of a national enterprise's registered name
                    String rest = p == null ? "" : name.substring(prefixLength(name, p));
                    // and not where the rest says no more than its trade (青岛啤酒集团: 啤酒集团)
                    if (e.branch() || rest.length() < 4 || core(rest).length() < 3) {
                        return null;
                    }
                    // nor where the place is the trade name (深圳市投资管理公司: 投资管理公司 names any
                    // place's; the parser reads no place in such a name)
                    NameParts whole = NameParts.parse(name);
                    if (whole == null || whole.regions().isEmpty()) {
                        return null;
                    }
                    // unique without it: no other name has the same core (under another place,
                    // or with another legal form: 东方航空 is as much 东方航空公司 as 中国东方航空)
                    return sharedCore(rest, e) ? null : positive(kind, rest, e);
                }
            case ADDED_PREFIX:
                {
                    if (e.branch() || placeOf(name) != null || name.startsWith("中国")) {
                        return null;
                    }
                    // a name that already starts with a place of the national table (南通江山…): a
                    // province before it says another place, not a prefix added (domain.md §5.1)
                    NameParts parts = NameParts.parse(name);
                    if (parts != null && !parts.regions().isEmpty()) {
                        return null;
                    }
                    Place province = provinceOf(e.division());
                    if (province == null) {
                        return null;
                    }
                    return positive(
                            kind,
                            (random.nextBoolean() ? province.full() : province.shortName()) + name,
                            e);
                }
            case FORMER_NAME:
                return e.formers().isEmpty() ? null : positive(kind, pick(e.formers()), e);
            case FORMER_NAME_TRADITIONAL:
                return e.formers().isEmpty()
                        ? null
                        : positive(kind, traditional(pick(e.formers())), e);
            case BRANCH:
                if (!e.branch()) {
                    return null;
                }
                return positive(kind, random.nextBoolean() ? traditional(name) : bracketed(e), e);
            case NEAR_DUPLICATE:
                return partnerOf.containsKey(e.id()) ? positive(kind, traditional(name), e) : null;
            case NEG_UNREGISTERED_BRANCH:
                {
                    if (e.branch() || branchEnding(name) == null) {
                        return null;
                    }
                    Place city = pick(CITIES);
                    String b = branchName(name, city);
                    String ending =
                            b.substring(
                                    name.length()
                                            + (b.startsWith(name + city.full())
                                                    ? city.full().length()
                                                    : city.shortName().length()));
                    // the registered branch of that place written in its other form (焦作市分公司 for
                    // 焦作分公司) is the same branch, not an unregistered one
                    if (keys.containsKey(Names.matchKey(name + city.full() + ending))
                            || keys.containsKey(Names.matchKey(name + city.shortName() + ending))) {
                        return null;
                    }
                    return negative(kind, b, e);
                }
            case NEG_OTHER_PLACE:
                {
                    Place p = placeOf(name);
                    if (e.branch() || p == null) {
                        return null;
                    }
                    Place q = pick(p.province() ? MAINLAND : CITIES);
                    if (q.equals(p)) {
                        return null;
                    }
                    boolean full = name.startsWith(p.full());
                    String rest = name.substring(prefixLength(name, p));
                    if (rest.length() < 3 || sharedCore(rest, e)) {
                        return null; // another registered name without a place: a prefix added
                    }
                    return negative(kind, (full ? q.full() : q.shortName()) + rest, e);
                }
            case NEG_SIMILAR_TRADE_NAME:
                // another enterprise's name, one trade-name character apart, that the registry
                // lacks
                return negative(kind, tradeNameTypo(e), e);
            case PLACE_TYPO:
                return positive(kind, placeTypo(e, false), e);
            case PLACE_HOMOPHONE:
                return positive(kind, placeTypo(e, true), e);
            case NATIONAL_DROPPED:
                {
                    // as records write national enterprises: 工商银行, 移动通信集团, 远洋海运集团
                    String rest = name.startsWith("中国") ? name.substring(2) : "";
                    if (e.branch() || rest.length() < 4 || core(rest).length() < 2) {
                        return null;
                    }
                    // unique without it: no other head office has its core (东方航空公司 beside
                    // 中国东方航空), and no place starts what is left (中国人民… is not 人民 of a place)
                    NameParts left = NameParts.parse(rest);
                    if (left == null || !left.regions().isEmpty() || sharedCore(rest, e)) {
                        return null;
                    }
                    return positive(kind, rest, e);
                }
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /**
     * The head office's name with one character replaced, neither a homophone nor in the place
     * prefix or the legal form, that reads as no other registered head office; null when the draw
     * gives none (a branch, no such character, the same sound).
     */
    private String typo(Enterprise e) {
        String name = e.name();
        int at = editable(name);
        if (e.branch() || at < 0) {
            return null;
        }
        char c = COMMON.charAt(random.nextInt(COMMON.length()));
        if (c == name.charAt(at) || sound(c).equals(sound(name.charAt(at)))) {
            return null;
        }
        String changed = replace(name, at, c);
        return confusable(changed, e) ? null : changed;
    }

    /**
     * The head office's name with one character of its trade name replaced, neither a homophone nor
     * changing how the name reads (the same places, industry and legal form), that reads as no
     * other registered head office; null when the draw gives none.
     */
    private String tradeNameTypo(Enterprise e) {
        String name = e.name();
        NameParts p = NameParts.parse(name);
        if (e.branch() || p == null || p.trade().length() < 2) {
            return null;
        }
        int start = name.indexOf(p.trade());
        if (start < 0) {
            return null;
        }
        int at = start + random.nextInt(p.trade().length());
        char c = COMMON.charAt(random.nextInt(COMMON.length()));
        if (c == name.charAt(at) || sound(c).equals(sound(name.charAt(at)))) {
            return null;
        }
        String changed = replace(name, at, c);
        NameParts q = NameParts.parse(changed);
        if (q == null
                || q.trade().length() != p.trade().length()
                || !q.industry().equals(p.industry())
                || !q.legalForm().equals(p.legalForm())
                || !q.regions().equals(p.regions())) {
            return null;
        }
        return confusable(changed, e) ? null : changed;
    }

    /**
     * The head office's name with one character of its leading place replaced, by a homophone or by
     * a character of another sound, so that it starts with no place the linking code knows (a typo
     * that makes another real place names another place); null when the draw gives none.
     */
    private String placeTypo(Enterprise e, boolean homophone) {
        String name = e.name();
        Place place = placeOf(name);
        if (e.branch() || place == null) {
            return null;
        }
        int at = random.nextInt(prefixLength(name, place));
        char was = name.charAt(at);
        char c;
        if (homophone) {
            List<Character> same = bySound.get(sound(was));
            if (same == null || same.size() < 2) {
                return null;
            }
            c = same.get(random.nextInt(same.size()));
        } else {
            c = COMMON.charAt(random.nextInt(COMMON.length()));
            if (sound(c).equals(sound(was))) {
                return null;
            }
        }
        if (c == was) {
            return null;
        }
        String changed = replace(name, at, c);
        NameParts q = NameParts.parse(changed);
        return q == null || !q.regions().isEmpty() || confusable(changed, e) ? null : changed;
    }

    /** A positive, if its exact key names no other registered enterprise. */
    private Labelled positive(Kind kind, String name, Enterprise e) {
        if (name == null) {
            return null;
        }
        Set<String> owners = keys.get(Names.matchKey(name));
        if (owners != null && !(owners.size() == 1 && owners.contains(e.id()))) {
            return null;
        }
        return new Labelled(kind, name, e.id(), e.id(), null);
    }

    /** A negative, if its exact key names no registered enterprise. */
    private Labelled negative(Kind kind, String name, Enterprise from) {
        return name == null || keys.containsKey(Names.matchKey(name))
                ? null
                : new Labelled(kind, name, null, from.id(), null);
    }

    // ---------------------------------------------------------------- variants

    private String formatted(String name) {
        StringBuilder b = new StringBuilder();
        int at = 1 + random.nextInt(Math.max(1, name.length() - 1));
        for (int i = 0; i < name.length(); i++) {
            if (i == at) {
                b.append(random.nextBoolean() ? ' ' : '\u3000');
            }
            char c = name.charAt(i);
            b.append(
                    switch (c) {
                        case '（' -> '(';
                        case '）' -> ')';
                        case '(' -> '（';
                        case ')' -> '）';
                        default -> c;
                    });
        }
        return random.nextBoolean() ? " " + b + " " : b.toString();
    }

    /** A branch's own part, or a place, in brackets; null when the name has neither. */
    private String bracketed(Enterprise e) {
        String open = random.nextBoolean() ? "（" : "(";
        String close = open.equals("（") ? "）" : ")";
        String name = e.name();
        if (e.branch()) {
            String head = byId.get(e.headId()).name();
            return head + open + name.substring(head.length()) + close;
        }
        Place p = placeOf(name);
        String form = legalFormOf(name);
        if (p == null || form == null) {
            return null;
        }
        String core = name.substring(prefixLength(name, p), name.length() - form.length());
        return core.length() < 3 ? null : core + open + p.shortName() + close + form;
    }

    private String traditional(String name) {
        String t = toTraditional.transliterate(name);
        return t.equals(name) ? null : t;
    }

    /** A character that may be changed: not in the place prefix, nor in the ending. */
    private int editable(String name) {
        Place p = placeOf(name);
        int from = p == null ? 0 : prefixLength(name, p);
        String form = legalFormOf(name);
        int to = name.length() - (form == null ? 2 : form.length());
        if (to - from < 2) {
            return -1;
        }
        int at = from + random.nextInt(to - from);
        return Character.UnicodeScript.of(name.charAt(at)) == Character.UnicodeScript.HAN ? at : -1;
    }

    private static String replace(String s, int at, char c) {
        return s.substring(0, at) + c + s.substring(at + 1);
    }

    private String sound(char c) {
        String s =
                syllables.computeIfAbsent(c, x -> pinyin.transliterate(String.valueOf(x)).trim());
        return s;
    }

    /** Groups the characters of every name and of COMMON by their toneless syllable. */
    private void indexSounds() {
        Set<Character> pool = new HashSet<>();
        for (Enterprise e : registry) {
            for (char c : e.name().toCharArray()) {
                pool.add(c);
            }
        }
        for (char c : COMMON.toCharArray()) {
            pool.add(c);
        }
        List<Character> sorted = new ArrayList<>(pool);
        sorted.sort(null);
        for (char c : sorted) {
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                bySound.computeIfAbsent(sound(c), k -> new ArrayList<>()).add(c);
            }
        }
    }

    // ---------------------------------------------------------------- names

    /** The branch ending a head office of this kind takes, or null when it has none. */
    static String branchEnding(String head) {
        if (head.endsWith("银行") || head.endsWith("银行股份有限公司") || head.endsWith("银行有限公司")) {
            return "分行";
        }
        if (head.endsWith("公司") || head.endsWith("集团")) {
            return "分公司";
        }
        if (head.endsWith("厂")) {
            return "分厂";
        }
        if (head.endsWith("书店") || head.endsWith("酒店") || head.endsWith("大酒店")) {
            return "分店";
        }
        return null;
    }

    private String branchName(String head, Place city) {
        String ending = branchEnding(head);
        if (ending.equals("分行") && random.nextInt(3) == 0) {
            ending = "支行";
        }
        return head + (random.nextBoolean() ? city.full() : city.shortName()) + ending;
    }

    /** The division a name starts with (the longest), or null. */
    static Place placeOf(String name) {
        Place best = null;
        int bestLen = 0;
        for (List<Place> level : List.of(PROVINCES, CITIES)) {
            for (Place p : level) {
                for (String form : new String[] {p.full(), p.shortName()}) {
                    if (name.startsWith(form) && form.length() > bestLen) {
                        best = p;
                        bestLen = form.length();
                    }
                }
            }
        }
        return best;
    }

    /** A city named in a branch's own part, or null. */
    private static Place cityIn(String part) {
        for (Place p : CITIES) {
            if (part.startsWith(p.full()) || part.startsWith(p.shortName())) {
                return p;
            }
        }
        return null;
    }

    static int prefixLength(String name, Place p) {
        return name.startsWith(p.full()) ? p.full().length() : p.shortName().length();
    }

    /** Whether another registered head office has the same {@link #core} as {@code name}. */
    private boolean sharedCore(String name, Enterprise e) {
        String core = core(name);
        for (Enterprise o : registry) {
            if (o != e && !o.branch() && core(o.name()).equals(core)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a changed name reads as another registered head office as much as {@code e}: the same
     * {@link #core} under the same place (or none). 中国中信集团公司 with one character changed can be
     * 中国电信集团公司, which is 中国电信集团's name with its legal form.
     */
    private boolean confusable(String changed, Enterprise e) {
        String core = core(changed);
        Place place = placeOf(changed);
        for (Enterprise o : registry) {
            if (o != e
                    && !o.branch()
                    && core(o.name()).equals(core)
                    && java.util.Objects.equals(placeOf(o.name()), place)) {
                return true;
            }
        }
        return false;
    }

    /** A name without its place prefix, a leading 中国, its legal form and 集团. */
    private static String core(String name) {
        Place p = placeOf(name);
        String s = p == null ? name : name.substring(prefixLength(name, p));
        s = s.startsWith("中国") ? s.substring(2) : s;
        String form = legalFormOf(s);
        s =
                form == null || form.length() == s.length()
                        ? s
                        : s.substring(0, s.length() - form.length());
        return s.endsWith("集团") && s.length() > 3 ? s.substring(0, s.length() - 2) : s;
    }

    private static Place provinceOf(String division) {
        String prefix = division.substring(0, 2);
        for (Place p : PROVINCES) {
            if (p.code().startsWith(prefix)) {
                return p;
            }
        }
        return null;
    }

    private static String legalFormOf(String name) {
        for (String f : LEGAL_FORMS) {
            if (name.endsWith(f)) {
                return f;
            }
        }
        return null;
    }

    /** The head office the enterprise is a branch of, or the branches of a head office. */
    boolean branchPair(String a, String b) {
        Enterprise ea = byId.get(a);
        Enterprise eb = byId.get(b);
        return ea != null
                && eb != null
                && (a.equals(eb.headId())
                        || b.equals(ea.headId())
                        || (ea.headId() != null && ea.headId().equals(eb.headId())));
    }

    Enterprise enterprise(String id) {
        return byId.get(id);
    }

    boolean nearDuplicatePair(String a, String b) {
        return b.equals(partnerOf.get(a))
                || nearDuplicatePairs.stream()
                        .anyMatch(
                                p ->
                                        (p[0].equals(a) && p[1].equals(b))
                                                || (p[0].equals(b) && p[1].equals(a)));
    }

    // ---------------------------------------------------------------- helpers

    private String uscc(String division) {
        String id;
        do {
            String base;
            do {
                StringBuilder b = new StringBuilder(8);
                for (int i = 0; i < 8; i++) {
                    b.append(
                            "0123456789ABCDEFGHJKLMNPQRTUWXY"
                                    .charAt(random.nextInt(i == 0 ? 31 : 10)));
                }
                base = b.toString();
            } while (OrgCode.checkChar(base) == 0);
            String first17 = "91" + division + base + OrgCode.checkChar(base);
            id = first17 + Uscc.checkChar(first17);
        } while (!ids.add(id));
        return id;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
