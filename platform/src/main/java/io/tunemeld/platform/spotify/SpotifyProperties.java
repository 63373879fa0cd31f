package io.tunemeld.platform.spotify;

import io.tunemeld.platform.http.ApiCredentials;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Spotify Web API: playlists for ingest, search for the normalizer. Off unless both credentials are
 * set (from the environment only).
 *
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the call for now
 * @param requestsPerSecond the most calls per second this client makes
 */
@ConfigurationProperties("tunemeld.spotify")
public record SpotifyProperties(String clientId, String clientSecret,
        @DefaultValue("https://api.spotify.com") String apiUrl,
        @DefaultValue("https://accounts.spotify.com") String accountsUrl,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("3") int maxRetries,
        @DefaultValue("30s") Duration maxRetryAfter,
        @DefaultValue("10") double requestsPerSecond) implements ApiCredentials {

    @Override
    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String missing() {
        return "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are not both set";
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "SpotifyProperties[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "***")
                + ", apiUrl=" + apiUrl + ", accountsUrl=" + accountsUrl + "]";
    }
}
