package io.guiji.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds the registry of {@code Settings.enterprises} entries and writes it as the input's {@code
 * registry/enterprises.csv} (UTF-8; 统一社会信用代码, 企业名称, 注册号, 曾用名, 行政区划代码, 登记状态 and the extra columns
 * 成立日期, 法定代表人, 企业类型) and, unless disabled, {@code registry/individual.jsonl} for individual
 * businesses (keys {@code uscc}, {@code name}, {@code reg_no}, {@code division_code}, {@code
 * status} and the extras {@code established}, {@code operator}, {@code entity_type}; absent values
 * are left out).
 *
 * <p>Entries come in families: an enterprise, sometimes with branches, a deliberate look-alike (the
 * other legal form, the same 字号 in another county, or a deregistered entry of the same name) and
 * former names; or an individual business, with a 92… USCC or only a registration number.
 */
final class RegistryFactory {
    private static final String[] BRANCH_DIVISIONS = {
        "211302", "211303", "211321", "211322", "211324", "211381", "211382", "211302"
    };
    private static final String[] CITY_DIVISIONS = {"211300", "211300", "211302", "211303"};

    private final SampleGenerator.Settings settings;
    private final NoisePlanner planner;
    private final Random rnd;
    private final NameFactory names;

    RegistryFactory(SampleGenerator.Settings settings, NoisePlanner planner, NameFactory names) {
        this.settings = settings;
        this.planner = planner;
        this.rnd = planner.random();
        this.names = names;
    }

    GeneratedRegistry build(CodeFactory codes, boolean indexNames) {
        GeneratedRegistry reg =
                new GeneratedRegistry(codes, settings.seed(), settings.enterprises(), indexNames);
        while (reg.size() < reg.capacity()) {
            if (planner.share(Noise.REGISTRY_INDIVIDUAL_USCC, settings.individualShare())
                    || planner.pending(Noise.REGISTRY_INDIVIDUAL_REG_NO_ONLY)) {
                individual(reg);
            } else {
                family(reg);
            }
        }
        return reg;
    }

    private void individual(GeneratedRegistry reg) {
        Vocab.Prefix prefix =
                Vocab.INDIVIDUAL_PREFIXES.get(rnd.nextInt(Vocab.INDIVIDUAL_PREFIXES.size()));
        String name =
                names.newIndividual(
                        prefix.text(), reg.legalRep(reg.size())); // the entry to be added
        int i;
        if (planner.share(Noise.REGISTRY_INDIVIDUAL_REG_NO_ONLY, 0.35)) {
            i =
                    reg.add(
                            name,
                            GeneratedRegistry.INDIVIDUAL,
                            GeneratedRegistry.HAS_REG_NO,
                            prefix.division(),
                            3);
            reg.individualsRegNoOnly.add(i);
            planner.hit(Noise.REGISTRY_INDIVIDUAL_REG_NO_ONLY);
        } else {
            int flags =
                    GeneratedRegistry.HAS_USCC
                            | (planner.draw(0.4) ? GeneratedRegistry.HAS_REG_NO : 0);
            i = reg.add(name, GeneratedRegistry.INDIVIDUAL, flags, prefix.division(), 3);
            reg.individualsUscc.add(i);
            planner.hit(Noise.REGISTRY_INDIVIDUAL_USCC);
        }
    }

