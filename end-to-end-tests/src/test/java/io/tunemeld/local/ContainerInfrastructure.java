package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The end-to-end tests' Kafka, PostgreSQL and Redis as Testcontainers containers instead of the embedded
 * servers, selected by {@code -Dtunemeld.test.infrastructure=containers} (or the variable
 * {@code TUNEMELD_TEST_INFRASTRUCTURE}); the schema registry stays embedded. The images are those
 * docker-compose.yml uses: {@code KAFKA_IMAGE}, {@code POSTGRES_IMAGE} and {@code REDIS_IMAGE}, else the ones
 * deploy/local-images.sh built on this machine, else the official images. Each container publishes its
 * server on the stack's port for it, so that an outage test stops and starts it at the same address.
 */
final class ContainerInfrastructure implements AutoCloseable {

    static final String SWITCH = "tunemeld.test.infrastructure";

    /** An image line of docker-compose.yml: {@code image: ${KAFKA_IMAGE:-apache/kafka:4.2.1}}. */
    private static final Pattern COMPOSE_IMAGE = Pattern.compile("image: \\$\\{([A-Z_]+_IMAGE):-([^}]+)}");
    private static final List<String> IMAGES = List.of("KAFKA_IMAGE", "POSTGRES_IMAGE", "REDIS_IMAGE");
    private static final String OFFICIAL_KAFKA = "apache/kafka";
    private static final String OFFICIAL_POSTGRES = "postgres";
    private static final String DATABASE = "tunemeld";
    private static final String SUPERUSER = "postgres";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final GenericContainer<?> redis;
    private final String redisPassword = UUID.randomUUID().toString();

    private ContainerInfrastructure(Map<String, String> images, StackSettings.Ports ports) {
        kafka = new KafkaContainer(image(images.get("KAFKA_IMAGE"), OFFICIAL_KAFKA));
        kafka.setPortBindings(List.of(ports.kafka() + ":9092"));
        postgres = new PostgreSQLContainer(image(images.get("POSTGRES_IMAGE"), OFFICIAL_POSTGRES))
                .withDatabaseName(DATABASE).withUsername(SUPERUSER).withPassword(UUID.randomUUID().toString())
                // byte-order collation and the roles and schemas of every service, as docker-compose.yml sets them up
                .withEnv("POSTGRES_INITDB_ARGS", "--encoding=UTF8 --locale=C")
                .withCopyFileToContainer(MountableFile.forClasspathResource("db/init/01-roles-and-schemas.sql"),
                        "/docker-entrypoint-initdb.d/01-roles-and-schemas.sql")
                // over TCP: while the init scripts run, the server listens on its socket only
                .waitingFor(Wait.forSuccessfulCommand("pg_isready -h 127.0.0.1 -U " + SUPERUSER + " -d " + DATABASE));
        postgres.setPortBindings(List.of(ports.postgres() + ":5432"));
        // no snapshot on shutdown: a Redis started again is empty, as the embedded one is
        redis = new GenericContainer<>(DockerImageName.parse(images.get("REDIS_IMAGE")))
                .withExposedPorts(6379).withCommand("--requirepass", redisPassword, "--save", "")
                .waitingFor(Wait.forListeningPort());
        redis.setPortBindings(List.of(ports.redis() + ":6379"));
    }

    /** Whether the switch selects containers. */
    static boolean selected() {
        return "containers".equals(System.getProperty(SWITCH, System.getenv("TUNEMELD_TEST_INFRASTRUCTURE")));
    }

    /**
     * Starts the three containers on these ports; where no Docker Engine answers or an image is not on it,
     * the calling test is skipped saying why (a failure under {@code TUNEMELD_CI=1}).
     */
    static ContainerInfrastructure start(StackSettings.Ports ports) throws IOException {
        Map<String, String> images = images();
        String missing = null;
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            missing = "no Docker Engine answers";
        } else {
            List<String> absent = images.values().stream().filter(image -> !present(image)).toList();
            if (!absent.isEmpty()) {
                missing = "not on the Docker Engine: " + absent + " (pull them, or build the stand-ins with deploy/local-images.sh)";
            }
        }
        if (missing != null) {
            System.out.println("end-to-end tests on containers skipped: " + missing);
            assertThat("1".equals(System.getenv("TUNEMELD_CI"))).as("TUNEMELD_CI=1, but " + missing).isFalse();
            throw new TestAbortedException(missing);
        }
        ContainerInfrastructure containers = new ContainerInfrastructure(images, ports);
        try {
            containers.kafka.start();
            containers.postgres.start();
            containers.redis.start();
        } catch (RuntimeException e) {
            containers.close();
            throw e;
        }
        System.out.printf("end-to-end tests on containers: %s, %s, %s%n", containers.kafka.getDockerImageName(),
                containers.postgres.getDockerImageName(), containers.redis.getDockerImageName());
        return containers;
    }

    /** The variables that point the stack at these containers, as they would point it at any external server. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers());
        environment.put("DB_URL", postgres.getJdbcUrl());
        environment.put("REDIS_HOST", redis.getHost());
        environment.put("REDIS_PORT", String.valueOf(redis.getMappedPort(6379)));
        environment.put("REDIS_PASSWORD", redisPassword);
        return environment;
    }

    /** Stops a server's container, as an outage would; its data stays. */
    void stop(SharedStack.Server server) {
        var container = container(server);
        container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
    }

    /** Starts a stopped server's container again, on the same port, and waits until it listens. */
    void start(SharedStack.Server server) {
        var container = container(server);
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        Wait.forListeningPort().waitUntilReady(container);
    }

    /** A connection as the database's superuser. */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl(), SUPERUSER, postgres.getPassword());
    }

    @Override
    public void close() {
        for (GenericContainer<?> container : List.of(redis, postgres, kafka)) {
            container.stop();
        }
    }

    private GenericContainer<?> container(SharedStack.Server server) {
        return switch (server) {
            case KAFKA -> kafka;
            case POSTGRES -> postgres;
            case REDIS -> redis;
        };
    }

    private static boolean present(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** An image given by name, standing in for the official one when it is another (a local build). */
    private static DockerImageName image(String name, String official) {
        DockerImageName image = DockerImageName.parse(name);
        return image.getUnversionedPart().equals(official) ? image : image.asCompatibleSubstituteFor(official);
    }

    /** The images: the variables, else deploy/local-images.env, else docker-compose.yml's defaults. */
    private static Map<String, String> images() throws IOException {
        Map<String, String> images = new LinkedHashMap<>();
        Matcher defaults = COMPOSE_IMAGE.matcher(Files.readString(ComposeProject.ROOT.resolve("docker-compose.yml")));
        while (defaults.find()) {
            if (IMAGES.contains(defaults.group(1))) {
                images.put(defaults.group(1), defaults.group(2));
            }
        }
        assertThat(images.keySet()).as("docker-compose.yml's images").containsExactlyInAnyOrderElementsOf(IMAGES);
        Path built = ComposeProject.ROOT.resolve("deploy/local-images.env");
        if (Files.exists(built)) {
            Properties local = new Properties();
            try (var reader = Files.newBufferedReader(built)) {
                local.load(reader);
            }
            images.replaceAll((variable, image) -> local.getProperty(variable, image));
        }
        images.replaceAll((variable, image) -> System.getenv().getOrDefault(variable, image));
        return images;
    }
}
