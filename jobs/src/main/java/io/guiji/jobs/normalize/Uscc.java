package io.guiji.jobs.normalize;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-symbol alphabet, positions 9–17 an organization
 * code, position 18 a mod-31 check character.
 *
 * <p>Callers pass identifiers already in canonical form ({@link Identifiers#canonical}).
 */
public final class Uscc {
    /** The 31 symbols, in value order: no I, O, S, V, Z. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] WEIGHTS = {
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
    };
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private Uscc() {}

    /** Whether {@code code} has the USCC shape and a correct check character. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int check = checkValue(code);
        return check >= 0 && ALPHABET.charAt(check) == code.charAt(17);
    }

    /**
     * Whether {@code code} looks like a USCC (18 alphabet characters) whatever its check character.
     */
    public static boolean hasShape(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            if (c >= 128 || VALUE[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The check character for the first 17 characters of {@code code}; used by data generators. */
    public static char checkChar(String first17) {
        int check = checkValue(first17);
        if (check < 0) {
            throw new IllegalArgumentException("not USCC characters: " + first17);
        }
        return ALPHABET.charAt(check);
    }

    /** Characters 9–17: the organization code embedded in every USCC. */
    public static String orgCode(String uscc) {
        return uscc.substring(8, 17);
    }

    private static int checkValue(String code) {
        if (code.length() < 17) {
            return -1;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = code.charAt(i);
            int v = c < 128 ? VALUE[c] : -1;
            if (v < 0) {
                return -1;
            }
            sum += v * WEIGHTS[i];
        }
        return (31 - sum % 31) % 31;
    }
}
