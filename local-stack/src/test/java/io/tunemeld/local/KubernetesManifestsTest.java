package io.tunemeld.local;

import static io.tunemeld.local.Yamls.list;
import static io.tunemeld.local.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.schemas.SchemaRegistration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every kustomize overlay rendered by kubectl's kustomize (no cluster runs here), and the objects it
 * yields checked as a cluster would take them: images pinned, the seccomp default profile, slow starts
 * left to a startup probe, a generated ConfigMap whose name the pods follow, no replica count on what KEDA
 * scales, a disruption budget for every consumer. Skips, saying why, without a kubectl whose kustomize
 * knows components (kubectl 1.21+: KUBECTL names one); with TUNEMELD_CI=1 that is a failure.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> CONSUMERS = List.of("normalizer-service", "track-service", "aggregate-service", "cache-service");
    private static String kubectl;

    @BeforeAll
    static void aKubectlWithKustomize() throws Exception {
        kubectl = Objects.requireNonNullElse(System.getenv("KUBECTL"), "kubectl");
        String version = run(List.of(kubectl, "version", "--client")).output();
        if (!version.contains("Kustomize Version: v4") && !version.contains("Kustomize Version: v5")) {
            String missing = "no kubectl with kustomize 4 or newer (" + kubectl + ": " + version.strip().replace('\n', ' ') + ")";
            System.out.println("KubernetesManifestsTest skipped: " + missing);
            assertThat(System.getenv("TUNEMELD_CI")).as("TUNEMELD_CI=1, but " + missing).isNotEqualTo("1");
            Assumptions.abort(missing);
        }
    }

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("deploy/overlays"))) {
            return dirs.map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRenderedObjectsAreWhatAClusterShouldRun(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        List<Map<String, Object>> deployments = rendered.ofKind("Deployment");
        assertThat(deployments).extracting(d -> name(d)).containsExactlyInAnyOrder("ingest-service", "normalizer-service",
                "track-service", "aggregate-service", "cache-service");
        List<Map<String, Object>> configMaps = rendered.ofKind("ConfigMap");
        assertThat(configMaps).hasSize(1);
        String config = name(configMaps.get(0));
        assertThat(config).as("a generated name, changing with the content").matches("tunemeld-config-[a-z0-9]{10}");
        List<String> scaled = rendered.ofKind("ScaledObject").stream()
                .map(s -> String.valueOf(map(map(s.get("spec")).get("scaleTargetRef")).get("name"))).toList();
        for (Map<String, Object> deployment : deployments) {
            String service = name(deployment);
            Map<String, Object> spec = map(deployment.get("spec"));
            Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
            Map<String, Object> container = map(list(pod.get("containers")).get(0));
            assertThat(String.valueOf(container.get("image"))).as(service).matches("tunemeld/" + service + ":[\\w.-]+");
            assertThat(map(map(pod.get("securityContext")).get("seccompProfile"))).as(service).containsEntry("type", "RuntimeDefault");
            assertThat(map(container.get("startupProbe"))).as(service).containsKey("httpGet");
            assertThat(map(container.get("livenessProbe"))).as("%s: slow starts are the startup probe's", service)
                    .doesNotContainKey("initialDelaySeconds");
            assertThat(String.valueOf(list(container.get("envFrom")).get(0))).as(service).contains("name=" + config);
            Map<String, Object> schemas = map(list(pod.get("initContainers")).get(0));
            assertThat(String.valueOf(schemas.get("command"))).as("%s: the schemas registered before it starts", service)
                    .endsWith(SchemaRegistration.class.getName() + "]");
            assertThat(String.valueOf(schemas.get("image"))).as(service).matches("tunemeld/ingest-service:[\\w.-]+");
            assertThat(String.valueOf(schemas.get("envFrom"))).as(service).contains("name=" + config);
            assertThat(map(schemas.get("securityContext"))).as(service).containsEntry("readOnlyRootFilesystem", true);
            if (scaled.contains(service)) {
                assertThat(spec).as("%s is scaled by KEDA: no replicas to fight it", service).doesNotContainKey("replicas");
            }
        }
        List<String> budgets = rendered.ofKind("PodDisruptionBudget").stream()
                .map(b -> String.valueOf(map(map(map(b.get("spec")).get("selector")).get("matchLabels")).get("app.kubernetes.io/name"))).toList();
        assertThat(budgets).containsExactlyInAnyOrderElementsOf(CONSUMERS);
        Map<String, Object> cache = deployments.stream().filter(d -> name(d).equals("cache-service")).findFirst().orElseThrow();
        assertThat(String.valueOf(map(list(map(map(map(cache.get("spec")).get("template")).get("spec")).get("containers")).get(0)).get("env")))
                .as("cache-service reads a Redis password from the Secret").contains("name=REDIS_PASSWORD")
                .contains("key=redis-password");
        if (overlay.equals("production")) {
            assertThat(scaled).containsExactlyInAnyOrderElementsOf(CONSUMERS);
            assertThat(rendered.ofKind("ScaledObject")).allSatisfy(s -> assertThat(map(s.get("spec"))).containsEntry("minReplicaCount", 2));
            Map<String, String> guarded = new java.util.TreeMap<>();
            for (Map<String, Object> policy : rendered.ofKind("NetworkPolicy")) {
                Map<String, Object> spec = map(policy.get("spec"));
                guarded.put(String.valueOf(map(map(spec.get("podSelector")).get("matchLabels")).values()), String.valueOf(spec.get("ingress")));
            }
            assertThat(guarded).as("who may reach the infrastructure").containsOnlyKeys("[postgresql]", "[redis]", "[kafka]", "[apicurio-registry]", "[tunemeld]");
            assertThat(guarded.get("[redis]")).contains("app.kubernetes.io/name=cache-service").doesNotContain("part-of");
            assertThat(guarded.get("[postgresql]")).contains("app.kubernetes.io/part-of=tunemeld").contains("port=5432");
            assertThat(guarded.get("[kafka]")).contains("app.kubernetes.io/part-of=tunemeld");
            assertThat(guarded.get("[apicurio-registry]")).contains("app.kubernetes.io/part-of=tunemeld").contains("port=8080");
        }
        if (overlay.equals("local")) {
            assertThat(map(configMaps.get(0).get("data"))).containsEntry("KAFKA_REPLICATION_FACTOR", "1");
        }
    }

    private static Rendered render(String overlay) throws Exception {
        Result result = run(List.of(kubectl, "kustomize", ROOT.resolve("deploy/overlays/" + overlay).toString()));
        assertThat(result.code()).as(result.output()).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        new Yaml().loadAll(result.output()).forEach(o -> objects.add(map(o)));
        return new Rendered(objects);
    }

    private record Rendered(List<Map<String, Object>> objects) {
        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    private static Result run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        process.waitFor(1, TimeUnit.MINUTES);
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String output) {
    }
}
