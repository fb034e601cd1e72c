package io.guiji.jobs.config;

import org.apache.flink.configuration.Configuration;

/**
 * Where and as whom to read PostgreSQL outside the job ({@code bin/guiji notice}): {@code
 * guiji.postgres.url} and {@code .user}, the password from {@code .password-file} or {@code
 * .password-env}, never from the configuration itself (as for the job, {@link StreamConfig}).
 */
public record PostgresLogin(String url, String user, String password) {

    /** The login the configuration names; an {@link IllegalArgumentException} names what lacks. */
    public static PostgresLogin from(Configuration conf) {
        String url = conf.get(GuijiOptions.POSTGRES_URL);
        if (url == null || url.isBlank()) {
            throw new GuijiSettings.ConfigException(
                    GuijiOptions.POSTGRES_URL,
                    "is not set: give the JDBC URL of the database the streaming job writes (-D"
                            + GuijiOptions.POSTGRES_URL.key()
                            + "=jdbc:postgresql://host:5432/db)");
        }
        if (conf.toMap().containsKey("guiji.postgres.password")) {
            throw new IllegalArgumentException(
                    "configuration guiji.postgres.password: passwords are never read from the configuration;"
                            + " set guiji.postgres.password-env (an environment variable) or guiji.postgres.password-file");
        }
        return new PostgresLogin(
                url.strip(),
                conf.get(GuijiOptions.POSTGRES_USER),
                Secrets.password(
                        GuijiOptions.POSTGRES_PASSWORD_FILE.key(),
                        conf.get(GuijiOptions.POSTGRES_PASSWORD_FILE),
                        GuijiOptions.POSTGRES_PASSWORD_ENV.key(),
                        conf.get(GuijiOptions.POSTGRES_PASSWORD_ENV)));
    }
}
