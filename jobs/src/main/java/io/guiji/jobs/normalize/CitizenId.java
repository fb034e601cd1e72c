package io.guiji.jobs.normalize;

/**
 * 公民身份号码 (GB 11643) and the one mask the project publishes personal ID numbers with (docs/domain.md
 * §6: first 6 and last 4 characters, {@code ********} between).
 */
public final class CitizenId {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final String MASK = "********";

    private CitizenId() {}

    /** Whether the canonical 18-character {@code id} has a correct check character. */
    public static boolean isValid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11) == id.charAt(17);
    }

    /** Whether characters 7–14 are a plausible birth date (1900 to 2099). */
    public static boolean hasBirthDate(String id) {
        try {
            int year = Integer.parseInt(id.substring(6, 10));
            java.time.LocalDate.of(
                    year,
                    Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            return year >= 1900 && year <= 2099;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The check character for the first 17 digits; used by data generators. */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /**
     * The published form of a personal ID number: never the whole number. Ten or more characters
     * keep their first 6 and last 4 around {@code ********}; shorter ones keep only their last 2.
     */
    public static String mask(String id) {
        if (id == null || id.isEmpty()) {
            return id;
        }
        String s = id.strip();
        // Counted in code points, so a character outside the BMP is never cut in half (a lone
        // surrogate no output can carry).
        int n = s.codePointCount(0, s.length());
        if (n >= 10) {
            return s.substring(0, s.offsetByCodePoints(0, 6))
                    + MASK
                    + s.substring(s.offsetByCodePoints(s.length(), -4));
        }
        return MASK + (n > 4 ? s.substring(s.offsetByCodePoints(s.length(), -2)) : "");
    }
}