    private void family(GeneratedRegistry reg) {
        boolean latin = planner.share(Noise.REGISTRY_LATIN_NAME, 0.03);
        NameFactory.Combo combo = names.newCombo(latin);
        boolean bracketed = planner.share(Noise.REGISTRY_BRACKETED_REGION, 0.07);
        Vocab.Prefix prefix =
                bracketed || planner.draw(0.2)
                        ? null
                        : Vocab.ENTERPRISE_PREFIXES.get(
                                rnd.nextInt(Vocab.ENTERPRISE_PREFIXES.size()));
        String division =
                prefix != null && prefix.division() != null
                        ? prefix.division()
                        : CITY_DIVISIONS[rnd.nextInt(CITY_DIVISIONS.length)];
        int u = rnd.nextInt(10);
        String form = Vocab.LEGAL_FORMS.get(u < 6 ? 0 : u < 9 ? 1 : 2);
        boolean old = planner.share(Noise.REGISTRY_OLD_REG_NO, 0.35);
        int flags =
                GeneratedRegistry.HAS_USCC
                        | (old ? GeneratedRegistry.HAS_REG_NO | GeneratedRegistry.OLD_ORG : 0)
                        | (latin ? GeneratedRegistry.LATIN : 0)
                        | (bracketed ? GeneratedRegistry.BRACKETED : 0);
        String name =
                bracketed
                        ? NameFactory.bracketed(combo, form)
                        : NameFactory.enterprise(prefixText(prefix), combo, form);
        int prefixLen = bracketed ? -1 : prefixText(prefix).length();
        int main = reg.add(name, GeneratedRegistry.ENTERPRISE, flags, division, prefixLen);
        reg.enterprises.add(main);
        if (old) {
            reg.withRegNo.add(main);
            planner.hit(Noise.REGISTRY_OLD_REG_NO);
        }
        if (latin) {
            reg.latin.add(main);
            planner.hit(Noise.REGISTRY_LATIN_NAME);
        }
        if (bracketed) {
            reg.bracketed.add(main);
            planner.hit(Noise.REGISTRY_BRACKETED_REGION);
        }

        boolean lookAlike = false;
        int room = reg.capacity() - reg.size();
        if (room > 0 && planner.share(Noise.REGISTRY_TWIN_FORM, 0.015)) {
            String other = form.equals("有限责任公司") ? "有限公司" : "有限责任公司";
            String twin =
                    bracketed
                            ? NameFactory.bracketed(combo, other)
                            : NameFactory.enterprise(prefixText(prefix), combo, other);
            int t =
                    reg.add(
                            twin,
                            GeneratedRegistry.ENTERPRISE,
                            GeneratedRegistry.HAS_USCC
                                    | (bracketed ? GeneratedRegistry.BRACKETED : 0),
                            division,
                            prefixLen);
            mark(reg, GeneratedRegistry.TWIN_FORM, reg.twinForm, main, t);
            planner.hit(Noise.REGISTRY_TWIN_FORM);
            lookAlike = true;
        } else if (room > 0 && !bracketed && planner.share(Noise.REGISTRY_TWIN_COUNTY, 0.015)) {
            Vocab.Prefix county;
            do {
                county =
                        Vocab.ENTERPRISE_PREFIXES.get(
                                Vocab.COUNTY_PREFIXES[rnd.nextInt(Vocab.COUNTY_PREFIXES.length)]);
            } while (county.equals(prefix));
            int t =
                    reg.add(
                            NameFactory.enterprise(county.text(), combo, form),
                            GeneratedRegistry.ENTERPRISE,
                            GeneratedRegistry.HAS_USCC,
                            county.division(),
                            county.text().length());
            mark(reg, GeneratedRegistry.TWIN_COUNTY, reg.twinCounty, main, t);
            planner.hit(Noise.REGISTRY_TWIN_COUNTY);
            lookAlike = true;
        } else if (room > 0 && planner.share(Noise.REGISTRY_SAME_NAME, 0.004)) {
            // An older enterprise of the very same name, deregistered: the name alone is ambiguous.
            reg.add(
                    name,
                    GeneratedRegistry.ENTERPRISE,
                    GeneratedRegistry.HAS_USCC
                            | GeneratedRegistry.HAS_REG_NO
                            | GeneratedRegistry.OLD_ORG
                            | GeneratedRegistry.DEREGISTERED
                            | GeneratedRegistry.SAME_NAME,
                    division,
                    prefixLen);
            reg.addFlags(main, GeneratedRegistry.SAME_NAME);
            reg.sameName.add(main);
            planner.hit(Noise.REGISTRY_SAME_NAME);
            lookAlike = true;
        }
        if (lookAlike) {
            return; // look-alikes get neither branches nor renames: one deliberate difficulty a
            // family
        }
        reg.fuzzyOk.add(main);
        if (prefixLen != 0) {
            reg.prefixed.add(main);
        }
        if (planner.share(Noise.REGISTRY_FORMER_NAMES, 0.06)) {
            int n = planner.draw(0.2) ? 2 : 1;
            String[] former = new String[n];
            for (int k = 0; k < n; k++) {
                NameFactory.Combo fc =
                        planner.draw(0.5)
                                ? names.comboWithTrade(combo.trade())
                                : names.newCombo(false);
                Vocab.Prefix fp =
                        planner.draw(0.7)
                                ? prefix
                                : Vocab.ENTERPRISE_PREFIXES.get(
                                        rnd.nextInt(Vocab.ENTERPRISE_PREFIXES.size()));
                former[k] =
                        NameFactory.enterprise(
                                prefixText(fp), fc, Vocab.LEGAL_FORMS.get(rnd.nextInt(2)));
            }
            reg.setFormerNames(main, former);
            reg.renamed.add(main);
            planner.hit(Noise.REGISTRY_FORMER_NAMES);
        }
        if (planner.share(Noise.REGISTRY_BRANCH, 0.04)) {
            int n = planner.draw(0.3) ? 2 : 1;
            int first = rnd.nextInt(Vocab.BRANCH_PLACES.size());
            for (int k = 0; k < n && reg.size() < reg.capacity(); k++) {
                int p = (first + k) % Vocab.BRANCH_PLACES.size();
                int b =
                        reg.add(
                                NameFactory.branch(name, Vocab.BRANCH_PLACES.get(p)),
                                GeneratedRegistry.BRANCH,
                                GeneratedRegistry.HAS_USCC
                                        | (bracketed ? GeneratedRegistry.BRACKETED : 0),
                                BRANCH_DIVISIONS[p],
                                prefixLen);
                reg.branches.add(b);
                reg.enterprises.add(b);
                reg.fuzzyOk.add(b);
                planner.hit(Noise.REGISTRY_BRANCH);
            }
        }
    }

