package io.guiji.jobs.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.internal.IndexedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link EntryPlacesFunction}: the places computed once travel intact, and an entry they fail on
 * travels without them.
 */
class EntryPlacesFunctionTest {

    private static RegistryEntry entry(String id, String name, List<String> former) {
        return RegistryEntry.newBuilder()
                .setEnterpriseId(id)
                .setUscc(id)
                .setName(name)
                .setFormerNames(former)
                .build();
    }

    @Test
    void thePlacesThatTravelAreTheOnesTheIndexWouldComputeInTheSameOrder() {
        RegistryEntry e =
                entry("91211300MA0000001A", "朝阳市华盛商贸有限公司", new ArrayList<>(List.of("朝阳市华盛商店")));
        IndexedEntry indexed = new EntryPlacesFunction().map(e);
        Map<LinkKeys.Slot, String> expected = LinkKeys.indexOf(e);
        assertThat(indexed.getPlaces()).isNotEmpty();
        assertThat(LinkKeys.places(indexed.getPlaces())).containsExactlyEntriesOf(expected);
    }

    @Test
    void anIndexFedThePlacesAnswersAsOneThatComputedThem() {
        RegistryEntry a = entry("91211300MA0000001A", "朝阳市华盛商贸有限公司", new ArrayList<>());
        RegistryEntry renamed =
                entry("91211300MA0000001A", "朝阳市华胜商贸有限公司", new ArrayList<>(List.of("朝阳市华盛商贸有限公司")));
        for (java.util.function.Supplier<RegistryIndex> kind :
                List.<java.util.function.Supplier<RegistryIndex>>of(
                        MapRegistryIndex::new, CompactRegistryIndex::new)) {
            RegistryIndex computed = kind.get();
            RegistryIndex given = kind.get();
            for (RegistryEntry e : List.of(a, renamed)) {
                assertThat(
                                given.put(
                                        e,
                                        LinkKeys.places(
                                                new EntryPlacesFunction().map(e).getPlaces())))
                        .isEqualTo(computed.put(e));
            }
            for (String key :
                    List.of(LinkKeys.USCC + "91211300MA0000001A", LinkKeys.NAME + "朝阳市华胜商贸有限公司")) {
                assertThat(given.answer(key, "r", 16)).isEqualTo(computed.answer(key, "r", 16));
            }
            for (LinkKeys.Slot s : LinkKeys.indexOf(renamed).keySet()) {
                assertThat(given.answer(s.key(), "r", 16))
                        .isEqualTo(computed.answer(s.key(), "r", 16));
            }
        }
    }

    @Test
    void anEntryWhosePlacesCannotBeComputedTravelsWithoutThem() {
        RegistryEntry broken =
                RegistryEntry.newBuilder().setEnterpriseId("E1").setName("朝阳市华盛商贸有限公司").build();
        broken.setFormerNames(null); // the analysis of its names throws
        IndexedEntry indexed = new EntryPlacesFunction().map(broken);
        assertThat(indexed.getPlaces()).isNull();
        assertThat(indexed.getEntry()).isSameAs(broken);
    }
}
