package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.internal.RegistryMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CompactRegistryIndex}: named cases of hash collisions, withdrawals and what is stored. */
class CompactRegistryIndexTest {
    static final RegistryEntry HUASHENG =
            entry("91211300MA0U5ABC1X", "朝阳市华盛商贸有限公司", List.of("朝阳市华胜商贸有限公司"));
    static final RegistryEntry HONGDA = entry("92211300MA0P0000X3", "朝阳市宏达机械制造有限公司", List.of());

    @Test
    void anExactKeyNeverAnswersWithTheEntryOfAnotherKeyOfTheSameHash() {
        // Every string hashes alike: every key and every enterprise id collides with every other.
        CompactRegistryIndex index = new CompactRegistryIndex(4, s -> 42L);
        index.put(HUASHENG);
        index.put(HONGDA);

        assertThat(index.answer("U:91211300MA0U5ABC1X", "r", 3).getMatches())
                .extracting(RegistryMatch::getEnterpriseId)
                .containsExactly("91211300MA0U5ABC1X");
        assertThat(index.answer("O:MA0P0000X", "r", 3).getMatches())
                .extracting(RegistryMatch::getEnterpriseId)
                .containsExactly("92211300MA0P0000X3");
        assertThat(index.answer("N:朝阳市宏达机械制造有限公司", "r", 3).getMatches())
                .containsExactly(new RegistryMatch("92211300MA0P0000X3", "朝阳市宏达机械制造有限公司", false));
        assertThat(index.answer("N:朝阳市华胜商贸有限公司", "r", 3).getMatches())
                .as("a former name answers with the entry under it, and only it")
                .containsExactly(new RegistryMatch("91211300MA0U5ABC1X", "朝阳市华盛商贸有限公司", true));
        assertThat(index.answer("U:92211300MA0U5ABC1X", "r", 3).getMatches())
                .as("an absent key of the same hash")
                .isEmpty();
        assertThat(index.answer("R:211300000012345", "r", 3).getMatches()).isEmpty();
        assertThat(index.get("92211300MA0P0000X3")).isEqualTo(HONGDA);
        assertThat(index.get("91211300MA0U5ABC1X")).isEqualTo(HUASHENG);
        assertThat(index.get("93211300MA0U5ABC1X")).as("an absent id of the same hash").isNull();
    }

    @Test
    void aWithdrawalLeavesEveryKeyAndARenameOnlyTheOldNames() {
        CompactRegistryIndex index = new CompactRegistryIndex();
        index.put(HUASHENG);
        int keys = index.keys();
        RegistryEntry renamed = RegistryEntry.newBuilder(HUASHENG).setName("朝阳市华盛达商贸有限公司").build();

        index.put(renamed);
        assertThat(index.answer("N:朝阳市华盛商贸有限公司", "r", 3).getMatches()).isEmpty();
        assertThat(index.answer("N:朝阳市华盛达商贸有限公司", "r", 3).getMatches()).hasSize(1);

        index.put(RegistryEntry.newBuilder(renamed).setDeleted(true).build());
        assertThat(index.keys()).as("no key keeps a place").isZero();
        assertThat(index.size()).isZero();
        assertThat(index.get(HUASHENG.getEnterpriseId()).getDeleted())
                .as("the withdrawal is kept")
                .isTrue();

        index.put(HUASHENG);
        assertThat(index.keys()).isEqualTo(keys);
        assertThat(index.enterprises()).isEqualTo(1);
    }

    @Test
    void aLongStreamOfRenamesAndWithdrawalsDoesNotGrowMemory() {
        String[] trades = {"华盛", "宏达", "鑫源", "永泰丰", "北方华盛通达"};
        CompactRegistryIndex index = new CompactRegistryIndex(16);
        Map<String, Long> afterFirstRound = null;
        for (int round = 0; round < 200; round++) {
            for (int e = 0; e < 50; e++) {
                String uscc = String.format("91211300MA0U%05dX", e);
                String name =
                        "朝阳市" + trades[(round + e) % trades.length] + "商贸" + round % 7 + "有限公司";
                RegistryEntry entry =
                        entry(uscc, name, List.of("朝阳市" + trades[e % trades.length] + "机械制造有限公司"));
                index.put(
                        round % 10 == 9
                                ? RegistryEntry.newBuilder(entry).setDeleted(true).build()
                                : entry);
            }
            if (round == 9) {
                afterFirstRound = index.memory();
            }
        }
        assertThat(index.enterprises()).isEqualTo(50);
        Map<String, Long> now = index.memory();
        for (String part : List.of("records", "ids", "keys", "lists")) {
            assertThat(now.get(part)).as(part).isLessThanOrEqualTo(2 * afterFirstRound.get(part));
        }
    }

    @Test
    void anEntryComesBackEqualWithEveryFieldAndAnyText() {
        RegistryEntry odd =
                RegistryEntry.newBuilder(HUASHENG)
                        .setEnterpriseId("id \uD800 lone surrogate")
                        .setName("𝔘 \u0000 Ünïcode ＡＢＣ（分）")
                        .setFormerNames(List.of("", "華盛"))
                        .setExtra(Map.of("成立日期", "2019-03-04", "备注", "x".repeat(100)))
                        .setSource(new SourceRef("kafka:registry/0", Long.MIN_VALUE))
                        .build();
        CompactRegistryIndex index = new CompactRegistryIndex();
        index.put(odd);
        assertThat(index.get(odd.getEnterpriseId())).isEqualTo(odd);
    }

    static RegistryEntry entry(String uscc, String name, List<String> former) {
        return RegistryEntry.newBuilder()
                .setEnterpriseId(uscc)
                .setUscc(uscc)
                .setName(name)
                .setFormerNames(former)
                .setDivisionCode("211300")
                .setStatus("存续")
                .setExtra(Map.of("法定代表人", "王伟"))
                .setSource(new SourceRef("registry/enterprises.csv", 7L))
                .build();
    }
}
