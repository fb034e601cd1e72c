package io.guiji.jobs.normalize;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 公民身份号码 (GB 11643) and the one mask the project publishes personal ID numbers with (docs/domain.md
 * §6: first 6 and last 4 characters, {@code ********} between). Numbers are also recognized by
 * their shape, check digit or not, so that a mistyped one is still treated as personal data:
 * masked, never published whole (docs/contract.md §4).
 */
public final class CitizenId {
    /** 18 characters: 6 address digits, a birth date 19xx/20xx, 3 digits, a check digit or X. */
    private static final Pattern ID18 =
            Pattern.compile(
                    "(?<![0-9A-Za-z])\\d{6}(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx](?![0-9A-Za-z])");

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

    /**
     * Whether a canonical value is shaped like an 18-character citizen ID with a real birth date.
     */
    public static boolean looksLikeCitizenId(String canonical) {
        return canonical != null
                && canonical.length() == 18
                && ID18.matcher(canonical).matches()
                && hasBirthDate(canonical);
    }

    /** {@code text} with every citizen-ID-shaped number masked (for rejected records' raw text). */
    public static String maskInText(String text) {
        Matcher m = ID18.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(mask(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
