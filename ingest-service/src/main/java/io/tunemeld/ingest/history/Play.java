package io.tunemeld.ingest.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One play of a listener's history.
 *
 * @param contextType what it was played from (playlist, album, artist), null when Spotify does not say
 */
public record Play(String trackId, String isrc, String title, List<String> artists, Instant playedAt, String contextType,
        String contextUri) {

    private static final String PLAYLIST_URI = "spotify:playlist:";

    public Play {
        artists = List.copyOf(artists);
    }

    /** The playlist it was played from, if it was. */
    Optional<String> playlistId() {
        return "playlist".equals(contextType) && contextUri != null && contextUri.startsWith(PLAYLIST_URI)
                ? Optional.of(contextUri.substring(PLAYLIST_URI.length())) : Optional.empty();
    }
}
