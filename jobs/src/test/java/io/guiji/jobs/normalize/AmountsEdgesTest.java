package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.Amounts.Outcome;
import io.guiji.jobs.normalize.Amounts.Unit;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Amounts at the edges of their grammar: signs and currency marks with nothing after them, digit
 * grouping.
 */
class AmountsEdgesTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "人民币",
                "-",
                "+",
                "¥",
                "￥-",
                "-¥",
                "万元",
                "元",
                "1,",
                "1,.5",
                "1,23.5",
                ",123",
                "1234,567",
                "12,34",
                "1,2345"
            })
    void aSignOrCurrencyMarkWithoutDigitsOrBadGroupingIsInvalid(String raw) {
        assertThat(Amounts.parse(raw, Unit.YUAN).outcome()).isEqualTo(Outcome.INVALID);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "+5 | 5",
                "-0 | 0",
                "¥+5 | 5",
                "+¥5 | 5",
                "1,234 | 1234",
                "123,456 | 123456",
                "1,234,567.25 | 1234567.25",
                "1 234 | 1234",
                "1,234.5 | 1234.5",
            })
    void signsAndGroupedDigitsReadAsTheNumber(String raw, BigDecimal value) {
        Amounts.AmountParse p = Amounts.parse(raw, Unit.YUAN);

        assertThat(p.outcome()).isEqualTo(Outcome.OK);
        assertThat(p.value()).isEqualByComparingTo(value);
    }
}
