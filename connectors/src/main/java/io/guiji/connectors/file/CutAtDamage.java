package io.guiji.connectors.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * The bytes of a gzip stream up to its last complete line before any damage, as a clean stream.
 *
 * <p>A truncated or corrupt {@code .gz} file decompresses fine up to the damage and then throws.
 * Failing the file would lose every record in it, and failing the job would retry it forever; so
 * the damage ends the stream instead. The line it cut off is held back rather than handed on: a
 * record cut in the middle could otherwise parse and be accepted with half a value. What was held
 * back and the error are kept for one rejection that reports the damage ({@link #damage()}).
 *
 * <p>Bytes are handed on only up to the last CR or LF seen, so memory holds at most one line (a
 * line longer than the buffer is handed on as it comes, and then not held back).
 */
final class CutAtDamage extends InputStream {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private byte[] buf = new byte[BUFFER];

    /**
     * buf[0, lim) holds bytes read; [pos, safe) may be handed on; [safe, lim) wait for a line end.
     */
    private int pos;

    private int safe;
    private int lim;
    private boolean eof;
    private String damage;
    private byte[] cutOff = new byte[0];

    CutAtDamage(InputStream in) {
        this.in = in;
    }

    /** Why the stream ended early, or null when it ended cleanly (or has not ended yet). */
    String damage() {
        return damage;
    }

    /** The bytes of the partial line dropped at the damage (possibly none). */
    byte[] cutOff() {
        return cutOff;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == safe) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, safe - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            safe -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            safe = lim; // a line longer than the buffer: hand it on as it comes
            return;
        }
        int n;
        try {
            n = in.read(buf, lim, buf.length - lim);
        } catch (ZipException | EOFException e) {
            damage = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            cutOff = Arrays.copyOfRange(buf, safe, lim);
            lim = safe;
            eof = true;
            return;
        }
        if (n < 0) {
            safe = lim;
            eof = true;
            return;
        }
        for (int i = lim + n - 1; i >= lim; i--) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                safe = i + 1;
                break;
            }
        }
        lim += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
