package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.local.cli.TuneMeldCli;
import java.io.ByteArrayOutputStream;
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
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A docker-compose project of the repository's compose files on the Docker Engine, driven from the host as
 * a user drives it: compose commands, the published ports, the operator CLI, the processes of its
 * containers. Runs from {@code .ci/run}, which installs and starts the engine and builds the images
 * ({@code TUNEMELD_CI=1} makes a missing engine a failure); elsewhere a test using it skips, saying why.
 */
final class ComposeProject {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String KAFKA = "127.0.0.1:9092";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String testName;
    private final String project;
    private final List<String> compose;
    private final String token = newToken();
    private final Map<String, String> findings = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private int ingestPort = 8091;
    private int graphqlPort = 8080;

    private ComposeProject(String testName, String project, List<String> compose) {
        this.testName = testName;
        this.project = project;
        this.compose = compose;
    }

    /**
     * The project, or empty (printing why, after which the caller aborts) where no engine answers outside CI.
     *
     * @param files the compose files, relative to the repository root, the main one first
     */
    static Optional<ComposeProject> of(String testName, String project, String... files) throws Exception {
        boolean required = "1".equals(System.getenv("TUNEMELD_CI"));
        String missing = null;
        if (run(List.of("docker", "info"), Map.of(), Duration.ofSeconds(30)).code() != 0) {
            missing = "no Docker Engine answers (docker info failed)";
        } else if (!Files.exists(ROOT.resolve("deploy/local-images.env")) && !required) {
            missing = "no deploy/local-images.env: run deploy/local-images.sh to build the images first";
        }
        if (missing != null) {
            System.out.println(testName + " skipped: " + missing);
            assertThat(required).as("TUNEMELD_CI=1, but " + missing).isFalse();
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(run(List.of("docker-compose", "version"), Map.of(), Duration.ofSeconds(30)).code() == 0
                ? List.of("docker-compose") : List.of("docker", "compose"));
        command.addAll(List.of("-p", project));
        for (String file : files) {
            command.addAll(List.of("-f", file));
        }
        if (Files.exists(ROOT.resolve("deploy/local-images.env"))) {
            command.addAll(List.of("--env-file", "deploy/local-images.env"));
        }
        return Optional.of(new ComposeProject(testName, project, List.copyOf(command)));
    }

    /** A compose command in the repository root, with the admin token set; its output is printed when it fails. */
    Result command(Duration timeout, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of(arguments));
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("TUNEMELD_ADMIN_TOKEN", token);
        Result result = run(command, variables, timeout);
        if (result.code() != 0) {
            System.out.println(String.join(" ", command) + " failed:\n" + result.output());
        }
        return result;
    }

    /** Sets a variable the compose files read, for the compose commands from now on. */
    void set(String variable, String value) {
        environment.put(variable, value);
    }

    /** Notes what a test verified, with its figures, printed when the project ends. */
    void verified(String what, String figures) {
        findings.put(what, figures);
    }

