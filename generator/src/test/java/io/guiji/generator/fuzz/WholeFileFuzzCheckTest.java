package io.guiji.generator.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fuzzing's checks can fail: each kind of lost or doubled record is reported. */
class WholeFileFuzzCheckTest {
    private static final byte[] JSONL = "{\"a\":1}\n\n{\"a\":2}\n  \n{\"a\":3}\n".getBytes(UTF_8);
    private static final byte[] CSV = "h1,h2\n1,2\n\n3,4\n".getBytes(UTF_8);

    @TempDir Path dir;

    private static Map<Long, List<String>> rows(long... rows) {
        Map<Long, List<String>> m = new TreeMap<>();
        for (long r : rows) {
            m.computeIfAbsent(r, k -> new ArrayList<>()).add("ACCEPTED");
        }
        return m;
    }

    private static List<String> check(Map<Long, List<String>> rows, byte[] bytes, boolean jsonl) {
        List<String> violations = new ArrayList<>();
        WholeFileFuzz.check("f", rows, bytes, jsonl, !jsonl, violations);
        return violations;
    }

    @Test
    void everyRowOnceIsNoViolation() {
        assertThat(check(rows(1, 2, 3), JSONL, true)).isEmpty();
        assertThat(check(rows(1, 2), CSV, false)).isEmpty();
    }

    @Test
    void aJsonLineThatDidNotComeOutIsReported() {
        assertThat(check(rows(1, 2), JSONL, true))
                .singleElement()
                .asString()
                .contains("3 non-blank lines");
    }

    @Test
    void aRowTwiceIsReported() {
        assertThat(check(rows(1, 2, 2, 3), JSONL, true))
                .singleElement()
                .asString()
                .contains("row 2 appears 2 times");
    }

    @Test
    void aGapIsReported() {
        assertThat(check(rows(1, 3), CSV, false))
                .anySatisfy(v -> assertThat(v).contains("rows are not 1..2: row 3"));
    }

    @Test
    void moreCsvRowsThanLinesAreReported() {
        assertThat(check(rows(1, 2, 3), CSV, false))
                .singleElement()
                .asString()
                .contains("more than its 3 non-blank lines");
    }

    @Test
    void onlyTheFinalStateOfAUnifiedRecordCountsAndRejectionsAddTheirReason() throws IOException {
        Files.createDirectories(dir.resolve("unified"));
        Files.createDirectories(dir.resolve("rejected"));
        Files.writeString(
                dir.resolve("unified/part-0.jsonl"),
                """
                {"record_id":"r1","version":1,"x":{"y":[1]},"sources":[{"file":"a.csv","row":1}]}
                {"record_id":"r1","version":2,"sources":[{"file":"a.csv","row":1},{"file":"a.csv","row":2}]}
                """,
                UTF_8);
        Files.writeString(
                dir.resolve("rejected/part-0.jsonl"),
                """
                {"file":"a.csv","row":3,"reason":"MALFORMED","message":"m","raw":"r"}
                """,
                UTF_8);

        Map<String, Map<Long, List<String>>> placed = WholeFileFuzz.placements(dir);

        assertThat(placed).containsOnlyKeys("a.csv");
        assertThat(placed.get("a.csv"))
                .containsExactly(
                        Map.entry(1L, List.of("ACCEPTED")),
                        Map.entry(2L, List.of("ACCEPTED")),
                        Map.entry(3L, List.of("REJECTED MALFORMED")));
    }

    @Test
    void theMutatorKeepsTrackOfTheUntouchedStartAndEnd() {
        byte[] original = "head\nline one\nline two\nline three\n".getBytes(UTF_8);
        for (int seed = 0; seed < 200; seed++) {
            FileMutator.Mutated m =
                    FileMutator.mutate(
                            original,
                            UTF_8,
                            false,
                            java.util.EnumSet.allOf(FileMutator.Kind.class),
                            3,
                            new Random(seed));
            byte[] b = m.bytes();
            int prefix = m.untouchedPrefix();
            int suffix = m.untouchedSuffix();
            assertThat(java.util.Arrays.copyOfRange(b, 0, prefix))
                    .as("seed %d %s", seed, m.applied())
                    .isEqualTo(java.util.Arrays.copyOfRange(original, 0, prefix));
            assertThat(java.util.Arrays.copyOfRange(b, b.length - suffix, b.length))
                    .as("seed %d %s", seed, m.applied())
                    .isEqualTo(
                            java.util.Arrays.copyOfRange(
                                    original, original.length - suffix, original.length));
        }
    }
}
