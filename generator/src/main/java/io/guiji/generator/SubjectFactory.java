package io.guiji.generator;

import io.guiji.generator.Decision.Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Who a decision concerns and how its copies name and identify them: an enterprise, branch or
 * deliberate look-alike from the registry, an individual business, a natural person, or a party the
 * registry lacks (with a valid USCC of its own, or without any code); the decision-level name
 * variant (brackets, spaces, full-width or lower-case letters, a stray dot, traditional characters,
 * a dropped region prefix, a former name, a homophone typo); and the code variant.
 *
 * <p>Variants that only a fuzzy match could resolve (traditional, typo, dropped prefix) and former
 * names are combined with missing or mistyped codes, so that the name tiers really decide; they are
 * never used for an entry with a deliberate look-alike, whose fuzzy match would be ambiguous.
 */
final class SubjectFactory {
    private final SampleGenerator.Settings settings;
    private final NoisePlanner planner;
    private final Random rnd;
    private final GeneratedRegistry reg;
    private final NameFactory names;
    private final CodeFactory codes;
    private int unregistered;

    SubjectFactory(
            SampleGenerator.Settings settings,
            NoisePlanner planner,
            GeneratedRegistry reg,
            NameFactory names,
            CodeFactory codes) {
        this.settings = settings;
        this.planner = planner;
        this.rnd = planner.random();
        this.reg = reg;
        this.names = names;
        this.codes = codes;
    }

    /**
     * The party of the next decision of {@code type}, with the name variant the decision writes.
     */
    Subject subject(String type) {
        double personRate =
                switch (type) {
                    case "judicial" -> 0.3;
                    case "penalty", "coercion" -> 0.1;
                    case "license" -> 0.05;
                    default -> 0.0;
                };
        if (personRate > 0
                && planner.share(Noise.SUBJECT_PERSON, personRate * settings.personShare())) {
            return person();
        }
        if (planner.share(Noise.SUBJECT_UNREGISTERED, 0.02)) {
            return outsider(true);
        }
        if (planner.share(Noise.SUBJECT_UNKNOWN, 0.02)) {
            return outsider(false);
        }
        boolean regNoOnly =
                reg.individualsRegNoOnly.size() > 0
                        && planner.pending(Noise.CODE_REG_NO_ONLY)
                        && planner.draw(0.5);
        if (regNoOnly
                || planner.share(Noise.SUBJECT_INDIVIDUAL, settings.individualRecordShare())) {
            int withCode = reg.individualsUscc.size();
            int without = reg.individualsRegNoOnly.size();
            if (withCode + without > 0) {
                boolean pickWithout =
                        without > 0
                                && (withCode == 0
                                        || regNoOnly
                                        || rnd.nextInt(withCode + without) < without);
                int i =
                        pickWithout
                                ? reg.individualsRegNoOnly.pick(rnd)
                                : reg.individualsUscc.pick(rnd);
                Subject s = registered(i, "individual", "个体工商户");
                s.kindNoise = Noise.SUBJECT_INDIVIDUAL;
                return s;
            }
        }
        int i = pickEnterprise();
        String kind =
                reg.kind(i) == GeneratedRegistry.BRANCH
                        ? "branch"
                        : reg.is(i, GeneratedRegistry.TWIN_FORM)
                                ? "twin_form"
                                : reg.is(i, GeneratedRegistry.TWIN_COUNTY)
                                        ? "twin_county"
                                        : reg.is(i, GeneratedRegistry.SAME_NAME)
                                                ? "same_name"
                                                : "enterprise";
        Subject s = registered(i, kind, "法人及非法人组织");
        s.kindNoise =
                switch (kind) {
                    case "branch" -> Noise.SUBJECT_BRANCH;
                    case "twin_form" -> Noise.SUBJECT_TWIN_FORM;
                    case "twin_county" -> Noise.SUBJECT_TWIN_COUNTY;
                    default -> null;
                };
        return s;
    }

    private int pickEnterprise() {
        if (planner.pending(Noise.SUBJECT_BRANCH) && reg.branches.size() > 0) {
            return reg.branches.pick(rnd);
        }
        if (planner.pending(Noise.SUBJECT_TWIN_FORM) && reg.twinForm.size() > 0) {
            return reg.twinForm.pick(rnd);
        }
        if (planner.pending(Noise.SUBJECT_TWIN_COUNTY) && reg.twinCounty.size() > 0) {
            return reg.twinCounty.pick(rnd);
        }
        if (planner.pending(Noise.SUBJECT_SAME_NAME) && reg.sameName.size() > 0) {
            return reg.sameName.pick(rnd);
        }
        if (planner.pending(Noise.NAME_FORMER) && reg.renamed.size() > 0) {
            return reg.renamed.pick(rnd);
        }
        if ((planner.pending(Noise.NAME_FULLWIDTH_LETTERS)
                        || planner.pending(Noise.NAME_LETTER_CASE))
                && reg.latin.size() > 0) {
            return reg.latin.pick(rnd);
        }
        if (planner.pending(Noise.NAME_BRACKET_WIDTH) && reg.bracketed.size() > 0) {
            return reg.bracketed.pick(rnd);
        }
        if (planner.pending(Noise.NAME_DROPPED_PREFIX) && reg.prefixed.size() > 0) {
            return reg.prefixed.pick(rnd);
        }
        if (planner.pending(Noise.CODE_REG_NO_ONLY) && reg.withRegNo.size() > 0) {
            return reg.withRegNo.pick(rnd);
        }
        if (reg.sameName.size() > 0 && planner.draw(0.01 * settings.noiseScale())) {
            return reg.sameName.pick(rnd);
        }
        return reg.enterprises.pick(rnd);
    }

