package io.tunemeld.track.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.schemas.MusicService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTrackTest {

    private static final String KEY = "USUM72500001";

    @Test
    void metadataComesFromSpotifyThenAppleMusicThenSoundCloudAndEveryUrlIsKept() {
        var soundcloud = new ServiceTrack(KEY, MusicService.SOUNDCLOUD, KEY, "song (official)", List.of("uploader"), null,
                "https://i1.sndcdn.com/a.png", "https://soundcloud.com/x/song");
        var apple = new ServiceTrack(KEY, MusicService.APPLE_MUSIC, null, "Song", List.of("Artist & Friend"), "Album",
                null, "https://music.apple.com/us/album/song/1?i=2");
        var spotify = new ServiceTrack(KEY, MusicService.SPOTIFY, KEY, "Song (feat. Friend)", List.of("Artist", "Friend"),
                null, "https://i.scdn.co/image/1", "https://open.spotify.com/track/1");

        var track = CanonicalTrack.merge(KEY, List.of(soundcloud, apple, spotify), Map.of(
                MusicService.YOUTUBE, "https://www.youtube.com/watch?v=abc",
                MusicService.SOUNDCLOUD, "https://soundcloud.com/other/looked-up"));

        assertThat(track.title()).isEqualTo("Song (feat. Friend)");
        assertThat(track.artist()).isEqualTo("Artist, Friend");
        assertThat(track.album()).as("Spotify has none, Apple Music next").isEqualTo("Album");
        assertThat(track.artworkUrl()).isEqualTo("https://i.scdn.co/image/1");
        assertThat(track.isrc()).isEqualTo(KEY);
        assertThat(track.urls()).containsOnlyKeys(MusicService.SPOTIFY, MusicService.APPLE_MUSIC, MusicService.SOUNDCLOUD,
                MusicService.YOUTUBE);
        assertThat(track.urls().get(MusicService.YOUTUBE)).isEqualTo("https://www.youtube.com/watch?v=abc");
        assertThat(track.urls().get(MusicService.SOUNDCLOUD)).as("a page a service linked wins over one looked up")
                .isEqualTo("https://soundcloud.com/x/song");
        assertThat(track.services()).containsExactly(MusicService.SPOTIFY, MusicService.APPLE_MUSIC, MusicService.SOUNDCLOUD);
    }

    @Test
    void aTrackSeenOnlyOnSoundCloudWithoutArtistStillHasOne() {
        var soundcloud = new ServiceTrack("hash:abc", MusicService.SOUNDCLOUD, null, "Artist - Song", List.of(), null, null, null);

        var track = CanonicalTrack.merge("hash:abc", List.of(soundcloud), Map.of());

        assertThat(track.artist()).isEmpty();
        assertThat(track.urls()).isEmpty();
        assertThat(track.isrc()).isNull();
    }
}
