package io.tunemeld.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's own schema, for the tests of its repositories: one real PostgreSQL per test JVM with throwaway
 * data, the roles and schemas every deployment's init script creates, and the service's Flyway migrations
 * applied as its own role from {@code db/migration/<service>}, as the service does when it starts.
 */
public final class ServiceDatabase {

    private static LocalPostgres server;
    private static final Map<String, ServiceDatabase> MIGRATED = new HashMap<>();

    private final DataSource dataSource;

    private ServiceDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param service the schema and role of the service (e.g. {@code normalizer}) */
    public static synchronized ServiceDatabase of(String service) {
        return MIGRATED.computeIfAbsent(service, ServiceDatabase::migrate);
    }

    private static ServiceDatabase migrate(String service) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(server().jdbcUrl());
        // the init script's local default: the role's name
        dataSource.setUser(service);
        dataSource.setPassword(service);
        dataSource.setCurrentSchema(service);
        Flyway.configure().dataSource(dataSource).schemas(service).defaultSchema(service).createSchemas(false)
                .locations("classpath:db/migration/" + service).load().migrate();
        return new ServiceDatabase(dataSource);
    }

    /** Starts the server now rather than on the first schema asked for (it then boots alongside other servers). */
    static synchronized void startServer() {
        server();
    }

    private static synchronized LocalPostgres server() {
        if (server == null) {
            try {
                Path data = Files.createTempDirectory("tunemeld-service-database");
                server = LocalPostgres.start(data, new FreePorts().next(), false, UUID.randomUUID().toString());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(data), "service-database-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("the embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }

    private static void stop(Path data) {
        try {
            server.close();
            deleteTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a server's throwaway data directory once the server stopped. */
    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The server's address; a service connects to it as its own role, whose password is its name here. */
    public String jdbcUrl() {
        return serverUrl();
    }

    static String serverUrl() {
        return server().jdbcUrl();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Transactions as the service's own: statements of {@link #jdbc()} inside one run on its connection. */
    public TransactionTemplate transaction() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
}
