package io.guiji.jobs.link;

import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.normalize.SubjectCategories;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.LookupAnswer;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tiers of CONTRACT §6, as a pure function of a unified record and the registry's answers to
 * its lookup keys: the first tier that succeeds decides {@code enterprise_id}.
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
        for (LookupRequest r : LinkKeys.requestsFor(record)) {
            if (!answers.containsKey(r.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code record} with its link decided; answers for keys it no longer asks are ignored. */
    public static UnifiedRecord decide(UnifiedRecord record, Map<String, LookupAnswer> answers) {
        UnifiedRecord out = UnifiedRecord.newBuilder(record).setCandidates(new ArrayList<>()).build();
        List<String> flags = new ArrayList<>(record.getQualityFlags());
        out.setQualityFlags(flags);
        DecisionFields f = out.getFields();
        if (Subjects.isNaturalPerson(f)) {
            return set(out, null, LinkMethod.PERSON, 0.0);
        }
        markCategoryMismatch(f, flags);
        List<LookupRequest> requests = LinkKeys.requestsFor(record);
        for (LookupRequest r : requests) {
            String key = r.getKey();
            List<RegistryMatch> matches = matches(answers.get(key), key.startsWith(LinkKeys.NAME) ? Boolean.FALSE : null);
            if (key.startsWith(LinkKeys.USCC)) {
                if (answers.containsKey(key) && matches.isEmpty()) {
                    addFlag(flags, QualityFlags.UNREGISTERED_CODE);
                }
                return set(out, f.getUscc(), LinkMethod.USCC, USCC_CONFIDENCE);
            }
            if (matches.size() == 1) {
                RegistryMatch m = matches.get(0);
                if (key.startsWith(LinkKeys.REG_NO)) {
                    return set(out, m.getEnterpriseId(), LinkMethod.REG_NO, REG_NO_CONFIDENCE);
                }
                if (key.startsWith(LinkKeys.ORG_CODE)) {
                    return set(out, m.getEnterpriseId(), LinkMethod.ORG_CODE, ORG_CODE_CONFIDENCE);
                }
                return set(out, m.getEnterpriseId(), LinkMethod.NAME, NAME_CONFIDENCE);
            }
            if (key.startsWith(LinkKeys.NAME)) {
                List<RegistryMatch> former = matches(answers.get(key), Boolean.TRUE);
                if (matches.isEmpty() && former.size() == 1) {
                    return set(out, former.get(0).getEnterpriseId(), LinkMethod.FORMER_NAME, FORMER_NAME_CONFIDENCE);
                }
                List<RegistryMatch> ambiguous = matches.isEmpty() ? former : matches;
                if (ambiguous.size() > 1) {
                    addFlag(flags, QualityFlags.AMBIGUOUS_NAME);
                    for (RegistryMatch m : ambiguous.subList(0, Math.min(MAX_CANDIDATES, ambiguous.size()))) {
                        out.getCandidates().add(new LinkCandidate(m.getEnterpriseId(), m.getName(), 1.0));
                    }
                }
            }
        }
        return set(out, null, LinkMethod.NONE, 0.0);
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

    private static UnifiedRecord set(UnifiedRecord r, String enterpriseId, LinkMethod method, double confidence) {
        r.setEnterpriseId(enterpriseId);
        r.setLinkMethod(method);
        r.setLinkConfidence(confidence);
        r.getQualityFlags().sort(null);
        return r;
    }

    private static void addFlag(List<String> flags, String flag) {
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
    }
}
