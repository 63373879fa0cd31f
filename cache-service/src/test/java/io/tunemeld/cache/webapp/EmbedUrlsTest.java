package io.tunemeld.cache.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbedUrlsTest {

    @Test
    void eachServicesTrackPageGivesItsPlayer() {
        assertThat(EmbedUrls.of("spotify", "https://open.spotify.com/track/0cjJKsmTPUZeZY5A9IyXca"))
                .hasValue("https://open.spotify.com/embed/track/0cjJKsmTPUZeZY5A9IyXca");
        assertThat(EmbedUrls.of("spotify", "https://open.spotify.com/intl-de/track/0cjJKsmTPUZeZY5A9IyXca?si=abc"))
                .hasValue("https://open.spotify.com/embed/track/0cjJKsmTPUZeZY5A9IyXca");
        assertThat(EmbedUrls.of("apple_music", "https://music.apple.com/us/album/6-months-later/1820288139?i=1820288141"))
                .hasValue("https://embed.music.apple.com/us/album/1820288139?i=1820288141&app=music");
        assertThat(EmbedUrls.of("soundcloud", "https://soundcloud.com/brettyoungofficial/you-still-got-it"))
                .hasValue("https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fbrettyoungofficial%2Fyou-still-got-it&auto_play=true");
        assertThat(EmbedUrls.of("youtube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
                .hasValue("https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1");
        assertThat(EmbedUrls.of("youtube", "https://youtu.be/dQw4w9WgXcQ")).hasValue("https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1");
    }

    /** What a page's address may try: another scheme or host, a look-alike host, user information, markup, a wrong shape. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spotify|javascript:alert(1)//open.spotify.com/track/abc",
        "spotify|http://open.spotify.com/track/abc",
        "spotify|https://open.spotify.com.evil.example/track/abc",
        "spotify|https://evil.example/track/abc?u=https://open.spotify.com/track/abc",
        "spotify|https://open.spotify.com@evil.example/track/abc",
        "spotify|https://user@open.spotify.com/track/abc",
        "spotify|https://open.spotify.com:8443/track/abc",
        "spotify|https://open.spotify.com/track/abc\"><script>alert(1)</script>",
        "spotify|https://open.spotify.com/track/abc/../../evil",
        "spotify|https://open.spotify.com/artist/abc",
        "spotify|//open.spotify.com/track/abc",
        "apple_music|https://music.apple.com/us/album/x/123",
        "apple_music|https://music.apple.com/us/album/x/123?i=9%22onload%3D",
        "apple_music|https://music.apple.com.evil.example/us/album/x/123?i=4",
        "soundcloud|https://soundcloud.com/a",
        "soundcloud|https://soundcloud.com/a/b%22%3E%3Cscript%3E",
        "soundcloud|https://evil.example/a/b",
        "youtube|https://www.youtube.com/watch?v=short",
        "youtube|https://www.youtube.com/embed/dQw4w9WgXcQ",
        "youtube|https://www.youtube.com/watch?x=1&v=dQw4w9WgXcQ%22",
        "genius|https://genius.com/a-b-lyrics",
        "tunemeld|https://open.spotify.com/track/abc",
    })
    void anAddressThatIsNotOneOfTheServicesTrackPagesGivesNone(String service, String url) {
        assertThat(EmbedUrls.of(service, url)).isEmpty();
    }

    @Test
    void aSoundCloudPagesQueryIsLeftOutOfThePlayersAddress() {
        assertThat(EmbedUrls.of("soundcloud", "https://soundcloud.com/a/b?x=%3Cscript%3E&url=https://evil.example"))
                .hasValue("https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fa%2Fb&auto_play=true");
    }

    @Test
    void anOverlongAddressGivesNone() {
        assertThat(EmbedUrls.of("spotify", "https://open.spotify.com/track/abc?" + "x".repeat(EmbedUrls.MAX_LENGTH))).isEmpty();
    }
}
