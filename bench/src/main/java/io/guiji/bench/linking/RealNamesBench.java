package io.guiji.bench.linking;

import io.guiji.bench.linking.LinkAccuracyBench.Tally;
import io.guiji.bench.linking.RealNamesCorpus.Enterprise;
import io.guiji.bench.linking.RealNamesCorpus.Kind;
import io.guiji.bench.linking.RealNamesCorpus.Labelled;
import io.guiji.jobs.link.CompactRegistryIndex;
import io.guiji.jobs.link.LocalLinker;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Linking accuracy on real enterprise names ({@link RealNamesCorpus}, issue 12): the registry of
 * real names (optionally among a synthetic background registry, so that blocking keys fill as in a
 * city's registry) goes into the pipeline's index ({@link CompactRegistryIndex}) and every record
 * is linked by {@link LocalLinker}, the class the linking operator calls. Prints precision and
 * recall per variant class and overall, and the wrong links that cross a branch/head-office pair,
 * two named places, or a real near-duplicate pair.
 *
 * <pre>
 * java -cp ... io.guiji.bench.linking.RealNamesBench [--names bench/names/enterprises.tsv]
 *     [--renames bench/names/renames.tsv] [--per-kind 300] [--seed 7] [--background 50000]
 *     [--max-matches 16] [--link-trade-name-typos confirmed|placed|all] [--legal-rep-share 0]
 *     [--code-typo-share 0] [--show-errors 0]
 *     [--write-sample DIR --sample-per-kind 25]
 * </pre>
 *
 * <p>Every registry entry carries a made-up legal representative in its extra columns (法定代表人);
 * {@code --legal-rep-share} (0 to 1, default 0: records as before) is the share of records that
 * name one too (DecisionFields legal_rep): a record that must link names its enterprise's, one that
 * must not a made-up person. {@code --code-typo-share} (default 0) is the share of records that
 * carry a 统一社会信用代码 typed with one character replaced: their enterprise's, or for one that must not
 * link a made-up code.
 *
 * <p>{@code --write-sample} writes a small corpus (registry.tsv, records.tsv, no background; every
 * record naming its legal representative) for the unit test jobs/.../RealNamesLinkingTest instead
 * of measuring.
 */
public final class RealNamesBench {
    private RealNamesBench() {}

    public static void main(String[] args) throws IOException {
        Path names = Path.of("bench/names/enterprises.tsv");
        Path renames = Path.of("bench/names/renames.tsv");
        int perKind = 300;
        long seed = 7;
        int background = 50_000;
        int maxMatches = 16;
        int showErrors = 0;
        FuzzyPolicy.TradeNameTypos tradeNameTypos = FuzzyPolicy.DEFAULT.tradeNameTypos();
        Path sample = null;
        int samplePerKind = 25;
        double legalRepShare = 0;
        double codeTypoShare = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--names" -> names = Path.of(args[++i]);
                case "--renames" -> renames = Path.of(args[++i]);
                case "--per-kind" -> perKind = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--background" -> background = Integer.parseInt(args[++i]);
                case "--max-matches" -> maxMatches = Integer.parseInt(args[++i]);
                case "--show-errors" -> showErrors = Integer.parseInt(args[++i]);
                case "--link-trade-name-typos" ->
                        tradeNameTypos =
                                FuzzyPolicy.TradeNameTypos.valueOf(
                                        LinkAccuracyBench.tradeNameTyposArg(args[++i]));
                case "--legal-rep-share" -> legalRepShare = Double.parseDouble(args[++i]);
                case "--code-typo-share" -> codeTypoShare = Double.parseDouble(args[++i]);
                case "--write-sample" -> sample = Path.of(args[++i]);
                case "--sample-per-kind" -> samplePerKind = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!(codeTypoShare >= 0 && codeTypoShare <= 1)) {
            System.err.println("--code-typo-share must be between 0 and 1: " + codeTypoShare);
            System.exit(2);
        }
        if (!(legalRepShare >= 0 && legalRepShare <= 1)) {
            System.err.println("--legal-rep-share must be between 0 and 1: " + legalRepShare);
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (sample != null) {
            writeSample(RealNamesCorpus.build(names, renames, samplePerKind, seed, 1), sample, out);
            return;
        }
        RealNamesCorpus corpus =
                RealNamesCorpus.build(names, renames, perKind, seed, legalRepShare);
        long branches = corpus.registry.stream().filter(Enterprise::branch).count();
        out.printf(
                Locale.ROOT,
                "# Linking on real names: %d real enterprises (%d with a real former name), %d registered "
                        + "branches, %d real near-duplicate pairs, background %,d synthetic entries; up to %d "
                        + "records per class, seed %d, max-matches %d, link-trade-name-typos %s%s%n%n",
                corpus.registry.size() - branches,
                corpus.registry.stream().filter(e -> !e.formers().isEmpty()).count(),
                branches,
                corpus.nearDuplicatePairs.size(),
                background,
                perKind,
                seed,
                maxMatches,
                tradeNameTypos,
                LinkAccuracyBench.legalRepNote(legalRepShare)
                        + (codeTypoShare > 0
                                ? String.format(
                                        Locale.ROOT, ", code-typo-share %.2f", codeTypoShare)
                                : ""));
        CompactRegistryIndex index = new CompactRegistryIndex(corpus.registry.size() + background);
        if (background > 0) {
            for (RegistryEntry e : LinkingCorpus.registry(background, seed).registry) {
                index.put(e);
            }
        }
        for (Enterprise e : corpus.registry) {
            index.put(entry(e));
        }
        LocalLinker linker =
                new LocalLinker(
                        index, FuzzyPolicy.DEFAULT.withTradeNameTypos(tradeNameTypos), maxMatches);
        score(corpus, linker, showErrors, codeTypoShare, seed, out);
    }

    // ---------------------------------------------------------------- scoring

    static Map<Kind, Tally> score(
            RealNamesCorpus corpus,
            LocalLinker linker,
            int showErrors,
            double codeTypoShare,
            long seed,
            PrintStream out) {
        Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
        Map<Kind, Integer> shown = new EnumMap<>(Kind.class);
        int crossBranch = 0;
        int crossPlace = 0;
        int crossNearDuplicate = 0;
        Map<Kind, Map<String, Integer>> why = new EnumMap<>(Kind.class);
        long serial = 0;
        Random codes = new Random(seed ^ 0x636F_6465L); // its own stream: the records stay the same
        int namedLegalRep = 0;
        int sameLegalRep = 0;
        for (Labelled l : corpus.records) {
            UnifiedRecord r = record(++serial, l);
            withMistypedCode(r, l, codeTypoShare, codes);
            r = linker.link(r).record();
            if (l.legalRep() != null) {
                namedLegalRep++;
                // a made-up person of a negative who happens to be its look-alike's
                sameLegalRep +=
                        l.expected() == null
                                        && l.legalRep()
                                                .equals(corpus.enterprise(l.subject()).legalRep())
                                ? 1
                                : 0;
            }
            Tally t = tallies.computeIfAbsent(l.kind(), k -> new Tally());
            t.records++;
            t.positives += l.expected() != null ? 1 : 0;
            t.fuzzy += r.getLinkMethod() == LinkMethod.FUZZY ? 1 : 0;
            String linked = r.getEnterpriseId();
            boolean error;
            if (linked == null) {
                t.unlinked++;
                error = l.expected() != null;
                if (error) {
                    why.computeIfAbsent(l.kind(), k -> new java.util.TreeMap<>())
                            .merge(reason(r), 1, Integer::sum);
                }
            } else if (linked.equals(l.expected())) {
                t.right++;
                error = false;
            } else {
                t.wrong++;
                error = true;
                if ((l.kind() == Kind.NEG_UNREGISTERED_BRANCH && linked.equals(l.subject()))
                        || corpus.branchPair(l.subject(), linked)) {
                    crossBranch++;
                }
                if (crossesPlaces(l, corpus.enterprise(linked))) {
                    crossPlace++;
                }
                if (corpus.nearDuplicatePair(l.subject(), linked)) {
                    crossNearDuplicate++;
                }
            }
            if (error && shown.merge(l.kind(), 1, Integer::sum) <= showErrors) {
                Enterprise e = l.expected() == null ? null : corpus.enterprise(l.expected());
                Enterprise got = linked == null ? null : corpus.enterprise(linked);
                out.printf(
                        "  ! %s %s -> %s %s %s%n    expected %s%n",
                        l.kind(),
                        l.name(),
                        got == null ? linked : got.name(),
                        r.getLinkMethod(),
                        r.getLinkEvidence(),
                        e == null ? "no link" : e.name());
            }
        }
        Tally.table(
                out,
                tallies,
                k -> "`" + k.name() + "` " + k.description,
                k -> k.positive,
                k -> k.positive,
                "**records that must link**",
                "**all records**");
        out.println();
        out.printf(
                Locale.ROOT,
                "wrong links across a branch/head-office pair: %d; across two named places: %d; "
                        + "between a real near-duplicate pair: %d%n",
                crossBranch,
                crossPlace,
                crossNearDuplicate);
        if (namedLegalRep > 0) {
            out.printf(
                    Locale.ROOT,
                    "records naming a legal representative: %d; records that must not link naming "
                            + "the one of the enterprise they were made from: %d%n",
                    namedLegalRep,
                    sameLegalRep);
        }
        out.println();
        out.println("Why records that must link stay unlinked (their `fuzzy=` evidence):");
        out.println();
        for (Map.Entry<Kind, Map<String, Integer>> e : why.entrySet()) {
            out.println("- `" + e.getKey().name() + "`: " + e.getValue());
        }
        return tallies;
    }

    /** The reason the fuzzy tier gave for not linking, or that it found no candidate. */
    private static String reason(UnifiedRecord r) {
        for (String ev : r.getLinkEvidence()) {
            if (ev.startsWith("fuzzy=")) {
                String v = ev.substring("fuzzy=".length());
                int colon = v.indexOf(':');
                return v.startsWith("refused") || colon < 0 ? v : v.substring(0, colon);
            }
        }
        return r.getLinkEvidence().contains("name=ambiguous") ? "name=ambiguous" : "no_candidate";
    }

    /** A wrong link to an enterprise whose name starts with another place than the record's. */
    private static boolean crossesPlaces(Labelled l, Enterprise linked) {
        if (linked == null) {
            return false;
        }
        RealNamesCorpus.Place a = RealNamesCorpus.placeOf(l.name().strip());
        RealNamesCorpus.Place b = RealNamesCorpus.placeOf(linked.name());
        return (a != null && b != null && !a.code().equals(b.code()))
                || (l.kind() == Kind.NEG_OTHER_PLACE && linked.id().equals(l.subject()));
    }

    // ---------------------------------------------------------------- records and entries

    /** The registry entry of an enterprise, its legal representative in the extra columns. */
    static RegistryEntry entry(Enterprise e) {
        Map<String, String> extra = new HashMap<>();
        extra.put(LEGAL_REP_COLUMN, e.legalRep());
        return RegistryEntry.newBuilder()
                .setEnterpriseId(e.id())
                .setUscc(e.id())
                .setName(e.name())
                .setFormerNames(new ArrayList<>(e.formers()))
                .setDivisionCode(e.division())
                .setStatus("存续")
                .setSource(new SourceRef("registry/real-names.tsv", 1L))
                .setExtra(extra)
                .build();
    }

    /** The registry extract's column of the legal representative (RegistryEntry extra). */
    static final String LEGAL_REP_COLUMN = LinkingCorpus.LEGAL_REP_COLUMN;

    /** The record of a labelled name, naming its legal representative if it has one. */
    static UnifiedRecord record(long serial, Labelled l) {
        UnifiedRecord r =
                LinkingCorpus.penalty(
                        serial,
                        "市监罚〔2024〕" + serial + "号",
                        l.name(),
                        "法人及非法人组织",
                        "records/SCJG01/penalty/real.csv");
        if (l.legalRep() != null) {
            r.getFields().setLegalRep(l.legalRep());
        }
        return r;
    }

    /**
     * With probability {@code share}, gives the record a 统一社会信用代码 typed with one character replaced
     * (so it fails its check): for a record that must link, its enterprise's; for one that must
     * not, a code of its own, made up. The enterprise ids of this corpus are USCCs.
     */
    static void withMistypedCode(UnifiedRecord r, Labelled l, double share, Random random) {
        if (random.nextDouble() >= share) {
            return;
        }
        String code = l.expected();
        if (code == null) {
            StringBuilder b = new StringBuilder("91");
            for (int i = 2; i < 17; i++) {
                b.append(Uscc.ALPHABET.charAt(random.nextInt(Uscc.ALPHABET.length())));
            }
            code = b.toString() + Uscc.checkChar(b.toString());
        }
        int at = random.nextInt(18);
        char c;
        do {
            c = Uscc.ALPHABET.charAt(random.nextInt(Uscc.ALPHABET.length()));
        } while (c == code.charAt(at));
        r.getFields().setUscc(code.substring(0, at) + c + code.substring(at + 1));
    }

    // ---------------------------------------------------------------- sample for the unit test

    /**
     * registry.tsv (id, name, former names joined by |, division, head office id or -) and
     * records.tsv (class, name, expected id or -, subject id).
     */
    static void writeSample(RealNamesCorpus corpus, Path dir, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        List<String> registry = new ArrayList<>();
        registry.add("id\tname\tformer_names\tdivision\thead_id\tlegal_rep");
        for (Enterprise e : corpus.registry) {
            registry.add(
                    String.join(
                            "\t",
                            e.id(),
                            e.name(),
                            String.join("|", e.formers()),
                            e.division(),
                            e.headId() == null ? "-" : e.headId(),
                            e.legalRep()));
        }
        List<String> records = new ArrayList<>();
        records.add("class\tname\texpected\tsubject\tlegal_rep");
        for (Labelled l : corpus.records) {
            records.add(
                    String.join(
                            "\t",
                            l.kind().name(),
                            l.name(),
                            l.expected() == null ? "-" : l.expected(),
                            l.subject(),
                            l.legalRep() == null ? "-" : l.legalRep()));
        }
        Files.write(dir.resolve("registry.tsv"), registry, StandardCharsets.UTF_8);
        Files.write(dir.resolve("records.tsv"), records, StandardCharsets.UTF_8);
        out.printf(
                "wrote %d registry entries and %d records to %s%n",
                registry.size() - 1, records.size() - 1, dir);
    }
}
