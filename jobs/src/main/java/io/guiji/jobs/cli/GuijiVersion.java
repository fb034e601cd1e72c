package io.guiji.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.flink.runtime.util.EnvironmentInformation;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code guiji --version}: guiji's version (from {@code version.properties}, written by the build
 * from the project's version), the Flink version it runs on and the Java runtime.
 */
final class GuijiVersion implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "guiji " + guiji(),
            "Flink " + EnvironmentInformation.getVersion(),
            "Java "
                    + Runtime.version()
                    + " ("
                    + System.getProperty("java.vendor", "unknown vendor")
                    + ")"
        };
    }

    static String guiji() {
        try (InputStream in = GuijiVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String manifest = GuijiVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "(version unknown: not built by Maven)";
    }
}
