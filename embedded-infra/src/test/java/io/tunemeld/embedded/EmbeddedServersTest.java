package io.tunemeld.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL keeps what it commits through an OS crash (fsync and synchronous commits on), and
 * asks every connection for its password, as production does; the embedded Redis too, and takes no CONFIG.
 */
class EmbeddedServersTest {

    @TempDir
    Path data;

    @Test
    void aWrongPasswordIsRefusedByPostgresqlAndRedis() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(Files.createDirectories(data.resolve("passwords")),
                new FreePorts().next(), false, "the-superuser-password")) {
            for (String[] login : new String[][] {{"postgres", ""}, {"postgres", "guess"}, {"ingest", "wrong"}, {"nobody", ""}}) {
                assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), login[0], login[1]).close())
                        .as("%s with %s", login[0], login[1]).isInstanceOf(SQLException.class)
                        // refused by the server, or by the driver before asking it: no password is no login
                        .hasMessageMatching("(?s).*(password authentication failed|SCRAM-based authentication, but the password is an empty string).*");
            }
            try (Connection superuser = postgres.superuser(); Connection ingest = DriverManager.getConnection(postgres.jdbcUrl(), "ingest", "ingest")) {
                assertThat(superuser.isValid(5)).isTrue();
                assertThat(ingest.isValid(5)).as("a service role with its password").isTrue();
                try (var statement = ingest.createStatement(); var row = statement.executeQuery("show random_page_cost")) {
                    row.next();
                    assertThat(row.getString(1)).as("the database's cost of an index probe, set by the init script").isEqualTo("1.1");
                }
            }
        }
        int port = new FreePorts().next();
        try (LocalRedis redis = LocalRedis.start(port, "the-redis-password")) {
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).build());
            try {
                assertThatThrownBy(() -> client.connect().close()).as("without the password").hasStackTraceContaining("NOAUTH");
            } finally {
                client.shutdown();
            }
            RedisClient authenticated = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                    .withPassword("the-redis-password".toCharArray()).build());
            try (var connection = authenticated.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
                assertThatThrownBy(() -> connection.sync().configGet("dir")).as("CONFIG is gone").hasMessageContaining("unknown command");
            } finally {
                authenticated.shutdown();
            }
        }
    }

    @Test
    void durableUnlessToldOtherwise() throws Exception {
        try (LocalPostgres durable = LocalPostgres.start(Files.createDirectories(data.resolve("durable")),
                new FreePorts().next(), true, "secret-one")) {
            assertThat(settings(durable)).as("fsync, synchronous_commit").isEqualTo("on on");
        }
        try (LocalPostgres throwaway = LocalPostgres.start(Files.createDirectories(data.resolve("throwaway")),
                new FreePorts().next(), false, "secret-two")) {
            assertThat(settings(throwaway)).as("fsync, synchronous_commit").isEqualTo("off off");
        }
    }

    private static String settings(LocalPostgres postgres) throws SQLException {
        try (Connection connection = postgres.superuser(); var statement = connection.createStatement();
                var row = statement.executeQuery("select current_setting('fsync') || ' ' || current_setting('synchronous_commit')")) {
            row.next();
            return row.getString(1);
        }
    }
}
