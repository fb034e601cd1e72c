package io.guiji.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.WebOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoryTest {
    @TempDir Path dir;

    @Test
    void theClusterKeepsItsTemporaryFilesInsideTheScratchFolderWhichCloseDeletes()
            throws IOException {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, dir.resolve("a") + "," + dir.resolve("b"));
        conf.setString("guiji.parallelism", "3");

        Path root;
        try (ScratchDirectory scratch = ScratchDirectory.create(conf)) {
            assertThat(scratch.roots()).hasSize(2);
            assertThat(scratch.roots().get(0).getParent()).isEqualTo(dir.resolve("a"));
            assertThat(scratch.roots().get(1).getParent()).isEqualTo(dir.resolve("b"));
            Configuration applied = scratch.apply(conf);
            assertThat(applied.get(CoreOptions.TMP_DIRS))
                    .isEqualTo(scratch.roots().get(0) + "," + scratch.roots().get(1));
            assertThat(applied.get(WebOptions.TMP_DIR))
                    .isEqualTo(scratch.roots().get(0).toString());
            assertThat(applied.getString("guiji.parallelism", null)).isEqualTo("3");
            assertThat(conf.get(CoreOptions.TMP_DIRS))
                    .as("the given configuration is not changed")
                    .startsWith(dir.toString());
            root = scratch.roots().get(0);
            Files.createDirectories(root.resolve("minicluster_1/blobStorage"));
            Files.writeString(root.resolve("minicluster_1/blobStorage/blob"), "x");
            Files.writeString(root.resolve("flink-rpc-akka1.jar"), "x");
        }

        assertThat(root).doesNotExist();
        assertThat(dir.resolve("a")).isEmptyDirectory();
        assertThat(dir.resolve("b")).isEmptyDirectory();
    }

    @Test
    void withoutIoTmpDirsTheFolderIsMadeInJavaIoTmpdir() {
        try (ScratchDirectory scratch = ScratchDirectory.create(new Configuration())) {
            assertThat(scratch.roots())
                    .singleElement()
                    .satisfies(
                            p ->
                                    assertThat(p.getParent())
                                            .isEqualTo(
                                                    Path.of(System.getProperty("java.io.tmpdir"))))
                    .satisfies(p -> assertThat(p.getFileName().toString()).startsWith("guiji-"));
        }
    }

    @Test
    void anUnwritableTemporaryDirectoryIsAnErrorNamingTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Configuration conf = new Configuration();
        conf.set(CoreOptions.TMP_DIRS, file.resolve("sub").toString());

        assertThatThrownBy(() -> ScratchDirectory.create(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.resolve("sub").toString())
                .hasMessageContaining("io.tmp.dirs");
    }
}
