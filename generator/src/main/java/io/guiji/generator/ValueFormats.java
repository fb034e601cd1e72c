package io.guiji.generator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;

/**
 * How channels write dates, date-times, amounts and statuses (docs/contract.md §2): every date form
 * the contract accepts, the invalid dates of the {@code INVALID_DATE} rejections, and status words.
 */
final class ValueFormats {
    enum DateStyle {
        ISO,
        SLASH,
        COMPACT,
        CHINESE
    }

    private final NoisePlanner planner;
    private final Random rnd;

    ValueFormats(NoisePlanner planner) {
        this.planner = planner;
        this.rnd = planner.random();
    }

    /**
     * A style for a date in a channel: the platform writes ISO, the 2016 layout compact or slash.
     */
    DateStyle style(boolean platform, boolean layout2016) {
        if (platform) {
            return DateStyle.ISO;
        }
        Noise n =
                planner.pick(
                        java.util.Arrays.asList(
                                Noise.DATE_ISO,
                                Noise.DATE_SLASH,
                                Noise.DATE_COMPACT,
                                Noise.DATE_CHINESE),
                        layout2016
                                ? new double[] {0.1, 0.5, 0.4, 0.0}
                                : new double[] {0.45, 0.25, 0.15, 0.15});
        return switch (n) {
            case DATE_SLASH -> DateStyle.SLASH;
            case DATE_COMPACT -> DateStyle.COMPACT;
            case DATE_CHINESE -> DateStyle.CHINESE;
            default -> DateStyle.ISO;
        };
    }

    /** A decision date in {@code style}, sometimes followed by a time. */
    String date(LocalDate d, DateStyle style) {
        hit(style);
        String s = format(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), style);
        if (planner.chance(Noise.DATE_WITH_TIME, 0.1)) {
            planner.hit(Noise.DATE_WITH_TIME);
            return s
                    + " "
                    + two(rnd.nextInt(24))
                    + ":"
                    + two(rnd.nextInt(60))
                    + ":"
                    + two(rnd.nextInt(60));
        }
        return s;
    }

    /** An optional date (valid_to, release_date …), without noise accounting. */
    static String plainDate(LocalDate d, DateStyle style) {
        return d == null ? null : format(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), style);
    }

    /** A 数据更新时间 in {@code style}, always with a time to the second. */
    static String dateTime(LocalDateTime t, DateStyle style) {
        return format(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), style)
                + " "
                + two(t.getHour())
                + ":"
                + two(t.getMinute())
                + ":"
                + two(t.getSecond());
    }

    static String format(int y, int m, int d, DateStyle style) {
        return switch (style) {
            case ISO -> y + "-" + two(m) + "-" + two(d);
            case SLASH -> y + "/" + m + "/" + d;
            case COMPACT -> y + two(m) + two(d);
            case CHINESE -> y + "年" + m + "月" + d + "日";
        };
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** A day that does not exist: 30 February, 31 April, 29 February of a common year, month 13. */
    String impossibleDate(int year) {
        int common = year % 4 == 0 ? year - 1 : year;
        return switch (rnd.nextInt(4)) {
            case 0 -> format(year, 2, 30, DateStyle.ISO);
            case 1 -> format(year, 4, 31, DateStyle.SLASH);
            case 2 -> format(common, 2, 29, DateStyle.CHINESE);
            default -> String.format("%04d13%02d", year, 1 + rnd.nextInt(28));
        };
    }

    /** Text that is no date (and no placeholder the pipeline could read as "empty"). */
    String garbageDate() {
        String[] g = {"待定", "见附件", "#VALUE!", "二〇二四年三月五日", "0000-00-00", "2024-3"};
        return g[rnd.nextInt(g.length)];
    }

    /** The status words of one copy: ACTIVE as empty/有效/正常/1, REVOKED as 撤销/撤回/无效/2. */
    String status(boolean revoked, boolean digitsAllowed) {
        if (digitsAllowed && planner.chance(Noise.STATUS_DIGIT, 0.08)) {
            planner.hit(Noise.STATUS_DIGIT);
            return revoked ? "2" : "1";
        }
        if (revoked) {
            String[] w = {"撤销", "撤销", "撤回", "无效"};
            return w[rnd.nextInt(w.length)];
        }
        String[] w = {"", "有效", "正常", "有效"};
        return w[rnd.nextInt(w.length)];
    }

    /** An amount as text: plain, or with trailing zeros. */
    String amount(BigDecimal v) {
        if (v.scale() <= 2 && planner.chance(Noise.AMOUNT_TRAILING_ZEROS, 0.1)) {
            planner.hit(Noise.AMOUNT_TRAILING_ZEROS);
            return v.setScale(v.scale() <= 0 ? 2 : 4).toPlainString();
        }
        return v.toPlainString();
    }

    private void hit(DateStyle style) {
        planner.hit(
                switch (style) {
                    case ISO -> Noise.DATE_ISO;
                    case SLASH -> Noise.DATE_SLASH;
                    case COMPACT -> Noise.DATE_COMPACT;
                    case CHINESE -> Noise.DATE_CHINESE;
                });
    }
}
