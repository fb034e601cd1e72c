package io.guiji.jobs.link.fuzzy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocking keys of the fuzzy tier: a record and a registry name that could be the same
 * enterprise share at least one key, so candidates are found by key lookups, never by comparing all
 * pairs. All keys are made from {@link NameParts}, so they fold script (traditional → simplified)
 * like the exact name key. Except the short-name typo keys, they leave out the region and the legal
 * form (a dropped prefix or a different form must still meet, to be scored and, for the form,
 * refused):
 *
 * <ul>
 *   <li>{@code F:<core>} — the core name (trade name + industry), simplified: catches traditional
 *       characters, brackets, spacing, width, dropped or added region prefixes;
 *   <li>{@code P:<pinyin of trade name>|<industry>} — catches homophone typos in the trade name (华胜
 *       for 华盛), the commonest typo in hand-typed names. A character read more than one way (长
 *       zhǎng/cháng, 行 xíng/háng, 重, 乐, 朝, 厦 …) gives a key for each of its first two readings
 *       ({@link Hanzi#readings}), as long as the name's pinyin keys stay at most {@value
 *       #MAX_PINYIN_KEYS}: heteronyms are taken from the left, a later one beyond the bound keeps
 *       its first reading only. Both sides follow the same rule, so 长城 (zhang-cheng, chang-cheng)
 *       meets 常城 (chang-cheng). A trade name that is a place in a longer form than its shortest
 *       ({@link NameParts#tradeAsPlace}: 北京市 of 北京市电力公司) also gives the shortest form's keys, so
 *       that 北京电力公司 and 电力公司（北京） meet it;
 *   <li>{@code F:<core with one trade-name character deleted>} — the deletion-1 neighbourhood
 *       (SymSpell): a one-character substitution, insertion or deletion in a trade name of 3–6
 *       characters still meets; for longer trade names {@code F:<first 4>*<industry>} (first 3 of
 *       7) and {@code F:*<last 4><industry>} instead (one replaced character leaves one of them
 *       whole);
 *   <li>for a two-character trade name, {@code F:<region>|<1st>*<industry>} and {@code
 *       F:<region>|*<2nd><industry>}: one substituted character leaves one of them whole. Deleting
 *       a character of a two-character name leaves one character, which is no trade name; and the
 *       keys carry the most specific region written in the name ({@link NameParts#region}, empty
 *       when none; each division it may be when it is several: 铁西区 alone), since one character and
 *       an industry alone are shared by thousands of names in a province.
 * </ul>
 *
 * A name yields 1 + p keys (p pinyin keys, 1–4) and then 2 for a two-character trade name, n for n
 * = 3…6, 2 beyond. Branches share their head office's keys (they must be found to be refused).
 *
 * <p>A record asks, besides its own keys, the core keys of its name read with one typo in an
 * industry or legal-form word corrected ({@link #corrections}): {@code 华盛便力店} asks {@code F:华盛},
 * the core of {@code 华盛便利店}; the core key of each {@link NameParts#placeReadings} of its name; and,
 * for a two-character trade name with a place, its place keys without the place and those of its
 * corrected readings ({@link #elsewhere}); and, for a name that writes no place, the keys of its
 * start read as a place written with a typo ({@link #placeTypos}). These cost the registry nothing.
 */
public final class FuzzyKeys {
    public static final String CORE = "F:";
    public static final String PINYIN = "P:";
    static final int MAX_DELETION_LENGTH = 6;
    static final int ANCHOR = 4;
    static final int MAX_PINYIN_KEYS = 4;
    static final int MAX_CORRECTIONS = 4;

    private FuzzyKeys() {}

    /** The keys of a parsed name (empty when the name is not {@link NameParts#matchable}). */
    public static Set<String> of(NameParts p) {
        Set<String> keys = new LinkedHashSet<>();
        if (p == null || !p.matchable()) {
            return keys;
        }
        String trade = p.trade();
        String industry = p.industry();
        keys.add(CORE + p.core());
        for (String pinyin : pinyin(trade)) {
            keys.add(PINYIN + pinyin + "|" + industry);
        }
        String tradePlace = p.tradeAsPlace();
        if (tradePlace != null && !tradePlace.equals(trade)) {
            // the place that is the trade name, in the form the shortest names write it
            for (String pinyin : pinyin(tradePlace)) {
                keys.add(PINYIN + pinyin + "|" + industry);
            }
        }
        int n = trade.length();
        if (n == 2) {
            for (String place : places(p)) {
                placeKeys(p, place, keys);
            }
        } else if (n >= 3 && n <= MAX_DELETION_LENGTH) {
            for (int i = 0; i < n; i++) {
                keys.add(CORE + trade.substring(0, i) + trade.substring(i + 1) + industry);
            }
        } else if (n > MAX_DELETION_LENGTH) {
            // the head and the tail do not overlap (7 characters: 3 and 4), so a replaced character
            // leaves one of them whole wherever it is (百花洲达艺出版社 for 百花洲文艺出版社)
            keys.add(CORE + trade.substring(0, Math.min(ANCHOR, n - ANCHOR)) + "*" + industry);
            keys.add(CORE + "*" + trade.substring(n - ANCHOR) + industry);
        }
        NameParts withoutTown = p.townDropped();
        if (withoutTown != null) {
            // the name written without its town meets it (瓦房店市利民加油站)
            keys.addAll(of(withoutTown));
        }
        return keys;
    }

    /**
     * The keys a record asks: its own ({@link #of}), those of its {@link #corrections}, of its
     * {@link #placeReadings} and its {@link #elsewhere} keys.
     */
    public static Set<String> forRecord(NameParts p) {
        Set<String> keys = of(p);
        keys.addAll(corrections(p));
        keys.addAll(placeReadings(p));
        keys.addAll(elsewhere(p));
        keys.addAll(placeTypos(p));
        return keys;
    }

    /**
     * A reading of a name that writes no known place with its first characters as a place written
     * with a typo ({@link Regions#oneEditStartForms}): the core key of what is left (with {@code
     * trade}, its trade name), and, when that trade name has two characters, its place keys within
     * each region the place may be (so that a name of that place is found when the core key is
     * shared by too many: 陕文人民出版社 asks {@code F:61|人*出版}).
     */
    public record PlaceTypo(String trade, String coreKey, Set<String> placeKeys) {}

    /** At most this many places a typo is read as for the place keys of a two-character rest. */
    static final int MAX_PLACE_TYPO_REGIONS = 24;

    /**
     * At most this many places a typo is read as by parsing the name again with each: enough for a
     * place read one way or a few (辽凝: 辽宁; 沈样市: 沈阳市), not for a start one character from dozens of
     * places (大华: 大连, 大同, 大庆 …), where only the rest as it stands is asked.
     */
    static final int MAX_PARSED_PLACES = 8;

    /**
     * The readings of {@code p}, a name that writes no known place, with its first 2–{@value
     * Regions#LONGEST_TYPO} characters as a place written with a typo, where at least two
     * trade-name characters are left. A name that writes no place at all is read with the rest of
     * its trade name as it stands (辽凝成大 as 辽宁 and 成大); and, where the start is one character from
     * few places, each is put in and the name parsed again, so that a second place or a misspelt
     * place's suffix is read as well (中庆南川石银村镇银行 as 重庆南川 and 石银村镇; 沈样市和平区鑫源商店, whose 沈样市 reads as
     * an unknown place, as 沈阳市和平区 and 鑫源). Which place a registry name found under their keys
     * writes is read when it is scored ({@link FuzzyMatcher}).
     */
    public static List<PlaceTypo> placeTypoReadings(NameParts p) {
        List<PlaceTypo> out = new ArrayList<>(1);
        if (p == null || !p.matchable() || !unplaced(p)) {
            return out;
        }
        String text = p.text();
        String trade = p.trade();
        boolean bare = p.regions().isEmpty() && text.startsWith(trade);
        Set<String> cores = new java.util.HashSet<>();
        for (int k = 2; k <= Regions.LONGEST_TYPO && k <= text.length() - 2; k++) {
            Set<String> forms = Regions.oneEditStartForms(text.substring(0, k));
            if (forms.isEmpty()) {
                continue;
            }
            if (bare && trade.length() - k >= 2) {
                String rest = trade.substring(k);
                Set<String> placeKeys = new LinkedHashSet<>();
                if (rest.length() == 2) {
                    Set<String> regions = new java.util.TreeSet<>();
                    for (String form : forms) {
                        String region = Regions.whole(form);
                        if (region != null) {
                            regions.addAll(List.of(region.split("\\|")));
                        }
                    }
                    if (regions.size() <= MAX_PLACE_TYPO_REGIONS) {
                        for (String region : regions) {
                            placeKeys.add(
                                    CORE + region + "|" + rest.charAt(0) + "*" + p.industry());
                            placeKeys.add(CORE + region + "|*" + rest.charAt(1) + p.industry());
                        }
                    }
                }
                String core = CORE + rest + p.industry();
                if (cores.add(core)) {
                    out.add(new PlaceTypo(rest, core, placeKeys));
                }
            }
            if (forms.size() > MAX_PARSED_PLACES) {
                continue;
            }
            for (String form : forms) {
                NameParts q = NameParts.parse(form + text.substring(k));
                if (q == null || !q.matchable() || q.regions().isEmpty() || unplaced(q)) {
                    continue;
                }
                String core = CORE + q.core();
                if (cores.add(core)) {
                    Set<String> placeKeys = new LinkedHashSet<>();
                    if (q.trade().length() == 2) {
                        for (String place : places(q)) {
                            placeKeys(q, place, placeKeys);
                        }
                    }
                    out.add(new PlaceTypo(q.trade(), core, placeKeys));
                }
            }
        }
        return out;
    }

    /** Whether {@code p} writes no place the division table knows (none, or only unknown ones). */
    static boolean unplaced(NameParts p) {
        for (String r : p.regions()) {
            if (!r.startsWith("?")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The keys of {@code p}'s {@link #placeTypoReadings} that are not already among its own keys.
     */
    public static Set<String> placeTypos(NameParts p) {
        return placeTypos(p, placeTypoReadings(p));
    }

    /** {@link #placeTypos} of readings already made ({@link #placeTypoReadings} of {@code p}). */
    static Set<String> placeTypos(NameParts p, List<PlaceTypo> readings) {
        Set<String> keys = new LinkedHashSet<>();
        for (PlaceTypo t : readings) {
            keys.add(t.coreKey());
            keys.addAll(t.placeKeys());
        }
        if (!keys.isEmpty()) {
            keys.removeAll(of(p));
        }
        return keys;
    }

    /**
     * The places the keys of a two-character trade name are made within: each division a name's
     * most specific region may be (铁西区 alone: 沈阳's, 鞍山's and 四平's), so that two names that may
     * write the same place share a key; {@code ""} when no place is written.
     */
    static List<String> places(NameParts p) {
        String region = p.region();
        return region == null ? List.of("") : List.of(region.split("\\|"));
    }

    /** The two keys of a two-character trade name within {@code place}. */
    static void placeKeys(NameParts p, String place, Set<String> out) {
        String trade = p.trade();
        out.add(CORE + place + "|" + trade.charAt(0) + "*" + p.industry());
        out.add(CORE + place + "|*" + trade.charAt(1) + p.industry());
    }

    /**
     * Every place key {@code p}, a name with a two-character trade name and a place, may share with
     * a registered name that has one of its trade name's characters and may be at its place or
     * write none: those of {@link #places} and those of names that write no place. Empty for other
     * names.
     */
    static Set<String> allPlaceKeys(NameParts p) {
        Set<String> keys = new LinkedHashSet<>();
        if (p == null || !p.matchable() || p.trade().length() != 2 || p.region() == null) {
            return keys;
        }
        for (String place : places(p)) {
            placeKeys(p, place, keys);
        }
        placeKeys(p, "", keys);
        return keys;
    }

    /**
     * The place keys a record asks besides its own, for two-character trade names with a place
     * written: those of names that write no place, and the place keys of its {@link #corrected}
     * readings (at most 4 more keys a reading). With them every registered name one trade-name
     * character from the record (or from a corrected reading) that could score as its own place's
     * is found, so an over-full pinyin or corrected-vocabulary key hides only names of other places
     * ({@link FuzzyMatcher}). They cost the registry nothing.
     */
    public static Set<String> elsewhere(NameParts p) {
        Set<String> keys = new LinkedHashSet<>();
        if (p == null || !p.matchable()) {
            return keys;
        }
        keys.addAll(allPlaceKeys(p));
        for (Corrected c : corrected(p)) {
            keys.addAll(allPlaceKeys(c.parts()));
        }
        keys.removeAll(of(p));
        return keys;
    }

    /**
     * The core keys of {@code p} read with a dropped place prefix taken another way ({@link
     * NameParts#placeReadings}: 南川 as 重庆's district, 上海 as the start of a trade name) that are not
     * already among its own keys. The core key only: a record with a place prefix, most records,
     * asks one key more, and the registry none.
     */
    public static Set<String> placeReadings(NameParts p) {
        Set<String> keys = new LinkedHashSet<>();
        if (p == null || !p.matchable()) {
            return keys;
        }
        for (NameParts.PlaceReading r : NameParts.placeReadings(p.text())) {
            keys.add(CORE + r.parts().core());
        }
        keys.removeAll(of(p));
        return keys;
    }

    /**
     * The core keys of {@code p} read with one industry or legal-form typo corrected ({@link
     * #corrected}) that are not already among its own keys.
     */
    public static Set<String> corrections(NameParts p) {
        Set<String> keys = new LinkedHashSet<>();
        if (p == null || !p.matchable()) {
            return keys;
        }
        Set<String> own = null;
        for (Corrected c : corrected(p)) {
            String key = CORE + c.parts().core();
            if (own == null) {
                own = of(p);
            }
            if (!own.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * A name read with one character of an industry or legal-form word corrected: {@code wrote} as
     * written, {@code word} the vocabulary word it was taken for.
     */
    public record Corrected(NameParts parts, String wrote, String word, boolean homophone) {}

    /**
     * The readings of {@code p} with one character of a vocabulary word corrected (at most {@value
     * #MAX_CORRECTIONS}): the end of its core, the end of its core and legal form together, and the
     * end of what comes before its industry word. A tail of 2–6 characters that is not a word as
     * written (医药 is not corrected into 医院) but one substitution away from an industry word or a
     * legal form of two characters or more is replaced by it ({@code 商茂} → {@code 商贸}, {@code 便力店}
     * → {@code 便利店}, {@code 有限公可} → {@code 有限公司}, {@code 泉业银行} → {@code 商业银行}, {@code 理油化工} →
     * {@code 石油化工}, {@code 钢千集团} → {@code 钢铁集团}) and the name parsed again; a reading that does not
     * then recognise the word, or does not leave a matchable name, is dropped. The tail leaves two
     * characters before it: of the core, or, when a place is written, of the whole name (the place
     * may be the trade name: 苏州市商业银行, 马鞍山钢铁公司).
     */
    public static List<Corrected> corrected(NameParts p) {
        List<Corrected> out = new ArrayList<>(2);
        if (p == null) {
            return out;
        }
        String text = p.text();
        String head =
                p.branch() == null ? text : text.substring(0, text.length() - p.branch().length());
        if (!head.endsWith(p.core() + p.legalForm())) {
            return out; // a bracketed legal form: not in the text, not corrected
        }
        int coreEnd = head.length() - p.legalForm().length();
        int coreStart = coreEnd - p.core().length();
        int from = p.regions().isEmpty() ? coreStart : 0;
        if (coreEnd < head.length()) {
            correct(p, text, from, coreEnd, out);
        }
        correct(p, text, from, head.length(), out);
        if (!p.industry().isEmpty()) {
            correct(p, text, from, coreEnd - p.industry().length(), out);
        }
        return out;
    }

    /** Corrections of the tails of {@code text[from, to)} that leave two characters before them. */
    private static void correct(NameParts p, String text, int from, int to, List<Corrected> out) {
        for (int len = Math.min(Vocabulary.LONGEST, to - from - 2); len >= 2; len--) {
            String tail = text.substring(to - len, to);
            if (Vocabulary.WORDS.contains(tail)) {
                continue; // a word as written is not corrected into another
            }
            for (int i = 0; i < len; i++) {
                if (!Vocabulary.mayHave(tail, i)) {
                    continue;
                }
                List<String> words = Vocabulary.BY_PATTERN.get(Vocabulary.pattern(tail, i));
                if (words == null) {
                    continue;
                }
                for (String word : words) {
                    if (word.equals(tail) || out.size() >= MAX_CORRECTIONS) {
                        continue;
                    }
                    NameParts q =
                            NameParts.parse(
                                    text.substring(0, to - len) + word + text.substring(to));
                    if (q == null
                            || !q.matchable()
                            || q.core().equals(p.core())
                            || !(q.industry().contains(word) || q.legalForm().equals(word))) {
                        continue;
                    }
                    boolean homophone = Hanzi.homophones(tail.charAt(i), word.charAt(i));
                    Corrected c = new Corrected(q, tail, word, homophone);
                    if (!hasParts(out, q)) {
                        out.add(c);
                    }
                }
            }
        }
    }

    private static boolean hasParts(List<Corrected> out, NameParts q) {
        for (Corrected o : out) {
            if (o.parts().equals(q)) {
                return true;
            }
        }
        return false;
    }

    /** Industry words and legal forms of two characters or more, by their one-wildcard patterns. */
    private static final class Vocabulary {
        static final Map<String, List<String>> BY_PATTERN = new HashMap<>();
        static final Set<String> WORDS = new LinkedHashSet<>(List.of(NameParts.INDUSTRIES));
        static final int LONGEST;

        /** The hashes of the patterns of {@link #BY_PATTERN}, sorted. */
        static final long[] HASHES;

        static {
            int longest = 0;
            WORDS.addAll(List.of(NameParts.LEGAL_FORMS));
            List<Long> hashes = new ArrayList<>();
            for (String w : WORDS) {
                if (w.length() < 2) {
                    continue;
                }
                longest = Math.max(longest, w.length());
                for (int i = 0; i < w.length(); i++) {
                    BY_PATTERN.computeIfAbsent(pattern(w, i), k -> new ArrayList<>(1)).add(w);
                    hashes.add(hash(w, i));
                }
            }
            LONGEST = Math.min(MAX_DELETION_LENGTH, longest);
            HASHES = hashes.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        }

        /**
         * Whether some word may have the pattern of {@code w} with a wildcard at {@code i}: its
         * hash is among the patterns' ({@link #HASHES}). A record's name asks some fifty patterns
         * of which nearly none exists, and building each as a string was a fifth of the fuzzy
         * tier's time; a hash that collides only costs the map lookup that follows.
         */
        static boolean mayHave(String w, int i) {
            return java.util.Arrays.binarySearch(HASHES, hash(w, i)) >= 0;
        }

        static long hash(String w, int wildcard) {
            long h = w.length();
            for (int k = 0; k < w.length(); k++) {
                h = (h ^ (k == wildcard ? 0 : w.charAt(k))) * 0x100000001B3L;
            }
            return h ^ (h >>> 29);
        }

        static String pattern(String w, int i) {
            return w.substring(0, i) + '\u0000' + w.substring(i + 1);
        }
    }

    /**
     * The pinyin spellings of a trade name: every combination of its characters' {@link
     * Hanzi#readings}, heteronyms from the left, at most {@value #MAX_PINYIN_KEYS}; the first is
     * every character's first reading ({@link Hanzi#pinyin}).
     */
    static List<String> pinyin(String trade) {
        List<StringBuilder> spellings = new ArrayList<>(MAX_PINYIN_KEYS);
        spellings.add(new StringBuilder(trade.length() * 4));
        for (int i = 0; i < trade.length(); i++) {
            List<String> readings = Hanzi.readings(trade.charAt(i));
            if (spellings.size() * readings.size() > MAX_PINYIN_KEYS) {
                readings = readings.subList(0, 1);
            }
            int before = spellings.size();
            for (int r = readings.size() - 1; r >= 0; r--) {
                for (int s = 0; s < before; s++) {
                    StringBuilder b =
                            r == 0 ? spellings.get(s) : new StringBuilder(spellings.get(s));
                    if (i > 0) {
                        b.append('-');
                    }
                    b.append(readings.get(r));
                    if (r > 0) {
                        spellings.add(b);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(spellings.size());
        for (StringBuilder b : spellings) {
            out.add(b.toString());
        }
        return out;
    }

    /** Whether {@code key} is a fuzzy-tier key. */
    public static boolean isFuzzy(String key) {
        return key.startsWith(CORE) || key.startsWith(PINYIN);
    }
}
