package io.guiji.jobs.link.fuzzy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Scores a registry name against a record's name: a string similarity of the trade names
 * (commons-text Jaro-Winkler and Levenshtein) refined by the structure of Chinese enterprise names.
 *
 * <p>Trade name (字号): equal, or one place in two forms where the place is the trade name (北京市电力公司,
 * 北京电力公司), 1.0; a homophone substitution (same toneless pinyin, {@link Hanzi}) 0.93, less 0.03 per
 * further homophone; one other edit 0.86 (below the default link threshold: a different character
 * may well be a different enterprise); otherwise 0.85 × Jaro-Winkler. Then: industry words missing
 * on one side −0.03, different −0.15 and more; legal form missing on one side −0.03; region missing
 * on one side (a dropped prefix) −0.02, one inside the other (朝阳市 for a company of 建平县) −0.06; a
 * match through a former name −0.01.
 *
 * <p>Refusals (the pair is never linked automatically, its score halved): a branch against a
 * non-branch or another branch ({@link Branches}); a different legal form (有限公司 ≠ 有限责任公司), or a
 * branch's head office written with a form the registered branch's head office lacks; divisions
 * apart (the same trade name in another county); a province written in one name against a
 * prefecture or county written in the other (辽宁九州饭店 is not 大连九州饭店, docs/domain.md §5.1).
 */
public final class FuzzyScorer {
    static final double HOMOPHONE = 0.93;
    static final double OTHER_EDIT = 0.86;

    /** The evidence of a trade name one edit from the other's: {@code trade_name=one_edit:a/b}. */
    static final String ONE_EDIT = "trade_name=one_edit:";

    /**
     * The evidence of a record that writes the place the enterprise is at: {@code region=same:r}.
     */
    static final String REGION_SAME = "region=same:";

    static final String REGION_OTHER_LEVEL = "region=other_level:";
    static final String REGION_DIFFERENT = "region=different:";

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = new LevenshteinDistance(2);

    private FuzzyScorer() {}

    /**
     * @param record the record's name
     * @param candidate the registry name (current or former)
     * @param candidateDivision the registry entry's division code (6 digits) or null; used when its
     *     name has no region and the record's has one
     * @param former whether {@code candidate} is a former name (曾用名)
     */
    public static FuzzyScore score(
            NameParts record, NameParts candidate, String candidateDivision, boolean former) {
        List<String> ev = new ArrayList<>(8);
        String refusal = null;
        double s =
                samePlaceAsTrade(record, candidate, ev)
                        ? 1.0
                        : tradeScore(record.trade(), candidate.trade(), ev);

        // industry
        if (record.industry().equals(candidate.industry())) {
            if (!record.industry().isEmpty()) {
                ev.add("industry=same:" + record.industry());
            }
        } else if (record.industry().isEmpty() || candidate.industry().isEmpty()) {
            s -= 0.03;
            ev.add("industry=one_side:" + record.industry() + candidate.industry());
        } else {
            double jw = JARO_WINKLER.apply(record.industry(), candidate.industry());
            s -= 0.15 + 0.15 * (1 - jw);
            ev.add("industry=different:" + record.industry() + "/" + candidate.industry());
        }

        // legal form
        if (record.legalForm().equals(candidate.legalForm())) {
            if (!record.legalForm().isEmpty()) {
                ev.add("legal_form=same:" + record.legalForm());
            }
        } else if (record.legalForm().isEmpty() || candidate.legalForm().isEmpty()) {
            s -= 0.03;
            ev.add("legal_form=one_side:" + record.legalForm() + candidate.legalForm());
            if (record.branch() != null
                    && candidate.branch() != null
                    && candidate.legalForm().isEmpty()) {
                // a registered branch's name repeats its head office's registered name whole; a
                // record may leave the form out (中国工商银行大连中山支行), but one that writes a form
                // the registered branch lacks names another head office's branch:
                // 上海宝钢集团公司大连分公司 is not the branch of 上海宝钢集团
                refusal = "head_office_differs";
            }
        } else if (abbreviated(record.legalForm(), candidate.legalForm())) {
            // 营口港务股份公司 for 营口港务股份有限公司: 股份公司 is what 股份有限公司 is called, not a form of its
            // own (the company law has 有限责任公司 and 股份有限公司)
            s -= 0.03;
            ev.add("legal_form=abbreviated:" + record.legalForm() + "/" + candidate.legalForm());
        } else if (partnershipKindOnOneSide(record.legalForm(), candidate.legalForm())) {
            // 普华永道中天会计师事务所 for 普华永道中天会计师事务所（特殊普通合伙）: the bracketed kind left out
            s -= 0.03;
            ev.add("legal_form=kind_one_side:" + record.legalForm() + "/" + candidate.legalForm());
        } else {
            refusal = "legal_form_differs";
            ev.add("legal_form=different:" + record.legalForm() + "/" + candidate.legalForm());
        }

        // region
        String rr = record.region();
        String cr = candidate.region();
        boolean named = cr != null; // the candidate's region is written in its name
        if (cr == null && rr != null) {
            // the division code places a name that writes none only against a record that writes
            // one: two names without a place lack nothing of each other
            cr = Regions.ofCode(candidateDivision);
        }
        if (rr == null && cr == null) {
            ev.add("region=none");
        } else if (rr == null || cr == null) {
            s -= 0.02;
            ev.add(rr == null ? "region=record_lacks:" + cr : "region=registry_lacks:" + rr);
        } else if (Regions.same(rr, cr)) {
            ev.add(REGION_SAME + rr);
        } else if (Regions.nested(rr, cr) && compatible(record, candidate)) {
            if (named && Math.min(Regions.depth(rr), Regions.depth(cr)) == 2) {
                // 辽宁九州饭店 and 大连九州饭店: a name registered under the province and one under a
                // city are two names, as two cities' would be (docs/domain.md §5.1).
                if (refusal == null) {
                    refusal = "region_level_differs";
                }
                ev.add(REGION_OTHER_LEVEL + rr + "/" + cr);
            } else {
                s -= 0.06;
                ev.add("region=nested:" + rr + "/" + cr);
            }
        } else {
            if (refusal == null) {
                refusal = "region_differs";
            }
            ev.add(REGION_DIFFERENT + rr + "/" + cr);
        }

        // branch
        if (record.branch() == null && candidate.branch() == null) {
            ev.add("branch=no");
        } else if (record.branch() == null || candidate.branch() == null) {
            refusal = record.branch() == null ? "registry_is_branch" : "record_is_branch";
            ev.add("branch=" + refusal);
        } else if (record.branch().equals(candidate.branch())) {
            ev.add("branch=same:" + record.branch());
        } else if (Branches.same(record.branch(), candidate.branch())) {
            ev.add("branch=same:" + record.branch() + "/" + candidate.branch());
        } else {
            refusal = "other_branch";
            ev.add("branch=different:" + record.branch() + "/" + candidate.branch());
        }

        if (former) {
            s -= 0.01;
            ev.add("former_name");
        }
        if (record.traditional()) {
            ev.add("traditional_to_simplified");
        }
        s = Math.max(0, Math.min(1, s));
        if (refusal != null) {
            s = s / 2;
            ev.add("refused=" + refusal);
        }
        return new FuzzyScore(round(s), refusal, ev);
    }