    private Subject registered(int i, String kind, String category) {
        Subject s = new Subject();
        s.kind = kind;
        s.entry = i;
        s.category = category;
        s.uscc = reg.uscc(i);
        s.regNo = reg.regNo(i);
        s.orgCode = reg.orgCode(i);
        s.trueId = reg.id(i);
        s.legalRep = reg.legalRep(i);
        s.fuzzyFindable =
                !reg.is(
                        i,
                        GeneratedRegistry.TWIN_FORM
                                | GeneratedRegistry.TWIN_COUNTY
                                | GeneratedRegistry.SAME_NAME);
        s.name = reg.name(i);
        nameVariant(s, i);
        return s;
    }

    private Subject person() {
        Subject s = new Subject();
        s.kind = "person";
        s.person = true;
        s.name = names.person();
        s.idNo = codes.citizenId(rnd);
        if (planner.share(Noise.SUBJECT_PERSON_ID_ONLY, 0.25)) {
            s.kindNoise = Noise.SUBJECT_PERSON_ID_ONLY;
        } else {
            s.category = "自然人";
            s.kindNoise = Noise.SUBJECT_PERSON;
        }
        return s;
    }

    /** A party outside the registry: with a valid USCC of its own ({@code withCode}) or none. */
    private Subject outsider(boolean withCode) {
        Subject s = new Subject();
        Vocab.Prefix p = Vocab.OUTSIDE_PREFIXES.get(rnd.nextInt(Vocab.OUTSIDE_PREFIXES.size()));
        s.name =
                NameFactory.enterprise(
                        p.text(), names.newCombo(false), Vocab.LEGAL_FORMS.get(rnd.nextInt(2)));
        s.category = "法人及非法人组织";
        s.legalRep = names.person();
        if (withCode) {
            s.kind = "unregistered";
            s.uscc =
                    codes.uscc(
                            false,
                            p.division(),
                            CodeFactory.UNREGISTERED_BASE + unregistered++,
                            false);
            s.trueId = s.uscc;
            s.kindNoise = Noise.SUBJECT_UNREGISTERED;
        } else {
            s.kind = "unknown";
            s.kindNoise = Noise.SUBJECT_UNKNOWN;
        }
        return s;
    }

    /** Chooses how this decision writes the registry name of entry {@code i}. */
    private void nameVariant(Subject s, int i) {
        double sc = settings.noiseScale();
        List<Noise> opts = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        opts.add(null);
        w.add(0.74);
        boolean individual = reg.kind(i) == GeneratedRegistry.INDIVIDUAL;
        if (reg.is(i, GeneratedRegistry.BRACKETED)) {
            add(opts, w, Noise.NAME_BRACKET_WIDTH, 0.4 * sc);
        }
        add(opts, w, Noise.NAME_SPACES, 0.04 * sc);
        if (reg.is(i, GeneratedRegistry.LATIN)) {
            add(opts, w, Noise.NAME_FULLWIDTH_LETTERS, 0.3 * sc);
            add(opts, w, Noise.NAME_LETTER_CASE, 0.2 * sc);
        }
        add(opts, w, Noise.NAME_PUNCTUATION, 0.02 * sc);
        if (s.fuzzyFindable) {
            add(opts, w, Noise.NAME_TRADITIONAL, 0.04 * sc);
            if (NameFactory.typo(s.name, new Random(0)) != null) {
                add(opts, w, Noise.NAME_TYPO, 0.03 * sc);
            }
            if (!individual && reg.withoutPrefix(i) != null) {
                add(opts, w, Noise.NAME_DROPPED_PREFIX, 0.05 * sc);
            }
        }
        if (reg.formerNames(i) != null) {
            add(opts, w, Noise.NAME_FORMER, 0.4 * sc);
        }
        double[] weights = w.stream().mapToDouble(Double::doubleValue).toArray();
        Noise n = planner.pick(opts, weights);
        if (n == null) {
            return;
        }
        String v =
                switch (n) {
                    case NAME_BRACKET_WIDTH -> NameFactory.bracketWidth(s.name, rnd);
                    case NAME_SPACES -> NameFactory.spaced(s.name, rnd);
                    case NAME_FULLWIDTH_LETTERS -> NameFactory.fullWidthLetters(s.name);
                    case NAME_LETTER_CASE -> NameFactory.lowerLetters(s.name);
                    case NAME_PUNCTUATION -> NameFactory.punctuated(s.name, rnd);
                    case NAME_TRADITIONAL -> NameFactory.traditional(s.name, rnd);
                    case NAME_TYPO -> NameFactory.typo(s.name, rnd);
                    case NAME_DROPPED_PREFIX -> reg.withoutPrefix(i);
                    case NAME_FORMER -> reg.formerNames(i)[rnd.nextInt(reg.formerNames(i).length)];
                    default -> null;
                };
        if (v == null || v.equals(s.name)) {
            return;
        }
        s.name = v;
        s.nameNoise = n;
        s.nameVariant =
                switch (n) {
                    case NAME_BRACKET_WIDTH -> "bracket_width";
                    case NAME_SPACES -> "spaces";
                    case NAME_FULLWIDTH_LETTERS -> "fullwidth_letters";
                    case NAME_LETTER_CASE -> "letter_case";
                    case NAME_PUNCTUATION -> "punctuation";
                    case NAME_TRADITIONAL -> "traditional";
                    case NAME_TYPO -> "typo";
                    case NAME_DROPPED_PREFIX -> "dropped_prefix";
                    default -> "former_name";
                };
        planner.hit(n);
    }

