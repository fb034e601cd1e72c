package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.SinkSafeText;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated cases for the codes: every code built with a correct check character is accepted, one
 * changed character is refused where the check guarantees it, and {@link Identifiers} gives every
 * text one canonical form and one kind without failing.
 */
class IdentifiersPropertiesTest {
    private static final String ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // ---- generators of valid codes ------------------------------------------------------------

    @Provide
    Arbitrary<String> usccs() {
        return Arbitraries.strings()
                .withChars(Uscc.ALPHABET.toCharArray())
                .ofLength(17)
                .map(first17 -> first17 + Uscc.checkChar(first17));
    }

    @Provide
    Arbitrary<String> regNos() {
        return Arbitraries.strings()
                .numeric()
                .ofLength(14)
                .map(first14 -> first14 + RegNo.checkDigit(first14));
    }

    @Provide
    Arbitrary<String> orgCodes() {
        return Arbitraries.strings()
                .withChars(ORG_ALPHABET.toCharArray())
                .ofLength(8)
                .map(first8 -> first8 + OrgCode.checkChar(first8 + "?"));
    }

    @Provide
    Arbitrary<String> citizenIds() {
        return Combinators.combine(
                        Arbitraries.strings().numeric().ofLength(6),
                        Arbitraries.integers().between(0, 200 * 365 - 1),
                        Arbitraries.strings().numeric().ofLength(3))
                .as(
                        (area, day, seq) -> {
                            String first17 =
                                    area
                                            + LocalDate.of(1900, 1, 1)
                                                    .plusDays(day)
                                                    .toString()
                                                    .replace("-", "")
                                            + seq;
                            return first17 + CitizenId.checkChar(first17);
                        });
    }

    // ---- acceptance and refusal ---------------------------------------------------------------

    @Property
    void everyUsccWithItsCheckCharacterIsValid(@ForAll("usccs") String code) {
        assertThat(Uscc.isValid(code)).isTrue();
        assertThat(Uscc.hasShape(code)).isTrue();
        assertThat(Uscc.orgCode(code)).hasSize(9);
        assertThat(Identifiers.classify(code))
                .isIn(Identifiers.Kind.USCC, Identifiers.Kind.CITIZEN_ID);
    }

    @Property
    void aUsccWithOneCharacterChangedIsRefused(
            @ForAll("usccs") String code,
            @ForAll @IntRange(max = 17) int at,
            @ForAll @IntRange(min = 1, max = 30) int shift) {
        // mod 31 over weights prime to 31: any single substitution within the alphabet changes the
        // check
        int value = Uscc.ALPHABET.indexOf(code.charAt(at));
        char other = Uscc.ALPHABET.charAt((value + shift) % 31);
        String mutated = code.substring(0, at) + other + code.substring(at + 1);
        assertThat(Uscc.isValid(mutated)).as(mutated).isFalse();
    }

    @Property
    void everyRegistrationNumberWithItsCheckDigitIsValid(@ForAll("regNos") String code) {
        assertThat(RegNo.isValid(code)).isTrue();
        assertThat(Identifiers.classify(code)).isEqualTo(Identifiers.Kind.REG_NO);
    }

    @Property
    void aRegistrationNumberWithOneDigitChangedIsRefused(
            @ForAll("regNos") String code,
            @ForAll @IntRange(max = 14) int at,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        // ISO 7064 MOD 11,10 detects every single-digit substitution
        char other = (char) ('0' + (code.charAt(at) - '0' + shift) % 10);
        String mutated = code.substring(0, at) + other + code.substring(at + 1);
        assertThat(RegNo.isValid(mutated)).as(mutated).isFalse();
    }

    @Property
    void everyOrganizationCodeWithItsCheckCharacterIsValid(@ForAll("orgCodes") String code) {
        assertThat(OrgCode.isValid(code)).isTrue();
        assertThat(Identifiers.classify(code)).isEqualTo(Identifiers.Kind.ORG_CODE);
    }

    @Property
    void anOrganizationCodeWithOneCharacterChangedIsRefused(
            @ForAll("orgCodes") String code,
            @ForAll @IntRange(max = 8) int at,
            @ForAll @IntRange(min = 1, max = 35) int shift) {
        char other;
        if (at == 8) {
            String checks = "0123456789X";
            other = checks.charAt((checks.indexOf(code.charAt(8)) + shift) % 11);
            if (other == code.charAt(8)) {
                return;
            }
        } else {
            // mod 11 over weights prime to 11: a substitution changes the check unless it moves the
            // value by 11 or 22
            int value = ORG_ALPHABET.indexOf(code.charAt(at));
            int moved = (value + shift) % 36;
            if ((moved - value) % 11 == 0) {
                return;
            }
            other = ORG_ALPHABET.charAt(moved);
        }
        String mutated = code.substring(0, at) + other + code.substring(at + 1);
        assertThat(OrgCode.isValid(mutated)).as(mutated).isFalse();
    }

