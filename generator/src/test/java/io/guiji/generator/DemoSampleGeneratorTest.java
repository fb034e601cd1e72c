package io.guiji.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.cli.DemoSample;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code guiji demo} reaches the generator through {@link DemoSample#load()} (META-INF/services).
 */
class DemoSampleGeneratorTest {
    @Test
    void theDemoFindsTheGeneratorAndGetsACompleteSample(@TempDir Path dir) {
        DemoSample sample = DemoSample.load();

        sample.write(dir.resolve("input"), 2021, LocalDate.of(2026, 11, 25));

        assertThat(sample).isInstanceOf(DemoSampleGenerator.class);
        assertThat(dir.resolve("input/catalog/catalog.csv")).isRegularFile();
        assertThat(dir.resolve("input/registry"))
                .isDirectoryContaining(p -> p.toString().endsWith(".csv"));
        assertThat(dir.resolve("input/records"))
                .isDirectoryRecursivelyContaining(p -> p.toString().endsWith(".csv"));
    }
}
