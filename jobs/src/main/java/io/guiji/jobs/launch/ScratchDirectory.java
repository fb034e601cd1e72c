package io.guiji.jobs.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * The temporary folders of one command's embedded Flink cluster, removed when the command ends.
 *
 * <p>Left to itself, the embedded cluster writes into {@code java.io.tmpdir} and leaves there what
 * its asynchronous shutdown has not removed when the JVM exits: the 21 MB {@code
 * flink-rpc-akka*.jar} it unpacks on every start, {@code minicluster_*} working folders with their
 * blob stores, {@code flink-web-upload}. {@link #apply} points all of them ({@code io.tmp.dirs},
 * from which the RPC jar, the working folders, spill files and RocksDB's local folders are derived,
 * and {@code web.tmpdir}) into one {@code guiji-*} folder per temporary directory, made here;
 * {@link #close} deletes it. A shutdown hook deletes it too when the JVM ends another way (a
 * failure that escapes, Ctrl-C). Where the configuration names its own {@code io.tmp.dirs}
 * (spilling on a big disk), the folders are made inside those.
 */
public final class ScratchDirectory implements AutoCloseable {
    private final List<Path> roots;
    private final Thread hook;

    private ScratchDirectory(List<Path> roots) {
        this.roots = List.copyOf(roots);
        this.hook = new Thread(this::delete, "guiji scratch cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Makes the folders, under the configured {@code io.tmp.dirs} or else {@code java.io.tmpdir}.
     */
    public static ScratchDirectory create(Configuration conf) {
        String[] parents =
                conf.contains(CoreOptions.TMP_DIRS)
                        ? ConfigurationUtils.parseTempDirectories(conf)
                        : new String[] {System.getProperty("java.io.tmpdir")};
        List<Path> made = new ArrayList<>();
        try {
            for (String parent : parents) {
                Path dir = Path.of(parent);
                Files.createDirectories(dir);
                made.add(Files.createTempDirectory(dir, "guiji-"));
            }
        } catch (IOException e) {
            made.forEach(ScratchDirectory::deleteTree);
            throw new IllegalArgumentException(
                    "cannot make a temporary folder in "
                            + String.join(", ", parents)
                            + " ("
                            + e.getMessage()
                            + "): set io.tmp.dirs to a writable folder",
                    e);
        }
        return new ScratchDirectory(made);
    }

    /** The folders made, one per temporary directory. */
    public List<Path> roots() {
        return roots;
    }

    /** A copy of {@code conf} whose embedded cluster keeps its temporary files in these folders. */
    public Configuration apply(Configuration conf) {
        Configuration c = new Configuration(conf);
        c.set(CoreOptions.TMP_DIRS, String.join(",", roots.stream().map(Path::toString).toList()));
        c.set(WebOptions.TMP_DIR, roots.get(0).toString());
        return c;
    }

    /**
     * Deletes the folders (also what the cluster is still closing: whatever is gone already is
     * skipped).
     */
    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void delete() {
        roots.forEach(ScratchDirectory::deleteTree);
    }

    /**
     * Deletes a tree that threads of the closing cluster may still be changing: a file already
     * removed is skipped, a folder that gained an entry meanwhile is walked again (a few times).
     */
    static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(ScratchDirectory::deleteOne);
            } catch (IOException | UncheckedIOException e) {
                // changed while walking: walk again
            }
        }
    }

    private static void deleteOne(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException | DirectoryNotEmptyException raced) {
            // another thread removed it, or added to it: the next walk sees the new state
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
