package io.guiji.bench.linking;

import com.ibm.icu.text.Transliterator;
import io.guiji.jobs.normalize.OrgCode;
import io.guiji.jobs.normalize.RegNo;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A labelled corpus for linking: a synthetic registry of 朝阳市 enterprises and records naming them
 * the ways docs/domain.md §7 lists, each with the enterprise it must link to (or none). Names are
 * built from parts (division + 字号 + 行业 + 组织形式 [+ branch]), so every label follows from how the
 * record was made, never from the matcher under test. Registry names are unique per (division,
 * trade name, industry, form, branch), as name registration requires; so the same trade name recurs
 * across divisions, industries and forms — the near-duplicates a matcher must tell apart.
 *
 * <p>Every registry entry carries a made-up legal representative in its extra columns ({@link
 * #LEGAL_REP_COLUMN}, {@link PersonNames}). A record names one (DecisionFields legal_rep) with
 * probability {@code legalRepShare}: one that must link its enterprise's, one that must not (NEG_*)
 * a made-up person, not forced to differ from its look-alike's (common names recur); a natural
 * person's record ({@link Kind#PERSON}) names none. The persons come from a random stream of their
 * own, so registry and record names are the same at every share.
 *
 * <p>Deterministic for a seed.
 */
final class LinkingCorpus {

    /** A record class: how its name was made and whether it must link. */
    enum Kind {
        EXACT(true, true, "registry name as written"),
        FORMAT(true, true, "spaces, full/half-width brackets and letters, punctuation"),
        TRADITIONAL(true, true, "traditional characters"),
        DROPPED_PREFIX(true, true, "region prefix dropped (name unique without it)"),
        HOMOPHONE_TYPO(true, true, "one trade-name character replaced by a homophone"),
        COMBINED(true, true, "traditional + dropped prefix + spaces"),
        FORMER_NAME(true, true, "a former name (曾用名) as written"),
        FORMER_NAME_VARIANT(true, true, "a former name in traditional characters"),
        BRANCH_VARIANT(true, true, "a registered branch, traditional characters"),
        RENAMED_LEGAL_FORM_OMITTED(true, true, "legal form left out (华盛商贸 for 华盛商贸有限公司), unique"),
        NEG_BRANCH_OF_HEAD(false, true, "an unregistered branch of a registered head office"),
        NEG_HEAD_OF_BRANCH(false, true, "a head office whose only registered name is a branch"),
        NEG_OTHER_LEGAL_FORM(false, true, "有限责任公司 for a registered 有限公司 (or back)"),
        NEG_OTHER_COUNTY(false, true, "the same name in a county where it is not registered"),
        NEG_SIMILAR_TRADE_NAME(
                false, true, "one trade-name character changed (not a homophone), unregistered"),
        NEG_AMBIGUOUS_DROPPED_PREFIX(
                false, true, "prefix dropped where several divisions have the name"),
        NEG_UNREGISTERED(false, true, "a name the registry does not have"),
        CODE_USCC(true, false, "valid USCC, name varied"),
        CODE_REG_NO(true, false, "valid registration number, name varied"),
        PERSON(false, false, "a natural person");

        final boolean positive;
        final boolean nameOnly;
        final String description;

        Kind(boolean positive, boolean nameOnly, String description) {
            this.positive = positive;
            this.nameOnly = nameOnly;
            this.description = description;
        }
    }

    /** A record with the enterprise it must link to (null: none). */
    record Labelled(Kind kind, UnifiedRecord record, String expected, LinkMethod expectedMethod) {}

    /** One registry enterprise's name parts. */
    record Parts(int region, String trade, String industry, String form, String branch) {
        String nameWithoutRegion() {
            return trade + industry + form + (branch == null ? "" : branch);
        }

        String core() {
            return trade + industry;
        }
    }

    private static final String TRADE_CHARS =
            "华盛兴达鑫源宏昌隆泰丰恒通顺利信诚祥瑞福金银宝海天龙凤东方新远航博创嘉汇聚德润康健安平和美佳优益众合力成发"
                    + "旺富荣辉光明星辰春秋松柏林森山峰川江湖泉清正永长久立中民家园城邦联友君志腾飞跃凯旋胜捷迅广大高精鼎晟昊晶锦"
                    + "绣颐逸雅韵馨怡悦欣乐喜庆吉祺泽沃硕卓越尚品誉浩翔宇轩鹏坤乾亿万千百佰仟圣博恩惠润怀文武正宁静远";

    /**
     * Characters a hand-typed name may carry instead (homophones are drawn from these and
     * TRADE_CHARS).
     */
    private static final String OTHER_CHARS =
            "花生升声胜省圣星型形行醒幸姓心新欣馨信辛薪芯锌鑫元园原圆员缘远院愿红洪鸿虹弘宏轰昌常场厂唱尝畅倡长肠"
                    + "泰太态汰台抬苔丰风封峰锋蜂疯逢冯缝奉凤恒横衡痕很狠通同铜童桐统桶痛顺舜瞬利力立丽历励例栗粒礼理里李"
                    + "鲤诚城成程承乘呈橙秤祥详翔想响享象项像瑞睿锐蕊芮福富夫服浮付复傅府附负妇赋金今津斤筋巾紧锦谨进近"
                    + "劲晋银因音阴引印饮尹隐寅吟宝保报抱包豹暴堡海害还孩骸天田甜填添龙隆笼聋拢垄东冬懂动洞栋冻方芳房防"
                    + "仿访纺放航杭行巷博波伯泊搏勃柏驳创窗床闯疮嘉家加佳夹甲假价驾汇会惠慧绘辉灰挥徽回聚巨句具剧据距俱"
                    + "德得的地润闰康抗慷糠扛健建见件剑鉴键荐安按案岸暗鞍平评苹萍凭瓶屏和河合何荷禾核盒美每妹媒煤眉梅枚佳"
                    + "优友有又右油由邮游尤益意义亿易艺议异忆众中重种钟忠终肿仲合发法罚伐旺望王网往忘";

    private static final String[] INDUSTRIES = {
        "商贸", "贸易", "建材", "建筑工程", "科技", "信息技术", "农业", "牧业", "食品", "餐饮", "物流", "运输", "房地产开发", "医药",
        "机械", "化工", "矿业", "能源", "热力", "环保", "文化传媒", "广告", "装饰工程", "服装", "家具", "五金", "劳务", "物业管理",
        "汽车销售", "粮油", "电子", "印刷", "种业", "水泥", "钢材",
    };
    private static final String[] COMPANY_FORMS = {"有限公司", "有限责任公司", "股份有限公司"};
    private static final int[] COMPANY_FORM_WEIGHTS = {70, 22, 8};
    private static final String[] SHOP_FORMS = {"经营部", "商店", "门市部", "加工厂", "饭店", "便利店", "超市"};
    private static final String[] BRANCH_PLACES = {
        "双塔", "龙城", "建平", "凌源", "北票", "喀左", "第一", "第二", "城南", "开发区"
    };
    private static final String[] BRANCH_SUFFIXES = {"分公司", "分公司", "分公司", "分店", "营业部"};
    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱"
    };
    private static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"
    };

    /** The registry extract's column of the legal representative (RegistryEntry extra). */
    static final String LEGAL_REP_COLUMN = "法定代表人";

    /** Salt of the persons' random stream (a seed of its own, derived from the corpus seed). */
    private static final long PERSONS_SALT = 0x7065_7273_6F6E_7331L;

    private final Random random;

    /** The places names are written with: 朝阳's by default, or a province's. */
    private final CorpusPlaces places;

    /** The legal representatives' stream: apart from {@link #random}, which makes the names. */
    private final Random personRandom;

    private final PersonNames persons;
    private double legalRepShare;

    /** The legal representative of every registry entry, by enterprise_id. */
    private final Map<String, String> legalReps = new HashMap<>();

    final List<RegistryEntry> registry = new ArrayList<>();
    final List<Labelled> records = new ArrayList<>();

    /**
     * Registry parts by enterprise_id, and how many registered names share each (region-less) core
     * and form.
     */
    private final List<Parts> parts = new ArrayList<>();

    private final List<String> ids = new ArrayList<>();
    private final Map<String, String> regNos = new HashMap<>();
    private final Map<String, String> formerOf = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> identities = new HashSet<>();
    private final Map<String, Integer> coreForm = new HashMap<>();
    private final Map<String, Integer> soundForm = new HashMap<>();
    private final Set<String> cores = new HashSet<>();
    private final Map<String, Integer> coreAll = new HashMap<>();
    private final Map<String, List<Character>> homophones = new HashMap<>();
    private final Transliterator toTraditional =
            Transliterator.getInstance("Simplified-Traditional");
    private final Transliterator pinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");
    private final Map<Character, String> syllables = new HashMap<>();
    private long serial;

    private LinkingCorpus(long seed, CorpusPlaces places) {
        this.random = new Random(seed);
        this.places = places;
        this.personRandom = new Random(seed ^ PERSONS_SALT);
        this.persons = new PersonNames(personRandom);
        Set<Character> pool = new HashSet<>();
        for (char c : (TRADE_CHARS + OTHER_CHARS).toCharArray()) {
            pool.add(c);
        }
        Map<String, List<Character>> bySound = new HashMap<>();
        for (char c : pool) {
            bySound.computeIfAbsent(syllable(c), k -> new ArrayList<>()).add(c);
        }
        for (List<Character> group : bySound.values()) {
            group.sort(null);
            for (char c : group) {
                List<Character> others = new ArrayList<>(group);
                others.remove(Character.valueOf(c));
                if (!others.isEmpty()) {
                    homophones.put(String.valueOf(c), others);
                }
            }
        }
    }

    /** A registry of {@code registrySize} enterprises; no records. */
    static LinkingCorpus registry(int registrySize, long seed) {
        return registry(registrySize, seed, CorpusPlaces.chaoyang());
    }

    /** A registry of {@code registrySize} enterprises named with {@code places}; no records. */
    static LinkingCorpus registry(int registrySize, long seed, CorpusPlaces places) {
        LinkingCorpus c = new LinkingCorpus(seed, places);
        c.generateRegistry(registrySize);
        return c;
    }

    /** {@link #generate(int, int, long, double)} with records that name no legal representative. */
    static LinkingCorpus generate(int registrySize, int perKind, long seed) {
        return generate(registrySize, perKind, seed, 0);
    }

    /**
     * A registry and {@code perKind} labelled records of every {@link Kind} (fewer when a kind
     * finds too few fitting entries); a record names a legal representative with probability {@code
     * legalRepShare}.
     */
    static LinkingCorpus generate(int registrySize, int perKind, long seed, double legalRepShare) {
        return generate(registrySize, perKind, seed, legalRepShare, CorpusPlaces.chaoyang());
    }

    /** As {@link #generate(int, int, long, double)}, names written with {@code places}. */
    static LinkingCorpus generate(
            int registrySize, int perKind, long seed, double legalRepShare, CorpusPlaces places) {
        if (!(legalRepShare >= 0 && legalRepShare <= 1)) {
            throw new IllegalArgumentException("legal-rep share not in [0, 1]: " + legalRepShare);
        }
        LinkingCorpus c = registry(registrySize, seed, places);
        c.legalRepShare = legalRepShare;
        for (Kind k : Kind.values()) {
            c.generateRecords(k, perKind);
        }
        return c;
    }

    // ---------------------------------------------------------------- registry

    private void generateRegistry(int size) {
        while (registry.size() < size) {
            Parts p = randomParts();
            if (!register(p, null)) {
                continue;
            }
            int roll = random.nextInt(100);
            if (roll < 6 && registry.size() < size) {
                // the same name in another county
                register(
                        new Parts(pick(places.counties()), p.trade(), p.industry(), p.form(), null),
                        null);
            } else if (roll < 10 && registry.size() < size && isCompany(p.form())) {
                // the other limited-company form, same division
                register(
                        new Parts(p.region(), p.trade(), p.industry(), otherForm(p.form()), null),
                        null);
            } else if (roll < 15 && registry.size() < size && isCompany(p.form())) {
                register(
                        new Parts(p.region(), p.trade(), p.industry(), p.form(), randomBranch()),
                        null);
            }
        }
    }

    private Parts randomParts() {
        int region = weighted(places.weights());
        String trade = randomTrade();
        if (random.nextInt(100) < 80) {
            return new Parts(
                    region,
                    trade,
                    pick(INDUSTRIES),
                    COMPANY_FORMS[weighted(COMPANY_FORM_WEIGHTS)],
                    null);
        }
        String form = pick(SHOP_FORMS);
        String industry = random.nextBoolean() ? pick(INDUSTRIES) : "";
        return new Parts(region, trade, industry, form, null);
    }

    private String randomTrade() {
        int roll = random.nextInt(100);
        if (roll < 3) {
            return ""
                    + (char) ('A' + random.nextInt(26))
                    + (char) ('A' + random.nextInt(26))
                    + randomChars(1);
        }
        int len = roll < 60 ? 2 : roll < 92 ? 3 : 4;
        return randomChars(len);
    }

    private String randomChars(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(TRADE_CHARS.charAt(random.nextInt(TRADE_CHARS.length())));
        }
        return b.toString();
    }

    private boolean register(Parts p, String forcedFormer) {
        String name = name(p);
        String identity =
                places.code(p.region()) + "|" + p.core() + "|" + p.form() + "|" + p.branch();
        if (names.contains(name) || identities.contains(identity)) {
            return false;
        }
        String id = uscc(places.code(p.region()));
        List<String> formers = new ArrayList<>();
        if (forcedFormer == null && p.branch() == null && random.nextInt(100) < 8) {
            // renamed: an old trade name, or the form it had before becoming a company
            Parts old =
                    random.nextBoolean()
                            ? new Parts(p.region(), randomTrade(), p.industry(), p.form(), null)
                            : new Parts(p.region(), p.trade(), p.industry(), "厂", null);
            String oldName = name(old);
            String oldIdentity =
                    places.code(old.region()) + "|" + old.core() + "|" + old.form() + "|null";
            if (!names.contains(oldName) && !identities.contains(oldIdentity)) {
                formers.add(oldName);
                names.add(oldName);
                identities.add(oldIdentity);
                formerOf.put(id, oldName);
                count(old);
            }
        }
        names.add(name);
        identities.add(identity);
        count(p);
        String regNo = null;
        if (random.nextInt(100) < 30) {
            regNo = regNo(places.code(p.region()));
            regNos.put(id, regNo);
        }
        String legalRep = persons.next();
        legalReps.put(id, legalRep);
        Map<String, String> extra = new HashMap<>();
        extra.put(LEGAL_REP_COLUMN, legalRep);
        registry.add(
                RegistryEntry.newBuilder()
                        .setEnterpriseId(id)
                        .setUscc(id)
                        .setName(name)
                        .setRegNo(regNo)
                        .setFormerNames(formers)
                        .setDivisionCode(places.code(p.region()))
                        .setStatus("存续")
                        .setSource(new SourceRef("registry/bench.csv", registry.size() + 1L))
                        .setExtra(extra)
                        .build());
        parts.add(p);
        ids.add(id);
        return true;
    }

    private void count(Parts p) {
        if (p.branch() == null) {
            coreForm.merge(p.core() + "|" + p.form(), 1, Integer::sum);
            soundForm.merge(
                    sound(p.trade()) + "|" + p.industry() + "|" + p.form(), 1, Integer::sum);
            coreAll.merge(p.core(), 1, Integer::sum);
        }
        cores.add(p.core());
    }

    // ---------------------------------------------------------------- records

    private void generateRecords(Kind kind, int n) {
        int made = 0;
        for (int attempt = 0; made < n && attempt < n * 200; attempt++) {
            int i = random.nextInt(parts.size());
            Parts p = parts.get(i);
            String id = ids.get(i);
            Labelled l = make(kind, p, id);
            if (l != null) {
                nameLegalRep(l);
                records.add(l);
                made++;
            }
        }
    }

    /**
     * With probability {@link #legalRepShare}, the record names a legal representative: its
     * enterprise's if it must link to one, else a person made up for it; never a natural person's.
     */
    private void nameLegalRep(Labelled l) {
        // both draws are made whatever the share, so the persons stay the same at every share
        boolean named = personRandom.nextDouble() < legalRepShare;
        String fresh = persons.next();
        if (named && l.kind() != Kind.PERSON) {
            l.record()
                    .getFields()
                    .setLegalRep(l.expected() != null ? legalReps.get(l.expected()) : fresh);
        }
    }

    private Labelled make(Kind kind, Parts p, String id) {
        boolean unique =
                p.branch() == null && coreForm.getOrDefault(p.core() + "|" + p.form(), 0) == 1;
        switch (kind) {
            case EXACT:
                return p.branch() == null ? named(kind, name(p), id, LinkMethod.NAME) : null;
            case FORMAT:
                return p.branch() == null ? named(kind, formatted(p), id, null) : null;
            case TRADITIONAL:
                {
                    String t = toTraditional.transliterate(name(p));
                    return p.branch() == null && !t.equals(name(p))
                            ? named(kind, t, id, LinkMethod.FUZZY)
                            : null;
                }
            case DROPPED_PREFIX:
                return unique ? named(kind, p.nameWithoutRegion(), id, LinkMethod.FUZZY) : null;
            case HOMOPHONE_TYPO:
                {
                    if (p.branch() != null
                            || soundForm.get(sound(p.trade()) + "|" + p.industry() + "|" + p.form())
                                    != 1) {
                        return null;
                    }
                    int at = random.nextInt(p.trade().length());
                    List<Character> alt = homophones.get(String.valueOf(p.trade().charAt(at)));
                    if (alt == null) {
                        return null;
                    }
                    String trade =
                            p.trade().substring(0, at) + pick(alt) + p.trade().substring(at + 1);
                    String name = places.name(p.region(), trade, p.industry(), p.form(), null);
                    return names.contains(name) ? null : named(kind, name, id, LinkMethod.FUZZY);
                }
            case COMBINED:
                {
                    if (!unique) {
                        return null;
                    }
                    String t = toTraditional.transliterate(p.nameWithoutRegion());
                    if (t.equals(p.nameWithoutRegion())) {
                        return null;
                    }
                    int cut = p.trade().length();
                    return named(
                            kind,
                            t.substring(0, cut) + " " + t.substring(cut),
                            id,
                            LinkMethod.FUZZY);
                }
            case FORMER_NAME:
                {
                    String former = formerOf.get(id);
                    return former == null ? null : named(kind, former, id, LinkMethod.FORMER_NAME);
                }
            case FORMER_NAME_VARIANT:
                {
                    String former = formerOf.get(id);
                    if (former == null) {
                        return null;
                    }
                    String t = toTraditional.transliterate(former);
                    return t.equals(former) ? null : named(kind, t, id, LinkMethod.FUZZY);
                }
            case BRANCH_VARIANT:
                {
                    if (p.branch() == null) {
                        return null;
                    }
                    String t = toTraditional.transliterate(name(p));
                    return t.equals(name(p)) ? null : named(kind, t, id, LinkMethod.FUZZY);
                }
            case RENAMED_LEGAL_FORM_OMITTED:
                {
                    if (!isCompany(p.form())
                            || p.branch() != null
                            || coreAll.getOrDefault(p.core(), 0) != 1) {
                        return null;
                    }
                    String name = places.name(p.region(), p.trade(), p.industry(), "", null);
                    return names.contains(name) ? null : named(kind, name, id, LinkMethod.FUZZY);
                }
            case NEG_BRANCH_OF_HEAD:
                {
                    if (p.branch() != null || !isCompany(p.form())) {
                        return null;
                    }
                    String name = name(p) + randomBranch();
                    return names.contains(name) ? null : named(kind, name, null, LinkMethod.NONE);
                }
            case NEG_HEAD_OF_BRANCH:
                {
                    if (p.branch() == null) {
                        return null;
                    }
                    Parts head = new Parts(p.region(), p.trade(), p.industry(), p.form(), null);
                    // the head office must not be registered under any division for this to be a
                    // pure test
                    return names.contains(name(head))
                                    || coreForm.containsKey(head.core() + "|" + head.form())
                            ? null
                            : named(kind, name(head), null, LinkMethod.NONE);
                }
            case NEG_OTHER_LEGAL_FORM:
                {
                    if (!isCompany(p.form()) || p.branch() != null) {
                        return null;
                    }
                    String other = otherForm(p.form());
                    Parts q = new Parts(p.region(), p.trade(), p.industry(), other, null);
                    return coreForm.containsKey(q.core() + "|" + other)
                            ? null
                            : named(kind, name(q), null, LinkMethod.NONE);
                }
            case NEG_OTHER_COUNTY:
                {
                    if (p.branch() != null || places.containsEveryCounty(p.region())) {
                        return null; // a name of the place that holds every county
                    }
                    int county = pick(places.counties());
                    Parts q = new Parts(county, p.trade(), p.industry(), p.form(), null);
                    // the county's own name, or its city's or province's, would be linkable
                    boolean registered = false;
                    for (String code : places.codeAndAncestors(county)) {
                        registered |=
                                identities.contains(
                                        code + "|" + q.core() + "|" + q.form() + "|null");
                    }
                    return places.code(county).equals(places.code(p.region()))
                                    || registered
                                    || names.contains(name(q))
                            ? null
                            : named(kind, name(q), null, LinkMethod.NONE);
                }
            case NEG_SIMILAR_TRADE_NAME:
                {
                    if (p.branch() != null) {
                        return null;
                    }
                    int at = random.nextInt(p.trade().length());
                    char c = TRADE_CHARS.charAt(random.nextInt(TRADE_CHARS.length()));
                    char old = p.trade().charAt(at);
                    if (c == old || syllable(c).equals(syllable(old))) {
                        return null;
                    }
                    String trade = p.trade().substring(0, at) + c + p.trade().substring(at + 1);
                    Parts q = new Parts(p.region(), trade, p.industry(), p.form(), null);
                    return cores.contains(q.core()) || names.contains(name(q))
                            ? null
                            : named(kind, name(q), null, LinkMethod.NONE);
                }
            case NEG_AMBIGUOUS_DROPPED_PREFIX:
                return p.branch() == null && coreForm.getOrDefault(p.core() + "|" + p.form(), 0) > 1
                        ? named(kind, p.nameWithoutRegion(), null, LinkMethod.NONE)
                        : null;
            case NEG_UNREGISTERED:
                {
                    Parts q = randomParts();
                    return cores.contains(q.core()) || names.contains(name(q))
                            ? null
                            : named(kind, name(q), null, LinkMethod.NONE);
                }
            case CODE_USCC:
                {
                    Labelled l =
                            named(
                                    kind,
                                    random.nextBoolean() ? name(p) : p.nameWithoutRegion(),
                                    id,
                                    LinkMethod.USCC);
                    l.record().getFields().setUscc(id);
                    return l;
                }
            case CODE_REG_NO:
                {
                    String regNo = regNos.get(id);
                    if (regNo == null) {
                        return null;
                    }
                    Labelled l =
                            named(
                                    kind,
                                    toTraditional.transliterate(name(p)),
                                    id,
                                    LinkMethod.REG_NO);
                    l.record().getFields().setRegNo(regNo);
                    return l;
                }
            case PERSON:
                {
                    Labelled l =
                            named(
                                    kind,
                                    pick(SURNAMES)
                                            + pick(GIVEN)
                                            + (random.nextBoolean() ? pick(GIVEN) : ""),
                                    null,
                                    LinkMethod.PERSON);
                    l.record().getFields().setSubjectCategory("自然人");
                    return l;
                }
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /**
     * Spaces (ASCII or U+3000), the industry in full- or half-width brackets, full-width Latin
     * letters.
     */
    private String formatted(Parts p) {
        String region = places.prefix(p.region());
        String trade = p.trade();
        String industry = p.industry();
        if (random.nextBoolean() && !industry.isEmpty()) {
            industry = random.nextBoolean() ? "（" + industry + "）" : "(" + industry + ")";
        }
        StringBuilder t = new StringBuilder();
        for (char c : trade.toCharArray()) {
            t.append(
                    c >= 'A' && c <= 'Z' && random.nextBoolean() ? (char) (c - 'A' + '\uFF21') : c);
        }
        String space = random.nextBoolean() ? " " : "\u3000";
        String tail = p.form() + (p.branch() == null ? "" : p.branch());
        if (places.bracketed(p.region())) {
            // the place in brackets before the form, half-width at times
            tail =
                    (random.nextBoolean()
                                    ? region
                                    : "(" + region.substring(1, region.length() - 1) + ")")
                            + tail;
            region = "";
        }
        return switch (random.nextInt(3)) {
            case 0 -> region + space + t + industry + tail;
            case 1 -> " " + region + t + industry + space + tail;
            default -> region + t + space + industry + tail + " ";
        };
    }

    /** An enterprise's name as registered. */
    private String name(Parts p) {
        return places.name(p.region(), p.trade(), p.industry(), p.form(), p.branch());
    }

    private Labelled named(Kind kind, String name, String expected, LinkMethod method) {
        serial++;
        UnifiedRecord r =
                penalty(
                        serial,
                        "朝市监罚〔2024〕" + serial + "号",
                        name,
                        kind == Kind.PERSON ? "自然人" : "法人及非法人组织",
                        "records/SCJG01/penalty/bench.csv");
        return new Labelled(kind, r, expected, method);
    }

    /** An unlinked penalty decision of SCJG01 about {@code name}, read from {@code file}. */
    static UnifiedRecord penalty(
            long serial, String docNo, String name, String category, String file) {
        DecisionFields f =
                DecisionFields.newBuilder()
                        .setDocNo(docNo)
                        .setSubjectName(name)
                        .setSubjectCategory(category)
                        .setDecisionDate("2024-02-20")
                        .setStatus(RecordStatus.ACTIVE)
                        .build();
        return UnifiedRecord.newBuilder()
                .setRecordId(String.format(Locale.ROOT, "%032x", serial))
                .setVersion(1)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(f)
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setQualityFlags(new ArrayList<>())
                .setSources(new ArrayList<>(List.of(new SourceRef(file, serial))))
                .build();
    }

    // ---------------------------------------------------------------- helpers

    private String randomBranch() {
        return pick(BRANCH_PLACES) + pick(BRANCH_SUFFIXES);
    }

    private static boolean isCompany(String form) {
        return form.endsWith("公司");
    }

    private static String otherForm(String form) {
        return form.equals("有限公司") ? "有限责任公司" : "有限公司";
    }

    private String sound(String trade) {
        StringBuilder b = new StringBuilder();
        for (char c : trade.toCharArray()) {
            b.append(syllable(c)).append('-');
        }
        return b.toString();
    }

    private String syllable(char c) {
        return syllables.computeIfAbsent(c, x -> pinyin.transliterate(String.valueOf(x)).trim());
    }

    private String uscc(String division) {
        String base;
        do {
            StringBuilder b = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                b.append(
                        "0123456789ABCDEFGHJKLMNPQRTUWXY".charAt(random.nextInt(i == 0 ? 31 : 10)));
            }
            base = b.toString();
        } while (OrgCode.checkChar(base) == 0);
        String first17 = "91" + division + base + OrgCode.checkChar(base);
        return first17 + Uscc.checkChar(first17);
    }

    private String regNo(String division) {
        String first14 = division + String.format(Locale.ROOT, "%08d", random.nextInt(100_000_000));
        return first14 + RegNo.checkDigit(first14);
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    static Map<Kind, Integer> zeroCounts() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            m.put(k, 0);
        }
        return m;
    }
}
