package io.guiji.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * The {@link HotPaths} benchmarks timed by this thread's CPU time instead of the wall clock: on a
 * machine shared with other builds (load average above the core count) JMH's wall-clock scores
 * mostly measure the wait for a core, while CPU time per operation stays comparable between runs.
 * Each benchmark is warmed up for {@code warmup} CPU-seconds, then measured in {@code rounds}
 * rounds of about one CPU-second; the median round is printed.
 *
 * <pre>{@code [regex of benchmark names] [warmup seconds, default 3] [rounds, default 5]}</pre>
 */
public final class CpuTime {
    private CpuTime() {}

    public static void main(String[] args) throws Exception {
        Pattern only = Pattern.compile(args.length > 0 ? args[0] : ".*");
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        HotPaths b = new HotPaths();
        b.setUp();
        try {
            List<Method> methods = new ArrayList<>();
            for (Method m : HotPaths.class.getMethods()) {
                if (m.isAnnotationPresent(Benchmark.class) && only.matcher(m.getName()).find()) {
                    methods.add(m);
                }
            }
            methods.sort((x, y) -> x.getName().compareTo(y.getName()));
            Object sink = null;
            for (Method m : methods) {
                int ops =
                        m.isAnnotationPresent(OperationsPerInvocation.class)
                                ? m.getAnnotation(OperationsPerInvocation.class).value()
                                : 1;
                long end = threads.getCurrentThreadCpuTime() + (long) (warmup * 1e9);
                while (threads.getCurrentThreadCpuTime() < end) {
                    for (int k = 0; k < 100; k++) {
                        sink = m.invoke(b);
                    }
                }
                List<Double> perOp = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    long n = 0;
                    long t0 = threads.getCurrentThreadCpuTime();
                    long stop = t0 + 1_000_000_000L;
                    long t;
                    do {
                        for (int k = 0; k < 100; k++) {
                            sink = m.invoke(b);
                        }
                        n += 100;
                    } while ((t = threads.getCurrentThreadCpuTime()) < stop);
                    perOp.add((t - t0) / 1e3 / (n * ops));
                }
                perOp.sort(Double::compare);
                System.out.printf(
                        "CPU %-22s %10.3f us/op (median of %d rounds; min %.3f, max %.3f)%n",
                        m.getName(),
                        perOp.get(rounds / 2),
                        rounds,
                        perOp.get(0),
                        perOp.get(rounds - 1));
            }
            if (sink == null) {
                System.out.println();
            }
        } finally {
            b.tearDown();
        }
    }
}
