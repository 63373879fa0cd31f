package io.tunemeld.ingest.lastfm;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.ingest.source.ApiSource;
import io.tunemeld.ingest.source.PlaylistRef;
import io.tunemeld.ingest.source.SourceException;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.http.JsonApiClient;
import io.tunemeld.schemas.MusicService;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A listener's top tracks from Last.fm ({@code user.gettoptracks}), page after page until the chart has
 * as many songs as asked or Last.fm has no more, combined into one payload of Last.fm's own shape. Its
 * "playlist" is the listener's chart: genre {@code lastfm-<user>}, reference the user name.
 *
 * <p>Last.fm puts its errors in the body, with whatever HTTP status: 29 (rate limit) and 8/11/16
 * (temporary failures) are retried with backoff; 26 (suspended key), 10 (invalid key) and 6 (no such
 * user) fail the chart with Last.fm's message.
 */
public class LastFmSource implements ApiSource {

    /** Last.fm user names: 2 to 15 letters, digits, '_' or '-', starting with a letter. */
    private static final Pattern USER = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,14}");
    private static final String GENRE_PREFIX = "lastfm-";

    private final LastFmProperties properties;
    private final JsonApiClient client;
    private final JsonMapper json = JsonMapper.shared();

    public LastFmSource(LastFmProperties properties, ApiInstrumentation instrumentation) {
        this.properties = properties;
        this.client = new JsonApiClient(new JsonApiClient.Settings("Last.fm", properties.url(), properties.timeout(),
                properties.maxRetries(), properties.timeout(), properties.requestsPerSecond()), LastFmSource::error, instrumentation);
    }

    @Override
    public MusicService service() {
        return MusicService.LASTFM;
    }

    @Override
    public Optional<String> missingConfiguration() {
        return properties.missingConfiguration();
    }

    /** The chart a listener's top tracks are kept as; the user name is checked first. */
    public static PlaylistRef chart(String user) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("not a Last.fm user name: '" + user + "' (2 to 15 letters, digits, _ or -)");
        }
        return new PlaylistRef(GENRE_PREFIX + user.toLowerCase(Locale.ROOT), MusicService.LASTFM, user);
    }

    @Override
    public String fetch(PlaylistRef chart) {
        return fetch(chart, properties.maxSongs());
    }

    /** The listener's top {@code maxSongs} tracks, in Last.fm's shape, however many pages that takes. */
    public String fetch(PlaylistRef chart, int maxSongs) {
        ArrayNode tracks = json.createArrayNode();
        JsonNode attributes = null;
        int pageSize = Math.min(properties.pageSize(), maxSongs);
        for (int page = 1; tracks.size() < maxSongs; page++) {
            JsonNode answer = client.get("top tracks of " + chart.ref(),
                    "/2.0/?method=user.gettoptracks&user={user}&period={period}&limit={limit}&page={page}&api_key={key}&format=json",
                    Map.of(), chart.ref(), properties.period(), pageSize, page, properties.apiKey());
            JsonNode top = answer.path("toptracks");
            if (!top.path("track").isArray()) {
                throw new SourceException("Last.fm answered top tracks of " + chart.ref() + " without toptracks.track", false);
            }
            attributes = top.path("@attr");
            for (JsonNode track : top.path("track")) {
                if (tracks.size() < maxSongs) {
                    tracks.add(track);
                }
            }
            if (top.path("track").isEmpty() || page >= attributes.path("totalPages").asInt(page)) {
                break;
            }
        }
        ObjectNode root = json.createObjectNode();
        ObjectNode top = root.putObject("toptracks");
        top.set("track", tracks);
        ObjectNode attr = top.putObject("@attr");
        attr.put("user", attributes == null ? chart.ref() : attributes.path("user").asString(chart.ref()));
        attr.put("total", attributes == null ? tracks.size() : attributes.path("total").asInt(tracks.size()));
        return json.writeValueAsString(root);
    }

    /** One cheap call that needs the key (Last.fm's overall chart, one track): fails as a fetch would. */
    public void verifyKey() {
        client.get("a check of the API key", "/2.0/?method=chart.gettoptracks&limit=1&api_key={key}&format=json", Map.of(),
                properties.apiKey());
    }

    /** "5 songs, top: Artist - Title (42 plays)": what a dry run shows of a fetched chart. */
    public static String summary(String payload) {
        JsonNode tracks = JsonMapper.shared().readTree(payload).path("toptracks").path("track");
        if (tracks.isEmpty()) {
            return "no songs";
        }
        JsonNode top = tracks.get(0);
        return tracks.size() + " songs, top: " + top.path("artist").path("name").asString("?") + " - " + top.path("name").asString("?")
                + " (" + top.path("playcount").asString("?") + " plays)";
    }

    /** Last.fm's own error in a body, whatever the HTTP status. */
    private static Optional<ApiException> error(String what, int status, JsonNode body) {
        if (!body.path("error").isNumber()) {
            return Optional.empty();
        }
        int code = body.path("error").asInt();
        String message = "Last.fm " + what + " failed: error " + code + " (" + body.path("message").asString("no message") + ")";
        return Optional.of(switch (code) {
            case 29 -> new ApiException(message + "; rate limited, retried", true, 429);
            case 8, 11, 16 -> new ApiException(message + "; temporary, retried", true, status);
            case 26 -> new ApiException(message + "; the API key is suspended", false, 403);
            case 10 -> new ApiException(message + "; check LASTFM_API_KEY", false, 403);
            default -> new ApiException(message, false, status);
        });
    }
}
