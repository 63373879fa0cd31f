package io.tunemeld.track.soundcloud;

import io.tunemeld.platform.http.ApiCredentials;
import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.JsonApiClient;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SoundCloud's search, through the RapidAPI scraper the ingest reads SoundCloud playlists with, used to
 * find the SoundCloud page of tracks SoundCloud's playlists did not carry. Off unless the key is set
 * (from the environment only).
 *
 * @param dailyBudget searches per UTC day (RapidAPI plans are metered)
 * @param minConfidence a found track less similar than this to the one searched for is not taken
 */
@ConfigurationProperties("tunemeld.soundcloud")
public record SoundCloudProperties(String rapidapiKey,
        @DefaultValue("https://soundcloud-scraper.p.rapidapi.com") String apiUrl,
        @DefaultValue("soundcloud-scraper.p.rapidapi.com") String apiHost,
        @DefaultValue("200") int dailyBudget,
        @DefaultValue("0.7") double minConfidence,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("2") double requestsPerSecond) implements ApiCredentials {

    @Override
    public boolean configured() {
        return rapidapiKey != null && !rapidapiKey.isBlank();
    }

    @Override
    public String missing() {
        return "RAPIDAPI_KEY is not set";
    }

    JsonApiClient client(ApiInstrumentation instrumentation) {
        return new JsonApiClient(new JsonApiClient.Settings("SoundCloud (RapidAPI)", apiUrl, timeout, 2, Duration.ofSeconds(30),
                requestsPerSecond), instrumentation);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SoundCloudProperties[rapidapiKey=" + (configured() ? "***" : "unset") + ", apiUrl=" + apiUrl
                + ", dailyBudget=" + dailyBudget + ", minConfidence=" + minConfidence + "]";
    }
}
