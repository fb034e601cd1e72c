package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.jobs.normalize.Amounts.AmountParse;
import io.guiji.jobs.normalize.Amounts.Outcome;
import io.guiji.jobs.normalize.Amounts.Unit;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {
    /** raw | header unit | value (exact, scale included) | converted from 元 | suspect unit. */
    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1,234.50        | YUAN     | 1234.50   | false | false",
                "1,234.50        | WAN_YUAN | 1234.50   | false | true",
                "１２３          | WAN_YUAN | 123       | false | false",
                "１，２３４．５  | YUAN     | 1234.5    | false | false",
                "5000元          | YUAN     | 5000      | false | false",
                "5000元          | WAN_YUAN | 0.5000    | true  | false",
                "300.00 元       | WAN_YUAN | 0.030000  | true  | false",
                "300.00 元       | YUAN     | 300.00    | false | false",
                "0.5万元         | WAN_YUAN | 0.5       | false | false",
                "0.5万元         | YUAN     | 5000      | false | false",
                "5万             | WAN_YUAN | 5         | false | false",
                "5万             | YUAN     | 50000     | false | false",
                "1.23456万元     | YUAN     | 12345.6   | false | false",
                "￥300           | YUAN     | 300       | false | false",
                "¥300            | YUAN     | 300       | false | false",
                "￥300           | WAN_YUAN | 300       | false | false",
                "￥5,000元       | WAN_YUAN | 0.5000    | true  | false",
                "人民币5000元    | WAN_YUAN | 0.5000    | true  | false",
                "12000万元       | WAN_YUAN | 12000     | false | false",
                "999.99          | WAN_YUAN | 999.99    | false | false",
                "1000            | WAN_YUAN | 1000      | false | true",
                "1000.00         | WAN_YUAN | 1000.00   | false | true",
                "50000           | WAN_YUAN | 50000     | false | true",
                "50000           | YUAN     | 50000     | false | false",
                "0               | WAN_YUAN | 0         | false | false",
                "0.00            | WAN_YUAN | 0.00      | false | false",
                "-0              | WAN_YUAN | 0         | false | false",
                "+12             | YUAN     | 12        | false | false",
                ".5              | WAN_YUAN | 0.5       | false | false",
                "12.             | WAN_YUAN | 12        | false | false",
                "1,234,567       | YUAN     | 1234567   | false | false",
                "' 1 234 '       | YUAN     | 1234      | false | false",
                "' ¥ 1 234 567.5 元 ' | YUAN | 1234567.5 | false | false",
                "人民币 5000 元  | WAN_YUAN | 0.5000    | true  | false",
                "0.000001        | WAN_YUAN | 0.000001  | false | false",
                "12345678901234567890.123456789 | YUAN | 12345678901234567890.123456789 | false | false",
            })
    void acceptedFormsParseExactly(
            String raw, Unit header, BigDecimal value, boolean fromYuan, boolean suspect) {
        AmountParse p = Amounts.parse(raw, header);
        assertThat(p.outcome()).isEqualTo(Outcome.OK);
        assertThat(p.isOk()).isTrue();
        // equals, not compareTo: the precision the value was written with is kept.
        assertThat(p.value()).isEqualTo(value);
        assertThat(p.convertedFromYuan()).isEqualTo(fromYuan);
        assertThat(p.suspectUnit()).isEqualTo(suspect);
    }

    @Test
    void precisionIsKept() {
        assertThat(Amounts.parse("300.00", Unit.YUAN).value()).isEqualTo(new BigDecimal("300.00"));
        assertThat(Amounts.parse("5000元", Unit.WAN_YUAN).value())
                .isEqualTo(new BigDecimal("0.5000"));
        assertThat(Amounts.parse("0.1", Unit.WAN_YUAN).value()).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void aSuspectUnitIsOnlyAFlag() {
        AmountParse p = Amounts.parse("5000", Unit.WAN_YUAN);
        assertThat(p.suspectUnit()).isTrue();
        assertThat(p.value()).isEqualTo(new BigDecimal("5000"));
        assertThat(p.convertedFromYuan()).isFalse();
    }

    @Test
    void anExplicitUnitIsNeverSuspect() {
        assertThat(Amounts.parse("5000万元", Unit.WAN_YUAN).suspectUnit()).isFalse();
        assertThat(Amounts.parse("5000万", Unit.WAN_YUAN).suspectUnit()).isFalse();
        assertThat(Amounts.parse("50000000元", Unit.WAN_YUAN).suspectUnit()).isFalse();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "-5",
                "-5000元",
                "−5", // U+2212 minus
                "－5", // full-width hyphen-minus
                "￥-300",
                "abc",
                "五千元",
                "元",
                "万元",
                "¥",
                ".",
                "1.2.3",
                "1,5", // could be a decimal comma
                "12,34",
                "1234,567",
                ",123",
                "1,234,56",
                "1,234.5,6",
                "1.5E3",
                "5000元整",
                "约5000元",
                "5000美元",
                "5000 5000",
                "1, 234",
                "12 34",
                "5000元元",
            })
    void anythingElseIsInvalid(String raw) {
        AmountParse p = Amounts.parse(raw, Unit.WAN_YUAN);
        assertThat(p.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(p.value()).isNull();
        assertThat(p.convertedFromYuan()).isFalse();
        assertThat(p.suspectUnit()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000", "\u200B"})
    void blankIsEmpty(String raw) {
        for (Unit unit : Unit.values()) {
            AmountParse p = Amounts.parse(raw, unit);
            assertThat(p.outcome()).isEqualTo(Outcome.EMPTY);
            assertThat(p.value()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Unit.class)
    void noDoubleRoundingOnConversion(Unit unit) {
        AmountParse p = Amounts.parse("0.1元", unit);
        assertThat(p.value()).isEqualByComparingTo(unit == Unit.YUAN ? "0.1" : "0.00001");
    }

    @Test
    void theHeaderUnitIsRequired() {
        assertThatThrownBy(() -> Amounts.parse("1", null)).isInstanceOf(NullPointerException.class);
    }
}
