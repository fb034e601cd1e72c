package io.guiji.jobs.link.fuzzy;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The blocking keys of the fuzzy tier: a record and a registry name that could be the same
 * enterprise share at least one key, so candidates are found by key lookups, never by comparing all
 * pairs. All keys leave out the region and the legal form (a dropped prefix or a different form
 * must still meet, to be scored and, for the form, refused):
 *
 * <ul>
 *   <li>{@code F:<core>} — the core name (trade name + industry), simplified: catches traditional
 *       characters, brackets, spacing, width, dropped or added region prefixes;
 *   <li>{@code P:<pinyin of trade name>|<industry>} — catches homophone typos in the trade name (华胜
 *       for 华盛), the commonest typo in hand-typed names;
 *   <li>{@code F:<core with one trade-name character deleted>} — the deletion-1 neighbourhood
 *       (SymSpell): a one-character substitution, insertion or deletion in a trade name of 3–6
 *       characters still meets; for longer trade names {@code F:<first 4>*<industry>} and {@code
 *       F:*<last 4><industry>} instead (one edit leaves one of them whole).
 * </ul>
 *
 * A name yields 2 keys for a two-character trade name, 2 + n for n = 3…6, 4 beyond. Branches share
 * their head office's keys (they must be found to be refused).
 */
public final class FuzzyKeys {
    public static final String CORE = "F:";
    public static final String PINYIN = "P:";
    static final int MAX_DELETION_LENGTH = 6;
    static final int ANCHOR = 4;

    private FuzzyKeys() {}

    /** The keys of a parsed name (empty when the name is not {@link NameParts#matchable}). */
    public static Set<String> of(NameParts p) {
        Set<String> keys = new LinkedHashSet<>();
        if (p == null || !p.matchable()) {
            return keys;
        }
        String trade = p.trade();
        String industry = p.industry();
        keys.add(CORE + p.core());
        keys.add(PINYIN + Hanzi.pinyin(trade) + "|" + industry);
        int n = trade.length();
        if (n >= 3 && n <= MAX_DELETION_LENGTH) {
            for (int i = 0; i < n; i++) {
                keys.add(CORE + trade.substring(0, i) + trade.substring(i + 1) + industry);
            }
        } else if (n > MAX_DELETION_LENGTH) {
            keys.add(CORE + trade.substring(0, ANCHOR) + "*" + industry);
            keys.add(CORE + "*" + trade.substring(n - ANCHOR) + industry);
        }
        return keys;
    }

    /** Whether {@code key} is a fuzzy-tier key. */
    public static boolean isFuzzy(String key) {
        return key.startsWith(CORE) || key.startsWith(PINYIN);
    }
}
