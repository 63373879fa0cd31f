package io.tunemeld.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server from the io.zonky embedded binaries, with the TuneMeld database and one
 * role and schema per service. Its data directory survives restarts.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "tunemeld";
    private static final String SUPERUSER = "postgres";
    private static final String INIT_SCRIPT = "/db/init/01-roles-and-schemas.sql";

    private final Path dataDir;
    private final int port;
    private final boolean durable;
    private final String superuserPassword;
    private EmbeddedPostgres postgres;

    private LocalPostgres(Path dataDir, int port, boolean durable, String superuserPassword, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = port;
        this.durable = durable;
        this.superuserPassword = superuserPassword;
        this.postgres = postgres;
    }

    /**
     * @param durable fsync and synchronous commits on, so that what was committed survives an OS crash or a
     *        power loss (the embedded server's own defaults turn both off); off only for throwaway data
     * @param superuserPassword the superuser's password: every connection authenticates, as in production
     */
    public static LocalPostgres start(Path dataDir, int port, boolean durable, String superuserPassword) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = server(dataDir, port, durable, superuserPassword);
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                // byte-order collation: every key is an identifier (ISRCs, normalised titles, waiting keys), and a
                // locale's collation made text comparison a good part of PostgreSQL's time in the benchmark
                statement.execute("create database " + DATABASE + " template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'");
            }
            requirePasswords(dataDir, statement, superuserPassword);
        }
        initialize(postgres.getDatabase(SUPERUSER, DATABASE));
        return new LocalPostgres(dataDir, port, durable, superuserPassword, postgres);
    }

    /**
     * The embedded server trusts every local connection (a wrong password connects): the superuser gets its
     * password and every connection, by socket or TCP, must give its role's (scram-sha-256).
     */
    private static void requirePasswords(Path dataDir, Statement statement, String superuserPassword) throws SQLException, IOException {
        statement.execute("alter role " + SUPERUSER + " password '" + superuserPassword.replace("'", "''") + "'");
        String hba = "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n";
        if (!Files.readString(dataDir.resolve("pg_hba.conf")).equals(hba)) {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba);
            statement.execute("select pg_reload_conf()");
        }
    }

    private static EmbeddedPostgres server(Path dataDir, int port, boolean durable, String superuserPassword) throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                // what the embedded server's own connections (its start-up check, its data sources) log in with
                .setConnectConfig("password", superuserPassword)
                // what each statement costs, for `./tunemeld bench` and anyone looking into the database's time
                .setServerConfig("shared_preload_libraries", "pg_stat_statements");
        if (durable) {
            // given after the embedded server's -F and synchronous_commit=off, so these win
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return builder.start();
    }

    /** Starts the server again on its data and port (after {@link #close()}, as after an outage). */
    public void restart() throws IOException {
        postgres = server(dataDir, port, durable, superuserPassword);
    }

    /** Creates the service roles and schemas; the same script docker-compose runs. */
    public static void initialize(DataSource superuser) throws IOException, SQLException {
        String script;
        try (InputStream in = LocalPostgres.class.getResourceAsStream(INIT_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(INIT_SCRIPT + " is missing from the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }

    /** The postmaster's pid, from its pid file: pg_ctl starts it detached, not as a child of this JVM. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    /** A connection as the superuser. */
    public Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, superuserPassword);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
