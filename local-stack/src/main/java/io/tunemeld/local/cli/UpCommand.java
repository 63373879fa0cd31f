package io.tunemeld.local.cli;

import io.tunemeld.local.Durations;
import io.tunemeld.local.LocalStack;
import io.tunemeld.local.StackClient;
import io.tunemeld.local.StackSettings;
import io.tunemeld.local.ops.PipelineProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import tools.jackson.databind.JsonNode;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the whole stack on this machine (Kafka, Apicurio Registry, PostgreSQL, Redis and the five",
                "services), ingest once, print the results and URLs, and serve until interrupted (Ctrl+C).",
                "External infrastructure is used instead when KAFKA_BOOTSTRAP_SERVERS, REGISTRY_URL, DB_URL or REDIS_HOST is set."})
class UpCommand implements Callable<Integer> {

    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final String AGGREGATE_QUERY = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) {
              computedAt entries { rank score track { title artist } positions { service position } } } }""";

    @Option(names = "--from-dir", paramLabel = "DIR",
            description = {"Payload files laid out as DIR/<service>/<genre>.json. Without it: the configured playlists",
                    "from their APIs when SPOTIFY_CLIENT_ID/SECRET or RAPIDAPI_KEY is set, else the bundled samples."})
    Path fromDir;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:TUNEMELD_HOME:-.tunemeld}",
            description = "Where Kafka, PostgreSQL and the registry keep their data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--clean", description = "Delete the data directory first: start from nothing.")
    boolean clean;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        boolean fromApis = fromDir == null && hasApiCredentials(System.getenv());
        Path payloads = fromDir != null ? fromDir : Path.of(System.getProperty("tunemeld.samples", "samples"));
        if (!fromApis && !Files.isDirectory(payloads)) {
            System.err.println("not a directory: " + payloads.toAbsolutePath());
            return 2;
        }
        if (clean) {
            FileSystemUtils.deleteRecursively(dataDir);
        }
        Path registryHome = Path.of(System.getProperty("tunemeld.registry.home", "local-stack/target/apicurio-registry"));
        out.println("Starting the TuneMeld stack (data in " + dataDir.toAbsolutePath() + ") ...");
        LocalStack stack = LocalStack.start(StackSettings.fromEnvironment(dataDir, registryHome,
                StackSettings.Ports.defaults(), System.getenv()));
        if (!stack.staleProcessesStopped().isEmpty()) {
            out.println("Stopped what an earlier stack of " + dataDir.toAbsolutePath() + " left running (it was killed): "
                    + String.join(", ", stack.staleProcessesStopped()));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "tunemeld-shutdown"));
        // the JVM runs its shutdown hooks all at once, the embedded servers' own among them, which would stop Redis
        // and PostgreSQL under the running services: on Ctrl+C or TERM the stack stops here first, the services
        // before the servers they use, and only then does the JVM exit
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> {
                if (stopping.compareAndSet(false, true)) {
                    out.println("Stopping the services, then Kafka, the registry, PostgreSQL and Redis ...");
                    stack.close();
                    System.exit(128 + signal.getNumber());
                }
            });
        }

        var client = StackClient.of(stack);
        JsonNode run;
        if (fromApis) {
            out.println("Ingesting the configured playlists from their APIs ...");
            run = client.startRun(Map.of("trigger", "up", "wait", "true"));
        } else {
            out.println("Ingesting " + payloads.toAbsolutePath() + " ...");
            run = client.ingest(payloads, "up");
        }
        var printer = new RunPrinter(out);
        run.path("playlists").forEach(printer::playlist);
        printer.summary(run);
        out.println("Waiting for the services to process the run ...");
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            long started = System.nanoTime();
            AtomicLong printed = new AtomicLong(started);
            boolean caughtUp = progress.awaitCaughtUp(PIPELINE_TIMEOUT, lag -> {
                if (System.nanoTime() - printed.get() >= PROGRESS_EVERY.toNanos() && lag.values().stream().anyMatch(records -> records > 0)) {
                    printed.set(System.nanoTime());
                    out.println("  records to process: " + behind(lag));
                }
            });
            out.println(caughtUp ? "Processed in " + Durations.format(Duration.ofNanos(System.nanoTime() - started)) + "."
                    : "The pipeline has not caught up within " + Durations.format(PIPELINE_TIMEOUT) + "; records to process: "
                    + behind(progress.lag()));
        }
        printAggregates(client, genres(run));
        out.printf("%nWeb page:   %s%nGraphQL:    %s (GraphiQL at %sgraphiql)%nApp API:    %s (TuneMeld's web app)%n", stack.pageUrl(), stack.graphqlUrl(),
                stack.pageUrl(), stack.webAppApiUrl());
        out.printf("Ingest API: %s/api/runs%nKafka:      %s%nRegistry:   %s (Confluent-compatible API at %s/apis/ccompat/v7)%n",
                stack.ingestUrl(), stack.kafkaBootstrapServers(), stack.registryUrl(), stack.registryUrl());
        out.printf("PostgreSQL: %s (superuser postgres; the passwords of it and of Redis are in %s)%nRedis:      %s:%d%n%n"
                + "Serving until interrupted (Ctrl+C).%n", stack.databaseUrl(), dataDir.toAbsolutePath(), stack.redisHost(), stack.redisPort());
        stopped.await();
        return 0;
    }

    /** The groups with records to process, and how many: "track-service 120, cache-service 35". */
    static String behind(Map<String, Long> lag) {
        return lag.entrySet().stream().filter(group -> group.getValue() > 0).map(group -> group.getKey() + " " + group.getValue())
                .collect(Collectors.joining(", "));
    }

    private static boolean hasApiCredentials(Map<String, String> env) {
        return (!env.getOrDefault("SPOTIFY_CLIENT_ID", "").isBlank() && !env.getOrDefault("SPOTIFY_CLIENT_SECRET", "").isBlank())
                || !env.getOrDefault("RAPIDAPI_KEY", "").isBlank();
    }

    private static List<String> genres(JsonNode run) {
        var genres = new TreeSet<String>();
        run.path("playlists").forEach(p -> {
            if (!"FAILED".equals(p.path("status").asString())) {
                genres.add(p.path("genre").asString());
            }
        });
        return new ArrayList<>(genres);
    }

    /** Prints each genre's aggregate: its size and top entries. */
    private void printAggregates(StackClient client, List<String> genres) throws IOException, InterruptedException {
        for (String genre : genres) {
            JsonNode aggregate = client.graphql(AGGREGATE_QUERY, Map.of("genre", genre)).path("aggregatePlaylist");
            JsonNode entries = aggregate.path("entries");
            out.printf("%nAggregate %s (%d tracks on at least two services):%n", genre, entries.size());
            for (int i = 0; i < Math.min(5, entries.size()); i++) {
                JsonNode entry = entries.get(i);
                List<String> positions = new ArrayList<>();
                entry.path("positions").forEach(p -> positions.add(p.path("service").asString().toLowerCase() + " #"
                        + p.path("position").asInt()));
                out.printf("  %2d. %s - %s  (score %.0f; %s)%n", entry.path("rank").asInt(),
                        entry.path("track").path("artist").asString(), entry.path("track").path("title").asString(),
                        entry.path("score").asDouble(), String.join(", ", positions));
            }
        }
    }
}
