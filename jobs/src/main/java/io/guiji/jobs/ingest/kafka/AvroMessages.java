package io.guiji.jobs.ingest.kafka;

import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.kafka.KafkaBytes;
import io.guiji.schemas.SupervisionRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A Kafka message holding one {@link SupervisionRecord} in Avro (plain binary, or single-object
 * encoding) as a {@link RawRow} of canonical field names, so it goes through the same validation
 * and normalization as every other input. The record's {@code dept_code} and {@code record_type}
 * name its source (unless the topic's configuration does); its {@code record_id}, {@code
 * quality_flags} and {@code source} are recomputed here, never trusted. Bytes that do not decode as
 * a SupervisionRecord become an error row (MALFORMED downstream) with the reason.
 */
public final class AvroMessages {
    private final AvroBinary<SupervisionRecord> avro = new AvroBinary<>(SupervisionRecord.class);

    public RawRow decode(KafkaBytes m) {
        String file = m.reference();
        if (m.value == null) {
            return JsonMessages.error(file, m.offset, "", "tombstone (a message without a value)");
        }
        SupervisionRecord r;
        try {
            r = avro.decode(m.value);
        } catch (AvroBinary.AvroDecodeException e) {
            return JsonMessages.error(
                    file,
                    m.offset,
                    new String(m.value, StandardCharsets.UTF_8),
                    "undecodable Avro (expected "
                            + SupervisionRecord.class.getSimpleName()
                            + "): "
                            + e.getMessage());
        }
        List<String> header = new ArrayList<>();
        List<String> values = new ArrayList<>();
        header.add("dept_code");
        values.add(r.getDeptCode());
        header.add("record_type");
        values.add(r.getRecordType().name());
        flatten(r.getFields(), "details", header, values);
        if (r.getFields().getDetails() instanceof IndexedRecord) {
            flatten((IndexedRecord) r.getFields().getDetails(), null, header, values);
        }
        RawRow row =
                new RawRow(
                        file,
                        m.offset,
                        header.toArray(new String[0]),
                        values.toArray(new String[0]),
                        r.toString(),
                        null,
                        "UTF-8");
        return row;
    }

    private static void flatten(
            IndexedRecord record, String skip, List<String> header, List<String> values) {
        for (Schema.Field f : record.getSchema().getFields()) {
            if (f.name().equals(skip)) {
                continue;
            }
            Object v = record.get(f.pos());
            header.add(f.name());
            values.add(
                    v == null
                            ? null
                            : v instanceof BigDecimal
                                    ? ((BigDecimal) v).toPlainString()
                                    : v.toString());
        }
    }
}
