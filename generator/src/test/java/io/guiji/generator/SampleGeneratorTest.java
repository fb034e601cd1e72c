package io.guiji.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.normalize.CitizenId;
import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.normalize.OrgCode;
import io.guiji.jobs.normalize.RegNo;
import io.guiji.jobs.normalize.Uscc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample generator on its own, without the pipeline: determinism, row accounting, the presence
 * of every kind of noise and rejection, encodings, code validity and the consistency of the truth.
 */
class SampleGeneratorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path shared;

    private static GenerationResult small;
    private static Path input;
    private static Path truth;
    private static List<JsonNode> truthRows;
    private static List<JsonNode> unified;

    @BeforeAll
    static void generateSmall() throws IOException {
        input = shared.resolve("in");
        truth = shared.resolve("truth");
        small =
                TruthBook.generate(
                        new SampleGenerator(SampleGenerator.Settings.small().seed(42).today(TODAY)),
                        input,
                        truth);
        truthRows = jsonLines(truth.resolve("records.jsonl"));
        unified = jsonLines(truth.resolve("unified.jsonl"));
    }

    @Test
    void sameSeedWritesIdenticalFiles(@TempDir Path dir) throws Exception {
        TruthBook.generate(
                new SampleGenerator(SampleGenerator.Settings.small().seed(42).today(TODAY)),
                dir.resolve("in"),
                dir.resolve("truth"));

        assertThat(hashes(dir.resolve("in"))).isEqualTo(hashes(input));
        assertThat(hashes(dir.resolve("truth"))).isEqualTo(hashes(truth));
    }

    @Test
    void anotherSeedWritesOtherRecords(@TempDir Path dir) throws Exception {
        new SampleGenerator(SampleGenerator.Settings.small().seed(43).today(TODAY))
                .generate(dir.resolve("in"));

        assertThat(hashes(dir.resolve("in"))).isNotEqualTo(hashes(input));
        assertThat(dir.resolve("truth")).doesNotExist();
    }

    @Test
    void truthHasOneRowPerRecordWritten() throws IOException {
        assertThat(truthRows).hasSize((int) small.recordsWritten());
        assertThat(small.expectedAccepted() + small.expectedRejected())
                .isEqualTo(small.recordsWritten());

        Map<String, Set<Long>> rowsByFile = new TreeMap<>();
        for (JsonNode r : truthRows) {
            assertThat(
                            rowsByFile
                                    .computeIfAbsent(r.get("file").asText(), k -> new TreeSet<>())
                                    .add(r.get("row").asLong()))
                    .as("row %s of %s appears once", r.get("row"), r.get("file"))
                    .isTrue();
        }
        Map<String, Long> counted = new TreeMap<>();
        for (GenerationResult.InputFile f : small.files()) {
            byte[] bytes = Files.readAllBytes(input.resolve(f.path()));
            long n = f.format().equals("csv") ? csvRecords(bytes) : jsonlRecords(bytes);
            assertThat(n).as("records of %s", f.path()).isEqualTo(f.rows());
            counted.put(f.path(), n);
        }
        assertThat(rowsByFile.keySet()).isEqualTo(counted.keySet());
        for (Map.Entry<String, Set<Long>> e : rowsByFile.entrySet()) {
            long n = counted.get(e.getKey());
            assertThat(e.getValue()).as("rows of %s", e.getKey()).hasSize((int) n);
            assertThat(((TreeSet<Long>) e.getValue()).first()).isEqualTo(1L);
            assertThat(((TreeSet<Long>) e.getValue()).last()).isEqualTo(n);
        }
        try (Stream<Path> files = Files.walk(input.resolve("records"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(small.files().size());
        }
    }

    @Test
    void smallSampleHasEveryReasonAndEveryKindOfNoise() {
        Set<Noise> missing = EnumSet.noneOf(Noise.class);
        small.noise()
                .forEach(
                        (n, count) -> {
                            if (count == 0) {
                                missing.add(n);
                            }
                        });
        assertThat(missing).as("kinds of noise never written").isEmpty();

        assertThat(values(truthRows, "reason"))
                .containsExactlyInAnyOrder(
                        "MALFORMED", "MISSING_FIELD", "INVALID_DATE", "UNKNOWN_SOURCE");
        Set<String> details = values(truthRows, "detail");
        for (Noise n : Noise.values()) {
            if (n.isReject()) {
                assertThat(details).contains(n.name());
            }
        }
        assertThat(values(unified, "link_method"))
                .containsExactlyInAnyOrder(
                        "USCC", "REG_NO", "ORG_CODE", "NAME", "FORMER_NAME", "PERSON", "NONE");
        assertThat(values(unified, "name_variant"))
                .contains(
                        "exact",
                        "bracket_width",
                        "spaces",
                        "fullwidth_letters",
                        "letter_case",
                        "punctuation",
                        "traditional",
                        "dropped_prefix",
                        "former_name",
                        "typo");
        assertThat(values(unified, "code_variant"))
                .contains(
                        "uscc",
                        "uscc_other_copy",
                        "reg_no",
                        "org_code",
                        "wrong_column",
                        "typo",
                        "none",
                        "unregistered",
                        "id_no");
        assertThat(values(unified, "status")).containsExactlyInAnyOrder("ACTIVE", "REVOKED");
        assertThat(unified).anyMatch(u -> !u.get("fuzzy_enterprise_id").isNull());
    }

    @Test
    void gbkFilesAreNotUtf8() throws IOException {
        List<GenerationResult.InputFile> gbk =
                small.files().stream().filter(f -> f.encoding().equals("GBK")).toList();
        assertThat(gbk).isNotEmpty();
        for (GenerationResult.InputFile f : gbk) {
            byte[] bytes = Files.readAllBytes(input.resolve(f.path()));
            assertThatThrownBy(() -> strict(StandardCharsets.UTF_8, bytes))
                    .isInstanceOf(CharacterCodingException.class);
            String text = strict(Charset.forName("GBK"), bytes);
            assertThat(text).containsAnyOf("行政相对人名称", "XK_WSH", "CF_WSH");
        }
        List<GenerationResult.InputFile> utf8 =
                small.files().stream()
                        .filter(f -> f.encoding().equals("UTF-8") && !isBadBytesFile(f.path()))
                        .toList();
        for (GenerationResult.InputFile f : utf8) {
            strict(StandardCharsets.UTF_8, Files.readAllBytes(input.resolve(f.path())));
        }
    }

    @Test
    void generatedCodesPassTheirCheckFunctions() throws IOException {
        List<String[]> csv = csvRows(Files.readString(input.resolve("registry/enterprises.csv")));
        assertThat(csv.get(0)).startsWith("统一社会信用代码", "企业名称", "注册号", "曾用名", "行政区划代码", "登记状态");
        int entries = 0;
        int withRegNo = 0;
        for (String[] r : csv.subList(1, csv.size())) {
            entries++;
            if (!r[0].isEmpty()) {
                assertThat(Uscc.isValid(r[0])).as(r[0]).isTrue();
                assertThat(OrgCode.isValid(Uscc.orgCode(r[0]))).as(r[0]).isTrue();
                assertThat(r[0].substring(2, 6)).isEqualTo("2113");
            }
            if (!r[2].isEmpty()) {
                assertThat(RegNo.isValid(r[2])).as(r[2]).isTrue();
                withRegNo++;
            }
        }
        for (JsonNode o : jsonLines(input.resolve("registry/individual.jsonl"))) {
            entries++;
            if (o.has("uscc")) {
                assertThat(o.get("uscc").asText())
                        .startsWith("92")
                        .satisfies(u -> assertThat(Uscc.isValid(u)).isTrue());
            } else {
                assertThat(RegNo.isValid(o.get("reg_no").asText())).isTrue();
            }
        }
        assertThat(entries).isEqualTo(small.registryEntries());
        assertThat(withRegNo).isPositive();

        for (JsonNode u : unified) {
            String id = u.get("enterprise_id").isNull() ? null : u.get("enterprise_id").asText();
            switch (u.get("link_method").asText()) {
                case "USCC", "ORG_CODE" -> assertThat(Uscc.isValid(id)).as(id).isTrue();
                case "REG_NO", "NAME", "FORMER_NAME" ->
                        assertThat(Uscc.isValid(id) || RegNo.isValid(id)).as(id).isTrue();
                default -> assertThat(id).isNull();
            }
        }
        int ids = 0;
        for (GenerationResult.InputFile f : small.files()) {
            if (f.format().equals("jsonl")) {
                for (String line : Files.readAllLines(input.resolve(f.path()))) {
                    JsonNode o = parseOrNull(line);
                    if (o != null && o.hasNonNull("id_no")) {
                        assertThat(
                                        CitizenId.isValid(
                                                Identifiers.canonical(o.get("id_no").asText())))
                                .as(line)
                                .isTrue();
                        ids++;
                    }
                }
            }
        }
        assertThat(ids).isPositive();
    }

    @Test
    void truthIsConsistentWithItself() throws IOException {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode r : truthRows) {
            rows.put(r.get("file").asText() + "#" + r.get("row").asLong(), r);
        }
        long copies = 0;
        Set<String> identities = new HashSet<>();
        for (JsonNode u : unified) {
            assertThat(
                            identities.add(
                                    u.get("record_type").asText()
                                            + "|"
                                            + u.get("dept_code").asText()
                                            + "|"
                                            + u.get("doc_no").asText()))
                    .isTrue();
            assertThat(u.get("sources")).hasSize(u.get("copies").asInt());
            for (JsonNode s : u.get("sources")) {
                JsonNode r = rows.get(s.get("file").asText() + "#" + s.get("row").asLong());
                assertThat(r.get("outcome").asText()).isEqualTo("ACCEPTED");
                assertThat(r.get("doc_no").asText()).isEqualTo(u.get("doc_no").asText());
            }
            copies += u.get("copies").asLong();
            String doc = u.get("doc_no").asText();
            assertThat(doc)
                    .doesNotContainPattern("\\s")
                    .doesNotContainPattern("[a-z]")
                    .doesNotContainPattern("[\\(\\[【（［]\\d{4}");
            if (u.get("person").asBoolean()) {
                assertThat(u.get("link_method").asText()).isEqualTo("PERSON");
            }
        }
        assertThat(copies).isEqualTo(small.expectedAccepted());
        assertThat(unified).hasSize((int) small.expectedUnified());

        JsonNode coverage = JSON.readTree(truth.resolve("coverage.json").toFile());
        assertThat(coverage.get("dept_coverage").asDouble())
                .isBetween(0.85, 0.93)
                .isEqualTo(small.deptCoverage());
        assertThat(coverage.get("status").asText()).isEqualTo("BELOW");
        assertThat(coverage.get("uncovered_depts")).isNotEmpty();
        assertThat(coverage.get("uncovered_items").size())
                .isGreaterThan(coverage.get("uncovered_depts").size());
        assertThat(coverage.get("uncatalogued_depts")).isNotEmpty();
        long received = 0;
        long duplicates = 0;
        for (JsonNode d : coverage.get("by_dept")) {
            received += d.get("received").asLong();
            duplicates += d.get("duplicates").asLong();
            assertThat(d.get("accepted").asLong() + d.get("rejected").asLong())
                    .isEqualTo(d.get("received").asLong());
        }
        assertThat(received).isEqualTo(small.recordsWritten());
        assertThat(duplicates).isEqualTo(small.expectedAccepted() - small.expectedUnified());
    }

    @Test
    void exactNameLinksNameExactlyOneRegistryEntry() throws IOException {
        Map<String, List<String>> byName = new HashMap<>();
        Map<String, List<String>> byFormer = new HashMap<>();
        List<String[]> csv = csvRows(Files.readString(input.resolve("registry/enterprises.csv")));
        for (String[] r : csv.subList(1, csv.size())) {
            String id = r[0].isEmpty() ? r[2] : r[0];
            byName.computeIfAbsent(Normal.nameKey(r[1]), k -> new ArrayList<>()).add(id);
            if (!r[3].isEmpty()) {
                for (String former : r[3].split(";")) {
                    byFormer.computeIfAbsent(Normal.nameKey(former), k -> new ArrayList<>())
                            .add(id);
                }
            }
        }
        for (JsonNode o : jsonLines(input.resolve("registry/individual.jsonl"))) {
            String id = o.has("uscc") ? o.get("uscc").asText() : o.get("reg_no").asText();
            byName.computeIfAbsent(Normal.nameKey(o.get("name").asText()), k -> new ArrayList<>())
                    .add(id);
        }
        int same = 0;
        for (JsonNode u : unified) {
            String key = Normal.nameKey(u.get("winner").get("subject_name").asText());
            String method = u.get("link_method").asText();
            if (method.equals("NAME")) {
                assertThat(byName.get(key)).containsExactly(u.get("enterprise_id").asText());
            } else if (method.equals("FORMER_NAME")) {
                assertThat(byName).doesNotContainKey(key);
                assertThat(byFormer.get(key)).containsExactly(u.get("enterprise_id").asText());
            } else if (u.get("subject_kind").asText().equals("same_name")
                    && method.equals("NONE")) {
                assertThat(byName.get(key)).hasSizeGreaterThan(1);
                same++;
            } else if (method.equals("NONE") && !u.get("fuzzy_enterprise_id").isNull()) {
                assertThat(byName).doesNotContainKey(key);
                assertThat(byFormer).doesNotContainKey(key);
            }
        }
        assertThat(same).isPositive();
    }

    @Test
    void largerRunWithoutTruthAccountsForEveryRecord(@TempDir Path dir) {
        GenerationResult r =
                new SampleGenerator(
                                SampleGenerator.Settings.scaled(4_000, 1_500).seed(9).today(TODAY))
                        .generate(dir.resolve("in"));

        assertThat(r.recordsWritten()).isBetween(3_900L, 4_400L);
        assertThat(r.registryEntries()).isEqualTo(1_500);
        assertThat(r.files().stream().mapToLong(GenerationResult.InputFile::rows).sum())
                .isEqualTo(r.recordsWritten());
        assertThat(r.expectedRejected()).isPositive().isLessThan(r.recordsWritten() / 10);
        assertThat(r.deptCoverage()).isBetween(0.85, 0.93);
    }

    @Test
    void replacesAnEarlierSampleButNothingElse(@TempDir Path dir) throws Exception {
        SampleGenerator.Settings s = SampleGenerator.Settings.small().seed(42).today(TODAY);
        TruthBook.generate(
                new SampleGenerator(s.copy().seed(5)), dir.resolve("in"), dir.resolve("truth"));
        TruthBook.generate(new SampleGenerator(s), dir.resolve("in"), dir.resolve("truth"));

        assertThat(hashes(dir.resolve("in"))).isEqualTo(hashes(input));
        assertThat(hashes(dir.resolve("truth"))).isEqualTo(hashes(truth));
        assertThatThrownBy(
                        () ->
                                TruthBook.generate(
                                        new SampleGenerator(s),
                                        dir.resolve("in"),
                                        dir.resolve("in").resolve("truth")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void refusesBadSettingsAndDirectoriesWithOtherFiles(@TempDir Path dir) throws IOException {
        assertThatThrownBy(
                        () ->
                                new SampleGenerator(SampleGenerator.Settings.scaled(0, 1_000))
                                        .generate(dir.resolve("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("records");
        assertThatThrownBy(
                        () ->
                                new SampleGenerator(SampleGenerator.Settings.scaled(100, 10))
                                        .generate(dir.resolve("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enterprises");
        Files.writeString(dir.resolve("x.txt"), "x");
        assertThatThrownBy(
                        () -> new SampleGenerator(SampleGenerator.Settings.small()).generate(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty");
    }

    // ---- helpers
    // ----------------------------------------------------------------------------------

    private static boolean isBadBytesFile(String path) {
        return truthRows.stream()
                .anyMatch(
                        r ->
                                r.get("file").asText().equals(path)
                                        && "REJECT_BAD_BYTES".equals(r.get("detail").asText()));
    }

    private static Set<String> values(List<JsonNode> lines, String field) {
        Set<String> s = new TreeSet<>();
        for (JsonNode o : lines) {
            if (!o.get(field).isNull()) {
                s.add(o.get(field).asText());
            }
        }
        return s;
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static JsonNode parseOrNull(String line) {
        try {
            return line.isBlank() ? null : JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    private static String strict(Charset cs, byte[] bytes) throws CharacterCodingException {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return out;
    }

    /**
     * Data records of a CSV file as docs/contract.md §3 counts them, from the bytes (quotes, commas
     * and line breaks are ASCII in UTF-8 and GBK alike): records after the header, blank lines not
     * counted, a quote still open at the end closing the last record.
     */
    static long csvRecords(byte[] b) {
        int i =
                b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF
                        ? 3
                        : 0;
        boolean quoted = false;
        boolean content = false;
        boolean header = true;
        long n = 0;
        for (; i < b.length; i++) {
            byte c = b[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < b.length && b[i + 1] == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
                content = true;
            } else if (c == '\n') {
                if (content) {
                    if (header) {
                        header = false;
                    } else {
                        n++;
                    }
                }
                content = false;
            } else if (c != '\r' && c != ' ' && c != '\t') {
                content = true;
            }
        }
        if (content && !header) {
            n++;
        }
        return n;
    }

    static long jsonlRecords(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
    }

    /** RFC 4180 rows of a text (for the registry, which has no broken rows). */
    private static List<String[]> csvRows(String text) {
        List<String[]> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else if (c == '\n') {
                fields.add(f.toString());
                f.setLength(0);
                rows.add(fields.toArray(new String[0]));
                fields.clear();
            } else if (c != '\r') {
                f.append(c);
            }
        }
        return rows;
    }
}
