package io.guiji.jobs.link.fuzzy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Administrative divisions written in enterprise names (GB/T 2260, docs/domain.md §5.1): every
 * province-, prefecture- and county-level division of the country, from {@code divisions.tsv}
 * (converted once from the statistical division codes by {@code jobs/tools/make-divisions.py}), in
 * full ({@code 建平县}, {@code 苏家屯区}) and short ({@code 建平}, {@code 喀左}) forms, and development zones
 * written after their city ({@code 大连经济技术开发区}, {@code 大连高新区}).
 *
 * <p>A region is a code with its trailing zero pairs dropped ({@code 211300} → {@code 2113}), so
 * containment is a prefix test. A name several divisions share ({@code 铁西区}: 沈阳, 鞍山, 四平) is all of
 * them, joined by {@code |}, until a division written before it says which ({@code 沈阳铁西区} → {@code
 * 210106}). A zone is its city's region, {@code Z}, its kind and its own name ({@code 2102Z开发},
 * {@code 2102Z新区金普}). A division the table does not know (a township, an old name) is its text
 * prefixed with {@code ?}.
 *
 * <p>Only a leading run of divisions, each inside the one before it, is a place prefix ({@link
 * #leading}): in {@code 大连天津饭店} 天津 is part of the trade name. At the start of a name a division is
 * read in full form, or in a short form the table allows there; the short forms of districts, of
 * stems several divisions share and of stems that are common trade names ({@code 宏伟}, {@code 振兴})
 * are read only right after a division that contains them ({@code 沈阳铁西}, {@code 辽阳宏伟}).
 */
public final class Regions {
    /** One division a text may name: its region and whether it may start a name. */
    private record Division(String region, int depth, boolean anywhere) {}

    private static final Map<String, List<Division>> FULL = new HashMap<>();
    private static final Map<String, List<Division>> SHORT = new HashMap<>();

    /**
     * The longest full and short form starting with each character, 0 for none: a name is read at
     * every position of its start, and most positions start no form, so {@link #at} asks the maps
     * only for the lengths a form starting there can have, instead of building a substring of every
     * length up to the longest form (a twentieth of linking's time).
     */
    private static final byte[] FULL_BY_FIRST = new byte[Character.MAX_VALUE + 1];

    private static final byte[] SHORT_BY_FIRST = new byte[Character.MAX_VALUE + 1];
    private static final long LOAD_NANOS;

    /** The zone words, longest first, each with the kind it names (高新区 is 高新技术产业开发区). */
    private static final String[][] ZONES = {
        {"高新技术产业开发区", "高新"},
        {"高新技术产业园区", "高新"},
        {"高技术产业开发区", "高新"},
        {"经济技术开发区", "开发"},
        {"高新技术开发区", "高新"},
        {"经济开发区", "开发"},
        {"综合保税区", "保税"},
        {"保税港区", "保税"},
        {"经开区", "开发"},
        {"开发区", "开发"},
        {"高新区", "高新"},
        {"保税区", "保税"},
        {"新区", "新区"},
    };

    /** A zone's own name ({@code 长兴岛} in 大连长兴岛经济技术开发区) has at most this many characters. */
    private static final int ZONE_NAME = 3;

    /**
     * Characters that make a word with a division suffix (市场, 区域, 县级, 市政 …): no unknown division
     * ends before them.
     */
    private static final String NOT_AFTER_DIVISION = "场政域级委民长镇内外";

    /**
     * Whether a known division's last character and the one after it make a word (市场, 市政, 县政府): 场
     * only after 市, so 盐边县场旋矿业 is still 盐边县's 场旋 (a homophone of 昌旋).
     */
    private static boolean makesWord(char last, char next) {
        return next == '政' || (next == '场' && last == '市');
    }

    static {
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        try (InputStream in = Regions.class.getResourceAsStream("divisions.tsv")) {
            if (in == null) {
                throw new IllegalStateException("divisions.tsv is missing from the classpath");
            }
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                // code \t full name \t kind \t short forms
                int t1 = line.indexOf('\t');
                int t2 = line.indexOf('\t', t1 + 1);
                int t3 = line.indexOf('\t', t2 + 1);
                String kind = line.substring(t2 + 1, t3);
                if (kind.equals("zone")) {
                    continue; // zones are read by their form, after their city (zoneAt)
                }
                String region = trim(line.substring(0, t1));
                int depth = region.length();
                String full = line.substring(t1 + 1, t2);
                put(FULL, full, new Division(region, depth, !kind.equals("district2")));
                int from = t3 + 1;
                while (from < line.length()) {
                    int comma = line.indexOf(',', from);
                    int end = comma < 0 ? line.length() : comma;
                    boolean anywhere = line.charAt(from) != '~';
                    String form = line.substring(anywhere ? from : from + 1, end);
                    put(SHORT, form, new Division(region, depth, anywhere));
                    from = end + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOAD_NANOS = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
    }

    private Regions() {}

    private static void put(Map<String, List<Division>> map, String form, Division d) {
        byte[] byFirst = map == FULL ? FULL_BY_FIRST : SHORT_BY_FIRST;
        int first = form.charAt(0);
        byFirst[first] = (byte) Math.min(Byte.MAX_VALUE, Math.max(byFirst[first], form.length()));
        List<Division> ds = map.get(form);
        if (ds == null) {
            ds = new ArrayList<>(1);
            map.put(form, ds);
        }
        ds.add(d);
    }

    /**
     * How long reading the division table took, in nanoseconds of the reading thread's CPU time (or
     * of wall time where the JVM does not measure it); it is read once, on first use.
     */
    public static long loadNanos() {
        return LOAD_NANOS;
    }

    /** A division found at the start of a text: its region and the characters it takes. */
    public record Found(String region, int length) {}

    /**
     * The division at {@code from} in {@code s} when nothing is written before it, or null (also
     * when {@code from} is outside {@code s}). Short forms and unknown divisions count only when at
     * least {@code minRest} characters follow, so a trade name like 朝阳 or 华联超市 survives; with
     * {@code minRest} 0 the division may end the text.
     */
    public static Found atStart(String s, int from, int minRest) {
        return at(s, from, minRest, null);
    }

    /**
     * The division at {@code from} in {@code s} that lies inside {@code parent} (a region), or
     * null: full and short forms of the divisions inside it, and its development zones.
     */
    public static Found inside(String s, int from, int minRest, String parent) {
        return parent == null ? null : at(s, from, minRest, parent);
    }

    private static Found at(String s, int from, int minRest, String parent) {
        if (from < 0 || from >= s.length()) {
            return null;
        }
        minRest = Math.max(0, minRest);
        int rest = s.length() - from;
        // A form that is there but may not be read here hides the shorter ones inside it: 普兰店 (a
        // district's, read only after 大连) is not 普兰 (a county of Tibet) followed by 店.
        int hidden = 0;
        char first = s.charAt(from);
        for (int len = Math.min(FULL_BY_FIRST[first], rest - 1); len >= 2; len--) {
            List<Division> ds = FULL.get(s.substring(from, from + len));
            if (ds != null && !makesWord(s.charAt(from + len - 1), s.charAt(from + len))) {
                String region = pick(ds, parent);
                if (region != null) {
                    return new Found(region, len);
                }
                hidden = Math.max(hidden, len);
            }
        }
        Found zone = parent == null ? null : zoneAt(s, from, parent, 0, 0);
        if (zone != null) {
            return zone;
        }
        for (int len = Math.min(SHORT_BY_FIRST[first], rest); len > hidden && len >= 2; len--) {
            List<Division> ds = SHORT.get(s.substring(from, from + len));
            if (ds != null) {
                // 朝阳县 is not 朝阳 followed by 县…; 普兰店市 is not 普兰 followed by 店 (see unknownAt)
                boolean fits = len <= rest - minRest && !startsDivision(s, from + len);
                String region = fits ? pick(ds, parent) : null;
                if (region != null) {
                    return new Found(region, len);
                }
                break;
            }
        }
        // a zone's own name after the divisions: 河北邢台经济开发区 is 邢台's zone, not one named 邢台
        zone = parent == null ? null : zoneAt(s, from, parent, 1, ZONE_NAME);
        return zone != null ? zone : unknownAt(s, from, minRest, parent);
    }

    /**
     * Of the divisions a form names, those it may name here: anywhere allowed ones at the start,
     * those inside {@code parent} after it; of these the shallowest (辽宁本溪 is the city, not 本溪县),
     * all of them when several are equally deep.
     */
    private static String pick(List<Division> ds, String parent) {
        TreeSet<String> out = new TreeSet<>();
        int depth = Integer.MAX_VALUE;
        for (Division d : ds) {
            boolean fits =
                    parent == null
                            ? d.anywhere()
                            : !parent.equals(d.region()) && inside(d.region(), parent);
            if (!fits || d.depth() > depth) {
                continue;
            }
            if (d.depth() < depth) {
                out.clear();
                depth = d.depth();
            }
            out.add(d.region());
        }
        return out.isEmpty() ? null : String.join("|", out);
    }

    /** Whether {@code region} (one code) lies inside some alternative of {@code parent}. */
    private static boolean inside(String region, String parent) {
        for (String p : alternatives(parent)) {
            if (!p.startsWith("?") && region.startsWith(p) && region.length() > p.length()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A development zone right after {@code parent}: {@code minName} to {@code maxName} characters
     * of its own name, then a zone word.
     */
    private static Found zoneAt(String s, int from, String parent, int minName, int maxName) {
        if (parent.indexOf('|') >= 0 || parent.startsWith("?") || parent.indexOf('Z') >= 0) {
            return null;
        }
        for (int name = minName; name <= maxName && from + name < s.length(); name++) {
            if (!isHanRun(s, from, name)) {
                return null;
            }
            for (String[] z : ZONES) {
                int end = from + name + z[0].length();
                if (end < s.length() && s.startsWith(z[0], from + name)) {
                    return new Found(
                            parent + "Z" + z[1] + s.substring(from, from + name), end - from);
                }
            }
        }
        return null;
    }

    /**
     * Two or three Han characters and a division suffix: a county-level division under an old name
     * when its stem is one the table knows (普兰店市 is now 普兰店区, 北票县 is 北票市), otherwise an unknown
     * division, read at the start of a name or after a province or prefecture.
     */
    private static Found unknownAt(String s, int from, int minRest, String parent) {
        if (parent != null && (parent.indexOf('|') >= 0 || depth(parent) > 4)) {
            return null;
        }
        int rest = s.length() - from;
        for (int stem = 3; stem >= 2; stem--) {
            if (rest < stem + 1 + minRest || !isHanRun(s, from, stem)) {
                continue;
            }
            char suffix = s.charAt(from + stem);
            if ("省市县区旗".indexOf(suffix) < 0) {
                continue;
            }
            // With minRest 0 the division may end the text (a bracketed （某某县）): nothing follows.
            boolean wordGoesOn =
                    rest > stem + 1 && NOT_AFTER_DIVISION.indexOf(s.charAt(from + stem + 1)) >= 0;
            if (wordGoesOn) {
                continue;
            }
            if ("县市区".indexOf(suffix) >= 0) {
                String renamed = renamed(s.substring(from, from + stem), parent);
                if (renamed != null) {
                    return new Found(renamed, stem + 1);
                }
            }
            if (parent != null
                    && (SHORT.containsKey(s.substring(from, from + stem))
                            || FULL.containsKey(s.substring(from, from + stem + 1)))) {
                return null; // a known division, only not inside the one before (大连沈阳市…)
            }
            if (stem == 2) {
                return new Found("?" + s.substring(from, from + 3), 3);
            }
        }
        return null;
    }

    /** The one county-level division whose short form {@code stem} is (inside {@code parent}). */
    private static String renamed(String stem, String parent) {
        List<Division> ds = SHORT.get(stem);
        if (ds == null) {
            return null;
        }
        String found = null;
        for (Division d : ds) {
            if (d.depth() == 6 && (parent == null || inside(d.region(), parent))) {
                if (found != null && !found.equals(d.region())) {
                    return null;
                }
                found = d.region();
            }
        }
        return found;
    }

    /**
     * The forms of divisions that may start a name one replaced character from {@code w} (2–{@value
     * #LONGEST_TYPO} characters): a place written with a typo (辽凝 for 辽宁, 大联市 for 大连市, 沈样 for 沈阳).
     * Empty when {@code w} is such a form as written, or none is one character from it.
     */
    public static java.util.Set<String> oneEditStartForms(String w) {
        if (w.length() < 2 || w.length() > LONGEST_TYPO || whole(w) != null) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = null;
        for (int i = 0; i < w.length(); i++) {
            java.util.Set<String> forms = StartPatterns.FORMS.get(StartPatterns.pattern(w, i));
            if (forms != null) {
                if (out == null) {
                    out = new java.util.TreeSet<>();
                }
                out.addAll(forms);
            }
        }
        return out == null ? java.util.Set.of() : out;
    }

    /** The longest place {@link #oneEditStartForms} reads: 黑龙江省, 哈尔滨市. */
    public static final int LONGEST_TYPO = 4;

    /**
     * The forms that may start a name, by the form with one character left out: read on first use.
     */
    private static final class StartPatterns {
        static final Map<String, java.util.Set<String>> FORMS = new HashMap<>();

        static {
            add(FULL);
            add(SHORT);
        }

        private static void add(Map<String, List<Division>> forms) {
            for (Map.Entry<String, List<Division>> f : forms.entrySet()) {
                String form = f.getKey();
                if (form.length() < 2
                        || form.length() > LONGEST_TYPO
                        || f.getValue().stream().noneMatch(Division::anywhere)) {
                    continue;
                }
                for (int i = 0; i < form.length(); i++) {
                    FORMS.computeIfAbsent(pattern(form, i), k -> new java.util.TreeSet<>())
                            .add(form);
                }
            }
        }

        static String pattern(String w, int i) {
            return w.substring(0, i) + '\u0000' + w.substring(i + 1);
        }
    }

    /**
     * The whole of {@code s} as one division ({@code 朝阳}, {@code 建平县}) in a form that may start a
     * name, or null.
     */
    public static String whole(String s) {
        String r = wholeIn(FULL, s, true);
        return r != null ? r : wholeIn(SHORT, s, true);
    }

    /**
     * The whole of {@code s} as one division in any of its forms, those read only after a
     * containing division included ({@code 中山} before 支行), or null.
     */
    public static String wholeInAnyForm(String s) {
        String r = wholeIn(FULL, s, false);
        return r != null ? r : wholeIn(SHORT, s, false);
    }

    private static String wholeIn(Map<String, List<Division>> map, String s, boolean startOnly) {
        List<Division> ds = map.get(s);
        if (ds == null) {
            return null;
        }
        TreeSet<String> out = new TreeSet<>();
        for (Division d : ds) {
            if (d.anywhere() || !startOnly) {
                out.add(d.region());
            }
        }
        return out.isEmpty() ? null : String.join("|", out);
    }

    /**
     * The place prefix of {@code s}: the divisions at its start, in order, each inside the one
     * before it ({@code 辽宁省大连市甘井子区}); the run stops at the first that is not (大连 then 天津).
     */
    public static List<Found> leading(String s, int minRest) {
        List<Found> out = new ArrayList<>(2);
        int at = 0;
        Found f = atStart(s, 0, minRest);
        while (f != null) {
            out.add(f);
            at += f.length();
            f = inside(s, at, minRest, f.region());
        }
        return out;
    }

    /**
     * The place prefix of {@code s} read as a name whose first division was dropped ({@code
     * 南川石银村镇银行} for 重庆南川石银村镇银行): its first division in a form read only right after a division that
     * contains it ({@code 南川}, {@code 滨海}: every division of that form, as the table cannot tell
     * which the dropped one was), then the run as in {@link #leading}; empty when {@code s} does
     * not start with such a form.
     */
    public static List<Found> leadingAfterDropped(String s, int minRest) {
        List<Found> out = new ArrayList<>(2);
        int at = 0;
        Found f = afterDropped(s, minRest);
        while (f != null) {
            out.add(f);
            at += f.length();
            f = inside(s, at, minRest, f.region());
        }
        return out;
    }

    private static Found afterDropped(String s, int minRest) {
        int rest = s.length();
        int longest = rest == 0 ? 0 : SHORT_BY_FIRST[s.charAt(0)];
        for (int len = Math.min(longest, rest); len >= 2; len--) {
            List<Division> ds = SHORT.get(s.substring(0, len));
            if (ds == null) {
                continue;
            }
            if (len > rest - Math.max(0, minRest) || startsDivision(s, len)) {
                return null;
            }
            TreeSet<String> regions = new TreeSet<>();
            for (Division d : ds) {
                if (!d.anywhere()) {
                    regions.add(d.region());
                }
            }
            return regions.isEmpty() ? null : new Found(String.join("|", regions), len);
        }
        return null;
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

    /**
     * Whether two regions may name the same place: some alternative of one contains (or equals)
     * some alternative of the other, or is a zone of the other's city. An unknown division is only
     * itself.
     */
    public static boolean nested(String a, String b) {
        if (a.startsWith("?") || b.startsWith("?")) {
            return a.equals(b);
        }
        for (String x : alternatives(a)) {
            for (String y : alternatives(b)) {
                if (x.startsWith(y) || y.startsWith(x) || overlap(x, y) || overlap(y, x)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code zone} is a zone of the city of county-level division {@code county}: a zone
     * lies across some of its city's districts (大连经济技术开发区 in 金州区), which the table does not say.
     */
    private static boolean overlap(String zone, String county) {
        int z = zone.indexOf('Z');
        return z == 4 && county.length() == 6 && county.startsWith(zone.substring(0, 4));
    }

    /** Whether two regions may be the very same division (铁西区 and 沈阳市铁西区 may). */
    public static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.startsWith("?") || b.startsWith("?")) {
            return false;
        }
        for (String x : alternatives(a)) {
            for (String y : alternatives(b)) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * How deep a region lies: 2 for a province, 4 for a prefecture, 5 for a zone of a prefecture, 6
     * for a county-level division, 7 for a zone of a county; the deepest of its alternatives; 0 for
     * an unknown division.
     */
    public static int depth(String region) {
        if (region.startsWith("?")) {
            return 0;
        }
        int depth = 0;
        for (String r : alternatives(region)) {
            int z = r.indexOf('Z');
            depth = Math.max(depth, z < 0 ? r.length() : z + 1);
        }
        return depth;
    }

    private static String[] alternatives(String region) {
        return region.indexOf('|') < 0 ? new String[] {region} : region.split("\\|");
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
