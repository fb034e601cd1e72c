package io.guiji.jobs.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.jobs.config.GuijiOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which state {@code bin/guiji stream} restores: the newest completed checkpoint across job
 * folders.
 */
class ResumeTest {
    @TempDir Path dir;

    @Test
    void theNewestCompletedCheckpointAcrossJobFoldersIsRestoredAndClaimed() throws Exception {
        checkpoint("aaaa", 41, Instant.parse("2026-12-01T10:00:00Z"));
        checkpoint("bbbb", 3, Instant.parse("2026-12-01T11:00:00Z")); // a later run, lower number
        Files.createDirectories(
                dir.resolve("bbbb/chk-4")); // in progress when the process died: no _metadata
        Files.createDirectories(dir.resolve("bbbb/shared"));
        Files.createFile(dir.resolve("cccc-chk-9")); // not a job folder

        Configuration conf = conf();
        Resume.Plan plan = Resume.prepare(conf, false, null);

        assertThat(plan.restorePath()).endsWith("bbbb/chk-3");
        assertThat(plan.message()).startsWith("resuming from checkpoint ").contains("chk-3");
        assertThat(conf.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo(plan.restorePath());
        assertThat(((Enum<?>) conf.get(StateRecoveryOptions.RESTORE_MODE)).name())
                .isEqualTo("CLAIM");
    }

    @Test
    void anEmptyOrMissingFolderStartsWithoutStateAndSaysSo() {
        Configuration conf = conf();
        conf.set(GuijiOptions.CHECKPOINT_DIR, dir.resolve("none").toString());
        Resume.Plan plan = Resume.prepare(conf, false, null);
        assertThat(plan.restorePath()).isNull();
        assertThat(plan.message())
                .startsWith("no checkpoint in file:")
                .contains("registry and catalogue from the beginning");
        assertThat(conf.contains(StateRecoveryOptions.SAVEPOINT_PATH)).isFalse();
        // a plain path became an absolute file URI, which the job's checkpoint storage then uses
        assertThat(conf.get(GuijiOptions.CHECKPOINT_DIR))
                .startsWith("file:/")
                .contains(dir.toString() + "/none");
    }

    @Test
    void freshIgnoresCheckpointsAndASavepointIsRestoredWithoutClaimingIt() throws Exception {
        checkpoint("aaaa", 7, Instant.now());
        Configuration fresh = conf();
        Resume.Plan plan = Resume.prepare(fresh, true, null);
        assertThat(plan.restorePath()).isNull();
        assertThat(plan.message()).startsWith("starting fresh (--fresh)");
        assertThat(fresh.contains(StateRecoveryOptions.SAVEPOINT_PATH)).isFalse();

        Configuration savepoint = conf();
        Resume.Plan sp = Resume.prepare(savepoint, false, "/backups/savepoint-1");
        assertThat(sp.message()).startsWith("resuming from savepoint /backups/savepoint-1");
        assertThat(savepoint.get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo("/backups/savepoint-1");
        assertThat(((Enum<?>) savepoint.get(StateRecoveryOptions.RESTORE_MODE)).name())
                .isEqualTo("NO_CLAIM");

        assertThatThrownBy(() -> Resume.prepare(conf(), true, "/backups/savepoint-1"))
                .hasMessageContaining("--fresh");
        Configuration both = conf();
        both.set(StateRecoveryOptions.SAVEPOINT_PATH, "/x/chk-1");
        assertThatThrownBy(() -> Resume.prepare(both, true, null))
                .hasMessageContaining("execution.state-recovery.path");
    }

    private Configuration conf() {
        Configuration conf = new Configuration();
        conf.set(GuijiOptions.CHECKPOINT_DIR, dir.toUri().toString());
        return conf;
    }

    private void checkpoint(String job, long id, Instant completed) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + id));
        Path metadata = Files.write(chk.resolve("_metadata"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(metadata, FileTime.from(completed));
    }
}
