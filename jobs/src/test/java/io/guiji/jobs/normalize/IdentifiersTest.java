package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.Identifiers.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "9131 0115-ma1k3btp2b        | 91310115MA1K3BTP2B",
                "９１１１００００６０００３７３４１Ｌ | 91110000600037341L",
                "９１１１００００６０００３７３４１ｌ | 91110000600037341L",
                "'\u200B91110000600037341L\u3000' | 91110000600037341L",
                "60003734-1                  | 600037341",
                "60003734－1                 | 600037341",
                "60003734—1                  | 600037341",
                "110108 000000 016           | 110108000000016",
                "11010519491231002x          | 11010519491231002X",
            })
    void canonicalFormDropsSpacesAndDashesAndUpperCases(String raw, String canonical) {
        assertThat(Identifiers.canonical(raw)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\u3000", "--", " - "})
    void canonicalFormOfNothingIsNull(String raw) {
        assertThat(Identifiers.canonical(raw)).isNull();
    }

    static Stream<String> validUsccs() {
        return UsccTest.VALID.stream();
    }

    @ParameterizedTest
    @MethodSource("validUsccs")
    void validUsccsClassifyAsUscc(String code) {
        assertThat(Identifiers.classify(code)).isEqualTo(Kind.USCC);
    }

    @ParameterizedTest
    @MethodSource("validUsccs")
    void embeddedOrganizationCodesClassifyAsOrgCode(String code) {
        assertThat(Identifiers.classify(Uscc.orgCode(code))).isEqualTo(Kind.ORG_CODE);
    }

    @Test
    void aRegistrationNumberTypedInTheUsccColumnIsStillARegistrationNumber() {
        String typedInUsccColumn = Identifiers.canonical(" 110108000000016 ");
        assertThat(Identifiers.classify(typedInUsccColumn)).isEqualTo(Kind.REG_NO);
    }

    @Test
    void citizenIdClassifiesAsCitizenId() {
        assertThat(Identifiers.classify("11010519491231002X")).isEqualTo(Kind.CITIZEN_ID);
    }

    @Test
    void canonicalizedMessyUsccClassifiesAsUscc() {
        assertThat(Identifiers.classify(Identifiers.canonical("9131 0115-ma1k3btp2b")))
                .isEqualTo(Kind.USCC);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "91110000600037341K", // USCC check typo
                "110108000000017", // reg no check typo
                "600037342", // org code check typo
                "11010519491231003X", // citizen ID typo
                "12345",
                "91110000600037341l", // not canonical
            })
    void invalidCodesClassifyAsInvalid(String code) {
        assertThat(Identifiers.classify(code)).isEqualTo(Kind.INVALID);
    }

    @Test
    void nullClassifiesAsInvalid() {
        assertThat(Identifiers.classify(null)).isEqualTo(Kind.INVALID);
    }
}
