package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.ComposeProject.Result;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import io.tunemeld.schemas.SchemaRegistration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml on a real Docker Engine, as a user runs it: the five service images and the
 * infrastructure containers (the official images, or where they cannot be pulled the stand-ins of
 * deploy/local-images.sh) started from the repository root, the bundled samples ingested through the
 * published ingest port with the admin token, and GraphQL then serving exactly the aggregates this JVM's
 * embedded stack serves for the same samples. The operator commands run from the host against it, a
 * replay among them while a killed service container comes back by itself; a down and up keeps every
 * table and publishes nothing again; each consuming service killed part-way through the samples loses
 * and duplicates nothing.
 *
 * <p>It runs in a test JVM of its own (so the embedded stack there holds nothing but the samples); see
 * {@link ComposeProject} for where it runs and where it skips.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeDeploymentEndToEndTest {

    private static final List<String> SAMPLE_GENRES = List.of("country", "dance", "pop", "rap");
    private static final String AGGREGATE = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { entries(limit: 250) {
              rank score track { key title artist spotifyUrl appleMusicUrl soundcloudUrl } positions { service position } } } }""";

    private static ComposeProject compose;
    private static Map<String, JsonNode> embedded;
    /** Rows per table once the samples went through undisturbed. */
    private static Map<String, String> undisturbedRows;
    private static final Map<String, String> FINDINGS = new LinkedHashMap<>();

    @BeforeAll
    static void engineAndImages() throws Exception {
        compose = ComposeProject.of("ComposeDeploymentEndToEndTest", "tunemeld-compose-check", "docker-compose.yml").orElse(null);
        Assumptions.assumeTrue(compose != null, "no Docker Engine or images");
        // what the embedded stack serves for the samples, before the containers take the machine's cores
        SharedStack.samplesRun();
        embedded = new LinkedHashMap<>();
        StackClient local = StackClient.of(SharedStack.get());
        for (String genre : SAMPLE_GENRES) {
            embedded.put(genre, local.graphql(AGGREGATE, Map.of("genre", genre)).path("aggregatePlaylist"));
        }
        compose.remove(false);
    }

    @AfterAll
    static void removeDeployment() throws Exception {
        if (compose != null) {
            if (!FINDINGS.isEmpty()) {
                System.out.println("ComposeDeploymentEndToEndTest verified:");
                FINDINGS.forEach((what, figure) -> System.out.println("  " + what + ": " + figure));
            }
            compose.remove(true);
        }
    }

    @Test
    @Order(1)
    void theDeploymentStartsIngestsTheSamplesAndServesTheEmbeddedStacksAggregates() throws Exception {
        long started = System.nanoTime();
        compose.command(Duration.ofMinutes(10), "up", "-d");
        compose.awaitReady(Duration.ofMinutes(6));
        FINDINGS.put("up -d to every service ready", ComposeProject.seconds(started));
        assertThat(schemaRegistration()).as("the deploy step registered the schemas the services look up")
                .contains(SchemaRegistration.subjects().size() + " subjects registered at http://registry:8080");

        JsonNode run = ingest("wait=true");
        assertThat(runOutcomes(run.path("id").asString())).as("the samples' twelve playlists").hasSize(12).allMatch(s -> s.equals("PUBLISHED"));
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        assertAggregatesEqualTheEmbeddedStacks("ingested");
        undisturbedRows = compose.rowCounts();
        FINDINGS.put("aggregates equal to the embedded stack's", SAMPLE_GENRES + ", links included");

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>TuneMeld</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    @Order(2)
    void theOperatorCommandsWorkFromTheHostWhileAKilledServiceComesBackByItself() throws Exception {
        Result status = compose.cli("status");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output()).contains("PUBLISHED");
        Result lag = compose.cli("lag");
        assertThat(lag.code()).as(lag.output()).isZero();
        assertThat(lag.output()).contains("normalizer-service").contains("track-service").contains("cache-service");

        // cache-service dies as in a crash; the replay's aggregates wait for it
        compose.kill("cache-service");
        Result replay = compose.cli("replay", "aggregate-service", "--from", "earliest", "--timeout", "PT5M");
        assertThat(replay.code()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("aggregate-service has caught up.");
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> compose.inspect("cache-service", "{{.RestartCount}} {{.State.Status}}").equals("1 running"));
        compose.awaitReady(Duration.ofMinutes(4));
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        assertAggregatesEqualTheEmbeddedStacks("replayed while cache-service was down");

        compose.assertNoDeadLetter();
        Result anonymous = ComposeProject.run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "http://127.0.0.1:8091/%61pi/runs?dir=/samples"), Map.of(), Duration.ofSeconds(30));
        assertThat(anonymous.output().strip()).as("an encoded path without the token").isEqualTo("401");
        FINDINGS.put("from the host", "status, lag, replay aggregate-service while cache-service was SIGKILLed (it restarted by itself,"
                + " caught up, same aggregates), dlt: none; /%61pi/runs without token: 401");
    }

    @Test
    @Order(3)
    void downAndUpKeepsEveryTableAndPublishesNothingAgain() throws Exception {
        Map<String, String> rowsBefore = compose.rowCounts();
        long rawBefore = endOffsets();
        compose.command(Duration.ofMinutes(3), "down");
        long started = System.nanoTime();
        compose.command(Duration.ofMinutes(10), "up", "-d");
        compose.awaitReady(Duration.ofMinutes(6));
        FINDINGS.put("down, then up -d to every service ready", ComposeProject.seconds(started));
        assertThat(schemaRegistration()).as("registering again against the registry's kept schemas adds no version")
                .contains(SchemaRegistration.subjects().size() + " subjects registered").doesNotContain("version 2");
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        assertThat(compose.rowCounts()).as("rows per table after down and up").isEqualTo(rowsBefore);

        JsonNode again = ingest("wait=true");
        List<String> outcomes = runOutcomes(again.path("id").asString());
        assertThat(outcomes).hasSize(12).allMatch(s -> s.equals("UNCHANGED"));
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        assertThat(endOffsets()).as("records on every topic").isEqualTo(rawBefore);
        Map<String, String> expected = new LinkedHashMap<>(rowsBefore);
        // the run itself is recorded, with its twelve outcomes; nothing else changes
        expected.computeIfPresent("ingest.ingest_runs", (table, rows) -> String.valueOf(Long.parseLong(rows) + 1));
        expected.computeIfPresent("ingest.ingest_run_playlists", (table, rows) -> String.valueOf(Long.parseLong(rows) + 12));
        assertThat(compose.rowCounts()).as("rows per table after the samples came again").isEqualTo(expected);
        assertAggregatesEqualTheEmbeddedStacks("after down and up");
        FINDINGS.put("down and up", rowsBefore.size() + " tables with the same row counts, " + rawBefore
                + " records on the topics before and after, the samples again: 12 UNCHANGED, only the run recorded");
    }

    /**
     * A fresh deployment ingests the samples, and each consuming service is SIGKILLed once, part-way through
     * its input: it has committed some records and has more to process, so it is killed between a batch's
     * work and its commit or in the middle of it. Docker restarts each; the deployment then holds exactly
     * what the undisturbed run held.
     */
    @Test
    @Order(4)
    void eachConsumingServiceKilledPartWayLosesAndDuplicatesNothing() throws Exception {
        assertThat(undisturbedRows).as("the undisturbed run's rows, from the first test").isNotNull();
        compose.command(Duration.ofMinutes(3), "down", "-v");
        compose.command(Duration.ofMinutes(10), "up", "-d");
        compose.awaitReady(Duration.ofMinutes(6));
        ingest("wait=false");
        Map<String, String> killed = new LinkedHashMap<>();
        try (var lag = new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ComposeProject.KAFKA), Clock.systemUTC())) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
            while (killed.size() < PipelineProgress.INPUTS.size() && Instant.now().isBefore(deadline)) {
                for (var group : PipelineProgress.INPUTS.entrySet()) {
                    ConsumerLagReader.GroupLag read = lag.read(group.getKey(), group.getValue());
                    long committed = read.partitions().stream().mapToLong(p -> p.committed() == null ? 0 : p.committed()).sum();
                    if (!killed.containsKey(group.getKey()) && committed > 0 && read.records() > 0) {
                        compose.kill(group.getKey());
                        killed.put(group.getKey(), committed + " records committed, " + read.records() + " to go");
                    }
                }
                Thread.sleep(200);
            }
        }
        assertThat(killed.keySet()).as("each consuming service caught part-way: " + killed)
                .containsExactlyInAnyOrderElementsOf(PipelineProgress.INPUTS.keySet());
        for (String service : killed.keySet()) {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> compose.inspect(service, "{{.RestartCount}} {{.State.Status}}").equals("1 running"));
        }
        compose.awaitReady(Duration.ofMinutes(6));
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        assertAggregatesEqualTheEmbeddedStacks("after each consuming service was killed part-way");
        assertThat(compose.rowCounts()).as("rows per table, killed part-way vs undisturbed").isEqualTo(undisturbedRows);
        compose.assertNoDeadLetter();
        FINDINGS.put("each consumer SIGKILLed part-way", killed + "; each restarted by Docker, same aggregates, "
                + undisturbedRows.size() + " tables with the undisturbed run's row counts, no dead letter");
    }

    private static void assertAggregatesEqualTheEmbeddedStacks(String when) throws Exception {
        for (String genre : SAMPLE_GENRES) {
            JsonNode served = compose.graphql(AGGREGATE, Map.of("genre", genre)).path("aggregatePlaylist");
            assertThat(served.path("entries").size()).as(genre).isPositive();
            assertThat(served).as("the aggregate of %s, containers vs embedded, %s", genre, when).isEqualTo(embedded.get(genre));
        }
    }

    private static JsonNode ingest(String waitParameter) throws Exception {
        return compose.ingest("/samples", waitParameter);
    }

    private static List<String> runOutcomes(String id) throws Exception {
        return compose.runOutcomes(id);
    }

    /** Records ever written to every topic, read from the host through Kafka's published listener. */
    private static long endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ComposeProject.KAFKA))) {
            long total = 0;
            for (String topic : admin.listTopics().names().get()) {
                total += TopicRecords.endOffset(ComposeProject.KAFKA, topic);
            }
            return total;
        }
    }

    private static String schemaRegistration() throws Exception {
        Result logs = compose.command(Duration.ofMinutes(1), "logs", "--no-color", "schemas");
        assertThat(logs.code()).as(logs.output()).isZero();
        return logs.output();
    }
}
