package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.internal.LookupAnswer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A put under a busy fuzzy key re-links nothing through it ({@link
 * RegistryIndex#answerMayHaveChanged}): of the keys a put reports, only those whose answer at the
 * lookup cap may have changed are kept. Property: over the sequences of puts of {@link
 * CompactRegistryIndexPropertiesTest} (new entries, renames, code changes, withdrawals, re-adds, on
 * names that share busy keys), at several caps, in both indexes, every key whose answer changed is
 * kept, and nothing is kept that the put did not report.
 */
class BusyKeysPropertiesTest {
    private static final int[] CAPS = {1, 2, 3, 16};

    @Property(tries = 300)
    void everyKeyWhoseAnswerChangedIsKept(
            @ForAll("ops") List<CompactRegistryIndexPropertiesTest.Op> ops) {
        check(ops, MapRegistryIndex::new);
        check(ops, CompactRegistryIndex::new);
    }

    private static void check(
            List<CompactRegistryIndexPropertiesTest.Op> ops,
            Supplier<? extends RegistryIndex> make) {
        RegistryIndex index = make.get();
        Set<String> keys = new LinkedHashSet<>();
        for (CompactRegistryIndexPropertiesTest.Op op : ops) {
            RegistryEntry e =
                    CompactRegistryIndexPropertiesTest.entry(
                            op, index.get(CompactRegistryIndexPropertiesTest.IDS[op.enterprise()]));
            if (e == null) {
                continue;
            }
            Map<LinkKeys.Slot, String> places;
            try {
                places = LinkKeys.indexOf(e);
            } catch (RuntimeException refused) {
                continue;
            }
            for (LinkKeys.Slot s : places.keySet()) {
                keys.add(s.key());
            }
            Map<String, LookupAnswer> before = answers(index, keys);
            Set<String> reported = index.put(e, places);
            for (int cap : CAPS) {
                Set<String> kept = index.answerMayHaveChanged(reported, cap);
                assertThat(reported).containsAll(kept);
                for (String key : keys) {
                    if (!index.answer(key, "r", cap).equals(before.get(key + "|" + cap))) {
                        assertThat(kept)
                                .as("%s: the answer under %s at %d changed", e, key, cap)
                                .contains(key);
                    }
                }
            }
        }
    }

    private static Map<String, LookupAnswer> answers(RegistryIndex index, Set<String> keys) {
        Map<String, LookupAnswer> out = new HashMap<>();
        for (String key : keys) {
            for (int cap : CAPS) {
                out.put(key + "|" + cap, index.answer(key, "r", cap));
            }
        }
        return out;
    }

    @Provide
    Arbitrary<List<CompactRegistryIndexPropertiesTest.Op>> ops() {
        return new CompactRegistryIndexPropertiesTest().ops();
    }

    @Test
    void aRegistrationUnderABusyTradeNameIsNoChangeToItsKeys() {
        // every county's 华盛商贸: the core key holds more than a lookup at most 2 returns
        List<String> counties = List.of("朝阳县", "建平县", "凌源市", "北票市", "喀左县", "龙城区");
        for (RegistryIndex index : List.of(new MapRegistryIndex(), new CompactRegistryIndex())) {
            for (int i = 0; i < counties.size() - 1; i++) {
                index.put(entry(i, counties.get(i) + "华盛商贸有限公司"));
            }
            Set<String> reported =
                    index.put(entry(counties.size() - 1, counties.get(5) + "华盛商贸有限公司"));

            Set<String> kept = index.answerMayHaveChanged(reported, 2);

            assertThat(reported).as("%s", index).contains("F:华盛商贸");
            assertThat(kept).doesNotContain("F:华盛商贸").contains("N:龙城区华盛商贸有限公司");
            assertThat(index.answerMayHaveChanged(reported, 16)).isEqualTo(reported);
        }
    }

    private static RegistryEntry entry(int i, String name) {
        return LinkDeciderTest.entry(RealNameKeysTest.usccOf(i), name, null);
    }
}
