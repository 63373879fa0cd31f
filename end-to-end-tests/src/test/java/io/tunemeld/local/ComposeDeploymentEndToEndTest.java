package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.local.ComposeProject.Result;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import io.tunemeld.schemas.SchemaRegistration;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml on a real Docker Engine, as a user runs it: the five service images and the
 * infrastructure containers (the official images, or where they cannot be pulled the stand-ins of
 * deploy/local-images.sh) started from the repository root, the bundled samples ingested through the
 * published ingest port with the admin token, and GraphQL then serving exactly the aggregates this JVM's
 * embedded stack serves for the same samples. The operator commands run from the host against it, a
 * replay among them while a killed service container comes back by itself; a down and up keeps every
 * table and publishes nothing again; scaled out, with a replica of each consuming service killed part-way
 * through the samples, the replicas split the work and lose and duplicate nothing; and
 * {@code ./tunemeld bench --deployed} measures the deployment from the host.
 *
 * <p>It runs in a test JVM of its own (so the embedded stack there holds nothing but the samples); see
 * {@link ComposeProject} for where it runs and where it skips.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeDeploymentEndToEndTest {

    private static final List<String> SAMPLE_GENRES = List.of("country", "dance", "pop", "rap");
    private static final String AGGREGATE = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { entries(limit: 250) {
              rank score previousRank peakRank daysOnList movement
              track { key title artist spotifyUrl appleMusicUrl soundcloudUrl } positions { service position } } } }""";

    private static ComposeProject compose;
    private static Map<String, JsonNode> embedded;
    /** Rows per table once the samples went through undisturbed. */
    private static Map<String, String> undisturbedRows;
    /** Records each consumer group took in then, by group. */
    private static final Map<String, Long> undisturbedInputs = new LinkedHashMap<>();

    @BeforeAll
    static void engineAndImages() throws Exception {
        // with what the benchmark needs (PostgreSQL and Redis published, its charts mounted), measured in the last step
        compose = ComposeProject.of("ComposeDeploymentEndToEndTest", "tunemeld-compose-check", "docker-compose.yml",
                "docker-compose.bench.yml").orElse(null);
        Assumptions.assumeTrue(compose != null, "no Docker Engine or images");
        // what the embedded stack serves for the samples, before the containers take the machine's cores
        SharedStack.samplesRun();
        embedded = new LinkedHashMap<>();
        StackClient local = StackClient.of(SharedStack.get());
        for (String genre : SAMPLE_GENRES) {
            embedded.put(genre, local.graphql(AGGREGATE, Map.of("genre", genre)).path("aggregatePlaylist"));
        }
        // its answers are all this class needs of it: its idle servers and consumers would take CPU from the containers
        SharedStack.close();
        compose.remove();
    }

    @AfterAll
    static void removeDeployment() throws Exception {
        if (compose != null) {
            compose.end();
        }
    }

    @Test
    @Order(1)
    void theDeploymentStartsIngestsTheSamplesAndServesTheEmbeddedStacksAggregates() throws Exception {
        long started = System.nanoTime();
        compose.command(Duration.ofMinutes(10), "up", "-d");
        compose.awaitReady(Duration.ofMinutes(6));
        compose.verified("up -d to every service ready", ComposeProject.seconds(started));
        assertThat(schemaRegistration()).as("the deploy step registered the schemas the services look up")
                .contains(SchemaRegistration.subjects().size() + " subjects registered at http://registry:8080");

        JsonNode run = ingest("wait=true");
        assertThat(compose.runOutcomes(run.path("id").asString())).as("the samples' twelve playlists").hasSize(12).allMatch(s -> s.equals("PUBLISHED"));
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        // a line written while a record was processed names the trace and span it was written in
        assertThat(jsonLog("normalizer-service")).filteredOn(entry -> entry.at("/log/logger").asString().endsWith(".SnapshotService")
                        && entry.path("message").asString().startsWith("snapshot "))
                .as("the normalizer's lines about the snapshots it stored").hasSizeGreaterThanOrEqualTo(12).allSatisfy(entry -> {
                    assertThat(entry.path("traceId").asString()).as(entry.toString()).matches("[0-9a-f]{32}");
                    assertThat(entry.path("spanId").asString()).as(entry.toString()).matches("[0-9a-f]{16}");
                });
        assertAggregatesEqualTheEmbeddedStacks("ingested");
        undisturbedRows = comparableRows();
        try (var lag = new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ComposeProject.KAFKA), Clock.systemUTC())) {
            for (var group : PipelineProgress.INPUTS.entrySet()) {
                undisturbedInputs.put(group.getKey(), committed(lag.read(group.getKey(), group.getValue())));
            }
        }
        compose.verified("aggregates equal to the embedded stack's", SAMPLE_GENRES + ", links included");

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
        String killed = compose.kill("cache-service");
        Result replay = compose.cli("replay", "aggregate-service", "--from", "earliest", "--timeout", "5m");
        assertThat(replay.code()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("aggregate-service has caught up.");
        compose.awaitRestarted(killed);
        compose.awaitReady(Duration.ofMinutes(4));
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        assertAggregatesEqualTheEmbeddedStacks("replayed while cache-service was down");

        compose.assertNoDeadLetter();
        Result anonymous = ComposeProject.run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "http://127.0.0.1:8091/%61pi/runs?dir=/samples"), Map.of(), Duration.ofSeconds(30));
        assertThat(anonymous.output().strip()).as("an encoded path without the token").isEqualTo("401");
        compose.verified("from the host", "status, lag, replay aggregate-service while cache-service was SIGKILLed (it restarted by itself,"
                + " caught up, same aggregates), dlt: none; /%61pi/runs without token: 401");
    }

    @Test
    @Order(3)
    void downAndUpKeepsEveryTableAndPublishesNothingAgain() throws Exception {
        Map<String, String> rowsBefore = compose.rowCounts();
        long rawBefore = endOffsets();
        long runsBefore = TopicRecords.endOffset(ComposeProject.KAFKA, Topics.Names.INGEST_RUNS);
        compose.command(Duration.ofMinutes(3), "down");
        long started = System.nanoTime();
        compose.command(Duration.ofMinutes(10), "up", "-d");
        compose.awaitReady(Duration.ofMinutes(6));
        compose.verified("down, then up -d to every service ready", ComposeProject.seconds(started));
        assertThat(schemaRegistration()).as("registering again against the registry's kept schemas adds no version")
                .contains(SchemaRegistration.subjects().size() + " subjects registered").doesNotContain("version 2");
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        assertThat(compose.rowCounts()).as("rows per table after down and up").isEqualTo(rowsBefore);

        JsonNode again = ingest("wait=true");
        List<String> outcomes = compose.runOutcomes(again.path("id").asString());
        assertThat(outcomes).hasSize(12).allMatch(s -> s.equals("UNCHANGED"));
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));
        // the run's own result is published (RunFinished, for the notifier); nothing of the pipeline's is
        assertThat(endOffsets()).as("records on every topic: the run's result, no more").isEqualTo(rawBefore + 1);
        assertThat(TopicRecords.endOffset(ComposeProject.KAFKA, Topics.Names.INGEST_RUNS)).as("the run's result")
                .isEqualTo(runsBefore + 1);
        Map<String, String> expected = new LinkedHashMap<>(rowsBefore);
        // the run itself is recorded, with its twelve outcomes; nothing else changes
        expected.computeIfPresent("ingest.ingest_runs", (table, rows) -> String.valueOf(Long.parseLong(rows) + 1));
        expected.computeIfPresent("ingest.ingest_run_playlists", (table, rows) -> String.valueOf(Long.parseLong(rows) + 12));
        assertThat(compose.rowCounts()).as("rows per table after the samples came again").isEqualTo(expected);
        assertAggregatesEqualTheEmbeddedStacks("after down and up");
        compose.verified("down and up", rowsBefore.size() + " tables with the same row counts, " + rawBefore
                + " records on the topics before and after, the samples again: 12 UNCHANGED, only the run recorded");
    }

    /**
     * A fresh deployment, scaled out: three normalizers, two track-services and two cache-services (their
     * published ports from ranges). It ingests the samples, and one replica of each consuming service is
     * SIGKILLed part-way through its input: it has committed some records and has more to process, so it
     * dies between a batch's work and its commit or in the middle of it; its partitions move to the
     * replicas left while Docker restarts it. The input partitions end split among the replicas, no other
     * container restarted (together the replicas' connection pools fit in PostgreSQL's connections), and
     * the deployment holds exactly what the undisturbed one-replica run held.
     */
    @Test
    @Order(4)
    void scaledOutWithAReplicaOfEachConsumerKilledPartWayItEndsWithTheUndisturbedRunsTables() throws Exception {
        assertThat(undisturbedRows).as("the undisturbed run's rows, from the first test").isNotNull();
        compose.command(Duration.ofMinutes(3), "down", "-v");
        Map<String, Integer> replicas = new LinkedHashMap<>();
        replicas.put("normalizer-service", 3);
        replicas.put("track-service", 2);
        replicas.put("cache-service", 2);
        compose.set("NORMALIZER_HOST_PORTS", "18092-18094");
        compose.set("TRACK_HOST_PORTS", "18095-18096");
        compose.set("CACHE_HOST_PORTS", "18080-18081");
        List<String> up = new ArrayList<>(List.of("up", "-d"));
        replicas.forEach((service, count) -> up.addAll(List.of("--scale", service + "=" + count)));
        Result started = compose.command(Duration.ofMinutes(10), up.toArray(String[]::new));
        assertThat(started.code()).as(started.output()).isZero();
        compose.awaitReady(Duration.ofMinutes(8));
        for (var service : replicas.entrySet()) {
            assertThat(compose.containers(service.getKey()))
                    .as("%s containers", service.getKey()).hasSize(service.getValue());
        }

        String run = ingest("wait=false").path("id").asString();
        Map<String, String> killed = new LinkedHashMap<>();
        Map<String, String> when = new LinkedHashMap<>();
        try (var lag = new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ComposeProject.KAFKA), Clock.systemUTC())) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
            while (killed.size() < PipelineProgress.INPUTS.size() && Instant.now().isBefore(deadline)) {
                for (var group : PipelineProgress.INPUTS.entrySet()) {
                    ConsumerLagReader.GroupLag read = lag.read(group.getKey(), group.getValue());
                    long committed = committed(read);
                    long input = undisturbedInputs.get(group.getKey());
                    // more to come, on its topics or still upstream: a service with a short input (twelve
                    // snapshots) is seldom seen with records waiting, but often between its batches
                    if (!killed.containsKey(group.getKey()) && committed > 0 && committed < input) {
                        killed.put(group.getKey(), compose.kill(group.getKey()));
                        when.put(group.getKey(), committed + " of " + input + " records committed, " + read.records() + " waiting");
                    }
                }
                Thread.sleep(200);
            }
        }
        assertThat(killed.keySet()).as("each consuming service caught part-way: " + when)
                .containsExactlyInAnyOrderElementsOf(PipelineProgress.INPUTS.keySet());
        killed.values().forEach(compose::awaitRestarted);
        compose.awaitReady(Duration.ofMinutes(6));
        compose.awaitRunFinished(run);
        assertThat(compose.runOutcomes(run)).hasSize(12).allMatch("PUBLISHED"::equals);
        PipelineProgress.requireCaughtUp(ComposeProject.KAFKA, Duration.ofMinutes(5));

        Map<String, Set<String>> owners = new LinkedHashMap<>();
        try (var lag = new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ComposeProject.KAFKA), Clock.systemUTC())) {
            for (String service : List.of("normalizer-service", "track-service")) {
                owners.put(service, lag.read(service, PipelineProgress.INPUTS.get(service)).partitions().stream()
                        .map(ConsumerLagReader.PartitionLag::owner).filter(Objects::nonNull)
                        .map(owner -> owner.substring(owner.indexOf('@') + 1)).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        owners.forEach((service, hosts) -> assertThat(hosts).as("the hosts owning %s's partitions", service).hasSizeGreaterThan(1));
        Map<String, Integer> restarts = compose.restarts();
        assertThat(restarts).as("containers").hasSizeGreaterThanOrEqualTo(13);
        assertThat(restarts).as("restarts per container, the killed ones %s", killed.values()).allSatisfy((container, count) ->
                assertThat(count).as(container).isEqualTo(killed.containsValue(container) ? 1 : 0));
        String connections = compose.sql("select count(*) || ' of ' || current_setting('max_connections') from pg_stat_activity");
        assertAggregatesEqualTheEmbeddedStacks("scaled out, a replica of each consumer killed part-way");
        assertThat(comparableRows()).as("rows per table, scaled out and killed part-way vs undisturbed").isEqualTo(undisturbedRows);
        compose.assertNoDeadLetter();
        compose.verified("scaled out " + replicas + ", a replica of each consumer SIGKILLed part-way", when + "; partition owners' hosts "
                + owners + "; " + restarts.size() + " containers, only the killed ones restarted (once, by Docker), PostgreSQL connections "
                + connections + "; same aggregates, " + undisturbedRows.size() + " tables with the undisturbed run's row counts, no dead letter");
    }

    /**
     * {@code ./tunemeld bench --deployed} against the scaled-out deployment: it writes its charts where the
     * ingest-service reads them, measures the raw rates on the deployment's broker and database, and reports
     * the pipeline's figures with every playlist and aggregate in the read model.
     */
    @Test
    @Order(5)
    void theBenchmarkMeasuresTheDeployment() throws Exception {
        Result bench = compose.cli(Map.of("POSTGRES_PASSWORD", "postgres"), "bench", "--deployed", "--entries", "3000", "--tracks", "50",
                "--warmup-entries", "0", "--raw-records", "20000", "--out", "end-to-end-tests/target/compose-bench");
        assertThat(bench.code()).as(bench.output()).isZero();
        JsonNode figures = JsonMapper.shared().readTree(ComposeProject.ROOT.resolve("end-to-end-tests/target/compose-bench/pipeline-bench.json")
                .toFile());
        assertThat(figures.path("target").asString()).isEqualTo("deployed");
        assertThat(figures.path("entries").asInt()).isEqualTo(3000);
        assertThat(figures.path("rows").path("cache.playlists").asInt()).as("playlists in the read model").isEqualTo(60);
        assertThat(figures.path("rows").path("cache.aggregates").asInt()).as("aggregates in the read model").isEqualTo(20);
        assertThat(figures.path("playlistEditions").asInt()).as("RawPlaylistFetched records the bench saw").isEqualTo(60);
        // a playlist whose Redis write was refused under load (and repaired by deleting the key) cannot be timed:
        // the bench says so; one whose key is there but whose write it did not hear of would be its own fault
        List<JsonNode> untimed = new ArrayList<>();
        figures.path("untimed").forEach(untimed::add);
        assertThat(untimed).as("playlists whose key is in Redis but were not timed; the bench printed:%n%s", bench.output())
                .noneMatch(playlist -> playlist.path("inRedis").asBoolean());
        assertThat(figures.path("latencyMs").path("playlists").asInt() + untimed.size()).as("playlists timed, or not with a reason")
                .isEqualTo(60);
        assertThat(untimed).as("a measure of the run, not of a few playlists").hasSizeLessThanOrEqualTo(6);
        assertThat(figures.path("entriesPerSecond").asDouble()).isPositive();
        figures.path("raw").forEach(rate -> assertThat(rate.path("perSecond").asDouble()).as(rate.path("what").asString()).isPositive());
        assertThat(figures.path("raw").size()).as("raw Kafka produce and consume, raw PostgreSQL upserts").isEqualTo(3);
        compose.assertNoDeadLetter();
        JsonNode latency = figures.path("latencyMs");
        compose.verified("bench --deployed on the scaled-out deployment", "%,.0f entries/s, fetch to Redis p50/p95/p99 %d/%d/%d ms%s"
                .formatted(figures.path("entriesPerSecond").asDouble(), latency.path("p50").asLong(), latency.path("p95").asLong(),
                        latency.path("p99").asLong(), untimed.isEmpty() ? "" : "; not timed: " + untimed));
    }

    /**
     * Rows per table as two runs of the same input must agree on them, whatever the order their events
     * arrived in: live canonical tracks (one re-keyed on the way stays as history, replaced by its new key),
     * and not the aggregates computed on the way (one per distinct content, as the snapshots came in; the
     * final ones are compared whole).
     */
    private static long committed(ConsumerLagReader.GroupLag read) {
        return read.partitions().stream().mapToLong(p -> p.committed() == null ? 0 : p.committed()).sum();
    }

    private static Map<String, String> comparableRows() throws Exception {
        Map<String, String> rows = compose.rowCounts();
        // how many partial rankings an edition passes through depends on how its snapshots were batched: the
        // aggregates, and the ranks of a moment before the newest, are compared as each genre's latest
        rows.remove("aggregate.aggregates");
        rows.put("aggregate.aggregate_entries", compose.sql("""
                select count(*) from aggregate.aggregate_entries
                where aggregate_id in (select max(id) from aggregate.aggregates group by genre)"""));
        rows.put("cache.rank_history", compose.sql("""
                select count(*) from cache.rank_history
                where (genre, computed_at) in (select genre, max(computed_at) from cache.rank_history group by genre)"""));
        // which provisional keys an entry passes through before its ISRC depends on arrival order too
        rows.put("track.tracks", compose.sql("select count(*) from track.tracks where replaced_by is null"));
        rows.remove("cache.replaced_tracks");
        return rows;
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

    /** Each line a service logged: one JSON object (Elastic Common Schema) that names the service. */
    /** The service's log, every line of it a JSON object naming the service, its level and time. */
    private static List<JsonNode> jsonLog(String service) throws Exception {
        Result logs = compose.command(Duration.ofMinutes(1), "logs", "--no-color", "--no-log-prefix", service);
        assertThat(logs.code()).as(logs.output()).isZero();
        // docker-compose's own first line names the container it reads
        List<String> lines = logs.output().lines().filter(line -> !line.isBlank() && !line.startsWith("Attaching to ")).toList();
        assertThat(lines).as("%s's log", service).hasSizeGreaterThan(10);
        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry;
            try {
                entry = JsonMapper.shared().readTree(line);
            } catch (JacksonException e) {
                throw new AssertionError("not a JSON line in " + service + "'s log: " + line, e);
            }
            assertThat(entry.at("/service/name").asString()).as(line).isEqualTo(service);
            assertThat(entry.at("/log/level").asString()).as(line).isNotEmpty();
            assertThat(entry.path("@timestamp").asString()).as(line).isNotEmpty();
            entries.add(entry);
        }
        return entries;
    }

    private static String schemaRegistration() throws Exception {
        Result logs = compose.command(Duration.ofMinutes(1), "logs", "--no-color", "schemas");
        assertThat(logs.code()).as(logs.output()).isZero();
        return logs.output();
    }
}
