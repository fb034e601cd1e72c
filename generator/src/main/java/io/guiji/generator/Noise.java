package io.guiji.generator;

/**
 * The kinds of realism {@link SampleGenerator} writes into a sample input (docs/domain.md §7,
 * docs/contract.md §7 and §8). Every generated record, file or registry entry that shows one of
 * them is counted ({@link GenerationResult#noise()}), so tests can check that a preset really
 * contains each kind, and {@code truth/unified.jsonl} lists the kinds each unified record carries.
 *
 * <p>The {@code REJECT_*} kinds are the only ones that make a record unusable; {@link #reason()}
 * gives the docs/contract.md §7 reason the pipeline must report for them.
 */
public enum Noise {
    // ---- registry -------------------------------------------------------------------------------
    REGISTRY_OLD_REG_NO("registry entry with an old 15-digit 注册号 beside its USCC"),
    REGISTRY_FORMER_NAMES("renamed registry entry with 曾用名 (';'-separated)"),
    REGISTRY_BRANCH("branch …分公司 registered as its own entry"),
    REGISTRY_TWIN_FORM("有限公司 and 有限责任公司 with the same 字号, both registered"),
    REGISTRY_TWIN_COUNTY("the same 字号 registered in two counties"),
    REGISTRY_SAME_NAME("two registry entries with the same normalized name (one deregistered)"),
    REGISTRY_INDIVIDUAL_USCC("个体工商户 with a 92… USCC"),
    REGISTRY_INDIVIDUAL_REG_NO_ONLY("个体工商户 registered with a 注册号 only (enterprise_id is the 注册号)"),
    REGISTRY_LATIN_NAME("enterprise name with Latin letters"),
    REGISTRY_BRACKETED_REGION("region in brackets inside the name, 华信（朝阳）商贸有限公司"),

    // ---- subjects of records --------------------------------------------------------------------
    SUBJECT_PERSON("natural person: category 自然人 and a citizen ID"),
    SUBJECT_PERSON_ID_ONLY("natural person given only by a citizen ID, no category"),
    SUBJECT_INDIVIDUAL("个体工商户 as the party"),
    SUBJECT_BRANCH("a branch as the party"),
    SUBJECT_TWIN_FORM("one of a 有限公司/有限责任公司 pair as the party"),
    SUBJECT_TWIN_COUNTY("one of two same-字号 enterprises in different counties as the party"),
    SUBJECT_SAME_NAME("a party whose name two registry entries share, without a code: NONE"),
    SUBJECT_UNREGISTERED("a valid USCC the registry lacks (UNREGISTERED_CODE)"),
    SUBJECT_UNKNOWN("a party not in the registry, without a code"),

    // ---- names as written in records ------------------------------------------------------------
    NAME_BRACKET_WIDTH("brackets written （）, (), [] or 【】"),
    NAME_SPACES("a stray space inside the name"),
    NAME_FULLWIDTH_LETTERS("Latin letters written full-width"),
    NAME_LETTER_CASE("Latin letters written in lower case"),
    NAME_PUNCTUATION("a stray · inside the name"),
    NAME_TRADITIONAL("traditional characters"),
    NAME_DROPPED_PREFIX("region prefix left out"),
    NAME_FORMER("a former name (曾用名)"),
    NAME_TYPO("a homophone typo"),
    NAME_ZERO_WIDTH("a zero-width character inside the name"),
    NAME_PADDING("leading or trailing spaces"),

    // ---- codes as written in records ------------------------------------------------------------
    CODE_USCC("the USCC given"),
    CODE_USCC_OTHER_COPY("the USCC only in another copy of the same decision"),
    CODE_REG_NO_ONLY("only the 注册号 given"),
    CODE_ORG_CODE_ONLY("only the 组织机构代码 given"),
    CODE_ORG_CODE_HYPHEN("organization code written XXXXXXXX-X"),
    CODE_WRONG_COLUMN("a code in another code's column"),
    CODE_LOWER_CASE("a code in lower case"),
    CODE_SPACES("spaces inside or around a code"),
    CODE_FULLWIDTH("a code in full-width characters"),
    CODE_TYPO("a code with a check-character typo (the record links by name)"),
    CODE_NONE("no code at all (the record links by name)"),
    CODE_LEGAL_REP_ID(
            "the legal representative's own ID number in its own column (never the party's)"),

