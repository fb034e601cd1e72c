package io.guiji.jobs.enterprise;

import io.guiji.jobs.link.fuzzy.Regions;
import io.guiji.jobs.normalize.Names;
import io.guiji.jobs.normalize.Text;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of the unlicensed-operation leads (无证无照, docs/contract.md §9), as data: a {@code key:
 * value} file, {@code lead-rules.properties} beside this class by default, a bureau's own through
 * {@code guiji.enterprise.lead-rules}. The file's comments explain every key. Keywords are compared
 * after the text normalization of docs/contract.md §4; names and exempt subjects by their match key
 * ({@code normalize/Names}). Immutable.
 */
public final class LeadRules implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String RESOURCE = "lead-rules.properties";

    /** A licence an activity needs. */
    record LicenceRule(
            String id,
            String activity,
            List<String> evidence,
            List<String> licences,
            String department,
            Set<String> exempt)
            implements Serializable {}

    final int windowYears;
    final List<String> inactiveResults;
    final Set<String> exemptSubjects;
    final boolean unregisteredEnabled;
    final String unregisteredDepartment;

    /**
     * The registry's area (a region of link/fuzzy/Regions), or null: names placed elsewhere are
     * registered elsewhere.
     */
    final String homeRegion;

    final List<String> nameEndings;
    final List<String> exemptNameWords;
    final Set<String> exemptCategories;
    final List<LicenceRule> licenceRules;

    private LeadRules(KeyValueFile f, boolean unregisteredEnabled) {
        this.unregisteredEnabled = unregisteredEnabled;
        windowYears = (int) f.number("evidence-window-years", 3);
        inactiveResults = clean(f.list("inactive-results"));
        exemptSubjects = keys(f.list("exempt.subjects"));
        unregisteredDepartment = f.string("unregistered.department");
        String home = f.string("unregistered.home-division", null);
        homeRegion = home == null ? null : Regions.ofCode(home);
        if (home != null && homeRegion == null) {
            throw f.problem(
                    "unregistered.home-division", "must be a 6-digit division code, not " + home);
        }
        nameEndings = clean(f.list("unregistered.name-endings"));
        exemptNameWords = clean(f.list("unregistered.exempt-name-words"));
        exemptCategories = new TreeSet<>(clean(f.list("unregistered.exempt-categories")));
        Set<String> ids = new TreeSet<>();
        for (String key : f.keys()) {
            if (key.startsWith("licence.") && key.lastIndexOf('.') > "licence.".length()) {
                ids.add(key.substring("licence.".length(), key.lastIndexOf('.')));
            }
        }
        List<LicenceRule> rules = new ArrayList<>();
        for (String id : ids) {
            String p = "licence." + id + ".";
            List<String> evidence = clean(f.list(p + "evidence"));
            List<String> licences = clean(f.list(p + "licence"));
            if (evidence.isEmpty()) {
                throw f.problem(p + "evidence", "is missing (words that show the activity)");
            }
            if (licences.isEmpty()) {
                throw f.problem(p + "licence", "is missing (words of the licence's name)");
            }
            rules.add(
                    new LicenceRule(
                            id,
                            f.string(p + "activity", id),
                            evidence,
                            licences,
                            f.string(p + "department"),
                            keys(f.list(p + "exempt"))));
        }
        licenceRules = List.copyOf(rules);
    }

    public static LeadRules builtIn() {
        return new LeadRules(KeyValueFile.resource(RESOURCE), true);
    }

    public static LeadRules fromFile(Path file) {
        return new LeadRules(KeyValueFile.file(file), true);
    }

    static LeadRules of(Map<String, String> values) {
        return new LeadRules(KeyValueFile.of("rules", new TreeMap<>(values)), true);
    }

    /**
     * These rules without the unregistered (无照) lead: for a run without a registry, where every
     * record would look unregistered.
     */
    public LeadRules withoutUnregistered() {
        return new LeadRules(this, false);
    }

    private LeadRules(LeadRules r, boolean unregisteredEnabled) {
        this.unregisteredEnabled = unregisteredEnabled;
        windowYears = r.windowYears;
        inactiveResults = r.inactiveResults;
        exemptSubjects = r.exemptSubjects;
        unregisteredDepartment = r.unregisteredDepartment;
        homeRegion = r.homeRegion;
        nameEndings = r.nameEndings;
        exemptNameWords = r.exemptNameWords;
        exemptCategories = r.exemptCategories;
        licenceRules = r.licenceRules;
    }

    public boolean unregisteredEnabled() {
        return unregisteredEnabled;
    }

    /** Whether a name (its match key) looks like an enterprise's or a shop's. */
    boolean enterpriseLike(String nameKey) {
        for (String ending : nameEndings) {
            if (nameKey.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a name (its match key) begins with a place outside the registry's area (沈阳…, 阜新… for
     * 朝阳市's registry): an enterprise registered there, not an unregistered one here.
     */
    boolean placedElsewhere(String nameKey) {
        if (homeRegion == null) {
            return false;
        }
        Regions.Found place = Regions.atStart(nameKey, 0, 2);
        return place != null
                && !place.region().startsWith("?")
                && !Regions.nested(place.region(), homeRegion);
    }

    private static List<String> clean(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            String c = Text.clean(w);
            if (c != null && !c.isEmpty()) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** Enterprise ids as given, names by their match key. */
    private static Set<String> keys(List<String> subjects) {
        Set<String> out = new TreeSet<>();
        for (String s : subjects) {
            out.add(s);
            String k = Names.matchKey(s);
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }
}
