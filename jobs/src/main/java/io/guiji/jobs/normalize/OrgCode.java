package io.guiji.jobs.normalize;

/** 组织机构代码 (GB 11714): 8 characters {@code 0-9A-Z} and a mod-11 check character. */
public final class OrgCode {
    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private OrgCode() {}

    /** Whether the canonical 9-character {@code code} (no hyphen) has a correct check character. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 9) {
            return false;
        }
        char check = checkChar(code);
        return check != 0 && check == code.charAt(8);
    }

    /** The check character for the first 8 characters, or 0 when they are not {@code 0-9A-Z}. */
    public static char checkChar(String code) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int v = value(code.charAt(i));
            if (v < 0) {
                return 0;
            }
            sum += v * WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
