package io.guiji.jobs.ingest;

import io.guiji.jobs.normalize.CitizenId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes personal ID numbers by their shape, check digit or not, so that a mistyped one is
 * still treated as personal data: masked, never published whole (docs/contract.md §4,
 * docs/domain.md §6).
 */
final class CitizenIds {
    /** 18 characters: 6 address digits, a birth date 19xx/20xx, 3 digits, a check digit or X. */
    private static final Pattern ID18 =
            Pattern.compile(
                    "(?<![0-9A-Za-z])\\d{6}(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx](?![0-9A-Za-z])");

    private CitizenIds() {}

    /**
     * Whether a canonical value is shaped like an 18-character citizen ID with a real birth date.
     */
    static boolean looksLikeCitizenId(String canonical) {
        return canonical != null
                && canonical.length() == 18
                && ID18.matcher(canonical).matches()
                && CitizenId.hasBirthDate(canonical);
    }

    /** {@code text} with every citizen-ID-shaped number masked (for rejected records' raw text). */
    static String maskInText(String text) {
        Matcher m = ID18.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(CitizenId.mask(m.group())));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
