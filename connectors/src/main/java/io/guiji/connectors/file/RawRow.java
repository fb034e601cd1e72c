package io.guiji.connectors.file;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of an input file, before any mapping of headers to canonical fields.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@code file}: the path relative to the input root, '/'-separated ({@code
 *       records/SCJG01/penalty/a.csv}); this plus {@code row} is the source reference of CONTRACT
 *       §3.
 *   <li>{@code row}: 1-based index of the record in the file (CSV: data records after the header,
 *       blank lines not counted, a record that does not parse counting as one — its first line — so
 *       that numbers never skip or shift; JSONL: non-blank lines; JSON array: element index + 1).
 *       Rows of a file run 1, 2, 3 … without gaps, error rows included. Row 0 is a problem with the
 *       file as a whole (e.g. an unsupported file type, damaged gzip data).
 *   <li>{@code header}: the CSV header cells (trimmed, BOM removed) or the JSON object's keys. Rows
 *       of one file share one array instance when the header is the same, so it is cheap to carry;
 *       treat it as read-only. Never null; empty when nothing could be parsed.
 *   <li>{@code values}: the cells, same length as {@code header} when {@code error} is null. JSON
 *       numbers and booleans as their source text, JSON null as null, nested objects and arrays as
 *       their JSON text. Never null; on an error row it holds whatever could be parsed, possibly
 *       nothing.
 *   <li>{@code raw}: the record's exact text as decoded, without the line terminator (a quoted
 *       multi-line CSV record keeps its inner line breaks). Undecodable bytes appear as U+FFFD. A
 *       record over the size limits keeps only its start (up to 4096 characters and "…").
 *   <li>{@code error}: null when the record parsed; otherwise a message for a human (it ends up in
 *       the rejected record, docs/contract.md §7); for a record of a CSV or JSONL file it starts
 *       with the physical line where the record began ({@code line 7: …}).
 *   <li>{@code encoding}: "UTF-8" or "GB18030" as detected for the file; null when the file was not
 *       decoded at all (row 0 errors).
 *   <li>{@code deptCode}, {@code recordType}: null for files, whose path names them. Sources that
 *       are not files (Kafka topics, database tables) set them from their configuration or from the
 *       message; when either is set, the path in {@code file} is only a reference (e.g. {@code
 *       kafka:<topic>/<partition>} with {@code row} = offset) and is not read for them. An empty
 *       value means the source could not say (the record is rejected as UNKNOWN_SOURCE).
 * </ul>
 *
 * <p>A Flink POJO (public fields, public no-arg constructor) so that it travels with the
 * PojoSerializer, never Kryo.
 */
public class RawRow {

    static final String[] NONE = new String[0];

    public String file;
    public long row;
    public String[] header;
    public String[] values;
    public String raw;
    public String error;
    public String encoding;
    public String deptCode;
    public String recordType;

    /**
     * Null normally. Set, with {@code error}, when a stage before parsing failed on this record (a
     * processing error, not bad input): the parser rejects the row as PROCESSING_ERROR instead of
     * MALFORMED.
     */
    public String failedStage;

    /** {@link #receivedBasis} of a row whose {@link #receivedAt} is its message's arrival. */
    public static final String ARRIVAL = "arrival";

    /**
     * {@link #receivedBasis} of a row whose {@link #receivedAt} is its file's modification time.
     */
    public static final String FILE_MODIFIED = "file_modified";

    /**
     * When guiji received the record, epoch milliseconds, for timeliness (docs/contract.md §8): the
     * Kafka record timestamp, or the input file's modification time; meaningful only when {@link
     * #receivedBasis} is set.
     */
    public long receivedAt;

    /** What {@link #receivedAt} is: {@link #ARRIVAL}, {@link #FILE_MODIFIED}, or null (unknown). */
    public String receivedBasis;

    public RawRow() {}

    public RawRow(
            String file,
            long row,
            String[] header,
            String[] values,
            String raw,
            String error,
            String encoding) {
        this.file = file;
        this.row = row;
        this.header = header;
        this.values = values;
        this.raw = raw;
        this.error = error;
        this.encoding = encoding;
    }

    /**
     * Names the department and record type explicitly (sources that are not files); returns this.
     */
    public RawRow withSource(String deptCode, String recordType) {
        this.deptCode = deptCode;
        this.recordType = recordType;
        return this;
    }

    /** Says when and how the record was received ({@link #receivedAt}); returns this. */
    public RawRow receivedAt(long epochMillis, String basis) {
        this.receivedAt = epochMillis;
        this.receivedBasis = basis;
        return this;
    }

    /**
     * Marks this row as one a stage failed on before parsing ({@link #failedStage}), with the
     * message; returns this.
     */
    public RawRow failedAt(String stage, String message) {
        this.failedStage = stage;
        this.error = message;
        return this;
    }

    /** True when the record parsed; its values then line up with the header. */
    public boolean parsed() {
        return error == null;
    }

    /** The value under a header name, or null when the name is absent (first match wins). */
    public String value(String name) {
        for (int i = 0; i < header.length && i < values.length; i++) {
            if (header[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RawRow)) {
            return false;
        }
        RawRow that = (RawRow) o;
        return row == that.row
                && Objects.equals(file, that.file)
                && Arrays.equals(header, that.header)
                && Arrays.equals(values, that.values)
                && Objects.equals(raw, that.raw)
                && Objects.equals(error, that.error)
                && Objects.equals(encoding, that.encoding)
                && Objects.equals(deptCode, that.deptCode)
                && Objects.equals(recordType, that.recordType)
                && Objects.equals(failedStage, that.failedStage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, row, raw);
    }

    @Override
    public String toString() {
        return file
                + "#"
                + row
                + (error == null ? "" : " ERROR " + error)
                + " "
                + Arrays.toString(values)
                + " ["
                + encoding
                + "]";
    }
}
