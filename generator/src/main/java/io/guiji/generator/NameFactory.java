package io.guiji.generator;

import java.util.Random;

/**
 * Names of enterprises, individual businesses and persons, and the variants records write them in
 * (docs/domain.md §7).
 *
 * <p>An enterprise name is {@code [region prefix] 字号 industry legal-form}, or {@code 字号（朝阳）
 * industry legal-form}; a branch appends {@code place分公司}. Each (字号, industry) pair is used by one
 * family only (the enterprise, its branches and its deliberate look-alikes), and so is each former
 * name's and each outside party's pair; with {@link Vocab}'s word choice this makes every name
 * unique unless the generator makes it equal on purpose. Individual businesses are {@code county +
 * surname + 记/氏/given name + business type}, each combination used once.
 */
final class NameFactory {
    /** A 字号 with its industry word: the part of a name that identifies a family. */
    record Combo(String trade, String industry) {}

    private final Random rnd;
    private final LongSet combos = new LongSet();
    private final LongSet individuals = new LongSet();

    NameFactory(Random rnd) {
        this.rnd = rnd;
    }

    /** A (字号, industry) pair not used before; Latin letters as 字号 when {@code latin}. */
    Combo newCombo(boolean latin) {
        int length = latin ? 2 + rnd.nextInt(2) : lengthDraw();
        for (int attempt = 0; attempt < 400; attempt++) {
            String trade = latin ? latinTrade(length) : trade(length);
            String industry = Vocab.INDUSTRIES.get(rnd.nextInt(Vocab.INDUSTRIES.size()));
            if (combos.add(LongSet.hash(trade, industry))) {
                return new Combo(trade, industry);
            }
            if (attempt % 12 == 11) {
                length = Math.min(length + 1, 4); // short 字号 run out first
                latin = false;
            }
        }
        throw new IllegalStateException(
                "no unused enterprise name left after " + combos.size() + " names");
    }

    /** A pair with the same 字号 and another industry (a rename), or a new pair when none is free. */
    Combo comboWithTrade(String trade) {
        for (int attempt = 0; attempt < 8; attempt++) {
            String industry = Vocab.INDUSTRIES.get(rnd.nextInt(Vocab.INDUSTRIES.size()));
            if (combos.add(LongSet.hash(trade, industry))) {
                return new Combo(trade, industry);
            }
        }
        return newCombo(false);
    }

    /** {@code prefix 字号 industry form}; {@code prefix} may be empty. */
    static String enterprise(String prefix, Combo c, String form) {
        return prefix + c.trade() + c.industry() + form;
    }

    /** {@code 字号（朝阳）industry form}. */
    static String bracketed(Combo c, String form) {
        return c.trade() + Vocab.BRACKETED_REGION + c.industry() + form;
    }

    static String branch(String head, String place) {
        return head + place + "分公司";
    }

    /**
     * A name for an individual business of {@code prefix} run by {@code operator}, not used before:
     * {@code 朝阳县张记餐馆}, {@code 朝阳县张氏餐馆} or {@code 朝阳县张建国五金店}.
     */
    String newIndividual(String prefix, String operator) {
        String surname = operator.substring(0, 1);
        for (int attempt = 0; attempt < 400; attempt++) {
            int style = rnd.nextInt(10);
            String middle = style < 3 ? "记" : style < 4 ? "氏" : operator.substring(1);
            String type = Vocab.BUSINESS_TYPES.get(rnd.nextInt(Vocab.BUSINESS_TYPES.size()));
            if (individuals.add(LongSet.hash(prefix, surname, middle, type))) {
                return prefix + surname + middle + type;
            }
        }
        throw new IllegalStateException(
                "no unused individual business name left after " + individuals.size());
    }

    /** A person's name: surname and one or two given-name characters. */
    String person() {
        return Vocab.SURNAMES.charAt(rnd.nextInt(Vocab.SURNAMES.length())) + given();
    }

    private String given() {
        StringBuilder b = new StringBuilder(2);
        int n = rnd.nextInt(10) < 7 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            b.append(Vocab.GIVEN_CHARS.charAt(rnd.nextInt(Vocab.GIVEN_CHARS.length())));
        }
        return b.toString();
    }

    private int lengthDraw() {
        int u = rnd.nextInt(100);
        return u < 55 ? 2 : u < 90 ? 3 : 4;
    }

    private String trade(int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            char c = Vocab.TRADE_CHARS.charAt(rnd.nextInt(Vocab.TRADE_CHARS.length()));
            if (b.length() == 0 || b.charAt(b.length() - 1) != c) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private String latinTrade(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(Vocab.LATIN.charAt(rnd.nextInt(Vocab.LATIN.length())));
        }
        return b.toString();
    }

    // ---- variants records write names in
    // ---------------------------------------------------------

    /** Some characters in traditional form (at least one), or {@code null} when none has one. */
    static String traditional(String name, Random rnd) {
        StringBuilder b = new StringBuilder(name);
        int changed = 0;
        int last = -1;
        for (int i = 0; i < b.length(); i++) {
            Character t = Vocab.TRADITIONAL.get(b.charAt(i));
            if (t != null) {
                last = i;
                if (rnd.nextInt(10) < 7) {
                    b.setCharAt(i, t);
                    changed++;
                }
            }
        }
        if (last < 0) {
            return null;
        }
        if (changed == 0) {
            b.setCharAt(last, Vocab.TRADITIONAL.get(b.charAt(last)));
        }
        return b.toString();
    }

    /** One 字号 character replaced by a homophone, or {@code null} when there is none. */
    static String typo(String name, Random rnd) {
        int[] at = new int[name.length()];
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            if (Vocab.HOMOPHONES.containsKey(name.charAt(i))) {
                at[n++] = i;
            }
        }
        if (n == 0) {
            return null;
        }
        int i = at[rnd.nextInt(n)];
        return name.substring(0, i) + Vocab.HOMOPHONES.get(name.charAt(i)) + name.substring(i + 1);
    }

    /** A space (ASCII or ideographic) inside the name. */
    static String spaced(String name, Random rnd) {
        int i = 2 + rnd.nextInt(Math.max(1, name.length() - 4));
        return name.substring(0, i) + (rnd.nextBoolean() ? " " : "\u3000") + name.substring(i);
    }

    /** A stray middle dot inside the name. */
    static String punctuated(String name, Random rnd) {
        int i = 2 + rnd.nextInt(Math.max(1, name.length() - 4));
        return name.substring(0, i) + "·" + name.substring(i);
    }

    /** Full-width brackets written as {@code ()}, {@code []}, {@code 【】} or {@code ［］}. */
    static String bracketWidth(String name, Random rnd) {
        String[] pairs = {"()", "[]", "【】", "［］"};
        String p = pairs[rnd.nextInt(pairs.length)];
        return name.replace('（', p.charAt(0)).replace('）', p.charAt(1));
    }

    static String fullWidthLetters(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? Vocab.fullWidth(c) : c);
        }
        return b.toString();
    }

    static String lowerLetters(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
