package io.guiji.jobs.file;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.EmptySource;
import io.guiji.connectors.file.InputFiles;
import io.guiji.connectors.file.JsonLinesPartWriter;
import io.guiji.connectors.file.RawRow;
import io.guiji.connectors.file.ReadLimits;
import io.guiji.connectors.json.JsonLinesEncoder;
import io.guiji.connectors.json.OutputJson;
import io.guiji.connectors.json.ReviewLog;
import io.guiji.jobs.EmitMode;
import io.guiji.jobs.GuijiPipeline;
import io.guiji.jobs.Uids;
import io.guiji.jobs.config.GuijiOptions;
import io.guiji.jobs.config.GuijiSettings;
import io.guiji.jobs.coverage.CoverageCalculator;
import io.guiji.jobs.coverage.CoveragePeriod;
import io.guiji.jobs.coverage.OverdueRecord;
import io.guiji.jobs.coverage.OverdueRecordsFunction;
import io.guiji.jobs.coverage.notice.NoticeFiles;
import io.guiji.jobs.coverage.notice.NoticeModel;
import io.guiji.jobs.coverage.page.CoveragePageHtml;
import io.guiji.jobs.coverage.page.CoveragePageModel;
import io.guiji.jobs.link.ManualDecisions;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.RejectedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The bounded run of docs/contract.md §9–10: reads {@code INPUT/}, runs {@link GuijiPipeline} in
 * Flink's BATCH execution mode (the same keyed operators as streaming, each publishing its final
 * state) and writes {@code OUTPUT/unified/*.jsonl}, {@code OUTPUT/rejected/*.jsonl} and {@code
 * OUTPUT/coverage.json} with its page {@code OUTPUT/coverage.html}, plus {@code
 * OUTPUT/reference_rejected/*.jsonl} for unusable registry and catalogue rows, {@code
 * OUTPUT/enterprises/*.jsonl} (profiles with their health index), {@code OUTPUT/leads/*.jsonl}
 * (unlicensed-operation leads), {@code OUTPUT/timeliness/*.jsonl} (the overdue list) and the
 * period's notice in {@code OUTPUT/notices/}. Earlier results in OUTPUT are replaced; notices of
 * other periods are kept, and the previous period's is what the new notice compares with.
 */
public final class FileRunJob {
    public static final String PERIOD = CoveragePeriod.ALL_INPUT;

    /**
     * Where the job writes its part files; moved into the output folders once it has finished
     * ({@link OutputFiles#publish}), deleted when it fails.
     */
    static final String STAGING = ".guiji-staging";

    private static final String[] OWN_OUTPUTS = {
        "unified",
        "rejected",
        "reference_rejected",
        "enterprises",
        "leads",
        "timeliness",
        "coverage.json",
        "coverage.html",
        STAGING
    };

    /**
     * The output folders of part files, named part-0000.jsonl, … when the job has finished ({@link
     * OutputFiles}).
     */
    private static final String[] PART_FOLDERS = {
        "unified", "rejected", "reference_rejected", "enterprises", "leads", "timeliness"
    };

    private FileRunJob() {}

    /**
     * What a run produced, for the summary; {@code input} says whether it had a registry and a
     * catalogue.
     */
    public record Result(
            CoverageSnapshot coverage,
            Duration elapsed,
            Path output,
            InputCheck.Report input,
            List<Path> notices) {
        public Result(
                CoverageSnapshot coverage, Duration elapsed, Path output, InputCheck.Report input) {
            this(coverage, elapsed, output, input, List.of());
        }
    }

    /** Where a bounded run finds the reviewers' decisions: part of its input (README, Review). */
    public static Path reviewLog(Path input) {
        return input.resolve("review").resolve("decisions.jsonl");
    }

    /**
     * The decisions in {@link #reviewLog}, none when there is no log; a line that is not a decision
     * is the user's to fix, named by file and line.
     */
    static ManualDecisions reviewDecisions(Path input) {
        try {
            return ManualDecisions.of(ReviewLog.read(reviewLog(input)));
        } catch (ReviewLog.BadLine e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " (the review log: fix or remove that line)", e);
        }
    }

    public static Result run(Path input, Path output, Configuration conf) throws Exception {
        return run(input, output, conf, warning -> {});
    }

    /**
     * Checks the input, the configuration and the output folder first ({@link InputCheck}): what a
     * user must fix is an {@link IllegalArgumentException} whose message names the path or key,
     * thrown before anything is written. Warnings (no registry, no catalogue) go to {@code
     * warnings} before the job starts, and are in the result.
     */
    public static Result run(Path input, Path output, Configuration conf, Consumer<String> warnings)
            throws Exception {
        return run(input, output, conf, warnings, null);
    }

    /**
     * {@link #run(Path, Path, Configuration, Consumer)} with the given record parser (tests bring
     * one that fails on chosen rows).
     */
    static Result run(
            Path input,
            Path output,
            Configuration conf,
            Consumer<String> warnings,
            io.guiji.jobs.validate.RecordParseFunction parser)
            throws Exception {
        InputCheck.Report report = InputCheck.check(input);
        if (!report.registry()) {
            // Without a registry every record would look unregistered: no 无照 leads.
            conf = new Configuration(conf);
            conf.set(GuijiOptions.ENTERPRISE_UNREGISTERED_LEADS, false);
        }
        GuijiSettings settings = GuijiSettings.from(conf);
        ManualDecisions manual = reviewDecisions(input);
        prepareOutput(output);
        report.warnings().forEach(warnings);
        long start = System.nanoTime();

        // The embedded cluster starts now, beside the job being defined (EarlyStartedCluster).
        try (BoundedEnvironment.Prepared prepared =
                BoundedEnvironment.prepare(conf, settings.parallelism(), report.bytes())) {
            return FetcherRace.retried(
                    () ->
                            run(
                                    prepared.env(),
                                    input,
                                    output,
                                    settings,
                                    manual,
                                    report,
                                    parser,
                                    start),
                    warnings);
        }
    }

    private static Result run(
            StreamExecutionEnvironment env,
            Path input,
            Path output,
            GuijiSettings settings,
            ManualDecisions manual,
            InputCheck.Report report,
            io.guiji.jobs.validate.RecordParseFunction parser,
            long start)
            throws Exception {
        String root = input.toAbsolutePath().toString();
        GuijiPipeline.Inputs inputs =
                GuijiPipeline.Inputs.fromRows(
                                rows(
                                        env,
                                        root,
                                        "records",
                                        Uids.RECORD_SOURCE,
                                        settings.readLimits()),
                                rows(
                                        env,
                                        root,
                                        "registry",
                                        Uids.REGISTRY_SOURCE,
                                        settings.readLimits()),
                                rows(
                                        env,
                                        root,
                                        "catalog",
                                        Uids.CATALOG_SOURCE,
                                        settings.readLimits()))
                        .withManualDecisions(manual);
        CoveragePeriod period = settings.coveragePeriod(CoveragePeriod.all());
        GuijiPipeline.Outputs out =
                GuijiPipeline.defineWorkflow(
                        inputs, EmitMode.FINAL, settings, period.name(), parser);

        Path staging = output.resolve(STAGING);
        write(out.unified(), staging, "unified", OutputJson::write, Uids.SINK_UNIFIED);
        write(
                out.rejected(),
                staging,
                "rejected",
                (JsonLinesEncoder.Writer<RejectedRecord>) OutputJson::write,
                Uids.SINK_REJECTED);
        write(
                out.referenceRejected(),
                staging,
                "reference_rejected",
                (JsonLinesEncoder.Writer<RejectedRecord>) OutputJson::write,
                Uids.SINK_REFERENCE_REJECTED);
        write(
                out.unified()
                        .flatMap(new OverdueRecordsFunction(period, settings.timeliness()))
                        .returns(OverdueRecord.class)
                        .uid(Uids.OVERDUE)
                        .name("overdue list"),
                staging,
                "timeliness",
                OverdueRecordsFunction::write,
                Uids.SINK_TIMELINESS);
        write(
                out.enterprises(),
                staging,
                "enterprises",
                (JsonLinesEncoder.Writer<EnterpriseProfile>) OutputJson::write,
                Uids.SINK_ENTERPRISES);
        write(
                out.leads(),
                staging,
                "leads",
                (JsonLinesEncoder.Writer<Lead>) OutputJson::write,
                Uids.SINK_LEADS);

        List<CoverageSnapshot> snapshots = new ArrayList<>();
        try (CloseableIterator<CoverageSnapshot> it =
                out.coverage().executeAndCollect("guiji run")) {
            it.forEachRemaining(snapshots::add);
        } catch (Exception e) {
            deleteQuietly(staging);
            throw e;
        }
        CoverageSnapshot coverage =
                snapshots.isEmpty()
                        ? CoverageCalculator.compute(
                                List.of(),
                                java.util.Map.of(),
                                settings.coverageTarget(),
                                period,
                                settings.timeliness(),
                                LocalDateTime.now(ZoneId.of(settings.zone()))
                                        .format(
                                                DateTimeFormatter.ofPattern(
                                                        "yyyy-MM-dd'T'HH:mm:ss")))
                        : snapshots.get(snapshots.size() - 1);
        writeCoverage(output.resolve("coverage.json"), coverage);
        writeCoveragePage(output.resolve("coverage.json"), output.resolve("coverage.html"));
        for (String folder : PART_FOLDERS) {
            OutputFiles.publish(staging.resolve(folder), output.resolve(folder));
        }
        deleteRecursively(staging);
        List<Path> notices = writeNotice(output.resolve("notices"), coverage, period);
        return new Result(
                coverage, Duration.ofNanos(System.nanoTime() - start), output, report, notices);
    }

    /**
     * The period's notice, compared with the previous period's when its notice is in the folder
     * (docs/contract.md §9); returns the Markdown and HTML files.
     */
    private static List<Path> writeNotice(
            Path dir, CoverageSnapshot coverage, CoveragePeriod period) throws IOException {
        CoveragePeriod previous = period.previous();
        NoticeModel before = previous == null ? null : NoticeFiles.read(dir, previous.name());
        return NoticeFiles.write(dir, NoticeModel.of(coverage, period.chinese(), before));
    }

    /**
     * Rows of one input folder; an absent folder is an empty input ({@code fromData} of an empty
     * collection cannot be used: its generator source fails with "Reached the end of the
     * collection").
     */
    private static DataStream<RawRow> rows(
            StreamExecutionEnvironment env,
            String root,
            String subdir,
            String uid,
            ReadLimits limits) {
        if (!Files.isDirectory(Path.of(root, subdir))) {
            return EmptySource.bounded(env, RawRow.class, subdir + "/ (absent)");
        }
        return env.fromSource(
                        InputFiles.source(root, subdir, limits),
                        WatermarkStrategy.noWatermarks(),
                        subdir + "/")
                .uid(uid);
    }

    /**
     * Writes {@code stream} as JSON lines into {@code staging/folder}: one writer chained to each
     * stream a union was made of ({@link Unions}), so that no output needs a vertex of its own.
     */
    private static <T> void write(
            DataStream<T> stream,
            Path staging,
            String folder,
            JsonLinesEncoder.Writer<T> writer,
            String uid) {
        List<DataStream<T>> parts = Unions.parts(stream);
        for (int i = 0; i < parts.size(); i++) {
            String suffix = parts.size() == 1 ? "" : "-" + i;
            JsonLinesPartWriter.write(
                    parts.get(i),
                    staging.resolve(folder),
                    "p" + i,
                    writer,
                    uid + suffix,
                    folder + "/*.jsonl" + (parts.size() == 1 ? "" : " (" + (i + 1) + ")"));
        }
    }

    private static void prepareOutput(Path output) throws IOException {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException(
                    "output " + output + " exists and is not a directory: choose another --output");
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw unwritable(output, e);
        }
        if (!Files.isWritable(output)) {
            throw new IllegalArgumentException(
                    "cannot write the output folder "
                            + output
                            + ": permission denied; fix its permissions or choose a writable --output");
        }
        for (String own : OWN_OUTPUTS) {
            try {
                deleteRecursively(output.resolve(own));
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException(
                        "cannot replace the earlier result "
                                + output.resolve(own)
                                + ": "
                                + InputCheck.reason(
                                        e instanceof UncheckedIOException u
                                                ? u.getCause()
                                                : (IOException) e)
                                + "; fix its permissions or choose another --output");
            }
        }
        probeWrite(output);
    }

    /**
     * Creates and removes {@code unified/} as its sink will, so that a folder that only looks
     * writable (root's view of {@code /proc}, a read-only mount) fails now with its name instead of
     * inside the job.
     */
    private static void probeWrite(Path output) {
        Path probe = output.resolve(PART_FOLDERS[0]);
        try {
            Files.createDirectory(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw unwritable(output, e);
        }
    }

    /** The output folder cannot be written: {@code e} says why. */
    private static IllegalArgumentException unwritable(Path output, IOException e) {
        return new IllegalArgumentException(
                "cannot write the output folder "
                        + output
                        + ": "
                        + InputCheck.reason(e)
                        + "; choose a writable --output");
    }

    /** Best effort, for a run that failed: its own failure is what the user must see. */
    private static void deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException | UncheckedIOException e) {
            // left for the next run, which deletes it first
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            x -> {
                                try {
                                    Files.delete(x);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }

    private static void writeCoverage(Path file, CoverageSnapshot coverage) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                JsonGenerator g = OutputJson.generator(os)) {
            g.useDefaultPrettyPrinter();
            OutputJson.write(g, coverage);
            g.flush();
            os.write('\n');
        }
    }

    /**
     * The coverage page for leaders, computed from {@code coverage.json} as written (the live page
     * of {@code guiji dashboard} reads the same JSON from PostgreSQL).
     */
    private static void writeCoveragePage(Path coverageJson, Path html) throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(coverageJson.toFile());
        CoveragePageHtml.write(CoveragePageModel.of(snapshot), html);
    }

    /** The option keys a bounded run reads, for the CLI to set. */
    public static void setPaths(Configuration conf, Path input, Path output) {
        conf.set(GuijiOptions.INPUT, input.toString());
        conf.set(GuijiOptions.OUTPUT, output.toString());
    }
}
