package io.guiji.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.SupervisionRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The content hash and the copy rank are kept in dedup state and decide versions and winners: their
 * values must not change by accident. These pin them to fixed values and to their definitions.
 */
class DedupFingerprintsTest {

    @Test
    void contentHashesArePinned() {
        SupervisionRecord c =
                Copies.copy(
                        "r1", "records/SCJG01/penalty/a.csv", 3L, "2024-03-01T10:00:00", f -> {});
        SupervisionRecord bare =
                Copies.copy(
                        "r1",
                        "records/SCJG01/penalty/a.csv",
                        3L,
                        null,
                        f -> {
                            f.setLegalRep(null);
                            f.setDetails(null);
                        });
        assertThat(
                        List.of(
                                ContentHash.of(c.getFields()),
                                ContentHash.of(bare.getFields()),
                                ContentHash.ofCopy(c)))
                .containsExactly(-76272455530261258L, -6364078602987327094L, 4628788477410806121L);
    }

    @Test
    void contentHashIgnoresOnlyUpdatedAtAndLeavesTheFieldsAsTheyWere() {
        SupervisionRecord a = Copies.copy("r1", "f.csv", 1L, "2024-03-01T10:00:00", f -> {});
        SupervisionRecord b = Copies.copy("r1", "f.csv", 1L, "2025-01-01T00:00:00", f -> {});
        SupervisionRecord c =
                Copies.copy("r1", "f.csv", 1L, "2024-03-01T10:00:00", f -> f.setLegalRep("李四"));
        assertThat(ContentHash.of(a.getFields()))
                .isEqualTo(ContentHash.of(b.getFields()))
                .isNotEqualTo(ContentHash.of(c.getFields()));
        assertThat(a.getFields().getUpdatedAt()).isEqualTo("2024-03-01T10:00:00");
    }

    @Test
    void contentHashTellsAValueFromTheSameTextInAnotherField() {
        SupervisionRecord rep =
                Copies.copy(
                        "r1",
                        "f.csv",
                        1L,
                        null,
                        f -> {
                            f.setLegalRep("张三");
                            f.setIdType(null);
                        });
        SupervisionRecord idType =
                Copies.copy(
                        "r1",
                        "f.csv",
                        1L,
                        null,
                        f -> {
                            f.setLegalRep(null);
                            f.setIdType("张三");
                        });
        SupervisionRecord joined =
                Copies.copy(
                        "r1",
                        "f.csv",
                        1L,
                        null,
                        f -> {
                            f.setLegalRep("张");
                            f.setIdType("三");
                        });
        assertThat(
                        List.of(
                                ContentHash.of(rep.getFields()),
                                ContentHash.of(idType.getFields()),
                                ContentHash.of(joined.getFields())))
                .doesNotHaveDuplicates();
    }

    @Test
    void copyHashCoversUpdatedAtAndFlagsButNotTheSource() {
        SupervisionRecord a = Copies.copy("r1", "f.csv", 1L, "2024-03-01T10:00:00", f -> {});
        SupervisionRecord elsewhere =
                Copies.copy("r1", "kafka:guiji.records/1", 4711L, "2024-03-01T10:00:00", f -> {});
        SupervisionRecord later = Copies.copy("r1", "f.csv", 1L, "2025-01-01T00:00:00", f -> {});
        SupervisionRecord flagged = Copies.withFlags(a, "UNKNOWN_STATUS");
        assertThat(ContentHash.ofCopy(elsewhere)).isEqualTo(ContentHash.ofCopy(a));
        assertThat(
                        List.of(
                                ContentHash.ofCopy(a),
                                ContentHash.ofCopy(later),
                                ContentHash.ofCopy(flagged)))
                .doesNotHaveDuplicates();
        assertThat(ContentHash.ofCopy(a, ContentHash.of(a.getFields())))
                .isEqualTo(ContentHash.ofCopy(a));
    }

    @Test
    void rankIsUpdatedAtValidIdentifiersCompletenessAndTheComplementedCopyHash() {
        SupervisionRecord c =
                Copies.copy(
                        "r1",
                        "records/SCJG01/penalty/a.csv",
                        42L,
                        "2024-03-01T10:00:00",
                        f -> f.setUscc(Copies.VALID_USCC));
        assertThat(CopyRanking.rank(c))
                .isEqualTo(
                        "2024-03-01T10:00:00|1|"
                                + String.format("%03d", CopyRanking.completeness(c.getFields()))
                                + "|"
                                + String.format("%016x", ~ContentHash.ofCopy(c)));
        SupervisionRecord noTime = Copies.copy("r1", "x.jsonl", 1234567890123L, null, f -> {});
        assertThat(CopyRanking.rank(noTime))
                .startsWith("0000-00-00T00:00:00|0|0")
                .doesNotContain("x.jsonl");
    }

    @Test
    void theSmallerCopyHashRanksHigher() {
        String small = CopyRanking.rank(Copies.copy("r1", "f.csv", 1L, null, f -> {}), 5L);
        String large =
                CopyRanking.rank(
                        Copies.copy("r1", "f.csv", 1L, null, f -> {}), 0x8000000000000000L);
        String largest = CopyRanking.rank(Copies.copy("r1", "f.csv", 1L, null, f -> {}), -1L);
        assertThat(small).isGreaterThan(large);
        assertThat(large).isGreaterThan(largest);
    }

    @Test
    void zeroPaddingMatchesStringFormat() {
        for (long v : new long[] {0, 7, 42, 999, 1000, 123456789012L, 1234567890123L, -5, -123}) {
            for (int width : new int[] {3, 12}) {
                StringBuilder sb = new StringBuilder();
                CopyRanking.zeroPadded(sb, v, width);
                assertThat(sb.toString())
                        .as("%d width %d", v, width)
                        .isEqualTo(String.format("%0" + width + "d", v));
            }
        }
    }
}
