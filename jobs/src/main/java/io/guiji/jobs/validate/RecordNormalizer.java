package io.guiji.jobs.validate;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.ingest.FieldAliases;
import io.guiji.jobs.ingest.HeaderMap;
import io.guiji.jobs.ingest.Placeholders;
import io.guiji.jobs.ingest.RecordIds;
import io.guiji.jobs.ingest.SourcePath;
import io.guiji.jobs.normalize.Amounts;
import io.guiji.jobs.normalize.CitizenId;
import io.guiji.jobs.normalize.Dates;
import io.guiji.jobs.normalize.DocNumbers;
import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.normalize.Statuses;
import io.guiji.jobs.normalize.SubjectCategories;
import io.guiji.jobs.normalize.Text;
import io.guiji.schemas.CoercionDetails;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.DishonestyDetails;
import io.guiji.schemas.InspectionDetails;
import io.guiji.schemas.JudicialDetails;
import io.guiji.schemas.LicenseDetails;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates and normalizes one input row into an accepted {@link SupervisionRecord} or a {@link
 * RejectedRecord} (docs/contract.md §4, §7). Rejection is kept for rows that cannot be a usable
 * record: unknown source path, unparseable row, a missing required field, an unusable decision
 * date. Every other problem becomes a quality flag. Natural persons' ID numbers are masked here, so
 * they never reach state or output whole. Not thread-safe (holds a header cache): one per operator.
 *
 * <p>Total: {@link #normalize} returns exactly one outcome for every row, whatever its header and
 * values hold, and nothing it returns can make a sink fail ({@link SinkSafeText}): fields are
 * {@link Text#clean}ed (control characters dropped, flagged {@code CONTROL_CHARACTERS_REMOVED}), an
 * amount the output's decimal cannot hold is flagged {@code INVALID_<FIELD>} and left empty, and a
 * rejected record's raw text, file and message are {@link SinkSafeText#escape}d.
 */
public final class RecordNormalizer {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Set<String> YES = Set.of("是", "Y", "YES", "TRUE", "1", "失信", "是失信被执行人");
    private static final Set<String> NO = Set.of("否", "N", "NO", "FALSE", "0", "不是", "非失信");

    private final java.util.function.Supplier<LocalDate> today;
    private final java.time.ZoneId zone;
    private final HeaderMap.Cache headers = new HeaderMap.Cache(FieldAliases::recordField);

    /** A normalizer for a fixed day of processing. */
    public RecordNormalizer(LocalDate today) {
        this(() -> today);
    }

    /** A normalizer whose day of processing is asked per row (a streaming job runs for years). */
    public RecordNormalizer(java.util.function.Supplier<LocalDate> today) {
        this(today, java.time.ZoneId.of("Asia/Shanghai"));
    }

    /**
     * A normalizer whose receipt dates ({@code received_on}) are days in {@code zone}
     * (guiji.time-zone).
     */
    public RecordNormalizer(java.util.function.Supplier<LocalDate> today, java.time.ZoneId zone) {
        this.today = today;
        this.zone = zone;
    }

    /** The outcome for one row: exactly one of {@code accepted} and {@code rejected} is set. */
    public record Outcome(SupervisionRecord accepted, RejectedRecord rejected) {}

    /**
     * The decimal of the output's amount fields ({@code decimal(24, 6)} in PenaltyDetails.avsc and
     * JudicialDetails.avsc): at most 18 integer digits at scale 6.
     */
    static final int AMOUNT_PRECISION = 24;

    static final int AMOUNT_SCALE = 6;
    private static final String[] NO_CELLS = new String[0];

    public Outcome normalize(RawRow row) {
        SourcePath path = SourcePath.of(row);
        if (SourcePath.explicit(row) && row.error != null) {
            // A message that could not be read cannot name its type either: the bytes are the
            // problem.
            return reject(row, path, RejectReason.MALFORMED, row.error);
        }
        if (SourcePath.explicit(row) && (path.recordType() == null || path.deptCode() == null)) {
            String what =
                    path.recordType() != null
                            ? "the source names no department (dept_code)"
                            : path.typeSegment() == null
                                    ? "the source names no record type (configure record-type, or send record_type)"
                                    : "'"
                                            + path.typeSegment()
                                            + "' is not a record type (license, inspection, penalty, coercion, judicial, dishonesty)";
            return reject(row, path, RejectReason.UNKNOWN_SOURCE, what);
        }
        if (path.recordType() == null) {
            String what =
                    path.typeSegment() == null
                            ? "the path does not name a record type (expected records/<dept_code>/<record_type>/<file>)"
                            : "'"
                                    + path.typeSegment()
                                    + "' is not a record type (license, inspection, penalty, coercion, judicial, dishonesty)";
            return reject(row, path, RejectReason.UNKNOWN_SOURCE, what);
        }
        if (path.deptCode() == null) {
            // a department folder of nothing but spaces or characters no output can carry
            return reject(
                    row,
                    path,
                    RejectReason.UNKNOWN_SOURCE,
                    "the path names no department (expected records/<dept_code>/<record_type>/<file>)");
        }
        if (row.error != null) {
            return reject(row, path, RejectReason.MALFORMED, row.error);
        }
        String[] header = row.header == null ? NO_CELLS : row.header;
        Cells cells =
                new Cells(headers.of(header), header, row.values == null ? NO_CELLS : row.values);
        List<String> flags = new ArrayList<>(2);

        String subject = cells.text("subject_name");
        String docNo = DocNumbers.normalize(cells.text("doc_no"));
        String decision = cells.text("decision_date");
        List<String> missing = new ArrayList<>(3);
        if (subject == null) {
            missing.add("subject_name");
        }
        if (docNo == null) {
            missing.add("doc_no");
        }
        if (decision == null) {
            missing.add("decision_date");
        }
        if (!missing.isEmpty()) {
            return reject(
                    row,
                    path,
                    RejectReason.MISSING_FIELD,
                    "empty "
                            + String.join(", ", missing)
                            + (cells.map.has("doc_no") || !missing.contains("doc_no")
                                    ? ""
                                    : " (no column maps to doc_no)"));
        }
        Dates.DateParse date = Dates.parseDate(decision);
        if (date.outcome() != Dates.Outcome.OK) {
            String why = date.outcome() == Dates.Outcome.IMPOSSIBLE ? "no such day" : "not a date";
            return reject(
                    row,
                    path,
                    RejectReason.INVALID_DATE,
                    "decision_date '" + decision + "': " + why);
        }
        LocalDate processingDay = today.get();
        if (date.date().isAfter(processingDay)) {
            return reject(
                    row,
                    path,
                    RejectReason.INVALID_DATE,
                    "decision_date "
                            + date.date()
                            + " is after the day of processing "
                            + processingDay);
        }

        DecisionFields.Builder f =
                DecisionFields.newBuilder()
                        .setDocNo(docNo)
                        .setSubjectName(subject)
                        .setDecisionDate(date.date().toString())
                        .setLegalRep(cells.text("legal_rep"))
                        .setIdType(cells.text("id_type"))
                        .setAuthority(cells.text("authority"));
        codes(cells, f, flags);
        category(cells.text("subject_category"), f, flags);
        Statuses.StatusParse status = Statuses.parse(cells.text("status"));
        f.setStatus(status.status());
        if (!status.recognized()) {
            flags.add(QualityFlags.UNKNOWN_STATUS);
        }
        String updated = cells.text("updated_at");
        if (updated != null) {
            Dates.DateTimeParse t = Dates.parseDateTime(updated);
            if (t.outcome() == Dates.Outcome.OK) {
                f.setUpdatedAt(t.dateTime().format(DATE_TIME));
            } else {
                flags.add(QualityFlags.invalid("updated_at"));
            }
        }
        f.setDetails(details(path.recordType(), cells, flags));
        if (cells.controlsRemoved) {
            flags.add(QualityFlags.CONTROL_CHARACTERS_REMOVED);
        }
        flags.sort(null);
        String deptCode = path.deptCode();
        String[] received = received(row, f.getUpdatedAt());
        SupervisionRecord record =
                SupervisionRecord.newBuilder()
                        .setReceivedOn(received == null ? null : received[0])
                        .setReceivedBasis(received == null ? null : received[1])
                        .setRecordId(RecordIds.of(path.recordType(), deptCode, docNo))
                        .setRecordType(path.recordType())
                        .setDeptCode(deptCode)
                        .setFields(f.build())
                        .setQualityFlags(flags)
                        .setSource(new SourceRef(fileOf(row), row.row))
                        .build();
        return new Outcome(record, null);
    }

    /**
     * When the copy was received, for timeliness (docs/contract.md §8): the message's arrival
     * (streaming), else its {@code updated_at}, else its file's modification date; as {date,
     * basis}, or null when nothing says.
     */
    private String[] received(RawRow row, String updatedAt) {
        if (RawRow.ARRIVAL.equals(row.receivedBasis)) {
            return new String[] {day(row.receivedAt), RawRow.ARRIVAL};
        }
        if (updatedAt != null && updatedAt.length() >= 10) {
            return new String[] {updatedAt.substring(0, 10), "updated_at"};
        }
        if (RawRow.FILE_MODIFIED.equals(row.receivedBasis)) {
            return new String[] {day(row.receivedAt), RawRow.FILE_MODIFIED};
        }
        return null;
    }

    private String day(long epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate().toString();
    }

    /**
     * Sorts the code columns: each valid enterprise code goes to the slot of its kind, whichever
     * column it was typed in; invalid values stay in their own column as given, flagged, when no
     * valid code fills it. The ID column is never emptied into another slot, and anything shaped
     * like a citizen ID (valid or not, in any column) ends up masked in {@code id_no}: a personal
     * ID number never leaves the pipeline whole (docs/contract.md §4).
     */
    private static void codes(Cells cells, DecisionFields.Builder f, List<String> flags) {
        String[] slot = new String[3]; // uscc, reg_no, org_code
        String[] given = {cells.text("uscc"), cells.text("reg_no"), cells.text("org_code")};
        Identifiers.Kind[] own = {
            Identifiers.Kind.USCC, Identifiers.Kind.REG_NO, Identifiers.Kind.ORG_CODE
        };
        String[] conflictFlag = {
            QualityFlags.CONFLICTING_USCC,
            QualityFlags.CONFLICTING_REG_NO,
            QualityFlags.CONFLICTING_ORG_CODE
        };
        String[] invalidFlag = {
            QualityFlags.INVALID_USCC, QualityFlags.INVALID_REG_NO, QualityFlags.INVALID_ORG_CODE
        };
        Identifiers.Kind[] kinds = new Identifiers.Kind[3];
        String[] canonical = new String[3];
        String idGiven = cells.text("id_no");
        String idNo = Identifiers.canonical(idGiven);
        boolean idInvalid =
                idGiven != null
                        && io.guiji.jobs.normalize.CitizenId.looksLikeCitizenId(
                                Identifiers.canonical(idGiven))
                        && Identifiers.classify(Identifiers.canonical(idGiven))
                                != Identifiers.Kind.CITIZEN_ID;
        for (int i = 0; i < 3; i++) {
            canonical[i] = Identifiers.canonical(given[i]);
            kinds[i] = Identifiers.classify(canonical[i]);
            if (kinds[i] == own[i]) {
                slot[i] = canonical[i];
            }
        }
        boolean moved = false;
        for (int i = 0; i < 3; i++) {
            if (canonical[i] == null || kinds[i] == own[i]) {
                continue;
            }
            boolean personal =
                    kinds[i] == Identifiers.Kind.CITIZEN_ID
                            || (kinds[i] == Identifiers.Kind.INVALID
                                    && io.guiji.jobs.normalize.CitizenId.looksLikeCitizenId(
                                            canonical[i]));
            if (personal) {
                if (idNo == null) {
                    idNo = canonical[i];
                    idInvalid = kinds[i] != Identifiers.Kind.CITIZEN_ID;
                }
                moved = true;
                canonical[i] = null; // never kept as given: it would publish the number whole
                continue;
            }
            if (kinds[i] == Identifiers.Kind.INVALID) {
                continue;
            }
            int target = indexOf(own, kinds[i]);
            if (slot[target] == null) {
                slot[target] = canonical[i];
                moved = true;
            } else if (!slot[target].equals(canonical[i])) {
                flags.add(conflictFlag[target]);
            }
        }
        if (moved) {
            flags.add(QualityFlags.CODE_IN_WRONG_COLUMN);
        }
        for (int i = 0; i < 3; i++) {
            if (canonical[i] != null && kinds[i] == Identifiers.Kind.INVALID && slot[i] == null) {
                slot[i] = given[i]; // kept as given (docs/contract.md §4), never used for linking
                flags.add(invalidFlag[i]);
            }
        }
        if (idInvalid) {
            flags.add(QualityFlags.INVALID_ID_NO);
        }
        f.setUscc(slot[0]);
        f.setRegNo(slot[1]);
        f.setOrgCode(slot[2]);
        f.setIdNo(idNo == null ? null : CitizenId.mask(idNo));
    }

    private static void category(String raw, DecisionFields.Builder f, List<String> flags) {
        SubjectCategories.CategoryParse c = SubjectCategories.parse(raw);
        if (c.category() != null) {
            f.setSubjectCategory(c.category().label());
        } else {
            f.setSubjectCategory(raw);
            if (raw != null) {
                flags.add(QualityFlags.UNKNOWN_SUBJECT_CATEGORY);
            }
        }
    }

    private static Object details(RecordType type, Cells c, List<String> flags) {
        switch (type) {
            case license:
                {
                    String from = c.date("valid_from", flags);
                    String to = c.date("valid_to", flags);
                    if (from != null && to != null && to.compareTo(from) < 0) {
                        flags.add(QualityFlags.VALIDITY_REVERSED);
                    }
                    return new LicenseDetails(
                            c.text("license_name"),
                            c.text("license_no"),
                            c.text("license_category"),
                            c.text("content"),
                            from,
                            to);
                }
            case penalty:
                return new PenaltyDetails(
                        c.text("violation_type"),
                        c.text("violation_facts"),
                        c.text("legal_basis"),
                        c.joined("penalty_category"),
                        c.text("content"),
                        c.amount("fine_amount", Amounts.Unit.WAN_YUAN, flags),
                        c.amount("confiscated_amount", Amounts.Unit.WAN_YUAN, flags),
                        c.date("publicity_until", flags));
            case inspection:
                return new InspectionDetails(
                        c.text("task_no"),
                        c.text("inspection_type"),
                        c.text("inspection_item"),
                        c.text("result"));
            case coercion:
                return new CoercionDetails(
                        c.text("measure_type"), c.text("content"), c.date("release_date", flags));
            case judicial:
                return new JudicialDetails(
                        c.text("case_type"),
                        c.amount("amount", Amounts.Unit.YUAN, flags),
                        c.yesNo("dishonest", flags));
            case dishonesty:
                return new DishonestyDetails(
                        c.text("list_type"), c.reason(), c.date("removal_date", flags));
            default:
                throw new IllegalStateException("unhandled record type " + type);
        }
    }

    private static int indexOf(Identifiers.Kind[] kinds, Identifiers.Kind k) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == k) {
                return i;
            }
        }
        throw new IllegalArgumentException(String.valueOf(k));
    }

    private Outcome reject(RawRow row, SourcePath path, RejectReason reason, String message) {
        RejectedRecord r =
                RejectedRecord.newBuilder()
                        .setFile(fileOf(row))
                        .setRow(row.row)
                        .setReason(reason)
                        .setMessage(SinkSafeText.escape(message == null ? "" : message))
                        .setRaw(rawOf(row))
                        .setDeptCode(path.deptCode())
                        .setRecordType(
                                path.recordType() == null
                                        ? path.typeSegment()
                                        : path.recordType().name())
                        .build();
        return new Outcome(null, r);
    }

    /** The file of a row's source reference, as every sink can take it. */
    static String fileOf(RawRow row) {
        return row.file == null ? "" : SinkSafeText.escape(row.file);
    }

    /**
     * A rejected row's raw text as every sink can take it, personal ID numbers masked: the one
     * spelling of raw text in the dead letter ({@link SinkSafeText#escape}).
     */
    public static String rawOf(RawRow row) {
        return row.raw == null
                ? ""
                : SinkSafeText.escape(io.guiji.jobs.normalize.CitizenId.maskInText(row.raw));
    }

    /** The cells of one row seen through its header map. */
    private static final class Cells {
        final HeaderMap map;
        final String[] header;
        final String[] values;

        /** Whether a value read so far lost control characters to {@link Text#clean}. */
        boolean controlsRemoved;

        Cells(HeaderMap map, String[] header, String[] values) {
            this.map = map;
            this.header = header;
            this.values = values;
        }

        /**
         * The cleaned value of column {@code i}, placeholders as null; notes dropped control
         * characters.
         */
        String cell(int i) {
            if (i >= values.length) {
                return null;
            }
            String v = Placeholders.orNull(Text.clean(values[i]));
            if (v != null && Text.hasControlCharacters(values[i])) {
                controlsRemoved = true;
            }
            return v;
        }

        /** The cleaned text of the field, placeholders as null. */
        String text(String field) {
            for (int i : map.columns(field)) {
                String v = cell(i);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        /**
         * Every non-empty column of the field, joined with '；' (for fields split across columns).
         */
        String joined(String field) {
            StringBuilder b = new StringBuilder();
            for (int i : map.columns(field)) {
                String v = cell(i);
                if (v != null && b.indexOf(v) < 0) {
                    if (b.length() > 0) {
                        b.append('；');
                    }
                    b.append(v);
                }
            }
            return b.length() == 0 ? null : b.toString();
        }

        String reason() {
            return text("reason");
        }

        String date(String field, List<String> flags) {
            String v = text(field);
            if (v == null) {
                return null;
            }
            Dates.DateParse d = Dates.parseDate(v);
            if (d.outcome() == Dates.Outcome.OK) {
                return d.date().toString();
            }
            flags.add(QualityFlags.invalid(field));
            return null;
        }

        /**
         * The amount in the field's contract unit; a header that states its own unit (罚款金额（元）) is
         * read in it.
         */
        BigDecimal amount(String field, Amounts.Unit unit, List<String> flags) {
            String v = null;
            Amounts.Unit columnUnit = unit;
            for (int i : map.columns(field)) {
                v = cell(i);
                if (v != null) {
                    Amounts.Unit stated = FieldAliases.amountUnit(header[i]);
                    columnUnit = stated == null ? unit : stated;
                    break;
                }
            }
            if (v == null) {
                return null;
            }
            Amounts.AmountParse a = Amounts.parse(v, columnUnit);
            if (!a.isOk()) {
                flags.add(QualityFlags.invalid(field));
                return null;
            }
            if (a.convertedFromYuan() && !flags.contains(QualityFlags.AMOUNT_UNIT_CONVERTED)) {
                flags.add(QualityFlags.AMOUNT_UNIT_CONVERTED);
            }
            if (a.suspectUnit() && !flags.contains(QualityFlags.SUSPECT_AMOUNT_UNIT)) {
                flags.add(QualityFlags.SUSPECT_AMOUNT_UNIT);
            }
            BigDecimal value = a.value();
            if (columnUnit != unit) {
                value =
                        unit == Amounts.Unit.WAN_YUAN
                                ? value.movePointLeft(4)
                                : value.movePointRight(4);
                if (!flags.contains(QualityFlags.AMOUNT_UNIT_CONVERTED)) {
                    flags.add(QualityFlags.AMOUNT_UNIT_CONVERTED);
                }
            }
            value = value.setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
            if (value.precision() > AMOUNT_PRECISION) {
                // More than the output's decimal holds (10^18 or more): a typo or garbage, not an
                // amount.
                flags.add(QualityFlags.invalid(field));
                return null;
            }
            return value;
        }

        Boolean yesNo(String field, List<String> flags) {
            String v = text(field);
            if (v == null) {
                return null;
            }
            String u = v.toUpperCase(java.util.Locale.ROOT);
            if (YES.contains(u)) {
                return true;
            }
            if (NO.contains(u)) {
                return false;
            }
            flags.add(QualityFlags.invalid(field));
            return null;
        }
    }
}
