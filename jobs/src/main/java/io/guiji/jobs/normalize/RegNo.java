package io.guiji.jobs.normalize;

/** 工商注册号 (before 2016): 15 digits, the last an ISO 7064 MOD 11,10 check digit. */
public final class RegNo {
    private RegNo() {}

    /** Whether {@code code} is 15 digits with a correct check digit. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 15 || !allDigits(code)) {
            return false;
        }
        return (product(code) + (code.charAt(14) - '0')) % 10 == 1;
    }

    /** The check digit for the first 14 digits; used by data generators. */
    public static char checkDigit(String first14) {
        if (first14.length() < 14 || !allDigits(first14.substring(0, 14))) {
            throw new IllegalArgumentException("not 14 digits: " + first14);
        }
        int p = product(first14);
        // (p + d) % 10 == 1
        return (char) ('0' + Math.floorMod(1 - p, 10));
    }

    private static int product(String code) {
        int p = 10;
        for (int i = 0; i < 14; i++) {
            int s = (p + (code.charAt(i) - '0')) % 10;
            if (s == 0) {
                s = 10;
            }
            p = (2 * s) % 11;
        }
        return p;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
