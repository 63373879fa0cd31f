package io.tunemeld.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", "http://example.com/a?b=c#d",
            "HTTPS://music.apple.com/us/album/x", "https://i1.sndcdn.com/artworks-000-t500x500.jpg"})
    void webAddressesAreKeptAsGiven(String url) {
        assertThat(WebUrls.webOrNull(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)",
            "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "//evil.example/x",
            "/relative/path", "https:///no-host", "file:///etc/passwd", "https://exa mple.com/", "https://ok.com/\u0000",
            "https://ok.com/\njavascript:x", "not a url at all", ""})
    void anythingElseIsDropped(String url) {
        assertThat(WebUrls.webOrNull(url)).isNull();
    }
}
