package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.ingest.RecordIds;
import io.guiji.schemas.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordWatchIndex} against the plain reverse index it replaced (a map from each key to the
 * set of records watching it): after any sequence of moves, every key answers the same records, and
 * the pair count is the model's. Record ids of guiji's own form and others are mixed, and keys are
 * few, so that chains grow long and records leave the middle of them.
 */
class RecordWatchIndexPropertiesTest {
    private static final List<String> KEYS =
            List.of(
                    "U:91210100MA0XXXXX1A",
                    "N:沈阳华盛商贸有限公司",
                    "F:华盛商贸",
                    "P:huasheng",
                    "R:210100000012345",
                    "O:MA0XXXXX1",
                    "F:人民出版",
                    "N:辽宁人民出版社");

    /** One move: record {@code id} now watches the keys of {@code keys} (a bit set over KEYS). */
    record Move(int id, int keys) {}

    @Property(tries = 400)
    void answersAsAMapOfSetsAnswers(@ForAll("moves") List<Move> moves) {
        RecordWatchIndex index = new RecordWatchIndex();
        Map<String, Set<String>> model = new HashMap<>();
        Map<String, long[]> watching = new HashMap<>();
        for (Move m : moves) {
            String id = id(m.id());
            List<String> after = keys(m.keys());
            long[] before = watching.getOrDefault(id, new long[0]);
            long[] hashes = RecordWatchIndex.keyHashes(after);
            index.move(id, before, hashes);
            watching.put(id, hashes);
            model.values().forEach(ids -> ids.remove(id));
            for (String k : after) {
                model.computeIfAbsent(k, x -> new HashSet<>()).add(id);
            }

            for (String k : KEYS) {
                Set<String> got = new TreeSet<>();
                index.collect(List.of(k), got);
                assertThat(got).as(k).isEqualTo(model.getOrDefault(k, Set.of()));
            }
            assertThat(index.pairs()).isEqualTo(model.values().stream().mapToInt(Set::size).sum());
            assertThat(index.isEmpty()).isEqualTo(index.pairs() == 0);
        }
    }

    @Test
    void recordIdsOfGuijisOwnFormComeBackAsWritten() {
        RecordWatchIndex index = new RecordWatchIndex();
        String own = RecordIds.of(RecordType.license, "FGW01", "沈发改许〔2024〕0001号");
        String zeros = "00000000000000000000000000000000";
        String high = "ffffffffffffffff8000000000000000";
        long[] k = RecordWatchIndex.keyHashes(List.of("N:x"));
        for (String id : List.of(own, zeros, high, "A1B2", own.toUpperCase())) {
            index.move(id, new long[0], k);
        }
        Set<String> got = new TreeSet<>();
        index.collect(List.of("N:x"), got);
        assertThat(got).containsExactlyInAnyOrder(own, zeros, high, "A1B2", own.toUpperCase());
        assertThat(RecordWatchIndex.isOwnId(own)).isTrue();
        assertThat(RecordWatchIndex.isOwnId(own.toUpperCase())).isFalse();
    }

    @Test
    void aKeyWatchedByManyRecordsLetsEachLeaveWhereverItStands() {
        RecordWatchIndex index = new RecordWatchIndex();
        long[] shared = RecordWatchIndex.keyHashes(List.of("F:人民出版"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String id = RecordIds.of(RecordType.penalty, "SCJG01", "d" + i);
            ids.add(id);
            index.move(id, new long[0], shared);
        }
        for (int i = 0; i < ids.size(); i += 2) { // every other one leaves: heads, middles, tails
            index.move(ids.get(i), shared, new long[0]);
        }
        Set<String> got = new TreeSet<>();
        index.collect(List.of("F:人民出版"), got);
        assertThat(got).hasSize(2_500).allMatch(id -> ids.indexOf(id) % 2 == 1);
        assertThat(index.pairs()).isEqualTo(2_500);
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, (1 << KEYS.size()) - 1))
                .as(Move::new)
                .list()
                .ofMaxSize(60);
    }

    private static String id(int n) {
        return n < 5 ? RecordIds.of(RecordType.penalty, "SCJG01", "doc-" + n) : "penalty:x:" + n;
    }

    private static List<String> keys(int bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(KEYS.get(i));
            }
        }
        return out;
    }
}
