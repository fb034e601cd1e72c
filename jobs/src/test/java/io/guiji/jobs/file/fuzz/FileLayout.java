package io.guiji.jobs.file.fuzz;

import io.guiji.connectors.file.EncodingDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical lines of a file's bytes as the readers see them: split at LF, CRLF or a lone CR,
 * decoded with the encoding the reader would detect, blank when only whitespace
 * (docs/contract.md §3: CSV rows are the records after the header, JSONL rows the non-blank lines).
 * Line breaks are single bytes in both UTF-8 and GB18030, so lines are found on the bytes.
 */
final class FileLayout {
    /** One physical line: its bytes {@code [start, end)} without the terminator, {@code next} after it. */
    record Line(int start, int end, int next, boolean blank, boolean hasQuote, boolean terminated) {}

    final EncodingDetector.Detection encoding;
    final List<Line> lines;

    private FileLayout(EncodingDetector.Detection encoding, List<Line> lines) {
        this.encoding = encoding;
        this.lines = lines;
    }

    static FileLayout of(byte[] bytes) {
        EncodingDetector.Detection encoding;
        try {
            encoding = EncodingDetector.detect(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        List<Line> lines = new ArrayList<>();
        int i = encoding.bom() ? 3 : 0;
        while (i < bytes.length) {
            int end = i;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            int next = end;
            boolean terminated = end < bytes.length;
            if (terminated) {
                next = bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n' ? end + 2 : end + 1;
            }
            String text;
            try {
                text = decoder.reset().decode(java.nio.ByteBuffer.wrap(bytes, i, end - i)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalStateException(e);
            }
            lines.add(new Line(i, end, next, text.isBlank(), text.indexOf('"') >= 0, terminated));
            i = next;
        }
        return new FileLayout(encoding, lines);
    }

    int nonBlankLines() {
        return (int) lines.stream().filter(l -> !l.blank()).count();
    }
}
