package io.tunemeld.ingest.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Spotify listening histories and profiles. Each listener granted TuneMeld a refresh token
 * (authorization-code flow, scopes {@code user-read-recently-played}, and {@code user-follow-read} for whom
 * they follow); they come only from the environment, as
 * {@code user=token,user2=token2}.
 *
 * @param schedule a cron (UTC) for reading every listener's new plays; "-" switches it off. Spotify keeps
 *                 only a listener's last 50 plays, so it runs often.
 * @param profileSchedule a cron (UTC) for reading the listeners' profiles and the users around them; "-"
 *                        switches it off
 * @param playlistRefresh a playlist discovered from plays is fetched again once its last fetch is this old
 * @param maxPages pages of recently played read in one go, against a cursor that never ends
 */
@ConfigurationProperties("tunemeld.spotify-history")
public record SpotifyHistoryProperties(String listenerTokens,
        @DefaultValue("0 */30 * * * *") String schedule,
        @DefaultValue("0 0 5 1 * *") String profileSchedule,
        @DefaultValue("7d") Duration playlistRefresh,
        @DefaultValue("20") int maxPages) {

    private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    /** A listener: a name of TuneMeld's choosing (lowercase) and the refresh token they granted. */
    public record Listener(String user, String refreshToken) {

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Listener[" + user + "]";
        }
    }

    /** The listeners, in the order given; a malformed entry is an error naming the entry, never its token. */
    public List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        if (listenerTokens == null || listenerTokens.isBlank()) {
            return listeners;
        }
        String[] entries = listenerTokens.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            int equals = entry.indexOf('=');
            // an entry without "=" may be a bare token: it is named by its place only
            String user = equals < 0 ? null : entry.substring(0, equals).strip();
            if (user == null || !USER.matcher(user).matches() || entry.substring(equals + 1).isBlank()) {
                throw new IllegalArgumentException("SPOTIFY_LISTENER_TOKENS, entry " + (i + 1) + ": expected user=refresh-token"
                        + " (user: lowercase letters, digits, _ or -)");
            }
            listeners.add(new Listener(user, entry.substring(equals + 1).strip()));
        }
        return listeners;
    }

    /** Never prints the tokens. */
    @Override
    public String toString() {
        return "SpotifyHistoryProperties[listeners=" + listeners().stream().map(Listener::user).toList() + ", schedule=" + schedule
                + ", profileSchedule=" + profileSchedule + ", playlistRefresh=" + playlistRefresh + "]";
    }
}
