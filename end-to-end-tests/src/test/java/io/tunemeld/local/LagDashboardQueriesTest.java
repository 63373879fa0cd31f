package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lag dashboard's queries, as written in deploy/grafana/tunemeld-lag.json, evaluated by Prometheus's own
 * engine ({@code promtool test rules}) over the series a scaled-out group exports: every replica exports its
 * whole group's lag, per partition, each read at its own moment ({@link Promtool}).
 */
class LagDashboardQueriesTest {

    private static final String GROUP = "track-service";
    private static final String TOPIC = "track.service-tracks";
    private static final List<String> REPLICAS = List.of("track-service-1:8093", "track-service-2:8093");

    private static Promtool promtool;
    private static Map<String, String> queries;

    @BeforeAll
    static void promtoolAndTheDashboard() throws IOException {
        promtool = Promtool.require(LagDashboardQueriesTest.class.getSimpleName());
        queries = new LinkedHashMap<>();
        JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(ComposeProject.ROOT.resolve("deploy/grafana/tunemeld-lag.json")));
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asString(), target.path("expr").asString().replace("$group", GROUP));
            }
        }
        assertThat(queries).hasSize(2);
    }

    @Test
    void recordsBehindCountEachPartitionOnceHoweverManyReplicasExportIt() throws Exception {
        // three partitions 10, 20 and 30 records behind; the second replica read partition 0 a moment later (12)
        List<Map<String, Object>> series = new ArrayList<>();
        int[][] behind = {{10, 20, 30}, {12, 20, 30}};
        for (int replica = 0; replica < REPLICAS.size(); replica++) {
            for (int partition = 0; partition < 3; partition++) {
                series.add(series("tunemeld_kafka_consumer_lag_records", REPLICAS.get(replica), partition, behind[replica][partition]));
            }
        }
        assertThat(evaluate(series, query("Records behind"), 62)).as("promtool's answer").isEmpty();
        // and the sum over the replicas would have been caught: the same check fails for the doubled figure
        assertThat(evaluate(series, query("Records behind"), 122)).contains("got:").contains("6.2E+01");
    }

    @Test
    void theOldestRecordsAgeIsTheLargestAnyReplicaReads() throws Exception {
        List<Map<String, Object>> series = new ArrayList<>();
        int[][] seconds = {{4, 9, 0}, {4, 11, 0}};
        for (int replica = 0; replica < REPLICAS.size(); replica++) {
            for (int partition = 0; partition < 3; partition++) {
                series.add(series("tunemeld_kafka_consumer_lag_seconds", REPLICAS.get(replica), partition, seconds[replica][partition]));
            }
        }
        assertThat(evaluate(series, query("Age of the oldest"), 11)).as("promtool's answer").isEmpty();
    }

    private static String query(String titleStart) {
        return queries.entrySet().stream().filter(e -> e.getKey().startsWith(titleStart)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no panel '" + titleStart + "…' in " + queries.keySet()));
    }

    /** One replica's series of a partition's figure, as Prometheus stores it after scraping (instance and job added). */
    private static Map<String, Object> series(String metric, String instance, int partition, int value) {
        String labels = "{group=\"%s\",topic=\"%s\",partition=\"%d\",instance=\"%s\",job=\"tunemeld\"}"
                .formatted(GROUP, TOPIC, partition, instance);
        return Map.of("series", metric + labels, "values", value + "x10");
    }

    /**
     * Runs the query over the series with promtool, expecting one sample for the group and topic.
     *
     * @return promtool's complaint, empty when the query gave the expected value
     */
    private static String evaluate(List<Map<String, Object>> series, String query, double expected) throws Exception {
        return promtool.evaluate("15s", series, List.of(Map.of("expr", query, "eval_time", "1m",
                "exp_samples", List.of(Map.of("labels", "{group=\"%s\",topic=\"%s\"}".formatted(GROUP, TOPIC), "value", expected)))));
    }
}
