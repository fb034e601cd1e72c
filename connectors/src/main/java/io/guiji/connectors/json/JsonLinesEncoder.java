package io.guiji.connectors.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * JSON lines (JSONL) on a stream: one JSON value a line, each written by a {@link Writer}. One
 * generator serves the whole stream (a generator a value flushed the stream after each one). {@link
 * #close} flushes what is buffered and leaves the stream open.
 */
public final class JsonLinesEncoder<T> implements Closeable {

    /** How one element becomes one JSON value. */
    @FunctionalInterface
    public interface Writer<T> extends Serializable {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private final Writer<T> writer;
    private final JsonGenerator json;

    public JsonLinesEncoder(Writer<T> writer, OutputStream out) throws IOException {
        this.writer = writer;
        this.json = OutputJson.generator(out);
        // No separator of the generator's own between values: a newline after each.
        json.setRootValueSeparator(null);
    }

    /** Writes {@code value} as one line. */
    public void write(T value) throws IOException {
        writer.write(json, value);
        json.writeRaw('\n');
    }

    /** The bytes written but not yet passed to the stream. */
    public int buffered() {
        return json.getOutputBuffered();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
