package io.guiji.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.ingest.SourceSpec;
import io.guiji.jobs.stream.GuijiStreamJob;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class StreamConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> c = new HashMap<>();
        c.put("guiji.kafka.bootstrap-servers", "127.0.0.1:9092");
        c.put("guiji.source.scjg-penalty.topic", "records.SCJG01.penalty");
        c.put("guiji.source.scjg-penalty.dept-code", "SCJG01");
        c.put("guiji.source.scjg-penalty.record-type", "penalty");
        c.put("guiji.processing-date", "2026-11-25");
        return c;
    }

    private static StreamConfig config(Map<String, String> c) {
        return StreamConfig.from(Configuration.fromMap(c));
    }

    @Test
    void readsSourcesAndThePeriodOfCollection() {
        Map<String, String> c = minimal();
        c.put("guiji.source.wjw.table", "dept.inspection");
        c.put("guiji.source.wjw.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/wjw");
        c.put("guiji.source.wjw.update-column", "gxsj");
        c.put("guiji.source.wjw.since", "2026-01-01");
        c.put("guiji.source.wjw.fields", "subject_name:xdr_mc，doc_no=jcbh");
        StreamConfig cfg = config(c);
        assertThat(cfg.kafkaSources())
                .extracting(SourceSpec::topic)
                .containsExactly("records.SCJG01.penalty");
        assertThat(cfg.jdbcSources()).hasSize(1);
        SourceSpec.Jdbc j = cfg.jdbcSources().get(0).jdbc();
        assertThat(j.keyColumn()).isEqualTo("id");
        assertThat(j.sinceMillis())
                .isEqualTo(
                        java.time.LocalDate.of(2026, 1, 1)
                                .atStartOfDay(java.time.ZoneId.of("Asia/Shanghai"))
                                .toInstant()
                                .toEpochMilli());
        assertThat(cfg.period()).isEqualTo("2026");

        RawRow row =
                new RawRow(
                        "jdbc:dept.inspection",
                        1,
                        new String[] {"xdr_mc", "jcbh", "other"},
                        new String[] {"a", "b", "c"},
                        "",
                        null,
                        "UTF-8");
        cfg.jdbcSources().get(0).apply(row);
        assertThat(row.header).containsExactly("subject_name", "doc_no", "other");
        assertThat(row.deptCode).isEmpty();
    }

    @Test
    void theBrokersAndAtLeastOneSourceAreRequired() {
        Map<String, String> c = minimal();
        c.remove("guiji.kafka.bootstrap-servers");
        assertThatThrownBy(() -> config(c)).hasMessageContaining("guiji.kafka.bootstrap-servers");
        Map<String, String> none = minimal();
        none.keySet().removeIf(k -> k.startsWith("guiji.source."));
        assertThatThrownBy(() -> config(none)).hasMessageContaining("no departmental source");
    }

    @Test
    void passwordsAreNeverTakenFromTheConfiguration() {
        Map<String, String> c = minimal();
        c.put("guiji.postgres.password", "secret");
        assertThatThrownBy(() -> config(c))
                .hasMessageContaining("password-env")
                .hasMessageNotContaining("secret");
        Map<String, String> s = minimal();
        s.put("guiji.source.scjg-penalty.password", "secret");
        assertThatThrownBy(() -> config(s))
                .hasMessageContaining("password-file")
                .hasMessageNotContaining("secret");
    }

    @Test
    void mistakesNameTheKeyToFix() {
        for (Map.Entry<String, String> bad :
                List.of(
                        Map.entry("guiji.source.scjg-penalty.format", "xml"),
                        Map.entry("guiji.source.scjg-penalty.tpoic", "x"),
                        Map.entry("guiji.kafka.starting-offsets", "yesterday"),
                        Map.entry("guiji.state.backend", "memory"),
                        Map.entry("guiji.checkpoint.interval", "1 h"),
                        Map.entry("guiji.source.scjg-penalty.fields", "doc_no"))) {
            Map<String, String> c = minimal();
            c.put(bad.getKey(), bad.getValue());
            assertThatThrownBy(() -> config(c))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(
                            bad.getKey().equals("guiji.checkpoint.interval")
                                    ? "guiji.checkpoint.interval"
                                    : bad.getKey());
        }
        Map<String, String> both = minimal();
        both.put("guiji.source.scjg-penalty.table", "t");
        assertThatThrownBy(() -> config(both)).hasMessageContaining("set exactly one");
    }

    @Test
    void argumentsReadTheFileAndDashDWins(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("stream.conf");
        java.nio.file.Files.writeString(
                file, "guiji.kafka.bootstrap-servers: 10.0.0.1:9092\nguiji.parallelism: 4\n");
        Configuration conf =
                JobArguments.parse(
                        new String[] {"--config", file.toString(), "-Dguiji.parallelism=2"});
        assertThat(conf.toMap())
                .containsEntry("guiji.kafka.bootstrap-servers", "10.0.0.1:9092")
                .containsEntry("guiji.parallelism", "2");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--password", "x"}))
                .hasMessageContaining("Unknown options: '--password'");
        // the other spellings flink run may pass
        assertThat(
                        JobArguments.parse(
                                        new String[] {
                                            "--config=" + file, "-D", "guiji.parallelism=3"
                                        })
                                .toMap())
                .containsEntry("guiji.kafka.bootstrap-servers", "10.0.0.1:9092")
                .containsEntry("guiji.parallelism", "3");
    }

    @Test
    void theKafkaClientsTakeThePropertiesFileOverGuijisOwnSettings(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("kafka.properties");
        java.nio.file.Files.writeString(
                file, "security.protocol=SASL_SSL\nfetch.max.wait.ms=500\nlinger.ms=5\n");
        Map<String, String> c = minimal();
        c.put("guiji.kafka.properties-file", file.toString());
        StreamConfig cfg = config(c);
        assertThat(cfg.kafkaConsumerProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("fetch.max.wait.ms", "500")
                .containsEntry("fetch.min.bytes", "65536");
        assertThat(cfg.kafkaProducerProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", "5")
                .containsEntry("batch.size", "262144");
        assertThat(config(minimal()).kafkaConsumerProperties())
                .containsOnlyKeys("fetch.min.bytes", "fetch.max.wait.ms");
    }

    @Test
    void theEnvironmentCheckpointsExactlyOnceOnRocksDbAndRestartsAndFlinksOwnKeysWin() {
        StreamExecutionEnvironment env = GuijiStreamJob.environment(config(minimal()));
        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(30_000L);
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo("rocksdb");
        assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS))
                .isTrue();
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(
                        env.getConfiguration()
                                .get(
                                        RestartStrategyOptions
                                                .RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(
                        env.getConfiguration()
                                .get(
                                        RestartStrategyOptions
                                                .RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(
                        env.getConfiguration()
                                .get(
                                        RestartStrategyOptions
                                                .RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
                .isEqualTo(2.0);
        assertThat(
                        env.getConfiguration()
                                .get(
                                        RestartStrategyOptions
                                                .RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(
                        env.getConfiguration()
                                .get(
                                        RestartStrategyOptions
                                                .RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
                .isEqualTo(Integer.MAX_VALUE);

        Map<String, String> c = minimal();
        c.put("execution.checkpointing.interval", "5 s");
        c.put("state.backend.type", "hashmap");
        c.put("restart-strategy.type", "fixed-delay");
        StreamExecutionEnvironment own = GuijiStreamJob.environment(config(c));
        assertThat(own.getCheckpointConfig().getCheckpointInterval()).isEqualTo(5_000L);
        assertThat(own.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo("hashmap");
        assertThat(own.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("fixed-delay");
    }

    @Test
    void chainedStepsPassRecordsWithoutCopiesUnlessFlinksOwnKeySaysOtherwise() {
        assertThat(
                        GuijiStreamJob.environment(config(minimal()))
                                .getConfiguration()
                                .get(PipelineOptions.OBJECT_REUSE))
                .isTrue();
        Map<String, String> c = minimal();
        c.put("pipeline.object-reuse", "false");
        assertThat(
                        GuijiStreamJob.environment(config(c))
                                .getConfiguration()
                                .get(PipelineOptions.OBJECT_REUSE))
                .isFalse();
    }

    @Test
    void restartOptionsOfGuijiAndTheOldDelayKeyReachFlinkAndFlinksOwnWin() {
        Map<String, String> c = minimal();
        c.put("guiji.restart.delay", "2 s"); // the deprecated key still works
        c.put("guiji.restart.max-delay", "30 s");
        c.put("guiji.restart.attempts", "7");
        c.put("restart-strategy.exponential-delay.reset-backoff-threshold", "1 h");
        org.apache.flink.configuration.ReadableConfig flink =
                GuijiStreamJob.environment(config(c)).getConfiguration();
        assertThat(
                        flink.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
                .isEqualTo(7);
        assertThat(
                        flink.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
                .isEqualTo(Duration.ofHours(1));

        Map<String, String> bad = minimal();
        bad.put("guiji.restart.initial-delay", "2 min");
        assertThatThrownBy(() -> config(bad)).hasMessageContaining("guiji.restart.max-delay");
    }

    @Test
    void aPostgresBatchHoldsARowAndWaitsAMillisecondAtLeast() {
        for (String[] bad :
                new String[][] {
                    {"guiji.postgres.batch-size", "0"},
                    {"guiji.postgres.batch-size", "-5"},
                    {"guiji.postgres.batch-interval", "0 ms"}
                }) {
            Map<String, String> c = minimal();
            c.put(bad[0], bad[1]);
            assertThatThrownBy(() -> config(c)).hasMessageContaining(bad[0]);
        }
        Map<String, String> ok = minimal();
        ok.put("guiji.postgres.batch-size", "1");
        ok.put("guiji.postgres.batch-interval", "1 ms");
        assertThat(config(ok).value(GuijiOptions.POSTGRES_BATCH_SIZE)).isEqualTo(1);
    }
}
