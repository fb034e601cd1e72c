package io.guiji.jobs.link.fuzzy;

import com.ibm.icu.text.Transliterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Chinese characters for name matching, from ICU4J's maintained transliteration data: traditional →
 * simplified ({@code Traditional-Simplified}) and toneless pinyin ({@code Han-Latin; Latin-ASCII})
 * for homophone detection.
 *
 * <p>A character that simplified Chinese writes as a character of its own (GB 2312) is kept when
 * ICU's simplified form of it reads differently ({@link #simplified(char)}: 乾 qián is not 干 gān, 著
 * is not 着); a character only traditional script writes is always folded, whatever ICU reads it (鮁
 * → 鲅, 誰 → 谁, 綉 → 绣: ICU reads the traditional and the simplified form apart). ICU's
 * transliterators take tens of microseconds per call, so both are applied one character at a time
 * and each character's result is cached for the life of the JVM (at most one entry per BMP code
 * unit). Per-character application drops ICU's few context rules; that is deliberate: records and
 * registry go through the same function, so both sides agree, and a polyphone reads the same on
 * both. Thread-safe: each transliterator is used under its lock, the cache is an atomic array.
 * ICU's result for each Han character comes precomputed from {@link HanziTable} (building the
 * transliterators costs about a second of CPU per run); ICU is asked only for a character the table
 * lacks.
 *
 * <p>A character read more than one way (a heteronym: 长 zhǎng/cháng) has one {@link #syllable}
 * (ICU's), used to score homophones, and up to two {@link #readings} (ICU's and pinyin4j's next),
 * used for blocking keys: a second reading finds more candidates, while scoring stays with the
 * first so that a character sharing only a rarer reading (盛 chéng with 成) is not taken for a
 * homophone typo.
 */
public final class Hanzi {
    /**
     * One transliterator of each kind per JVM, built on first use and used under its own lock:
     * building one compiles ICU's rules (about a second of CPU), which per thread cost every
     * operator thread that links, and the cache makes calls to it rare.
     */
    private static final class Icu {
        static final Transliterator T2S = Transliterator.getInstance("Traditional-Simplified");
        static final Transliterator PINYIN = Transliterator.getInstance("Han-Latin; Latin-ASCII");

        static String apply(Transliterator t, char c) {
            synchronized (t) {
                return t.transliterate(String.valueOf(c));
            }
        }
    }

    private static final AtomicReferenceArray<String> SIMPLIFIED =
            new AtomicReferenceArray<>(0x10000);
    private static final AtomicReferenceArray<String> FOLDED = new AtomicReferenceArray<>(0x10000);
    private static final AtomicReferenceArray<String> SYLLABLE =
            new AtomicReferenceArray<>(0x10000);

    private Hanzi() {}

    /** Whether {@code c} is a Han ideograph. */
    public static boolean isHan(char c) {
        return c >= 0x3400 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** {@code s} with every traditional character made simplified; other characters unchanged. */
    public static String simplified(String s) {
        return eachHan(s, Hanzi::simplified);
    }

    /**
     * The toneless pinyin syllable of one character ({@code 华} → {@code hua}); the character itself
     * when it is not Han.
     */
    public static String syllable(char c) {
        if (!isHan(c)) {
            return String.valueOf(c);
        }
        String s = SYLLABLE.get(c);
        if (s == null) {
            String raw = HanziTable.pinyin(c);
            s = (raw != null ? raw : Icu.apply(Icu.PINYIN, c)).trim();
            if (s.isEmpty()) {
                s = String.valueOf(c);
            }
            SYLLABLE.set(c, s);
        }
        return s;
    }

    /** At most this many readings of one character are used ({@link #readings}). */
    static final int MAX_READINGS = 2;

    /**
     * The toneless readings of one character, at most {@value #MAX_READINGS}: its {@link #syllable}
     * first, then the first other reading pinyin4j gives ({@link HanziTable#readings}); only the
     * syllable for a character read one way, or not Han. 长 → {@code [zhang, chang]}, 行 → {@code
     * [xing, hang]}, 朝 → {@code [chao, zhao]}, 华 → {@code [hua]}. Two readings cover the heteronyms
     * of names (长城, 银行, 重庆, 乐山, 朝阳, 厦门, 会计, 成都), where the third reading of a character is rare (行
     * héng); the bound keeps the pinyin keys of a name few ({@link FuzzyKeys}).
     */
    public static List<String> readings(char c) {
        String first = syllable(c);
        String[] all = isHan(c) ? HanziTable.readings(c) : null;
        if (all == null) {
            return List.of(first);
        }
        for (String r : all) {
            if (!r.equals(first)) {
                return List.of(first, r);
            }
        }
        return List.of(first);
    }

    /** The syllables of {@code s} joined by {@code -} ({@code 华盛} → {@code hua-sheng}). */
    public static String pinyin(String s) {
        StringBuilder b = new StringBuilder(s.length() * 4);
        for (int i = 0; i < s.length(); i++) {
            if (i > 0) {
                b.append('-');
            }
            b.append(syllable(s.charAt(i)));
        }
        return b.toString();
    }

    /** Whether two different characters read the same (toneless). */
    public static boolean homophones(char a, char b) {
        return a != b && isHan(a) && isHan(b) && syllable(a).equals(syllable(b));
    }

    /**
     * {@code s} with every character ICU folds written simplified, 乾, 著 and 徵 included (乾洗 → 干洗):
     * for exact keys, where a traditional text's 乾洗店 must meet 干洗店 and two registered names that
     * fold alike are told apart by how they are written. Scoring uses {@link #simplified(String)}.
     */
    public static String folded(String s) {
        return eachHan(s, Hanzi::foldedChar);
    }

    /** How one Han character is written (a char, unboxed: this runs for every name parsed). */
    @FunctionalInterface
    private interface HanForm {
        String of(char c);
    }

    /**
     * {@code s} with each Han character written as {@code as} gives it (the same string when none
     * changes).
     */
    private static String eachHan(String s, HanForm as) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String t = isHan(c) ? as.of(c) : null;
            if (t != null && !(t.length() == 1 && t.charAt(0) == c)) {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                b.append(t);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * Whether two different characters are one in two scripts: ICU folds one into the other, even
     * where {@link #simplified(String)} keeps it for its reading (乾 and 干, 著 and 着, 徵 and 征).
     */
    public static boolean scriptVariants(char a, char b) {
        if (a == b || !isHan(a) || !isHan(b)) {
            return false;
        }
        return foldedChar(a).equals(foldedChar(b));
    }

    /**
     * Whether simplified Chinese writes {@code c} itself (it is in GB 2312): 乾, 著, 徵 are characters
     * of their own there, not only traditional forms of 干, 着, 征.
     */
    private static boolean writtenInSimplified(char c) {
        return java.nio.charset.Charset.forName("GB2312").newEncoder().canEncode(c);
    }

    /** ICU's Traditional-Simplified of one character, every conversion made. */
    private static String icuSimplified(char c) {
        String raw = HanziTable.simplified(c);
        return raw != null ? raw : Icu.apply(Icu.T2S, c);
    }

    /**
     * The one form {@link #folded} writes {@code c} in: ICU's conversion followed to its end, and
     * for a pair ICU turns into each other (苧 ↔ 苎) the lower code point, so a fold of a fold is the
     * same.
     */
    private static String foldedChar(char c) {
        String s = FOLDED.get(c);
        if (s == null) {
            s = String.valueOf(c);
            for (int step = 0; step < 4; step++) {
                String next = s.length() == 1 ? icuSimplified(s.charAt(0)) : s;
                if (next.equals(s)) {
                    break;
                }
                if (next.equals(String.valueOf(c))) { // a cycle: its lowest member
                    s = s.charAt(0) < c ? s : next;
                    break;
                }
                s = next;
            }
            FOLDED.set(c, s);
        }
        return s;
    }

    /**
     * ICU's simplified form of {@code c}, unless {@code c} is a character simplified text writes
     * itself and the conversion changes how it reads: 乾 (qián) is not turned into 干 (gān), which
     * would hide the homophone 千.
     */
    private static String simplified(char c) {
        String s = SIMPLIFIED.get(c);
        if (s == null) {
            s = icuSimplified(c);
            if (s.length() == 1
                    && s.charAt(0) != c
                    && !syllable(s.charAt(0)).equals(syllable(c))
                    && writtenInSimplified(c)) {
                s = String.valueOf(c);
            }
            SIMPLIFIED.set(c, s);
        }
        return s;
    }
}
