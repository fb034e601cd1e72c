package io.guiji.jobs.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * The settings of {@code guiji dashboard}: where the live coverage page listens, the read-only
 * PostgreSQL role it reads with, and its access token. Passwords and the token come from a file or
 * an environment variable ({@link Secrets}), never from the command line or the configuration.
 *
 * @param token the access token; null when none is configured, which is allowed on loopback only
 */
public record DashboardConfig(
        String bind,
        int port,
        String jdbcUrl,
        String user,
        String password,
        String token,
        Duration refresh) {

    @Override
    public String toString() { // no secret in a log or a message
        return "DashboardConfig[" + bind + ":" + port + ", " + jdbcUrl + " as " + user + "]";
    }

    /**
     * Reads and checks the settings: a missing database URL, an unreadable secret file, or an
     * address beyond loopback without a token fail with the key's name.
     */
    public static DashboardConfig from(Configuration conf) {
        String url = conf.get(GuijiOptions.POSTGRES_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "configuration "
                            + GuijiOptions.POSTGRES_URL.key()
                            + " is not set: guiji dashboard reads the coverage_snapshot table there");
        }
        String bind = conf.get(GuijiOptions.DASHBOARD_BIND);
        int port = conf.get(GuijiOptions.DASHBOARD_PORT);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "configuration "
                            + GuijiOptions.DASHBOARD_PORT.key()
                            + ": "
                            + port
                            + " is not a TCP port");
        }
        String token =
                Secrets.password(
                        GuijiOptions.DASHBOARD_TOKEN_FILE.key(),
                        conf.get(GuijiOptions.DASHBOARD_TOKEN_FILE),
                        GuijiOptions.DASHBOARD_TOKEN_ENV.key(),
                        conf.get(GuijiOptions.DASHBOARD_TOKEN_ENV));
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException(
                    "the dashboard's access token ("
                            + GuijiOptions.DASHBOARD_TOKEN_FILE.key()
                            + " or the variable "
                            + conf.get(GuijiOptions.DASHBOARD_TOKEN_ENV)
                            + ") is shorter than 16 characters: use a long random one");
        }
        if (token == null && !isLoopback(bind)) {
            throw new IllegalArgumentException(
                    "configuration "
                            + GuijiOptions.DASHBOARD_BIND.key()
                            + " = "
                            + bind
                            + " is beyond loopback: set an access token in the variable "
                            + conf.get(GuijiOptions.DASHBOARD_TOKEN_ENV)
                            + " or a file named by "
                            + GuijiOptions.DASHBOARD_TOKEN_FILE.key());
        }
        String password =
                Secrets.password(
                        GuijiOptions.DASHBOARD_POSTGRES_PASSWORD_FILE.key(),
                        conf.get(GuijiOptions.DASHBOARD_POSTGRES_PASSWORD_FILE),
                        GuijiOptions.DASHBOARD_POSTGRES_PASSWORD_ENV.key(),
                        conf.get(GuijiOptions.DASHBOARD_POSTGRES_PASSWORD_ENV));
        Duration refresh = conf.get(GuijiOptions.DASHBOARD_REFRESH);
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException(
                    "configuration " + GuijiOptions.DASHBOARD_REFRESH.key() + " must be positive");
        }
        return new DashboardConfig(
                bind,
                port,
                url,
                conf.get(GuijiOptions.DASHBOARD_POSTGRES_USER),
                password,
                token,
                refresh);
    }

    /** Whether {@code bind} names only this machine (a name that does not resolve is not). */
    public static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
