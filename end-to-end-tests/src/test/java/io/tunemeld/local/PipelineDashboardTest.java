package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards in deploy/grafana: every panel's query is PromQL Prometheus's own engine evaluates
 * ({@code promtool test rules}), the pipeline dashboard adds up replicas the way their figures need (each
 * replica's own calls summed, a group-wide figure taken once), and every metric a panel reads is exported.
 */
class PipelineDashboardTest {

    private static final Path DASHBOARDS = ComposeProject.ROOT.resolve("deploy/grafana");

    @Test
    void everyPanelsQueryEvaluates() throws Exception {
        Promtool promtool = Promtool.require(PipelineDashboardTest.class.getSimpleName());
        Map<String, String> queries = queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        List<Map<String, Object>> tests = new ArrayList<>();
        queries.values().forEach(query -> tests.add(Map.of("expr", query, "eval_time", "1m", "exp_samples", List.of())));
        // no series of these metrics: an empty answer, unless the query does not parse
        String failed = promtool.evaluate("1m", List.of(Map.of("series", "up{job=\"tunemeld\"}", "values", "1x5")), tests);
        assertThat(failed).as("promtool on %d queries", queries.size()).isEmpty();
    }

    @Test
    void externalCallsAndGraphqlTimesAreTakenOverReplicasAndDeadLettersCountedOncePerTopic() throws Exception {
        Promtool promtool = Promtool.require(PipelineDashboardTest.class.getSimpleName());
        Map<String, String> queries = queries();
        List<Map<String, Object>> series = List.of(
                // two track-service replicas, each answered a call a second
                Map.of("series", "tunemeld_external_calls_total{api=\"YouTube\",outcome=\"ok\",instance=\"track-1:8093\",job=\"tunemeld\"}",
                        "values", "0+60x10"),
                Map.of("series", "tunemeld_external_calls_total{api=\"YouTube\",outcome=\"ok\",instance=\"track-2:8093\",job=\"tunemeld\"}",
                        "values", "0+60x10"),
                // two groups read one topic and both export its dead-letter topic's count
                Map.of("series", "tunemeld_kafka_dead_letters{group=\"aggregate-service\",topic=\"normalizer.playlist-snapshots\","
                        + "instance=\"aggregate-1:8094\",job=\"tunemeld\"}", "values", "3x10"),
                Map.of("series", "tunemeld_kafka_dead_letters{group=\"cache-service\",topic=\"normalizer.playlist-snapshots\","
                        + "instance=\"cache-1:8080\",job=\"tunemeld\"}", "values", "3x10"),
                // two cache-service replicas: one answers every request within 0.1 s, the other none
                Map.of("series", "graphql_request_seconds_bucket{le=\"0.1\",instance=\"cache-1:8080\",job=\"tunemeld\"}", "values", "0+60x10"),
                Map.of("series", "graphql_request_seconds_bucket{le=\"+Inf\",instance=\"cache-1:8080\",job=\"tunemeld\"}", "values", "0+60x10"),
                Map.of("series", "graphql_request_seconds_bucket{le=\"0.1\",instance=\"cache-2:8080\",job=\"tunemeld\"}", "values", "0x10"),
                Map.of("series", "graphql_request_seconds_bucket{le=\"+Inf\",instance=\"cache-2:8080\",job=\"tunemeld\"}", "values", "0+60x10"));
        String failed = promtool.evaluate("1m", series, List.of(
                Map.of("expr", query(queries, "External API calls"), "eval_time", "8m",
                        "exp_samples", List.of(Map.of("labels", "{api=\"YouTube\",outcome=\"ok\"}", "value", 120))),
                Map.of("expr", query(queries, "Dead letters"), "eval_time", "8m",
                        "exp_samples", List.of(Map.of("labels", "{topic=\"normalizer.playlist-snapshots\"}", "value", 3))),
                // one p95 over both replicas' requests: half of them slower than 0.1 s
                Map.of("expr", query(queries, "GraphQL request time", "C"), "eval_time", "8m",
                        "exp_samples", List.of(Map.of("labels", "{}", "value", 0.1)))));
        assertThat(failed).isEmpty();
    }

    @Test
    void thePanelsReadOnlyMetricsTheServicesExport() throws Exception {
        Set<String> read = new TreeSet<>();
        queries().values().forEach(query -> read.addAll(PrometheusScrape.metricsIn(query)));
        assertThat(read).as("metrics the panels read").contains("spring_kafka_listener_seconds_count", "tunemeld_external_calls_total");
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        // GraphQL's request timer appears at the first request
        StackClient.of(stack).graphql("{ genres }", Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(PrometheusScrape.exported(stack)).containsAll(read));
        // the records-per-stage panels sum the listener timers by the service they name
        assertThat(PrometheusScrape.of(stack, "normalizer-service").text().lines()
                .filter(line -> line.startsWith("spring_kafka_listener_seconds_count{"))).isNotEmpty()
                .allMatch(line -> line.contains("service=\"normalizer-service\""));
    }

    /** Every panel's queries, by dashboard, panel title and query id, with the dashboards' variables given a value. */
    private static Map<String, String> queries() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode panel : JsonMapper.shared().readTree(Files.readString(file)).path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        queries.put(file.getFileName() + ": " + panel.path("title").asString() + " " + target.path("refId").asString(),
                                target.path("expr").asString().replace("$group", ".*"));
                    }
                }
            }
        }
        return queries;
    }

    private static String query(Map<String, String> queries, String titleStart) {
        return query(queries, titleStart, "A");
    }

    private static String query(Map<String, String> queries, String titleStart, String refId) {
        return queries.entrySet().stream().filter(e -> e.getKey().startsWith("tunemeld-pipeline.json: " + titleStart)
                        && e.getKey().endsWith(" " + refId))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no panel '" + titleStart + "…' " + refId));
    }

}