    private static void mark(
            GeneratedRegistry reg, int flag, GeneratedRegistry.IntList list, int a, int b) {
        reg.addFlags(a, flag);
        reg.addFlags(b, flag);
        list.add(a);
        list.add(b);
        reg.enterprises.add(b);
    }

    private static String prefixText(Vocab.Prefix p) {
        return p == null ? "" : p.text();
    }

    // ---- files
    // -----------------------------------------------------------------------------------

    /** Writes the registry files under {@code registryDir}; returns their paths. */
    List<Path> write(GeneratedRegistry reg, Path registryDir, ObjectMapper json)
            throws IOException {
        Files.createDirectories(registryDir);
        List<Path> written = new ArrayList<>();
        Path csv = registryDir.resolve("enterprises.csv");
        Path jsonl = registryDir.resolve("individual.jsonl");
        boolean separate =
                settings.individualRegistryFile()
                        && (reg.individualsUscc.size() + reg.individualsRegNoOnly.size()) > 0;
        written.add(csv);
        if (separate) {
            written.add(jsonl);
        }
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                BufferedWriter ind =
                        separate ? Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8) : null) {
            out.write("统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态,成立日期,法定代表人,企业类型\n");
            for (int i = 0; i < reg.size(); i++) {
                Random r = new Random(settings.seed() * 7_919L + i);
                String status =
                        reg.is(i, GeneratedRegistry.DEREGISTERED)
                                ? "注销"
                                : r.nextInt(100) < 80 ? "存续" : r.nextInt(10) < 9 ? "在业" : "吊销";
                LocalDate established =
                        reg.is(i, GeneratedRegistry.OLD_ORG)
                                        || (reg.kind(i) == GeneratedRegistry.INDIVIDUAL
                                                && reg.regNo(i) != null)
                                ? LocalDate.of(1998, 1, 1).plusDays(r.nextInt(6200))
                                : LocalDate.of(2015, 1, 1)
                                        .plusDays(
                                                r.nextInt(
                                                        Math.max(
                                                                1,
                                                                (int)
                                                                                (settings.today()
                                                                                                .toEpochDay()
                                                                                        - LocalDate
                                                                                                .of(
                                                                                                        2015,
                                                                                                        1,
                                                                                                        1)
                                                                                                .toEpochDay())
                                                                        - 400)));
                if (separate && reg.kind(i) == GeneratedRegistry.INDIVIDUAL) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    putIfSet(o, "uscc", reg.uscc(i));
                    o.put("name", reg.name(i));
                    putIfSet(o, "reg_no", reg.regNo(i));
                    o.put("division_code", reg.division(i));
                    o.put("status", status);
                    o.put("established", established.toString());
                    o.put("operator", reg.legalRep(i));
                    o.put("entity_type", "个体工商户");
                    ind.write(json.writeValueAsString(o));
                    ind.write('\n');
                    continue;
                }
                String[] former = reg.formerNames(i);
                String type =
                        reg.kind(i) == GeneratedRegistry.INDIVIDUAL
                                ? "个体工商户"
                                : reg.kind(i) == GeneratedRegistry.BRANCH
                                        ? "有限责任公司分公司"
                                        : reg.name(i).endsWith("股份有限公司") ? "股份有限公司" : "有限责任公司";
                out.write(
                        Csv.record(
                                List.of(
                                        nz(reg.uscc(i)),
                                        reg.name(i),
                                        nz(reg.regNo(i)),
                                        former == null ? "" : String.join(";", former),
                                        reg.division(i),
                                        status,
                                        established.toString(),
                                        reg.legalRep(i),
                                        type),
                                false));
                out.write('\n');
            }
        }
        return written;
    }

    private static void putIfSet(Map<String, Object> o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
