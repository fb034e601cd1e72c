package io.guiji.generator;

import io.guiji.jobs.normalize.CitizenId;
import io.guiji.jobs.normalize.OrgCode;
import io.guiji.jobs.normalize.RegNo;
import io.guiji.jobs.normalize.Uscc;
import java.time.LocalDate;
import java.util.Random;

/**
 * Valid identifiers (docs/domain.md §1) and the ways records mistype them.
 *
 * <p>Codes of registry entries are pure functions of the entry's sequence number: a fixed bijection
 * scatters sequence numbers over the code space, so codes look random, are unique without a set to
 * remember them, and need no storage. Organization codes are old-style (8 digits, enterprises from
 * before 2015) or new-style ({@code MA} + 6 USCC alphabet characters); a USCC is {@code 9}, {@code
 * 1} (enterprise) or {@code 2} (individual business), the division, the organization code and its
 * check character, so every USCC's characters 9–17 are a valid organization code. Registration
 * numbers are the division, 8 scattered digits and the MOD 11,10 check digit.
 *
 * <p>Typos change the check character only and are verified to be invalid as every kind of code of
 * their length (a mistyped all-digit USCC must not turn into a valid citizen ID).
 */
final class CodeFactory {
    /** Sequence numbers from here on are USCCs the registry does not hold. */
    static final int UNREGISTERED_BASE = 400_000_000;

    private static final long DIGITS8 = 100_000_000L;
    private static final long BASE31_6 = 887_503_681L; // 31^6
    private static final long SCATTER = 48_271_987L;
    private static final String[] PERSON_DIVISIONS = {
        "211302", "211303", "211321", "211322", "211324", "211381", "211382"
    };

    private final long offsetOld;
    private final long offsetNew;
    private final long offsetReg;

    static {
        if (gcd(SCATTER, DIGITS8) != 1 || gcd(SCATTER, BASE31_6) != 1) {
            throw new IllegalStateException("SCATTER must be coprime with the code spaces");
        }
    }

    CodeFactory(long seed) {
        Random r = new Random(seed * 31 + 17);
        offsetOld = Math.floorMod(r.nextLong(), DIGITS8);
        offsetNew = Math.floorMod(r.nextLong(), BASE31_6);
        offsetReg = Math.floorMod(r.nextLong(), DIGITS8);
    }

    /** The 9-character organization code of sequence number {@code seq}. */
    String orgCode(int seq, boolean oldStyle) {
        String base;
        if (oldStyle) {
            base = pad(scatter(seq, DIGITS8, offsetOld), 8);
        } else {
            long v = scatter(seq, BASE31_6, offsetNew);
            char[] c = new char[6];
            for (int i = 5; i >= 0; i--) {
                c[i] = Uscc.ALPHABET.charAt((int) (v % 31));
                v /= 31;
            }
            base = "MA" + new String(c);
        }
        return base + OrgCode.checkChar(base);
    }

    /**
     * The USCC of sequence number {@code seq}: 91… for enterprises, 92… for individual businesses.
     */
    String uscc(boolean individual, String division, int seq, boolean oldStyle) {
        String first17 = "9" + (individual ? '2' : '1') + division + orgCode(seq, oldStyle);
        return first17 + Uscc.checkChar(first17);
    }

    /** The 15-digit registration number of sequence number {@code seq}. */
    String regNo(String division, int seq) {
        String first14 = division + pad(scatter(seq, DIGITS8, offsetReg), 8);
        return first14 + RegNo.checkDigit(first14);
    }

    /** A valid 18-character citizen ID of someone from the city, born 1955–2003. */
    String citizenId(Random rnd) {
        while (true) {
            LocalDate birth = LocalDate.of(1955, 1, 1).plusDays(rnd.nextInt(17_500));
            String first17 =
                    PERSON_DIVISIONS[rnd.nextInt(PERSON_DIVISIONS.length)]
                            + String.format(
                                    "%04d%02d%02d%03d",
                                    birth.getYear(),
                                    birth.getMonthValue(),
                                    birth.getDayOfMonth(),
                                    rnd.nextInt(1000));
            String id = first17 + CitizenId.checkChar(first17);
            if (!Uscc.isValid(
                    id)) { // about one ID in 31 also passes the USCC check: avoid the doubt
                return id;
            }
        }
    }

    /** {@code uscc} with a wrong check character: neither a valid USCC nor a valid citizen ID. */
    String typoUscc(String uscc, Random rnd) {
        while (true) {
            char c = Uscc.ALPHABET.charAt(rnd.nextInt(31));
            String t = uscc.substring(0, 17) + c;
            if (!Uscc.isValid(t) && !CitizenId.isValid(t)) {
                return t;
            }
        }
    }

    /** {@code regNo} with a wrong check digit. */
    String typoRegNo(String regNo, Random rnd) {
        while (true) {
            String t = regNo.substring(0, 14) + (char) ('0' + rnd.nextInt(10));
            if (!RegNo.isValid(t)) {
                return t;
            }
        }
    }

    // ---- how records write codes
    // ------------------------------------------------------------------

    static String lowerCase(String code) {
        return code.toLowerCase(java.util.Locale.ROOT);
    }

    /** Spaces inside (groups of 4 or 6) or around the code. */
    static String spaced(String code, Random rnd) {
        switch (rnd.nextInt(3)) {
            case 0:
                return " " + code + " ";
            case 1:
                return group(code, 4, " ");
            default:
                return code.substring(0, 6) + "\u3000" + code.substring(6);
        }
    }

    /** An organization code as {@code XXXXXXXX-X}. */
    static String hyphenated(String orgCode) {
        return orgCode.substring(0, 8) + "-" + orgCode.substring(8);
    }

    static String fullWidth(String code) {
        StringBuilder b = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            b.append(Vocab.fullWidth(code.charAt(i)));
        }
        return b.toString();
    }

    private static String group(String code, int n, String sep) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < code.length(); i += n) {
            if (i > 0) {
                b.append(sep);
            }
            b.append(code, i, Math.min(code.length(), i + n));
        }
        return b.toString();
    }

    private static long scatter(long seq, long space, long offset) {
        if (seq < 0 || seq >= space) {
            throw new IllegalArgumentException("sequence number outside the code space: " + seq);
        }
        return Math.floorMod(seq * SCATTER + offset, space);
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
