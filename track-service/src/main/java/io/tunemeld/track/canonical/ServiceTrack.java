package io.tunemeld.track.canonical;

import io.tunemeld.schemas.MusicService;
import java.util.List;

/** What one service says about a track. */
public record ServiceTrack(String trackKey, MusicService service, String isrc, String title, List<String> artists,
        String album, String artworkUrl, String url) {
}
