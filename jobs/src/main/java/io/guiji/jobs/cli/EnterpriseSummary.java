package io.guiji.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The enterprise part of a bounded run's summary, read back from {@code OUTPUT/enterprises/} and
 * {@code OUTPUT/leads/} (docs/contract.md §9): profiles by health grade, leads by kind and
 * department, and — in the demo — the least healthy profiles and a few leads as examples. Reads one
 * line at a time and keeps only the examples.
 */
final class EnterpriseSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnterpriseSummary() {}

    static void print(PrintStream out, Path output, int examples) throws IOException {
        Map<String, Long> grades = new TreeMap<>();
        Map<String, String> labels = new TreeMap<>();
        long profiles = 0;
        Comparator<JsonNode> healthiestFirst =
                Comparator.<JsonNode>comparingInt(p -> p.get("health").get("score").asInt())
                        .reversed()
                        .thenComparing(p -> p.get("enterprise_id").asText());
        PriorityQueue<JsonNode> lowest = new PriorityQueue<>(healthiestFirst);
        for (JsonNode p : (Iterable<JsonNode>) lines(output.resolve("enterprises"))::iterator) {
            profiles++;
            JsonNode h = p.get("health");
            grades.merge(h.get("grade").asText(), 1L, Long::sum);
            labels.put(h.get("grade").asText(), h.get("grade_label").asText());
            if (examples > 0) {
                lowest.add(p);
                if (lowest.size() > examples) {
                    lowest.poll();
                }
            }
        }
        Map<String, Long> kinds = new TreeMap<>();
        Map<String, Long> departments = new LinkedHashMap<>();
        List<JsonNode> someLeads = new ArrayList<>();
        long leads = 0;
        for (JsonNode l : (Iterable<JsonNode>) lines(output.resolve("leads"))::iterator) {
            leads++;
            kinds.merge(l.get("kind_label").asText(), 1L, Long::sum);
            departments.merge(l.get("department").asText(), 1L, Long::sum);
            if (someLeads.size() < examples) {
                someLeads.add(l);
            }
        }
        StringJoiner byGrade = new StringJoiner(" · ");
        grades.forEach((g, n) -> byGrade.add(labels.get(g) + " " + String.format("%,d", n)));
        out.printf(
                "  enterprises     %,10d   profiles, health %s%n",
                profiles, profiles == 0 ? "-" : byGrade);
        List<JsonNode> worst = new ArrayList<>(lowest);
        worst.sort(healthiestFirst.reversed());
        for (JsonNode p : worst) {
            out.printf(
                    "                  %s %s (%s): %d %s — %s%n",
                    p.get("enterprise_id").asText(),
                    p.get("name").asText(),
                    counts(p.get("counts_by_type")),
                    p.get("health").get("score").asInt(),
                    p.get("health").get("grade_label").asText(),
                    deductions(p.get("health").get("components")));
        }
        StringJoiner byKind = new StringJoiner(" · ");
        kinds.forEach((k, n) -> byKind.add(k + " " + String.format("%,d", n)));
        out.printf("  leads (无证无照) %,9d   %s%n", leads, leads == 0 ? "" : byKind);
        if (leads > 0) {
            StringJoiner byDept = new StringJoiner(", ");
            departments.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(
                            e -> byDept.add(e.getKey() + " " + String.format("%,d", e.getValue())));
            out.printf("                  routed to %s%n", byDept);
        }
        for (JsonNode l : someLeads) {
            JsonNode first = l.get("evidence").get(0);
            out.printf(
                    "                  %s %s%s → %s (%d evidence, e.g. %s %s)%n",
                    l.get("kind_label").asText(),
                    l.get("subject_name").asText(),
                    l.get("activity").isNull() ? "" : " " + l.get("activity").asText(),
                    l.get("department").asText(),
                    l.get("evidence").size(),
                    first.get("doc_no").asText(),
                    first.get("what").asText());
        }
    }

    private static String counts(JsonNode byType) {
        StringJoiner j = new StringJoiner(", ");
        byType.fields().forEachRemaining(e -> j.add(e.getValue().asLong() + " " + e.getKey()));
        return j.toString();
    }

    /** The components that deducted points, largest first: "listings −28, penalties −16". */
    private static String deductions(JsonNode components) {
        List<JsonNode> cs = new ArrayList<>();
        components.forEach(
                c -> {
                    if (c.get("deduction").asDouble() > 0) {
                        cs.add(c);
                    }
                });
        cs.sort(
                Comparator.comparingDouble((JsonNode c) -> c.get("deduction").asDouble())
                        .reversed());
        StringJoiner j = new StringJoiner(", ");
        cs.forEach(
                c ->
                        j.add(
                                c.get("name").asText()
                                        + " −"
                                        + java.math.BigDecimal.valueOf(
                                                        c.get("deduction").asDouble())
                                                .stripTrailingZeros()
                                                .toPlainString()));
        return cs.isEmpty() ? "nothing deducted" : j.toString();
    }

    /** The JSON lines of the part files of {@code folder} (absent: none), in file order. */
    private static Stream<JsonNode> lines(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        return files.stream()
                .flatMap(
                        f -> {
                            try {
                                BufferedReader r =
                                        Files.newBufferedReader(f, StandardCharsets.UTF_8);
                                return r.lines().onClose(() -> close(r));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                .map(EnterpriseSummary::parse);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void close(BufferedReader r) {
        try {
            r.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
