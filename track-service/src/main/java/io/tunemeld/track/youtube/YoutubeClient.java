package io.tunemeld.track.youtube;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.ExternalCalls;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two calls of the YouTube Data API: {@code search.list} (the first video for a query, as a watch URL)
 * and {@code videos.list} (view counts, up to 50 videos a call, 1 quota unit each).
 */
public class YoutubeClient {

    static final String WATCH_URL = "https://www.youtube.com/watch?v=";
    /**
     * Google's APIs take the key in this header as in the {@code key} query parameter; in the header it is in
     * no URL that a proxy's access log, a trace or a client library's message could carry.
     */
    public static final String API_KEY_HEADER = "X-Goog-Api-Key";
    /** videos.list takes at most this many ids a call. */
    public static final int MAX_VIDEOS_PER_CALL = 50;
    private static final Pattern VIDEO_ID = Pattern.compile("(?:[?&]v=|youtu\\.be/|/shorts/|/embed/)([A-Za-z0-9_-]{11})");

    private final RestClient http;
    private final String apiKey;
    private final ExternalCalls calls;
    private final JsonMapper json = JsonMapper.shared();

    /** @param instrumentation where its calls are counted by outcome and traced */
    public YoutubeClient(YoutubeProperties properties, ApiInstrumentation instrumentation) {
        this.http = instrumentation.restClient(properties.apiUrl(), properties.timeout());
        this.apiKey = properties.apiKey();
        this.calls = instrumentation.calls("YouTube");
    }

    /**
     * @return the first video's URL, or empty when the search found none
     * @throws YoutubeQuotaExceededException when today's quota is used up
     */
    public Optional<String> firstVideo(String query) {
        String body = get("search", "/youtube/v3/search?part=snippet&type=video&maxResults=1&q={q}", query);
        for (JsonNode item : json.readTree(body).path("items")) {
            JsonNode videoId = item.path("id").path("videoId");
            if (videoId.isString() && !videoId.asString().isBlank()) {
                return Optional.of(WATCH_URL + videoId.asString());
            }
        }
        return Optional.empty();
    }

    /**
     * @param videoIds at most {@link #MAX_VIDEOS_PER_CALL}
     * @return view count by video id; a video YouTube no longer has (or hides the count of) is left out
     * @throws YoutubeQuotaExceededException when today's quota is used up
     */
    public Map<String, Long> viewCounts(List<String> videoIds) {
        if (videoIds.size() > MAX_VIDEOS_PER_CALL) {
            throw new IllegalArgumentException("videos.list takes at most " + MAX_VIDEOS_PER_CALL + " ids, got " + videoIds.size());
        }
        String body = get("videos", "/youtube/v3/videos?part=statistics&id={ids}&maxResults=50", String.join(",", videoIds));
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode item : json.readTree(body).path("items")) {
            JsonNode views = item.path("statistics").path("viewCount");
            // the API sends counts as decimal strings
            if (views.isString() && views.asString().matches("\\d{1,19}")) {
                counts.put(item.path("id").asString(), Long.parseLong(views.asString()));
            }
        }
        return counts;
    }

    /** The video id of a YouTube URL (watch, youtu.be, shorts or embed form). */
    public static Optional<String> videoId(String url) {
        Matcher matcher = VIDEO_ID.matcher(url == null ? "" : url);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private String get(String call, String uri, Object... variables) {
        record Reply(int status, String body) { }
        Reply reply;
        try {
            reply = http.get().uri(uri, variables).header(API_KEY_HEADER, apiKey)
                    .exchange((request, response) -> new Reply(response.getStatusCode().value(),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (RestClientException e) {
            calls.record(ExternalCalls.Outcome.UNREACHABLE);
            throw e;
        }
        if (reply.status() == 403 && reply.body().contains("quotaExceeded")) {
            calls.record(ExternalCalls.Outcome.LIMITED);
            throw new YoutubeQuotaExceededException("YouTube " + call + " quota exceeded for today");
        }
        if (reply.status() != 200) {
            calls.record(ExternalCalls.Outcome.FAILED);
            throw new IllegalStateException("YouTube " + call + " failed with HTTP " + reply.status());
        }
        calls.record(ExternalCalls.Outcome.OK);
        return reply.body();
    }
}
