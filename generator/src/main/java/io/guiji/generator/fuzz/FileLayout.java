package io.guiji.generator.fuzz;

import io.guiji.connectors.file.EncodingDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical lines of a file's bytes as the readers see them: split at LF, CRLF or (CSV) a lone
 * CR, decoded with the encoding the reader would detect, blank when only whitespace
 * (docs/contract.md §3: CSV rows are the records after the header, JSONL rows the non-blank lines).
 * Line breaks are single bytes in both UTF-8 and GB18030, so lines are found on the bytes.
 */
final class FileLayout {
    /**
     * One physical line: its bytes {@code [start, end)} without the terminator, {@code next} after
     * it.
     */
    record Line(int start, int end, int next, String text, boolean terminated) {
        boolean blank() {
            return text.isBlank();
        }
    }

    final EncodingDetector.Detection encoding;
    final List<Line> lines;

    private FileLayout(EncodingDetector.Detection encoding, List<Line> lines) {
        this.encoding = encoding;
        this.lines = lines;
    }

    /**
     * The lines of a file: CSV lines end at LF, CRLF or a lone CR; JSONL lines at LF or CRLF only
     * (a lone CR is JSON whitespace, or a broken string, but no line break).
     */
    static FileLayout of(byte[] bytes, boolean jsonl) {
        EncodingDetector.Detection encoding;
        try {
            encoding = EncodingDetector.detect(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var decoder =
                encoding.charset()
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
        List<Line> lines = new ArrayList<>();
        int i = encoding.bom() ? 3 : 0;
        while (i < bytes.length) {
            int end = i;
            while (end < bytes.length && bytes[end] != '\n' && (jsonl || bytes[end] != '\r')) {
                end++;
            }
            int next = end;
            boolean terminated = end < bytes.length;
            if (terminated) {
                next =
                        bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n'
                                ? end + 2
                                : end + 1;
                if (jsonl && end > i && bytes[end - 1] == '\r') {
                    end--; // CRLF
                }
            }
            String text;
            try {
                text =
                        decoder.reset()
                                .decode(java.nio.ByteBuffer.wrap(bytes, i, end - i))
                                .toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalStateException(e);
            }
            lines.add(new Line(i, end, next, text, terminated));
            i = next;
        }
        return new FileLayout(encoding, lines);
    }

    /**
     * Where a CSV record starting at line {@code first} ends when it is a valid record of {@code
     * columns} fields: every quote that opens a field closes, followed by nothing but whitespace
     * before the separator or the line's end (docs/contract.md §3); or -1 when it is not one. No
     * size limit applies, so this finds every record the reader could take as valid, and more.
     */
    int validCsvRecordEnd(int first, int columns) {
        int fields = 1;
        boolean inQuotes = false;
        boolean fieldStart = true;
        boolean afterClose = false;
        for (int l = first; l < lines.size(); l++) {
            String s = lines.get(l).text();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            inQuotes = false;
                            afterClose = true;
                        }
                    }
                } else if (c == ',') {
                    fields++;
                    fieldStart = true;
                    afterClose = false;
                } else if (afterClose) {
                    if (!Character.isWhitespace(c)) {
                        return -1;
                    }
                } else if (c == '"' && fieldStart) {
                    inQuotes = true;
                    fieldStart = false;
                } else {
                    fieldStart = false;
                }
            }
            if (!inQuotes) {
                return fields == columns ? l : -1;
            }
        }
        return -1;
    }

    int nonBlankLines() {
        return (int) lines.stream().filter(l -> !l.blank()).count();
    }
}
