package io.guiji.connectors.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.connectors.file.RawRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import org.apache.flink.connector.jdbc.core.datastream.source.reader.extractor.ResultExtractor;

/**
 * One row of a departmental table as a {@link RawRow}: the column labels are the header, every
 * value as text (timestamps as {@code yyyy-MM-dd HH:mm:ss}, whole seconds), the row as a JSON
 * object for {@code raw}. Its source reference is {@code jdbc:<table>} with the key column's value
 * as row when that is an integer, else {@code jdbc:<table>/<key>} row 1; a re-read of an updated
 * row keeps its reference, so it replaces its earlier copy rather than adding one.
 */
public final class JdbcRowExtractor implements ResultExtractor<RawRow> {
    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String table;
    private final String keyColumn;
    private transient String[] header;

    public JdbcRowExtractor(String table, String keyColumn) {
        this.table = table;
        this.keyColumn = keyColumn;
    }

    @Override
    public RawRow extract(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        if (header == null || header.length != n) {
            header = new String[n];
            for (int i = 0; i < n; i++) {
                header[i] = meta.getColumnLabel(i + 1);
            }
        }
        String[] values = new String[n];
        String key = null;
        for (int i = 0; i < n; i++) {
            Object v = rs.getObject(i + 1);
            values[i] =
                    v == null
                            ? null
                            : v instanceof Timestamp
                                    ? ((Timestamp) v).toLocalDateTime().format(DATE_TIME)
                                    : v instanceof java.math.BigDecimal
                                            ? ((java.math.BigDecimal) v).toPlainString()
                                            : v.toString();
            if (header[i].equalsIgnoreCase(keyColumn)) {
                key = values[i];
            }
        }
        if (key == null) {
            throw new SQLException("table " + table + " has no value in key column " + keyColumn);
        }
        String file = "jdbc:" + table;
        long row;
        try {
            row = Long.parseLong(key.trim());
        } catch (NumberFormatException e) {
            file = file + "/" + key;
            row = 1;
        }
        return new RawRow(file, row, header, values, json(header, values), null, "UTF-8");
    }

    private static String json(String[] header, String[] values) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (int i = 0; i < header.length; i++) {
                g.writeStringField(header[i], values[i]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    @Override
    public String identifier() {
        return "guiji-raw-row:" + table;
    }
}
