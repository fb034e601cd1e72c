package io.guiji.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.SupervisionRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The content hash and the copy rank are kept in dedup state and decide versions: their values must
 * never change. These pin them to their definitions (builder copy, {@code String.format}).
 */
class DedupFingerprintsTest {

    @Test
    void contentHashIsTheFnvOfTheFieldsTextWithoutUpdatedAt() {
        SupervisionRecord c = Copies.copy("r1", "records/SCJG01/penalty/a.csv", 3L, "2024-03-01T10:00:00", f -> {});
        assertThat(ContentHash.of(c.getFields())).isEqualTo(referenceHash(c.getFields()));
        SupervisionRecord bare = Copies.copy("r1", "records/SCJG01/penalty/a.csv", 3L, null, f -> {
            f.setLegalRep(null);
            f.setDetails(null);
        });
        assertThat(ContentHash.of(bare.getFields())).isEqualTo(referenceHash(bare.getFields()));
    }

    @Test
    void contentHashIgnoresOnlyUpdatedAtAndLeavesTheFieldsAsTheyWere() {
        SupervisionRecord a = Copies.copy("r1", "f.csv", 1L, "2024-03-01T10:00:00", f -> {});
        SupervisionRecord b = Copies.copy("r1", "f.csv", 1L, "2025-01-01T00:00:00", f -> {});
        SupervisionRecord c = Copies.copy("r1", "f.csv", 1L, "2024-03-01T10:00:00", f -> f.setLegalRep("李四"));
        assertThat(ContentHash.of(a.getFields())).isEqualTo(ContentHash.of(b.getFields()))
                .isNotEqualTo(ContentHash.of(c.getFields()));
        assertThat(a.getFields().getUpdatedAt()).isEqualTo("2024-03-01T10:00:00");
    }

    @Test
    void rankIsUpdatedAtCompletenessFileAndRowZeroPadded() {
        SupervisionRecord c = Copies.copy("r1", "records/SCJG01/penalty/a.csv", 42L, "2024-03-01T10:00:00", f -> {});
        assertThat(CopyRanking.rank(c)).isEqualTo("2024-03-01T10:00:00|" + String.format("%03d", CopyRanking.completeness(c.getFields()))
                + "|records/SCJG01/penalty/a.csv|" + String.format("%012d", 42L));
        SupervisionRecord noTime = Copies.copy("r1", "x.jsonl", 1234567890123L, null, f -> {});
        assertThat(CopyRanking.rank(noTime)).endsWith("|x.jsonl|1234567890123").startsWith("0000-00-00T00:00:00|0");
    }

    @Test
    void zeroPaddingMatchesStringFormat() {
        for (long v : new long[] {0, 7, 42, 999, 1000, 123456789012L, 1234567890123L, -5, -123}) {
            for (int width : new int[] {3, 12}) {
                StringBuilder sb = new StringBuilder();
                CopyRanking.zeroPadded(sb, v, width);
                assertThat(sb.toString()).as("%d width %d", v, width).isEqualTo(String.format("%0" + width + "d", v));
            }
        }
    }

    /** The definition as first written: a builder copy without updated_at, its text, FNV-1a 64. */
    private static long referenceHash(DecisionFields fields) {
        DecisionFields withoutTime = DecisionFields.newBuilder(fields).setUpdatedAt(null).build();
        long h = 0xcbf29ce484222325L;
        for (byte b : withoutTime.toString().getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
