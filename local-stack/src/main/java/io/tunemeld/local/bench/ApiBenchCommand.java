package io.tunemeld.local.bench;

import io.tunemeld.local.LocalStack;
import io.tunemeld.local.StackClient;
import io.tunemeld.local.StackSettings;
import io.tunemeld.local.ops.PipelineProgress;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "bench-api", mixinStandardHelpOptions = true,
        description = {"Measure the read API under concurrent load: start a fresh embedded stack, ingest the samples, then",
                "drive GraphQL aggregatePlaylist and, as this server's own limit, GET /api/aggregates/{genre} (the same",
                "cached bytes from Redis, no GraphQL), each for the same time with the same connections, then GraphQL",
                "again with a new unused variable per request, so every query is executed. Prints p50/p95/p99 latency,",
                "requests/s, the share of reused responses and the Redis hit ratio; writes JSON and Markdown."})
public class ApiBenchCommand implements Callable<Integer> {

    private static final String AGGREGATE_QUERY = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { genre computedAt entries {
              rank score movement previousRank track { key title artist artworkUrl spotifyUrl appleMusicUrl soundcloudUrl youtubeUrl }
              positions { service position } } } }""";

    @Option(names = "--connections", defaultValue = "64", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--duration", defaultValue = "20s", description = "Measured time per endpoint (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", description = "Unmeasured load first, per endpoint (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--genre", defaultValue = "dance", description = "The genre asked for (default: ${DEFAULT-VALUE}).")
    String genre;

    @Option(names = "--out", defaultValue = "target/bench", description = "Where the results go (default: ${DEFAULT-VALUE}).")
    Path out;

    private final PrintStream print = System.out;

    /** The figures of one endpoint. */
    record Result(String endpoint, long requests, long errors, double seconds, double requestsPerSecond,
            double p50Ms, double p95Ms, double p99Ms, double maxMs, double cpuMsPerRequest) {
    }

    /** The stack's data directory: its processes' CPU time is read per endpoint. */
    private Path data;

    @Override
    public Integer call() throws Exception {
        data = Files.createTempDirectory("tunemeld-bench-");
        Path registryHome = Path.of(System.getProperty("tunemeld.registry.home", "local-stack/target/apicurio-registry"));
        Path samples = Path.of(System.getProperty("tunemeld.samples", "samples"));
        print.println("Starting a fresh embedded stack in " + data + " ...");
        // the load comes from one address: the per-client limit would measure the policy, not the server
        StackSettings settings = StackSettings.fromEnvironment(data, registryHome, StackSettings.Ports.free(), Map.of())
                .withServiceProperties(Map.of("tunemeld.graphql.rate-limit", "0"));
        try (LocalStack stack = LocalStack.start(settings)) {
            StackClient.of(stack).ingest(samples, "bench");
            PipelineProgress.requireCaughtUp(stack.kafkaBootstrapServers(), Duration.ofMinutes(3));
            String cache = stack.serviceUrl("cache-service");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest repeated = aggregateQuery(stack.graphqlUrl(), Map.of("genre", genre));
            Supplier<HttpRequest> graphql = () -> repeated;
            Supplier<HttpRequest> plain = () -> HttpRequest.newBuilder(URI.create(cache + "/api/aggregates/" + genre)).build();
            HttpResponse<String> check = http.send(graphql.get(), HttpResponse.BodyHandlers.ofString());
            if (check.statusCode() != 200 || check.body().contains("\"errors\"") || !check.body().contains("\"rank\"")) {
                throw new IllegalStateException("GraphQL has no aggregate for " + genre + ": " + check.body());
            }

            // a variable the query does not use, new on every request: the same query, executed every time
            AtomicLong nonce = new AtomicLong();
            Supplier<HttpRequest> executed = () -> aggregateQuery(stack.graphqlUrl(), Map.of("genre", genre, "nonce", nonce.incrementAndGet()));

            print.printf("Load: %d connections, %s warm-up and %s measured per endpoint, genre %s (per-client rate limit off)%n",
                    connections, warmup, duration, genre);
            // every endpoint warmed before any is measured: the JIT compiler would otherwise still be compiling
            // the executed query's path while it is measured, and the limit's while the others are
            load(http, plain, warmup, "plain warm-up");
            load(http, graphql, warmup, "graphql warm-up");
            load(http, executed, warmup, "executed warm-up");
            Result baseline = load(http, plain, duration, "GET /api/aggregates/" + genre + " (HTTP + Redis: the limit)");
            Map<String, Double> before = counters(http, cache);
            Result api = load(http, graphql, duration, "POST /graphql aggregatePlaylist");
            Map<String, Double> afterRepeated = counters(http, cache);
            Result uncached = load(http, executed, duration, "POST /graphql aggregatePlaylist, executed every time");
            Map<String, Double> after = counters(http, cache);
            double reused = ratio(afterRepeated, before, "reused", "executed");
            double hitRatio = ratio(after, afterRepeated, "hit", "miss", "error");
            report(List.of(baseline, api, uncached), reused, hitRatio);
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
        return 0;
    }

    private static HttpRequest aggregateQuery(String graphqlUrl, Map<String, Object> variables) {
        String body = JsonMapper.shared().writeValueAsString(Map.of("query", AGGREGATE_QUERY, "variables", variables));
        return HttpRequest.newBuilder(URI.create(graphqlUrl)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Drives one endpoint with {@code connections} threads for the given time; latencies in nanoseconds. */
    private Result load(HttpClient http, Supplier<HttpRequest> request, Duration time, String name) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        CpuTime cpuBefore = CpuTime.now(data);
        long start = System.nanoTime();
        long end = start + time.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        long[] errors = new long[connections];
        for (int c = 0; c < connections; c++) {
            int connection = c;
            workers.add(threads.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - sent;
                    if (response.statusCode() != 200 || response.body().startsWith("{\"errors\"")) {
                        errors[connection]++;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = took;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            all.add(worker.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = CpuTime.now(data).since(cpuBefore).total();
        threads.shutdown();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, latencies.length, Arrays.stream(errors).sum(), seconds, latencies.length / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                latencies.length == 0 ? 0 : 1000 * cpuSeconds / latencies.length);
    }

    /** Milliseconds, of nanoseconds. */
    private static double percentile(long[] sorted, double p) {
        return percentileOf(sorted, p) / 1e6;
    }

    /** The nearest-rank percentile of sorted figures (0 of none); the pipeline bench's too. */
    static long percentileOf(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** The cache-service's counters of Redis look-ups and of GraphQL responses, by result. */
    private static Map<String, Double> counters(HttpClient http, String cache) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(cache + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> counts = new LinkedHashMap<>();
        metrics.lines().filter(line -> line.startsWith("tunemeld_cache_lookups_total{") || line.startsWith("tunemeld_graphql_responses_total{"))
                .forEach(line -> {
                    int from = line.indexOf("result=\"") + 8;
                    counts.merge(line.substring(from, line.indexOf('"', from)), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                            Double::sum);
                });
        return counts;
    }

    /** The share of the first counter among all the named ones, between two readings; NaN when none was counted. */
    private static double ratio(Map<String, Double> after, Map<String, Double> before, String counted, String... others) {
        double part = after.getOrDefault(counted, 0.0) - before.getOrDefault(counted, 0.0);
        double all = part;
        for (String other : others) {
            all += after.getOrDefault(other, 0.0) - before.getOrDefault(other, 0.0);
        }
        return all == 0 ? Double.NaN : part / all;
    }

    private void report(List<Result> results, double reused, double hitRatio) throws Exception {
        Result baseline = results.get(0);
        Result api = results.get(1);
        double ratio = baseline.p95Ms() == 0 ? 0 : api.p95Ms() / baseline.p95Ms();
        StringBuilder markdown = new StringBuilder();
        markdown.append("| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | CPU ms a request |\n");
        markdown.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            markdown.append("| %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n".formatted(r.endpoint(), r.requests(), r.errors(),
                    r.requestsPerSecond(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), r.cpuMsPerRequest()));
        }
        markdown.append(("%nGraphQL p95 / HTTP + Redis p95: %.2f (target at most 2), executed every time: %.2f. Responses reused for"
                + " an unchanged read model: %.4f. Redis hit ratio of executed queries: %s (target above 0.99).%n")
                .formatted(ratio, results.get(2).p95Ms() / baseline.p95Ms(), reused,
                        Double.isNaN(hitRatio) ? "no look-up (documents kept as parsed)" : "%.4f".formatted(hitRatio)));
        markdown.append(("%d connections, %s per endpoint, on %d cores; load generator and servers share this machine (the CPU time a"
                + " request is all of the stack's processes' and the generator's).%n")
                .formatted(connections, duration, Runtime.getRuntime().availableProcessors()));
        print.println();
        print.print(markdown);
        Files.createDirectories(out);
        Files.writeString(out.resolve("api-bench.md"), markdown);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("connections", connections);
        json.put("durationSeconds", duration.toSeconds());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("results", results);
        json.put("graphqlP95OverLimitP95", ratio);
        json.put("executedGraphqlP95OverLimitP95", results.get(2).p95Ms() / baseline.p95Ms());
        json.put("responsesReusedRatio", reused);
        json.put("redisHitRatio", Double.isNaN(hitRatio) ? null : hitRatio);
        Files.writeString(out.resolve("api-bench.json"), JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        print.println("Written: " + out.resolve("api-bench.json").toAbsolutePath() + " and api-bench.md");
    }
}
