package io.tunemeld.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running stack over HTTP, as any user or script would: the ingest API and GraphQL. */
public final class StackClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.shared();
    private final String ingestUrl;
    private final String graphqlUrl;
    private final String adminToken;

    /** @param adminToken sent with state-changing requests; null when the stack has none */
    public StackClient(String ingestUrl, String graphqlUrl, String adminToken) {
        this.ingestUrl = ingestUrl;
        this.graphqlUrl = graphqlUrl;
        this.adminToken = adminToken;
    }

    /** A client of a running local stack, with its admin token. */
    public static StackClient of(LocalStack stack) {
        return new StackClient(stack.ingestUrl(), stack.graphqlUrl(), stack.adminToken());
    }

    /** Runs an ingest of a payload directory and returns the run with its per-playlist outcomes. */
    public JsonNode ingest(Path directory, String trigger) throws IOException, InterruptedException {
        return startRun(Map.of("dir", directory.toAbsolutePath().toString(), "trigger", trigger, "wait", "true"));
    }

    /**
     * Starts an ingest run with these parameters ({@code dir}, {@code genre}, {@code service}, {@code force},
     * {@code wait}, {@code trigger}) and returns the run: finished when {@code wait=true}, just begun otherwise.
     */
    public JsonNode startRun(Map<String, String> parameters) throws IOException, InterruptedException {
        return post("/api/runs", parameters);
    }

    /** Re-publishes stored raw payloads: {@code run} (an id) or {@code since} (an ISO-8601 time). */
    public JsonNode republish(Map<String, String> parameters) throws IOException, InterruptedException {
        return post("/api/runs/republish", parameters);
    }

    /** Reads today's view counts now, at track-service; returns what each source did. */
    public JsonNode countViews(String trackServiceUrl) throws IOException, InterruptedException {
        return post(trackServiceUrl, "/api/view-counts/runs", Map.of());
    }

    /**
     * Runs the enrichment cascade now, at track-service: {@code track} (a key) only that track's,
     * {@code force=true} fetched again however fresh; returns how many steps were scheduled, forced, requested.
     */
    public JsonNode enrich(String trackServiceUrl, Map<String, String> parameters) throws IOException, InterruptedException {
        return post(trackServiceUrl, "/api/enrichment/runs", parameters);
    }

    /** How normalizer-service keyed the entries of the playlists in force (see {@code match-report}). */
    public JsonNode matchReport(String normalizerUrl) throws IOException, InterruptedException {
        return post(normalizerUrl, "/api/match-reports", Map.of());
    }

    /** Refills an emptied Redis from cache-service's read model; returns how many keys it wrote. */
    public JsonNode warmCache(String cacheServiceUrl) throws IOException, InterruptedException {
        return post(cacheServiceUrl, "/api/cache/warm", Map.of());
    }

    private JsonNode post(String path, Map<String, String> parameters) throws IOException, InterruptedException {
        return post(ingestUrl, path, parameters);
    }

    private JsonNode post(String baseUrl, String path, Map<String, String> parameters) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        parameters.forEach((key, value) -> query.append(query.isEmpty() ? "?" : "&").append(key).append('=').append(encode(value)));
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path + query))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(10));
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            throw new IOException(path + " failed with HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** One run ({@code id}) or the recent ones (no id), as the ingest service records them. */
    public JsonNode runs(String id) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/runs" + (id == null ? "" : "/" + id)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the ingest service answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** Runs a GraphQL query and returns its {@code data}; GraphQL errors become an exception. */
    public JsonNode graphql(String query, Map<String, Object> variables) throws IOException, InterruptedException {
        String body = json.writeValueAsString(Map.of("query", query, "variables", variables));
        var response = http.send(HttpRequest.newBuilder(URI.create(graphqlUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode result = json.readTree(response.body());
        if (response.statusCode() != 200 || result.has("errors")) {
            throw new IOException("GraphQL answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return result.path("data");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
