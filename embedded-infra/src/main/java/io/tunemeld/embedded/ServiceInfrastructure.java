package io.tunemeld.embedded;

import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.SchemaRegistration;
import io.tunemeld.schemas.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What one service needs around it in its own module's tests, once per test JVM: a real Kafka broker, a real
 * Apicurio Registry holding TuneMeld's schemas (registered as every deployment's deploy step does), the
 * service's schema in the shared PostgreSQL of {@link ServiceDatabase}, and a Redis when asked for. The service
 * runs in the test's Spring context, pointed here by {@link #register}; the test writes its input topics
 * and reads what it published.
 */
public final class ServiceInfrastructure {

    /** The Apicurio Registry distribution, unpacked by the build (the parent pom's unpack-registry execution). */
    public static final String REGISTRY_HOME = "tunemeld.registry.home";

    private static final Logger log = LoggerFactory.getLogger(ServiceInfrastructure.class);

    private static ServiceInfrastructure instance;

    private final FreePorts ports;
    private final Path data;
    private final LocalKafka kafka;
    private final LocalRegistry registry;
    private final String adminToken = UUID.randomUUID().toString();
    private LocalRedis redis;
    private int redisPort;

    private ServiceInfrastructure(FreePorts ports, Path data, LocalKafka kafka, LocalRegistry registry) {
        this.ports = ports;
        this.data = data;
        this.kafka = kafka;
        this.registry = registry;
    }

    public static synchronized ServiceInfrastructure get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static ServiceInfrastructure start() {
        long started = System.nanoTime();
        String home = System.getProperty(REGISTRY_HOME);
        if (home == null) {
            throw new IllegalStateException("no " + REGISTRY_HOME + ": run the tests through Maven, whose build unpacks the registry (unpack-registry)");
        }
        Path data;
        LocalRegistry registry;
        FreePorts ports = new FreePorts();
        try {
            data = Files.createTempDirectory("tunemeld-service-infrastructure");
            // the registry is a JVM of its own: it boots while the broker starts here. It serves a test's few
            // schema look-ups: the quick compiler alone and one collector thread start it sooner
            registry = LocalRegistry.launch(Path.of(home), data.resolve("registry"), ports.next(), ports.next(),
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean ready = false;
        try {
            // PostgreSQL is a process of its own too: its start overlaps the broker's
            CompletableFuture<Void> database = CompletableFuture.runAsync(ServiceDatabase::startServer);
            LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), ports.next(), ports.next());
            database.join();
            registry.awaitReady();
            SchemaRegistration.register(registry.url());
            ServiceInfrastructure infrastructure = new ServiceInfrastructure(ports, data, kafka, registry);
            log.info("test infrastructure in {} ms: kafka {}, registry {}, database {}", (System.nanoTime() - started) / 1_000_000,
                    kafka.bootstrapServers(), registry.url(), ServiceDatabase.serverUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "service-infrastructure-stop"));
            ready = true;
            return infrastructure;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the registry started", e);
        } finally {
            if (!ready) {
                // a process of its own, which would outlive this JVM
                registry.close();
            }
        }
    }

    private void stop() {
        kafka.close();
        registry.close();
        try {
            if (redis != null) {
                redis.close();
            }
            ServiceDatabase.deleteTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points a test's Spring context at this infrastructure: its broker and registry, the service's own schema
     * and role, an admin token, and nothing scheduled (a test triggers what it runs).
     *
     * @param schema the service's schema and role (e.g. {@code aggregate})
     */
    public void register(DynamicPropertyRegistry properties, String schema) {
        String database = ServiceDatabase.of(schema).jdbcUrl();
        properties.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        properties.add("tunemeld.kafka.registry-url", registry::url);
        properties.add("spring.datasource.url", () -> database);
        properties.add("tunemeld.admin-token", () -> adminToken);
        properties.add("tunemeld.retention.schedule", () -> "-");
    }

    /** Starts a Redis for the service (once), and points the test's Spring context at it. */
    public synchronized void registerRedis(DynamicPropertyRegistry properties) {
        String password = "redis-" + adminToken;
        if (redis == null) {
            try {
                redisPort = ports.next();
                redis = LocalRedis.start(redisPort, password);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        properties.add("spring.data.redis.host", () -> "127.0.0.1");
        properties.add("spring.data.redis.port", () -> redisPort);
        properties.add("spring.data.redis.password", () -> password);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String adminToken() {
        return adminToken;
    }

    /** Creates topics another service would declare (a service declares only those it writes). */
    public void createTopics(Topic<?>... topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            for (Topic<?> topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + Arrays.toString(topics), e);
        }
    }

    /** Writes one event, as the service that owns the topic would, and waits for the broker's acknowledgement. */
    public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
        Map<String, Object> config = new HashMap<>(AvroSerdes.producerConfig(registry.url()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config)) {
            acknowledged(producer, new ProducerRecord<>(topic.name(), key, value));
        }
    }

    /** Writes bytes that are no event of ours, as a broken or foreign producer would. */
    public void sendBytes(Topic<?> topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            acknowledged(producer, new ProducerRecord<>(topic.name(), key, value));
        }
    }

    private static <V> void acknowledged(KafkaProducer<String, V> producer, ProducerRecord<String, V> record) {
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + record.topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + record.topic(), e);
        }
    }

    /** A consumer of events, in no group: a test assigns it the partitions it reads ({@link TopicRecords}). */
    public <V extends SpecificRecord> KafkaConsumer<String, V> consumer(Topic<V> topic) {
        Map<String, Object> config = new HashMap<>(AvroSerdes.consumerConfig(registry.url()));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config);
    }
}