    /** Removes the project's containers and volumes (left by an earlier run that was cut short). */
    void remove() throws Exception {
        command(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
    }

    /** Prints what was verified and the containers' last log lines, then removes the project. */
    void end() throws Exception {
        if (!findings.isEmpty()) {
            System.out.println(testName + " verified:");
            findings.forEach((what, figures) -> System.out.println("  " + what + ": " + figures));
        }
        command(Duration.ofMinutes(3), "logs", "--no-color", "--tail", "200");
        remove();
    }

    /**
     * Every container of the project with a health check is healthy (the services' checks require their
     * readiness group's 200); then the host ports of the ingest-service and of the first cache-service,
     * which are ranges when the project is scaled out, are looked up.
     */
    void awaitReady(Duration within) throws Exception {
        Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            List<String> ids = containers();
            List<String> inspect = new ArrayList<>(List.of("docker", "inspect", "-f",
                    "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}"));
            inspect.addAll(ids);
            Result health = run(inspect, Map.of(), Duration.ofSeconds(30));
            return !ids.isEmpty() && health.code() == 0 && health.output().lines().allMatch(h -> h.equals("healthy") || h.equals("none"));
        });
        ingestPort = hostPort("ingest-service", 8091);
        graphqlPort = hostPort("cache-service", 8080);
    }

    /** The host port published for a container port of the service's first replica. */
    int hostPort(String service, int port) throws Exception {
        Result published = command(Duration.ofSeconds(30), "port", service, String.valueOf(port));
        assertThat(published.code()).as(published.output()).isZero();
        String address = published.output().strip();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** Docker's inspection of the service's container (with replicas, the first one's). */
    String inspect(String service, String format) throws Exception {
        String first = containers(service).stream().findFirst().orElseThrow(() -> new AssertionError("no container of " + service));
        return inspectContainer(first, format);
    }

    /**
     * The ids of the project's running containers (of the services named, or all), oldest first: asked of
     * the engine by compose's labels, because docker-compose itself takes most of a core's second to answer
     * and the waits ask every two seconds while the services start.
     */
    List<String> containers(String... services) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + project));
        for (String service : services) {
            command.addAll(List.of("--filter", "label=com.docker.compose.service=" + service));
        }
        Result listed = run(command, Map.of(), Duration.ofSeconds(30));
        assertThat(listed.code()).as(listed.output()).isZero();
        List<String> ids = new ArrayList<>(listed.output().lines().filter(id -> !id.isBlank()).toList());
        // docker ps lists the newest first
        Collections.reverse(ids);
        return ids;
    }

    /** Docker's inspection of one container, by id or name. */
    String inspectContainer(String container, String format) throws Exception {
        return run(List.of("docker", "inspect", "-f", format, container), Map.of(), Duration.ofSeconds(30)).output().strip();
    }

    /** How often Docker restarted each of the project's containers, by container name. */
    Map<String, Integer> restarts() throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "inspect", "-f", "{{.Name}} {{.RestartCount}}"));
        command.addAll(containers());
        Map<String, Integer> restarts = new LinkedHashMap<>();
        run(command, Map.of(), Duration.ofSeconds(30)).output().lines().filter(line -> line.contains(" "))
                .forEach(line -> restarts.put(line.substring(1, line.indexOf(' ')), Integer.parseInt(line.substring(line.indexOf(' ') + 1))));
        return restarts;
    }

    /**
     * Kills the service's process as a crash or an OOM kill does, from outside Docker: a docker kill counts as
     * stopped by hand, which no restart policy undoes. With replicas, the first one is killed.
     *
     * @return the killed container's name
     */
    String kill(String service) throws Exception {
        String container = inspect(service, "{{.Name}}").substring(1);
        Result killed = run(List.of("kill", "-KILL", inspectContainer(container, "{{.State.Pid}}")), Map.of(), Duration.ofSeconds(30));
        assertThat(killed.code()).as(killed.output()).isZero();
        return container;
    }

    /** Waits until Docker has restarted the killed container once and it runs. */
    void awaitRestarted(String container) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> inspectContainer(container, "{{.RestartCount}} {{.State.Status}}").equals("1 running"));
    }

    /**
     * Takes the service's container off its networks, as a pulled cable: packets to it go nowhere, no
     * connection is refused or closed. Closing the result connects it again under the same names (the
     * address may change, as a moved server's does).
     */
    AutoCloseable disconnect(String service) throws Exception {
        String id = containers(service).get(0);
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (String network : run(List.of("docker", "inspect", "-f",
                "{{range $name, $net := .NetworkSettings.Networks}}{{$name}}={{join $net.Aliases \",\"}} {{end}}", id),
                Map.of(), Duration.ofSeconds(30)).output().strip().split(" ")) {
            aliases.put(network.substring(0, network.indexOf('=')), List.of(network.substring(network.indexOf('=') + 1).split(",")));
        }
        for (String network : aliases.keySet()) {
            Result cut = run(List.of("docker", "network", "disconnect", network, id), Map.of(), Duration.ofSeconds(30));
            assertThat(cut.code()).as(cut.output()).isZero();
        }
        return () -> {
            for (var network : aliases.entrySet()) {
                List<String> connect = new ArrayList<>(List.of("docker", "network", "connect"));
                network.getValue().stream().filter(alias -> !alias.isBlank()).forEach(alias -> connect.addAll(List.of("--alias", alias)));
                connect.addAll(List.of(network.getKey(), id));
                Result mended = run(connect, Map.of(), Duration.ofSeconds(30));
                assertThat(mended.code()).as(mended.output()).isZero();
            }
        };
    }

    /** Starts an ingest run of a directory the ingest-service container reads. */
    JsonNode ingest(String directory, String waitParameter) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/api/runs?dir=" + directory
                        + "&trigger=compose-check&" + waitParameter))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
        return JsonMapper.shared().readTree(response.body());
    }

    /** The run as the ingest-service reports it. */
    JsonNode ingestRun(String id) throws Exception {
        return JsonMapper.shared().readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/api/runs/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Waits until the ingest-service reports the run finished. */
    void awaitRunFinished(String id) {
        Awaitility.await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> !ingestRun(id).path("finishedAt").isNull());
    }

    /** Each playlist's status in the run. */
    List<String> runOutcomes(String id) throws Exception {
        List<String> statuses = new ArrayList<>();
        ingestRun(id).path("playlists").forEach(p -> statuses.add(p.path("status").asString()));
        return statuses;
    }

    JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
        String body = JsonMapper.shared().writeValueAsString(Map.of("query", query, "variables", variables));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + graphqlPort + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JsonMapper.shared().readTree(response.body());
        assertThat(answer.path("errors").isMissingNode()).as(response.body()).isTrue();
        return answer.path("data");
    }

    /** The answer of a SQL query (one value) from PostgreSQL inside its container. */
    String sql(String query) throws Exception {
        Result answered = command(Duration.ofMinutes(1), "exec", "-T", "postgres", "psql", "-U", "postgres", "-d", "tunemeld",
                "-At", "-c", query);
        assertThat(answered.code()).as(answered.output()).isZero();
        return answered.output().strip();
    }

    /** Rows of every table of every service's schema, counted by PostgreSQL inside its container. */
    Map<String, String> rowCounts() throws Exception {
        String counted = sql("""
                select string_agg(format('%s.%s=%s', schemaname, relname,
                  (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', schemaname, relname), false, true, '')))[1]::text),
                  ' ' order by schemaname, relname)
                from pg_stat_user_tables where schemaname in ('ingest', 'normalizer', 'track', 'aggregate', 'cache')
                  and relname <> 'flyway_schema_history'""");
        Map<String, String> counts = new LinkedHashMap<>();
        for (String pair : counted.split(" ")) {
            counts.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(counts).isNotEmpty();
        return counts;
    }

    /** The operator CLI from the host, as {@code ./tunemeld} runs it, against the published Kafka port. */
    Result cli(String... arguments) throws Exception {
        return cli(Map.of(), arguments);
    }

    /** @param environment variables the command reads beside the admin token */
    Result cli(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TuneMeldCli.class.getName()));
        command.addAll(List.of(arguments));
        Map<String, String> variables = new LinkedHashMap<>(environment);
        variables.put("TUNEMELD_ADMIN_TOKEN", token);
        return run(command, variables, Duration.ofMinutes(6));
    }

    /** No record went to any dead-letter topic, by the CLI's count. */
    void assertNoDeadLetter() throws Exception {
        Result deadLetters = cli("dlt");
        assertThat(deadLetters.code()).as(deadLetters.output()).isZero();
        assertThat(deadLetters.output()).contains("-dlt: 0 dead letters").doesNotContainPattern("-dlt: [1-9]\\d* dead letters");
    }

    static Result run(List<String> command, Map<String, String> environment, Duration timeout) throws Exception {
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
        var output = new ByteArrayOutputStream();
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

    static String seconds(long startedNanos) {
        return "%.0f s".formatted((System.nanoTime() - startedNanos) / 1e9);
    }

    private static String newToken() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    record Result(int code, String output) {
    }
}
