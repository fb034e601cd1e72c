package io.guiji.connectors.file;

import io.guiji.connectors.ChainedOperator;
import io.guiji.connectors.json.JsonLinesEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The end of a bounded run's output: each subtask writes its elements as JSON lines to part files
 * of a folder, {@code <part>-<subtask>-<n>.jsonl}, the next one begun when a file has reached
 * {@link #ROLL_BYTES} (as Flink's file sink rolled its parts); the first is made only when the
 * first element comes (an output without elements leaves no file). A file is written under a hidden
 * in-progress name and takes its own name when it is full or the input ends; a task that fails or
 * is cancelled deletes what it was writing. A subtask that runs again (a configured restart) first
 * deletes the files of its earlier attempt, so its output is replaced whole.
 *
 * <p>Why not Flink's {@code FileSink}: in BATCH mode its committer runs after a blocking exchange,
 * so each file sink is two more vertices, deployed and initialized on every run, however small
 * (BENCHMARKS.md, "Start-up"). This operator chains to the operator whose output it writes. What
 * the committer gave — nothing visible before the job has succeeded — the caller gets by pointing
 * it at a staging folder and moving the files into place once the job has finished ({@code
 * FileRunJob}).
 */
public final class JsonLinesPartWriter<T> extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<T, Void>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** The suffix of a finished part file. */
    private static final String SUFFIX = ".jsonl";

    /** The size at which a part file is finished and the next begun: Flink's file sink's. */
    public static final long ROLL_BYTES = 128L << 20;

    private final String folder;
    private final String part;
    private final JsonLinesEncoder.Writer<T> writer;
    private final long rollBytes;

    private transient Path inProgress;
    private transient CountingStream out;
    private transient JsonLinesEncoder<T> lines;
    private transient int files;

    /**
     * Writes into {@code folder} (created when needed) files named after {@code part}, which must
     * differ between the writers of one folder.
     */
    public JsonLinesPartWriter(Path folder, String part, JsonLinesEncoder.Writer<T> writer) {
        this(folder, part, writer, ROLL_BYTES);
    }

    /** Rolling at {@code rollBytes} (tests). */
    JsonLinesPartWriter(
            Path folder, String part, JsonLinesEncoder.Writer<T> writer, long rollBytes) {
        this.folder = folder.toAbsolutePath().toString();
        this.part = part;
        this.writer = writer;
        this.rollBytes = rollBytes;
    }

    /**
     * Writes {@code stream} with this writer, chained to the operator that makes it; {@code uid}
     * and {@code name} as for any operator.
     */
    public static <T> void write(
            DataStream<T> stream,
            Path folder,
            String part,
            JsonLinesEncoder.Writer<T> writer,
            String uid,
            String name) {
        stream.transform(
                        name,
                        Types.VOID,
                        ChainedOperator.of(new JsonLinesPartWriter<>(folder, part, writer)))
                .uid(uid)
                .name(name);
    }

    /** The name of the {@code n}-th finished part file of {@code subtask}. */
    static String fileName(String part, int subtask, int n) {
        return prefix(part, subtask) + n + SUFFIX;
    }

    private static String prefix(String part, int subtask) {
        return part + "-" + subtask + "-";
    }

    /** Deletes the finished files of an earlier attempt of this subtask. */
    @Override
    public void open() throws Exception {
        super.open();
        Path dir = Path.of(folder);
        if (!Files.isDirectory(dir)) {
            return;
        }
        String earlier = prefix(part, subtask());
        try (Stream<Path> listed = Files.list(dir)) {
            for (Path p : (Iterable<Path>) listed::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(earlier) && name.endsWith(SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        if (lines == null) {
            start();
        }
        lines.write(element.getValue());
        if (out.count + lines.buffered() >= rollBytes) {
            finishFile();
        }
    }

    private void start() throws IOException {
        Path dir = Path.of(folder);
        Files.createDirectories(dir);
        int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        inProgress =
                dir.resolve("." + fileName(part, subtask(), files) + "." + attempt + ".inprogress");
        out = new CountingStream(Files.newOutputStream(inProgress));
        lines = new JsonLinesEncoder<>(writer, out);
    }

    /** Closes the file being written and gives it its name. */
    private void finishFile() throws IOException {
        lines.close();
        out.close();
        lines = null;
        Files.move(
                inProgress,
                inProgress.resolveSibling(fileName(part, subtask(), files)),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        inProgress = null;
        files++;
    }

    @Override
    public void endInput() throws Exception {
        if (lines != null) {
            finishFile();
        }
    }

    private int subtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    /**
     * Called after {@link #endInput} when the task finishes, alone when it fails or is cancelled.
     */
    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (inProgress != null) {
                try {
                    if (out != null) {
                        out.close();
                    }
                } finally {
                    Files.deleteIfExists(inProgress);
                    inProgress = null;
                    lines = null;
                }
            }
        }
    }

    /** A buffered file stream that counts the bytes written to it. */
    private static final class CountingStream extends BufferedOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out, 1 << 16);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            super.write(b);
            count++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            count += len;
        }
    }
}
