package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.StreamConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;

/** The streaming job's environment: guiji's defaults, and Flink's own keys winning over them. */
class StreamEnvironmentTest {

    private static StreamConfig config(Map<String, String> extra) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(GuijiOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "127.0.0.1:9");
        c.put("guiji.source.p.topic", "in.penalty");
        c.put("guiji.source.p.dept-code", "SCJG01");
        c.put("guiji.source.p.record-type", "penalty");
        c.putAll(extra);
        return StreamConfig.from(Configuration.fromMap(c));
    }

    @Test
    void rocksDbGetsSmallWriteBuffersLz4ExactlyOnceCheckpointsAndUniversalCompaction() {
        var flink = StreamEnvironment.of(config(Map.of())).getConfiguration();
        assertThat(flink.get(RocksDBConfigurableOptions.WRITE_BUFFER_SIZE))
                .isEqualTo(MemorySize.ofMebiBytes(8));
        assertThat(flink.get(RocksDBConfigurableOptions.COMPACTION_STYLE))
                .isEqualTo(org.rocksdb.CompactionStyle.UNIVERSAL);
        assertThat(flink.get(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL))
                .containsExactly(org.rocksdb.CompressionType.LZ4_COMPRESSION);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }

    @Test
    void flinksOwnKeysWinOverGuijisDefaults() {
        var flink =
                StreamEnvironment.of(
                                config(
                                        Map.of(
                                                RocksDBConfigurableOptions.WRITE_BUFFER_SIZE.key(),
                                                "64mb",
                                                RocksDBConfigurableOptions.COMPACTION_STYLE.key(),
                                                "LEVEL",
                                                RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL
                                                        .key(),
                                                "NO_COMPRESSION;ZSTD_COMPRESSION")))
                        .getConfiguration();
        assertThat(flink.get(RocksDBConfigurableOptions.WRITE_BUFFER_SIZE))
                .isEqualTo(MemorySize.ofMebiBytes(64));
        assertThat(flink.get(RocksDBConfigurableOptions.COMPACTION_STYLE))
                .isEqualTo(org.rocksdb.CompactionStyle.LEVEL);
        assertThat(flink.get(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL))
                .containsExactly(
                        org.rocksdb.CompressionType.NO_COMPRESSION,
                        org.rocksdb.CompressionType.ZSTD_COMPRESSION);
    }
}
