package io.guiji.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.file.FileRunJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded run against the generator's ground truth: a sample with channel duplicates, bracket
 * variants, versions, revocations, broken rows of every reason, GBK files and both field layouts.
 * Every input record must be accounted for exactly once, and dedup, final states, links and
 * coverage must be what the generator knows them to be.
 */
class GeneratedSampleITCase {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;

    static List<JsonNode> truthRecords;
    static List<JsonNode> truthUnified;
    static JsonNode truthCoverage;
    static List<JsonNode> unified;
    static List<JsonNode> rejected;
    static JsonNode coverage;

    @BeforeAll
    static void generateAndRun() throws Exception {
        Path input = dir.resolve("input");
        Path truth = dir.resolve("truth");
        Path output = dir.resolve("output");
        TruthBook.generate(
                new SampleGenerator(SampleGenerator.Settings.small().seed(20211).today(TODAY)),
                input,
                truth);
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.PROCESSING_DATE, TODAY.toString());
        conf.set(GuijiOptions.PARALLELISM, 2);
        FileRunJob.run(input, output, conf);

        truthRecords = lines(truth.resolve("records.jsonl"));
        truthUnified = lines(truth.resolve("unified.jsonl"));
        truthCoverage = JSON.readTree(truth.resolve("coverage.json").toFile());
        unified = jsonl(output.resolve("unified"));
        rejected = jsonl(output.resolve("rejected"));
        coverage = JSON.readTree(output.resolve("coverage.json").toFile());
    }

    @Test
    void everyInputRecordIsASourceOrARejectionExactlyOnceWithTheExpectedReason() {
        Map<String, List<String>> placed = new HashMap<>();
        for (JsonNode u : unified) {
            for (JsonNode s : u.get("sources")) {
                placed.computeIfAbsent(ref(s), k -> new ArrayList<>())
                        .add("ACCEPTED " + identity(u));
            }
        }
        for (JsonNode r : rejected) {
            placed.computeIfAbsent(ref(r), k -> new ArrayList<>())
                    .add("REJECTED " + r.get("reason").asText());
        }
        assertThat(placed).hasSameSizeAs(truthRecords);
        for (JsonNode t : truthRecords) {
            String expected =
                    t.get("outcome").asText().equals("ACCEPTED")
                            ? "ACCEPTED " + identity(t)
                            : "REJECTED " + t.get("reason").asText();
            assertThat(placed.get(ref(t))).as("record %s", ref(t)).containsExactly(expected);
        }
    }

    @Test
    void copiesUniteIntoOneRecordWithTheLatestStateAndAllSources() {
        Map<String, JsonNode> byIdentity = index(unified);
        assertThat(byIdentity).hasSameSizeAs(truthUnified).hasSameSizeAs(unified);
        for (JsonNode t : truthUnified) {
            JsonNode u = byIdentity.get(identity(t));
            assertThat(u).as("unified record %s", identity(t)).isNotNull();
            assertThat(u.get("sources"))
                    .as("sources of %s", identity(t))
                    .hasSize(t.get("copies").asInt());
            assertThat(u.get("status").asText())
                    .as("status of %s", identity(t))
                    .isEqualTo(t.get("status").asText());
            assertThat(u.get("decision_date").asText()).isEqualTo(t.get("decision_date").asText());
            assertThat(u.get("subject_name").asText())
                    .as("winning copy of %s", identity(t))
                    .isEqualTo(t.get("winner").get("subject_name").asText());
            assertThat(u.get("version").asLong()).isPositive();
        }
    }

    @Test
    void linksFollowTheTiersAndFuzzyLinksAreNeverWrong() {
        Map<String, JsonNode> byIdentity = index(unified);
        int exact = 0;
        for (JsonNode t : truthUnified) {
            JsonNode u = byIdentity.get(identity(t));
            String method = u.get("link_method").asText();
            String enterprise =
                    u.get("enterprise_id").isNull() ? null : u.get("enterprise_id").asText();
            String expectedMethod = t.get("link_method").asText();
            String expected =
                    t.get("enterprise_id").isNull() ? null : t.get("enterprise_id").asText();
            if (method.equals("FUZZY")) {
                // tier 6 may find what tiers 1-5 cannot, but only the right enterprise
                assertThat(expectedMethod).as("fuzzy link of %s", identity(t)).isEqualTo("NONE");
                assertThat(enterprise)
                        .as("fuzzy link of %s", identity(t))
                        .isEqualTo(text(t.get("fuzzy_enterprise_id")));
                continue;
            }
            assertThat(method)
                    .as("link method of %s (%s)", identity(t), t.get("name_variant"))
                    .isEqualTo(expectedMethod);
            assertThat(enterprise).as("enterprise of %s", identity(t)).isEqualTo(expected);
            if (!method.equals("NONE") && !method.equals("PERSON")) {
                exact++;
            }
        }
        assertThat(exact).isGreaterThan(truthUnified.size() / 2);
    }

    @Test
    void personalIdNumbersNeverAppearWhole() {
        for (JsonNode u : unified) {
            JsonNode id = u.get("id_no");
            if (!id.isNull()) {
                assertThat(id.asText()).contains("********");
            }
        }
    }

    @Test
    void coverageIsWhatTheCatalogueAndTheAcceptedRecordsMakeIt() {
        for (String field :
                List.of(
                        "dept_coverage",
                        "item_coverage",
                        "status",
                        "uncovered_depts",
                        "uncatalogued_depts")) {
            assertThat(coverage.get(field)).as(field).isEqualTo(truthCoverage.get(field));
        }
        assertThat(set(coverage.get("uncovered_items")))
                .isEqualTo(set(truthCoverage.get("uncovered_items")));
        truthCoverage
                .get("by_dept")
                .fields()
                .forEachRemaining(
                        e -> {
                            JsonNode got = coverage.get("by_dept").get(e.getKey());
                            assertThat(got).as("by_dept %s", e.getKey()).isNotNull();
                            for (String f :
                                    List.of("received", "accepted", "rejected", "duplicates")) {
                                assertThat(got.get(f).asLong())
                                        .as("by_dept %s %s", e.getKey(), f)
                                        .isEqualTo(e.getValue().get(f).asLong());
                            }
                        });
    }

    private static java.util.Set<String> set(JsonNode array) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        array.forEach(
                n -> s.add(n.get("dept_code").asText() + "/" + n.get("record_type").asText()));
        return s;
    }

    private static Map<String, JsonNode> index(List<JsonNode> records) {
        Map<String, JsonNode> m = new HashMap<>();
        records.forEach(u -> m.put(identity(u), u));
        return m;
    }

    private static String identity(JsonNode n) {
        return n.get("record_type").asText()
                + "|"
                + n.get("dept_code").asText()
                + "|"
                + n.get("doc_no").asText();
    }

    private static String ref(JsonNode n) {
        return n.get("file").asText() + "#" + n.get("row").asLong();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static List<JsonNode> jsonl(Path folder) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                out.addAll(lines(f));
            }
        }
        Objects.requireNonNull(out);
        return out;
    }
}
