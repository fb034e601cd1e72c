package io.guiji.jobs.coverage.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Renders a {@link CoveragePage} as one self-contained HTML file: the template {@code
 * coverage.html} (next to this class), the page model as a JSON data island that the charts and the
 * table read, and Apache ECharts from its webjar inlined, so that the page needs no network when it
 * is opened. The same renderer serves the live page of {@code guiji dashboard}, whose script then
 * fetches fresh JSON ({@link #render(CoveragePage, String)}).
 */
public final class CoveragePageHtml {
    private static final String TEMPLATE = "coverage.html";
    private static final String DATA = "/*GUIJI_DATA*/";
    private static final String LIVE = "/*GUIJI_LIVE*/";
    private static final String ECHARTS = "/*ECHARTS*/";
    private static final String ECHARTS_POM =
            "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoveragePageHtml() {}

    /** The bounded run's page: the figures of one snapshot, fixed. */
    public static String render(CoveragePage page) {
        return render(page, null, 0);
    }

    /**
     * The page; with {@code liveUrl} (relative to the page) its script fetches a fresh {@link
     * CoveragePage} as JSON from there every {@code refreshMillis} and redraws.
     */
    public static String render(CoveragePage page, String liveUrl, long refreshMillis) {
        Fixed fixed = fixed();
        String live =
                liveUrl == null
                        ? "null"
                        : "{\"url\": "
                                + quote(liveUrl)
                                + ", \"refreshMillis\": "
                                + refreshMillis
                                + "}";
        return fill(fixed.template(), json(page), scriptSafe(live), fixed.echarts());
    }

    /** What every page has: the template and ECharts, made safe to inline. */
    private record Fixed(String template, String echarts) {}

    /**
     * Read at the first page and kept: ECharts is a megabyte, read from its jar and scanned twice,
     * and the dashboard renders a page for every visit. Two threads racing to the first page read
     * it twice, alike.
     */
    private static volatile Fixed fixed;

    private static Fixed fixed() {
        Fixed f = fixed;
        if (f == null) {
            f = new Fixed(resource(CoveragePageHtml.class, TEMPLATE), scriptSafe(echarts()));
            fixed = f;
        }
        return f;
    }

    /** Writes the rendered page to {@code file} (UTF-8). */
    public static void write(CoveragePage page, Path file) throws IOException {
        Files.writeString(file, render(page), StandardCharsets.UTF_8);
    }

    /**
     * The page model as JSON safe inside a {@code <script>} element: {@code <}, {@code >} and
     * {@code &} can occur only inside JSON strings, where their escapes mean the same.
     */
    public static String json(CoveragePage page) {
        try {
            return JSON.writeValueAsString(page)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("coverage page model not serializable", e);
        }
    }

    /**
     * Replaces each marker once, in the template only (a marker's text inside the inserted ECharts
     * or data must stay as it is).
     */
    private static String fill(String template, String data, String live, String echarts) {
        int d = template.indexOf(DATA);
        int l = template.indexOf(LIVE);
        int e = template.indexOf(ECHARTS);
        if (d < 0 || l < 0 || e < 0 || !(e < d && d < l)) {
            throw new IllegalStateException(
                    "coverage.html template lacks its markers in the order ECHARTS, DATA, LIVE");
        }
        return template.substring(0, e)
                + echarts
                + template.substring(e + ECHARTS.length(), d)
                + data
                + template.substring(d + DATA.length(), l)
                + live
                + template.substring(l + LIVE.length());
    }

    /** ECharts' minified build from the webjar on the class path. */
    static String echarts() {
        Properties pom = new Properties();
        try (InputStream in =
                CoveragePageHtml.class.getClassLoader().getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the ECharts webjar (org.webjars.npm:echarts) is not on the class path");
            }
            pom.load(in);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String path =
                "META-INF/resources/webjars/echarts/"
                        + pom.getProperty("version")
                        + "/dist/echarts.min.js";
        return resource(null, path);
    }

    /** Text that cannot close the {@code <script>} element it is inlined into. */
    private static String scriptSafe(String js) {
        return js.replace("</script", "<\\/script").replace("<!--", "<\\!--");
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(Class<?> near, String name) {
        try (InputStream in =
                near == null
                        ? CoveragePageHtml.class.getClassLoader().getResourceAsStream(name)
                        : near.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource " + name + " missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
