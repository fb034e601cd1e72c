package io.guiji.connectors.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.Encoder;

/** Writes one JSON object a line (JSONL) for Flink's FileSink. */
public final class JsonLinesEncoder<T> implements Encoder<T> {
    private static final long serialVersionUID = 1L;

    /** How one element becomes one JSON value. */
    @FunctionalInterface
    public interface Writer<T> extends Serializable {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private final Writer<T> writer;

    public JsonLinesEncoder(Writer<T> writer) {
        this.writer = writer;
    }

    @Override
    public void encode(T element, OutputStream stream) throws IOException {
        try (JsonGenerator g = OutputJson.generator(stream)) {
            writer.write(g, element);
        }
        stream.write('\n');
    }
}
