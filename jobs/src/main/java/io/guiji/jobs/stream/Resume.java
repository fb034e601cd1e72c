package io.guiji.jobs.stream;

import io.guiji.jobs.config.GuijiOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * Where {@code bin/guiji stream} starts from. The embedded job keeps its checkpoints in a folder
 * that outlives the process ({@link GuijiOptions#CHECKPOINT_DIR}, by default {@code
 * ~/.guiji/<transactional-id-prefix>/checkpoints}), and a new start restores the latest completed
 * one by itself: after a crash, a {@code kill -9} or a Ctrl-C the job continues exactly where its
 * last checkpoint was — operator state (dedup, versions, the registry index), input offsets, and
 * the Kafka transactions that checkpoint had prepared — so nothing is published twice or lost.
 *
 * <p>A checkpoint is complete when its {@code chk-N} folder holds a {@code _metadata} file (Flink
 * writes it last); the newest such file across the job-id folders wins, since every start is a new
 * job with a new id. It is restored in {@code CLAIM} mode: the new job owns it and deletes it once
 * newer checkpoints replace it, so the folder does not grow with every restart. A savepoint named
 * with {@code --from-savepoint} is restored without claiming it (it stays yours), and {@code
 * -Dexecution.state-recovery.path=…} is honoured as given. {@code --fresh} restores nothing.
 *
 * <p>{@code flink run} on a cluster never comes here: there Flink's own savepoint and HA flow
 * applies.
 */
public final class Resume {
    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private Resume() {}

    /**
     * What {@link #prepare} decided: the state restored (null for none) and the one line that says
     * so.
     */
    public record Plan(String restorePath, String message) {}

    /** A completed checkpoint found in the checkpoint folder. */
    public record Checkpoint(String path, long id, Instant completed) {}

    /**
     * Sets the checkpoint folder (the default one unless configured) and the state to restore on
     * {@code conf}, and says which. Throws {@link IllegalArgumentException} for a contradiction
     * ({@code --fresh} with a savepoint) or a checkpoint folder that cannot be read.
     */
    public static Plan prepare(Configuration conf, boolean fresh, String savepoint) {
        String given = blankToNull(conf.get(StateRecoveryOptions.SAVEPOINT_PATH));
        if (fresh && (savepoint != null || given != null)) {
            throw new IllegalArgumentException(
                    "--fresh restores nothing: it cannot be combined with "
                            + (savepoint != null
                                    ? "--from-savepoint"
                                    : StateRecoveryOptions.SAVEPOINT_PATH.key()));
        }
        if (savepoint != null && given != null) {
            throw new IllegalArgumentException(
                    "give either --from-savepoint or "
                            + StateRecoveryOptions.SAVEPOINT_PATH.key()
                            + ", not both");
        }
        String dir = checkpointDir(conf);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            return new Plan(
                    savepoint, "resuming from savepoint " + savepoint + "; checkpoints in " + dir);
        }
        if (given != null) {
            return new Plan(
                    given,
                    "resuming from "
                            + given
                            + " ("
                            + StateRecoveryOptions.SAVEPOINT_PATH.key()
                            + "); checkpoints in "
                            + dir);
        }
        if (fresh) {
            return new Plan(
                    null,
                    "starting fresh (--fresh): no state restored; "
                            + offsets(conf)
                            + "; checkpoints in "
                            + dir);
        }
        Optional<Checkpoint> latest;
        try {
            latest = latestCompleted(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read the checkpoint folder "
                            + dir
                            + " ("
                            + GuijiOptions.CHECKPOINT_DIR.key()
                            + "): "
                            + e.getMessage()
                            + "; to start without its state use --fresh",
                    e);
        }
        if (latest.isEmpty()) {
            return new Plan(
                    null, "no checkpoint in " + dir + ": starting without state; " + offsets(conf));
        }
        Checkpoint c = latest.get();
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, c.path());
        // By the option's key: its value type is RestoreMode on Flink 1.20 and RecoveryClaimMode on
        // 2.x, with the same key and the same value names.
        conf.setString(StateRecoveryOptions.RESTORE_MODE.key(), "CLAIM");
        return new Plan(
                c.path(),
                "resuming from checkpoint "
                        + c.path()
                        + " (chk-"
                        + c.id()
                        + ", completed "
                        + c.completed()
                        + ")");
    }

    /**
     * The checkpoint folder of the embedded job: Flink's {@code execution.checkpointing.dir} if
     * given, else {@link GuijiOptions#CHECKPOINT_DIR}, else the default under the home folder,
     * which is then set as {@link GuijiOptions#CHECKPOINT_DIR}. A plain path becomes an absolute
     * {@code file:} URI.
     */
    static String checkpointDir(Configuration conf) {
        if (conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            return conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        }
        String dir = blankToNull(conf.get(GuijiOptions.CHECKPOINT_DIR));
        if (dir == null) {
            dir =
                    Path.of(
                                    System.getProperty("user.home"),
                                    ".guiji",
                                    conf.get(GuijiOptions.KAFKA_TRANSACTIONAL_ID_PREFIX).trim(),
                                    "checkpoints")
                            .toString();
        }
        if (URI.create(dir.replace('\\', '/').replace(" ", "%20")).getScheme() == null) {
            dir = Path.of(dir).toAbsolutePath().normalize().toUri().toString();
        }
        conf.set(GuijiOptions.CHECKPOINT_DIR, dir);
        return dir;
    }

    /**
     * The newest {@code <dir>/<job-id>/chk-N} with a non-empty {@code _metadata}, by that file's
     * time.
     */
    public static Optional<Checkpoint> latestCompleted(String dir) throws IOException {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(dir);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return Optional.empty();
        }
        Checkpoint best = null;
        Comparator<Checkpoint> order =
                Comparator.comparing(Checkpoint::completed).thenComparingLong(Checkpoint::id);
        for (FileStatus job : listed(fs, root)) {
            if (!job.isDir()) {
                continue;
            }
            for (FileStatus chk : listed(fs, job.getPath())) {
                Matcher m = CHECKPOINT.matcher(chk.getPath().getName());
                if (!chk.isDir() || !m.matches()) {
                    continue;
                }
                org.apache.flink.core.fs.Path metadata =
                        new org.apache.flink.core.fs.Path(chk.getPath(), "_metadata");
                if (!fs.exists(metadata)) {
                    continue; // not completed (or being written when the process died)
                }
                FileStatus meta = fs.getFileStatus(metadata);
                if (meta.getLen() == 0) {
                    continue;
                }
                Checkpoint c =
                        new Checkpoint(
                                chk.getPath().toString(),
                                Long.parseLong(m.group(1)),
                                Instant.ofEpochMilli(meta.getModificationTime()));
                if (best == null || order.compare(c, best) > 0) {
                    best = c;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static FileStatus[] listed(FileSystem fs, org.apache.flink.core.fs.Path dir)
            throws IOException {
        FileStatus[] list = fs.listStatus(dir);
        return list == null ? new FileStatus[0] : list;
    }

    private static String offsets(Configuration conf) {
        return "departmental topics from "
                + conf.get(GuijiOptions.KAFKA_STARTING_OFFSETS).trim()
                + " offsets ("
                + GuijiOptions.KAFKA_STARTING_OFFSETS.key()
                + "), registry and catalogue from the beginning";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
