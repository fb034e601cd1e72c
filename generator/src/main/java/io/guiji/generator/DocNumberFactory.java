package io.guiji.generator;

import java.util.Random;

/**
 * Document numbers: the canonical form the truth names a decision by (docs/contract.md §4: year in
 * {@code 〔〕}, no spaces, ASCII upper case), and the ways channels write them.
 *
 * <p>Canonical forms, unique per department and type through the sequence number: penalties {@code
 * 朝市监罚〔2024〕123号} (or {@code …罚字〔2024〕第123号}, a fixed style per department), licences {@code
 * 建市监许〔2025〕45号}, coercive measures {@code 朝城管强〔2024〕7号}, lists {@code 朝市监列异〔2024〕3号}, inspections
 * {@code JC2113002024000123}, court cases {@code 〔2024〕辽1302执123号} (written {@code
 * （2024）辽1302执123号} by courts).
 */
final class DocNumberFactory {
    private static final String[] BRACKETS = {"〔〕", "[]", "()", "（）", "【】", "［］"};

    private final NoisePlanner planner;
    private final Random rnd;

    DocNumberFactory(NoisePlanner planner) {
        this.planner = planner;
        this.rnd = planner.random();
    }

    static String canonical(
            Catalog.Department d, String type, int year, int seq, boolean resumedCase) {
        int style = Math.floorMod(d.code().hashCode(), 3);
        String y = "〔" + year + "〕";
        switch (type) {
            case "judicial":
                return y + d.court() + (resumedCase ? "执恢" : "执") + seq + "号";
            case "inspection":
                return "JC" + d.division() + year + String.format("%06d", seq);
            case "penalty":
                return d.abbr()
                        + (style == 0
                                ? "罚" + y + seq + "号"
                                : style == 1 ? "罚字" + y + "第" + seq + "号" : "罚决字" + y + seq + "号");
            case "license":
                return d.abbr() + (style == 1 ? "许字" + y + "第" + seq + "号" : "许" + y + seq + "号");
            case "coercion":
                return d.abbr() + (style == 2 ? "强制" + y + seq + "号" : "强" + y + seq + "号");
            case "dishonesty":
                String word =
                        switch (d.kind()) {
                            case MARKET -> "列异";
                            case TAX -> "失信";
                            default -> "信";
                        };
                return d.abbr() + word + y + seq + "号";
            default:
                throw new IllegalArgumentException("record type " + type);
        }
    }

    /**
     * How one copy writes {@code canonical}: other brackets, spaces, full-width digits, lower case.
     */
    String present(String canonical, boolean court) {
        String s = canonical;
        int open = s.indexOf('〔');
        if (open >= 0) {
            String pair;
            if (court) {
                pair =
                        planner.chance(Noise.DOC_BRACKETS, 0.3)
                                ? BRACKETS[rnd.nextInt(BRACKETS.length)]
                                : "（）";
            } else {
                pair =
                        planner.chance(Noise.DOC_BRACKETS, 0.35)
                                ? BRACKETS[1 + rnd.nextInt(BRACKETS.length - 1)]
                                : "〔〕";
            }
            if (!pair.equals(court ? "（）" : "〔〕")) {
                planner.hit(Noise.DOC_BRACKETS);
            }
            s = s.replace('〔', pair.charAt(0)).replace('〕', pair.charAt(1));
            if (planner.chance(Noise.DOC_SPACES, 0.06)) {
                int close = open + 5;
                s =
                        s.substring(0, open)
                                + (rnd.nextBoolean() ? " " : "\u3000")
                                + s.substring(open, close + 1)
                                + " "
                                + s.substring(close + 1);
                planner.hit(Noise.DOC_SPACES);
            }
        } else if (planner.chance(Noise.DOC_SPACES, 0.06)) {
            s = s.substring(0, 2) + " " + s.substring(2);
            planner.hit(Noise.DOC_SPACES);
        }
        if (planner.chance(Noise.DOC_FULLWIDTH_DIGITS, 0.05)) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                b.append(c >= '0' && c <= '9' ? Vocab.fullWidth(c) : c);
            }
            s = b.toString();
            planner.hit(Noise.DOC_FULLWIDTH_DIGITS);
        }
        if (hasLatin(s) && planner.chance(Noise.DOC_LOWER_CASE, 0.15)) {
            s = s.toLowerCase(java.util.Locale.ROOT);
            planner.hit(Noise.DOC_LOWER_CASE);
        }
        if (court) {
            planner.hit(Noise.DOC_COURT_CASE_NO);
        }
        String back = Normal.docNo(s);
        if (!canonical.equals(back)) {
            throw new IllegalStateException(
                    "generator bug: " + s + " normalizes to " + back + ", not " + canonical);
        }
        return s;
    }

    private static boolean hasLatin(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }
}
