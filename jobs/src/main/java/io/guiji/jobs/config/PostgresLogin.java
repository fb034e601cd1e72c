package io.guiji.jobs.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
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

    /**
     * A read-only connection; one that cannot be made is an {@link IllegalArgumentException} that
     * says where and as whom.
     */
    public Connection connectReadOnly() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("readOnly", "true");
        try {
            Connection c = DriverManager.getConnection(url, props);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "cannot connect to PostgreSQL at "
                            + url
                            + " as "
                            + user
                            + ": "
                            + e.getMessage());
        }
    }
}
