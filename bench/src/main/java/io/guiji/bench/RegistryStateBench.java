package io.guiji.bench;

import io.guiji.connectors.file.InputFiles;
import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.GuijiPipeline;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.GuijiSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

/**
 * State held for the registry: the streaming pipeline ({@link GuijiPipeline}, {@link
 * EmitMode#CHANGES}) fed with only the registry of an input ({@code registry/}; no records, no
 * catalogue), with checkpoints every 10 s. Once every entry is in and two checkpoints in a row have
 * the same size, it prints the checkpointed state (all files under the job's checkpoint folder:
 * RocksDB's incremental SST files, or the heap backend's full snapshot) and, for the heap backend,
 * the heap grown since before the job, each per registry entry. The registry-side state is {@code
 * DedupLinkOperator}'s registry positions only: the registry index is in memory, not in state.
 *
 * <pre>{@code --input bench/data/r1m-e1m [--backend rocksdb|hashmap] [--work /tmp/guiji-state]}
 * </pre>
 */
public final class RegistryStateBench {
    private RegistryStateBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input")).toAbsolutePath();
        String backend = a.get("backend", "rocksdb");
        Path work =
                Path.of(
                                a.get(
                                        "work",
                                        System.getProperty("java.io.tmpdir")
                                                + "/guiji-state-"
                                                + backend))
                        .toAbsolutePath();
        deleteRecursively(work);
        Path empty = Files.createDirectories(work.resolve("empty/records"));
        Files.createDirectories(work.resolve("empty/catalog"));
        Path checkpoints = Files.createDirectories(work.resolve("checkpoints"));

        long entries = countRows(input.resolve("registry"), input);
        System.out.printf("registry rows: %,d (%s)%n", entries, input.resolve("registry"));

        Configuration conf = new Configuration();
        conf.setString(GuijiOptions.PROCESSING_DATE.key(), GenerateData.TODAY.toString());
        a.flink.forEach(conf::setString);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);
        GuijiSettings settings = GuijiSettings.from(conf);

        long heapBefore = Machine.usedHeapAfterGc();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(settings.parallelism());
        Duration never = Duration.ofHours(1);
        // Continuous sources keep the job running after the registry is read, so that it can be
        // checkpointed.
        DataStream<RawRow> records =
                env.fromSource(
                        InputFiles.continuous(work.resolve("empty").toString(), "records", never),
                        WatermarkStrategy.noWatermarks(),
                        "records (none)");
        DataStream<RawRow> registry =
                env.fromSource(
                        InputFiles.continuous(input.toString(), "registry", never),
                        WatermarkStrategy.noWatermarks(),
                        "registry/");
        DataStream<RawRow> catalog =
                env.fromSource(
                        InputFiles.continuous(work.resolve("empty").toString(), "catalog", never),
                        WatermarkStrategy.noWatermarks(),
                        "catalog (none)");
        GuijiPipeline.Outputs out =
                GuijiPipeline.defineWorkflow(
                        GuijiPipeline.Inputs.fromRows(records, registry, catalog),
                        EmitMode.CHANGES,
                        settings,
                        "2026");
        out.unified().sinkTo(new DiscardingSink<>());
        out.rejected().sinkTo(new DiscardingSink<>());
        out.coverage().sinkTo(new DiscardingSink<>());
        out.linkChanges().sinkTo(new DiscardingSink<>());
        out.referenceRejected().sinkTo(new DiscardingSink<>());

        long t0 = System.nanoTime();
        JobClient job = env.executeAsync("guiji registry state");
        long last = -1;
        long lastCheckpoint = -1;
        int stable = 0;
        long size = 0;
        while (stable < 2) {
            Thread.sleep(10_000);
            long checkpoint = latestCheckpoint(checkpoints);
            if (checkpoint == lastCheckpoint) {
                continue; // no new checkpoint yet: nothing to compare
            }
            size = completedSize(checkpoints);
            System.out.printf(
                    "  %4.0f s: checkpoint %d holds %,d bytes, heap %d MiB, RSS %d MiB, load %s%n",
                    (System.nanoTime() - t0) / 1e9,
                    checkpoint,
                    size,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    Machine.rssMiB(),
                    Machine.load());
            // Done when two later checkpoints hold what an earlier one held: every entry is in.
            stable = size > 0 && size == last ? stable + 1 : 0;
            last = size;
            lastCheckpoint = checkpoint;
        }
        long heapAfter = Machine.usedHeapAfterGc();
        job.cancel().get();
        long heapGrowth = heapAfter - heapBefore;
        System.out.printf(
                "RESULT registry_state backend=%s entries=%d checkpoint_bytes=%d checkpoint_bytes_per_entry=%.0f"
                        + " heap_growth_bytes=%d heap_growth_bytes_per_entry=%.0f peak_rss_mib=%d"
                        + " extrapolated_10m_checkpoint_gib=%.2f extrapolated_10m_heap_gib=%.2f machine=\"%s\"%n",
                backend,
                entries,
                size,
                (double) size / entries,
                heapGrowth,
                (double) heapGrowth / entries,
                Machine.peakRssMiB(),
                size * (10_000_000.0 / entries) / (1L << 30),
                heapGrowth * (10_000_000.0 / entries) / (1L << 30),
                Machine.describe());
        System.exit(0);
    }

    /**
     * Bytes of the latest completed checkpoint: its {@code chk-N} folder (the heap backend's full
     * snapshot) plus the files it may share with earlier ones ({@code shared/}, {@code taskowned/}:
     * RocksDB's incremental SST files, kept only while referenced); 0 before the first completes.
     */
    static long completedSize(Path checkpoints) throws IOException {
        Path latest = latest(checkpoints);
        if (latest == null) {
            return 0;
        }
        return bytes(latest)
                + bytes(latest.resolveSibling("shared"))
                + bytes(latest.resolveSibling("taskowned"));
    }

    /** The number of the latest completed checkpoint, -1 before the first. */
    static long latestCheckpoint(Path checkpoints) throws IOException {
        Path latest = latest(checkpoints);
        return latest == null ? -1 : Long.parseLong(latest.getFileName().toString().substring(4));
    }

    private static Path latest(Path checkpoints) throws IOException {
        Path latest = null;
        long latestN = -1;
        List<Path> jobDirs;
        try (Stream<Path> s = Files.list(checkpoints)) {
            jobDirs = s.filter(Files::isDirectory).toList();
        }
        for (Path job : jobDirs) {
            try (Stream<Path> s = Files.list(job)) {
                for (Path chk : s.toList()) {
                    String name = chk.getFileName().toString();
                    if (name.startsWith("chk-") && Files.exists(chk.resolve("_metadata"))) {
                        long n = Long.parseLong(name.substring(4));
                        if (n > latestN) {
                            latestN = n;
                            latest = chk;
                        }
                    }
                }
            }
        }
        return latest;
    }

    private static long bytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0; // deleted while walking: a subsumed checkpoint's file
                                }
                            })
                    .sum();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    private static long countRows(Path dir, Path root) throws Exception {
        long n = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                try (CloseableIterator<RawRow> it =
                        io.guiji.connectors.file.TabularFiles.open(f, root)) {
                    while (it.hasNext()) {
                        it.next();
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
