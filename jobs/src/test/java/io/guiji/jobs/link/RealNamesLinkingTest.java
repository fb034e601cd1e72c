package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Linking on real enterprise names (issue 12): a registry of real names from public word lists,
 * their real renames and registered branches, and records naming them as departments write them
 * (resources real-names/, made by {@code bench/run.sh names-sample}; sources in
 * bench/names/README.md). Linked by {@link LocalLinker} on {@link CompactRegistryIndex}, as the
 * pipeline does. No record may link to a wrong enterprise; per class, at least the share the code
 * reached when the test was written must link ({@link #RECALL_FLOORS}).
 */
class RealNamesLinkingTest {

    /**
     * Recall per record class that the linking code reaches today on this sample: floors, not
     * targets (issue 12 asks ≥ 0.98 for every name-only class). Raise a floor when a change links
     * more; lowering one needs a reason. The negatives (NEG_*) have no recall: none may link.
     */
    static final Map<String, Double> RECALL_FLOORS =
            Map.ofEntries(
                    Map.entry("EXACT", 1.0),
                    Map.entry("FORMAT", 1.0),
                    Map.entry("BRACKETS", 1.0), // 商业银行 is an industry word: no over-full core key
                    Map.entry("TRADITIONAL", 1.0), // the exact key folds script
                    // the typo rule: industry-word typos, and trade-name typos confirmed by the
                    // legal
                    // representative (every record of the sample names its enterprise's)
                    Map.entry("TYPO", 1.0), // 25/25: 湖南人民发版社 by the legal representative's key
                    // a place one character from two registered places: the legal representative
                    // says which
                    Map.entry("PLACE_TYPO", 1.0),
                    Map.entry("PLACE_HOMOPHONE", 1.0),
                    // 任民出版社 past the over-full pinyin key: the place keys find the province's
                    Map.entry("HOMOPHONE", 1.0),
                    Map.entry("DROPPED_PREFIX", 1.0), // 上海汇丰, 滨海德商: read with the place dropped
                    // 安徽省太平洋保险 against 太平洋保险公司 (浙江): the division of a placeless name
                    Map.entry("ADDED_PREFIX", 1.0),
                    Map.entry("FORMER_NAME", 1.0),
                    Map.entry("FORMER_NAME_TRADITIONAL", 1.0),
                    Map.entry("BRANCH", 1.0),
                    Map.entry("NEAR_DUPLICATE", 1.0),
                    // 建设银行, 邮政储蓄银行: read with 中国 in front
                    Map.entry("NATIONAL_DROPPED", 1.0));

    /**
     * One record of the sample: its class, the name written, the enterprise it must link to, the
     * legal representative it names (made up, as the registry's: bench/names/README.md).
     */
    record Labelled(String kind, String name, String expected, String legalRep) {}

    private static final List<RegistryEntry> REGISTRY = new ArrayList<>();
    private static final List<Labelled> RECORDS = new ArrayList<>();
    private static final Map<String, int[]> TALLY = new TreeMap<>(); // right, wrong, unlinked
    private static final List<String> WRONG = new ArrayList<>();

    @BeforeAll
    static void linkTheSample() throws IOException {
        for (String[] r : rows("real-names/registry.tsv")) {
            REGISTRY.add(
                    RegistryEntry.newBuilder()
                            .setEnterpriseId(r[0])
                            .setUscc(r[0])
                            .setName(r[1])
                            .setFormerNames(
                                    r[2].isEmpty()
                                            ? new ArrayList<>()
                                            : new ArrayList<>(Arrays.asList(r[2].split("\\|"))))
                            .setDivisionCode(r[3])
                            .setStatus("存续")
                            .setSource(new SourceRef("registry/real-names.tsv", 1L))
                            .setExtra(new java.util.HashMap<>(Map.of("法定代表人", r[5])))
                            .build());
        }
        for (String[] r : rows("real-names/records.tsv")) {
            RECORDS.add(
                    new Labelled(
                            r[0],
                            r[1],
                            r[2].equals("-") ? null : r[2],
                            r[4].equals("-") ? null : r[4]));
        }
        CompactRegistryIndex index = new CompactRegistryIndex(REGISTRY.size());
        REGISTRY.forEach(index::put);
        LocalLinker linker = new LocalLinker(index, FuzzyPolicy.DEFAULT, 16);
        long serial = 0;
        for (Labelled l : RECORDS) {
            UnifiedRecord r = linker.link(record(++serial, l.name(), l.legalRep())).record();
            int[] t = TALLY.computeIfAbsent(l.kind(), k -> new int[3]);
            String linked = r.getEnterpriseId();
            if (linked == null) {
                t[2]++;
            } else if (linked.equals(l.expected())) {
                t[0]++;
            } else {
                t[1]++;
                WRONG.add(l + " -> " + linked + " " + r.getLinkEvidence());
            }
        }
    }

    @Test
    void theSampleIsRealNamesInEveryClass() {
        assertThat(REGISTRY).hasSizeGreaterThan(300);
        assertThat(TALLY.keySet())
                .containsAll(RECALL_FLOORS.keySet())
                .contains("NEG_UNREGISTERED_BRANCH", "NEG_OTHER_PLACE", "NEG_SIMILAR_TRADE_NAME");
        assertThat(REGISTRY).extracting(RegistryEntry::getName).contains("华为技术有限公司");
    }

    @Test
    void noRecordLinksToAnotherEnterprise() {
        assertThat(WRONG).as("wrong links (precision must be 1.0 on the sample)").isEmpty();
    }

    @Test
    void everyClassLinksAtLeastItsFloor() {
        List<String> below = new ArrayList<>();
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, Double> floor : RECALL_FLOORS.entrySet()) {
            int[] t = TALLY.get(floor.getKey());
            int records = t[0] + t[1] + t[2];
            double recall = (double) t[0] / records;
            figures.append(
                    String.format(
                            Locale.ROOT,
                            "%s %.4f (%d/%d); ",
                            floor.getKey(),
                            recall,
                            t[0],
                            records));
            if (recall < floor.getValue()) {
                below.add(floor.getKey() + " " + recall + " < " + floor.getValue());
            }
        }
        assertThat(below).as("classes below their recall floor; today: " + figures).isEmpty();
    }

    @Test
    void noBranchOrOtherPlaceNameLinks() {
        assertThat(
                        TALLY.get("NEG_UNREGISTERED_BRANCH")[0]
                                + TALLY.get("NEG_UNREGISTERED_BRANCH")[1])
                .as("unregistered branches linked (to their head office or a sibling)")
                .isZero();
        assertThat(TALLY.get("NEG_OTHER_PLACE")[1])
                .as("names of another place linked to the enterprise of this one")
                .isZero();
        assertThat(TALLY.get("NEG_SIMILAR_TRADE_NAME")[0] + TALLY.get("NEG_SIMILAR_TRADE_NAME")[1])
                .as("unregistered look-alikes (another legal representative) linked")
                .isZero();
    }

    // ---------------------------------------------------------------- helpers

    private static List<String[]> rows(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = RealNamesLinkingTest.class.getResourceAsStream(resource);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine(); // header
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split("\t", -1));
                }
            }
        }
        return rows;
    }

    private static UnifiedRecord record(long serial, String name, String legalRep) {
        DecisionFields f =
                DecisionFields.newBuilder()
                        .setDocNo("市监罚〔2024〕" + serial + "号")
                        .setSubjectName(name)
                        .setLegalRep(legalRep)
                        .setSubjectCategory("法人及非法人组织")
                        .setDecisionDate("2024-02-20")
                        .setStatus(RecordStatus.ACTIVE)
                        .build();
        return UnifiedRecord.newBuilder()
                .setRecordId(String.format(Locale.ROOT, "%032x", serial))
                .setVersion(1)
                .setRecordType(RecordType.penalty)
                .setDeptCode("SCJG01")
                .setFields(f)
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setQualityFlags(new ArrayList<>())
                .setSources(new ArrayList<>(List.of(new SourceRef("records/real.csv", serial))))
                .build();
    }
}
