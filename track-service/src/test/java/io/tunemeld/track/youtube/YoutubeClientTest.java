package io.tunemeld.track.youtube;

import io.tunemeld.platform.http.ApiInstrumentation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real client against a local HTTP stub of the YouTube Data API. */
class YoutubeClientTest {

    @RegisterExtension
    static WireMockExtension youtube = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final YoutubeClient client = new YoutubeClient(new YoutubeProperties("key-1", youtube.baseUrl(), 5, Duration.ofSeconds(5)), ApiInstrumentation.of(meters));

    @Test
    void theFirstVideoBecomesAWatchUrl() {
        youtube.stubFor(get(urlPathEqualTo("/youtube/v3/search")).withQueryParam("q", equalTo("Disco Lines No Broke Boys"))
                .withHeader("X-Goog-Api-Key", equalTo("key-1")).withQueryParam("type", equalTo("video"))
                .willReturn(okJson("{\"items\": [{\"id\": {\"kind\": \"youtube#video\", \"videoId\": \"dQw4w9WgXcQ\"}}]}")));

        assertThat(client.firstVideo("Disco Lines No Broke Boys")).contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    }

    @Test
    void theKeyTravelsInAHeaderAndInNoUrl() {
        youtube.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).willReturn(okJson("{\"items\": []}")));

        client.viewCounts(List.of("dQw4w9WgXcQ"));

        assertThat(youtube.getAllServeEvents()).singleElement().satisfies(served -> {
            assertThat(served.getRequest().getUrl()).doesNotContain("key-1");
            assertThat(served.getRequest().getHeader("X-Goog-Api-Key")).isEqualTo("key-1");
        });
    }

    @Test
    void noResultIsEmptyNotAPlaceholder() {
        youtube.stubFor(get(urlPathEqualTo("/youtube/v3/search")).willReturn(okJson("{\"items\": []}")));

        assertThat(client.firstVideo("nothing like it")).isEmpty();
    }

    @Test
    void quotaExceededIsToldApart() {
        youtube.stubFor(get(urlPathEqualTo("/youtube/v3/search")).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\": {\"code\": 403, \"errors\": [{\"reason\": \"quotaExceeded\"}]}}")));

        assertThatThrownBy(() -> client.firstVideo("x")).isInstanceOf(YoutubeQuotaExceededException.class);
        assertThat(meters.get("tunemeld.external.calls").tag("api", "YouTube").tag("outcome", "limited").counter().count()).isEqualTo(1);
        assertThat(meters.get("tunemeld.external.calls").tag("api", "YouTube").tag("outcome", "ok").counter().count()).isZero();
    }
}