    // ---- document numbers -----------------------------------------------------------------------
    DOC_BRACKETS("year brackets other than 〔〕"),
    DOC_SPACES("spaces inside the document number"),
    DOC_FULLWIDTH_DIGITS("full-width digits in the document number"),
    DOC_LOWER_CASE("Latin letters of the document number in lower case"),
    DOC_COURT_CASE_NO("court case number （yyyy）辽13xx执n号"),

    // ---- copies ---------------------------------------------------------------------------------
    DUP_CROSS_CHANNEL("the same decision in two or three channel files"),
    DUP_RESEND("the same row sent again"),
    NEW_VERSION("a later copy (later 数据更新时间) with a changed field"),
    REVOCATION("a later copy with 当前状态 撤销"),
    TIE_NO_UPDATED_AT("several copies, none with 数据更新时间"),

    // ---- values ---------------------------------------------------------------------------------
    DATE_ISO("date yyyy-MM-dd"),
    DATE_SLASH("date yyyy/M/d"),
    DATE_COMPACT("date yyyyMMdd"),
    DATE_CHINESE("date yyyy年M月d日"),
    DATE_WITH_TIME("date followed by a time"),
    STATUS_DIGIT("当前状态 written 1 or 2"),
    AMOUNT_IN_YUAN("罚款金额 sent in 元 under the 万元 header"),
    AMOUNT_JSON_NUMBER("an amount as a JSON number"),
    AMOUNT_TRAILING_ZEROS("an amount with trailing zeros"),
    TEXT_QUOTES_COMMAS("text with commas and quotes (RFC 4180 quoting)"),
    TEXT_NEWLINE("text with a line break inside a quoted CSV field"),

    // ---- files ----------------------------------------------------------------------------------
    FILE_GBK("a GBK-encoded file"),
    FILE_BOM("a UTF-8 file with a byte order mark"),
    FILE_CRLF("CRLF line ends"),
    FILE_LAYOUT_2016("the 2016 layout (CF_WSH, CF_CFMC, … / XK_WSH, XK_XMMC, …)"),
    FILE_FIELD_CODES("current layout with XK_/CF_ field codes as headers"),
    FILE_HEADER_VARIANTS("headers with half-width brackets or spaces"),
    FILE_QUOTE_ALL("every CSV field quoted"),
    FILE_COLUMN_ORDER("columns in an unusual order"),
    FILE_BLANK_LINES("blank lines between records"),

    // ---- rejected rows (docs/contract.md §7)
    // ------------------------------------------------------------
    REJECT_COLUMN_COUNT("MALFORMED", "a CSV row with the wrong number of columns"),
    REJECT_BROKEN_JSON("MALFORMED", "a JSONL line that is not valid JSON"),
    REJECT_UNTERMINATED_QUOTE("MALFORMED", "an unterminated quote in the last row of a CSV file"),
    REJECT_BAD_BYTES("MALFORMED", "a row of a UTF-8 file with undecodable bytes (0xFF)"),
    REJECT_MISSING_SUBJECT("MISSING_FIELD", "empty subject_name"),
    REJECT_MISSING_DOC_NO("MISSING_FIELD", "empty doc_no"),
    REJECT_MISSING_DATE("MISSING_FIELD", "empty decision_date"),
    REJECT_IMPOSSIBLE_DATE("INVALID_DATE", "a decision date that does not exist (2023-02-30)"),
    REJECT_GARBAGE_DATE("INVALID_DATE", "a decision date that is not a date"),
    REJECT_FUTURE_DATE("INVALID_DATE", "a decision date after the day of processing"),
    REJECT_UNKNOWN_SOURCE("UNKNOWN_SOURCE", "a file under a folder that is not a record type"),

    // ---- coverage (docs/contract.md §8)
    // -----------------------------------------------------------------
    COVERAGE_SILENT_DEPT("a catalogued department that supplies nothing"),
    COVERAGE_EMPTY_ITEM("a catalogued item (department × type) without records"),
    COVERAGE_UNCATALOGUED_DEPT("a department supplying records but absent from the catalogue"),
    COVERAGE_UNCATALOGUED_TYPE("a department supplying a type not catalogued for it");

    private final String reason;
    private final String description;

    Noise(String description) {
        this(null, description);
    }

    Noise(String reason, String description) {
        this.reason = reason;
        this.description = description;
    }

    /** The docs/contract.md §7 rejection reason for a {@code REJECT_*} kind, else {@code null}. */
    public String reason() {
        return reason;
    }

    /** What the kind looks like in the generated input. */
    public String description() {
        return description;
    }

    /** Whether a record showing this kind must be rejected. */
    public boolean isReject() {
        return reason != null;
    }
}
