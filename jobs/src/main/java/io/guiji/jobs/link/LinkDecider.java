package io.guiji.jobs.link;

import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.ShallowCopy;
import io.guiji.jobs.link.fuzzy.FuzzyMatcher;
import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.jobs.link.fuzzy.Hanzi;
import io.guiji.jobs.normalize.Names;
import io.guiji.jobs.normalize.SubjectCategories;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tiers of docs/contract.md §6, as a pure function of a unified record and the registry's
 * answers to its lookup keys: the first tier that succeeds decides {@code enterprise_id}. Tier 6
 * ({@code FUZZY}) scores the names found under the record's fuzzy keys ({@link FuzzyMatcher}) and
 * links only when the best is clearly the best; otherwise the record stays {@code NONE} with its
 * best three candidates for review. Every decision says why in {@code link_evidence}. A fuzzy key
 * too common to answer is skipped when the others decide, and named in the evidence ({@link
 * FuzzyMatcher}).
 */
public final class LinkDecider {
    static final double USCC_CONFIDENCE = 1.0;
    static final double REG_NO_CONFIDENCE = 0.99;
    static final double ORG_CODE_CONFIDENCE = 0.98;
    static final double NAME_CONFIDENCE = 0.95;
    static final double FORMER_NAME_CONFIDENCE = 0.9;
    private static final int MAX_CANDIDATES = 3;

    private LinkDecider() {}

    /** Whether every key the record asks about has been answered. */
    public static boolean answered(UnifiedRecord record, Map<String, LookupAnswer> answers) {
        return answered(LinkKeys.requestsFor(record), answers);
    }

