package io.tunemeld.ingest.source;

import io.tunemeld.platform.http.ApiCredentials;
import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.http.JsonApiClient;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The RapidAPI scrapers TuneMeld reads Apple Music and SoundCloud playlists through. The key comes only
 * from the environment; without it those two services are reported as not configured.
 *
 * @param soundcloudMaxPages a bound on {@code nextOffset} paging, against a scraper that never ends
 */
@ConfigurationProperties("tunemeld.rapidapi")
public record RapidApiProperties(String key,
        @DefaultValue("https://apple-music24.p.rapidapi.com") String appleMusicUrl,
        @DefaultValue("apple-music24.p.rapidapi.com") String appleMusicHost,
        @DefaultValue("https://soundcloud-scraper.p.rapidapi.com") String soundcloudUrl,
        @DefaultValue("soundcloud-scraper.p.rapidapi.com") String soundcloudHost,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("3") int maxRetries,
        @DefaultValue("30s") Duration maxRetryAfter,
        @DefaultValue("2") double requestsPerSecond,
        @DefaultValue("20") int soundcloudMaxPages) implements ApiCredentials {

    /** A client of one of the scrapers, with this configuration's timeout, retries and rate. */
    JsonApiClient client(String name, String baseUrl, ApiInstrumentation instrumentation) {
        return new JsonApiClient(new JsonApiClient.Settings(name, baseUrl, timeout, maxRetries, maxRetryAfter, requestsPerSecond), instrumentation);
    }

    @Override
    public boolean configured() {
        return key != null && !key.isBlank();
    }

    @Override
    public String missing() {
        return "RAPIDAPI_KEY is not set";
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "RapidApiProperties[key=" + (configured() ? "***" : "unset") + ", appleMusicUrl=" + appleMusicUrl
                + ", soundcloudUrl=" + soundcloudUrl + "]";
    }
}
