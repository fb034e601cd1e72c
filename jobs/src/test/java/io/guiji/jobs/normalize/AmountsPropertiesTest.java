package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated cases for {@link Amounts}: any text parses to one consistent outcome; written amounts
 * read back exactly.
 */
class AmountsPropertiesTest {

    @Provide
    Arbitrary<String> amountLike() {
        Arbitrary<String> pieces =
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(
                                8,
                                Arbitraries.strings()
                                        .withCharRange('0', '9')
                                        .ofMinLength(1)
                                        .ofMaxLength(8)),
                        net.jqwik.api.Tuple.of(
                                4,
                                Arbitraries.of(
                                        ".",
                                        ",",
                                        " ",
                                        "，",
                                        "．",
                                        "１",
                                        "０",
                                        "e",
                                        "E",
                                        "e+",
                                        "-",
                                        "+",
                                        "−",
                                        "¥",
                                        "￥",
                                        "人民币",
                                        "元",
                                        "万元",
                                        "万",
                                        "NaN",
                                        "Infinity",
                                        "0x",
                                        "_",
                                        "\u0000",
                                        "\u3000",
                                        "\u200B")),
                        net.jqwik.api.Tuple.of(1, HostileText.pieces()));
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(10).map(HostileText::join), HostileText.strings());
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Combinators.combine(
                        Arbitraries.bigIntegers()
                                .between(
                                        BigInteger.ZERO,
                                        new BigInteger("999999999999999999999999")),
                        Arbitraries.integers().between(0, 6))
                .as(BigDecimal::new);
    }

    @Provide
    Arbitrary<Amounts.Unit> units() {
        return Arbitraries.of(Amounts.Unit.class);
    }

    @Property
    void anyTextParsesToOneConsistentOutcome(
            @ForAll("amountLike") String raw, @ForAll("units") Amounts.Unit unit) {
        Amounts.AmountParse p = Amounts.parse(raw, unit);
        assertThat(p.value() != null).isEqualTo(p.outcome() == Amounts.Outcome.OK);
        if (p.isOk()) {
            assertThat(p.value().signum()).isGreaterThanOrEqualTo(0);
        } else {
            assertThat(p.convertedFromYuan() || p.suspectUnit()).isFalse();
        }
        assertThat(p.outcome() == Amounts.Outcome.EMPTY).isEqualTo(Text.clean(raw) == null);
    }

    @Property
    void aPlainAmountReadsBackExactly(
            @ForAll("amounts") BigDecimal amount, @ForAll("units") Amounts.Unit unit) {
        Amounts.AmountParse p = Amounts.parse(amount.toPlainString(), unit);
        assertThat(p.isOk()).isTrue();
        assertThat(p.value()).isEqualTo(amount); // scale included: 300.00 stays 300.00
    }

    @Property
    void groupingWidthPrefixAndSpacesDoNotChangeTheValue(
            @ForAll("amounts") BigDecimal amount,
            @ForAll("units") Amounts.Unit unit,
            @ForAll("decorations") String[] decoration) {
        String grouped = grouped(amount.toPlainString(), decoration[1]);
        String written = decoration[0] + grouped;
        if (decoration[2].equals("fullwidth")) {
            written = toFullWidth(written);
        }
        Amounts.AmountParse p = Amounts.parse(written, unit);
        assertThat(p.isOk()).as(written).isTrue();
        assertThat(p.value()).isEqualByComparingTo(amount);
    }

    @Provide
    Arbitrary<String[]> decorations() {
        return Combinators.combine(
                        Arbitraries.of("", "¥", "￥", "人民币", "人民币 ¥", "+", " ¥ "),
                        Arbitraries.of("", ",", " ", "，"),
                        Arbitraries.of("", "fullwidth"))
                .as((prefix, separator, width) -> new String[] {prefix, separator, width});
    }

    @Property
    void aValueInTheOtherUnitIsConvertedByMovingThePoint(@ForAll("amounts") BigDecimal amount) {
        Amounts.AmountParse yuanUnderWan =
                Amounts.parse(amount.toPlainString() + "元", Amounts.Unit.WAN_YUAN);
        Amounts.AmountParse wanUnderYuan =
                Amounts.parse(amount.toPlainString() + "万元", Amounts.Unit.YUAN);
        assertThat(yuanUnderWan.value()).isEqualTo(amount.movePointLeft(4));
        assertThat(yuanUnderWan.convertedFromYuan()).isTrue();
        assertThat(wanUnderYuan.value()).isEqualTo(amount.movePointRight(4));
    }

    @Property
    void negativeScientificAndNonNumbersAreInvalid(
            @ForAll("amounts") BigDecimal amount,
            @ForAll("units") Amounts.Unit unit,
            @ForAll("notAnAmount") String shape) {
        String written = shape.replace("#", amount.add(BigDecimal.ONE).toPlainString());
        assertThat(Amounts.parse(written, unit).outcome())
                .as(written)
                .isEqualTo(Amounts.Outcome.INVALID);
    }

    @Provide
    Arbitrary<String> notAnAmount() {
        return Arbitraries.of(
                "-#",
                "−#",
                "¥-#",
                "-¥#",
                "#e5",
                "#E-3",
                "#e999999",
                "1e999999",
                "NaN",
                "Infinity",
                "-Infinity",
                "#元#",
                "#,5",
                "0x#",
                "#%",
                "#.#.#",
                "..#",
                "#万元元",
                "∞");
    }

    @Property(tries = 20)
    void aHundredThousandDigitsDoNotTakeLongOrFail(
            @ForAll("longDigits") String digits, @ForAll("units") Amounts.Unit unit) {
        long start = System.nanoTime();
        Amounts.AmountParse p = Amounts.parse(digits, unit);
        assertThat(p.outcome()).isNotEqualTo(Amounts.Outcome.EMPTY);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Provide
    Arbitrary<String> longDigits() {
        return Combinators.combine(
                        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(9),
                        Arbitraries.integers().between(1_000, 100_000),
                        Arbitraries.of("", ".5", "元", "万元", "e9"))
                .as((d, n, tail) -> d.repeat(n / d.length() + 1) + tail);
    }

    @Example
    void aNumberOfMoreThanThirtyDigitsIsInvalid() {
        // issue 10: 100,000 digits parsed, then failed the output's decimal(24, 6); no amount is
        // written so
        assertThat(Amounts.parse("9".repeat(100_000), Amounts.Unit.WAN_YUAN).outcome())
                .isEqualTo(Amounts.Outcome.INVALID);
        assertThat(Amounts.parse("9".repeat(31), Amounts.Unit.YUAN).outcome())
                .isEqualTo(Amounts.Outcome.INVALID);
        assertThat(Amounts.parse("0.5" + "0".repeat(30), Amounts.Unit.YUAN).outcome())
                .isEqualTo(Amounts.Outcome.INVALID);
        assertThat(Amounts.parse("9".repeat(30) + "." + "9".repeat(30), Amounts.Unit.YUAN).isOk())
                .isTrue();
        assertThat(Amounts.parse("0".repeat(1000) + "5", Amounts.Unit.YUAN).value())
                .isEqualByComparingTo("5");
    }

    private static String grouped(String plain, String separator) {
        if (separator.isEmpty()) {
            return plain;
        }
        int dot = plain.indexOf('.');
        String integer = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                b.append(separator);
            }
            b.append(integer.charAt(i));
        }
        return b + (dot < 0 ? "" : plain.substring(dot));
    }

    private static String toFullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        return b.toString();
    }
}
