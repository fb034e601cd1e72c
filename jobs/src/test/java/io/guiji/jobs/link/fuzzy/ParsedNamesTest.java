package io.guiji.jobs.link.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.HostileText;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A cached parse is the parse: for any name, asked once, twice, or after others pushed it out. */
class ParsedNamesTest {

    @Provide
    Arbitrary<List<String>> nameLists() {
        return Arbitraries.oneOf(HostileText.names(), HostileText.strings())
                .list()
                .ofMinSize(1)
                .ofMaxSize(30);
    }

    @Property(tries = 300)
    void theCachedPartsAreTheParsedOnes(@ForAll("nameLists") List<String> names) {
        for (int round = 0; round < 2; round++) {
            for (String name : names) {
                assertThat(ParsedNames.of(name)).as(name).isEqualTo(NameParts.parse(name));
            }
        }
    }

    @Test
    void aNameParsedToNothingStaysNothingAndEvictionKeepsAnswersRight() {
        assertThat(ParsedNames.of("有限公司")).isEqualTo(NameParts.parse("有限公司"));
        assertThat(ParsedNames.of("有限公司")).isEqualTo(NameParts.parse("有限公司"));
        assertThat(ParsedNames.of("")).isNull();
        assertThat(ParsedNames.of("")).isNull();
        String first = "朝阳市建平县兴盛商贸有限公司";
        NameParts before = ParsedNames.of(first);
        for (int i = 0; i <= ParsedNames.CAPACITY; i++) {
            ParsedNames.of("朝阳" + i + "商店");
        }
        assertThat(ParsedNames.of(first)).isEqualTo(before).isEqualTo(NameParts.parse(first));
    }
}
