package io.tunemeld.ingest.source;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyProperties;
import io.tunemeld.schemas.MusicService;
import java.time.Clock;
import java.util.Optional;

/** Spotify playlists through the Web API ({@code /v1/playlists/{id}/items}, every page). */
public class SpotifySource implements ApiSource {

    private final SpotifyProperties properties;
    private final SpotifyClient client;

    public SpotifySource(SpotifyProperties properties, Clock clock, ApiInstrumentation instrumentation) {
        this.properties = properties;
        this.client = new SpotifyClient(properties, clock, instrumentation);
    }

    @Override
    public MusicService service() {
        return MusicService.SPOTIFY;
    }

    @Override
    public Optional<String> missingConfiguration() {
        return properties.missingConfiguration();
    }

    @Override
    public String fetch(PlaylistRef playlist) {
        return client.playlistItems(playlist.ref());
    }
}
