package io.tunemeld.local;

import io.tunemeld.embedded.LocalKafka;
import io.tunemeld.embedded.LocalPostgres;
import io.tunemeld.embedded.LocalRedis;
import io.tunemeld.embedded.LocalRegistry;
import io.lettuce.core.RedisURI;
import io.tunemeld.aggregate.AggregateApplication;
import io.tunemeld.cache.CacheApplication;
import io.tunemeld.ingest.IngestApplication;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.schemas.SchemaRegistration;
import io.tunemeld.track.TrackApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole TuneMeld stack on this machine: Kafka, Apicurio Registry, PostgreSQL and Redis (each unless
 * the environment points at an external one), then the five services, each its own Spring
 * application context with its own port, database role and consumer group.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    /** The system property that turns the embedded PostgreSQL's fsync and synchronous commits off (default: on). */
    static final String DURABLE_POSTGRES = "tunemeld.postgres.durable";
    /** The embedded PostgreSQL's superuser password and the embedded Redis's, generated once into the data directory. */
    private static final String POSTGRES_PASSWORD_FILE = "postgres-password";
    private static final String REDIS_PASSWORD_FILE = "redis-password";
    /** The five services, in start order. */
    private static final Map<String, Supplier<SpringApplicationBuilder>> APPLICATIONS = new LinkedHashMap<>();

    static {
        APPLICATIONS.put(IngestApplication.NAME, IngestApplication::application);
        APPLICATIONS.put(NormalizerApplication.NAME, NormalizerApplication::application);
        APPLICATIONS.put(TrackApplication.NAME, TrackApplication::application);
        APPLICATIONS.put(AggregateApplication.NAME, AggregateApplication::application);
        APPLICATIONS.put(CacheApplication.NAME, CacheApplication::application);
    }

    /** The five services' names (each reads its own {@code <name>.yml}), in start order. */
    public static List<String> serviceNames() {
        return List.copyOf(APPLICATIONS.keySet());
    }

    private final StackSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private String kafka;
    private LocalKafka localKafka;
    private LocalRegistry localRegistry;
    private String registry;
    private String database;
    private LocalRedis localRedis;
    private LocalPostgres localPostgres;
    private String redisHost;
    private int redisPort;
    private String redisPassword = "";
    private String adminToken;
    private List<String> staleStopped = List.of();

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static LocalStack start(StackSettings settings) throws Exception {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startInfrastructure();
            stack.startServices();
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startInfrastructure() throws Exception {
        var ports = settings.ports();
        var data = settings.dataDir();
        Files.createDirectories(data);
        staleStopped = StackProcesses.stopStale(data);
        if (!staleStopped.isEmpty()) {
            log.warn("stopped what an earlier stack of {} left running: {}", data.toAbsolutePath(), String.join(", ", staleStopped));
        }
        // the registry is a separate JVM: let it boot while the rest starts here
        if (settings.externalRegistry().isEmpty()) {
            localRegistry = LocalRegistry.launch(settings.registryHome(), data.resolve("registry"), ports.registry(),
                    ports.registryManagement());
            started.push(localRegistry);
        }
        if (settings.externalRedis().isPresent()) {
            redisHost = settings.externalRedis().get().host();
            redisPort = settings.externalRedis().get().port();
            redisPassword = settings.externalRedis().get().password();
        } else {
            redisPassword = LocalSecret.of(data, REDIS_PASSWORD_FILE);
            localRedis = LocalRedis.start(ports.redis(), redisPassword);
            started.push(localRedis);
            redisHost = "127.0.0.1";
            redisPort = ports.redis();
        }
        if (settings.externalDatabase().isPresent()) {
            database = settings.externalDatabase().get();
        } else {
            // durable unless told otherwise: the test suite's throwaway stacks are not
            localPostgres = LocalPostgres.start(data.resolve("postgres"), ports.postgres(),
                    Boolean.parseBoolean(System.getProperty(DURABLE_POSTGRES, "true")), LocalSecret.of(data, POSTGRES_PASSWORD_FILE));
            started.push(localPostgres);
            database = localPostgres.jdbcUrl();
        }
        if (settings.externalKafka().isPresent()) {
            kafka = settings.externalKafka().get();
        } else {
            localKafka = LocalKafka.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController());
            started.push(localKafka);
            kafka = localKafka.bootstrapServers();
        }
        if (localRegistry != null) {
            localRegistry.awaitReady();
            registry = localRegistry.url();
        } else {
            registry = settings.externalRegistry().get();
        }
        // the deploy step of every environment: the services look their schemas up, they never register them
        SchemaRegistration.register(registry);
        Map<String, Long> children = new LinkedHashMap<>();
        if (localRegistry != null) {
            children.put("registry", localRegistry.pid());
        }
        if (localRedis != null) {
            children.put("redis", localRedis.pid());
        }
        if (localPostgres != null) {
            children.put("postgres", localPostgres.pid());
        }
        started.push(StackProcesses.watch(data, children));
        log.info("infrastructure: kafka {}, registry {}, database {}, redis {}:{}", kafka, registry, database, redisHost, redisPort);
    }

    private void startServices() throws IOException {
        adminToken = AdminToken.forDataDir(settings.dataDir(), System.getenv("TUNEMELD_ADMIN_TOKEN"));
        for (String name : APPLICATIONS.keySet()) {
            startService(name, Map.of());
        }
    }

    /**
     * Stops one service and starts it again with these settings added (e.g. another scoring strategy),
     * while the rest of the stack keeps running, as a redeploy would.
     */
    public void restartService(String name, Map<String, String> properties) {
        stopService(name);
        startService(name, properties);
    }

    /**
     * Starts one more replica of a service (same consumer group, a free port), as scaling out would;
     * the caller closes it.
     */
    public ConfigurableApplicationContext startReplica(String name) {
        return startReplica(name, Map.of());
    }

    /** A replica with these settings added (e.g. a registry that is not there). */
    public ConfigurableApplicationContext startReplica(String name, Map<String, String> properties) {
        return launch(name, 0, properties);
    }

    /** Stops one service of this JVM; the rest of the stack keeps running. */
    public void stopService(String name) {
        ConfigurableApplicationContext running = services.remove(name);
        if (running == null) {
            throw new IllegalArgumentException("no service " + name + " running in this JVM");
        }
        running.close();
    }

    /** Starts one service in this JVM again, after {@link #stopService(String)}. */
    public void startService(String name) {
        startService(name, Map.of());
    }

    /**
     * Starts a service as a process of its own (this JVM's classpath, the service's port, its output in
     * {@code <data>/<service>.log}) in place of the one in this JVM, which must be stopped first: a
     * process can be killed in the middle of its work, as a crash would.
     */
    public Process startProcess(String name) throws IOException {
        if (services.containsKey(name)) {
            throw new IllegalStateException(name + " runs in this JVM: stop it first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                mainClass(name)));
        command.addAll(arguments(name, settings.ports().of(name), Map.of()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(settings.dataDir().resolve(name + ".log").toFile()).start();
    }

    /** The class of the service's main method: its application class, the builder's source. */
    private static String mainClass(String name) {
        return APPLICATIONS.get(name).get().application().getAllSources().stream()
                .filter(Class.class::isInstance).map(source -> ((Class<?>) source).getName()).findFirst().orElseThrow();
    }

    private void startService(String name, Map<String, String> properties) {
        int port = settings.ports().of(name);
        services.put(name, launch(name, port, properties));
        log.info("{} started on port {}", name, port);
    }

    private ConfigurableApplicationContext launch(String name, int port, Map<String, String> properties) {
        String[] args = arguments(name, port, properties).toArray(String[]::new);
        return ServiceThreads.startAs(name, () -> APPLICATIONS.get(name).get().registerShutdownHook(false).run(args));
    }

    private List<String> arguments(String name, int port, Map<String, String> properties) {
        // one value per setting, later ones winning (the same option given twice would be joined with a comma)
        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.port", String.valueOf(port));
        config.put("server.address", "127.0.0.1");
        config.put("spring.kafka.bootstrap-servers", kafka);
        config.put("tunemeld.kafka.registry-url", registry);
        config.put("spring.datasource.url", database);
        config.put("spring.data.redis.host", redisHost);
        config.put("spring.data.redis.port", String.valueOf(redisPort));
        config.put("spring.data.redis.password", redisPassword);
        config.put("spring.main.banner-mode", "off");
        config.put("spring.main.log-startup-info", "false");
        // one logging system serves every service in this JVM: a single application name would mislead
        config.put("logging.include-application-name", "false");
        // the local stack ingests on demand; the daily schedule is for deployments
        config.put("tunemeld.ingest.schedule", "-");
        config.put("tunemeld.spotify-history.schedule", "-");
        config.put("tunemeld.spotify-history.profile-schedule", "-");
        config.put("tunemeld.admin-token", adminToken);
        config.put("tunemeld.ingest.payload-roots", payloadRoots());
        if (name.equals("cache-service")) {
            // TuneMeld's web app, served locally (its dev server on port 3000), calls its API at localhost:8000
            config.put("tunemeld.webapp.port", Optional.ofNullable(System.getenv("TUNEMELD_APP_PORT"))
                    .orElse(String.valueOf(settings.ports().webApp())));
            config.put("tunemeld.webapp.allowed-origins", Optional.ofNullable(System.getenv("TUNEMELD_APP_ORIGINS"))
                    .orElse("http://localhost:3000,http://127.0.0.1:3000"));
        }
        config.putAll(settings.serviceProperties());
        config.putAll(properties);
        List<String> args = new ArrayList<>();
        config.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    /**
     * Where this machine's user keeps payload files: the bundled samples, the working directory, the home
     * and temporary directories, unless INGEST_PAYLOAD_ROOTS names others. The ingest service still
     * refuses any directory outside them, and any file linked from outside the directory it reads.
     */
    private static String payloadRoots() {
        String configured = System.getenv("INGEST_PAYLOAD_ROOTS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return String.join(",", Path.of(System.getProperty("tunemeld.samples", "samples")).toAbsolutePath().toString(),
                System.getProperty("user.dir"), System.getProperty("user.home"), System.getProperty("java.io.tmpdir"));
    }

    /** Stops the embedded Redis, as if it crashed: the services keep running. */
    public void stopRedis() throws IOException {
        embeddedRedis().close();
    }

    /** Starts the embedded Redis again, empty, on the same port. */
    public void startRedis() throws IOException {
        embeddedRedis().restart();
    }

    /** Stops the embedded PostgreSQL, as an outage would: the services keep running. */
    public void stopPostgres() throws IOException {
        embeddedPostgres().close();
    }

    /** Stops the embedded schema registry, as an outage would: the services keep running. */
    public void stopRegistry() {
        embeddedRegistry().close();
    }

    /** Starts the embedded schema registry again, on its port and stored schemas, and waits until it answers. */
    public void startRegistry() throws IOException, InterruptedException {
        embeddedRegistry().start();
        embeddedRegistry().awaitReady();
    }

    private LocalRegistry embeddedRegistry() {
        if (localRegistry == null) {
            throw new IllegalStateException("the schema registry is external to this stack");
        }
        return localRegistry;
    }

    /** Stops the embedded Kafka broker, as a broker failure would: the services keep running. */
    public void stopKafka() {
        embeddedKafka().close();
    }

    /** Starts the embedded Kafka broker again, on its log directory and ports. */
    public void startKafka() {
        embeddedKafka().restart();
    }

    private LocalKafka embeddedKafka() {
        if (localKafka == null) {
            throw new IllegalStateException("Kafka is external to this stack");
        }
        return localKafka;
    }

    /** Starts the embedded PostgreSQL again, on its data and port. */
    public void startPostgres() throws IOException {
        embeddedPostgres().restart();
    }

    private LocalPostgres embeddedPostgres() {
        if (localPostgres == null) {
            throw new IllegalStateException("PostgreSQL is external to this stack");
        }
        return localPostgres;
    }

    private LocalRedis embeddedRedis() {
        if (localRedis == null) {
            throw new IllegalStateException("Redis is external to this stack");
        }
        return localRedis;
    }

    public String kafkaBootstrapServers() {
        return kafka;
    }

    public String registryUrl() {
        return registry;
    }

    public String databaseUrl() {
        return database;
    }

    /** A connection as the embedded PostgreSQL's superuser, with its password. */
    public Connection superuser() throws SQLException {
        return embeddedPostgres().superuser();
    }

    public String redisHost() {
        return redisHost;
    }

    public int redisPort() {
        return redisPort;
    }

    /** The password Redis requires ("" for an external Redis without one). */
    public String redisPassword() {
        return redisPassword;
    }

    /** Where clients reach Redis, with its password. */
    public RedisURI redisUri() {
        RedisURI.Builder uri = RedisURI.builder().withHost(redisHost).withPort(redisPort);
        return redisPassword.isEmpty() ? uri.build() : uri.withPassword(redisPassword.toCharArray()).build();
    }

    /** What an earlier stack of the same data directory had left running, stopped before this one started. */
    public List<String> staleProcessesStopped() {
        return staleStopped;
    }

    /** The token state-changing requests need (from TUNEMELD_ADMIN_TOKEN, else kept in the data directory). */
    public String adminToken() {
        return adminToken;
    }

    public String graphqlUrl() {
        return pageUrl() + "graphql";
    }

    /** The web page: each genre's aggregate, served by cache-service. */
    public String pageUrl() {
        return "http://127.0.0.1:" + settings.ports().cache() + "/";
    }

    /** Where TuneMeld's web app reaches its API (cache-service's port of its own for it). */
    public String webAppApiUrl() {
        return "http://127.0.0.1:" + settings.ports().webApp();
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + settings.ports().ingest();
    }

    /** A running service's base URL (its actuator is under /actuator). */
    public String serviceUrl(String name) {
        ConfigurableApplicationContext running = services.get(name);
        // a service started as a process of its own listens on its configured port
        return "http://127.0.0.1:" + (running == null ? settings.ports().of(name) : running.getEnvironment().getProperty("local.server.port"));
    }

    /** The running services by name, in start order. */
    public Map<String, ConfigurableApplicationContext> services() {
        return services;
    }

    @Override
    public void close() {
        List<String> running = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(running);
        for (String name : running) {
            try {
                services.get(name).close();
            } catch (RuntimeException e) {
                log.warn("while stopping {}: {}", name, e.toString());
            }
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        services.clear();
    }
}
