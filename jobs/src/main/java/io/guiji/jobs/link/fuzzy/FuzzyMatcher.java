package io.guiji.jobs.link.fuzzy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision of the fuzzy tier over the candidates that blocking found: each enterprise scored by
 * its best-matching name (current or former), ranked by score then enterprise_id (so ties break the
 * same way in every run), and linked only when the best is clearly the best ({@link FuzzyPolicy})
 * and the record's core name is not registered as written by another enterprise (then a near match
 * is a different name, not a misspelling of it). Pure; no state.
 *
 * <p><b>Typos.</b> A candidate one replaced character of an industry or legal-form word from the
 * record, and nothing else, links below the policy's min-score when it still leads by the margin
 * ({@link #typoOnly}: the typo rule; a trade name's character only when the record's legal
 * representative is the candidate's registered one, or with {@link FuzzyPolicy#tradeNameTypos}).
 * When the record read with the best candidate's core (or with a vocabulary word corrected) is that
 * candidate's registered name, candidates of the same core are not its runners-up ({@link
 * #readAs}): the exact tier would have chosen among them by the name as written. Likewise for a
 * record that is a registered name as written but for its brackets ({@link #bracketsDropped}).
 *
 * <p><b>Other fields</b> (the caller's {@code corroboration}: what of the record besides its name
 * names an enterprise — the legal representative registered for it; an invalid code one character
 * from its code) confirm a trade-name or place typo of the best candidate, and decide among
 * candidates the name cannot tell apart when they name exactly one of them ({@link
 * #byCorroboration}). When every enterprise registered with the record's legal representative is
 * among the candidates (its key answered), a name an over-full key hides has another
 * representative, so the one the representative confirms is decided as if no key had been
 * over-full. They decide nothing else.
 *
 * <p><b>Place typos.</b> A record that writes no known place is also read with its start as a place
 * written with one character replaced, against each candidate that writes such a place ({@link
 * #placeTypo}); candidates so read with another place are each other's runners-up.
 *
 * <p><b>Over-full blocking keys.</b> A key that more registry names share than a lookup may return
 * is answered with no names ({@code truncated}). Such a key is skipped, not fatal, when what it
 * could hide cannot change the decision. A name hidden under it is found under none of the record's
 * other keys, so it is known what it is not: when the record's core key ({@code F:} trade name +
 * industry) was answered, it does not have the record's core, hence (since every other key carries
 * the record's industry) not its trade name, so it scores at most {@link #HIDDEN_HOMOPHONE} (a
 * homophone trade name, {@link FuzzyScorer#HOMOPHONE}) when its first pinyin key or a
 * corrected-vocabulary key is over-full, and at most {@link #HIDDEN_OTHER} (one other edit) when
 * only typo keys or second-reading pinyin keys are. The best found candidate then links only when
 * it also leads that ceiling by the policy's margin, as if the hidden name were there as the
 * runner-up: so every link made with keys skipped is the link a complete answer would have made. An
 * over-full core key still vetoes (a hidden name could be the record's own). The evidence names
 * every over-full key ({@code fuzzy=blocking_key_overfull:<key>}; with a link, {@code
 * fuzzy=blocking_key_skipped:<key>}).
 */
public final class FuzzyMatcher {
    private FuzzyMatcher() {}

    /** A registry name found by blocking. */
    public record Candidate(
            String enterpriseId,
            String name,
            String matchedName,
            boolean former,
            String division) {}

    /** A scored enterprise: its best-matching name ({@code matchedName}) and that name's score. */
    public record Scored(String enterpriseId, String name, String matchedName, FuzzyScore score) {}

    /**
     * The outcome: {@code link} is the chosen enterprise or null; {@code ranked} every scored
     * enterprise, best first; {@code evidence} why (for a link: its features; otherwise what was
     * missing).
     */
    public record Outcome(Scored link, List<Scored> ranked, List<String> evidence) {}

    /**
     * What reading the start of a name another way costs ({@link NameParts#placeReadings}): a place
     * written on one side only, as a dropped prefix costs when the name is read as written.
     */
    static final double PLACE_READING = 0.02;

    /**
     * The best score a name hidden under the record's over-full first pinyin key or a
     * corrected-vocabulary key can reach: a homophone of the record's trade name, everything else
     * equal.
     */
    static final double HIDDEN_HOMOPHONE = FuzzyScorer.HOMOPHONE;

    /**
     * The best score a name hidden only under over-full typo keys (or pinyin keys of a second
     * reading) can reach, the record's core key and first pinyin key answered: one other edit of
     * the trade name ({@link FuzzyScorer#OTHER_EDIT}). Its trade name is not the record's (that
     * would be the record's core: every typo key fixes where the industry word starts, so a name
     * sharing one has the record's industry), nor a homophone of it by first readings (that would
     * share the first pinyin key, industry included), and scoring reads first readings only.
     */
    static final double HIDDEN_OTHER = FuzzyScorer.OTHER_EDIT;

    /**
     * The best score a name hidden under the core key of one of the record's {@link
     * NameParts#placeReadings} can reach: that core, with the place written on one side only.
     */
    static final double HIDDEN_PLACE_READING = 1 - PLACE_READING;

    /**
     * The best score a name hidden under the record's over-full first pinyin key (or a
     * corrected-vocabulary core key) can reach when the record (or that reading) has a
     * two-character trade name and a place, and its place keys were answered ({@link
     * FuzzyKeys#elsewhere}): a name of its place, or of none, with one of its trade name's
     * characters would have been found under them, and one with neither character is no homophone
     * ({@link FuzzyScorer}: one homophone in two characters at most). What is left is a homophone
     * of another place: another province or city refused, a place inside the record's or around it
     * 0.06 less ({@code region=nested}): 陕西任民出版社 is not held back by the sixteen other provinces'
     * 人民出版社.
     */
    static final double HIDDEN_ELSEWHERE = FuzzyScorer.HOMOPHONE - 0.06;

    /**
     * The over-full key of {@link #decide(String, List, boolean, FuzzyPolicy)} with complete false.
     */
    static final String UNKNOWN_KEY = "?";

    private static final Comparator<Scored> RANK =
            Comparator.comparingDouble((Scored s) -> s.score().value())
                    .reversed()
                    .thenComparing(Scored::enterpriseId);

    /**
     * {@link #decide(String, List, List, FuzzyPolicy)} when which key was over-full is not known:
     * {@code complete} false vetoes a link.
     */
    public static Outcome decide(
            String recordName, List<Candidate> candidates, boolean complete, FuzzyPolicy policy) {
        return decide(recordName, candidates, complete ? List.of() : List.of(UNKNOWN_KEY), policy);
    }

    /**
     * @param recordName the record's subject name
     * @param candidates the registry names found under the record's keys (duplicates allowed)
     * @param overfull the record's keys that had too many entries to answer, in the order asked
     */
    public static Outcome decide(
            String recordName,
            List<Candidate> candidates,
            List<String> overfull,
            FuzzyPolicy policy) {
        return decide(recordName, candidates, overfull, policy, id -> null);
    }

    /**
     * {@link #decide(String, List, List, FuzzyPolicy)} where {@code corroboration} says, of an
     * enterprise, what of the record besides its name names it (its evidence, e.g. {@code
     * legal_rep=equal}), or null ({@link #LEGAL_REP_DIFFERS} when its registered representative is
     * another person: no confirmation, and a veto on a typo linked by the name alone): a trade-name
     * typo of a confirmed enterprise links by the typo rule whatever {@link
     * FuzzyPolicy#tradeNameTypos} says, since an unregistered look-alike would be another
     * enterprise with another representative and another code. Asked of the best candidate when the
     * typo rule hinges on it, and of the candidates within the margin of it when the name cannot
     * tell them apart.
     */
    public static Outcome decide(
            String recordName,
            List<Candidate> candidates,
            List<String> overfull,
            FuzzyPolicy policy,
            java.util.function.Function<String, String> corroboration) {
        return decide(recordName, candidates, overfull, policy, corroboration, false);
    }

    /**
     * {@link #decide(String, List, List, FuzzyPolicy, java.util.function.Function)} where {@code
     * legalRepsKnown} says that every enterprise registered with the record's legal representative
     * is among {@code candidates} (its key was answered, not over-full). A name hidden under an
     * over-full key then has another legal representative: a candidate the legal representative
     * confirms ({@code legal_rep=equal}) is decided as if no key had been over-full, since what the
     * keys hide cannot be the enterprise the record's other field names (信江人民出版社 past the core key
     * every province's 人民出版社 shares). A code one character from the enterprise's gives no such
     * knowledge: it confirms, but the hidden names still count.
     */
    public static Outcome decide(
            String recordName,
            List<Candidate> candidates,
            List<String> overfull,
            FuzzyPolicy policy,
            java.util.function.Function<String, String> otherFields,
            boolean legalRepsKnown) {
        // what confirms; a representative that differs from the registered one only vetoes below
        java.util.function.Function<String, String> corroboration =
                id -> {
                    String said = otherFields.apply(id);
                    return LEGAL_REP_DIFFERS.equals(said) ? null : said;
                };
        NameParts record = NameParts.parse(recordName);
        if (record == null || !record.matchable()) {
            return new Outcome(null, List.of(), List.of());
        }
        double hidden = hiddenCeiling(record, overfull);
        List<FuzzyKeys.Corrected> corrections = FuzzyKeys.corrected(record);
        List<NameParts.PlaceReading> readings = NameParts.placeReadings(recordName);
        boolean complete = hidden < 1;
        Map<String, Scored> best = new HashMap<>();
        Map<String, NameParts> parsed = new HashMap<>();
        String writtenAs =
                null; // an enterprise whose registered core name is the record's, as written
        for (Candidate c : candidates) {
            String text = c.matchedName() != null ? c.matchedName() : c.name();
            NameParts p = parsed.computeIfAbsent(text, ParsedNames::of);
            if (p == null) {
                continue;
            }
            FuzzyScore score = FuzzyScorer.score(record, p, c.division(), c.former());
            if (p.core().equals(record.core())
                    && !(namesAnotherPlace(score) && !p.legalForm().equals(record.legalForm()))
                    && (writtenAs == null || c.enterpriseId().compareTo(writtenAs) < 0)) {
                writtenAs = c.enterpriseId();
            }
            for (FuzzyKeys.Corrected k : corrections) {
                score = better(score, corrected(k, p, c));
            }
            FuzzyScore town = townOneSide(record, p, c);
            if (town != null && !town.refused() && town.value() > score.value() + 1e-12) {
                score = town;
            }
            FuzzyScore placeTypo = placeTypo(record, p, c);
            if (placeTypo != null
                    && !placeTypo.refused()
                    && placeTypo.value() > score.value() + 1e-12) {
                score = placeTypo;
            }
            for (NameParts.PlaceReading r : readings) {
                // only a better score than as written: a reading that scores low does not take the
                // place of a refusal (建平县华盛 read as a trade name is not 凌源市华盛)
                FuzzyScore s = read(r, p, c);
                if (!s.refused() && s.value() > score.value() + 1e-12) {
                    score = s;
                }
            }
            if (c.former()) {
                score.evidence().add(0, "matched_former_name=" + text);
            }
            Scored s = new Scored(c.enterpriseId(), c.name(), text, score);
            Scored prev = best.get(c.enterpriseId());
            if (prev == null || better(s, prev)) {
                best.put(c.enterpriseId(), s);
            }
        }
        List<Scored> ranked = new ArrayList<>(best.values());
        ranked.sort(RANK);

        Scored top = null;
        Scored second = null;
        String asWritten =
                null; // the record read with the best match's core, when that is its name
        for (Scored s : ranked) {
            if (s.score().refused()) {
                continue;
            }
            if (top == null) {
                top = s;
                asWritten = readAs(record, corrections, parsed.get(s.matchedName()));
                if (asWritten == null && bracketed(recordName)) {
                    asWritten =
                            bracketsDropped(record, parsed.get(s.matchedName()), ranked, parsed);
                }
            } else if (asWritten == null
                    || !parsed.get(s.matchedName())
                            .core()
                            .equals(parsed.get(top.matchedName()).core())
                    || rivalPlace(s, parsed.get(s.matchedName()), parsed.get(top.matchedName()))) {
                second = s;
                break;
            }
        }
        List<String> evidence = new ArrayList<>();
        if (top == null) {
            if (!ranked.isEmpty()) {
                evidence.add("fuzzy=refused:" + ranked.get(0).score().refusal());
            }
            overfull(evidence, overfull);
            return new Outcome(null, ranked, evidence);
        }
        double margin = top.score().value() - (second == null ? 0 : second.score().value());
        double hiddenMargin = top.score().value() - hidden;
        evidence.add("score=" + fmt(top.score().value()));
        evidence.add(
                "runner_up="
                        + (second == null
                                ? "none"
                                : fmt(second.score().value()) + ":" + second.enterpriseId()));
        // A trade name that differs from the best match's but is registered as written (in another
        // form, division or as a branch) is a name of its own, not a typo of the best match.
        NameParts topParts = parsed.get(top.matchedName());
        boolean typoOfAnother =
                writtenAs != null
                        && !sameTradeButTown(record, topParts)
                        // the best is the record read another way (兴宁富润 as the trade name of
                        // 威远县兴宁富润): a reading, not a typo
                        && readings.stream()
                                .noneMatch(r -> r.parts().trade().equals(topParts.trade()));
        boolean typo =
                typoOnly(
                        top.score(),
                        tradeNameTyposLink(policy, top.score())
                                && !LEGAL_REP_DIFFERS.equals(
                                        otherFields.apply(top.enterpriseId())));
        String confirmed =
                !typo && typoOnly(top.score(), true)
                        ? corroboration.apply(top.enterpriseId())
                        : null;
        typo |= confirmed != null;
        boolean hiddenRuledOut =
                !(complete && hiddenMargin >= policy.minMargin() - 1e-9)
                        && legalRepsKnown
                        && LEGAL_REP_EQUAL.equals(corroboration.apply(top.enterpriseId()));
        boolean link =
                (complete || hiddenRuledOut)
                        && policy.enabled()
                        && !typoOfAnother
                        && (top.score().value() >= policy.minScore() - 1e-9 || typo)
                        && margin >= policy.minMargin() - 1e-9
                        && (hiddenRuledOut || hiddenMargin >= policy.minMargin() - 1e-9);
        List<Scored> named =
                link ? namedByLegalRepInstead(ranked, top, policy, corroboration) : List.of();
        if (!named.isEmpty()) {
            Scored rival = named.size() == 1 ? named.get(0) : null;
            boolean rivalClearsHidden =
                    rival != null
                            && ((complete
                                            && rival.score().value() - hidden
                                                    >= policy.minMargin() - 1e-9)
                                    || legalRepsKnown);
            if (!rivalClearsHidden) {
                link = false;
                evidence.add(LEGAL_REP_NAMES_ANOTHER + named.get(0).enterpriseId());
            } else {
                List<String> decided = new ArrayList<>();
                decided.add("score=" + fmt(rival.score().value()));
                decided.add(LEGAL_REP_OVER_NAME + top.enterpriseId());
                if (rival.score().value() < policy.minScore() - 1e-9) {
                    decided.add("fuzzy=typo_rule");
                }
                decided.add(LEGAL_REP_EQUAL);
                if (!complete || rival.score().value() - hidden < policy.minMargin() - 1e-9) {
                    decided.add(HIDDEN_RULED_OUT);
                }
                decided.addAll(rival.score().evidence());
                for (String key : overfull) {
                    decided.add("fuzzy=blocking_key_skipped:" + key);
                }
                return new Outcome(rival, ranked, decided);
            }
        }
        if (link) {
            if (top.score().value() < policy.minScore() - 1e-9) {
                evidence.add("fuzzy=typo_rule");
            }
            if (confirmed != null) {
                evidence.add(confirmed);
            } else if (hiddenRuledOut) {
                evidence.add(LEGAL_REP_EQUAL);
            }
            if (hiddenRuledOut) {
                evidence.add(HIDDEN_RULED_OUT);
            }
            evidence.addAll(top.score().evidence());
            for (String key : overfull) {
                evidence.add("fuzzy=blocking_key_skipped:" + key);
            }
            return new Outcome(top, ranked, evidence);
        }
        Scored chosen =
                (complete || legalRepsKnown) && policy.enabled() && !typoOfAnother && second != null
                        ? byCorroboration(
                                ranked, top, policy, hidden, corroboration, legalRepsKnown)
                        : null;
        if (chosen != null) {
            List<String> decided = new ArrayList<>();
            decided.add("score=" + fmt(chosen.score().value()));
            decided.add(TIE_DECIDED);
            if (chosen.score().value() < policy.minScore() - 1e-9) {
                decided.add("fuzzy=typo_rule");
            }
            decided.add(corroboration.apply(chosen.enterpriseId()));
            if (chosen.score().value() - hidden < policy.minMargin() - 1e-9) {
                decided.add(HIDDEN_RULED_OUT);
            }
            decided.addAll(chosen.score().evidence());
            for (String key : overfull) {
                decided.add("fuzzy=blocking_key_skipped:" + key);
            }
            return new Outcome(chosen, ranked, decided);
        }
        if (!named.isEmpty()) {
            // the reason is the legal representative's, given above
        } else if (typoOfAnother) {
            evidence.add("fuzzy=name_registered_as_written:" + writtenAs);
        } else if (top.score().value() < policy.minScore() - 1e-9) {
            evidence.add("fuzzy=below_min_score:" + fmt(policy.minScore()));
        } else if (margin < policy.minMargin() - 1e-9) {
            evidence.add("fuzzy=below_min_margin:" + fmt(policy.minMargin()));
        } else if (complete) {
            evidence.add("fuzzy=below_min_margin_over_hidden:" + fmt(hidden));
        }
        overfull(evidence, overfull);
        return new Outcome(null, ranked, evidence);
    }

    /**
     * The evidence of a link the record's legal representative made to another candidate than the
     * best by name, whose id follows ({@link #namedByLegalRepInstead}).
     */
    public static final String LEGAL_REP_OVER_NAME = "fuzzy=legal_rep_over_name:";

    /**
     * Why a record the name alone would link stays unlinked: its legal representative is registered
     * for another candidate (whose id follows) that cannot be chosen in its place.
     */
    public static final String LEGAL_REP_NAMES_ANOTHER = "fuzzy=legal_rep_names_another:";

    /**
     * The candidates other than {@code top}, the best by name, that the record's legal
     * representative names ({@code legal_rep=equal}) when it does not name {@code top}, and that
     * would link on their own score (min-score, or the typo rule the representative confirms):
     * 和南人民出版社 is a homophone of 河南人民出版社 and one character from 云南人民出版社, and a record naming 云南's
     * representative is 云南's, however much closer 河南 is by name. Empty when another field confirms
     * {@code top} (its representative, or a code one character from its code) or the representative
     * names no other such candidate.
     */
    static List<Scored> namedByLegalRepInstead(
            List<Scored> ranked,
            Scored top,
            FuzzyPolicy policy,
            java.util.function.Function<String, String> corroboration) {
        if (corroboration.apply(top.enterpriseId()) != null) {
            // confirmed itself, by the representative or by a code one character away: the name
            // and that field outweigh the representative alone
            return List.of();
        }
        List<Scored> named = new ArrayList<>();
        for (Scored s : ranked) {
            if (s != top
                    && !s.score().refused()
                    && (s.score().value() >= policy.minScore() - 1e-9 || typoOnly(s.score(), true))
                    && LEGAL_REP_EQUAL.equals(corroboration.apply(s.enterpriseId()))) {
                named.add(s);
            }
        }
        return named;
    }

    /** The evidence of a link {@link #byCorroboration} chose. */
    static final String TIE_DECIDED = "fuzzy=tie_decided";

    /** What the legal representative's corroboration says ({@code LinkDecider}). */
    public static final String LEGAL_REP_EQUAL = "legal_rep=equal";

    /**
     * What the record's other fields say of an enterprise whose registered legal representative is
     * another person than the record's, when no code confirms it: confirms nothing, and keeps a
     * trade-name typo from linking on the name alone ({@link FuzzyPolicy.TradeNameTypos}), since a
     * look-alike is another enterprise with another representative.
     */
    public static final String LEGAL_REP_DIFFERS = "legal_rep=differs";

    /**
     * The evidence of a link made past over-full keys because none of the names they hide has the
     * record's legal representative ({@link #decide(String, List, List, FuzzyPolicy,
     * java.util.function.Function, boolean)}).
     */
    static final String HIDDEN_RULED_OUT = "fuzzy=hidden_names_lack_legal_rep";

    /**
     * Among candidates the name cannot tell apart (each within the margin of {@code top}, the
     * best), the one the record's other fields name ({@code corroboration}: its legal
     * representative, a code one character from the enterprise's), when exactly one is and no other
     * within the margin below it is either: 西管航空公司 is one character from both 西北航空公司 and 西南航空公司,
     * and the legal representative says which. It must link on its own score (min-score, or the
     * typo rule, which the corroboration confirms) and lead what over-full keys may hide ({@code
     * hidden}) by the margin, unless it is the legal representative that names it and {@code
     * legalRepsKnown} (no hidden name has that representative); otherwise null.
     */
    static Scored byCorroboration(
            List<Scored> ranked,
            Scored top,
            FuzzyPolicy policy,
            double hidden,
            java.util.function.Function<String, String> corroboration,
            boolean legalRepsKnown) {
        double withinTop = top.score().value() - policy.minMargin() + 1e-9;
        Scored chosen = null;
        for (Scored s : ranked) {
            if (s.score().refused()) {
                continue;
            }
            if (s.score().value() < withinTop) {
                break;
            }
            if (corroboration.apply(s.enterpriseId()) != null) {
                if (chosen != null) {
                    return null; // one person, two of the candidates: the name must decide
                }
                chosen = s;
            }
        }
        if (chosen == null
                || !(chosen.score().value() >= policy.minScore() - 1e-9
                        || typoOnly(chosen.score(), true))
                || (chosen.score().value() - hidden < policy.minMargin() - 1e-9
                        && !(legalRepsKnown
                                && LEGAL_REP_EQUAL.equals(
                                        corroboration.apply(chosen.enterpriseId()))))) {
            return null;
        }
        double withinChosen = chosen.score().value() - policy.minMargin() + 1e-9;
        for (Scored s : ranked) {
            if (s.score().value() < withinChosen) {
                break;
            }
            if (!s.score().refused()
                    && s != chosen
                    && s.score().value() < withinTop
                    && corroboration.apply(s.enterpriseId()) != null) {
                return null;
            }
        }
        return chosen;
    }

    /**
     * The record's name with its core replaced by {@code best}'s when that gives {@code best}'s
     * name as registered, else null. Then {@code best} is to other candidates of the same core (its
     * name with another legal form, without its place, …: registered enterprises of their own) what
     * the exact tier would make it, had the record been written without the typo: the one named. So
     * those are not its runners-up; the margin is kept against every candidate of another core
     * (众国电影集团 is 中国电影集团, not 中国电影集团公司, as 中国电影集团 would be).
     */
    static String readAs(NameParts record, List<FuzzyKeys.Corrected> corrections, NameParts best) {
        if (best == null || record.core().equals(best.core())) {
            return null; // the same core: the candidates differ where the record is written as is
        }
        for (FuzzyKeys.Corrected k : corrections) {
            if (k.parts().text().equals(best.text())) {
                return best.text(); // 上海浦东法展银行 read with 发展 for 法展
            }
        }
        NameParts placed = placeTypoReading(record, best);
        if (placed != null && placed.text().equals(best.text())) {
            return best.text(); // 尚海宝钢集团公司 read with 上海 for 尚海
        }
        String text = record.text();
        int end =
                text.length()
                        - record.legalForm().length()
                        - (record.branch() == null ? 0 : record.branch().length());
        int start = end - record.core().length();
        if (start < 0 || !text.startsWith(record.core(), start)) {
            return null;
        }
        String read = text.substring(0, start) + best.core() + text.substring(end);
        return read.equals(best.text()) ? read : null;
    }

    /**
     * The score of a pair of which one name writes a town after its county and the other does not
     * (瓦房店市利民加油站 / 瓦房店市复州城镇利民加油站): the two without it, less {@link #PLACE_READING}, as a place one
     * side lacks (evidence {@code town=one_side:复州城镇}); null when both or neither write one (two
     * towns are two places: their trade names then differ as written).
     */
    private static FuzzyScore townOneSide(NameParts record, NameParts p, Candidate c) {
        String rt = record.town();
        String ct = p.town();
        if ((rt == null) == (ct == null)) {
            return null;
        }
        NameParts r = rt == null ? record : record.townDropped();
        NameParts q = ct == null ? p : p.townDropped();
        FuzzyScore s = FuzzyScorer.score(r, q, c.division(), c.former());
        List<String> evidence = new ArrayList<>(s.evidence().size() + 1);
        evidence.add("town=one_side:" + (rt == null ? ct : rt));
        evidence.addAll(s.evidence());
        return new FuzzyScore(
                FuzzyScorer.round(Math.max(0, s.value() - PLACE_READING)), s.refusal(), evidence);
    }

    /** Whether two names have one trade name, with or without a town written before it. */
    private static boolean sameTradeButTown(NameParts a, NameParts b) {
        if (a.trade().equals(b.trade())) {
            return true;
        }
        NameParts x = a.townDropped();
        NameParts y = b.townDropped();
        return (x != null ? x : a).trade().equals((y != null ? y : b).trade());
    }

    /**
     * Whether a registry name says another place than the record's (another division of the same
     * level, or a province against a city: two enterprises, docs/contract.md §6): an enterprise
     * there with the record's trade name as written is not one the record could name.
     */
    private static boolean namesAnotherPlace(FuzzyScore score) {
        for (String e : score.evidence()) {
            if (e.startsWith(FuzzyScorer.REGION_DIFFERENT)
                    || e.startsWith(FuzzyScorer.REGION_OTHER_LEVEL)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} has an opening bracket of any kind. */
    private static boolean bracketed(String name) {
        for (int i = 0; i < name.length(); i++) {
            if ("([{（【［〔〈《".indexOf(name.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The record's name when, its brackets dropped, it is {@code best}'s registered name as written
     * and no other candidate's, with the same places and legal form, else null: the exact tier,
     * which keeps brackets, would have named {@code best} without them, so candidates of the same
     * core (another place or form written: registered enterprises of their own) are not its
     * runners-up, as in {@link #readAs}. 浦东发展银行（潍坊分行） is 浦东发展银行潍坊分行, not 上海浦东发展银行潍坊市分行. A bracketed
     * place is no bracket to drop (上海汇丰银行（香港）有限公司 writes 香港: its places differ from 上海汇丰银行有限公司's).
     */
    static String bracketsDropped(
            NameParts record, NameParts best, List<Scored> ranked, Map<String, NameParts> parsed) {
        if (best == null
                || !record.text().equals(best.text())
                || !record.regions().equals(best.regions())
                || !record.legalForm().equals(best.legalForm())) {
            return null;
        }
        int written = 0;
        for (Scored s : ranked) {
            NameParts q = parsed.get(s.matchedName());
            if (q != null && q.text().equals(record.text())) {
                written++;
            }
        }
        return written == 1 ? best.text() : null;
    }

    /**
     * Whether a trade-name typo scored so links on the name alone ({@link
     * FuzzyPolicy.TradeNameTypos}).
     */
    static boolean tradeNameTyposLink(FuzzyPolicy policy, FuzzyScore score) {
        return switch (policy.tradeNameTypos()) {
            case ALL -> true;
            case CONFIRMED -> false;
            case PLACED ->
                    score.evidence().stream().anyMatch(e -> e.startsWith(FuzzyScorer.REGION_SAME));
        };
    }

    /**
     * Whether {@code score} says the pair differs by one replaced character and nothing else: one
     * character of an industry or legal-form word ({@code vocabulary_typo}), or, when {@code
     * tradeNames}, of a trade name of the same length ({@code trade_name=one_edit}), at the full
     * {@link FuzzyScorer#OTHER_EDIT} (any other difference, a dropped region, a missing industry
     * word, a former name, would have taken something off). The typo rule ({@link FuzzyPolicy}):
     * such a pair links below {@code minScore} when it leads every other candidate by the margin
     * and no blocking key is over-full (a name hidden under a typo key could score as much).
     */
    static boolean typoOnly(FuzzyScore score, boolean tradeNames) {
        if (score.refused() || Math.abs(score.value() - FuzzyScorer.OTHER_EDIT) > 1e-9) {
            return false;
        }
        for (String e : score.evidence()) {
            if (e.startsWith("vocabulary_typo=")) {
                return true;
            }
            if (e.startsWith(PLACE_TYPO)) {
                return tradeNames;
            }
            if (e.startsWith(FuzzyScorer.ONE_EDIT)) {
                String[] pair = e.substring(FuzzyScorer.ONE_EDIT.length()).split("/", 2);
                return tradeNames && pair.length == 2 && pair[0].length() == pair[1].length();
            }
        }
        return false;
    }

    /**
     * The best score a name hidden under the over-full keys could reach against {@code record}: 0
     * when none is over-full, 1 (no link possible) when the core key or a key the record does not
     * ask is ({@link #decide(String, List, List, FuzzyPolicy) above}).
     */
    static double hiddenCeiling(NameParts record, List<String> overfull) {
        if (overfull.isEmpty()) {
            return 0;
        }
        Set<String> own = FuzzyKeys.of(record);
        Set<String> corrected = FuzzyKeys.corrections(record);
        Set<String> placeRead = FuzzyKeys.placeReadings(record);
        Set<String> elsewhere = FuzzyKeys.elsewhere(record);
        List<FuzzyKeys.PlaceTypo> placeTypoReadings = FuzzyKeys.placeTypoReadings(record);
        Set<String> placeTypos = FuzzyKeys.placeTypos(record, placeTypoReadings);
        Set<String> full = new java.util.HashSet<>(overfull);
        String core = FuzzyKeys.CORE + record.core();
        String primary = FuzzyKeys.PINYIN + Hanzi.pinyin(record.trade()) + "|" + record.industry();
        double ceiling = 0;
        for (String key : overfull) {
            if (!key.equals(core)
                    && placeTypos.contains(key)
                    && !(own.contains(key) || corrected.contains(key) || placeRead.contains(key))) {
                ceiling = Math.max(ceiling, hiddenPlaceTypo(record, placeTypoReadings, key, full));
                continue;
            }
            if (!key.equals(core)
                    && placeRead.contains(key)
                    && !(own.contains(key) || corrected.contains(key))) {
                ceiling = Math.max(ceiling, HIDDEN_PLACE_READING);
                continue;
            }
            if (key.equals(core)
                    || !(own.contains(key) || corrected.contains(key) || elsewhere.contains(key))) {
                return 1;
            }
            double hidden;
            if (key.equals(primary)) {
                hidden = placed(record, full) ? HIDDEN_ELSEWHERE : HIDDEN_HOMOPHONE;
            } else if (own.contains(key)) {
                hidden = HIDDEN_OTHER;
            } else if (corrected.contains(key)) {
                hidden = correctionPlaced(record, key, full) ? HIDDEN_ELSEWHERE : HIDDEN_HOMOPHONE;
            } else {
                hidden = HIDDEN_HOMOPHONE; // a place key of names without a place, or of a reading
            }
            ceiling = Math.max(ceiling, hidden);
        }
        return ceiling;
    }

    /**
     * The best score a name hidden under {@code key}, a key of the record's {@link
     * FuzzyKeys#placeTypoReadings}, can reach: a name that writes a place one character from the
     * record's start, a homophone typo at best ({@link #HIDDEN_HOMOPHONE}), unless the key is a
     * core key whose place keys were all answered. Then every such name was found under them, and a
     * name hidden there writes another place or none: its trade name is the record's with the start
     * left out, which scores what {@link FuzzyScorer} gives the two trade names, at most, and the
     * rest of the name can only take off (陕文人民出版社 against 湖南人民出版社: a place-typo reading as 陕西 is
     * not held back by the other provinces' publishers).
     */
    private static double hiddenPlaceTypo(
            NameParts record, List<FuzzyKeys.PlaceTypo> readings, String key, Set<String> full) {
        for (FuzzyKeys.PlaceTypo t : readings) {
            if (!t.coreKey().equals(key) || t.placeKeys().isEmpty()) {
                continue;
            }
            boolean answered = true;
            for (String placeKey : t.placeKeys()) {
                answered &= !full.contains(placeKey);
            }
            if (answered) {
                return Math.min(
                        HIDDEN_HOMOPHONE,
                        FuzzyScorer.tradeScore(record.trade(), t.trade(), new ArrayList<>()));
            }
        }
        return HIDDEN_HOMOPHONE;
    }

    /**
     * Whether {@code p} has a two-character trade name and a place, and every place key it may
     * share with a name of its place or of none ({@link FuzzyKeys#allPlaceKeys}) was answered: then
     * a name that has one of its trade name's characters and could score as its place's was found.
     */
    private static boolean placed(NameParts p, Set<String> full) {
        if (p.trade().length() != 2 || p.region() == null) {
            return false;
        }
        for (String key : FuzzyKeys.allPlaceKeys(p)) {
            if (full.contains(key)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every corrected reading whose core key is {@code key} is {@link #placed}. */
    private static boolean correctionPlaced(NameParts record, String key, Set<String> full) {
        boolean any = false;
        for (FuzzyKeys.Corrected k : FuzzyKeys.corrected(record)) {
            if (key.equals(FuzzyKeys.CORE + k.parts().core())) {
                if (!placed(k.parts(), full)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static void overfull(List<String> evidence, List<String> overfull) {
        for (String key : overfull) {
            evidence.add(
                    "fuzzy=blocking_key_overfull" + (key.equals(UNKNOWN_KEY) ? "" : ":" + key));
        }
    }

    /**
     * The score of a candidate against the record read with a vocabulary typo corrected ({@link
     * FuzzyKeys#corrected}), less what a typo in the trade name costs: a homophone typo (便力店 for
     * 便利店) as a homophone trade name ({@link FuzzyScorer#HOMOPHONE}), another as one other edit
     * ({@link FuzzyScorer#OTHER_EDIT}, below the default threshold: listed for review, not linked).
     */
    private static FuzzyScore corrected(FuzzyKeys.Corrected k, NameParts p, Candidate c) {
        FuzzyScore s = FuzzyScorer.score(k.parts(), p, c.division(), c.former());
        double cost = 1 - (k.homophone() ? FuzzyScorer.HOMOPHONE : FuzzyScorer.OTHER_EDIT);
        List<String> evidence = new ArrayList<>(s.evidence().size() + 1);
        evidence.add("vocabulary_typo=" + k.wrote() + "/" + k.word());
        evidence.addAll(s.evidence());
        return new FuzzyScore(Math.max(0, s.value() - cost), s.refusal(), evidence);
    }

    /**
     * The score of a candidate that writes a place against the record, a name that writes none,
     * read with its first characters as that place written with one character replaced (辽凝成大股份有限公司
     * read as 辽宁成大股份有限公司; {@link FuzzyKeys#placeTypos} found it): what the rest scores, less what
     * the typo costs, as a typo in the trade name costs (a homophone, the commonest slip of an
     * input method, little). Places are a closed vocabulary, but the characters of a trade name may
     * as well be one character from a place (大华 from 大连), so a replaced character that is no
     * homophone links only as a trade-name typo does ({@link #typoOnly}). Null when the candidate
     * writes no place, the record does, or the record's start is not the candidate's place but for
     * one character, with at least two trade-name characters after it.
     */
    static FuzzyScore placeTypo(NameParts record, NameParts p, Candidate c) {
        NameParts q = placeTypoReading(record, p);
        if (q == null) {
            return null;
        }
        String text = record.text();
        String place = p.text();
        int at = 0;
        while (text.charAt(at) == place.charAt(at)) {
            at++;
        }
        FuzzyScore s = FuzzyScorer.score(q, p, c.division(), c.former());
        boolean homophone = Hanzi.homophones(text.charAt(at), place.charAt(at));
        double cost = 1 - (homophone ? FuzzyScorer.HOMOPHONE : FuzzyScorer.OTHER_EDIT);
        List<String> evidence = new ArrayList<>(s.evidence().size() + 1);
        int shown = Math.min(Math.max(2, at + 1), p.text().indexOf(p.core()));
        evidence.add(PLACE_TYPO + text.substring(0, shown) + "/" + place.substring(0, shown));
        evidence.addAll(s.evidence());
        return new FuzzyScore(
                FuzzyScorer.round(Math.max(0, s.value() - cost)), s.refusal(), evidence);
    }

    /**
     * The record, a name that writes no place, read with its start as {@code p}'s place when the
     * two differ by one character ({@link #placeTypo}), or null.
     */
    static NameParts placeTypoReading(NameParts record, NameParts p) {
        if (p == null || p.regions().isEmpty() || !FuzzyKeys.unplaced(record)) {
            return null;
        }
        int m = p.text().indexOf(p.core());
        String text = record.text();
        if (m < 2 || m > text.length() - 2) {
            return null;
        }
        String place = p.text().substring(0, m);
        int differ = 0;
        int at = -1;
        for (int i = 0; i < m; i++) {
            if (text.charAt(i) != place.charAt(i)) {
                differ++;
                at = i;
            }
        }
        // one character, within the first place (the longest a typo is read in)
        if (differ != 1 || at >= Regions.LONGEST_TYPO) {
            return null;
        }
        NameParts q = NameParts.parse(place + text.substring(m));
        if (q == null
                || !q.matchable()
                || !q.regions().equals(p.regions())
                || q.core().length() > text.length() - m) {
            return null;
        }
        return q;
    }

    /**
     * Whether {@code s} (its name {@code q}), of the best match's core, scored as the record read
     * with its start as another place than the best match's ({@code best}): 湖车人民出版社 is as much 湖北's
     * as 湖南's, so the one is the other's runner-up, not a sibling name of it.
     */
    private static boolean rivalPlace(Scored s, NameParts q, NameParts best) {
        if (q.regions().equals(best.regions())) {
            return false;
        }
        for (String e : s.score().evidence()) {
            if (e.startsWith(PLACE_TYPO)) {
                return true; // scored as the record read with its place
            }
        }
        return false;
    }

    /** The evidence of {@link #placeTypo}: {@code place_typo=辽凝/辽宁}. */
    static final String PLACE_TYPO = "place_typo=";

    /**
     * The score of a candidate against the record with its start read another way ({@link
     * NameParts#placeReadings}). Read as a trade name, the place is missing from the record, which
     * the score already takes off ({@code region=record_lacks}); read as a district whose city was
     * dropped, the city is, which it does not ({@code region=same}): that costs {@link
     * #PLACE_READING}.
     */
    private static FuzzyScore read(NameParts.PlaceReading r, NameParts p, Candidate c) {
        FuzzyScore s = FuzzyScorer.score(r.parts(), p, c.division(), c.former());
        double cost =
                r.kind().equals("parent_dropped") || r.kind().equals("national_dropped")
                        ? PLACE_READING
                        : 0;
        List<String> evidence = new ArrayList<>(s.evidence().size() + 1);
        evidence.add("place_reading=" + r.kind() + ":" + r.place());
        evidence.addAll(s.evidence());
        return new FuzzyScore(
                FuzzyScorer.round(Math.max(0, s.value() - cost)), s.refusal(), evidence);
    }

    /** The better of two scores of one pair: one not refused, else the higher, else {@code a}. */
    private static FuzzyScore better(FuzzyScore a, FuzzyScore b) {
        if (a.refused() != b.refused()) {
            return a.refused() ? b : a;
        }
        return b.value() > a.value() + 1e-12 ? b : a;
    }

    private static boolean better(Scored a, Scored b) {
        if (a.score().refused() != b.score().refused()) {
            return !a.score().refused();
        }
        if (a.score().value() != b.score().value()) {
            return a.score().value() > b.score().value();
        }
        return a.score().evidence().toString().compareTo(b.score().evidence().toString())
                < 0; // any fixed order
    }

    /**
     * {@code v} with three decimals, as {@code String.format("%.3f")} writes it (half up from the
     * shortest decimal form) without a {@link java.util.Formatter} per candidate.
     */
    static String fmt(double v) {
        return decimals(v, 3);
    }

    /** {@code v} with {@code scale} decimals, as {@code String.format("%.<scale>f")} writes it. */
    static String decimals(double v, int scale) {
        return new java.math.BigDecimal(Double.toString(v))
                .setScale(scale, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }
}