    /**
     * Whether every one of {@code requests} (a record's, from {@link LinkKeys#requestsFor}) has
     * been answered.
     */
    public static boolean answered(
            List<LookupRequest> requests, Map<String, LookupAnswer> answers) {
        for (LookupRequest r : requests) {
            if (!answers.containsKey(r.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** {@link #decide(UnifiedRecord, Map, FuzzyPolicy)} with the default fuzzy thresholds. */
    public static UnifiedRecord decide(UnifiedRecord record, Map<String, LookupAnswer> answers) {
        return decide(record, answers, FuzzyPolicy.DEFAULT);
    }

    /**
     * A copy of {@code record} with its link decided; answers for keys it no longer asks are
     * ignored.
     */
    public static UnifiedRecord decide(
            UnifiedRecord record, Map<String, LookupAnswer> answers, FuzzyPolicy policy) {
        return decide(record, answers, policy, LinkKeys.requestsFor(record));
    }

    /**
     * {@link #decide(UnifiedRecord, Map, FuzzyPolicy)} with the record's requests already computed
     * ({@link LinkKeys#requestsFor}), since they cost a name parse.
     */
    public static UnifiedRecord decide(
            UnifiedRecord record,
            Map<String, LookupAnswer> answers,
            FuzzyPolicy policy,
            List<LookupRequest> requests) {
        return decide(record, answers, policy, requests, EntryFacts.NONE);
    }

    /**
     * {@link #decide(UnifiedRecord, Map, FuzzyPolicy, List)} with what the registry knows of each
     * fuzzy candidate besides its names ({@link EntryFacts}, the index the answers came from): a
     * candidate whose name writes no place is placed by its entry's division against a record that
     * writes one (docs/domain.md §5.1), so that of 太平洋保险公司 (浙江) and 太平洋保险 (安徽) 浙江太平洋保险公司 names the
     * first and 江苏太平洋保险公司 neither; and the entry itself, against which the record's other fields
     * may confirm a one-character typo or decide a tie ({@link #corroboration}, {@link
     * FuzzyMatcher}).
     *
     * <p>The enterprises registered with the record's legal representative ({@link
     * LinkKeys#LEGAL_REP}) count only when the tiers leave the record unlinked without them: they
     * are then candidates too, and, when the key was answered, say that no name an over-full key
     * hides has that representative ({@link #decideWithLegalRep}). A record linked without them is
     * linked as before, and a caller may ask that key only when the record is left unlinked ({@link
     * LocalLinker}).
     */
    public static UnifiedRecord decide(
            UnifiedRecord record,
            Map<String, LookupAnswer> answers,
            FuzzyPolicy policy,
            List<LookupRequest> requests,
            EntryFacts facts) {
        List<LookupRequest> byName = new ArrayList<>(requests.size());
        boolean rep = false;
        for (LookupRequest r : requests) {
            if (r.getKey().startsWith(LinkKeys.LEGAL_REP)) {
                rep |= answers.containsKey(r.getKey());
            } else {
                byName.add(r);
            }
        }
        UnifiedRecord decided = decideOnce(record, answers, policy, byName, facts);
        if (!rep || decided.getLinkMethod() != LinkMethod.NONE) {
            return decided;
        }
        return decideOnce(record, answers, policy, requests, facts);
    }

    /**
     * {@link #decide(UnifiedRecord, Map, FuzzyPolicy, List, EntryFacts)} where {@code requests}
     * hold the record's legal-representative key ({@link LinkKeys#legalRepRequestFor}) and the
     * record is known to be left unlinked without it: the second step of that decision, for a
     * caller that asked the key only then.
     */
    public static UnifiedRecord decideWithLegalRep(
            UnifiedRecord record,
            Map<String, LookupAnswer> answers,
            FuzzyPolicy policy,
            List<LookupRequest> requests,
            EntryFacts facts) {
        return decideOnce(record, answers, policy, requests, facts);
    }

    private static UnifiedRecord decideOnce(
            UnifiedRecord record,
            Map<String, LookupAnswer> answers,
            FuzzyPolicy policy,
            List<LookupRequest> requests,
            EntryFacts facts) {
        UnifiedRecord out = ShallowCopy.of(record);
        out.setCandidates(new ArrayList<>());
        out.setLinkEvidence(new ArrayList<>());
        List<String> flags = new ArrayList<>(record.getQualityFlags());
        out.setQualityFlags(flags);
        // Its own fields, since a category mismatch below corrects one of them.
        DecisionFields f = ShallowCopy.of(record.getFields());
        out.setFields(f);
        if (Subjects.isNaturalPerson(f)) {
            return set(out, null, LinkMethod.PERSON, 0.0, List.of("natural_person"));
        }
        markCategoryMismatch(f, flags);
        List<FuzzyMatcher.Candidate> fuzzy = new ArrayList<>();
        List<String> overfull = new ArrayList<>();
        boolean legalRepsKnown = false;
        for (LookupRequest r : requests) {
            String key = r.getKey();
            if (LinkKeys.isFuzzy(key)) {
                LookupAnswer a = answers.get(key);
                if (a != null) {
                    if (key.startsWith(LinkKeys.LEGAL_REP)) {
                        // a person many enterprises share names none of them; it hides no name
                        legalRepsKnown = !a.getTruncated();
                    } else if (a.getTruncated()) {
                        overfull.add(key);
                    }
                    for (RegistryMatch m : a.getMatches()) {
                        fuzzy.add(
                                new FuzzyMatcher.Candidate(
                                        m.getEnterpriseId(),
                                        m.getName(),
                                        null,
                                        m.getFormer(),
                                        facts.divisionOf(m.getEnterpriseId())));
                    }
                }
                continue;
            }
            List<RegistryMatch> matches =
                    matches(answers.get(key), key.startsWith(LinkKeys.NAME) ? Boolean.FALSE : null);
            if (key.startsWith(LinkKeys.NAME) && matches.size() > 1) {
                matches = writtenAsRecord(matches, f.getSubjectName());
            }
            if (key.startsWith(LinkKeys.USCC)) {
                boolean unregistered = answers.containsKey(key) && matches.isEmpty();
                if (unregistered) {
                    addFlag(flags, QualityFlags.UNREGISTERED_CODE);
                }
                return set(
                        out,
                        f.getUscc(),
                        LinkMethod.USCC,
                        USCC_CONFIDENCE,
                        List.of(
                                "uscc="
                                        + f.getUscc()
                                        + (unregistered ? ":not_in_registry" : ":in_registry")));
            }
            if (matches.size() == 1) {
                RegistryMatch m = matches.get(0);
                if (key.startsWith(LinkKeys.REG_NO)) {
                    return set(
                            out,
                            m.getEnterpriseId(),
                            LinkMethod.REG_NO,
                            REG_NO_CONFIDENCE,
                            List.of("reg_no=" + f.getRegNo()));
                }
                if (key.startsWith(LinkKeys.ORG_CODE)) {
                    return set(
                            out,
                            m.getEnterpriseId(),
                            LinkMethod.ORG_CODE,
                            ORG_CODE_CONFIDENCE,
                            List.of("org_code=" + f.getOrgCode()));
                }
                return set(
                        out,
                        m.getEnterpriseId(),
                        LinkMethod.NAME,
                        NAME_CONFIDENCE,
                        Objects.equals(
                                        Names.matchKey(m.getName()),
                                        Names.matchKey(f.getSubjectName()))
                                ? List.of("name=equal")
                                : List.of("name=equal", "name_script=folded"));
            }
            if (key.startsWith(LinkKeys.NAME)) {
                List<RegistryMatch> former = matches(answers.get(key), Boolean.TRUE);
                if (matches.isEmpty() && former.size() == 1) {
                    return set(
                            out,
                            former.get(0).getEnterpriseId(),
                            LinkMethod.FORMER_NAME,
                            FORMER_NAME_CONFIDENCE,
                            List.of("former_name=equal"));
                }
                List<RegistryMatch> ambiguous = matches.isEmpty() ? former : matches;
                if (ambiguous.size() > 1) {
                    addFlag(flags, QualityFlags.AMBIGUOUS_NAME);
                    for (RegistryMatch m :
                            ambiguous.subList(0, Math.min(MAX_CANDIDATES, ambiguous.size()))) {
                        out.getCandidates()
                                .add(new LinkCandidate(m.getEnterpriseId(), m.getName(), 1.0));
                    }
                }
            }
        }
        if (fuzzy.isEmpty() && overfull.isEmpty()) {
            return set(
                    out,
                    null,
                    LinkMethod.NONE,
                    0.0,
                    out.getCandidates().isEmpty() ? List.of() : List.of("name=ambiguous"));
        }
        FuzzyMatcher.Outcome o =
                FuzzyMatcher.decide(
                        f.getSubjectName(),
                        fuzzy,
                        overfull,
                        policy,
                        // a name registered as written by several stays theirs to review
                        out.getCandidates().isEmpty() ? corroboration(f, facts) : id -> null,
                        legalRepsKnown && out.getCandidates().isEmpty());
        if (o.link() != null && out.getCandidates().isEmpty()) {
            return set(
                    out,
                    o.link().enterpriseId(),
                    LinkMethod.FUZZY,
                    o.link().score().value(),
                    o.evidence());
        }
        for (FuzzyMatcher.Scored s : o.ranked()) {
            if (out.getCandidates().size() >= MAX_CANDIDATES
                    || s.score().value() < policy.minCandidateScore()) {
                break;
            }
            if (out.getCandidates().stream()
                    .noneMatch(c -> c.getEnterpriseId().equals(s.enterpriseId()))) {
                out.getCandidates()
                        .add(new LinkCandidate(s.enterpriseId(), s.name(), s.score().value()));
            }
        }
        List<String> evidence = new ArrayList<>(o.evidence());
        if (flags.contains(QualityFlags.AMBIGUOUS_NAME)) {
            evidence.add(0, "name=ambiguous");
        }
        return set(out, null, LinkMethod.NONE, 0.0, evidence);
    }

    /**
     * What of the record besides its name names an enterprise (docs/contract.md §6), as evidence:
     * its legal representative, the one registered for it ({@code legal_rep=equal}); else an
     * invalid code of the record one character from the enterprise's ({@code uscc=one_char_apart},
     * …); else, when the enterprise's registered representative is another person, {@code
     * legal_rep=differs}; else null.
     */
    private static java.util.function.Function<String, String> corroboration(
            DecisionFields f, EntryFacts facts) {
        String legalRep = LegalReps.comparable(f.getLegalRep());
        NearCodes.Invalid codes = NearCodes.of(f);
        if (legalRep == null && codes == null) {
            return id -> null;
        }
        return id -> {
            RegistryEntry e = facts.entryOf(id);
            if (e == null) {
                return null;
            }
            String registered = legalRep == null ? null : LegalReps.ofEntry(e);
            if (legalRep != null && legalRep.equals(registered)) {
                return FuzzyMatcher.LEGAL_REP_EQUAL;
            }
            String near = codes == null ? null : codes.near(e);
            return near == null && registered != null ? FuzzyMatcher.LEGAL_REP_DIFFERS : near;
        };
    }

    /**
     * Of several enterprises whose current name has the record's name key, the one whose name is
     * the record's as written, before script folding ({@code 於} and {@code 于} fold together, yet a
     * registry may hold both names), or else the one whose name is the record's with only the folds
     * that keep a character's reading ({@code 乾元商貿} is 乾元商贸, not 干元商贸: {@link Hanzi#simplified}):
     * alone, when there is exactly one; otherwise all of them.
     */
    private static List<RegistryMatch> writtenAsRecord(
            List<RegistryMatch> matches, String recordName) {
        String asWritten = Names.matchKey(recordName);
        if (asWritten == null) {
            return matches;
        }
        RegistryMatch only = onlyOne(matches, asWritten, false);
        if (only == null) {
            only = onlyOne(matches, Hanzi.simplified(asWritten), true);
        }
        return only == null ? matches : List.of(only);
    }

    /** The one match whose name is {@code key} (simplified first when asked), or null. */
    private static RegistryMatch onlyOne(
            List<RegistryMatch> matches, String key, boolean simplified) {
        RegistryMatch only = null;
        for (RegistryMatch m : matches) {
            String name = Names.matchKey(m.getName());
            if (name != null && simplified) {
                name = Hanzi.simplified(name);
            }
            if (Objects.equals(name, key)) {
                if (only != null) {
                    return null;
                }
                only = m;
            }
        }
        return only;
    }

    /** An individual business labelled 自然人 but carrying a valid code: relabel and flag. */
    private static void markCategoryMismatch(DecisionFields f, List<String> flags) {
        SubjectCategories.CategoryParse c = SubjectCategories.parse(f.getSubjectCategory());
        if (c.category() == SubjectCategories.Category.NATURAL_PERSON) {
            addFlag(flags, QualityFlags.CATEGORY_MISMATCH);
            f.setSubjectCategory(SubjectCategories.Category.INDIVIDUAL_BUSINESS.label());
        }
    }

    private static List<RegistryMatch> matches(LookupAnswer answer, Boolean former) {
        List<RegistryMatch> out = new ArrayList<>();
        if (answer == null) {
            return out;
        }
        for (RegistryMatch m : answer.getMatches()) {
            if (former == null || m.getFormer() == former) {
                out.add(m);
            }
        }
        return out;
    }

    private static UnifiedRecord set(
            UnifiedRecord r,
            String enterpriseId,
            LinkMethod method,
            double confidence,
            List<String> evidence) {
        r.setEnterpriseId(enterpriseId);
        r.setLinkMethod(method);
        r.setLinkConfidence(confidence);
        r.setLinkEvidence(new ArrayList<>(evidence));
        r.getQualityFlags().sort(null);
        return r;
    }

    private static void addFlag(List<String> flags, String flag) {
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
    }
}
