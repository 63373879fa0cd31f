package io.tunemeld.ingest.lastfm;

import io.tunemeld.platform.http.ApiCredentials;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Last.fm's web service, read for listeners' top tracks. The key comes only from the environment.
 *
 * @param requestsPerSecond Last.fm asks for at most 5 per second per address; more gets error 29 and,
 *                          kept up, a suspended key (error 26)
 * @param pageSize tracks per {@code user.gettoptracks} page (Last.fm allows up to 1000)
 * @param maxSongs the most songs a listener's chart takes when the run does not say
 * @param period Last.fm's period: overall, 7day, 1month, 3month, 6month or 12month
 */
@ConfigurationProperties("tunemeld.lastfm")
public record LastFmProperties(String apiKey,
        @DefaultValue("https://ws.audioscrobbler.com") String url,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("3") int maxRetries,
        @DefaultValue("5") double requestsPerSecond,
        @DefaultValue("200") int pageSize,
        @DefaultValue("200") int maxSongs,
        @DefaultValue("overall") String period) implements ApiCredentials {

    @Override
    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String missing() {
        return "LASTFM_API_KEY is not set";
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "LastFmProperties[apiKey=" + (configured() ? "***" : "unset") + ", url=" + url + ", requestsPerSecond="
                + requestsPerSecond + ", pageSize=" + pageSize + ", maxSongs=" + maxSongs + ", period=" + period + "]";
    }
}
