package io.guiji.connectors.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.LongAdder;

/**
 * How much input the {@link TabularFileFormat} readers of this JVM have read so far: rows handed to
 * Flink and bytes of the files' decoding pass (compressed bytes for a {@code .gz} file; the
 * encoding detection pass is not counted, so a file counts its size once). The command line's
 * embedded run reads these to show progress: its mini-cluster runs the readers in the same JVM, so
 * a static counter needs no metrics reporter and no polling of Flink's REST API. Counts only grow;
 * a reader of progress subtracts the values it saw when it started. On a cluster each TaskManager
 * counts its own and nobody reads them.
 */
public final class ReadProgress {
    private static final LongAdder ROWS = new LongAdder();
    private static final LongAdder BYTES = new LongAdder();

    private ReadProgress() {}

    /** Rows read since the JVM started. */
    public static long rows() {
        return ROWS.sum();
    }

    /** Bytes of input files read since the JVM started. */
    public static long bytes() {
        return BYTES.sum();
    }

    static void addRows(long n) {
        ROWS.add(n);
    }

    /** {@code in}, counting the bytes read from it. */
    static InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    BYTES.increment();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    BYTES.add(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                if (skipped > 0) {
                    BYTES.add(skipped);
                }
                return skipped;
            }
        };
    }
}
