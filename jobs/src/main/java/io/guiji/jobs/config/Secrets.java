package io.guiji.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Passwords come from a file or an environment variable, never from arguments or the configuration;
 * never logged.
 */
final class Secrets {
    private Secrets() {}

    /**
     * The password from {@code file} if set, else from the environment variable {@code env}; null
     * when neither gives one.
     */
    static String password(String fileKey, String file, String envKey, String env) {
        if (file != null) {
            try {
                String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                return content.lines().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "configuration "
                                + fileKey
                                + ": cannot read "
                                + file
                                + " ("
                                + e.getClass().getSimpleName()
                                + ")");
            }
        }
        if (env != null && !env.isBlank()) {
            String value = System.getenv(env.trim());
            return value == null || value.isEmpty() ? null : value;
        }
        return null;
    }
}