    @Property
    void everyCitizenIdWithItsCheckCharacterIsValidAndMaskedToItsEnds(
            @ForAll("citizenIds") String id) {
        assertThat(CitizenId.isValid(id)).isTrue();
        assertThat(CitizenId.hasBirthDate(id)).isTrue();
        assertThat(Identifiers.classify(id)).isEqualTo(Identifiers.Kind.CITIZEN_ID);
        assertThat(CitizenId.mask(id))
                .isEqualTo(id.substring(0, 6) + "********" + id.substring(14));
    }

    @Property
    void aCitizenIdWithOneDigitChangedIsRefused(
            @ForAll("citizenIds") String id,
            @ForAll @IntRange(max = 16) int at,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        // weights 2^(17-i) mod 11 are never 0 and 11 is prime: any single substitution changes the
        // sum mod 11
        char other = (char) ('0' + (id.charAt(at) - '0' + shift) % 10);
        String mutated = id.substring(0, at) + other + id.substring(at + 1);
        assertThat(CitizenId.isValid(mutated)).as(mutated).isFalse();
    }

    // ---- any text -----------------------------------------------------------------------------

    @Provide
    Arbitrary<String> codeLike() {
        Arbitrary<String> pieces =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                6,
                                Arbitraries.strings()
                                        .withChars(ORG_ALPHABET.toCharArray())
                                        .ofMinLength(1)
                                        .ofMaxLength(9)),
                        net.jqwik.api.Tuple.of(
                                3,
                                Arbitraries.of(
                                        "-",
                                        "‐",
                                        "‑",
                                        "–",
                                        "—",
                                        "－",
                                        "_",
                                        " ",
                                        "\u3000",
                                        "ｘ",
                                        "x",
                                        "Ｘ",
                                        "\u0000",
                                        "\u200B",
                                        "ǆ",
                                        "ß",
                                        "ı",
                                        "i",
                                        "ﬃ",
                                        "\uD83D\uDE00",
                                        "\uD840\uDC00")),
                        net.jqwik.api.Tuple.of(1, HostileText.pieces()));
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(6).map(HostileText::join),
                HostileText.strings(),
                usccs(),
                regNos(),
                orgCodes(),
                citizenIds());
    }

    @Property
    void everyTextHasOneCanonicalFormAndOneKind(@ForAll("codeLike") String raw) {
        String canonical = Identifiers.canonical(raw);
        assertThat(Identifiers.canonical(canonical)).isEqualTo(canonical);
        Identifiers.Kind kind = Identifiers.classify(canonical);
        if (canonical != null) {
            assertThat(canonical).doesNotContain(" ", "-").isNotEmpty();
            assertThat(HostileText.unsafeUnits(canonical)).isEmpty();
        }
        switch (kind) {
            case USCC:
                assertThat(Uscc.isValid(canonical)).isTrue();
                break;
            case REG_NO:
                assertThat(RegNo.isValid(canonical)).isTrue();
                break;
            case ORG_CODE:
                assertThat(OrgCode.isValid(canonical)).isTrue();
                break;
            case CITIZEN_ID:
                assertThat(CitizenId.isValid(canonical)).isTrue();
                break;
            default:
        }
        // the validators themselves take any text
        Uscc.isValid(raw);
        Uscc.hasShape(raw);
        RegNo.isValid(raw);
        OrgCode.isValid(raw);
        CitizenId.isValid(raw);
        CitizenId.hasBirthDate(raw.length() < 14 ? "00000000000000" : raw);
    }

    @Property
    void aMaskedIdKeepsAtMostTenCharactersOfTheNumber(@ForAll("codeLike") String raw) {
        String masked = CitizenId.mask(raw);
        if (raw.isEmpty()) {
            assertThat(masked).isEqualTo(raw);
            return;
        }
        String kept = masked.replace("********", "");
        assertThat(kept.codePointCount(0, kept.length())).isLessThanOrEqualTo(10);
        assertThat(masked).contains("********");
        if (SinkSafeText.isSafe(raw)) {
            assertThat(HostileText.unsafeUnits(masked)).isEmpty();
        }
    }

    @Example
    void maskingNeverCutsACharacterOutsideTheBasicPlaneInHalf() {
        // substring by UTF-16 units left a lone surrogate, which no output can carry
        assertThat(CitizenId.mask("12345\uD83D\uDE00ABCDEFG"))
                .isEqualTo("12345\uD83D\uDE00********DEFG");
        assertThat(CitizenId.mask("\uD840\uDC00\uD840\uDC00\uD840\uDC00")).isEqualTo("********");
        assertThat(CitizenId.mask("1234\uD840\uDC00")).isEqualTo("********4\uD840\uDC00");
    }

    @Property
    void codesSurviveWidthSpacesAndDashes(
            @ForAll("usccs") String code,
            @ForAll @IntRange(max = 17) int at,
            @ForAll("separators") String separator) {
        String written =
                code.substring(0, at)
                        + separator
                        + code.substring(at).toLowerCase(java.util.Locale.ROOT);
        StringBuilder fullWidth = new StringBuilder();
        for (char c : written.toCharArray()) {
            fullWidth.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        assertThat(Identifiers.canonical(written)).isEqualTo(code);
        assertThat(Identifiers.canonical(fullWidth.toString())).isEqualTo(code);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(
                "-", " ", "\u3000", "—", "－", "_", "\u200B", "\u00A0", " - ", "\u0000");
    }
}
