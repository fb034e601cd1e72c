package io.guiji.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes like an {@code InputStreamReader} that replaces bad bytes with U+FFFD, except that
 * a CR or LF byte always comes out as itself, ending whatever malformed sequence came before it.
 *
 * <p>Why not {@code InputStreamReader}: Java's GB18030 decoder takes the start of a four-byte code
 * followed by a line end ({@code 81 30 0A}) as one malformed sequence of three bytes, so the LF
 * vanishes into a U+FFFD and two records become one — a row lost to one bad byte. CR and LF are
 * never part of a valid UTF-8 or GB18030 sequence, so cutting the input at them changes nothing for
 * good text. Each line is decoded separately, as one input ending there.
 */
final class LineSafeDecoder extends Reader {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final byte[] bytes = new byte[BUFFER];
    private final CharBuffer out = CharBuffer.allocate(2 * BUFFER + 2);
    private int start;
    private int limit;
    private boolean eof;

    LineSafeDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.decoder =
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
        out.limit(0);
    }

    @Override
    public int read(char[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!out.hasRemaining()) {
            if (!decodeMore()) {
                return -1;
            }
        }
        int n = Math.min(len, out.remaining());
        out.get(dst, off, n);
        return n;
    }

    /** Decodes the next lines (or the next part of a long line) into {@link #out}. */
    private boolean decodeMore() throws IOException {
        out.clear();
        while (true) {
            if (start == limit) {
                if (eof) {
                    break;
                }
                start = 0;
                limit = 0;
                int n = readSome(0);
                if (n < 0) {
                    eof = true;
                    break;
                }
                limit = n;
            }
            if (out.remaining() < limit - start + 1) {
                break; // room for the whole window, so every call below completes
            }
            int end = lineEnd(start, limit);
            if (end >= 0) {
                decodeFinal(start, end);
                out.put((char) bytes[end]);
                start = end + 1;
                continue;
            }
            // no line end in the window: decode what is complete, keep an incomplete tail
            ByteBuffer window = ByteBuffer.wrap(bytes, start, limit - start);
            decoder.decode(window, out, false);
            int rest = limit - window.position();
            System.arraycopy(bytes, window.position(), bytes, 0, rest);
            start = 0;
            limit = rest;
            int n = readSome(limit);
            if (n < 0) {
                eof = true;
                decodeFinal(0, limit);
                start = limit;
                break;
            }
            limit += n;
            if (out.position() > 0) {
                break;
            }
        }
        out.flip();
        return out.hasRemaining();
    }

    /**
     * Decodes {@code bytes[from, to)} as a whole input: an unfinished sequence at its end is bad.
     */
    private void decodeFinal(int from, int to) {
        ByteBuffer segment = ByteBuffer.wrap(bytes, from, to - from);
        decoder.decode(segment, out, true);
        decoder.flush(out);
        decoder.reset();
    }

    private int lineEnd(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }

    private int readSome(int at) throws IOException {
        int n;
        do {
            n = in.read(bytes, at, bytes.length - at);
        } while (n == 0);
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
