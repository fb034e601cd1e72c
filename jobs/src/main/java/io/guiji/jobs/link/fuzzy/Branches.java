package io.guiji.jobs.link.fuzzy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The branch part of an enterprise name (分支机构, docs/domain.md §5.2): where it starts, and whether
 * two branch parts name the same branch. The endings come from {@code branches.tsv}: a {@code
 * branch} ending ({@code 分公司}, {@code 支行}, {@code 分理处} …) makes any name a branch; an {@code
 * outlet} ending ({@code 加油站}, {@code 营业厅}, {@code 经营部}, {@code 店} …) only when a head office's
 * form ends before it ({@code …有限公司金州加油站}), since alone it is the enterprise's own form ({@code
 * 某某加油站}).
 */
final class Branches {
    /** Forms that end a head office's name, before a branch part. */
    private static final String[] HEAD_FORMS = {
        "股份有限公司", "有限责任公司", "有限公司", "公司", "合作社", "企业", "集团", "银行"
    };

    /**
     * Before an outlet ending only a company or a cooperative is a head office: 某某企业服务中心 and
     * 某某集团供应站 name enterprises of their own.
     */
    private static final String[] OUTLET_HEAD_FORMS = {"公司", "合作社"};

    private static final List<String> BRANCH = new ArrayList<>();
    private static final List<String> OUTLET = new ArrayList<>();

    static {
        try (InputStream in = Branches.class.getResourceAsStream("branches.tsv")) {
            if (in == null) {
                throw new IllegalStateException("branches.tsv is missing from the classpath");
            }
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                (f[1].equals("branch") ? BRANCH : OUTLET).add(f[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Comparator<String> longestFirst = Comparator.comparingInt(String::length).reversed();
        BRANCH.sort(longestFirst);
        OUTLET.sort(longestFirst);
    }

    private Branches() {}

    /** The branch endings, then the outlet endings, each longest first. */
    static List<String> endings(boolean outlets) {
        return List.copyOf(outlets ? OUTLET : BRANCH);
    }

    /**
     * Where the branch part of a normalized name starts, or -1 when the name is not a branch: after
     * the head office's form ({@code 中国工商银行股份有限公司|大连中山支行}); without one, before the divisions in
     * front of a branch ending ({@code 朝阳市华盛超市|建平分店}) or right before it.
     */
    static int start(String text) {
        for (String ending : BRANCH) {
            if (text.endsWith(ending) && text.length() > ending.length()) {
                int before = text.length() - ending.length();
                int cut = headEnd(text, before, HEAD_FORMS);
                if (cut < 0) {
                    cut = before - trailingDivisions(text, before);
                }
                return cut;
            }
        }
        for (String ending : OUTLET) {
            if (text.endsWith(ending) && text.length() > ending.length()) {
                int cut = headEnd(text, text.length() - ending.length(), OUTLET_HEAD_FORMS);
                return cut > 0 ? cut : -1;
            }
        }
        return -1;
    }

    /**
     * Where the last head-office form ending at or before {@code before} ends, or -1. The 公司 of a
     * 分公司 or 支公司 is a branch's, not a head office's: in {@code …股份有限公司辽宁大连销售分公司金州加油站} the head
     * office is the 股份有限公司.
     */
    private static int headEnd(String text, int before, String[] forms) {
        int best = -1;
        for (String form : forms) {
            int from = before - form.length();
            while (from > 0) {
                int i = text.lastIndexOf(form, from);
                if (i <= 0) {
                    break;
                }
                boolean branchWord = form.equals("公司") && "分支".indexOf(text.charAt(i - 1)) >= 0;
                if (!branchWord) {
                    best = Math.max(best, i + form.length());
                    break;
                }
                from = i - 1;
            }
        }
        return best;
    }

    /** How many characters of divisions end at {@code end} (建平 in 朝阳市华盛超市建平|分店). */
    private static int trailingDivisions(String text, int end) {
        int taken = 0;
        boolean found = true;
        while (found) {
            found = false;
            int at = end - taken;
            for (int len = Math.min(11, at - 2); len >= 2; len--) {
                if (Regions.wholeInAnyForm(text.substring(at - len, at)) != null) {
                    taken += len;
                    found = true;
                    break;
                }
            }
        }
        return taken;
    }

    /**
     * Whether two branch parts name the same branch: the same text, or the same unit ({@code
     * 石油分公司}) under the same place, a place written on one side only counting as the same ({@code
     * 辽宁大连石油分公司} and {@code 大连石油分公司}). Siblings differ in their unit ({@code 第一分公司}, {@code 第二分公司})
     * or their place ({@code 大连中山支行}, {@code 大连西岗支行}).
     */
    static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Place pa = place(a);
        Place pb = place(b);
        if (!pa.unit().equals(pb.unit()) || (pa.region() == null && pb.region() == null)) {
            return false;
        }
        return pa.region() == null || pb.region() == null || Regions.same(pa.region(), pb.region());
    }

    private record Place(String region, String unit) {}

    private static Place place(String branch) {
        List<Regions.Found> leading = Regions.leading(branch, 2);
        int at = 0;
        String region = null;
        for (Regions.Found f : leading) {
            at += f.length();
            region = f.region();
        }
        return new Place(region, branch.substring(at));
    }
}
