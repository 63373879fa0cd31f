package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retention through the real services: history past the retention's age (a year and a day by default) is
 * deleted from each service's own tables when the job runs, what is younger stays, and the job reports
 * what it removed.
 */
class RetentionEndToEndTest {

    private static final String ISRC = "ZZRET2600001";

    @Test
    void historyOlderThanTheRetentionIsDeletedAndReportedAndTheRestIsKept() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
        Instant kept = Instant.now().minus(300, ChronoUnit.DAYS);
        try (Connection track = connect(stack, "track"); Connection cache = connect(stack, "cache");
                Connection aggregate = connect(stack, "aggregate")) {
            for (Instant at : List.of(old, kept)) {
                insert(track, "historical_view_counts (isrc, service, date, count) values ('" + ISRC + "', 'youtube', DAY, 5)", at);
                insert(track, "view_count_failures (isrc, service, date, reason, failed_at) values ('" + ISRC + "', 'youtube', DAY, 'a test', now())",
                        at);
                insert(cache, "view_counts (isrc, service, date, count, counted_at) values ('" + ISRC + "', 'youtube', DAY, 5, now())", at);
                insert(cache, "rank_history (genre, computed_at, track_key, isrc, rank, score)"
                        + " values ('retention-test', TIME, 'hash:retention', '" + ISRC + "', 1, 1.0)", at);
            }
            insert(track, "view_count_runs (date, started_at) values (DAY, now())", old);
            insert(aggregate, "aggregate_entries (aggregate_id, genre, computed_at, track_key, rank)"
                    + " select id, genre, TIME, 'hash:retention', 1 from aggregates order by id limit 1", old);
            Map<String, Long> before = counts(track, cache, aggregate);

            JsonNode trackReport = run(stack, "track-service");
            JsonNode cacheReport = run(stack, "cache-service");
            JsonNode aggregateReport = run(stack, "aggregate-service");

            assertThat(Instant.parse(trackReport.path("before").asString())).isBetween(old, kept);
            assertThat(trackReport.path("removed").path("view-count history").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(trackReport.path("removed").path("view-count failures").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(trackReport.path("removed").path("view-count runs").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(cacheReport.path("removed").path("view-count history").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(cacheReport.path("removed").path("rank history").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(aggregateReport.path("removed").path("rank history").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(run(stack, "normalizer-service").path("removed").size()).as("a service that keeps no history").isZero();

            Map<String, Long> after = counts(track, cache, aggregate);
            for (var table : before.entrySet()) {
                String name = table.getKey();
                assertThat(after.get(name)).as("%s: rows before the cut-off are gone, the others kept", name)
                        .isEqualTo(name.endsWith(" old") ? 0 : table.getValue());
            }
            assertThat(before).as("what the test put before the cut-off").allSatisfy((name, rows) -> {
                if (name.endsWith(" old")) {
                    assertThat(rows).as(name).isPositive();
                }
            });
            assertThat(PrometheusScrape.of(stack, "cache-service").sum("tunemeld_retention_removed_total{what=\"rank history\"}"))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private static Connection connect(LocalStack stack, String role) throws Exception {
        return DriverManager.getConnection(stack.databaseUrl(), role, role);
    }

    /** An insert whose DAY or TIME stands for the moment given. */
    private static void insert(Connection db, String into, Instant at) throws Exception {
        try (var statement = db.prepareStatement("insert into " + into.replace("DAY", "cast(cast(? as timestamptz) as date)")
                .replace("TIME", "cast(? as timestamptz)"))) {
            statement.setString(1, at.toString());
            statement.executeUpdate();
        }
    }

    /** Rows of each history table before the cut-off ("old") and in all. */
    private static Map<String, Long> counts(Connection track, Connection cache, Connection aggregate) throws Exception {
        String cutOff = "now() - interval '366 days'";
        return Map.ofEntries(
                count(track, "track historical_view_counts old", "historical_view_counts where date < cast(" + cutOff + " as date)"),
                count(track, "track historical_view_counts", "historical_view_counts where date >= cast(" + cutOff + " as date)"),
                count(track, "track view_count_failures old", "view_count_failures where date < cast(" + cutOff + " as date)"),
                count(track, "track view_count_failures", "view_count_failures where date >= cast(" + cutOff + " as date)"),
                count(track, "track view_count_runs old", "view_count_runs where date < cast(" + cutOff + " as date)"),
                count(track, "track view_count_runs", "view_count_runs where date >= cast(" + cutOff + " as date)"),
                count(cache, "cache view_counts old", "view_counts where date < cast(" + cutOff + " as date)"),
                count(cache, "cache view_counts", "view_counts where date >= cast(" + cutOff + " as date)"),
                count(cache, "cache rank_history old", "rank_history where computed_at < " + cutOff),
                count(cache, "cache rank_history", "rank_history where computed_at >= " + cutOff),
                count(aggregate, "aggregate aggregate_entries old", "aggregate_entries where computed_at < " + cutOff),
                count(aggregate, "aggregate aggregate_entries", "aggregate_entries where computed_at >= " + cutOff));
    }

    private static Map.Entry<String, Long> count(Connection db, String name, String from) throws Exception {
        try (var rows = db.createStatement().executeQuery("select count(*) from " + from)) {
            rows.next();
            return Map.entry(name, rows.getLong(1));
        }
    }

    private static JsonNode run(LocalStack stack, String service) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.serviceUrl(service)
                        + "/actuator/retention")).header("Authorization", "Bearer " + stack.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }
}
