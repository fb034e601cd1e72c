package io.guiji.bench;

import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.file.FileRunJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;

/**
 * File mode end to end in one JVM, as {@code bin/guiji run} runs it ({@link FileRunJob}: embedded
 * mini-cluster, BATCH mode, FileSource, FileSinks, coverage): wall time, the job's own time (net
 * run time, without the mini-cluster's start-up), records/s on each, and this JVM's peak RSS. With
 * {@code --baseline-threads N} it first runs {@link ReadParseBaseline} on the same files in the
 * same JVM and prints the ratio.
 *
 * <pre>
 * {@code --input bench/data/r1m-e1m --output /tmp/out [--repeat 3] [--baseline-threads 2] [-Dguiji.parallelism=2 ...]}
 * </pre>
 */
public final class FileModeBench {
    private FileModeBench() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path input = Path.of(a.required("input"));
        Path output = Path.of(a.required("output"));
        int repeat = a.getInt("repeat", 1);
        int baselineThreads = a.getInt("baseline-threads", 0);

        double baseline = 0;
        if (baselineThreads > 0) {
            List<Double> b = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                String load = Machine.load();
                ReadParseBaseline.Pass p = ReadParseBaseline.run(input, baselineThreads);
                b.add(p.recordsPerSecond());
                System.out.printf(
                        "baseline read+parse: %,d record rows in %.2f s = %,.0f records/s (%d threads, load %s)%n",
                        p.recordRows(), p.seconds(), p.recordsPerSecond(), baselineThreads, load);
            }
            baseline = median(b);
        }

        List<Double> wallRates = new ArrayList<>();
        List<Double> jobRates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Configuration conf = new Configuration();
            conf.setString(GuijiOptions.PROCESSING_DATE.key(), GenerateData.TODAY.toString());
            a.flink.forEach(conf::setString);
            List<String> listeners =
                    new ArrayList<>(
                            conf.getOptional(DeploymentOptions.JOB_LISTENERS).orElse(List.of()));
            listeners.add(JobTimer.class.getName());
            conf.set(DeploymentOptions.JOB_LISTENERS, listeners);
            FileRunJob.setPaths(conf, input, output);
            JobTimer.reset();
            String load = Machine.load();
            long cpu0 = Machine.processCpuNanos();
            long t0 = System.nanoTime();
            FileRunJob.Result r = FileRunJob.run(input, output, conf);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (Machine.processCpuNanos() - cpu0) / 1e9;
            long deadline = System.currentTimeMillis() + 10_000;
            while (JobTimer.netRuntimeMillis() < 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            double startup =
                    JobTimer.submittedNanos() == 0
                            ? Double.NaN
                            : (JobTimer.submittedNanos() - t0) / 1e9;
            double job = JobTimer.netRuntimeMillis() / 1e3;
            long records = r.coverage().getTotals().getReceived();
            wallRates.add(records / wall);
            jobRates.add(records / job);
            cpuRates.add(records / cpu);
            System.out.printf(
                    "file mode run %d: %,d records (%,d unified, %,d rejected); wall %.1f s = %,.0f records/s;"
                            + " job %.1f s = %,.0f records/s; start-up to submission %.1f s; CPU %.0f s = %,.0f records per CPU-second; peak RSS %d MiB; load %s%n",
                    i + 1,
                    records,
                    r.coverage().getTotals().getUnified(),
                    r.coverage().getTotals().getRejected(),
                    wall,
                    records / wall,
                    job,
                    records / job,
                    startup,
                    cpu,
                    records / cpu,
                    Machine.peakRssMiB(),
                    load);
        }
        double wall = median(wallRates);
        double job = median(jobRates);
        System.out.printf(
                "RESULT file_mode median_wall_records_per_s=%.0f median_job_records_per_s=%.0f median_records_per_cpu_s=%.0f peak_rss_mib=%d"
                        + " max_heap_mib=%d%s machine=\"%s\"%n",
                wall,
                job,
                median(cpuRates),
                Machine.peakRssMiB(),
                Runtime.getRuntime().maxMemory() >> 20,
                baseline > 0
                        ? String.format(
                                " baseline_records_per_s=%.0f ratio_wall=%.2f ratio_job=%.2f",
                                baseline, wall / baseline, job / baseline)
                        : "",
                Machine.describe());
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }
}
