package io.guiji.jobs.stream;

import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.GuijiPipeline;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.JobArguments;
import io.guiji.jobs.config.StreamConfig;
import io.guiji.jobs.config.TopicCheck;
import io.guiji.jobs.publish.KafkaOutputs;
import io.guiji.jobs.publish.PostgresFeed;
import io.guiji.jobs.validate.RecordParseFunction;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job of docs/contract.md §9–10 ({@code bin/guiji stream}, and the shaded jar's entry
 * point for {@code flink run}): departmental Kafka topics and polled tables in, the shared {@link
 * GuijiPipeline} in {@link EmitMode#CHANGES}, Avro records out on Kafka with transactions (exactly
 * once), and PostgreSQL tables upserted from what Kafka committed.
 *
 * <pre>
 * topics ─ decode ─┐                                          ┌─ guiji.unified (compacted) ─┐
 * tables ─ rows ───┴─ GuijiPipeline (parse, dedup, link, ──────┼─ guiji.rejected ────────────┤ read_committed
 * registry topic ─ decode/parse ─┘     coverage)               ├─ guiji.coverage ────────────┼─ JDBC upserts ─ PostgreSQL
 * catalogue topic ─ decode/parse ┘                             ├─ guiji.reference-rejected ──┘
 *                                                              ├─ guiji.link-changes
 *                                          enterprise view ────┼─ guiji.enterprises (compacted) ─ JDBC ─ PostgreSQL
 *                                                              └─ guiji.leads (compacted) ────── JDBC ─ PostgreSQL
 * </pre>
 *
 * <p>PostgreSQL is fed from the committed Kafka outputs, in the same job, rather than from the
 * pipeline directly: a restart replays uncommitted work, and its states may be numbered differently
 * than the ones the failed attempt wrote; Kafka aborts those, so only states that are final in
 * Kafka ever reach PostgreSQL, and the at-least-once JDBC sink's replays of them are no-ops under
 * the version guard.
 *
 * <p>Outages (deploy/README.md, Outages and resuming): PostgreSQL down or refusing fails only the
 * feed's pipelined region, which restarts with growing delays while the pipeline keeps running with
 * its state; checkpoints, which need every task, wait meanwhile, so Kafka outputs are committed
 * again once the feed is back. No task of this job may ever finish (see {@link
 * io.guiji.connectors.EmptySource}).
 *
 * <p>This class is the wiring only: inputs ({@link StreamInputs}), the pipeline, the Kafka outputs
 * ({@link KafkaOutputs}) and the PostgreSQL feed ({@link PostgresFeed}). Tests call {@link #define}
 * with the real broker and database, as {@code main} does.
 */
public final class GuijiStreamJob {
    private static final Logger LOG = LoggerFactory.getLogger(GuijiStreamJob.class);

    private GuijiStreamJob() {}

    /**
     * {@code flink run}'s entry point: {@code --config FILE} and {@code -Dkey=value} arguments
     * ({@link JobArguments}; credentials only from env vars or files).
     */
    public static void main(String[] args) throws Exception {
        run(JobArguments.parse(args));
    }

    /**
     * Checks the topics exist, then runs until cancelled (or until the restart strategy gives up).
     */
    public static JobExecutionResult run(Configuration conf) throws Exception {
        StreamConfig cfg = StreamConfig.from(conf);
        TopicCheck.requireTopics(cfg);
        StreamExecutionEnvironment env = environment(cfg);
        define(env, cfg, UnaryOperator.identity());
        LOG.info(
                "guiji stream: sources {}, period {}, outputs to {}{}",
                cfg.sources(),
                cfg.period(),
                cfg.bootstrapServers(),
                cfg.get(GuijiOptions.POSTGRES_URL) == null ? "" : " and PostgreSQL");
        return env.execute("guiji stream");
    }

    /**
     * The execution environment: checkpoints every {@code guiji.checkpoint.interval} (exactly
     * once), the configured state backend, an exponential-delay restart strategy; Flink's own keys
     * win when given ({@link StreamEnvironment}).
     */
    public static StreamExecutionEnvironment environment(StreamConfig cfg) {
        return StreamEnvironment.of(cfg);
    }

    /**
     * The whole job on {@code env}: sources, the pipeline, Kafka sinks and (with {@code
     * guiji.postgres.url}) the PostgreSQL feed. {@code tap} is applied to the departmental rows
     * before parsing (identity in production; tests inject a failure there).
     */
    public static GuijiPipeline.Outputs define(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            UnaryOperator<DataStream<RawRow>> tap) {
        return define(env, cfg, tap, null);
    }

    /**
     * {@link #define(StreamExecutionEnvironment, StreamConfig, UnaryOperator)} with the given
     * record parser (tests).
     */
    static GuijiPipeline.Outputs define(
            StreamExecutionEnvironment env,
            StreamConfig cfg,
            UnaryOperator<DataStream<RawRow>> tap,
            RecordParseFunction parser) {
        GuijiPipeline.Inputs in = StreamInputs.of(env, cfg);
        in = in.withRecords(tap.apply(in.records()));
        GuijiPipeline.Outputs out =
                GuijiPipeline.defineWorkflow(
                        in, EmitMode.CHANGES, cfg.settings(), cfg.period(), parser);
        KafkaOutputs.write(
                cfg,
                new KafkaOutputs.Streams(
                        out.unified(),
                        out.rejected(),
                        out.referenceRejected(),
                        out.coverage(),
                        out.linkChanges(),
                        out.enterprises(),
                        out.leads()));
        if (cfg.get(GuijiOptions.POSTGRES_URL) != null) {
            PostgresFeed.define(env, cfg);
        }
        return out;
    }
}