    private static void add(List<Noise> opts, List<Double> w, Noise n, double weight) {
        opts.add(n);
        w.add(weight);
    }

    /**
     * How the decision's copies identify its subject: which codes, in which columns, mistyped or
     * not.
     */
    void codeVariant(Decision d) {
        Subject s = d.subject;
        if (s.person) {
            d.codeVariant = "id_no";
            return;
        }
        if (s.kind.equals("unregistered")) {
            d.codeVariant = "unregistered";
            hitCode(d, Noise.CODE_USCC);
            return;
        }
        if (s.kind.equals("unknown")) {
            d.codeVariant = "none";
            hitCode(d, Noise.CODE_NONE);
            return;
        }
        String v = s.nameVariant;
        boolean byNameOnly =
                v.equals("traditional")
                        || v.equals("typo")
                        || v.equals("dropped_prefix")
                        || v.equals("former_name");
        boolean nameExercise = !v.equals("exact") || s.kind.equals("same_name");
        List<Noise> opts;
        double[] w;
        if (byNameOnly) {
            opts = Arrays.asList(Noise.CODE_NONE, Noise.CODE_TYPO);
            w = new double[] {0.6, 0.4};
        } else if (s.uscc == null) {
            opts = Arrays.asList(Noise.CODE_REG_NO_ONLY, Noise.CODE_NONE, Noise.CODE_TYPO);
            w = new double[] {0.6, 0.3, 0.1};
        } else if (nameExercise) {
            opts = Arrays.asList(Noise.CODE_NONE, Noise.CODE_TYPO, Noise.CODE_USCC);
            w = new double[] {0.5, 0.2, 0.3};
        } else {
            boolean hasReg = s.regNo != null;
            opts =
                    Arrays.asList(
                            Noise.CODE_USCC,
                            Noise.CODE_USCC_OTHER_COPY,
                            hasReg ? Noise.CODE_REG_NO_ONLY : Noise.CODE_USCC,
                            Noise.CODE_ORG_CODE_ONLY,
                            Noise.CODE_WRONG_COLUMN,
                            Noise.CODE_TYPO,
                            Noise.CODE_NONE);
            double sc = settings.noiseScale();
            w =
                    new double[] {
                        0.55, 0.08 * sc, 0.08 * sc, 0.07 * sc, 0.03 * sc, 0.05 * sc, 0.14 * sc
                    };
        }
        Noise n = planner.pick(opts, w);
        d.codeVariant =
                switch (n) {
                    case CODE_USCC_OTHER_COPY -> "uscc_other_copy";
                    case CODE_REG_NO_ONLY -> "reg_no";
                    case CODE_ORG_CODE_ONLY -> "org_code";
                    case CODE_WRONG_COLUMN -> "wrong_column";
                    case CODE_TYPO -> "typo";
                    case CODE_NONE -> "none";
                    default -> "uscc";
                };
        if (d.codeVariant.equals("typo")) {
            d.typoCode =
                    s.uscc != null ? codes.typoUscc(s.uscc, rnd) : codes.typoRegNo(s.regNo, rnd);
        } else if (d.codeVariant.equals("wrong_column")) {
            d.wrongColumn = s.regNo != null ? rnd.nextInt(3) : rnd.nextInt(2) * 2;
        }
        hitCode(d, n);
    }

    private void hitCode(Decision d, Noise n) {
        d.noise.add(n);
        planner.hit(n);
    }
}
