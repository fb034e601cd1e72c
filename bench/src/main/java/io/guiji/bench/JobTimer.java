package io.guiji.bench;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;

/**
 * Separates a job's own time from the mini-cluster's start-up: registered through {@code
 * execution.job-listeners} (the environment instantiates it), it notes when the job was submitted
 * and the job's net run time from the cluster ({@link JobExecutionResult#getNetRuntime()}).
 */
public final class JobTimer implements JobListener {
    private static volatile long submittedNanos;
    private static volatile long netRuntimeMillis = -1;

    public JobTimer() {}

    static void reset() {
        submittedNanos = 0;
        netRuntimeMillis = -1;
    }

    /** System.nanoTime() when the job was submitted (the cluster is up), 0 if not yet. */
    static long submittedNanos() {
        return submittedNanos;
    }

    /** The job's net run time in ms as the cluster measured it, -1 until known. */
    static long netRuntimeMillis() {
        return netRuntimeMillis;
    }

    @Override
    public void onJobSubmitted(JobClient client, Throwable error) {
        submittedNanos = System.nanoTime();
        if (client != null) {
            client.getJobExecutionResult().thenAccept(r -> netRuntimeMillis = r.getNetRuntime());
        }
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable error) {
        if (result != null) {
            netRuntimeMillis = result.getNetRuntime();
        }
    }
}
