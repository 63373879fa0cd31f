package io.tunemeld.track.youtube;

import io.tunemeld.platform.http.ApiInstrumentation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.tunemeld.track.views.ViewCountSource.ViewCount;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** View counts through the real client against a local stub of videos.list. */
class YoutubeViewCountSourceTest {

    @RegisterExtension
    static WireMockExtension youtube = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final YoutubeViewCountSource source = new YoutubeViewCountSource(
            Optional.of(new YoutubeClient(new YoutubeProperties("key-1", youtube.baseUrl(), 5, Duration.ofSeconds(5)), ApiInstrumentation.none())));

    @Test
    void countsArriveByIsrcAndAVideoWithoutOneIsAFailure() {
        youtube.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).withQueryParam("part", equalTo("statistics"))
                .withHeader("X-Goog-Api-Key", equalTo("key-1"))
                .willReturn(okJson("{\"items\": [{\"id\": \"dQw4w9WgXcQ\", \"statistics\": {\"viewCount\": \"1712345678\"}}]}")));

        Map<String, ViewCount> counts = source.fetch(Map.of("GBARL9300135", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "USAT22504362", "https://youtu.be/aaaaaaaaaaa", "USUG12503301", "https://example.com/not-youtube"));

        assertThat(counts.get("GBARL9300135")).isEqualTo(ViewCount.of(1712345678L));
        assertThat(counts.get("USAT22504362").failure()).contains("no view count for video aaaaaaaaaaa");
        assertThat(counts.get("USUG12503301").failure()).contains("not a YouTube video URL");
    }

    @Test
    void fiftyVideosACallAndAFailedCallFailsOnlyItsTracks() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            urls.put("USAAA26%05d".formatted(i), "https://www.youtube.com/watch?v=video%06d".formatted(i));
        }
        youtube.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).willReturn(aResponse().withStatus(500)));

        Map<String, ViewCount> counts = source.fetch(urls);

        youtube.verify(2, getRequestedFor(urlPathEqualTo("/youtube/v3/videos")));
        assertThat(counts).hasSize(60).allSatisfy((isrc, count) -> {
            assertThat(count.count()).isNull();
            assertThat(count.failure()).contains("HTTP 500");
        });
    }

    @Test
    void anExceededQuotaStopsTheCalls() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            urls.put("USAAA26%05d".formatted(i), "https://www.youtube.com/watch?v=video%06d".formatted(i));
        }
        youtube.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\": {\"errors\": [{\"reason\": \"quotaExceeded\"}]}}")));

        Map<String, ViewCount> counts = source.fetch(urls);

        youtube.verify(1, getRequestedFor(urlPathEqualTo("/youtube/v3/videos")));
        assertThat(counts.values()).hasSize(120).allSatisfy(count -> assertThat(count.failure()).contains("quota exceeded"));
    }
}
