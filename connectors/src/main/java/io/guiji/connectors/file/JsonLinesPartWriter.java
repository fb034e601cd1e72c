package io.guiji.connectors.file;

import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.connectors.ChainedOperator;
import io.guiji.connectors.json.JsonLinesEncoder;
import io.guiji.connectors.json.OutputJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The end of a bounded run's output: each subtask writes its elements as JSON lines to one part
 * file of a folder, {@code <part>-<subtask>.jsonl}, made only when the first element comes (an
 * output without elements leaves no file). The file is written under a hidden in-progress name and
 * takes its own name at the end of input; a task that fails or is cancelled deletes what it was
 * writing. A subtask that runs again (a configured restart) replaces its file whole.
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
    public static final String SUFFIX = ".jsonl";

    private final String folder;
    private final String part;
    private final JsonLinesEncoder.Writer<T> writer;

    private transient Path inProgress;
    private transient OutputStream out;
    private transient JsonGenerator json;

    /**
     * Writes into {@code folder} (created when needed) files named after {@code part}, which must
     * differ between the writers of one folder.
     */
    public JsonLinesPartWriter(Path folder, String part, JsonLinesEncoder.Writer<T> writer) {
        this.folder = folder.toAbsolutePath().toString();
        this.part = part;
        this.writer = writer;
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

    /** The name of the finished part file of {@code subtask}. */
    static String fileName(String part, int subtask) {
        return part + "-" + subtask + SUFFIX;
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        if (json == null) {
            start();
        }
        writer.write(json, element.getValue());
        json.writeRaw('\n');
    }

    private void start() throws IOException {
        Path dir = Path.of(folder);
        Files.createDirectories(dir);
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
        inProgress = dir.resolve("." + fileName(part, subtask) + "." + attempt + ".inprogress");
        out = new BufferedOutputStream(Files.newOutputStream(inProgress), 1 << 16);
        json = OutputJson.generator(out);
        // One generator for the whole file: no separator of its own between values, a newline
        // after each.
        json.setRootValueSeparator(null);
    }

    @Override
    public void endInput() throws Exception {
        if (json == null) {
            return;
        }
        json.close();
        out.close();
        json = null;
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        Files.move(
                inProgress,
                inProgress.resolveSibling(fileName(part, subtask)),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        inProgress = null;
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
                    json = null;
                }
            }
        }
    }
}
