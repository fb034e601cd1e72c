package io.guiji.jobs.normalize;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Money amounts (罚款金额, 没收金额, 执行标的 …), parsed exactly: {@link BigDecimal} throughout, no {@code
 * double} anywhere, and the value keeps the precision it was written with ({@code 300.00} stays
 * {@code 300.00}).
 *
 * <p>docs/contract.md §2: amounts are decimals in the unit of their header ({@code 罚款金额（万元）} is in
 * 万元, {@code 执行标的（元）} in 元). Accepted after {@link Text#clean} (NFKC, so full-width digits, {@code
 * ，} and {@code ￥} count as their ASCII forms): an optional {@code 人民币} and/or {@code ¥} prefix, an
 * optional {@code +}, digits with optional 3-digit grouping by commas or spaces and an optional
 * decimal point, and an optional unit suffix {@code 万元}, {@code 万} or {@code 元}; spaces between
 * these parts are ignored. Examples: {@code 1,234.50}, {@code １２３}, {@code 5000元}, {@code 0.5万元},
 * {@code 5万}, {@code ￥300}, {@code 300.00 元}.
 *
 * <p>Units: a value whose own unit differs from the header's is converted to the header's unit,
 * exactly, by moving the decimal point ({@code 5000元} under a 万元 header is {@code 0.5000} and
 * {@link AmountParse#convertedFromYuan()} is set; {@code 0.5万元} under a 元 header is {@code 5000}).
 * {@link AmountParse#suspectUnit()} marks a value of 1000 or more without a unit of its own under a
 * 万元 header: a fine of ten million yuan or more is far more likely 元 sent as 万元 (docs/domain.md
 * §2). It is only a flag; the value is never changed on a guess.
 *
 * <p>{@link Outcome#INVALID}: negative values, misplaced grouping separators ({@code 1,5}, which
 * could be a decimal comma; {@code 5000 5000}, two numbers), scientific notation ({@code
 * 1e999999}), {@code NaN} and other text, and more than {@value #MAX_DIGITS} digits before the
 * point (leading zeros aside) or after it: no amount is written so, and exact arithmetic on a value
 * of 100,000 digits costs real time. Whether a value fits an output's decimal is the caller's
 * business (an amount of 19 to 30 integer digits parses here and does not fit {@code decimal(24,
 * 6)}).
 */
public final class Amounts {
    /** The unit an amount column is declared in. */
    public enum Unit {
        /** 万元, ten thousand yuan: the unit of the 双公示 penalty amounts. */
        WAN_YUAN,
        /** 元, yuan. */
        YUAN
    }

    /** How a value parsed. */
    public enum Outcome {
        /** Null, blank or only white space. */
        EMPTY,
        OK,
        INVALID
    }

    /**
     * A parsed amount: {@code value} (in the header's unit) is non-null exactly when {@code
     * outcome} is {@link Outcome#OK}; the flags are false unless it is.
     */
    public record AmountParse(
            Outcome outcome, BigDecimal value, boolean convertedFromYuan, boolean suspectUnit) {
        public boolean isOk() {
            return outcome == Outcome.OK;
        }
    }

    private static final AmountParse EMPTY = new AmountParse(Outcome.EMPTY, null, false, false);
    private static final AmountParse INVALID = new AmountParse(Outcome.INVALID, null, false, false);

    /** The most digits before, and after, the decimal point of a valid amount. */
    public static final int MAX_DIGITS = 30;

    /** Under a 万元 header, values from here up are probably 元 (see the class comment). */
    private static final BigDecimal SUSPECT_WAN_YUAN = BigDecimal.valueOf(1000);

    private Amounts() {}

    /**
     * Parses {@code raw}, a value of a column declared in {@code headerUnit}.
     *
     * @throws NullPointerException when {@code headerUnit} is null: every amount column has a unit
     */
    public static AmountParse parse(String raw, Unit headerUnit) {
        Objects.requireNonNull(headerUnit, "headerUnit");
        String s = Text.clean(raw);
        if (s == null) {
            return EMPTY;
        }
        int start = 0;
        int end = s.length();
        if (s.startsWith("人民币")) {
            start = skipSpaces(s, start + 3, end);
        }
        boolean negative = false;
        if (start < end && isSign(s.charAt(start))) {
            negative = s.charAt(start) != '+';
            start = skipSpaces(s, start + 1, end);
        }
        if (start < end && isYen(s.charAt(start))) {
            start = skipSpaces(s, start + 1, end);
        }
        if (start < end && isSign(s.charAt(start))) {
            negative |= s.charAt(start) != '+';
            start = skipSpaces(s, start + 1, end);
        }
        Unit valueUnit = null;
        if (end - 2 >= start && s.startsWith("万元", end - 2)) {
            valueUnit = Unit.WAN_YUAN;
            end -= 2;
        } else if (end > start && s.charAt(end - 1) == '元') {
            valueUnit = Unit.YUAN;
            end--;
        } else if (end > start && s.charAt(end - 1) == '万') {
            valueUnit = Unit.WAN_YUAN;
            end--;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        String number = plainNumber(s, start, end);
        if (number == null) {
            return INVALID;
        }
        BigDecimal value = new BigDecimal(number);
        if (negative && value.signum() != 0) {
            return INVALID;
        }
        boolean fromYuan = false;
        if (valueUnit != null && valueUnit != headerUnit) {
            if (valueUnit == Unit.YUAN) {
                value = value.movePointLeft(4);
                fromYuan = true;
            } else {
                value = value.movePointRight(4);
            }
        }
        boolean suspect =
                headerUnit == Unit.WAN_YUAN
                        && valueUnit == null
                        && value.compareTo(SUSPECT_WAN_YUAN) >= 0;
        return new AmountParse(Outcome.OK, value, fromYuan, suspect);
    }

    /**
     * {@code s[start, end)} without grouping separators when it is digits with correct 3-digit
     * grouping (by {@code ,} or a space) and at most one decimal point (at least one digit in all),
     * and at most {@link #MAX_DIGITS} significant digits before and after the point, else {@code
     * null}.
     */
    private static String plainNumber(String s, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        int intDigits = 0;
        int groupDigits = -1; // digits since the last comma; -1 before the first comma
        boolean fraction = false;
        int fractionDigits = 0;
        int significant = 0; // integer digits from the first that is not 0
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
                if (fraction) {
                    if (++fractionDigits > MAX_DIGITS) {
                        return null;
                    }
                } else {
                    if ((significant > 0 || c != '0') && ++significant > MAX_DIGITS) {
                        return null;
                    }
                    intDigits++;
                    if (groupDigits >= 0) {
                        groupDigits++;
                    }
                }
            } else if ((c == ',' || c == ' ') && !fraction) {
                boolean firstGroupOk = groupDigits < 0 && intDigits >= 1 && intDigits <= 3;
                if (!firstGroupOk && groupDigits != 3) {
                    return null;
                }
                groupDigits = 0;
            } else if (c == '.' && !fraction) {
                if (groupDigits >= 0 && groupDigits != 3) {
                    return null;
                }
                fraction = true;
                b.append('.');
            } else {
                return null;
            }
        }
        if (!fraction && groupDigits >= 0 && groupDigits != 3) {
            return null;
        }
        return intDigits + fractionDigits == 0 ? null : b.toString();
    }

    private static int skipSpaces(String s, int from, int end) {
        while (from < end && s.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    private static boolean isSign(char c) {
        return c == '-' || c == '+' || c == '−';
    }

    private static boolean isYen(char c) {
        return c == '¥' || c == '￥';
    }
}
