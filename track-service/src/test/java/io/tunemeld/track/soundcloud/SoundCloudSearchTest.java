package io.tunemeld.track.soundcloud;

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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunemeld.track.lookup.QuotaExceededException;
import io.tunemeld.track.lookup.UrlSearch.TrackQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real search against a local HTTP stub of the RapidAPI SoundCloud scraper, answering in its own shape. */
class SoundCloudSearchTest {

    @RegisterExtension
    static WireMockExtension soundcloud = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final TrackQuery NO_BROKE_BOYS = new TrackQuery("USAT22504362", "No Broke Boys", "Disco Lines, Tinashe");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SoundCloudSearch search = new SoundCloudSearch(new SoundCloudProperties("key-1", soundcloud.baseUrl(),
            "soundcloud-scraper.p.rapidapi.com", 10, 0.7, Duration.ofSeconds(5), 50), ApiInstrumentation.of(meters));

    @Test
    void theUploadWithTheTrackIsrcIsTakenOverCoversAndOtherRecordings() {
        answer(item("https://soundcloud.com/fan/no-broke-boys-cover", "No Broke Boys", "Some Fan", null),
                item("https://soundcloud.com/discolines/no-broke-boys-vip", "No Broke Boys", "Disco Lines & Tinashe", "USAT22509999"),
                item("https://soundcloud.com/discolines/no-broke-boys", "No Broke Boys", "Disco Lines & Tinashe", "USAT22504362"));

        assertThat(search.find(NO_BROKE_BOYS)).contains("https://soundcloud.com/discolines/no-broke-boys");
        soundcloud.verify(getRequestedFor(urlPathEqualTo("/v1/search/tracks"))
                .withQueryParam("term", equalTo("Disco Lines, Tinashe No Broke Boys"))
                .withHeader("X-RapidAPI-Key", equalTo("key-1"))
                .withHeader("X-RapidAPI-Host", equalTo("soundcloud-scraper.p.rapidapi.com")));
    }

    @Test
    void withoutIsrcTheSameTitleAndArtistsMatchButTheSameTitleByAnotherArtistDoesNot() {
        answer(item("https://soundcloud.com/other/no-broke-boys", "No Broke Boys", "Another Artist", null));
        assertThat(search.find(NO_BROKE_BOYS)).as("the decoy").isEmpty();

        answer(item("https://soundcloud.com/other/no-broke-boys", "No Broke Boys", "Another Artist", null),
                item("https://soundcloud.com/discolines/nbb", "NO BROKE BOYS (feat. Tinashe)", "Disco Lines", null));
        assertThat(search.find(NO_BROKE_BOYS)).contains("https://soundcloud.com/discolines/nbb");
    }

    @Test
    void anUploadWithoutPublisherIsReadAsArtistDashTitleNeverByItsChannel() {
        answer(item("https://soundcloud.com/discolines/channel-upload", "No Broke Boys", null, null));
        assertThat(search.find(NO_BROKE_BOYS)).as("only the channel says who it is").isEmpty();

        answer(item("https://soundcloud.com/reposts/nbb", "Disco Lines & Tinashe - No Broke Boys", null, null));
        assertThat(search.find(NO_BROKE_BOYS)).contains("https://soundcloud.com/reposts/nbb");
    }

    @Test
    void anotherVersionIsAnotherTrack() {
        answer(item("https://soundcloud.com/discolines/nbb-sped-up", "No Broke Boys (Sped Up)", "Disco Lines & Tinashe", null));

        assertThat(search.find(NO_BROKE_BOYS)).isEmpty();
    }

    @Test
    void aUsedUpQuotaIsToldApart() {
        soundcloud.stubFor(get(urlPathEqualTo("/v1/search/tracks")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "86400").withBody("{\"message\": \"You have exceeded the DAILY quota\"}")));

        assertThatThrownBy(() -> search.find(NO_BROKE_BOYS)).isInstanceOf(QuotaExceededException.class);
        assertThat(meters.get("tunemeld.external.calls").tag("api", "SoundCloud (RapidAPI)").tag("outcome", "limited").counter().count())
                .as("the call the quota refused, once, however many retries").isEqualTo(1);
    }

    private static void answer(String... items) {
        soundcloud.stubFor(get(urlPathEqualTo("/v1/search/tracks"))
                .willReturn(okJson("{\"status\": 200, \"tracks\": {\"items\": [" + String.join(",", items) + "], \"nextOffset\": null}}")));
    }

    /** A result as the scraper sends it; the channel is always "Disco Lines" to show it is never the artist. */
    private static String item(String permalink, String title, String artist, String isrc) {
        String publisher = artist == null ? "null"
                : "{\"artist\": \"" + artist + "\", \"isrc\": " + (isrc == null ? "null" : "\"" + isrc + "\"") + "}";
        return """
                {"type": "track", "permalink": "%s", "title": "%s", "publisher": %s,
                 "user": {"type": "user", "name": "Disco Lines", "permalink": "https://soundcloud.com/discolines"}}"""
                .formatted(permalink, title, publisher);
    }
}
