package io.guiji.bench.linking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The places a {@link LinkingCorpus} writes in its names: each a prefix as registry names write it
 * (朝阳市, 辽宁省朝阳市, 瓦房店市, 沈阳市和平区, or a bracketed city before the form: （大连）) with its division code and
 * a weight. Several prefixes may share a code (大连 and 大连市); an enterprise's identity is its code,
 * so the registry never holds both.
 */
final class CorpusPlaces {
    private final String[] prefixes;
    private final String[] codes;
    private final int[] weights;
    private final int[] counties;

    /** {@code counties} null: every place below a city's level. */
    private CorpusPlaces(List<String[]> rows, List<Integer> weights, int[] counties) {
        this.prefixes = rows.stream().map(r -> r[0]).toArray(String[]::new);
        this.codes = rows.stream().map(r -> r[1]).toArray(String[]::new);
        this.weights = weights.stream().mapToInt(Integer::intValue).toArray();
        if (counties == null) {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < codes.length; i++) {
                if (!codes[i].endsWith("00")) {
                    c.add(i);
                }
            }
            counties = c.stream().mapToInt(Integer::intValue).toArray();
        }
        this.counties = counties;
    }

    /** The synthetic city registry of 朝阳市, its counties dominating, a few names of other cities. */
    static CorpusPlaces chaoyang() {
        String[][] rows = {
            {"朝阳市", "211300"}, {"朝阳市双塔区", "211302"}, {"朝阳市龙城区", "211303"}, {"朝阳县", "211321"},
            {"建平县", "211322"}, {"喀喇沁左翼蒙古族自治县", "211324"}, {"北票市", "211381"}, {"凌源市", "211382"},
            {"辽宁省朝阳市", "211300"}, {"沈阳市", "210100"}, {"锦州市", "210700"}, {"阜新市", "210900"},
            {"葫芦岛市", "211400"},
        };
        int[] w = {22, 14, 12, 10, 10, 6, 8, 8, 4, 2, 2, 1, 1};
        List<Integer> weights = new ArrayList<>();
        for (int x : w) {
            weights.add(x);
        }
        // 朝阳's own counties stand for "the same name in another county"
        return new CorpusPlaces(List.of(rows), weights, new int[] {1, 2, 3, 4, 5, 6, 7});
    }

    /**
     * A province's registry: every division of province {@code code} (GB/T 2260, from the division
     * table the linker reads), written as its registry's names write them: the province (辽宁省, 辽宁),
     * a city in full, short or bracketed before the form (大连市, 大连, （大连）), a county-level city or
     * county alone or after its city (瓦房店市, 沈阳市康平县), a district after its city (沈阳市和平区: 铁西区 alone
     * is a district of 沈阳 and of 鞍山).
     */
    static CorpusPlaces province(String code) {
        String two = code.substring(0, 2);
        List<String[]> divisions = new ArrayList<>();
        try (InputStream in =
                io.guiji.jobs.link.fuzzy.Regions.class.getResourceAsStream("divisions.tsv")) {
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(two) && !line.startsWith("#")) {
                    divisions.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (divisions.isEmpty()) {
            throw new IllegalArgumentException("no division of province " + code);
        }
        java.util.Map<String, String[]> byCode = new java.util.HashMap<>();
        for (String[] d : divisions) {
            byCode.put(d[0], d);
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (String[] d : divisions) {
            String c = d[0];
            String full = d[1];
            String kind = d[2];
            // a short form read only after its containing division (~中山: 中山区 of 大连) is not used
            String shortForm =
                    d.length > 3 && !d[3].isEmpty() && !d[3].startsWith("~")
                            ? d[3].split(",")[0]
                            : null;
            // a municipality's districts and counties (上海市浦东新区) come after the province
            String[] city = byCode.get(c.substring(0, 4) + "00");
            if (city == null) {
                city = byCode.get(c.substring(0, 2) + "0000");
            }
            switch (kind) {
                case "province" -> {
                    add(rows, weights, full, c, 12);
                    if (shortForm != null) {
                        add(rows, weights, shortForm, c, 12);
                    }
                }
                case "prefecture" -> {
                    add(rows, weights, full, c, 6);
                    if (shortForm != null) {
                        add(rows, weights, shortForm, c, 6);
                        add(rows, weights, "（" + shortForm + "）", c, 2);
                    }
                }
                case "county" -> {
                    if (c.endsWith("00")) {
                        break; // a city without districts (中山市) is listed as a county as well
                    }
                    add(rows, weights, full, c, 2);
                    if (city != null) {
                        add(rows, weights, city[1] + full, c, 1);
                    }
                }
                case "district", "district2" -> {
                    if (city != null) {
                        add(rows, weights, city[1] + full, c, 3);
                    }
                }
                default -> {} // zones: not named by the statistical code list's names
            }
        }
        return new CorpusPlaces(rows, weights, null);
    }

    private static void add(List<String[]> rows, List<Integer> weights, String p, String c, int w) {
        rows.add(new String[] {p, c});
        weights.add(w);
    }

    int size() {
        return prefixes.length;
    }

    String prefix(int i) {
        return prefixes[i];
    }

    String code(int i) {
        return codes[i];
    }

    int[] weights() {
        return weights;
    }

    int[] counties() {
        return counties;
    }

    /** Whether place {@code i} is written in brackets before the form (华信科技（大连）有限公司). */
    boolean bracketed(int i) {
        return prefixes[i].startsWith("（");
    }

    /** Whether place {@code i} holds every one of {@link #counties()} (朝阳市 of 朝阳's registry). */
    boolean containsEveryCounty(int i) {
        String c = codes[i];
        String prefix =
                c.endsWith("0000") ? c.substring(0, 2) : c.endsWith("00") ? c.substring(0, 4) : c;
        for (int county : counties) {
            if (!codes[county].startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** A county-level division's (or a city's) code, its city's and its province's. */
    List<String> codeAndAncestors(int i) {
        String c = codes[i];
        List<String> out = new ArrayList<>(3);
        out.add(c);
        String city = c.substring(0, 4) + "00";
        if (!city.equals(c)) {
            out.add(city);
        }
        String province = c.substring(0, 2) + "0000";
        if (!province.equals(c) && !province.equals(city)) {
            out.add(province);
        }
        return out;
    }

    /** A name: the place before the trade name, or in brackets before the form. */
    String name(int place, String trade, String industry, String form, String branch) {
        String tail = branch == null ? "" : branch;
        return bracketed(place)
                ? trade + industry + prefixes[place] + form + tail
                : prefixes[place] + trade + industry + form + tail;
    }
}
