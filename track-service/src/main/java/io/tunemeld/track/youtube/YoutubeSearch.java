package io.tunemeld.track.youtube;

import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.lookup.UrlSearch;
import java.util.Optional;

/** The first video YouTube's search finds for the track's artist and title. */
public class YoutubeSearch implements UrlSearch {

    private final YoutubeClient client;

    public YoutubeSearch(YoutubeClient client) {
        this.client = client;
    }

    @Override
    public MusicService service() {
        return MusicService.YOUTUBE;
    }

    @Override
    public Optional<String> find(TrackQuery track) {
        return client.firstVideo(track.text());
    }
}
