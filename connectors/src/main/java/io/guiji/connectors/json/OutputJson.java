package io.guiji.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.schemas.CatalogItem;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.DeptStats;
import io.guiji.schemas.DivisionCoverage;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LinkCandidate;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The JSON shapes of docs/contract.md §9. A unified record is one flat object: identity, the
 * canonical fields of its type (absent ones as null, so every line of a type has the same keys),
 * link and provenance. Amounts are JSON numbers written from their decimal value, never through a
 * double.
 */
public final class OutputJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private OutputJson() {}

    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    public static void write(JsonGenerator g, UnifiedRecord r) throws IOException {
        DecisionFields f = r.getFields();
        g.writeStartObject();
        g.writeStringField("record_id", r.getRecordId());
        g.writeNumberField("version", r.getVersion());
        g.writeStringField("record_type", r.getRecordType().name());
        g.writeStringField("dept_code", r.getDeptCode());
        g.writeStringField("doc_no", f.getDocNo());
        writeMembers(g, f, "doc_no", "status", "details");
        g.writeStringField("status", f.getStatus().name());
        if (f.getDetails() instanceof IndexedRecord) {
            writeMembers(g, (IndexedRecord) f.getDetails());
        }
        g.writeStringField("enterprise_id", r.getEnterpriseId());
        g.writeStringField("link_method", r.getLinkMethod().name());
        g.writeNumberField("link_confidence", r.getLinkConfidence());
        writeStrings(g, "link_evidence", r.getLinkEvidence());
        g.writeArrayFieldStart("candidates");
        for (LinkCandidate c : r.getCandidates()) {
            g.writeStartObject();
            g.writeStringField("enterprise_id", c.getEnterpriseId());
            g.writeStringField("name", c.getName());
            g.writeNumberField("score", c.getScore());
            g.writeEndObject();
        }
        g.writeEndArray();
        writeStrings(g, "quality_flags", r.getQualityFlags());
        g.writeArrayFieldStart("sources");
        for (SourceRef s : r.getSources()) {
            g.writeStartObject();
            g.writeStringField("file", s.getFile());
            g.writeNumberField("row", s.getRow());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("received_on", r.getReceivedOn());
        g.writeStringField("received_basis", r.getReceivedBasis());
        g.writeEndObject();
    }

    public static void write(JsonGenerator g, RejectedRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", r.getFile());
        g.writeNumberField("row", r.getRow());
        g.writeStringField("reason", r.getReason().name());
        g.writeStringField("message", r.getMessage());
        g.writeStringField("raw", r.getRaw());
        g.writeStringField("dept_code", r.getDeptCode());
        g.writeStringField("record_type", r.getRecordType());
        g.writeEndObject();
    }

    public static void write(JsonGenerator g, LinkChange c) throws IOException {
        g.writeStartObject();
        g.writeStringField("record_id", c.getRecordId());
        g.writeStringField("old_enterprise_id", c.getOldEnterpriseId());
        g.writeStringField("new_enterprise_id", c.getNewEnterpriseId());
        g.writeStringField("old_method", c.getOldMethod() == null ? null : c.getOldMethod().name());
        g.writeStringField("new_method", c.getNewMethod().name());
        g.writeNumberField("version", c.getVersion());
        g.writeStringField("changed_at", c.getChangedAt());
        g.writeEndObject();
    }

    public static void write(JsonGenerator g, CoverageSnapshot s) throws IOException {
        g.writeStartObject();
        g.writeStringField("period", s.getPeriod());
        g.writeStringField("period_from", s.getPeriodFrom());
        g.writeStringField("period_to", s.getPeriodTo());
        g.writeStringField("generated_at", s.getGeneratedAt());
        g.writeNumberField("dept_coverage", s.getDeptCoverage());
        g.writeNumberField("item_coverage", s.getItemCoverage());
        g.writeNumberField("target", s.getTarget());
        g.writeStringField("status", s.getStatus());
        writeStrings(g, "uncovered_depts", s.getUncoveredDepts());
        g.writeArrayFieldStart("uncovered_items");
        for (CatalogItem i : s.getUncoveredItems()) {
            g.writeStartObject();
            g.writeStringField("dept_code", i.getDeptCode());
            g.writeStringField("record_type", i.getRecordType().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        writeStrings(g, "uncatalogued_depts", s.getUncataloguedDepts());
        g.writeObjectFieldStart("by_division");
        for (Map.Entry<String, DivisionCoverage> e : s.getByDivision().entrySet()) {
            g.writeFieldName(e.getKey());
            writeFields(g, e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("by_dept");
        for (Map.Entry<String, DeptStats> e : s.getByDept().entrySet()) {
            g.writeFieldName(e.getKey());
            writeFields(g, e.getValue());
        }
        g.writeEndObject();
        g.writeFieldName("totals");
        writeFields(g, s.getTotals());
        g.writeFieldName("timeliness");
        writeValue(g, s.getTimeliness());
        g.writeEndObject();
    }

    /**
     * An enterprise profile (docs/contract.md §9): its fields under their schema names, nested
     * records as objects, amounts as numbers.
     */
    public static void write(JsonGenerator g, EnterpriseProfile p) throws IOException {
        writeFields(g, p);
    }

    /** An unlicensed-operation lead (docs/contract.md §9), its fields under their schema names. */
    public static void write(JsonGenerator g, Lead l) throws IOException {
        writeFields(g, l);
    }

    /** Writes a flat Avro record as an object, each field under its schema name. */
    private static void writeFields(JsonGenerator g, IndexedRecord r) throws IOException {
        g.writeStartObject();
        writeMembers(g, r);
        g.writeEndObject();
    }

    /** Writes the record's fields as members of the object being written (flattened). */
    private static void writeMembers(JsonGenerator g, IndexedRecord r, String... skip)
            throws IOException {
        for (Schema.Field field : r.getSchema().getFields()) {
            if (List.of(skip).contains(field.name())) {
                continue;
            }
            g.writeFieldName(field.name());
            writeValue(g, r.get(field.pos()));
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof BigDecimal) {
            g.writeNumber(((BigDecimal) v).stripTrailingZeros().toPlainString());
        } else if (v instanceof CharSequence || v instanceof Enum) {
            g.writeString(v.toString());
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(e.getKey().toString());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof IndexedRecord) {
            writeFields(g, (IndexedRecord) v);
        } else {
            g.writeString(v.toString());
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
