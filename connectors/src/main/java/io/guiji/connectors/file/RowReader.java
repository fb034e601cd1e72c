package io.guiji.connectors.file;

import java.io.Closeable;
import java.io.IOException;

/**
 * Pulls the records of one file as {@link RawRow}s, in file order, each record exactly once: a
 * record that cannot be parsed comes back as a row with an error, never as an exception. An {@link
 * IOException} means the file itself could not be read (the job should fail and restart).
 */
public interface RowReader extends Closeable {

    /** The next row, or null when the file is exhausted. */
    RawRow next() throws IOException;
}
