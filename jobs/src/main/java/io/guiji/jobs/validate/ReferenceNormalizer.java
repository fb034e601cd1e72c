package io.guiji.jobs.validate;

import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.ingest.FieldAliases;
import io.guiji.jobs.ingest.HeaderMap;
import io.guiji.jobs.ingest.Placeholders;
import io.guiji.jobs.ingest.SourcePath;
import io.guiji.jobs.normalize.Identifiers;
import io.guiji.jobs.normalize.RecordTypes;
import io.guiji.jobs.normalize.Text;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the reference data: registry rows into {@link RegistryEntry} (enterprise_id = the USCC as
 * registered, check character right or not, since the registry is authoritative; or the
 * registration number when there is no USCC), catalogue rows into {@link CatalogEntry} (a row may
 * name several record types). Rows that cannot be used become {@link RejectedRecord}s. Every string
 * that leaves here is safe for every sink ({@link SinkSafeText}): fields through {@link
 * Text#clean}, the columns kept as given ({@code extra}) through {@link SinkSafeText#clean}, a
 * rejected row's raw text, file and message through {@link SinkSafeText#escape}. Not thread-safe
 * (header caches): one per operator instance.
 */
public final class ReferenceNormalizer {
    private final HeaderMap.Cache registryHeaders =
            new HeaderMap.Cache(FieldAliases::registryField);
    private final HeaderMap.Cache catalogHeaders = new HeaderMap.Cache(FieldAliases::catalogField);

    /** A registry row's outcome: exactly one side set. */
    public record RegistryOutcome(RegistryEntry entry, RejectedRecord rejected) {}

    /** A catalogue row's outcome: entries, or a rejection. */
    public record CatalogOutcome(List<CatalogEntry> entries, RejectedRecord rejected) {}

    public RegistryOutcome registry(RawRow row) {
        if (row.error != null) {
            return new RegistryOutcome(null, reject(row, RejectReason.MALFORMED, row.error));
        }
        row = complete(row);
        HeaderMap map = registryHeaders.of(row.header);
        String name = cell(map, row, "name");
        String uscc = Identifiers.canonical(cell(map, row, "uscc"));
        String regNo = Identifiers.canonical(cell(map, row, "reg_no"));
        if (name == null || (uscc == null && regNo == null)) {
            return new RegistryOutcome(
                    null,
                    reject(
                            row,
                            RejectReason.MISSING_FIELD,
                            name == null ? "empty enterprise name" : "neither 统一社会信用代码 nor 注册号"));
        }
        if (regNo != null && Identifiers.classify(regNo) == Identifiers.Kind.USCC && uscc == null) {
            uscc = regNo; // a USCC in the registration-number column
            regNo = null;
        }
        List<String> former = new ArrayList<>();
        String formerCell = cell(map, row, "former_names");
        if (formerCell != null) {
            for (String f : formerCell.split("[;；]")) {
                String c = Placeholders.orNull(Text.clean(f));
                if (c != null && !c.equals(name) && !former.contains(c)) {
                    former.add(c);
                }
            }
        }
        Map<String, String> extra = new HashMap<>();
        for (int i = 0; i < row.header.length && i < row.values.length; i++) {
            String key = SinkSafeText.clean(row.header[i]);
            String value = SinkSafeText.clean(row.values[i]);
            if (key != null
                    && FieldAliases.registryField(key) == null
                    && value != null
                    && !value.isBlank()) {
                extra.put(key, value);
            }
        }
        RegistryEntry e =
                RegistryEntry.newBuilder()
                        .setEnterpriseId(uscc != null ? uscc : regNo)
                        .setUscc(uscc)
                        .setName(name)
                        .setRegNo(regNo)
                        .setFormerNames(former)
                        .setDivisionCode(cell(map, row, "division_code"))
                        .setStatus(cell(map, row, "status"))
                        .setExtra(extra)
                        .setDeleted(false)
                        .setSource(new SourceRef(RecordNormalizer.fileOf(row), row.row))
                        .build();
        return new RegistryOutcome(e, null);
    }

    public CatalogOutcome catalog(RawRow row) {
        if (row.error != null) {
            return new CatalogOutcome(List.of(), reject(row, RejectReason.MALFORMED, row.error));
        }
        row = complete(row);
        HeaderMap map = catalogHeaders.of(row.header);
        String dept = SourcePath.deptCode(cell(map, row, "dept_code"));
        String types = cell(map, row, "record_type");
        if (dept == null || types == null) {
            return new CatalogOutcome(
                    List.of(),
                    reject(
                            row,
                            RejectReason.MISSING_FIELD,
                            dept == null ? "empty 部门编码" : "empty 信息类别"));
        }
        Set<RecordType> parsed = new LinkedHashSet<>();
        for (String t : types.split("[、,，;；/|\\s]+")) {
            if (t.isEmpty()) {
                continue;
            }
            RecordType type = RecordTypes.parse(t);
            if (type == null) {
                return new CatalogOutcome(
                        List.of(),
                        reject(
                                row,
                                RejectReason.MALFORMED,
                                "信息类别 '"
                                        + t
                                        + "' is not a record type (license, inspection, penalty, coercion, judicial, dishonesty)"));
            }
            parsed.add(type);
        }
        if (parsed.isEmpty()) {
            // nothing but separators ("、"): no type named, and the row must not vanish
            return new CatalogOutcome(
                    List.of(), reject(row, RejectReason.MISSING_FIELD, "empty 信息类别"));
        }
        List<CatalogEntry> entries = new ArrayList<>();
        for (RecordType type : parsed) {
            entries.add(
                    CatalogEntry.newBuilder()
                            .setDeptCode(dept)
                            .setDeptName(cell(map, row, "dept_name"))
                            .setDivisionCode(Text.compact(cell(map, row, "division_code")))
                            .setRecordType(type)
                            .setUpdateCycle(cell(map, row, "update_cycle"))
                            .setDeleted(false)
                            .build());
        }
        return new CatalogOutcome(entries, null);
    }

    private static String cell(HeaderMap map, RawRow row, String field) {
        for (int i : map.columns(field)) {
            if (i < row.values.length) {
                String v = Placeholders.orNull(Text.clean(row.values[i]));
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static RejectedRecord reject(RawRow row, RejectReason reason, String message) {
        return RejectedRecord.newBuilder()
                .setFile(RecordNormalizer.fileOf(row))
                .setRow(row.row)
                .setReason(reason)
                .setMessage(SinkSafeText.escape(message))
                .setRaw(row.raw == null ? "" : SinkSafeText.escape(row.raw))
                .build();
    }

    /**
     * {@code row}, or a copy with empty header and values where it has none (RawRow promises
     * arrays).
     */
    private static RawRow complete(RawRow row) {
        if (row.header != null && row.values != null) {
            return row;
        }
        RawRow c =
                new RawRow(
                        row.file,
                        row.row,
                        row.header == null ? new String[0] : row.header,
                        row.values == null ? new String[0] : row.values,
                        row.raw,
                        row.error,
                        row.encoding);
        return c.withSource(row.deptCode, row.recordType);
    }
}
