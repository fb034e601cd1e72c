package io.guiji.jobs.launch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded cluster of a command's job, started on a thread of its own while the command is
 * still defining the job, instead of inside {@code execute} after it.
 *
 * <p>Why: the cluster's start (RPC system, blob server, task manager: 0.8 s of a 2.7 s run on a
 * tiny input) and defining the job (the operators' classes, Avro schemas, the job graph) each keep
 * one thread busy, and a machine has two cores or more (BENCHMARKS.md, "The JIT's inlining, and
 * start-up overlapped"). The job still runs exactly as Flink's local executor runs it — {@link
 * #environment} hands the executor this cluster instead of letting it make one, and the executor
 * shuts it down when the job ends — so nothing but the order of the two changes.
 *
 * <p>{@link #close} shuts the cluster down when no job took it over (the command failed before
 * submitting one); after a job it does nothing.
 */
public final class EarlyStartedCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStartedCluster.class);

    private final Configuration conf;
    private final Cluster cluster;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private EarlyStartedCluster(Configuration conf) {
        this.conf = conf;
        this.cluster = new Cluster(clusterConfiguration(conf));
    }

    /**
     * Starts the embedded cluster of {@code conf} — the configuration the job's environment will
     * have, its execution mode and parallelism included — now, in the background.
     */
    public static EarlyStartedCluster start(Configuration conf) {
        EarlyStartedCluster early = new EarlyStartedCluster(new Configuration(conf));
        Thread starter = new Thread(early::startNow, "guiji cluster start");
        starter.setDaemon(true);
        starter.start();
        return early;
    }

    /** An environment that runs its jobs on this cluster, as the local executor runs them. */
    public StreamExecutionEnvironment environment() {
        Configuration c = new Configuration(conf);
        c.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        c.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(
                new OneExecutor(LocalExecutor.createWithFactory(c, this::cluster)),
                c,
                EarlyStartedCluster.class.getClassLoader());
    }

    /**
     * The configuration Flink's local executor gives the cluster it makes for a job (its {@code
     * PerJobMiniClusterFactory}): the REST endpoint on any free port, the task managers and slots
     * configured. A bounded run always configures its slots ({@code BoundedEnvironment}); without
     * them the executor would size the cluster by the job's parallelism, and {@link #cluster} then
     * gives it a cluster of its own.
     */
    static MiniClusterConfiguration clusterConfiguration(Configuration conf) {
        Configuration c = new Configuration(conf);
        if (!c.contains(RestOptions.BIND_PORT)) {
            c.set(RestOptions.BIND_PORT, "0");
        }
        return new MiniClusterConfiguration.Builder()
                .setConfiguration(c)
                .setNumTaskManagers(c.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS))
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .setNumSlotsPerTaskManager(
                        c.getOptional(TaskManagerOptions.NUM_TASK_SLOTS).orElse(1))
                .build();
    }

    /**
     * The cluster the executor asks for: this one for the first job, unless that job needs another
     * shape; for a later job, one of its own, as the local executor makes for every job.
     */
    private synchronized MiniCluster cluster(MiniClusterConfiguration wanted) {
        if (!cluster.takenOver
                && wanted.getNumTaskManagers() == cluster.configuration.getNumTaskManagers()
                && wanted.getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS).intValue()
                        == cluster.configuration
                                .getConfiguration()
                                .get(TaskManagerOptions.NUM_TASK_SLOTS)
                                .intValue()) {
            cluster.takenOver = true;
            return cluster;
        }
        LOG.info("this job runs on a cluster of its own, not the one started early");
        return new MiniCluster(wanted);
    }

    private void startNow() {
        try {
            cluster.startNow();
            started.complete(null);
        } catch (Throwable e) {
            started.completeExceptionally(e);
        }
    }

    /** Whether a job's executor took this cluster (and so shuts it down). */
    boolean tookOver() {
        return cluster.takenOver;
    }

    /** Whether the cluster is running: started and not yet shut down. */
    boolean running() {
        return cluster.isRunning();
    }

    @Override
    public void close() throws Exception {
        if (cluster.takenOver) {
            return; // the executor shuts it down when its job ends
        }
        try {
            started.get(); // a close racing the start would find nothing running yet
        } catch (ExecutionException e) {
            return; // it never ran
        }
        cluster.closeAsync().get();
    }

    /** A mini-cluster whose {@code start}, called by the executor, waits for the early start. */
    private final class Cluster extends MiniCluster {
        final MiniClusterConfiguration configuration;
        volatile boolean takenOver;

        Cluster(MiniClusterConfiguration configuration) {
            super(configuration);
            this.configuration = configuration;
        }

        void startNow() throws Exception {
            super.start();
        }

        @Override
        public void start() throws Exception {
            try {
                started.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
    }

    /** The executor loader of {@link #environment}: always the one executor. */
    private static final class OneExecutor
            implements PipelineExecutorServiceLoader, PipelineExecutorFactory {
        private final PipelineExecutor executor;

        OneExecutor(PipelineExecutor executor) {
            this.executor = executor;
        }

        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
            return this;
        }

        @Override
        public java.util.stream.Stream<String> getExecutorNames() {
            return java.util.stream.Stream.of(LocalExecutor.NAME);
        }

        @Override
        public String getName() {
            return LocalExecutor.NAME;
        }

        @Override
        public boolean isCompatibleWith(Configuration configuration) {
            return true;
        }

        @Override
        public PipelineExecutor getExecutor(Configuration configuration) {
            return executor;
        }
    }
}
