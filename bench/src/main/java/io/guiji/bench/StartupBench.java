package io.guiji.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Start-up, whole processes (a fresh JVM each): {@code bin/guiji run} on a tiny input (two records,
 * a one-entry registry, a one-row catalogue) against an empty Flink job ({@link EmptyFlinkJob}) on
 * the same embedded cluster with the same JVM flags ({@code bin/jvm}), in turn, after one warm-up
 * each, and the same again without the class-data-sharing archive ({@code GUIJI_CDS=0}). The
 * archive cache is new for each benchmark run, so the warm-up is the first run after a build, which
 * writes it. {@code java.io.tmpdir} of every process is a folder of its own, counted afterwards:
 * nothing may be left there. Prints the medians of wall and CPU time (user + system, the steadier
 * figure on a shared machine) and the median of the pairwise ratios.
 *
 * <pre>
 * StartupBench --guiji bin/guiji --jvm bin/jvm --classpath CP --work DIR [--repeat 5] [--cds on,off]
 * </pre>
 */
public final class StartupBench {
    private final Path work;
    private final Path log;

    private StartupBench(Path work) {
        this.work = work;
        this.log = work.resolve("processes.log");
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        Path work = Path.of(a.required("work")).toAbsolutePath();
        int repeat = a.getInt("repeat", 5);
        deleteTree(work);
        Files.createDirectories(work);
        StartupBench bench = new StartupBench(work);
        Path input = bench.tinyInput();
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        String javaOpts =
                System.getenv().getOrDefault("GUIJI_JAVA_OPTS", "-Xmx3g")
                        + " -Djava.io.tmpdir="
                        + tmp;
        List<String> empty =
                List.of(a.required("jvm"), a.required("classpath"), EmptyFlinkJob.class.getName());
        List<String> guiji =
                List.of(
                        a.required("guiji"),
                        "run",
                        "--input",
                        input.toString(),
                        "--output",
                        work.resolve("out").toString(),
                        "-Dguiji.processing-date=2026-11-25");
        System.out.println(
                "startup: "
                        + Machine.describe()
                        + "; "
                        + repeat
                        + " runs of each after one warm-up");

        for (String mode : a.get("cds", "on,off").split(",")) {
            boolean cds = mode.trim().equals("on");
            Map<String, String> env =
                    Map.of(
                            "GUIJI_JAVA_OPTS",
                            javaOpts,
                            "GUIJI_CACHE_DIR",
                            work.resolve("cache").toString(),
                            "GUIJI_CDS",
                            cds ? "1" : "0",
                            "GUIJI_CDS_CREATE",
                            "1");
            Timing firstEmpty = bench.time(empty, env);
            Timing firstGuiji = bench.time(guiji, env);
            List<Timing> e = new ArrayList<>();
            List<Timing> g = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                e.add(bench.time(empty, env));
                g.add(bench.time(guiji, env));
            }
            double[] ratios = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                ratios[i] = (double) g.get(i).wallMs / e.get(i).wallMs;
            }
            String suffix = cds ? "" : "_nocds";
            System.out.printf(
                    "RESULT startup_empty_job_ms%s %d cpu_ms=%d first_run_ms=%d runs=%d load=\"%s\"%n",
                    suffix,
                    median(e, true),
                    median(e, false),
                    firstEmpty.wallMs,
                    repeat,
                    Machine.load());
            System.out.printf(
                    "RESULT startup_guiji_run_ms%s %d cpu_ms=%d first_run_ms=%d runs=%d load=\"%s\"%n",
                    suffix,
                    median(g, true),
                    median(g, false),
                    firstGuiji.wallMs,
                    repeat,
                    Machine.load());
            System.out.printf(
                    "RESULT startup_ratio%s %.2f cpu_ratio=%.2f (median of %d pairs; target <= 1.5)%n",
                    suffix, median(ratios), (double) median(g, false) / median(e, false), repeat);
        }
        List<Path> left = listTree(tmp);
        System.out.printf(
                "RESULT startup_tmp_entries_left %d%s%n",
                left.size(),
                left.isEmpty()
                        ? ""
                        : " e.g. "
                                + left.stream()
                                        .filter(p -> p.getParent().equals(tmp))
                                        .limit(4)
                                        .map(p -> p.getFileName().toString())
                                        .toList());
    }

    private record Timing(long wallMs, long cpuMs) {}

    /** One whole process: wall time from here, user + system time from {@code /usr/bin/time}. */
    private Timing time(List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        Path times = work.resolve("time.txt");
        List<String> cmd =
                new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
        cmd.addAll(command);
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Files.writeString(
                log,
                "$ " + env + " " + String.join(" ", command) + "\n",
                UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        long start = System.nanoTime();
        int exit = pb.start().waitFor();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException("exit " + exit + " of " + command + "; see " + log);
        }
        double cpuS =
                Arrays.stream(Files.readString(times).trim().split("\\s+"))
                        .mapToDouble(Double::parseDouble)
                        .sum();
        return new Timing(wallMs, Math.round(cpuS * 1000));
    }

    private Path tinyInput() throws IOException {
        Path in = work.resolve("in");
        write(
                in.resolve("records/SCJG01/penalty/a.csv"),
                """
                行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚决定日期
                朝阳市某某商贸有限公司,91110000600037341L,朝市监罚〔2023〕12号,2023-05-06
                朝阳某某商行,,朝市监罚〔2023〕13号,2023-06-01
                """);
        write(
                in.resolve("registry/enterprises.csv"),
                """
                统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态
                91110000600037341L,朝阳市某某商贸有限公司,,朝阳某某商行,211302,存续
                """);
        write(
                in.resolve("catalog/catalogue.csv"),
                """
                部门编码,部门名称,行政区划代码,信息类别,更新周期
                SCJG01,朝阳市市场监督管理局,211302,行政处罚,每月
                """);
        return in;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, UTF_8);
    }

    private static long median(List<Timing> timings, boolean wall) {
        long[] v = timings.stream().mapToLong(t -> wall ? t.wallMs : t.cpuMs).sorted().toArray();
        return v[v.length / 2];
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static List<Path> listTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
