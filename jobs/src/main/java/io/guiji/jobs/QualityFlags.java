package io.guiji.jobs;

/**
 * The quality flags an accepted record can carry (docs/contract.md §7: every problem that does not
 * make a record unusable). Flags on a field are {@code INVALID_<FIELD>} (see {@link #invalid}).
 */
public final class QualityFlags {
    private QualityFlags() {}

    public static final String INVALID_USCC = "INVALID_USCC";
    public static final String INVALID_REG_NO = "INVALID_REG_NO";
    public static final String INVALID_ORG_CODE = "INVALID_ORG_CODE";
    public static final String INVALID_ID_NO = "INVALID_ID_NO";

    /** A valid code stood in another code's column (or in the ID column) and was moved. */
    public static final String CODE_IN_WRONG_COLUMN = "CODE_IN_WRONG_COLUMN";

    public static final String CONFLICTING_USCC = "CONFLICTING_USCC";
    public static final String CONFLICTING_REG_NO = "CONFLICTING_REG_NO";
    public static final String CONFLICTING_ORG_CODE = "CONFLICTING_ORG_CODE";

    /** Linked by a valid USCC that the registry does not hold. */
    public static final String UNREGISTERED_CODE = "UNREGISTERED_CODE";

    /** The name equals several registry names (or former names): left for review. */
    public static final String AMBIGUOUS_NAME = "AMBIGUOUS_NAME";

    public static final String UNKNOWN_STATUS = "UNKNOWN_STATUS";
    public static final String UNKNOWN_SUBJECT_CATEGORY = "UNKNOWN_SUBJECT_CATEGORY";

    /**
     * Category 自然人 on a subject with a valid enterprise code (an individual business mislabelled).
     */
    public static final String CATEGORY_MISMATCH = "CATEGORY_MISMATCH";

    /** An amount carried 元 (or 万元) against its header's unit and was converted. */
    public static final String AMOUNT_UNIT_CONVERTED = "AMOUNT_UNIT_CONVERTED";

    /** An amount in 万元 so large it was probably sent in 元; kept as sent. */
    public static final String SUSPECT_AMOUNT_UNIT = "SUSPECT_AMOUNT_UNIT";

    /** valid_to before valid_from. */
    public static final String VALIDITY_REVERSED = "VALIDITY_REVERSED";

    /**
     * A field lost control characters, lone surrogates or noncharacters that no output can carry
     * (NUL and the like; see {@link io.guiji.connectors.SinkSafeText}): the text is kept without
     * them.
     */
    public static final String CONTROL_CHARACTERS_REMOVED = "CONTROL_CHARACTERS_REMOVED";

    /**
     * Linking failed on this record (a processing error): it is published unlinked ({@code NONE}),
     * the error in its link evidence ({@code error=stage link: …}).
     */
    public static final String LINK_ERROR = "LINK_ERROR";

    /**
     * A value of this record could not be encoded (Avro) and was dropped before publishing; the
     * link evidence names it ({@code unencodable=<path>}).
     */
    public static final String UNENCODABLE_VALUE = "UNENCODABLE_VALUE";

    /**
     * The flag for an unparseable or impossible value of {@code field} (e.g. INVALID_VALID_TO); for
     * an amount also one that the output's decimal cannot hold (e.g. INVALID_FINE_AMOUNT for 10^18
     * 万元 or more): the field is left empty.
     */
    public static String invalid(String field) {
        return "INVALID_" + field.toUpperCase(java.util.Locale.ROOT);
    }
}
