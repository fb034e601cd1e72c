package io.guiji.jobs.link;

import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.normalize.SubjectCategories;
import io.guiji.schemas.DecisionFields;

/**
 * Who a record's subject is, for linking: a natural person (自然人, or known only by an ID number) is
 * never linked to an enterprise (docs/contract.md §6). A subject with a valid enterprise code is
 * not a natural person whatever its category says (an individual business mislabelled 自然人).
 */
public final class Subjects {
    private Subjects() {}

    public static boolean isNaturalPerson(DecisionFields f) {
        if (hasEnterpriseCode(f)) {
            return false;
        }
        SubjectCategories.CategoryParse category = SubjectCategories.parse(f.getSubjectCategory());
        if (category.category() != null) {
            return category.category() == SubjectCategories.Category.NATURAL_PERSON;
        }
        return f.getIdNo() != null;
    }

    public static boolean hasEnterpriseCode(DecisionFields f) {
        return hasEnterpriseCode(f.getUscc(), f.getRegNo(), f.getOrgCode());
    }

    /** Whether one of these codes (each may be null) is a valid enterprise code. */
    public static boolean hasEnterpriseCode(String uscc, String regNo, String orgCode) {
        return LinkKeys.valid(uscc, Identifiers.Kind.USCC)
                || LinkKeys.valid(regNo, Identifiers.Kind.REG_NO)
                || LinkKeys.valid(orgCode, Identifiers.Kind.ORG_CODE);
    }
}
