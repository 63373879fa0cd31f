package io.tunemeld.platform.spotify;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.http.JsonApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Spotify Web API (search, playlist items, one track's or artist's details; with the refresh token
 * a listener granted, their recently played tracks, profile, the owners of playlists they played from and
 * whom of those they follow) with client credentials: the app token is cached until
 * shortly before it expires and renewed once when a call answers 401; rate limits, retries and
 * Retry-After are the {@link JsonApiClient}'s. The client secret appears in no message.
 */
public class SpotifyClient {

    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);
    private static final int SEARCH_LIMIT = 10;
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 100;
    private static final String EDITORIAL_PREFIX = "37i9";
    private static final int UNAUTHORIZED = 401;
    private static final int RECENTLY_PLAYED_LIMIT = 50;
    private static final int LIBRARY_CONTAINS_LIMIT = 40;
    private static final String USER_URI = "spotify:user:";

    private final SpotifyProperties properties;
    private final Clock clock;
    private final JsonApiClient api;
    private final JsonApiClient accounts;
    private final JsonMapper json = JsonMapper.shared();
    private String token;
    private Instant tokenExpires = Instant.MIN;

    /** @param instrumentation where its calls are counted by outcome and traced */
    public SpotifyClient(SpotifyProperties properties, Clock clock, ApiInstrumentation instrumentation) {
        this.properties = properties;
        this.clock = clock;
        this.api = new JsonApiClient(new JsonApiClient.Settings("Spotify", properties.apiUrl(), properties.timeout(),
                properties.maxRetries(), properties.maxRetryAfter(), properties.requestsPerSecond()), instrumentation);
        this.accounts = new JsonApiClient(new JsonApiClient.Settings("Spotify accounts", properties.accountsUrl(),
                properties.timeout(), properties.maxRetries(), properties.maxRetryAfter(), properties.requestsPerSecond()), instrumentation);
    }

    /** Tracks matching a search query ({@code track:"..." artist:"..."} or {@code isrc:...}). */
    public List<SpotifyTrack> searchTracks(String query) {
        JsonNode result = get("search", "/v1/search?type=track&limit={limit}&q={query}", SEARCH_LIMIT, query);
        List<SpotifyTrack> tracks = new ArrayList<>();
        for (JsonNode item : result.path("tracks").path("items")) {
            List<String> artists = new ArrayList<>();
            item.path("artists").forEach(a -> artists.add(a.path("name").asString()));
            String isrc = text(item.path("external_ids").path("isrc"));
            tracks.add(new SpotifyTrack(item.path("id").asString(), isrc, item.path("name").asString(), artists));
        }
        return tracks;
    }

    /** One track's details ({@code /v1/tracks/{id}}: the multi-id form is gone for development-mode apps). */
    public SpotifyTrackDetails track(String trackId) {
        JsonNode track = get("track " + trackId, "/v1/tracks/{id}", trackId);
        JsonNode album = track.path("album");
        List<SpotifyTrackDetails.Artist> artists = new ArrayList<>();
        track.path("artists").forEach(a -> artists.add(new SpotifyTrackDetails.Artist(a.path("id").asString(), a.path("name").asString())));
        return new SpotifyTrackDetails(track.path("id").asString(), text(track.path("external_ids").path("isrc")),
                track.path("name").asString(), text(album.path("name")), text(album.path("release_date")),
                longNumber(track.path("duration_ms")), integer(track.path("popularity")),
                track.path("explicit").isBoolean() ? track.path("explicit").asBoolean() : null, artists);
    }

    /** One artist's details ({@code /v1/artists/{id}}). */
    public SpotifyArtist artist(String artistId) {
        JsonNode artist = get("artist " + artistId, "/v1/artists/{id}", artistId);
        List<String> genres = new ArrayList<>();
        artist.path("genres").forEach(g -> genres.add(g.asString()));
        return new SpotifyArtist(artist.path("id").asString(), artist.path("name").asString(), genres,
                integer(artist.path("popularity")), longNumber(artist.path("followers").path("total")));
    }

    // what Spotify leaves out is unknown (null), never an empty string or 0
    private static String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }

    private static Integer integer(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }

    private static Long longNumber(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
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
                result = get("playlist " + playlistId, "/v1/playlists/{id}/items?limit={limit}&offset={offset}",
                        playlistId, PAGE_SIZE, offset);
            } catch (ApiException e) {
                if (e.status() == 404 && playlistId.startsWith(EDITORIAL_PREFIX)) {
                    throw new ApiException(e.getMessage() + ": Spotify-owned editorial playlists (37i9...) are not"
                            + " available to apps created since November 2024", false, e.status(), e);
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

    /**
     * A listener's access token, from the refresh token the listener granted TuneMeld (authorization-code
     * flow, scope {@code user-read-recently-played}); not cached: a history read needs it once.
     */
    public String listenerToken(String refreshToken) {
        return grant("listener token", "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8),
                "Spotify refused the listener's refresh token", "the listener must grant access again").path("access_token").asString();
    }

    /**
     * One page of the tracks a listener played after a time ({@code /v1/me/player/recently-played}, at most
     * 50; Spotify keeps only the last 50 plays): {@code items} with {@code track}, {@code played_at} and
     * {@code context}, and {@code cursors.after}.
     */
    public JsonNode recentlyPlayed(String listenerToken, Instant after) {
        return api.get("recently played", "/v1/me/player/recently-played?limit={limit}&after={after}", bearer(listenerToken),
                RECENTLY_PLAYED_LIMIT, after.toEpochMilli());
    }

    /** The listener's own profile ({@code /v1/me}): {@code id}, {@code display_name}, {@code external_urls}, {@code images}. */
    public JsonNode me(String listenerToken) {
        return api.get("profile", "/v1/me", bearer(listenerToken));
    }

    /**
     * A playlist's name, address and owner ({@code id}, {@code display_name}, {@code external_urls}) as the
     * listener sees it: a private playlist they played from is visible to them alone.
     */
    public JsonNode playlistOwner(String listenerToken, String playlistId) {
        return api.get("playlist " + playlistId, "/v1/playlists/{id}?fields={fields}", bearer(listenerToken), playlistId,
                "id,name,external_urls,owner(id,display_name,external_urls)");
    }

    /**
     * A user's public profile ({@code /v1/users/{id}}), with the app's token; refused (403) to development-mode
     * apps since 2026-02.
     */
    public JsonNode user(String userId) {
        return get("user " + userId, "/v1/users/{id}", userId);
    }

    /**
     * Whether the listener follows each of these users, in their order ({@code /v1/me/library/contains} with
     * user URIs, at most {@value #LIBRARY_CONTAINS_LIMIT} a call: the check that replaced
     * {@code /me/following/contains} in 2026).
     */
    public List<Boolean> follows(String listenerToken, List<String> userIds) {
        List<Boolean> follows = new ArrayList<>();
        for (int from = 0; from < userIds.size(); from += LIBRARY_CONTAINS_LIMIT) {
            List<String> part = userIds.subList(from, Math.min(userIds.size(), from + LIBRARY_CONTAINS_LIMIT));
            JsonNode answer = api.get("follows", "/v1/me/library/contains?uris={uris}", bearer(listenerToken),
                    String.join(",", part.stream().map(id -> USER_URI + id).toList()));
            if (!answer.isArray() || answer.size() != part.size()) {
                throw new ApiException("Spotify answered " + part.size() + " follow checks with " + answer.size() + " values", false, 200);
            }
            answer.forEach(value -> follows.add(value.asBoolean(false)));
        }
        return follows;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private JsonNode get(String what, String uri, Object... variables) {
        String bearer = token();
        try {
            return api.get(what, uri, bearer(bearer), variables);
        } catch (ApiException e) {
            if (e.status() != UNAUTHORIZED) {
                throw e;
            }
            renewToken();
            return api.get(what, uri, bearer(token()), variables);
        }
    }

    /**
     * A token from Spotify's accounts service, with the app's credentials; a 400 or 401 is the credentials'
     * fault ({@code refused}, HTTP status, {@code advice}), a body without a token an error.
     */
    private JsonNode grant(String what, String form, String refused, String advice) {
        JsonNode body;
        try {
            body = accounts.postForm(what, "/api/token", Map.of(HttpHeaders.AUTHORIZATION, "Basic " + basicAuth()), form);
        } catch (ApiException e) {
            if (e.status() == 400 || e.status() == UNAUTHORIZED) {
                throw new ApiException(refused + " (HTTP " + e.status() + "): " + advice, false, e.status(), e);
            }
            throw e;
        }
        String granted = body.path("access_token").asString();
        if (granted == null || granted.isEmpty()) {
            throw new ApiException("Spotify's " + what + " response has no access_token", false, 200);
        }
        return body;
    }

    private String basicAuth() {
        return Base64.getEncoder().encodeToString((properties.clientId() + ":" + properties.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void renewToken() {
        tokenExpires = Instant.MIN;
    }

    private synchronized String token() {
        if (token != null && clock.instant().isBefore(tokenExpires)) {
            return token;
        }
        JsonNode body = grant("token", "grant_type=client_credentials", "Spotify rejected the client credentials",
                "check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET");
        token = body.path("access_token").asString();
        tokenExpires = clock.instant().plusSeconds(body.path("expires_in").asLong(3600)).minus(TOKEN_MARGIN);
        return token;
    }
}
