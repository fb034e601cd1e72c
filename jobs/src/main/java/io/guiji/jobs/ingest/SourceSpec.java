package io.guiji.jobs.ingest;

import io.guiji.connectors.file.RawRow;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

/**
 * One departmental input of the streaming job, configured under {@code guiji.source.<name>.*}: a
 * Kafka topic ({@code topic}, {@code format} json or avro) or a database table polled by its
 * update-time column ({@code jdbc-url}, {@code table}, {@code update-column}, …), and what its
 * records are: {@code dept-code}, {@code record-type} and {@code fields} (renames {@code
 * canonical:source_name,…}). A configured department or type wins over the message's own {@code
 * dept_code}/{@code record_type}; a message with neither is rejected as {@code UNKNOWN_SOURCE}.
 * Immutable and serializable (operators carry it).
 */
public final class SourceSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String PREFIX = "guiji.source.";

    public enum Kind {
        KAFKA,
        JDBC
    }

    public enum Format {
        JSON,
        AVRO
    }

    private final String name;
    private final Kind kind;
    private final String topic;
    private final Format format;
    private final String deptCode;
    private final String recordType;

    /** Source field name to canonical name. */
    private final Map<String, String> renames;

    private final Jdbc jdbc;

    /** The table-polling settings of a JDBC source. */
    public record Jdbc(
            String url,
            String user,
            String passwordEnv,
            String passwordFile,
            String table,
            String updateColumn,
            String keyColumn,
            long sinceMillis,
            Duration lag,
            Duration pollInterval)
            implements Serializable {}

    private SourceSpec(
            String name,
            Kind kind,
            String topic,
            Format format,
            String deptCode,
            String recordType,
            Map<String, String> renames,
            Jdbc jdbc) {
        this.name = name;
        this.kind = kind;
        this.topic = topic;
        this.format = format;
        this.deptCode = deptCode;
        this.recordType = recordType;
        this.renames = renames;
        this.jdbc = jdbc;
    }

    /** A Kafka source in code (tests); {@code fields} as in the configuration, may be null. */
    public static SourceSpec kafka(
            String name,
            String topic,
            Format format,
            String deptCode,
            String recordType,
            String fields) {
        return new SourceSpec(
                name,
                Kind.KAFKA,
                topic,
                format,
                blankToNull(deptCode),
                blankToNull(recordType),
                renames(PREFIX + name + ".fields", fields),
                null);
    }

    /** Every {@code guiji.source.<name>.*} source of the configuration, by name. */
    public static List<SourceSpec> all(Configuration conf, String zone) {
        Map<String, String> map = conf.toMap();
        TreeSet<String> names = new TreeSet<>();
        for (String key : map.keySet()) {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException(
                            "configuration " + key + ": expected " + PREFIX + "<name>.<setting>");
                }
                names.add(rest.substring(0, dot));
            }
        }
        List<SourceSpec> specs = new ArrayList<>();
        for (String name : names) {
            specs.add(parse(name, map, zone));
        }
        return specs;
    }

    private static SourceSpec parse(String name, Map<String, String> map, String zone) {
        String p = PREFIX + name + ".";
        for (String key : map.keySet()) {
            if (key.startsWith(p) && !KNOWN.contains(key.substring(p.length()))) {
                throw new IllegalArgumentException(
                        "configuration " + key + " is not a source setting (known: " + KNOWN + ")");
            }
        }
        if (map.containsKey(p + "password")) {
            throw new IllegalArgumentException(
                    "configuration "
                            + p
                            + "password: passwords are never read from the configuration; set "
                            + p
                            + "password-env (an environment variable) or "
                            + p
                            + "password-file");
        }
        String topic = blankToNull(map.get(p + "topic"));
        String table = blankToNull(map.get(p + "table"));
        if ((topic == null) == (table == null)) {
            throw new IllegalArgumentException(
                    "configuration "
                            + p
                            + "topic (Kafka) or "
                            + p
                            + "table (JDBC): set exactly one");
        }
        String dept = blankToNull(map.get(p + "dept-code"));
        String type = blankToNull(map.get(p + "record-type"));
        Map<String, String> renames = renames(p + "fields", map.get(p + "fields"));
        if (topic != null) {
            String f = map.getOrDefault(p + "format", "json").trim().toUpperCase(Locale.ROOT);
            Format format;
            try {
                format = Format.valueOf(f);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "configuration "
                                + p
                                + "format must be json or avro, not "
                                + f.toLowerCase(Locale.ROOT));
            }
            return new SourceSpec(name, Kind.KAFKA, topic, format, dept, type, renames, null);
        }
        String url = blankToNull(map.get(p + "jdbc-url"));
        String update = blankToNull(map.get(p + "update-column"));
        if (url == null || update == null) {
            throw new IllegalArgumentException(
                    "configuration "
                            + p
                            + "jdbc-url and "
                            + p
                            + "update-column are required for the table source "
                            + table);
        }
        Jdbc jdbc =
                new Jdbc(
                        url,
                        blankToNull(map.get(p + "user")),
                        map.getOrDefault(p + "password-env", null),
                        blankToNull(map.get(p + "password-file")),
                        table,
                        update,
                        map.getOrDefault(p + "key-column", "id").trim(),
                        since(p + "since", map.get(p + "since"), zone),
                        duration(p + "lag", map.get(p + "lag"), Duration.ofSeconds(5)),
                        duration(
                                p + "poll-interval",
                                map.get(p + "poll-interval"),
                                Duration.ofSeconds(10)));
        return new SourceSpec(name, Kind.JDBC, null, Format.JSON, dept, type, renames, jdbc);
    }

    private static final java.util.Set<String> KNOWN =
            new java.util.TreeSet<>(
                    List.of(
                            "topic",
                            "format",
                            "dept-code",
                            "record-type",
                            "fields",
                            "table",
                            "jdbc-url",
                            "user",
                            "password-env",
                            "password-file",
                            "update-column",
                            "key-column",
                            "since",
                            "lag",
                            "poll-interval"));

    /** {@code canonical:source,…} (or {@code =}) into source → canonical. */
    static Map<String, String> renames(String key, String value) {
        Map<String, String> renames = new HashMap<>();
        if (value == null || value.isBlank()) {
            return renames;
        }
        for (String pair : value.split("[,，]")) {
            if (pair.isBlank()) {
                continue;
            }
            int sep = pair.indexOf(':') >= 0 ? pair.indexOf(':') : pair.indexOf('=');
            if (sep <= 0 || sep == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "configuration "
                                + key
                                + ": expected canonical:source_field pairs separated by commas, not '"
                                + pair.trim()
                                + "'");
            }
            renames.put(pair.substring(sep + 1).trim(), pair.substring(0, sep).trim());
        }
        return renames;
    }

    private static long since(String key, String value, String zone) {
        if (value == null || value.isBlank()) {
            return 0L;
        }
        String v = value.trim();
        try {
            LocalDateTime t =
                    v.length() <= 10
                            ? LocalDate.parse(v).atStartOfDay()
                            : LocalDateTime.parse(v.replace(' ', 'T'));
            return t.atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "configuration "
                            + key
                            + " must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss, not "
                            + v);
        }
    }

    private static Duration duration(String key, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return TimeUtils.parseDuration(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "configuration " + key + " must be a duration like 10 s, not " + value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Applies this source's renames to a decoded row and names its department and type: the
     * configured ones, else the row's own {@code dept_code}/{@code record_type} values. Both may
     * end up empty (never null), which the normalizer rejects as UNKNOWN_SOURCE, so the row is
     * never mistaken for a file row. Returns the row.
     */
    public RawRow apply(RawRow row) {
        if (!renames.isEmpty()) {
            String[] header = row.header.clone();
            for (int i = 0; i < header.length; i++) {
                String canonical = renames.get(header[i]);
                if (canonical != null) {
                    header[i] = canonical;
                }
            }
            row.header = header;
        }
        String dept = deptCode != null ? deptCode : row.parsed() ? row.value("dept_code") : null;
        String type =
                recordType != null ? recordType : row.parsed() ? row.value("record_type") : null;
        return row.withSource(dept == null ? "" : dept, type == null ? "" : type);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String topic() {
        return topic;
    }

    public Format format() {
        return format;
    }

    public String deptCode() {
        return deptCode;
    }

    public String recordType() {
        return recordType;
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public String toString() {
        return name
                + (kind == Kind.KAFKA
                        ? " (kafka " + topic + ", " + format + ")"
                        : " (jdbc " + jdbc.table() + ")");
    }
}
