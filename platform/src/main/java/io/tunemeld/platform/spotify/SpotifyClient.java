package io.tunemeld.platform.spotify;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Spotify Web API (search, playlist items) with client credentials: the token is cached until shortly before it expires,
 * a 429 waits as long as {@code Retry-After} says (up to a limit), 5xx and I/O errors are retried with
 * backoff, a 401 on a call renews the token once. The client secret appears in no message.
 */
public class SpotifyClient {

    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);
    private static final int SEARCH_LIMIT = 10;
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 100;
    private static final String EDITORIAL_PREFIX = "37i9";

    private final SpotifyProperties properties;
    private final Clock clock;
    private final RestClient api;
    private final RestClient accounts;
    private final RetryTemplate retry;
    private final JsonMapper json = JsonMapper.shared();
    private String token;
    private Instant tokenExpires = Instant.MIN;

    public SpotifyClient(SpotifyProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requestFactory.setReadTimeout(properties.timeout());
        this.api = RestClient.builder().baseUrl(properties.apiUrl()).requestFactory(requestFactory).build();
        this.accounts = RestClient.builder().baseUrl(properties.accountsUrl()).requestFactory(requestFactory).build();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.maxRetries())
                .delay(Duration.ofMillis(200))
                .multiplier(2)
                .predicate(e -> e instanceof SpotifyApiException failure && failure.isTransient())
                .build());
    }

    /** Tracks matching a search query ({@code track:"..." artist:"..."} or {@code isrc:...}). */
    public List<SpotifyTrack> searchTracks(String query) {
        JsonNode result = withRetries(() -> get("search", "/v1/search?type=track&limit={limit}&q={query}", SEARCH_LIMIT, query));
        List<SpotifyTrack> tracks = new ArrayList<>();
        for (JsonNode item : result.path("tracks").path("items")) {
            List<String> artists = new ArrayList<>();
            item.path("artists").forEach(a -> artists.add(a.path("name").asString()));
            String isrc = item.path("external_ids").path("isrc").isString() ? item.path("external_ids").path("isrc").asString() : null;
            tracks.add(new SpotifyTrack(item.path("id").asString(), isrc, item.path("name").asString(), artists));
        }
        return tracks;
    }

    /**
     * Every item of a playlist, all pages, as one playlist-items payload ({@code total}, {@code items}).
     * Spotify-owned editorial playlists (ids starting 37i9) answer 404 to apps created since 2024-11.
     */
    public String playlistItems(String playlistId) {
        ArrayNode items = json.createArrayNode();
        int total = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            int offset = items.size();
            JsonNode result;
            try {
                result = withRetries(() -> get("playlist " + playlistId, "/v1/playlists/{id}/items?limit={limit}&offset={offset}",
                        playlistId, PAGE_SIZE, offset));
            } catch (SpotifyApiException e) {
                if (e.getMessage().contains("HTTP 404") && playlistId.startsWith(EDITORIAL_PREFIX)) {
                    throw new SpotifyApiException(e.getMessage() + ": Spotify-owned editorial playlists (37i9...) are not"
                            + " available to apps created since November 2024", false, e);
                }
                throw e;
            }
            result.path("items").forEach(items::add);
            total = result.path("total").asInt(items.size());
            if (result.path("next").isNull() || result.path("next").isMissingNode() || result.path("items").isEmpty()) {
                break;
            }
        }
        ObjectNode payload = json.createObjectNode();
        payload.put("total", Math.max(total, items.size()));
        payload.put("offset", 0);
        payload.putNull("next");
        payload.set("items", items);
        return json.writeValueAsString(payload);
    }

    private JsonNode withRetries(java.util.function.Supplier<JsonNode> call) {
        try {
            return retry.execute(call::get);
        } catch (RetryException e) {
            Throwable last = e.getCause() != null ? e.getCause() : e;
            throw last instanceof SpotifyApiException failure ? failure
                    : new SpotifyApiException("Spotify call failed: " + last.getMessage(), false, last);
        }
    }

    private JsonNode get(String what, String uri, Object... variables) {
        boolean renewed = false;
        while (true) {
            String bearer = token();
            var response = send(() -> api.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                    .exchange((request, reply) -> new Reply(reply.getStatusCode(), reply.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                            new String(reply.getBody().readAllBytes(), StandardCharsets.UTF_8))));
            if (response.status().value() == 401 && !renewed) {
                tokenExpires = Instant.MIN;
                renewed = true;
                continue;
            }
            return parse(check(response, what));
        }
    }

    private synchronized String token() {
        if (token != null && clock.instant().isBefore(tokenExpires)) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((properties.clientId() + ":" + properties.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        var response = send(() -> accounts.post().uri("/api/token")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("grant_type=client_credentials")
                .exchange((request, reply) -> new Reply(reply.getStatusCode(), reply.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                        new String(reply.getBody().readAllBytes(), StandardCharsets.UTF_8))));
        if (response.status().value() == 400 || response.status().value() == 401) {
            throw new SpotifyApiException("Spotify rejected the client credentials (HTTP " + response.status().value()
                    + "): check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET", false);
        }
        JsonNode body = parse(check(response, "token"));
        token = body.path("access_token").asString();
        if (token == null || token.isEmpty()) {
            throw new SpotifyApiException("Spotify's token response has no access_token", false);
        }
        tokenExpires = clock.instant().plusSeconds(body.path("expires_in").asLong(3600)).minus(TOKEN_MARGIN);
        return token;
    }

    private record Reply(HttpStatusCode status, String retryAfter, String body) {
    }

    private Reply send(java.util.function.Supplier<Reply> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            throw new SpotifyApiException("Spotify unreachable: " + e.getMessage(), true, e);
        }
    }

    private String check(Reply reply, String what) {
        int status = reply.status().value();
        if (status == 429) {
            Duration wait = retryAfter(reply.retryAfter());
            if (wait.compareTo(properties.maxRetryAfter()) > 0) {
                throw new SpotifyApiException("Spotify rate limit on " + what + ": Retry-After " + wait.toSeconds() + " s", false);
            }
            sleep(wait);
            throw new SpotifyApiException("Spotify rate limit on " + what + " (waited " + wait.toSeconds() + " s)", true);
        }
        if (reply.status().is5xxServerError()) {
            throw new SpotifyApiException("Spotify " + what + " failed with HTTP " + status, true);
        }
        if (!reply.status().is2xxSuccessful()) {
            throw new SpotifyApiException("Spotify " + what + " failed with HTTP " + status, false);
        }
        return reply.body();
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new SpotifyApiException("Spotify answered with malformed JSON: " + e.getOriginalMessage(), false, e);
        }
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpotifyApiException("interrupted while waiting out a Spotify rate limit", false, e);
        }
    }
}
