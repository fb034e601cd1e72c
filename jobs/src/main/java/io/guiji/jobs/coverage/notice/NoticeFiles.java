package io.guiji.jobs.coverage.notice;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A period's notice on disk (docs/contract.md §9): {@code <period>.md}, {@code <period>.html} and
 * its data, {@code <period>.json} (the {@link NoticeModel}), which the next period's notice reads
 * to compare with. Files of other periods in the folder are left as they are.
 */
public final class NoticeFiles {
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private NoticeFiles() {}

    /** Writes the notice's three files into {@code dir}; returns the Markdown and HTML paths. */
    public static List<Path> write(Path dir, NoticeModel m) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(m.period() + ".md");
        Path html = dir.resolve(m.period() + ".html");
        Files.writeString(md, NoticeRenderer.markdown(m), StandardCharsets.UTF_8);
        Files.writeString(html, NoticeRenderer.html(m), StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve(m.period() + ".json"),
                JSON.writeValueAsString(m) + "\n",
                StandardCharsets.UTF_8);
        return List.of(md, html);
    }

    /**
     * The notice of {@code period} in {@code dir}, or null when there is none or it cannot be read
     * (a notice is then made without comparison; never a failed run).
     */
    public static NoticeModel read(Path dir, String period) {
        if (period == null) {
            return null;
        }
        Path file = dir.resolve(period + ".json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), NoticeModel.class);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(NoticeFiles.class)
                    .warn(
                            "the previous notice {} cannot be read, not compared: {}",
                            file,
                            e.toString());
            return null;
        }
    }
}
