package io.tunemeld.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

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

        private static final Random RANDOM = new Random();

        public static Ports defaults() {
            return new Ports(9092, 9093, 8081, 9001, 5432, 6379, 8080, 8091, 8092, 8093, 8094, 8000);
        }

        /**
         * Free ports, for tests and benchmarks that must not collide with a running stack: ports free now,
         * below Linux's ephemeral range (32768 and up). A port the system handed out would be free when
         * chosen, yet could be taken by an outgoing connection before the server binds it.
         */
        public static Ports free() {
            Set<Integer> taken = new HashSet<>();
            return new Ports(free1(taken), free1(taken), free1(taken), free1(taken), free1(taken), free1(taken), free1(taken),
                    free1(taken), free1(taken), free1(taken), free1(taken), free1(taken));
        }

        private static int free1(Set<Integer> taken) {
            for (int attempt = 0; attempt < 1000; attempt++) {
                int port = 10_000 + RANDOM.nextInt(22_000);
                if (!taken.contains(port)) {
                    try (ServerSocket socket = new ServerSocket(port)) {
                        taken.add(port);
                        return port;
                    } catch (IOException e) {
                        // in use: try another
                    }
                }
            }
            throw new IllegalStateException("no free port found between 10000 and 32000");
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
