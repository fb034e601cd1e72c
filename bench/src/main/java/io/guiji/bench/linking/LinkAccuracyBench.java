package io.guiji.bench.linking;

import io.guiji.bench.linking.LinkingCorpus.Kind;
import io.guiji.bench.linking.LinkingCorpus.Labelled;
import io.guiji.jobs.link.LinkKeys;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.RegistryMatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Linking accuracy and cost on a labelled synthetic corpus ({@link LinkingCorpus}), through the
 * real key, lookup and decision code ({@link InMemoryLinker}).
 *
 * <p>Accuracy: per record class, the links made, right and wrong, and the records left unlinked;
 * precision = right links ÷ all links, recall = right links ÷ records that must link; summed over
 * the name-only classes and over all records. Cost: for each registry size, the time to link a
 * record, the registry matches each record's keys return, the keys and payload bytes per registry
 * entry.
 *
 * <pre>
 * java -cp ... io.guiji.bench.linking.LinkAccuracyBench [--registry 100000 (0: no accuracy run)] [--per-kind 1000]
 *     [--seed 7] [--cost 100000,1000000] [--cost-per-kind 500] [--min-score 0.88] [--min-margin 0.05]
 *     [--link-trade-name-typos confirmed|placed|all] [--max-matches 16] [--legal-rep-share 0] [--show-errors 5]
 *     [--province 210000]
 * </pre>
 *
 * <p>Every registry entry carries a made-up legal representative in its extra columns (法定代表人);
 * {@code --legal-rep-share} (0 to 1, default 0: records as before) is the share of records that
 * name one too (DecisionFields legal_rep): a record that must link names its enterprise's, one that
 * must not a made-up person, a natural person's none.
 *
 * <p>{@code --province CODE} (a province's division code, 210000) writes the corpus with every
 * division of that province instead of 朝阳's ({@link CorpusPlaces#province}): the registry of a
 * province, as the held-out data of issue 12 is.
 */
public final class LinkAccuracyBench {
    private LinkAccuracyBench() {}

    public static void main(String[] args) throws Exception {
        int registry = 100_000;
        int perKind = 1000;
        long seed = 7;
        List<Integer> cost = new ArrayList<>();
        int costPerKind = 500;
        double minScore = FuzzyPolicy.DEFAULT.minScore();
        double minMargin = FuzzyPolicy.DEFAULT.minMargin();
        int maxMatches = 16;
        int showErrors = 0;
        FuzzyPolicy.TradeNameTypos linkTypos = FuzzyPolicy.DEFAULT.tradeNameTypos();
        double legalRepShare = 0;
        String province = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--registry" -> registry = Integer.parseInt(args[++i]);
                case "--per-kind" -> perKind = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--cost" -> {
                    for (String s : Objects.requireNonNull(v).split(",")) {
                        if (!s.isBlank()) {
                            cost.add(Integer.parseInt(s.trim()));
                        }
                    }
                    i++;
                }
                case "--cost-per-kind" -> costPerKind = Integer.parseInt(args[++i]);
                case "--min-score" -> minScore = Double.parseDouble(args[++i]);
                case "--min-margin" -> minMargin = Double.parseDouble(args[++i]);
                case "--max-matches" -> maxMatches = Integer.parseInt(args[++i]);
                case "--show-errors" -> showErrors = Integer.parseInt(args[++i]);
                case "--link-trade-name-typos" ->
                        linkTypos =
                                FuzzyPolicy.TradeNameTypos.valueOf(tradeNameTyposArg(args[++i]));
                case "--legal-rep-share" -> legalRepShare = Double.parseDouble(args[++i]);
                case "--province" -> province = args[++i];
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!(legalRepShare >= 0 && legalRepShare <= 1)) {
            System.err.println("--legal-rep-share must be between 0 and 1: " + legalRepShare);
            System.exit(2);
        }
        FuzzyPolicy policy =
                new FuzzyPolicy(
                        true,
                        minScore,
                        minMargin,
                        FuzzyPolicy.DEFAULT.minCandidateScore(),
                        linkTypos);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (registry > 0) {
            out.printf(
                    Locale.ROOT,
                    "# Linking accuracy: registry %,d entries, up to %d records per class, seed %d, "
                            + "min-score %.2f, min-margin %.2f, link-trade-name-typos %s, max-matches %d%s%s%n%n",
                    registry,
                    perKind,
                    seed,
                    minScore,
                    minMargin,
                    linkTypos,
                    maxMatches,
                    legalRepNote(legalRepShare),
                    province == null ? "" : ", places of province " + province);
            accuracy(
                    LinkingCorpus.generate(
                            registry,
                            perKind,
                            seed,
                            legalRepShare,
                            province == null
                                    ? CorpusPlaces.chaoyang()
                                    : CorpusPlaces.province(province)),
                    policy,
                    maxMatches,
                    showErrors,
                    out);
        }
        for (int size : cost) {
            cost(size, costPerKind, seed, legalRepShare, policy, maxMatches, out);
        }
    }

    /**
     * The share in a header, said only when records name one (so a header at 0 reads as before).
     */
    static String legalRepNote(double legalRepShare) {
        return legalRepShare > 0
                ? String.format(Locale.ROOT, ", legal-rep-share %.2f", legalRepShare)
                : "";
    }

    // ---------------------------------------------------------------- accuracy

    static final class Tally {
        int records;
        int right;
        int wrong;
        int unlinked;
        int fuzzy;
        int positives;

        void add(Tally t) {
            records += t.records;
            right += t.right;
            wrong += t.wrong;
            unlinked += t.unlinked;
            fuzzy += t.fuzzy;
            positives += t.positives;
        }

        double precision() {
            return right + wrong == 0 ? 1.0 : (double) right / (right + wrong);
        }

        double recall() {
            return positives == 0 ? Double.NaN : (double) right / positives;
        }

        /**
         * The accuracy table: a row per class ({@code label}; whether it must link, {@code
         * positive}), then one for the classes {@code inGroup} picks and one for all records.
         */
        static <K> void table(
                PrintStream out,
                Map<K, Tally> tallies,
                Function<K, String> label,
                Predicate<K> positive,
                Predicate<K> inGroup,
                String groupLabel,
                String allLabel) {
            out.println(
                    "| class | must link | records | linked right | linked wrong | unlinked | of them FUZZY | precision | recall |");
            out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            Tally group = new Tally();
            Tally all = new Tally();
            for (Map.Entry<K, Tally> e : tallies.entrySet()) {
                Tally t = e.getValue();
                t.row(out, label.apply(e.getKey()), positive.test(e.getKey()) ? "yes" : "no");
                if (inGroup.test(e.getKey())) {
                    group.add(t);
                }
                all.add(t);
            }
            group.row(out, groupLabel, "");
            all.row(out, allLabel, "");
        }

        private void row(PrintStream out, String label, String positive) {
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %d | %d | %.4f | %s |%n",
                    label,
                    positive,
                    records,
                    right,
                    wrong,
                    unlinked,
                    fuzzy,
                    precision(),
                    Double.isNaN(recall()) ? "–" : String.format(Locale.ROOT, "%.4f", recall()));
        }
    }

    static Map<Kind, Tally> accuracy(
            LinkingCorpus corpus,
            FuzzyPolicy policy,
            int maxMatches,
            int showErrors,
            PrintStream out) {
        InMemoryLinker linker = new InMemoryLinker(maxMatches, policy);
        for (RegistryEntry e : corpus.registry) {
            linker.index(e);
        }
        Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
        Map<Kind, Integer> shown = LinkingCorpus.zeroCounts();
        for (Labelled l : corpus.records) {
            UnifiedRecord r = linker.link(l.record());
            Tally t = tallies.computeIfAbsent(l.kind(), k -> new Tally());
            t.records++;
            boolean linked = r.getEnterpriseId() != null && r.getLinkMethod() != LinkMethod.PERSON;
            if (l.expected() != null) {
                t.positives++;
            }
            if (r.getLinkMethod() == LinkMethod.FUZZY) {
                t.fuzzy++;
            }
            if (!linked) {
                if (l.kind() == Kind.PERSON && r.getLinkMethod() != LinkMethod.PERSON) {
                    t.wrong++;
                }
                t.unlinked++;
            } else if (r.getEnterpriseId().equals(l.expected())) {
                t.right++;
            } else {
                t.wrong++;
            }
            boolean error =
                    linked ? !r.getEnterpriseId().equals(l.expected()) : l.expected() != null;
            if (error && shown.get(l.kind()) < showErrors) {
                shown.merge(l.kind(), 1, Integer::sum);
                out.printf(
                        "  ! %s %s -> %s %s %s %s%n",
                        l.kind(),
                        l.record().getFields().getSubjectName(),
                        r.getEnterpriseId(),
                        r.getLinkMethod(),
                        r.getLinkEvidence(),
                        candidates(r));
                out.printf(
                        "    expected %s%n",
                        l.expected() == null
                                ? "no link"
                                : l.expected() + " " + nameOf(corpus, l.expected()));
            }
        }
        Tally.table(
                out,
                tallies,
                k -> "`" + k.name() + "` " + k.description,
                k -> k.positive,
                k -> k.nameOnly,
                "**name-only records**",
                "**all records** (classes equally sized)");
        out.printf(
                Locale.ROOT,
                "| **all records, weighted mix** (%s) | | | | | | | %.4f | %.4f |%n",
                MIX_LABEL,
                weighted(tallies, true),
                weighted(tallies, false));
        out.println();
        return tallies;
    }

    /** A composition of a city's records by what identifies the subject: its share per class. */
    static final String MIX_LABEL =
            "55% valid USCC, 10% registration number only, 5% natural persons, "
                    + "30% name only spread evenly over the name-only classes";

    private static double share(Kind k) {
        return switch (k) {
            case CODE_USCC -> 0.55;
            case CODE_REG_NO -> 0.10;
            case PERSON -> 0.05;
            default -> k.nameOnly ? 0.30 / NAME_ONLY_CLASSES : 0;
        };
    }

    private static final long NAME_ONLY_CLASSES =
            java.util.Arrays.stream(Kind.values()).filter(k -> k.nameOnly).count();

    /** Precision (or recall) over the weighted mix, from the per-class rates. */
    static double weighted(Map<Kind, Tally> tallies, boolean precision) {
        double right = 0;
        double wrong = 0;
        double positives = 0;
        for (Map.Entry<Kind, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            double w = share(e.getKey()) / t.records;
            right += w * t.right;
            wrong += w * t.wrong;
            positives += w * t.positives;
        }
        return precision ? right / (right + wrong) : right / positives;
    }

    private static String candidates(UnifiedRecord r) {
        List<String> c = new ArrayList<>();
        r.getCandidates().forEach(x -> c.add(x.getName() + "=" + x.getScore()));
        return c.toString();
    }

    private static String nameOf(LinkingCorpus corpus, String id) {
        for (RegistryEntry e : corpus.registry) {
            if (e.getEnterpriseId().equals(id)) {
                return e.getName()
                        + (e.getFormerNames().isEmpty()
                                ? ""
                                : " (formerly " + e.getFormerNames() + ")");
            }
        }
        return "?";
    }

    // ---------------------------------------------------------------- cost

    static void cost(
            int size,
            int perKind,
            long seed,
            double legalRepShare,
            FuzzyPolicy policy,
            int maxMatches,
            PrintStream out)
            throws IOException {
        out.printf(
                Locale.ROOT,
                "## Cost with a registry of %,d entries%s%n%n",
                size,
                legalRepNote(legalRepShare));
        LinkingCorpus corpus = LinkingCorpus.generate(size, perKind, seed, legalRepShare);
        InMemoryLinker linker = new InMemoryLinker(maxMatches, policy);
        long keys = 0;
        long fuzzyKeys = 0;
        long bytes = 0;
        SpecificDatumWriter<RegistryMatch> writer = new SpecificDatumWriter<>(RegistryMatch.class);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        BinaryEncoder encoder = null;
        long t0 = System.nanoTime();
        for (RegistryEntry e : corpus.registry) {
            linker.index(e);
        }
        long indexNanos = System.nanoTime() - t0;
        for (RegistryEntry e : corpus.registry) {
            for (IndexUpdate u : LinkKeys.diff(null, e)) {
                keys++;
                fuzzyKeys += LinkKeys.isFuzzy(u.getKey()) ? 1 : 0;
                buffer.reset();
                encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
                writer.write(
                        new RegistryMatch(u.getEnterpriseId(), u.getName(), u.getFormer()),
                        encoder);
                encoder.flush();
                // state key: (lookup key, enterprise_id); state value: the match
                bytes +=
                        u.getKey().getBytes(StandardCharsets.UTF_8).length
                                + 1
                                + u.getEnterpriseId().getBytes(StandardCharsets.UTF_8).length
                                + 1
                                + buffer.size();
            }
        }
        List<UnifiedRecord> records = new ArrayList<>();
        for (Labelled l : corpus.records) {
            records.add(l.record());
        }
        for (int round = 0; round < 3; round++) {
            for (UnifiedRecord r : records) {
                linker.link(r); // warm-up
            }
        }
        linker.resetCounters();
        int rounds = 5;
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            for (UnifiedRecord r : records) {
                linker.link(r);
            }
        }
        long linkNanos =
                threads.getCurrentThreadCpuTime()
                        - c1; // CPU time: other load on the machine does not count
        long wallNanos = System.nanoTime() - t1;
        long n = (long) records.size() * rounds;
        out.println(
                "| registry entries | lookup keys in state | keys per entry (fuzzy) | state payload bytes per entry "
                        + "| records linked | CPU µs per record (wall) | keys asked per record | matches returned per record | answers truncated |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.printf(
                Locale.ROOT,
                "| %,d | %,d | %.2f (%.2f) | %.0f | %,d | %.1f (%.1f) | %.2f | %.2f | %.4f%% |%n%n",
                size,
                linker.keys(),
                (double) keys / size,
                (double) fuzzyKeys / size,
                (double) bytes / size,
                records.size(),
                linkNanos / 1000.0 / n,
                wallNanos / 1000.0 / n,
                (double) linker.keysAsked / n,
                (double) linker.matchesReturned / n,
                100.0 * linker.truncatedAnswers / Math.max(1, linker.keysAsked));
        out.printf(Locale.ROOT, "(indexing %,d entries took %.1f s)%n%n", size, indexNanos / 1e9);
        accuracy(corpus, policy, maxMatches, 0, out);
    }

    /**
     * A value of --link-trade-name-typos: confirmed, placed or all (true and false as all and
     * confirmed).
     */
    static String tradeNameTyposArg(String v) {
        return switch (v) {
            case "true" -> "ALL";
            case "false" -> "CONFIRMED";
            default -> v.toUpperCase(java.util.Locale.ROOT);
        };
    }
}
