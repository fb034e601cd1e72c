package io.guiji.jobs.link;

import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.normalize.Names;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupRequest;
import io.guiji.schemas.UnifiedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup keys that join records to registry entries (CONTRACT §6): {@code U:} USCC,
 * {@code R:} registration number, {@code O:} organization code (a registry USCC's characters
 * 9–17), {@code N:} name key (current and former names share it; the match says which).
 */
public final class LinkKeys {
    public static final String USCC = "U:";
    public static final String REG_NO = "R:";
    public static final String ORG_CODE = "O:";
    public static final String NAME = "N:";

    private LinkKeys() {}

    /**
     * The keys a record needs answered. A valid USCC decides on its own (only its registration is
     * asked, for {@code UNREGISTERED_CODE}); natural persons ask nothing.
     */
    public static List<LookupRequest> requestsFor(UnifiedRecord record) {
        List<LookupRequest> out = new ArrayList<>(3);
        DecisionFields f = record.getFields();
        if (Subjects.isNaturalPerson(f)) {
            return out;
        }
        String id = record.getRecordId();
        if (valid(f.getUscc(), Identifiers.Kind.USCC)) {
            out.add(new LookupRequest(USCC + f.getUscc(), id));
            return out;
        }
        if (valid(f.getRegNo(), Identifiers.Kind.REG_NO)) {
            out.add(new LookupRequest(REG_NO + f.getRegNo(), id));
        }
        if (valid(f.getOrgCode(), Identifiers.Kind.ORG_CODE)) {
            out.add(new LookupRequest(ORG_CODE + f.getOrgCode(), id));
        }
        String name = Names.matchKey(f.getSubjectName());
        if (name != null) {
            out.add(new LookupRequest(NAME + name, id));
        }
        return out;
    }

    /** Every key a registry entry answers to, each with whether it is a former name. */
    public static Map<String, Boolean> keysOf(RegistryEntry e) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        if (e.getDeleted()) {
            return keys;
        }
        String uscc = e.getUscc();
        if (uscc != null) {
            keys.put(USCC + uscc, false);
            if (Uscc.hasShape(uscc)) {
                keys.put(ORG_CODE + Uscc.orgCode(uscc), false);
            }
        }
        if (e.getRegNo() != null) {
            keys.put(REG_NO + e.getRegNo(), false);
        }
        for (String former : e.getFormerNames()) {
            String k = Names.matchKey(former);
            if (k != null) {
                keys.put(NAME + k, true);
            }
        }
        String name = Names.matchKey(e.getName());
        if (name != null) {
            keys.put(NAME + name, false); // a current name outranks the same text as a former name
        }
        return keys;
    }

    /** The index updates that turn {@code before}'s keys into {@code after}'s (either may be null). */
    public static List<IndexUpdate> diff(RegistryEntry before, RegistryEntry after) {
        Map<String, Boolean> old = before == null ? Map.of() : keysOf(before);
        Map<String, Boolean> now = after == null ? Map.of() : keysOf(after);
        List<IndexUpdate> out = new ArrayList<>();
        for (Map.Entry<String, Boolean> k : old.entrySet()) {
            if (!k.getValue().equals(now.get(k.getKey()))) {
                out.add(new IndexUpdate(k.getKey(), before.getEnterpriseId(), before.getName(), k.getValue(), false));
            }
        }
        for (Map.Entry<String, Boolean> k : now.entrySet()) {
            boolean changedName = before != null && !before.getName().equals(after.getName());
            if (!k.getValue().equals(old.get(k.getKey())) || changedName) {
                out.add(new IndexUpdate(k.getKey(), after.getEnterpriseId(), after.getName(), k.getValue(), true));
            }
        }
        return out;
    }

    static boolean valid(String code, Identifiers.Kind kind) {
        return code != null && Identifiers.classify(code) == kind;
    }
}
