package io.tunemeld.ingest.lastfm;

import io.tunemeld.platform.http.ApiInstrumentation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tunemeld.platform.http.ApiException;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The real Last.fm client against a local stub of {@code ws.audioscrobbler.com}. */
class LastFmSourceTest {

    private static final String KEY = "lastfm-key-never-shown";

    @RegisterExtension
    static WireMockExtension lastFm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static LastFmSource source(int pageSize) {
        return new LastFmSource(new LastFmProperties(KEY, lastFm.baseUrl(), Duration.ofSeconds(5), 2, 50, pageSize, 200, "overall"), ApiInstrumentation.none());
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder page(int page) {
        return get(urlPathEqualTo("/2.0/")).withQueryParam("method", equalTo("user.gettoptracks")).withQueryParam("user", equalTo("rj"))
                .withQueryParam("api_key", equalTo(KEY)).withQueryParam("format", equalTo("json"))
                .withQueryParam("page", equalTo(String.valueOf(page)));
    }

    private static String tracks(int from, int to, int totalPages) {
        String items = IntStream.rangeClosed(from, to).mapToObj(rank -> """
                {"name": "Song %d", "playcount": "%d", "artist": {"name": "Artist"}, "@attr": {"rank": "%d"}}"""
                .formatted(rank, 1000 - rank, rank)).collect(Collectors.joining(","));
        return "{\"toptracks\": {\"track\": [" + items + "], \"@attr\": {\"user\": \"rj\", \"totalPages\": \"" + totalPages
                + "\", \"total\": \"" + totalPages * 2 + "\"}}}";
    }

    @Test
    void readsPagesUntilItHasTheSongsAskedForOrLastFmHasNoMore() {
        lastFm.stubFor(page(1).willReturn(okJson(tracks(1, 2, 3))));
        lastFm.stubFor(page(2).willReturn(okJson(tracks(3, 4, 3))));
        lastFm.stubFor(page(3).willReturn(okJson(tracks(5, 6, 3))));

        var three = JsonMapper.shared().readTree(source(2).fetch(LastFmSource.chart("rj"), 3));
        assertThat(three.path("toptracks").path("track")).extracting(t -> t.path("name").asString())
                .containsExactly("Song 1", "Song 2", "Song 3");
        lastFm.verify(0, getRequestedFor(urlPathEqualTo("/2.0/")).withQueryParam("page", equalTo("3")));

        var all = JsonMapper.shared().readTree(source(2).fetch(LastFmSource.chart("rj"), 100));
        assertThat(all.path("toptracks").path("track").size()).as("all 3 pages, then Last.fm has no more").isEqualTo(6);
        assertThat(all.path("toptracks").path("@attr").path("user").asString()).isEqualTo("rj");
        lastFm.verify(0, getRequestedFor(urlPathEqualTo("/2.0/")).withQueryParam("page", equalTo("4")));
    }

    @Test
    void waitsOutTheRateLimitEvenWhenLastFmAnswersItWithStatus200() {
        lastFm.stubFor(page(1).inScenario("limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("again")
                .willReturn(okJson("{\"error\": 29, \"message\": \"Rate Limit Exceeded\"}")));
        lastFm.stubFor(page(1).inScenario("limit").whenScenarioStateIs("again").willReturn(okJson(tracks(1, 2, 1))));

        var fetched = JsonMapper.shared().readTree(source(50).fetch(LastFmSource.chart("rj"), 10));

        assertThat(fetched.path("toptracks").path("track").size()).isEqualTo(2);
        lastFm.verify(2, getRequestedFor(urlPathEqualTo("/2.0/")));
    }

    @Test
    void aSuspendedKeyOrAnUnknownUserFailsWithLastFmsReasonAndIsNotRetried() {
        lastFm.stubFor(page(1).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": 26, \"message\": \"Suspended API key\"}")));

        assertThatThrownBy(() -> source(50).fetch(LastFmSource.chart("rj"), 10)).isInstanceOf(ApiException.class)
                .hasMessageContaining("error 26").hasMessageContaining("suspended").hasMessageNotContaining(KEY);
        lastFm.verify(1, getRequestedFor(urlPathEqualTo("/2.0/")));

        lastFm.resetAll();
        lastFm.stubFor(page(1).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": 6, \"message\": \"User not found\"}")));
        assertThatThrownBy(() -> source(50).fetch(LastFmSource.chart("rj"), 10)).hasMessageContaining("User not found");
    }

    @Test
    void userNamesAreCheckedBeforeAnyCall() {
        assertThat(LastFmSource.chart("RJ").genre()).isEqualTo("lastfm-rj");
        assertThatThrownBy(() -> LastFmSource.chart("rj&api_key=x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Last.fm user name");
        assertThatThrownBy(() -> LastFmSource.chart(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
