package io.tunemeld.track.youtube;

import io.tunemeld.platform.http.ApiCredentials;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The YouTube Data API, used to find a video for tracks no service linked to YouTube. Off unless the API
 * key is set (from the environment only).
 *
 * @param dailyBudget search calls allowed per UTC day (search.list allows about 100)
 */
@ConfigurationProperties("tunemeld.youtube")
public record YoutubeProperties(String apiKey,
        @DefaultValue("https://www.googleapis.com") String apiUrl,
        @DefaultValue("90") int dailyBudget,
        @DefaultValue("10s") Duration timeout) implements ApiCredentials {

    @Override
    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String missing() {
        return "YOUTUBE_API_KEY is not set";
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "YoutubeProperties[apiKey=" + (configured() ? "***" : "unset") + ", apiUrl=" + apiUrl
                + ", dailyBudget=" + dailyBudget + "]";
    }
}
