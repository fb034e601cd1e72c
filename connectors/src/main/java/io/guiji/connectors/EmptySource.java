package io.guiji.connectors;

import io.guiji.connectors.avro.AvroTypes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * An empty stream of a type, for an input that is not configured (no catalogue topic, say): an
 * unbounded source that never emits and never finishes.
 *
 * <p>It must not finish. Once any task of a streaming job has finished, Flink plans checkpoints
 * "after tasks finished", and then a checkpoint taken while a failed region (the PostgreSQL feed
 * during an outage) waits to restart can record that region's tasks as finished: restored from it,
 * they finish at once, and the feed stops for good while Kafka output goes on. Seen with a bounded
 * one-element source here (issue 10); with no task ever finished, checkpoints wait for every task
 * to run, and a region restarts from where it was.
 *
 * <p>A bounded run's absent folder takes the {@link #bounded} form instead, which ends at once
 * (BATCH mode refuses unbounded sources, and {@code fromData} of an empty collection fails).
 */
public final class EmptySource<T>
        implements Source<T, EmptySource.NoSplit, Integer>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;
    private final TypeInformation<T> type;
    private final Boundedness boundedness;

    private EmptySource(TypeInformation<T> type, Boundedness boundedness) {
        this.type = type;
        this.boundedness = boundedness;
    }

    /** An empty stream that never finishes, for the streaming job. */
    public static <T> DataStream<T> of(StreamExecutionEnvironment env, Class<T> type, String name) {
        return env.fromSource(
                        new EmptySource<>(
                                AvroTypes.forClass(type), Boundedness.CONTINUOUS_UNBOUNDED),
                        WatermarkStrategy.noWatermarks(),
                        name)
                .setParallelism(1);
    }

    /** An empty stream that ends at once, for a bounded run. */
    public static <T> DataStream<T> bounded(
            StreamExecutionEnvironment env, Class<T> type, String name) {
        return env.fromSource(
                        new EmptySource<>(AvroTypes.forClass(type), Boundedness.BOUNDED),
                        WatermarkStrategy.noWatermarks(),
                        name)
                .setParallelism(1);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Override
    public Boundedness getBoundedness() {
        return boundedness;
    }

    @Override
    public SourceReader<T, NoSplit> createReader(SourceReaderContext readerContext) {
        return new Reader<>(boundedness == Boundedness.BOUNDED);
    }

    @Override
    public SplitEnumerator<NoSplit, Integer> createEnumerator(
            SplitEnumeratorContext<NoSplit> enumContext) {
        return new Enumerator();
    }

    @Override
    public SplitEnumerator<NoSplit, Integer> restoreEnumerator(
            SplitEnumeratorContext<NoSplit> enumContext, Integer checkpoint) {
        return new Enumerator();
    }

    @Override
    public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
        return new NoSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Integer> getEnumeratorCheckpointSerializer() {
        return new ZeroSerializer();
    }

    /** There are never any splits; the type exists because a source needs one. */
    static final class NoSplit implements SourceSplit {
        @Override
        public String splitId() {
            return "none";
        }
    }

    /**
     * Never has anything. Unbounded: its availability never completes, so the task idles (and
     * checkpoints) until cancelled; bounded: it ends at the first poll.
     */
    private static final class Reader<T> implements SourceReader<T, NoSplit> {
        private final boolean ends;
        private final CompletableFuture<Void> never = new CompletableFuture<>();

        Reader(boolean ends) {
            this.ends = ends;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) {
            return ends ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<NoSplit> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return ends ? CompletableFuture.completedFuture(null) : never;
        }

        @Override
        public void addSplits(List<NoSplit> splits) {}

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    /** Assigns nothing and never says there is no more. */
    private static final class Enumerator implements SplitEnumerator<NoSplit, Integer> {
        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<NoSplit> splits, int subtaskId) {}

        @Override
        public void addReader(int subtaskId) {}

        @Override
        public Integer snapshotState(long checkpointId) {
            return 0;
        }

        @Override
        public void close() {}
    }

    private static final class NoSplitSerializer implements SimpleVersionedSerializer<NoSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(NoSplit split) {
            return new byte[0];
        }

        @Override
        public NoSplit deserialize(int version, byte[] serialized) {
            return new NoSplit();
        }
    }

    private static final class ZeroSerializer implements SimpleVersionedSerializer<Integer> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Integer state) {
            return new byte[0];
        }

        @Override
        public Integer deserialize(int version, byte[] serialized) {
            return 0;
        }
    }
}
