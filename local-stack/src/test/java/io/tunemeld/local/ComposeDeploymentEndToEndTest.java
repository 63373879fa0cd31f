package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.schemas.SchemaRegistration;
import io.tunemeld.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml on a real Docker Engine, as a user runs it: the five service images and the
 * infrastructure containers (the official images, or where they cannot be pulled the stand-ins of
 * deploy/local-images.sh) started from the repository root, the bundled samples ingested through the
 * published ingest port with the admin token, and GraphQL then serving exactly the aggregates this JVM's
 * embedded stack serves for the same samples. The operator commands run from the host against it, a
 * replay among them while a killed service container comes back by itself; a down and up keeps every
 * table and publishes nothing again.
 *
 * <p>It runs in a test JVM of its own (so the embedded stack there holds nothing but the samples), from
 * {@code .ci/run}, which installs and starts the engine and builds the images first
 * ({@code TUNEMELD_CI=1} makes a missing engine a failure); elsewhere it skips, saying why.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeDeploymentEndToEndTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PROJECT = "tunemeld-compose-check";
    private static final List<String> SAMPLE_GENRES = List.of("country", "dance", "pop", "rap");
    private static final String AGGREGATE = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { entries(limit: 250) {
              rank score track { key title artist spotifyUrl appleMusicUrl soundcloudUrl } positions { service position } } } }""";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = token();

    private static List<String> compose;
    private static Map<String, JsonNode> embedded;
    private static final Map<String, String> FINDINGS = new LinkedHashMap<>();

    @BeforeAll
    static void engineAndImages() throws Exception {
        boolean required = "1".equals(System.getenv("TUNEMELD_CI"));
        String missing = null;
        if (run(List.of("docker", "info"), Map.of(), Duration.ofSeconds(30)).code() != 0) {
            missing = "no Docker Engine answers (docker info failed)";
        } else if (!Files.exists(ROOT.resolve("deploy/local-images.env")) && !required) {
            missing = "no deploy/local-images.env: run deploy/local-images.sh to build the images first";
        }
        if (missing != null) {
            System.out.println("ComposeDeploymentEndToEndTest skipped: " + missing);
            assertThat(required).as("TUNEMELD_CI=1, but " + missing).isFalse();
            Assumptions.abort(missing);
        }
        compose = new ArrayList<>(run(List.of("docker-compose", "version"), Map.of(), Duration.ofSeconds(30)).code() == 0
                ? List.of("docker-compose") : List.of("docker", "compose"));
        compose.addAll(List.of("-p", PROJECT));
        if (Files.exists(ROOT.resolve("deploy/local-images.env"))) {
            compose.addAll(List.of("--env-file", "deploy/local-images.env"));
        }
        // what the embedded stack serves for the samples, before the containers take the machine's cores
        SharedStack.samplesRun();
        embedded = new LinkedHashMap<>();
        StackClient local = StackClient.of(SharedStack.get());
        for (String genre : SAMPLE_GENRES) {
            embedded.put(genre, local.graphql(AGGREGATE, Map.of("genre", genre)).path("aggregatePlaylist"));
        }
        composeCommand(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
    }

    @AfterAll
    static void removeDeployment() throws Exception {
        if (compose != null) {
            if (!FINDINGS.isEmpty()) {
                System.out.println("ComposeDeploymentEndToEndTest verified:");
                FINDINGS.forEach((what, figure) -> System.out.println("  " + what + ": " + figure));
            }
            composeCommand(Duration.ofMinutes(3), "logs", "--no-color", "--tail", "200");
            composeCommand(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        }
    }

    @Test
    @Order(1)
    void theDeploymentStartsIngestsTheSamplesAndServesTheEmbeddedStacksAggregates() throws Exception {
        long started = System.nanoTime();
        composeCommand(Duration.ofMinutes(10), "up", "-d");
        awaitReady(Duration.ofMinutes(6));
        FINDINGS.put("up -d to every service ready", seconds(started));
        assertThat(schemaRegistration()).as("the deploy step registered the schemas the services look up")
                .contains(SchemaRegistration.subjects().size() + " subjects registered at http://registry:8080");

        JsonNode run = ingest("wait=true");
        assertThat(runOutcomes(run.path("id").asString())).as("the samples' twelve playlists").hasSize(12).allMatch(s -> s.equals("PUBLISHED"));
        PipelineProgress.requireCaughtUp("127.0.0.1:9092", Duration.ofMinutes(5));
        assertAggregatesEqualTheEmbeddedStacks("ingested");
        FINDINGS.put("aggregates equal to the embedded stack's", SAMPLE_GENRES + ", links included");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>TuneMeld</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    @Order(2)
    void theOperatorCommandsWorkFromTheHostWhileAKilledServiceComesBackByItself() throws Exception {
        Result status = cli("status");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output()).contains("PUBLISHED");
        Result lag = cli("lag");
        assertThat(lag.code()).as(lag.output()).isZero();
        assertThat(lag.output()).contains("normalizer-service").contains("track-service").contains("cache-service");

        // cache-service dies as in a crash or an OOM kill: its process is killed from outside Docker (a docker kill
        // counts as stopped by hand, which no restart policy undoes); the replay's aggregates wait for it
        Result killed = run(List.of("kill", "-KILL", inspect("cache-service", "{{.State.Pid}}")), Map.of(), Duration.ofSeconds(30));
        assertThat(killed.code()).as(killed.output()).isZero();
        Result replay = cli("replay", "aggregate-service", "--from", "earliest", "--timeout", "PT5M");
        assertThat(replay.code()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("aggregate-service has caught up.");
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> inspect("cache-service", "{{.RestartCount}} {{.State.Status}}").equals("1 running"));
        awaitReady(Duration.ofMinutes(4));
        PipelineProgress.requireCaughtUp("127.0.0.1:9092", Duration.ofMinutes(5));
        assertAggregatesEqualTheEmbeddedStacks("replayed while cache-service was down");

        Result deadLetters = cli("dlt");
        assertThat(deadLetters.code()).as(deadLetters.output()).isZero();
        assertThat(deadLetters.output()).contains(Topics.deadLetter(Topics.RAW_PLAYLISTS) + ": 0 dead letters")
                .doesNotContainPattern("-dlt: [1-9]\\d* dead letters");
        Result anonymous = run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                "http://127.0.0.1:8091/%61pi/runs?dir=/samples"), Map.of(), Duration.ofSeconds(30));
        assertThat(anonymous.output().strip()).as("an encoded path without the token").isEqualTo("401");
        FINDINGS.put("from the host", "status, lag, replay aggregate-service while cache-service was SIGKILLed (it restarted by itself,"
                + " caught up, same aggregates), dlt: none; /%61pi/runs without token: 401");
    }

    @Test
    @Order(3)
    void downAndUpKeepsEveryTableAndPublishesNothingAgain() throws Exception {
        Map<String, String> rowsBefore = rowCounts();
        long rawBefore = endOffsets();
        composeCommand(Duration.ofMinutes(3), "down");
        long started = System.nanoTime();
        composeCommand(Duration.ofMinutes(10), "up", "-d");
        awaitReady(Duration.ofMinutes(6));
        FINDINGS.put("down, then up -d to every service ready", seconds(started));
        assertThat(schemaRegistration()).as("registering again against the registry's kept schemas adds no version")
                .contains(SchemaRegistration.subjects().size() + " subjects registered").doesNotContain("version 2");
        PipelineProgress.requireCaughtUp("127.0.0.1:9092", Duration.ofMinutes(5));
        assertThat(rowCounts()).as("rows per table after down and up").isEqualTo(rowsBefore);

        JsonNode again = ingest("wait=true");
        List<String> outcomes = runOutcomes(again.path("id").asString());
        assertThat(outcomes).hasSize(12).allMatch(s -> s.equals("UNCHANGED"));
        PipelineProgress.requireCaughtUp("127.0.0.1:9092", Duration.ofMinutes(5));
        assertThat(endOffsets()).as("records on every topic").isEqualTo(rawBefore);
        Map<String, String> expected = new LinkedHashMap<>(rowsBefore);
        // the run itself is recorded, with its twelve outcomes; nothing else changes
        expected.computeIfPresent("ingest.ingest_runs", (table, rows) -> String.valueOf(Long.parseLong(rows) + 1));
        expected.computeIfPresent("ingest.ingest_run_playlists", (table, rows) -> String.valueOf(Long.parseLong(rows) + 12));
        assertThat(rowCounts()).as("rows per table after the samples came again").isEqualTo(expected);
        assertAggregatesEqualTheEmbeddedStacks("after down and up");
        FINDINGS.put("down and up", rowsBefore.size() + " tables with the same row counts, " + rawBefore
                + " records on the topics before and after, the samples again: 12 UNCHANGED, only the run recorded");
    }

    private static void assertAggregatesEqualTheEmbeddedStacks(String when) throws Exception {
        for (String genre : SAMPLE_GENRES) {
            JsonNode served = graphql(AGGREGATE, genre).path("aggregatePlaylist");
            assertThat(served.path("entries").size()).as(genre).isPositive();
            assertThat(served).as("the aggregate of %s, containers vs embedded, %s", genre, when).isEqualTo(embedded.get(genre));
        }
    }

    private static JsonNode ingest(String waitParameter) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8091/api/runs?dir=/samples&trigger=compose-check&" + waitParameter))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
        return JsonMapper.shared().readTree(response.body());
    }

    private static List<String> runOutcomes(String id) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8091/api/runs/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> statuses = new ArrayList<>();
        JsonMapper.shared().readTree(body).path("playlists").forEach(p -> statuses.add(p.path("status").asString()));
        return statuses;
    }

    private static JsonNode graphql(String query, String genre) throws Exception {
        String body = JsonMapper.shared().writeValueAsString(Map.of("query", query, "variables", Map.of("genre", genre)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JsonMapper.shared().readTree(response.body());
        assertThat(answer.path("errors").isMissingNode()).as(response.body()).isTrue();
        return answer.path("data");
    }

    /** Every service answers its readiness probe with 200 on its published port. */
    private static void awaitReady(Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            for (int port : List.of(8091, 8092, 8093, 8094, 8080)) {
                var probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build();
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    private static String inspect(String service, String format) throws Exception {
        Result id = composeCommand(Duration.ofSeconds(30), "ps", "-q", service);
        return run(List.of("docker", "inspect", "-f", format, id.output().strip()), Map.of(), Duration.ofSeconds(30))
                .output().strip();
    }

    /** Rows of every table of every service's schema, counted by PostgreSQL inside its container. */
    private static Map<String, String> rowCounts() throws Exception {
        String sql = """
                select string_agg(format('%s.%s=%s', schemaname, relname,
                  (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', schemaname, relname), false, true, '')))[1]::text),
                  ' ' order by schemaname, relname)
                from pg_stat_user_tables where schemaname in ('ingest', 'normalizer', 'track', 'aggregate', 'cache')
                  and relname <> 'flyway_schema_history'""";
        Result counted = composeCommand(Duration.ofMinutes(1), "exec", "-T", "postgres", "psql", "-U", "postgres", "-d", "tunemeld",
                "-At", "-c", sql);
        assertThat(counted.code()).as(counted.output()).isZero();
        Map<String, String> counts = new LinkedHashMap<>();
        for (String pair : counted.output().strip().split(" ")) {
            counts.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(counts).isNotEmpty();
        return counts;
    }

    /** Records ever written to every topic, read from the host through Kafka's published listener. */
    private static long endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"))) {
            long total = 0;
            for (String topic : admin.listTopics().names().get()) {
                total += TopicRecords.endOffset("127.0.0.1:9092", topic);
            }
            return total;
        }
    }

    private static String schemaRegistration() throws Exception {
        Result logs = composeCommand(Duration.ofMinutes(1), "logs", "--no-color", "schemas");
        assertThat(logs.code()).as(logs.output()).isZero();
        return logs.output();
    }

    private static Result cli(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TuneMeldCli.class.getName()));
        command.addAll(List.of(arguments));
        return run(command, Map.of("TUNEMELD_ADMIN_TOKEN", TOKEN), Duration.ofMinutes(6));
    }

    private static Result composeCommand(Duration timeout, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of(arguments));
        Result result = run(command, Map.of("TUNEMELD_ADMIN_TOKEN", TOKEN), timeout);
        if (result.code() != 0) {
            System.out.println(String.join(" ", command) + " failed:\n" + result.output());
        }
        return result;
    }

    private static Result run(List<String> command, Map<String, String> environment, Duration timeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        process.getOutputStream().close();
        // read while it runs: a command that writes more than a pipe holds would otherwise never end
        var output = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(5_000);
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    private static String seconds(long startedNanos) {
        return "%.0f s".formatted((System.nanoTime() - startedNanos) / 1e9);
    }

    private static String token() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private record Result(int code, String output) {
    }
}
