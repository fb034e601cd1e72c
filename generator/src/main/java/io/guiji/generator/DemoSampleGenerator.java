package io.guiji.generator;

import io.guiji.jobs.cli.DemoSample;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The sample of {@code guiji demo}: {@link SampleGenerator.Settings#demo()}, about 3,000 records
 * with every kind of noise. Registered in {@code META-INF/services} for {@link DemoSample#load()}.
 */
public final class DemoSampleGenerator implements DemoSample {
    @Override
    public void write(Path inputDir, long seed, LocalDate today) {
        new SampleGenerator(SampleGenerator.Settings.demo().seed(seed).today(today))
                .generate(inputDir);
    }
}
