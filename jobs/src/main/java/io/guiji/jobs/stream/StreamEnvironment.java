package io.guiji.jobs.stream;

import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;

/** The streaming job's execution environment, from its configuration. */
final class StreamEnvironment {
    /** RocksDB's write buffer per column family unless configured (below). */
    static final MemorySize WRITE_BUFFER = MemorySize.ofMebiBytes(8);

    private StreamEnvironment() {}

    /**
     * The execution environment: checkpoints every {@code guiji.checkpoint.interval} (exactly
     * once), the configured state backend (RocksDB with incremental checkpoints by default),
     * checkpoints retained on cancellation when they have a directory, an exponential-delay restart
     * strategy without a limit by default (see {@link GuijiOptions#RESTART_ATTEMPTS}). Flink's own
     * keys for any of these win when given.
     */
    public static StreamExecutionEnvironment of(StreamConfig cfg) {
        Configuration flink = new Configuration(cfg.configuration());
        // Flink's own keys, when given, win over guiji's defaults.
        setUnlessGiven(
                flink,
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                cfg.value(GuijiOptions.CHECKPOINT_INTERVAL));
        flink.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        setUnlessGiven(
                flink,
                StateBackendOptions.STATE_BACKEND,
                cfg.value(GuijiOptions.STATE_BACKEND).trim().toLowerCase(Locale.ROOT));
        setUnlessGiven(flink, CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // Object reuse, as in a bounded run (BoundedEnvironment): without it every record is
        // deep-copied, Avro field by field, at each chained step — the linking operator's output
        // once per chained sink. Safe for the same reasons: each keyed operator reads from a
        // network exchange (a fresh object per record), the Kafka decoders make a new object per
        // message, and no operator changes or re-emits a record after emitting it.
        setUnlessGiven(flink, PipelineOptions.OBJECT_REUSE, true);
        // RocksDB, measured on the registry load (BENCHMARKS.md): every checkpoint flushes the
        // memtables, and with level compaction each small flushed file is merged into the whole
        // next level, whose keys (hashed key groups) it overlaps entirely; universal compaction
        // merges runs of similar size instead (50k entries at 1 s checkpoints: 171 s to load →
        // 92 s). Bloom filters answer most point lookups of absent keys (a new record_id, an
        // unasked key) without reading files.
        setUnlessGiven(
                flink, RocksDBConfigurableOptions.COMPACTION_STYLE, CompactionStyle.UNIVERSAL);
        setUnlessGiven(flink, RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // LZ4 instead of Flink's Snappy: each 1 s checkpoint's flushed files are compressed, and
        // compressed again at every compaction. At a steady 1,000 records/s RocksDB's compaction
        // threads took 13-18 CPU-s in 90 s with Snappy, 6.3 with LZ4 and 5.3 with none, the state
        // 64, 67 and 173 MB (BENCHMARKS.md, "RocksDB's compression"). Files of either kind are
        // read whatever the setting, so a checkpoint of an earlier build restores.
        setUnlessGiven(
                flink,
                RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL,
                List.of(CompressionType.LZ4_COMPRESSION));
        // Small memtables. RocksDB's write buffers come out of the slot's managed memory, shared by
        // every keyed operator's column families, and a memtable takes memory an arena block
        // (an eighth of the write buffer: 8 MiB by default) at a time: with a few column families
        // the write buffer manager found its budget full after a few kilobytes and flushed again
        // and again — 1,339 of 1,431 flushes of the view's RocksDB in a bench run, each small file
        // then compacted: 2.4 GB written by compaction for 80 MB of state changes (BENCHMARKS.md,
        // "RocksDB's write buffers"). A checkpoint flushes the memtables every interval anyway, so
        // a larger one would hold no more.
        setUnlessGiven(flink, RocksDBConfigurableOptions.WRITE_BUFFER_SIZE, WRITE_BUFFER);
        String dir = cfg.get(GuijiOptions.CHECKPOINT_DIR);
        if (dir != null) {
            setUnlessGiven(flink, CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        }
        if (flink.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            setUnlessGiven(
                    flink,
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (!flink.contains(RestartStrategyOptions.RESTART_STRATEGY)) {
            // An outage (PostgreSQL down, grants revoked, a broker restarting) fails tasks again
            // and
            // again until the service is back: retry for ever, at growing intervals, and start the
            // count over once the job has run quietly for a while. A failure of the PostgreSQL
            // sinks
            // restarts only their pipelined region (the feed reads the committed output topics and
            // shares no edge with the pipeline), under Flink's default region failover.
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                    cfg.value(GuijiOptions.RESTART_DELAY));
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                    cfg.value(GuijiOptions.RESTART_MAX_DELAY));
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER,
                    2.0);
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR,
                    0.1);
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions
                            .RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                    cfg.value(GuijiOptions.RESTART_RESET_AFTER));
            setUnlessGiven(
                    flink,
                    RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                    cfg.value(GuijiOptions.RESTART_ATTEMPTS));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.configure(flink);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(cfg.settings().parallelism());
        return env;
    }

    private static <T> void setUnlessGiven(Configuration conf, ConfigOption<T> option, T value) {
        if (!conf.contains(option)) {
            conf.set(option, value);
        }
    }
}
