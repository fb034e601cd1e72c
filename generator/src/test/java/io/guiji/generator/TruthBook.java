package io.guiji.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.generator.Decision.Copy;
import io.guiji.generator.Decision.Subject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ground truth of the tests, from the generator's own knowledge of what it wrote (never from
 * pipeline code): the expected outcome of every input record, every unified record, and coverage. A
 * {@link GenerationListener}: {@link #generate} writes a sample and, beside it, these files:
 *
 * <ul>
 *   <li>{@code records.jsonl}, one line per input record: {@code file}, {@code row}, {@code
 *       outcome} (ACCEPTED/REJECTED), {@code reason} (null or the docs/contract.md §7 reason),
 *       {@code record_type} (null when the path names none), {@code dept_code}, {@code doc_no}
 *       (canonical, accepted records only), {@code detail} (the {@link Noise} kind of a rejection);
 *   <li>{@code unified.jsonl}, one line per identity with accepted copies: {@code record_type},
 *       {@code dept_code}, {@code doc_no}, {@code copies}, {@code status}, {@code decision_date},
 *       {@code person}, {@code enterprise_id}, {@code link_method} (docs/contract.md §6 tiers 1–5,
 *       PERSON or NONE), {@code fuzzy_enterprise_id}, {@code name_variant}, {@code code_variant},
 *       {@code subject_kind}, {@code true_enterprise_id}, {@code winner} ({@code subject_name}
 *       after Text normalization, {@code fine_amount} for penalties as a plain decimal string,
 *       {@code updated_at} ISO or null), {@code sources} and {@code noise};
 *   <li>{@code coverage.json}: docs/contract.md §8 over all input, with per-division and
 *       per-department figures;
 *   <li>{@code meta.json}: seed, day of processing, expected totals, noise counts, files.
 * </ul>
 *
 * <p>Linking follows docs/contract.md §6 literally: a valid USCC of any accepted copy, else a
 * registered registration number, else an organization code matching a registry USCC, else the name
 * key equal to exactly one registry name, else to exactly one former name, else NONE. The
 * generator's intent is checked against that outcome, so an accidental collision fails generation
 * instead of producing a wrong truth.
 */
final class TruthBook implements GenerationListener, AutoCloseable {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** What it writes into the truth directory; a directory holding only these is reused. */
    private static final Set<String> FILES =
            Set.of("records.jsonl", "unified.jsonl", "coverage.json", "meta.json");

    /** Non-person unified records of one department that link exactly, and with the fuzzy tier. */
    private static final class Linked {
        long linked;
        long withFuzzy;
    }

    private final ObjectMapper json =
            new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final Path dir;
    private final BufferedWriter records;
    private final BufferedWriter unified;
    private final Map<String, Linked> linked = new TreeMap<>();
    private GeneratedRegistry reg;

    private TruthBook(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        records = Files.newBufferedWriter(dir.resolve("records.jsonl"), StandardCharsets.UTF_8);
        unified = Files.newBufferedWriter(dir.resolve("unified.jsonl"), StandardCharsets.UTF_8);
    }

    /**
     * Writes the sample of {@code generator} under {@code inputDir} and its ground truth under
     * {@code truthDir}, which must lie outside {@code inputDir} and be absent, empty or hold an
     * earlier truth.
     */
    static GenerationResult generate(SampleGenerator generator, Path inputDir, Path truthDir) {
        if (truthDir.toAbsolutePath()
                .normalize()
                .startsWith(inputDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(
                    "the truth directory must lie outside the input directory " + inputDir);
        }
        SampleGenerator.prepare(truthDir, FILES);
        try (TruthBook truth = new TruthBook(truthDir)) {
            return generator.generate(inputDir, truth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void registry(GeneratedRegistry registry) {
        this.reg = registry;
    }

    @Override
    public void row(Decision d, Copy c) {
        String reason = c.reject == null ? null : c.reject.reason();
        row(
                c.file,
                c.row,
                reason,
                d.type(),
                d.dept().code(),
                c.reject == null ? d.docNo : null,
                c.reject);
    }

    @Override
    public void unknownSource(String file, long row, String dept) {
        row(
                file,
                row,
                Noise.REJECT_UNKNOWN_SOURCE.reason(),
                null,
                dept,
                null,
                Noise.REJECT_UNKNOWN_SOURCE);
    }

    private void row(
            String file,
            long row,
            String reason,
            String type,
            String dept,
            String docNo,
            Noise detail) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file);
        o.put("row", row);
        o.put("outcome", reason == null ? "ACCEPTED" : "REJECTED");
        o.put("reason", reason);
        o.put("record_type", type);
        o.put("dept_code", dept);
        o.put("doc_no", docNo);
        o.put("detail", detail == null ? null : detail.name());
        line(records, o);
    }

    /** A decision whose copies are all written: its unified record, if any copy is accepted. */
    @Override
    public void decision(Decision d) {
        List<Copy> acc = new ArrayList<>();
        for (Copy c : d.copies) {
            if (c.accepted()) {
                acc.add(c);
            }
        }
        if (acc.isEmpty()) {
            return;
        }
        Subject s = d.subject;

        // The winning copy (docs/contract.md §5): the latest updated_at; copies that tie must
        // agree.
        LocalDateTime latest = null;
        for (Copy c : acc) {
            if ((c.updatedAt == null) == d.timed) {
                throw new IllegalStateException("generator bug: mixed updated_at in " + d.docNo);
            }
            if (c.updatedAt != null && (latest == null || c.updatedAt.isAfter(latest))) {
                latest = c.updatedAt;
            }
        }
        Copy winner = null;
        for (Copy c : acc) {
            if (latest == null || c.updatedAt.equals(latest)) {
                if (winner == null) {
                    winner = c;
                } else if (!sameTruth(winner, c)) {
                    throw new IllegalStateException(
                            "generator bug: tied copies of " + d.docNo + " differ");
                }
            }
        }
        String name = Normal.clean((String) winner.values.get("subject_name"));

        // Linking (docs/contract.md §6).
        boolean uscc = false;
        boolean regNo = false;
        boolean org = false;
        for (Copy c : acc) {
            uscc |= c.carriesUscc;
            regNo |= c.carriesRegNo;
            org |= c.carriesOrgCode;
        }
        String method;
        String id = null;
        if (s.person) {
            method = "PERSON";
        } else if (uscc) {
            method = "USCC";
            id = s.uscc;
        } else if (regNo) {
            method = "REG_NO";
            id = reg.id(s.entry);
        } else if (org) {
            method = "ORG_CODE";
            id = reg.id(s.entry);
        } else {
            String key = Normal.nameKey(name);
            int m = reg.byName(key);
            if (m >= 0) {
                method = "NAME";
                id = reg.id(m);
            } else {
                int f = reg.byFormerName(key);
                method = f >= 0 ? "FORMER_NAME" : "NONE";
                id = f >= 0 ? reg.id(f) : null;
            }
            checkIntent(d, method, id);
        }
        boolean fuzzyVariant =
                s.nameVariant.equals("typo") || s.nameVariant.equals("dropped_prefix");
        String fuzzy = method.equals("NONE") && fuzzyVariant && s.fuzzyFindable ? s.trueId : null;
        if (!s.person) {
            Linked l = linked.computeIfAbsent(d.dept().code(), k -> new Linked());
            if (id != null) {
                l.linked++;
            }
            if (id != null || fuzzy != null) {
                l.withFuzzy++;
            }
        }

        Map<String, Object> o = new LinkedHashMap<>();
        o.put("record_type", d.type());
        o.put("dept_code", d.dept().code());
        o.put("doc_no", d.docNo);
        o.put("copies", acc.size());
        o.put("status", winner.version.revoked ? "REVOKED" : "ACTIVE");
        o.put("decision_date", d.date.toString());
        o.put("person", s.person);
        o.put("enterprise_id", id);
        o.put("link_method", method);
        o.put("fuzzy_enterprise_id", fuzzy);
        o.put("name_variant", s.nameVariant);
        o.put("code_variant", d.codeVariant);
        o.put("subject_kind", s.kind);
        o.put("true_enterprise_id", s.trueId);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("subject_name", name);
        if (d.type().equals("penalty")) {
            w.put(
                    "fine_amount",
                    winner.fine == null ? null : winner.fine.stripTrailingZeros().toPlainString());
        }
        w.put("updated_at", winner.updatedAt == null ? null : winner.updatedAt.format(ISO));
        o.put("winner", w);
        List<Map<String, Object>> sources = new ArrayList<>(acc.size());
        for (Copy c : acc) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("file", c.file);
            ref.put("row", c.row);
            sources.add(ref);
        }
        o.put("sources", sources);
        List<String> noise = new ArrayList<>();
        for (Noise n : d.noise) {
            noise.add(n.name());
        }
        o.put("noise", noise);
        line(unified, o);
    }

    /** Whether the name tiers gave what the generator meant; a surprise is a generator bug. */
    private void checkIntent(Decision d, String method, String id) {
        Subject s = d.subject;
        String expected;
        switch (s.nameVariant) {
            case "former_name" -> expected = "FORMER_NAME";
            case "typo", "dropped_prefix" -> expected = "NONE";
            default -> expected = s.entry < 0 || s.kind.equals("same_name") ? "NONE" : "NAME";
        }
        boolean ok = expected.equals(method) && (id == null || id.equals(s.trueId));
        if (!ok) {
            throw new IllegalStateException(
                    "generator bug: "
                            + d.docNo
                            + " ("
                            + s.kind
                            + ", "
                            + s.nameVariant
                            + ", '"
                            + s.name
                            + "') links by "
                            + method
                            + " to "
                            + id
                            + ", meant "
                            + expected
                            + " to "
                            + s.trueId);
        }
    }

    private static boolean sameTruth(Copy a, Copy b) {
        return Normal.clean((String) a.values.get("subject_name"))
                        .equals(Normal.clean((String) b.values.get("subject_name")))
                && a.version.revoked == b.version.revoked
                && (a.fine == null
                        ? b.fine == null
                        : b.fine != null && a.fine.compareTo(b.fine) == 0);
    }

    /** Writes {@code coverage.json} and {@code meta.json}. */
    @Override
    public void finish(Catalog catalog, double target, Tally tally, Map<String, Object> meta)
            throws IOException {
        Tally.Coverage cov = tally.coverage();
        List<String> uncatalogued = new ArrayList<>();
        for (Map.Entry<String, Tally.DeptStats> e : tally.byDept().entrySet()) {
            if (!cov.catalogued().contains(e.getKey()) && e.getValue().received > 0) {
                uncatalogued.add(e.getKey());
            }
        }
        List<Map<String, Object>> uncoveredItems = new ArrayList<>();
        for (Tally.Item i : cov.uncoveredItems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("dept_code", i.dept());
            item.put("record_type", i.type());
            uncoveredItems.add(item);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("period", "all-input");
        c.put("target", target);
        c.put("dept_coverage", cov.deptCoverage());
        c.put("item_coverage", cov.itemCoverage());
        c.put("status", cov.deptCoverage() >= target ? "MET" : "BELOW");
        c.put("catalogued_depts", cov.depts());
        c.put("covered_depts", cov.coveredDepts());
        c.put("catalogue_items", cov.items());
        c.put("covered_items", cov.coveredItems());
        c.put("uncovered_depts", cov.uncoveredDepts());
        c.put("uncovered_items", uncoveredItems);
        c.put("uncatalogued_depts", uncatalogued);
        Map<String, Object> byDivision = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : cov.divisions().entrySet()) {
            int[] v = e.getValue();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("depts", v[0]);
            o.put("covered_depts", v[1]);
            o.put("items", v[2]);
            o.put("covered_items", v[3]);
            double dc = v[0] == 0 ? 1.0 : (double) v[1] / v[0];
            o.put("dept_coverage", dc);
            o.put("item_coverage", v[2] == 0 ? 1.0 : (double) v[3] / v[2]);
            o.put("status", dc >= target ? "MET" : "BELOW");
            byDivision.put(e.getKey(), o);
        }
        c.put("by_division", byDivision);
        Map<String, Object> perDept = new LinkedHashMap<>();
        Set<String> all = new TreeSet<>(cov.catalogued());
        all.addAll(tally.byDept().keySet());
        for (String code : all) {
            Tally.DeptStats s = tally.byDept().getOrDefault(code, new Tally.DeptStats());
            Linked l = linked.getOrDefault(code, new Linked());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("catalogued", cov.catalogued().contains(code));
            o.put("received", s.received);
            o.put("accepted", s.accepted);
            o.put("rejected", s.rejected);
            o.put("duplicates", s.accepted - s.unified);
            o.put("unified", s.unified);
            o.put("non_person", s.nonPerson);
            o.put("linked", l.linked);
            o.put("linked_with_fuzzy", l.withFuzzy);
            perDept.put(code, o);
        }
        c.put("by_dept", perDept);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("coverage.json").toFile(), c);

        Map<String, Object> m = new LinkedHashMap<>(meta);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("records", tally.written());
        expected.put("accepted", tally.accepted());
        expected.put("rejected", tally.rejected());
        expected.put("unified", tally.unified());
        expected.put("rejected_by_reason", tally.rejectedByReason());
        m.put("expected", expected);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("meta.json").toFile(), m);
    }

    private void line(BufferedWriter out, Map<String, Object> o) {
        try {
            out.write(json.writeValueAsString(o));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        records.close();
        unified.close();
    }
}
