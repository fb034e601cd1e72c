package io.guiji.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, uniquely named database on a real PostgreSQL server, for {@code *ITCase} tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension PG = new PostgresExtension();
 *
 * @Test
 * void upsertsByKey() throws SQLException {
 *     try (Connection c = PG.connection()) { ... }
 *     // or hand PG.jdbcUrl(), PG.user(), PG.password() to the JDBC sink under test
 * }
 * }</pre>
 *
 * <p>A {@code static} field gives one database per test class (created before all, dropped after
 * all, even if connections are still open); an instance field gives one per test method.
 *
 * <p>The server is the one named by the environment: {@code GUIJI_PG_URL} (a JDBC URL of any
 * database the user may connect to, default {@value #DEFAULT_URL}), {@code GUIJI_PG_USER} (default
 * {@value #DEFAULT_USER}) and {@code GUIJI_PG_PASSWORD} (default none: the local server trusts
 * 127.0.0.1). The user must be allowed to create databases. If the server cannot be reached the
 * test fails, it is not skipped; {@code .ci/run} starts one.
 *
 * <p>Databases are created from {@code template0} with encoding UTF8 and the C collation, so text
 * (Chinese included) and sort order are the same on every machine.
 */
public final class PostgresExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    public static final String URL_ENV = "GUIJI_PG_URL";
    public static final String USER_ENV = "GUIJI_PG_USER";
    public static final String PASSWORD_ENV = "GUIJI_PG_PASSWORD";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String DEFAULT_USER = "postgres";

    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    private static final Pattern JDBC_URL =
            Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");

    private final String adminUrl;
    private final String user;
    private final String password;

    private volatile String database;
    private boolean createdForTestMethod;

    /** Uses the server named by the environment (see the class comment). */
    public PostgresExtension() {
        this(
                env(URL_ENV, DEFAULT_URL),
                env(USER_ENV, DEFAULT_USER),
                System.getenv().getOrDefault(PASSWORD_ENV, ""));
    }

    /** Uses the given server; {@code adminUrl} names any database the user may connect to. */
    public PostgresExtension(String adminUrl, String user, String password) {
        if (!JDBC_URL.matcher(adminUrl).matches()) {
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL: "
                            + adminUrl
                            + " (set "
                            + URL_ENV
                            + " like "
                            + DEFAULT_URL
                            + ")");
        }
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        createDatabase(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        dropDatabase();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        // Only an instance field reaches here without beforeAll having created the database.
        if (database == null) {
            createDatabase(context);
            createdForTestMethod = true;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (createdForTestMethod) {
            createdForTestMethod = false;
            dropDatabase();
        }
    }

    // ------------------------------------------------------------------ access

    /** JDBC URL of this test's database (same host, port and parameters as the server URL). */
    public String jdbcUrl() {
        Matcher m = JDBC_URL.matcher(adminUrl);
        m.matches();
        return m.group(1) + database() + (m.group(3) == null ? "" : m.group(3));
    }

    public String user() {
        return user;
    }

    /** The password, empty when the server needs none. */
    public String password() {
        return password;
    }

    /** The database's name. */
    public String database() {
        String name = database;
        if (name == null) {
            throw new IllegalStateException(
                    "No test database: register PostgresExtension with @RegisterExtension (a static"
                            + " field for one database per class) and use it only inside tests or"
                            + " @BeforeAll/@BeforeEach methods");
        }
        return name;
    }

    /** A new connection to this test's database; the caller closes it. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), connectionProperties());
    }

    // ------------------------------------------------------------------ database

    private synchronized void createDatabase(ExtensionContext context) throws SQLException {
        if (database != null) {
            return;
        }
        String name = uniqueName(context);
        try (Connection admin = adminConnection();
                Statement statement = admin.createStatement()) {
            statement.execute(
                    "CREATE DATABASE "
                            + name
                            + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        database = name;
    }

    private synchronized void dropDatabase() throws SQLException {
        String name = database;
        if (name == null) {
            return;
        }
        database = null;
        try (Connection admin = adminConnection();
                Statement statement = admin.createStatement()) {
            if (admin.getMetaData().getDatabaseMajorVersion() >= 13) {
                // Also ends connections a job under test left open.
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                try (PreparedStatement terminate =
                        admin.prepareStatement(
                                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                        + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    terminate.setString(1, name);
                    terminate.execute();
                }
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private Connection adminConnection() throws SQLException {
        try {
            return DriverManager.getConnection(adminUrl, connectionProperties());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    String.format(
                            "Cannot connect to PostgreSQL at %s as user '%s'%s: %s%n"
                                    + "Tests that use PostgresExtension need a running server."
                                    + " `.ci/run` starts one on 127.0.0.1:5432 (installing it if"
                                    + " needed) before it runs the build; to start an"
                                    + " installed Debian server by hand: pg_ctlcluster"
                                    + " --skip-systemctl-redirect $(ls /etc/postgresql | head -1)"
                                    + " main start. To use another server, set %s, %s and %s.",
                            adminUrl,
                            user,
                            password.isEmpty() ? " without a password" : "",
                            e.getMessage(),
                            URL_ENV,
                            USER_ENV,
                            PASSWORD_ENV),
                    e);
        }
    }

    private Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", "300");
        return properties;
    }

    /**
     * {@code guiji_test_<class>_<random>}: readable in {@code \l}, unique across concurrent runs, a
     * plain lower-case identifier within PostgreSQL's 63 bytes, so it needs no quoting.
     */
    private static String uniqueName(ExtensionContext context) {
        String testClass =
                context.getTestClass()
                        .map(Class::getSimpleName)
                        .orElse("test")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "_");
        if (testClass.length() > 32) {
            testClass = testClass.substring(0, 32);
        }
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return "guiji_test_" + testClass + "_" + random;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
