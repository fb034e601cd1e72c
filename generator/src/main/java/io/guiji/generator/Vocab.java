package io.guiji.generator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words sample names are built from, chosen so that names built from different parts can never
 * be equal (checked when the class loads):
 *
 * <ul>
 *   <li>a 字号 is made of {@link #TRADE_CHARS} only; no industry word and no region prefix starts
 *       with one of them, so {@code prefix + 字号 + industry + legal form} splits one way only;
 *   <li>traditional forms ({@link #TRADITIONAL}) and homophones ({@link #HOMOPHONES}) are never
 *       trade characters, so a traditional or typo variant of a name is no registered name;
 *   <li>no business type of an individual business ends another one, so {@code prefix + surname +
 *       given name/记/氏 + type} splits one way only too.
 * </ul>
 */
final class Vocab {
    private Vocab() {}

    /** Characters of 字号 (trade names), simplified, none starting a region or an industry word. */
    static final String TRADE_CHARS = "华信宏达鑫源金鼎盛兴隆泰恒瑞博远嘉禾丰裕安康顺通利德福祥和美佳新正中天元昌永宇海润晟凯峰益汇众百乐荣鸿明星辰万";

    /** Latin 字号 letters (names like 朝阳市HX科技有限公司). */
    static final String LATIN = "ABCDEFGHJKLMNPRSTWXYZ";

    static final List<String> INDUSTRIES =
            List.of(
                    "商贸", "建筑工程", "食品", "餐饮管理", "医药连锁", "汽车销售", "物流", "科技", "房地产开发", "农业发展", "建材",
                    "机械制造", "化工", "电子", "服装", "家具", "印刷", "广告传媒", "教育咨询", "文化传播", "旅游", "物业管理",
                    "环保科技", "矿业", "能源", "燃气", "热力", "水务", "酒店管理", "粮油", "畜牧", "养殖", "钢铁", "塑料制品",
                    "包装", "装饰工程", "劳务", "人力资源", "运输", "软件", "生物科技", "农资", "种业", "烟花爆竹", "网络科技",
                    "石油化工", "木业", "陶瓷");

    static final List<String> LEGAL_FORMS = List.of("有限公司", "有限责任公司", "股份有限公司");

    /** Region prefixes of enterprise names; {@code division} null: anywhere in the city. */
    record Prefix(String text, String division) {}

    static final List<Prefix> ENTERPRISE_PREFIXES =
            List.of(
                    new Prefix("朝阳市", null),
                    new Prefix("朝阳", null),
                    new Prefix("辽宁", null),
                    new Prefix("辽宁省朝阳市", null),
                    new Prefix("朝阳县", "211321"),
                    new Prefix("建平县", "211322"),
                    new Prefix("喀左县", "211324"),
                    new Prefix("北票市", "211381"),
                    new Prefix("凌源市", "211382"),
                    new Prefix("朝阳市双塔区", "211302"),
                    new Prefix("朝阳市龙城区", "211303"));

    /** Counties for the "same 字号 in another county" pairs (indices into ENTERPRISE_PREFIXES). */
    static final int[] COUNTY_PREFIXES = {4, 5, 6, 7, 8};

    /** The region written in brackets inside a name: 华信（朝阳）商贸有限公司. */
    static final String BRACKETED_REGION = "（朝阳）";

    /** Branch locations: …有限公司双塔分公司. */
    static final List<String> BRANCH_PLACES =
            List.of("双塔", "龙城", "柳城", "建平", "喀左", "北票", "凌源", "燕都");

    /** Prefixes of names outside the registry (other cities). */
    static final List<Prefix> OUTSIDE_PREFIXES =
            List.of(
                    new Prefix("沈阳", "210100"),
                    new Prefix("锦州市", "210700"),
                    new Prefix("阜新", "210900"),
                    new Prefix("大连", "210200"),
                    new Prefix("赤峰市", "150400"));

    /** Prefixes of individual business names (three characters each). */
    static final List<Prefix> INDIVIDUAL_PREFIXES =
            List.of(
                    new Prefix("双塔区", "211302"),
                    new Prefix("龙城区", "211303"),
                    new Prefix("朝阳县", "211321"),
                    new Prefix("建平县", "211322"),
                    new Prefix("喀左县", "211324"),
                    new Prefix("北票市", "211381"),
                    new Prefix("凌源市", "211382"));

    static final String SURNAMES =
            "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";

    static final String GIVEN_CHARS = "建国丽华军伟芳娜秀英敏静强磊洋艳勇杰娟涛明霞平刚桂兰玉萍红鹏辉飞斌波宁凤燕春梅海林峰云亮成东文利志";

    static final List<String> BUSINESS_TYPES =
            List.of(
                    "餐馆", "五金店", "便利店", "理发店", "水果店", "小吃部", "烟酒商行", "服装店", "汽车修理部", "农资经销处", "粮油店",
                    "建材经销部", "手机维修店", "洗车行", "早餐店", "家电维修部", "茶庄", "面馆", "烧烤店", "干洗店", "百货商店",
                    "肉食店", "蔬菜店", "药店");

    /** Simplified → traditional, for the characters sample names use. */
    static final Map<Character, Character> TRADITIONAL =
            pairs(
                    "华華达達兴興丰豐业業发發广廣传傳车車销銷医醫药藥连連锁鎖饮飲筑築阳陽县縣区區责責贸貿东東电電机機"
                            + "农農资資务務运運输輸饰飾劳勞乐樂荣榮鸿鴻汇匯众眾凯凱润潤远遠顺順记記馆館钢鋼铁鐵种種烟煙网網络絡"
                            + "软軟游遊热熱气氣矿礦养養粮糧制製装裝询詢环環产產开開场場维維书書双雙龙龍辽遼宁寧险險设設计計"
                            + "张張刘劉陈陳杨楊赵趙黄黃吴吳孙孫马馬冯馮邓鄧许許韩韓宝寶庄莊锦錦");

    /** Homophone typos of trade characters (never trade characters themselves). */
    static final Map<Character, Character> HOMOPHONES =
            pairs(
                    "华化信心宏洪达大鑫欣源缘金津鼎顶盛胜兴幸隆龙泰太恒衡瑞锐博搏远苑嘉加禾河丰风裕玉安岸康抗顺舜通同"
                            + "利力德得福富祥翔和合美梅佳家新欣正政中忠天田元园昌常永勇宇雨海亥润闰晟胜凯楷峰锋益意汇惠众重百柏"
                            + "乐勒荣容鸿红明名星辛辰晨万湾");

    /** Full-width forms are these ASCII characters + 0xFEE0. */
    static char fullWidth(char c) {
        return c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c;
    }

    private static Map<Character, Character> pairs(String s) {
        Map<Character, Character> m = new HashMap<>();
        for (int i = 0; i + 1 < s.length(); i += 2) {
            m.put(s.charAt(i), s.charAt(i + 1));
        }
        return Map.copyOf(m);
    }

    static {
        check();
    }

    private static void check() {
        for (String w : INDUSTRIES) {
            require(
                    TRADE_CHARS.indexOf(w.charAt(0)) < 0,
                    "industry starts with a trade character: " + w);
        }
        for (Prefix p : ENTERPRISE_PREFIXES) {
            require(
                    TRADE_CHARS.indexOf(p.text().charAt(0)) < 0,
                    "prefix starts with a trade character: " + p);
        }
        for (Prefix p : OUTSIDE_PREFIXES) {
            require(
                    TRADE_CHARS.indexOf(p.text().charAt(0)) < 0,
                    "prefix starts with a trade character: " + p);
        }
        for (Map.Entry<Character, Character> e : TRADITIONAL.entrySet()) {
            require(
                    TRADE_CHARS.indexOf(e.getValue()) < 0,
                    "traditional form is a trade character: " + e);
        }
        for (Map.Entry<Character, Character> e : HOMOPHONES.entrySet()) {
            require(
                    TRADE_CHARS.indexOf(e.getKey()) >= 0,
                    "homophone of a non-trade character: " + e);
            require(TRADE_CHARS.indexOf(e.getValue()) < 0, "homophone is a trade character: " + e);
        }
        for (char c : TRADE_CHARS.toCharArray()) {
            require(HOMOPHONES.containsKey(c), "trade character without a homophone: " + c);
            require(
                    TRADE_CHARS.indexOf(c) == TRADE_CHARS.lastIndexOf(c),
                    "trade character twice: " + c);
        }
        require(
                GIVEN_CHARS.indexOf('记') < 0 && GIVEN_CHARS.indexOf('氏') < 0,
                "记/氏 among given-name characters");
        for (String a : BUSINESS_TYPES) {
            for (String b : BUSINESS_TYPES) {
                require(a.equals(b) || !a.endsWith(b), "business type " + a + " ends with " + b);
            }
        }
        for (Prefix p : INDIVIDUAL_PREFIXES) {
            require(p.text().length() == 3, "individual prefix of other length: " + p);
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("Vocab: " + what);
        }
    }
}
