package io.guiji.generator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What {@link SampleGenerator#generate} wrote, with the outcome a correct pipeline must reach on it
 * (counted by {@link Tally}, the same numbers the tests' ground truth files hold).
 *
 * @param recordsWritten input records under {@code records/} (every row the pipeline must account
 *     for: accepted plus rejected)
 * @param expectedAccepted rows that must be accepted
 * @param expectedRejected rows that must be rejected
 * @param expectedUnified unified records (identities with at least one accepted copy)
 * @param rejectedByReason expected rejections per docs/contract.md §7 reason
 * @param registryEntries entries of the registry files
 * @param files the record files, in the order written
 * @param totalFiles files under the input directory: registry, catalogue and records
 * @param deptCoverage expected department coverage (docs/contract.md §8, all input)
 * @param itemCoverage expected item coverage
 * @param noise how often each kind of realism was written
 */
public record GenerationResult(
        long seed,
        LocalDate today,
        Path inputDir,
        long recordsWritten,
        long expectedAccepted,
        long expectedRejected,
        long expectedUnified,
        Map<String, Long> rejectedByReason,
        int registryEntries,
        List<InputFile> files,
        int totalFiles,
        double deptCoverage,
        double itemCoverage,
        Map<Noise, Long> noise) {

    /**
     * One record file.
     *
     * @param path relative to the input directory, {@code /}-separated
     * @param channel {@code dept_system}, {@code hlwjg_platform}, {@code credit_platform}, {@code
     *     resend} or {@code unknown_source}
     * @param format {@code csv} or {@code jsonl}
     * @param encoding {@code UTF-8} or {@code GBK}
     * @param layout {@code CANONICAL}, {@code CHINESE}, {@code CODES} or {@code LEGACY_2016}
     * @param rows records in the file, counted as docs/contract.md §3 does
     */
    public record InputFile(
            String path,
            String channel,
            String format,
            String encoding,
            boolean bom,
            boolean crlf,
            String layout,
            long rows) {}

    /** A few lines for a console. */
    public String summary() {
        return String.format(
                "sample input: %,d records in %,d files (%,d registry entries), seed %d, today %s%n"
                        + "expected: %,d accepted, %,d rejected %s, %,d unified; department coverage %.3f, item coverage %.3f",
                recordsWritten,
                files.size(),
                registryEntries,
                seed,
                today,
                expectedAccepted,
                expectedRejected,
                rejectedByReason,
                expectedUnified,
                deptCoverage,
                itemCoverage);
    }
}
