package io.tunemeld.local;

import static io.tunemeld.local.Yamls.list;
import static io.tunemeld.local.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.schemas.SchemaRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Kubernetes manifests cannot be run here (no Docker engine, no cluster), so
 * they are checked against the code: every service is there, built from the shared Dockerfile, given
 * only environment variables its configuration reads, on the port it listens on, with probes on its
 * actuator groups, as a non-root read-only container, and scaled on its own consumer group.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> SERVICES = List.of("ingest-service", "normalizer-service", "track-service",
            "aggregate-service", "cache-service");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
    private static final Pattern DEFAULT_PORT = Pattern.compile("server:\\s*\\n\\s*port:\\s*\\$\\{[A-Z_]+:(\\d+)}");

    @Test
    void composeRunsEveryServiceFromTheSharedDockerfileAgainstTheInfrastructure() throws IOException {
        Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
        assertThat(services).containsKeys("kafka", "registry", "postgres", "redis", "kafka-ui");
        assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
        for (String service : SERVICES) {
            Map<String, Object> compose = map(services.get(service));
            Map<String, Object> build = map(compose.get("build"));
            assertThat(build.get("dockerfile")).isEqualTo("Dockerfile");
            assertThat(map(build.get("args")).get("SERVICE")).as(service).isEqualTo(service);
            assertThat(String.valueOf(map(build.get("args")).get("BASE_IMAGE"))).as(service).isEqualTo("${SERVICE_BASE_IMAGE:-eclipse-temurin:17-jre}");
            Set<String> readable = placeholders(service);
            assertThat(map(compose.get("environment")).keySet()).as("variables %s reads", service).isSubsetOf(readable);
            // a consumer's host port is a variable, so that its replicas can each take one of a range
            String hostPort = service.equals("ingest-service") ? String.valueOf(defaultPort(service))
                    : "${" + service.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_HOST_PORTS:-" + defaultPort(service) + "}";
            assertThat(list(compose.get("ports"))).as(service)
                    .containsExactly("${TUNEMELD_BIND_ADDRESS:-127.0.0.1}:" + hostPort + ":" + defaultPort(service));
            assertThat(map(compose.get("depends_on")).keySet()).contains("kafka", "registry", "postgres");
            assertThat(map(map(compose.get("depends_on")).get("schemas"))).as("%s starts once the schemas are registered", service)
                    .containsEntry("condition", "service_completed_successfully");
            assertThat(String.valueOf(map(compose.get("healthcheck")).get("test"))).as(service)
                    .contains("/dev/tcp/127.0.0.1/" + defaultPort(service)).contains("/actuator/health/readiness")
                    .as("the readiness status, not a body that lists components").contains("'HTTP/1.1 200 '").doesNotContain("grep");
        }
        assertThat(String.valueOf(map(services.get("schemas")).get("entrypoint"))).as("the deploy step's class")
                .endsWith(SchemaRegistration.class.getName() + "]");
        String uiRegistry = String.valueOf(map(map(services.get("kafka-ui")).get("environment")).get("KAFKA_CLUSTERS_0_SCHEMAREGISTRY"));
        assertThat(uiRegistry).endsWith("/apis/ccompat/v7");
        assertThat(list(map(services.get("kafka-ui")).get("profiles"))).containsExactly("tools");
        for (Object volume : list(map(services.get("postgres")).get("volumes"))) {
            String mount = String.valueOf(volume);
            if (mount.startsWith("./")) {
                assertThat(ROOT.resolve(mount.substring(0, mount.indexOf(':')))).as(mount).isRegularFile();
            }
        }
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("${SERVICE}-*-exec.jar").contains("USER 10001")
                .contains("extract --layers").doesNotContain("RUN ./mvnw");
    }

    @Test
    void theClusterFileGivesEveryKafkaClientAllThreeBrokersAndEveryTopicThreeReplicasTwoInSync() throws IOException {
        Map<String, Object> main = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
        Map<String, Object> cluster = map(yaml(ROOT.resolve("docker-compose.cluster.yml")).get("services"));
        for (var service : main.entrySet()) {
            Map<String, Object> environment = map(map(service.getValue()).getOrDefault("environment", Map.of()));
            if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                Map<String, Object> override = map(cluster.get(service.getKey()));
                assertThat(map(override.get("environment"))).as(service.getKey())
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092,kafka-3:9092")
                        .containsEntry("KAFKA_REPLICATION_FACTOR", "3");
                assertThat(map(override.get("depends_on"))).as(service.getKey()).containsKeys("kafka-2", "kafka-3");
            }
        }
        List<Integer> nodeIds = new ArrayList<>();
        for (String broker : List.of("kafka", "kafka-2", "kafka-3")) {
            Map<String, Object> environment = map(map(cluster.get(broker)).get("environment"));
            nodeIds.add((Integer) environment.get("KAFKA_NODE_ID"));
            assertThat(environment).as(broker).containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3).containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2);
        }
        assertThat(nodeIds).containsExactly(1, 2, 3);
    }

    @Test
    void everyComposeImageIsAVariableWithAPinnedOfficialDefaultAndEveryPortListensOnTheBindAddress() throws IOException {
        Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
        Pattern pinned = Pattern.compile("\\$\\{[A-Z_]+_IMAGE:-[a-z0-9./-]+:v?\\d+(\\.\\d+)+}");
        for (String infrastructure : List.of("kafka", "registry", "postgres", "redis", "kafka-ui")) {
            assertThat(String.valueOf(map(services.get(infrastructure)).get("image"))).as(infrastructure).matches(pinned);
        }
        services.forEach((name, service) -> {
            Object ports = map(service).get("ports");
            if (ports != null) {
                assertThat(list(ports)).as(name).allSatisfy(port -> assertThat(String.valueOf(port)).startsWith("${TUNEMELD_BIND_ADDRESS:-127.0.0.1}:"));
            }
        });
        String example = Files.readString(ROOT.resolve(".env.example"));
        assertThat(example).contains("TUNEMELD_ADMIN_TOKEN=").contains("KAFKA_IMAGE=").contains("TUNEMELD_BIND_ADDRESS=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "normalizer-service", "track-service", "aggregate-service", "cache-service"})
    void eachKubernetesDeploymentMatchesItsService(String service) throws IOException {
        List<Map<String, Object>> documents = documents(ROOT.resolve("deploy/base/" + service + ".yaml"));
        Map<String, Object> deployment = documents.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        Map<String, Object> container = map(list(pod.get("containers")).get(0));
        assertThat(map(list(container.get("ports")).get(0)).get("containerPort")).isEqualTo(defaultPort(service));
        assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("path")).isEqualTo("/actuator/health/liveness");
        assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path")).isEqualTo("/actuator/health/readiness");
        assertThat(map(container.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
        assertThat(map(container.get("resources"))).containsKeys("requests", "limits");
        Set<String> env = new HashSet<>();
        list(container.get("env")).forEach(e -> env.add(String.valueOf(map(e).get("name"))));
        Map<String, Object> generator = map(list(yaml(ROOT.resolve("deploy/base/kustomization.yaml")).get("configMapGenerator")).get(0));
        list(generator.get("literals")).forEach(literal -> env.add(String.valueOf(literal).substring(0, String.valueOf(literal).indexOf('='))));
        assertThat(env).as("variables %s reads", service).isSubsetOf(placeholders(service));
        assertThat(documents).anyMatch(d -> "Service".equals(d.get("kind")));
    }

    @Test
    void kustomizeListsEveryManifestAndKedaScalesEachConsumerOnItsOwnGroup() throws IOException {
        for (String resource : list(yaml(ROOT.resolve("deploy/base/kustomization.yaml")).get("resources")).stream().map(String::valueOf).toList()) {
            assertThat(ROOT.resolve("deploy/base").resolve(resource)).exists();
        }
        List<String> groups = new ArrayList<>();
        for (Map<String, Object> scaled : documents(ROOT.resolve("deploy/components/keda/scaledobjects.yaml"))) {
            String target = String.valueOf(map(map(scaled.get("spec")).get("scaleTargetRef")).get("name"));
            String group = String.valueOf(map(map(list(map(scaled.get("spec")).get("triggers")).get(0)).get("metadata")).get("consumerGroup"));
            assertThat(group).as(target).isEqualTo(groupId(target));
            groups.add(group);
        }
        assertThat(groups).containsExactlyInAnyOrder("normalizer-service", "track-service", "aggregate-service", "cache-service");
    }

    @Test
    void theGrafanaDashboardChartsTheLagMetricsTheServicesExport() throws IOException {
        String dashboard = Files.readString(ROOT.resolve("deploy/grafana/tunemeld-lag.json"));
        assertThat(dashboard).contains("tunemeld_kafka_consumer_lag_records").contains("tunemeld_kafka_consumer_lag_seconds");
        // what its queries give under replicas: LagDashboardQueriesTest
        assertThat(new Yaml().<Map<String, Object>>load(dashboard)).containsKeys("title", "panels");
    }

    /** The environment variables a service's configuration (its own and the shared file) reads. */
    private static Set<String> placeholders(String service) throws IOException {
        Set<String> names = new HashSet<>();
        for (Path file : List.of(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"),
                ROOT.resolve("platform/src/main/resources/tunemeld-platform.yml"))) {
            Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static int defaultPort(String service) throws IOException {
        Matcher matcher = DEFAULT_PORT.matcher(Files.readString(ROOT.resolve(service + "/src/main/resources/" + service + ".yml")));
        assertThat(matcher.find()).as("%s declares its port", service).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static String groupId(String service) throws IOException {
        Map<String, Object> config = yaml(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"));
        return String.valueOf(map(map(map(config.get("spring")).get("kafka")).get("consumer")).get("group-id"));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return documents(file).get(0);
    }

    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(Files.readString(file)).forEach(d -> {
            if (d != null) {
                documents.add(map(d));
            }
        });
        return documents;
    }
}