    /** The kinds of partnership a name writes in brackets after its form ({@link NameParts}). */
    private static final String[] PARTNERSHIP_KINDS = {"特殊普通合伙", "普通合伙", "有限合伙"};

    /**
     * Whether one legal form is the other with a partnership's kind added ({@code 会计师事务所} and
     * {@code 会计师事务所特殊普通合伙}, {@code 合伙企业} and {@code 合伙企业有限合伙}): a record often leaves the bracketed
     * kind out. Two kinds written are two forms.
     */
    static boolean partnershipKindOnOneSide(String a, String b) {
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        for (String kind : PARTNERSHIP_KINDS) {
            if (longer.equals(shorter + kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether both names' trade names are one place in two forms (北京 of 北京电力公司, 北京市 of 北京市电力公司:
     * {@link NameParts#tradeAsPlace}); evidence {@code trade_name=same_place:a/b}.
     */
    private static boolean samePlaceAsTrade(
            NameParts record, NameParts candidate, List<String> ev) {
        if (record.trade().equals(candidate.trade())) {
            return false;
        }
        String place = record.tradeAsPlace();
        if (place == null || !place.equals(candidate.tradeAsPlace())) {
            return false;
        }
        ev.add("trade_name=same_place:" + record.trade() + "/" + candidate.trade());
        return true;
    }

    /**
     * Whether two trade names of one length differ only in characters that are one in two scripts
     * (乾洗 / 干洗: the fuzzy tier keeps 乾 for its reading, docs/contract.md §6).
     */
    private static boolean scriptVariants(String a, String b) {
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && !Hanzi.scriptVariants(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one form is 股份公司 and the other 股份有限公司. */
    private static boolean abbreviated(String a, String b) {
        return (a.equals("股份公司") && b.equals("股份有限公司")) || (a.equals("股份有限公司") && b.equals("股份公司"));
    }

    static double tradeScore(String a, String b, List<String> ev) {
        if (a.equals(b)) {
            ev.add("trade_name=same:" + a);
            return 1.0;
        }
        if (a.length() == b.length() && scriptVariants(a, b)) {
            ev.add("trade_name=script_variant:" + a + "/" + b);
            return 1.0;
        }
        if (a.length() == b.length()) {
            int homophones = 0;
            boolean allHomophones = true;
            for (int i = 0; i < a.length() && allHomophones; i++) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                if (x != y) {
                    if (Hanzi.homophones(x, y)) {
                        homophones++;
                    } else {
                        allHomophones = false;
                    }
                }
            }
            if (allHomophones && homophones * 2 < a.length() + 1) {
                ev.add("trade_name=homophone:" + a + "/" + b);
                return HOMOPHONE - 0.03 * (homophones - 1);
            }
        }
        Integer d = LEVENSHTEIN.apply(a, b);
        if (d != null && d == 1 && Math.min(a.length(), b.length()) >= 2) {
            ev.add(ONE_EDIT + a + "/" + b);
            return OTHER_EDIT;
        }
        double jw = JARO_WINKLER.apply(a, b);
        ev.add("trade_name=similar:" + a + "/" + b + ":" + FuzzyMatcher.decimals(jw, 2));
        return 0.85 * jw;
    }

    /** Every region written in one name is nested with every region of the other. */
    private static boolean compatible(NameParts a, NameParts b) {
        for (String x : a.regions()) {
            for (String y : b.regions()) {
                if (!Regions.nested(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
