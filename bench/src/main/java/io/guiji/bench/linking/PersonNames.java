package io.guiji.bench.linking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Made-up Chinese person names, for the 法定代表人 (legal representative) that records and registry
 * extracts carry: the linking benches need one on both sides, and names of real persons are never
 * kept in this project, so every one is generated here — never read from a data source.
 *
 * <p>A surname drawn by its rough share of the population (the ~100 most common, a few
 * two-character ones such as 欧阳 rare), then a given name of one character (30 %) or two (70 %) from
 * ~300 common given-name characters with a skewed (Zipf–Mandelbrot) choice, so that common full
 * names (张伟, 王芳 …) recur as they do in a city's registry. Deterministic for a {@link Random}: the
 * same draws give the same names.
 */
final class PersonNames {

    /**
     * Surnames with rough shares of the population, in hundredths of a percent (王 7.1 % …); the
     * rest of the population, spread over rarer surnames, is left out.
     */
    private static final String SURNAMES =
            "王 710 李 700 张 640 刘 540 陈 460 杨 310 黄 260 赵 230 吴 200 周 190 徐 130 孙 130 马 120"
                    + " 朱 110 胡 110 郭 110 何 100 高 96 林 93 罗 87 郑 80 梁 80 谢 60 宋 60 唐 60 许 50"
                    + " 韩 50 冯 50 邓 50 曹 50 彭 50 曾 45 肖 45 田 43 董 43 袁 40 潘 40 于 40 蒋 40 蔡 40"
                    + " 余 37 杜 36 叶 35 程 35 苏 33 魏 33 吕 32 丁 31 任 31 沈 30 姚 30 卢 30 姜 28 崔 28"
                    + " 钟 27 谭 26 陆 25 汪 25 范 24 金 24 石 23 廖 22 贾 22 夏 21 韦 21 付 20 方 20 白 19"
                    + " 邹 19 孟 19 熊 18 秦 18 邱 18 江 17 尹 17 薛 16 闫 16 段 16 雷 15 侯 15 龙 15 史 15"
                    + " 陶 14 黎 14 贺 14 顾 13 毛 13 郝 13 龚 12 邵 12 万 12 钱 12 严 11 覃 11 武 11 戴 11"
                    + " 莫 10 孔 10 向 10 汤 10 常 9 康 9 易 8 乔 8 赖 8 文 8 施 7 洪 7 牛 7 庞 6"
                    + " 欧阳 5 司马 1 诸葛 1 上官 1 司徒 1";

    /** Common given-name characters, the most common first (the order sets the skew). */
    private static final String GIVEN =
            "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力波宇斌鹏飞浩丹云玲燕琳梅林鑫俊凯峰亮晨婷"
                    + "雪欣颖倩慧佳琪宁健春国海成东志新德金荣凤庆福生龙元全胜学祥才发武清彬富顺信子涵博诚先敬震振壮会思群豪心邦"
                    + "承乐绍功松善厚民友裕河哲江政谦亨奇之翰朗伯宏言若鸣朋梁栋维启克伦翔旭泽辰士以家致树炎行时泰盛雄琛钧冠策腾"
                    + "楠榕风航弘嘉琼娣叶璐娅琦晶妍茜秋珊莎锦黛青姣婉娴瑾露瑶怡婵雁蓓仪荷蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏"
                    + "卿聪澜纯毓悦昭冰爽琬茗羽希飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可舒影荔阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽"
                    + "灵媛雅淑惠珍莉月莺香凡佩雯璇喜光永忠良兵立安方晖勤玮琨昊天逸帆毅坤山峻岩柏坚嵩川然";

    /**
     * The Zipf–Mandelbrot offset: the most common character is drawn ~31 times as often as the
     * last.
     */
    private static final double OFFSET = 10;

    private static final String[] SURNAME;
    private static final double[] SURNAME_CUMULATIVE;
    private static final char[] GIVEN_CHARS;
    private static final double[] GIVEN_CUMULATIVE;

    static {
        String[] f = SURNAMES.trim().split(" +");
        SURNAME = new String[f.length / 2];
        double[] w = new double[f.length / 2];
        for (int i = 0; i < SURNAME.length; i++) {
            SURNAME[i] = f[2 * i];
            w[i] = Integer.parseInt(f[2 * i + 1]);
        }
        SURNAME_CUMULATIVE = cumulative(w);
        Set<Character> chars = new LinkedHashSet<>();
        for (char c : GIVEN.toCharArray()) {
            chars.add(c); // the first place a character is listed counts
        }
        List<Character> given = new ArrayList<>(chars);
        GIVEN_CHARS = new char[given.size()];
        double[] g = new double[given.size()];
        for (int i = 0; i < GIVEN_CHARS.length; i++) {
            GIVEN_CHARS[i] = given.get(i);
            g[i] = 1.0 / (i + OFFSET);
        }
        GIVEN_CUMULATIVE = cumulative(g);
    }

    private final Random random;

    /** Names drawn from {@code random} (and nothing else: the same seed gives the same names). */
    PersonNames(Random random) {
        this.random = random;
    }

    /** The next name: a surname and a given name of one or two characters (2 to 4 in all). */
    String next() {
        StringBuilder b = new StringBuilder(4);
        b.append(SURNAME[draw(SURNAME_CUMULATIVE)]);
        b.append(GIVEN_CHARS[draw(GIVEN_CUMULATIVE)]);
        if (random.nextInt(100) >= 30) {
            b.append(GIVEN_CHARS[draw(GIVEN_CUMULATIVE)]);
        }
        return b.toString();
    }

    /** How many distinct given-name characters the pool has. */
    static int givenCharacters() {
        return GIVEN_CHARS.length;
    }

    /** How many surnames are drawn from. */
    static int surnames() {
        return SURNAME.length;
    }

    private int draw(double[] cumulative) {
        double r = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }
}
