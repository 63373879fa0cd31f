package io.tunemeld.local;

import io.tunemeld.embedded.FreePorts;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack keeps its data, which ports it uses, and which infrastructure it does not start
 * because the environment points at an external one ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code REGISTRY_URL},
 * {@code DB_URL}, {@code REDIS_HOST}/{@code REDIS_PORT}/{@code REDIS_PASSWORD}: the same variables the services
 * read).
 */
public record StackSettings(Path dataDir, Path registryHome, Ports ports, Optional<String> externalKafka,
        Optional<String> externalRegistry, Optional<String> externalDatabase, Optional<Redis> externalRedis,
        Map<String, String> serviceProperties) {

    /** Where a Redis listens and the password it asks for ("" for none). */
    record Redis(String host, int port, String password) {
    }

    /** The same settings with properties given to every service (e.g. an external API's base URL). */
    public StackSettings withServiceProperties(Map<String, String> properties) {
        return new StackSettings(dataDir, registryHome, ports, externalKafka, externalRegistry, externalDatabase,
                externalRedis, Map.copyOf(properties));
    }

    /**
     * Every port of the stack; the defaults are the services' own defaults, and for the web app's API the
     * address TuneMeld's web app calls when served locally.
     */
    public record Ports(int kafka, int kafkaController, int registry, int registryManagement, int postgres, int redis,
            int cache, int ingest, int normalizer, int track, int aggregate, int webApp) {

        /** The port of a service, by its name (e.g. normalizer-service). */
        public int of(String service) {
            return switch (service) {
                case "ingest-service" -> ingest;
                case "normalizer-service" -> normalizer;
                case "track-service" -> track;
                case "aggregate-service" -> aggregate;
                case "cache-service" -> cache;
                default -> throw new IllegalArgumentException("no service " + service);
            };
        }

        public static Ports defaults() {
            return new Ports(9092, 9093, 8081, 9001, 5432, 6379, 8080, 8091, 8092, 8093, 8094, 8000);
        }

        /** Free ports, for tests and benchmarks that must not collide with a running stack. */
        public static Ports free() {
            FreePorts free = new FreePorts();
            return new Ports(free.next(), free.next(), free.next(), free.next(), free.next(), free.next(), free.next(),
                    free.next(), free.next(), free.next(), free.next(), free.next());
        }
    }

    public static StackSettings fromEnvironment(Path dataDir, Path registryHome, Ports ports, Map<String, String> env) {
        Optional<Redis> redis = nonBlank(env.get("REDIS_HOST")).map(host -> new Redis(host,
                Integer.parseInt(env.getOrDefault("REDIS_PORT", "6379")), env.getOrDefault("REDIS_PASSWORD", "")));
        return new StackSettings(dataDir, registryHome, ports, nonBlank(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                nonBlank(env.get("REGISTRY_URL")), nonBlank(env.get("DB_URL")), redis, Map.of());
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
