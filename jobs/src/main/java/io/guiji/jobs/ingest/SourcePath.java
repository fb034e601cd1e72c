package io.guiji.jobs.ingest;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.normalize.RecordTypes;
import io.guiji.jobs.normalize.Text;
import io.guiji.schemas.RecordType;
import java.util.Locale;

/**
 * What a record file's path says about its records (docs/contract.md §3): {@code
 * records/<dept_code>/<record_type>/…}. Department codes are compared in one spelling (NFKC, no
 * spaces, upper case) so a folder and a catalogue row written differently still meet.
 */
public record SourcePath(String deptCode, RecordType recordType, String typeSegment) {

    /**
     * What a row says about its department and type: the explicit {@link RawRow#deptCode} and
     * {@link RawRow#recordType} of a source that is not a file (Kafka, JDBC) when either is set,
     * else its file path.
     */
    public static SourcePath of(RawRow row) {
        if (!explicit(row)) {
            return of(row.file);
        }
        String type = Text.compact(row.recordType);
        return new SourcePath(
                deptCode(row.deptCode), type == null ? null : RecordTypes.parse(type), type);
    }

    /** True when the row names its department or type itself rather than through a file path. */
    public static boolean explicit(RawRow row) {
        return row.deptCode != null || row.recordType != null;
    }

    /** Resolves a '/'-separated path relative to the input root; missing parts are null. */
    public static SourcePath of(String relativeFile) {
        if (relativeFile == null) {
            return new SourcePath(null, null, null);
        }
        String[] parts = relativeFile.split("/");
        int start = parts.length > 0 && parts[0].equalsIgnoreCase("records") ? 1 : 0;
        int dirs = parts.length - 1 - start; // folders between records/ and the file name
        String dept = dirs >= 1 ? deptCode(parts[start]) : null;
        String type = dirs >= 2 ? parts[start + 1] : null;
        return new SourcePath(dept, type == null ? null : RecordTypes.parse(type), type);
    }

    /** The one spelling of a department code. */
    public static String deptCode(String raw) {
        String s = Text.compact(raw);
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
