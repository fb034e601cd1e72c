package io.guiji.jobs.link;

import io.guiji.jobs.ingest.FieldAliases;
import io.guiji.jobs.ingest.Placeholders;
import io.guiji.jobs.normalize.Text;
import io.guiji.schemas.RegistryEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The legal representative (法定代表人) as a fact that can confirm a fuzzy link (docs/contract.md §6,
 * docs/domain.md §5.1): a record's {@code legal_rep}, and the registry entry's column of that name
 * among its extra columns (法定代表人, 负责人, 法人代表, … as for records; also 经营者, 投资人, 执行事务合伙人). Two values
 * are the same person when they are equal after cleaning, spaces and the forms of the middle dot of
 * minority and foreign names folded. A masked value (张*明, 李某) or one of a single character says too
 * little and confirms nothing.
 */
public final class LegalReps {
    private static final String FIELD = "legal_rep";

    /** Extra-column headers and whether they name the legal representative: a handful per run. */
    private static final Map<String, Boolean> HEADERS = new ConcurrentHashMap<>();

    private static final int MAX_HEADERS_KEPT = 4096;

    private LegalReps() {}

    /** {@code raw} in the form two values are compared in, or null when it can confirm nothing. */
    public static String comparable(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned = Placeholders.orNull(Text.clean(raw));
        if (cleaned == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(cleaned.length());
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c == '*' || c == '某' || c == '×' || c == '○' || c == '〇' || c == '?') {
                return null; // masked: 张*明 may be any of many people
            }
            if (c == '.' || c == '•' || c == '‧' || c == '・' || c == '･' || c == '∙') {
                c = '·';
            }
            b.append(Character.toUpperCase(c));
        }
        return b.length() < 2 ? null : b.toString();
    }

    /** The entry's legal representative ({@link #comparable}), or null when it has none. */
    public static String ofEntry(RegistryEntry e) {
        if (e == null || e.getExtra() == null || e.getExtra().isEmpty()) {
            return null;
        }
        String found = null;
        String foundHeader = null;
        for (Map.Entry<String, String> x : e.getExtra().entrySet()) {
            if (namesLegalRep(x.getKey())) {
                String v = comparable(x.getValue());
                // the first header in order wins, so that a map's iteration order decides nothing
                if (v != null && (foundHeader == null || x.getKey().compareTo(foundHeader) < 0)) {
                    found = v;
                    foundHeader = x.getKey();
                }
            }
        }
        return found;
    }

    /** Whether the two entries differ in their legal representative. */
    static boolean differ(RegistryEntry a, RegistryEntry b) {
        String x = ofEntry(a);
        String y = ofEntry(b);
        return x == null ? y != null : !x.equals(y);
    }

    /**
     * Registry columns that name the person who answers for an enterprise where it has no 法定代表人: an
     * individual business's 经营者, a sole proprietorship's 投资人, a partnership's 执行事务合伙人. Departments
     * write that person as the record's 法定代表人.
     */
    private static final java.util.Set<String> REGISTRY_ONLY =
            java.util.Set.of("经营者", "经营者姓名", "投资人", "投资人姓名", "执行事务合伙人");

    private static boolean namesLegalRep(String header) {
        if (header == null) {
            return false;
        }
        Boolean known = HEADERS.get(header);
        if (known == null) {
            known =
                    FIELD.equals(FieldAliases.recordField(header))
                            || REGISTRY_ONLY.contains(header.replaceAll("\\s", ""));
            if (HEADERS.size() < MAX_HEADERS_KEPT) {
                HEADERS.put(header, known);
            }
        }
        return known;
    }
}
