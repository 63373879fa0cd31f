package io.tunemeld.track.youtube;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code search.list} of the YouTube Data API: the first video for a query, as a watch URL. */
public class YoutubeClient {

    static final String WATCH_URL = "https://www.youtube.com/watch?v=";

    private final RestClient http;
    private final String apiKey;
    private final JsonMapper json = JsonMapper.shared();

    public YoutubeClient(YoutubeProperties properties) {
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requestFactory.setReadTimeout(properties.timeout());
        this.http = RestClient.builder().baseUrl(properties.apiUrl()).requestFactory(requestFactory).build();
        this.apiKey = properties.apiKey();
    }

    /**
     * @return the first video's URL, or empty when the search found none
     * @throws YoutubeQuotaExceededException when today's quota is used up
     */
    public Optional<String> firstVideo(String query) {
        record Reply(int status, String body) { }
        Reply reply = http.get()
                .uri("/youtube/v3/search?part=snippet&type=video&maxResults=1&q={q}&key={key}", query, apiKey)
                .exchange((request, response) -> new Reply(response.getStatusCode().value(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        if (reply.status() == 403 && reply.body().contains("quotaExceeded")) {
            throw new YoutubeQuotaExceededException("YouTube search quota exceeded for today");
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("YouTube search failed with HTTP " + reply.status());
        }
        JsonNode items = json.readTree(reply.body()).path("items");
        for (JsonNode item : items) {
            JsonNode videoId = item.path("id").path("videoId");
            if (videoId.isString() && !videoId.asString().isBlank()) {
                return Optional.of(WATCH_URL + videoId.asString());
            }
        }
        return Optional.empty();
    }
}
