package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/**
 * Check characters and code shapes at their edges: first and last letters, check value 0,
 * characters past ASCII.
 */
class CodeBoundariesTest {

    @Test
    void aUsccWhoseCheckValueIsZeroIsValid() {
        assertThat(Uscc.isValid("91211300MA00000090")).isTrue();
        assertThat(Uscc.checkChar("91211300MA0000009")).isEqualTo('0');
    }

    @Test
    void charactersPastAsciiAreNoUsccCharacters() {
        assertThat(Uscc.isValid("91211300MA0000009\u0080")).isFalse();
        assertThat(Uscc.isValid("\u008091211300MA0000009")).isFalse();
        assertThat(Uscc.hasShape("91211300MA0000009\u0080")).isFalse();
        assertThat(Uscc.hasShape("91211300MA0000009\u007F")).isFalse();
        assertThat(Uscc.hasShape("91211300MA00000090")).isTrue();
    }

    @Test
    void aCheckCharacterNeedsSeventeenUsccCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> Uscc.checkChar("9121130"));
        assertThatIllegalArgumentException().isThrownBy(() -> Uscc.checkChar("91211300MA000000I"));
    }

    @Test
    void organizationCodesTakeLettersFromAToZ() {
        assertThat(OrgCode.isValid("A12345674")).isTrue();
        assertThat(OrgCode.isValid("Z12345676")).isTrue();
        assertThat(OrgCode.isValid("1234567Z9")).isTrue();
        assertThat(OrgCode.checkChar("a1234567")).as("not 0-9A-Z").isEqualTo((char) 0);
        assertThat(OrgCode.isValid("a12345674")).isFalse();
    }

    @Test
    void aCodeValidAsBothUsccAndCitizenIdIsTheOneItsBirthDateSays() {
        String withBirthDate = "211302198001010768"; // passes both checks; 1980-01-01 is a day
        String withoutBirthDate = "211302199913990396"; // passes both checks; month 13 is no day

        assertThat(Uscc.isValid(withBirthDate) && CitizenId.isValid(withBirthDate)).isTrue();
        assertThat(Uscc.isValid(withoutBirthDate) && CitizenId.isValid(withoutBirthDate)).isTrue();
        assertThat(Identifiers.classify(withBirthDate)).isEqualTo(Identifiers.Kind.CITIZEN_ID);
        assertThat(Identifiers.classify(withoutBirthDate)).isEqualTo(Identifiers.Kind.USCC);
        assertThat(Identifiers.classify("211302198001011234"))
                .as("a citizen ID only")
                .isEqualTo(Identifiers.Kind.CITIZEN_ID);
        assertThat(Identifiers.classify("91211300MA00000090"))
                .as("a USCC only")
                .isEqualTo(Identifiers.Kind.USCC);
    }

    @Test
    void birthYearsFrom1900To2099ArePlausible() {
        assertThat(CitizenId.hasBirthDate("211302190001011234")).isTrue();
        assertThat(CitizenId.hasBirthDate("211302209912311234")).isTrue();
        assertThat(CitizenId.hasBirthDate("211302189912311234")).isFalse();
        assertThat(CitizenId.hasBirthDate("211302210001011234")).isFalse();
    }

    @Test
    void tenCharactersAreEnoughToKeepTheFirstSixAndLastFour() {
        assertThat(CitizenId.mask("1234567890")).isEqualTo("123456********7890");
        assertThat(CitizenId.mask("123456789")).isEqualTo("********89");
    }

    @Test
    void docNumberLettersFromAToZAreUpperCased() {
        assertThat(DocNumbers.normalize("朝市监罚〔2023〕az号")).isEqualTo("朝市监罚〔2023〕AZ号");
    }
}
