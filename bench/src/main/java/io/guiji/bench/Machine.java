package io.guiji.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a figure was measured on, and this JVM's memory: the load average beside every figure (the
 * machine is shared), and the peak resident set size from {@code /proc/self/status} (VmHWM).
 */
public final class Machine {
    private Machine() {}

    /** "2 cores, 23.5 GiB, load 3.10 2.80 2.00, Java 17.0.15". */
    public static String describe() {
        return Runtime.getRuntime().availableProcessors()
                + " cores, "
                + String.format("%.1f GiB", memTotalKiB() / 1024.0 / 1024.0)
                + ", load "
                + load()
                + ", Java "
                + System.getProperty("java.version");
    }

    /** The 1, 5 and 15 minute load averages, as the kernel prints them. */
    public static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Peak resident set size of this JVM in MiB (VmHWM), or -1 where /proc is absent. */
    public static long peakRssMiB() {
        return statusKiB("VmHWM:") / 1024;
    }

    /** Current resident set size of this JVM in MiB (VmRSS). */
    public static long rssMiB() {
        return statusKiB("VmRSS:") / 1024;
    }

    private static long statusKiB(String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String l : lines) {
                if (l.startsWith(field)) {
                    return Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private static long memTotalKiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    return Long.parseLong(l.substring(9).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().maxMemory() / 1024;
    }

    /** CPU time this JVM has used, all threads, in ns (-1 if unknown). */
    public static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s
                ? s.getProcessCpuTime()
                : -1;
    }

    /** Used heap after a full collection, in bytes (best effort: System.gc() is a request). */
    /**
     * Milliseconds the JIT compilers have spent compiling in this JVM so far (their threads' time,
     * as the JVM counts it), or -1 when it does not say.
     */
    public static long jitCompileMillis() {
        java.lang.management.CompilationMXBean jit =
                java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit.getTotalCompilationTime()
                : -1;
    }

    public static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
