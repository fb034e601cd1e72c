package io.guiji.jobs.link;

import io.guiji.jobs.link.fuzzy.FuzzyKeys;
import io.guiji.jobs.link.fuzzy.Hanzi;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.normalize.Names;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.IndexPlace;
import io.guiji.schemas.internal.IndexUpdate;
import io.guiji.schemas.internal.LookupRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup keys that join records to registry entries (docs/contract.md §6): {@code U:} USCC,
 * {@code R:} registration number, {@code O:} organization code (a registry USCC's characters 9–17),
 * {@code N:} name key (current and former names share it; the match says which); for the fuzzy
 * tier, the name keys of {@link FuzzyKeys} and {@code L:} the legal representative.
 *
 * <p>Every key folds script the same way on both sides: the name key is {@link #nameKey} (the
 * normalized name with traditional characters simplified), and the fuzzy keys are made from {@link
 * NameParts}, which simplifies too. So {@code 遼寧華盛商貿有限公司} meets {@code 辽宁华盛商贸有限公司} at the exact
 * {@code NAME} tier, not only at the fuzzy one.
 */
public final class LinkKeys {
    public static final String USCC = "U:";
    public static final String REG_NO = "R:";
    public static final String ORG_CODE = "O:";
    public static final String NAME = "N:";

    /**
     * The legal representative ({@link LegalReps#comparable}): a record that names one asks it with
     * its fuzzy keys, and every enterprise registered with that person is a fuzzy candidate, scored
     * by name like the others. Answered as a fuzzy key (truncated when more than a lookup may
     * return share it), so a common name finds nothing; when answered, every enterprise with the
     * record's legal representative is known (docs/contract.md §6).
     */
    public static final String LEGAL_REP = "L:";

    public static final String FUZZY_CORE = FuzzyKeys.CORE;
    public static final String FUZZY_PINYIN = FuzzyKeys.PINYIN;

    private LinkKeys() {}

    /**
     * The keys a record needs answered. A valid USCC decides on its own (only its registration is
     * asked, for {@code UNREGISTERED_CODE}); natural persons ask nothing. The exact keys come
     * first, then the fuzzy ones ({@link #exactRequestsFor}, {@link #fuzzyRequestsFor}), then the
     * legal representative's ({@link #legalRepRequestFor}).
     */
    public static List<LookupRequest> requestsFor(UnifiedRecord record) {
        List<LookupRequest> out = exactRequestsFor(record);
        List<LookupRequest> fuzzy = fuzzyRequestsFor(record);
        out.addAll(fuzzy);
        LookupRequest rep = legalRepRequestFor(record, fuzzy);
        if (rep != null) {
            out.add(rep);
        }
        return out;
    }

    /**
     * The record's legal-representative key ({@link #LEGAL_REP}), asked last, and only of a record
     * the other keys leave unlinked ({@link LinkDecider#decide(UnifiedRecord, java.util.Map,
     * io.guiji.jobs.link.fuzzy.FuzzyPolicy, List, EntryFacts)}); null when its legal representative
     * confirms nothing ({@link LegalReps#comparable}) or it has no fuzzy keys ({@code fuzzy}, its
     * {@link #fuzzyRequestsFor}).
     */
    public static LookupRequest legalRepRequestFor(
            UnifiedRecord record, List<LookupRequest> fuzzy) {
        if (fuzzy.isEmpty()) {
            return null;
        }
        String rep = LegalReps.comparable(record.getFields().getLegalRep());
        return rep == null ? null : new LookupRequest(LEGAL_REP + rep, record.getRecordId());
    }

    /**
     * The record's exact keys (USCC, registration number, organization code, name). When a tier
     * decides on them, the fuzzy keys are never needed: {@link LinkDecider#decide} returns at the
     * first exact tier that succeeds, before it reads a fuzzy answer.
     */
    public static List<LookupRequest> exactRequestsFor(UnifiedRecord record) {
        List<LookupRequest> out = new ArrayList<>(4);
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
        String name = nameKey(f.getSubjectName());
        if (name != null) {
            out.add(new LookupRequest(NAME + name, id));
        }
        return out;
    }

    /**
     * The record's fuzzy keys (none for natural persons and records with a valid USCC); costs a
     * name analysis.
     */
    public static List<LookupRequest> fuzzyRequestsFor(UnifiedRecord record) {
        List<LookupRequest> out = new ArrayList<>(4);
        DecisionFields f = record.getFields();
        if (Subjects.isNaturalPerson(f) || valid(f.getUscc(), Identifiers.Kind.USCC)) {
            return out;
        }
        for (String key : FuzzyKeys.forRecord(NameParts.parse(f.getSubjectName()))) {
            out.add(new LookupRequest(key, record.getRecordId()));
        }
        return out;
    }

    /**
     * One place a registry entry takes under a lookup key. Under exact keys an entry takes one
     * place per key (its current name outranks the same text as a former name); under fuzzy keys a
     * current and a former name sharing a key take one place each, since each is scored on its own.
     */
    public record Slot(String key, boolean former) {}

    /** Every key a registry entry answers to, each with whether it is a former name. */
    public static Map<String, Boolean> keysOf(RegistryEntry e) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (Slot s : indexOf(e).keySet()) {
            keys.merge(s.key(), s.former(), Boolean::logicalAnd);
        }
        return keys;
    }

    /** Every place a registry entry takes in the index, with the name it answers with there. */
    public static Map<Slot, String> indexOf(RegistryEntry e) {
        Map<Slot, String> slots = new LinkedHashMap<>();
        if (e.getDeleted()) {
            return slots;
        }
        String current = e.getName();
        String uscc = e.getUscc();
        if (uscc != null) {
            slots.put(new Slot(USCC + uscc, false), current);
            if (Uscc.hasShape(uscc)) {
                slots.put(new Slot(ORG_CODE + Uscc.orgCode(uscc), false), current);
            }
        }
        if (e.getRegNo() != null) {
            slots.put(new Slot(REG_NO + e.getRegNo(), false), current);
        }
        for (String former : e.getFormerNames()) {
            String k = nameKey(former);
            if (k != null) {
                slots.put(new Slot(NAME + k, true), current);
            }
        }
        String name = nameKey(current);
        if (name != null) {
            slots.remove(
                    new Slot(
                            NAME + name,
                            true)); // a current name outranks the same text as a former name
            slots.put(new Slot(NAME + name, false), current);
        }
        for (String k : FuzzyKeys.of(NameParts.parse(current))) {
            slots.put(new Slot(k, false), current);
        }
        for (String former : e.getFormerNames()) {
            for (String k : FuzzyKeys.of(NameParts.parse(former))) {
                slots.putIfAbsent(new Slot(k, true), former);
            }
        }
        Slot rep = legalRepSlot(e);
        if (rep != null && current != null) {
            slots.put(rep, current);
        }
        return slots;
    }

    /** The place an entry takes under its legal representative ({@link #LEGAL_REP}), or null. */
    static Slot legalRepSlot(RegistryEntry e) {
        String rep = LegalReps.ofEntry(e);
        return rep == null ? null : new Slot(LEGAL_REP + rep, false);
    }

    /**
     * The index updates that turn {@code before}'s places into {@code after}'s (either may be
     * null).
     */
    public static List<IndexUpdate> diff(RegistryEntry before, RegistryEntry after) {
        return diff(before, after, after == null ? Map.of() : indexOf(after));
    }

    /**
     * {@link #diff(RegistryEntry, RegistryEntry)} with {@code after}'s places already computed
     * ({@link #indexOf}).
     */
    public static List<IndexUpdate> diff(
            RegistryEntry before, RegistryEntry after, Map<Slot, String> afterPlaces) {
        Map<Slot, String> old = before == null ? Map.of() : indexOf(before);
        Map<Slot, String> now = after == null ? Map.of() : afterPlaces;
        // Adds before removes: in between, a subscriber sees the enterprise under both its old and
        // its
        // new places, never under neither, so a rename does not unlink a record for a moment. A
        // remove
        // after an add under the same key takes only the place it names (IndexPlaces#applied).
        List<IndexUpdate> out = new ArrayList<>();
        for (Map.Entry<Slot, String> s : now.entrySet()) {
            if (!s.getValue().equals(old.get(s.getKey()))) {
                out.add(update(s.getKey(), after.getEnterpriseId(), s.getValue(), true));
            }
        }
        for (Map.Entry<Slot, String> s : old.entrySet()) {
            if (!now.containsKey(s.getKey())) {
                out.add(update(s.getKey(), before.getEnterpriseId(), s.getValue(), false));
            }
        }
        return out;
    }

    private static IndexUpdate update(Slot slot, String enterpriseId, String name, boolean add) {
        return new IndexUpdate(slot.key(), enterpriseId, name, slot.former(), add);
    }

    /** {@code e}'s places ({@link #indexOf}) as they travel with it to the linking subtasks. */
    public static List<IndexPlace> placesOf(RegistryEntry e) {
        List<IndexPlace> out = new ArrayList<>();
        for (Map.Entry<Slot, String> p : indexOf(e).entrySet()) {
            out.add(new IndexPlace(p.getKey().key(), p.getKey().former(), p.getValue()));
        }
        return out;
    }

    /** The places {@link #placesOf} listed, as {@link #indexOf} gives them. */
    public static Map<Slot, String> places(List<IndexPlace> places) {
        Map<Slot, String> out = new LinkedHashMap<>();
        for (IndexPlace p : places) {
            out.put(new Slot(p.getKey(), p.getFormer()), p.getName());
        }
        return out;
    }

    /**
     * The name key of tiers 4 and 5 (docs/contract.md §6): {@link Names#matchKey} with every
     * traditional character written simplified ({@link Hanzi#folded}: every conversion ICU makes,
     * 乾洗 → 干洗 included; two registered names that fold alike are told apart by how they are
     * written, {@link LinkDecider}), or {@code null} when nothing is left of the name. A key is its
     * own key: simplified characters are Han ideographs that {@link Names#matchKey} keeps as they
     * are ({@code HanziTableTest} checks every one).
     */
    public static String nameKey(String name) {
        String key = Names.matchKey(name);
        return key == null ? null : Hanzi.folded(key);
    }

    /**
     * Whether {@code key} belongs to the fuzzy tier: a name key of {@link FuzzyKeys} or the legal
     * representative's, whose answers only nominate candidates for scoring by name.
     */
    public static boolean isFuzzy(String key) {
        return FuzzyKeys.isFuzzy(key) || key.startsWith(LEGAL_REP);
    }

    static boolean valid(String code, Identifiers.Kind kind) {
        return code != null && Identifiers.classify(code) == kind;
    }
}
