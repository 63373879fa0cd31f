package io.tunemeld.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server from the io.zonky embedded binaries, with the TuneMeld database and one
 * role and schema per service. Its data directory survives restarts.
 */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "tunemeld";
    private static final String SUPERUSER = "postgres";
    private static final String INIT_SCRIPT = "/db/init/01-roles-and-schemas.sql";

    private final Path dataDir;
    private final int port;
    private final boolean durable;
    private EmbeddedPostgres postgres;

    private LocalPostgres(Path dataDir, int port, boolean durable, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = port;
        this.durable = durable;
        this.postgres = postgres;
    }

    /**
     * @param durable fsync and synchronous commits on, so that what was committed survives an OS crash or a
     *        power loss (the embedded server's own defaults turn both off); off only for throwaway data
     */
    static LocalPostgres start(Path dataDir, int port, boolean durable) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = server(dataDir, port, durable);
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                // byte-order collation: every key is an identifier (ISRCs, normalised titles, waiting keys), and a
                // locale's collation made text comparison a good part of PostgreSQL's time in the benchmark
                statement.execute("create database " + DATABASE + " template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'");
            }
        }
        initialize(postgres.getDatabase(SUPERUSER, DATABASE));
        return new LocalPostgres(dataDir, port, durable, postgres);
    }

    private static EmbeddedPostgres server(Path dataDir, int port, boolean durable) throws IOException {
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false)
                // what each statement costs, for `./tunemeld bench` and anyone looking into the database's time
                .setServerConfig("shared_preload_libraries", "pg_stat_statements");
        if (durable) {
            // given after the embedded server's -F and synchronous_commit=off, so these win
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return builder.start();
    }

    /** Starts the server again on its data and port (after {@link #close()}, as after an outage). */
    void restart() throws IOException {
        postgres = server(dataDir, port, durable);
    }

    /** Creates the service roles and schemas; the same script docker-compose runs. */
    static void initialize(DataSource superuser) throws IOException, SQLException {
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
    long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
