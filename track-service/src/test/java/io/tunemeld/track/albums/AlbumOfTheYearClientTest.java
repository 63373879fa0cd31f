package io.tunemeld.track.albums;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.http.ApiInstrumentation;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real client against a local HTTP stub of albumoftheyear.org, answering with pages shaped as the site's. */
class AlbumOfTheYearClientTest {

    @RegisterExtension
    static WireMockExtension site = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private AlbumOfTheYearClient client() {
        return new AlbumOfTheYearClient(new AlbumOfTheYearProperties(site.baseUrl(), 30, Duration.ofSeconds(5)), ApiInstrumentation.of(meters));
    }

    private static void answer(String path, String page) throws Exception {
        site.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(AlbumPagesTest.page(page))));
    }

    @Test
    void theAlbumIsTheFirstResultByTheArtistWithTheTitleAnEditionAside() throws Exception {
        answer("/search/albums/", "search-melodrama.html");
        answer("/album/73311-lorde-melodrama.php", "album-melodrama.html");

        assertThat(client().rating("Lorde", "Melodrama (Deluxe Edition)")).contains(new AlbumRating(
                site.baseUrl() + "/album/73311-lorde-melodrama.php", 87.5, 41, 84.3, 12504, List.of("Art Pop", "Electropop")));
        site.verify(getRequestedFor(urlPathEqualTo("/search/albums/")).withQueryParam("q", equalTo("Lorde - Melodrama (Deluxe Edition)")));
        // the live album came first, but is another record
        site.verify(0, getRequestedFor(urlPathEqualTo("/album/104412-lorde-melodrama-live.php")));
        assertThat(meters.get("tunemeld.external.calls").tag("api", AlbumOfTheYearClient.API).tag("outcome", "ok").counter().count())
                .isEqualTo(2);
    }

    @Test
    void anAlbumTheSiteDoesNotListIsNoRatingAndNoPageIsRead() throws Exception {
        answer("/search/albums/", "search-melodrama.html");

        assertThat(client().rating("Orla Quay", "Melodrama")).isEmpty();
        assertThat(client().rating("Lorde", "Pure Heroine")).isEmpty();
        site.verify(0, getRequestedFor(urlPathEqualTo("/album/73311-lorde-melodrama.php")));
    }

    @Test
    void theSitesRefusalIsAFailureToRetryCountedAsLimited() {
        site.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> client().rating("Lorde", "Melodrama")).isInstanceOfSatisfying(ApiException.class, failure -> {
            assertThat(failure.status()).isEqualTo(429);
            assertThat(failure.isTransient()).isTrue();
        });
        assertThat(meters.get("tunemeld.external.calls").tag("outcome", "limited").counter().count()).isEqualTo(1);
    }

    @Test
    void aPageLargerThanARealOneIsRefusedUnread() {
        site.stubFor(get(anyUrl()).willReturn(aResponse().withBody(new byte[AlbumOfTheYearClient.MAX_PAGE_BYTES + 1])));

        assertThatThrownBy(() -> client().rating("Lorde", "Melodrama")).isInstanceOf(ApiException.class).hasMessageContaining("larger than");
    }

    @Test
    void requestsAreSpacedEvenlyAtMostThirtyAMinute() throws Exception {
        answer("/search/albums/", "search-melodrama.html");
        answer("/album/73311-lorde-melodrama.php", "album-melodrama.html");
        AlbumOfTheYearClient client = client();

        client.rating("Lorde", "Melodrama");
        client.rating("Lorde", "Melodrama");

        List<Long> sent = site.getAllServeEvents().stream().map(ServeEvent::getRequest).map(request -> request.getLoggedDate().getTime())
                .sorted(Comparator.naturalOrder()).toList();
        assertThat(sent).hasSize(4);
        // one request a slice: the first and the fourth are more than two slices apart (allowing for the first's
        // arrival being logged a little late), where nothing holding them back would send all four at once
        assertThat(sent.get(3) - sent.get(0)).as("milliseconds from the first request to the fourth")
                .isGreaterThan(2 * AlbumOfTheYearClient.slice(30).toMillis() - 200);
    }

    @Test
    void noSixtySecondsHoldMoreThanTheAllowedRequests() {
        for (int perMinute = 1; perMinute <= AlbumOfTheYearProperties.MAX_REQUESTS_PER_MINUTE; perMinute++) {
            long slice = AlbumOfTheYearClient.slice(perMinute).toMillis();
            // a window of sixty seconds meets at most this many slices, each with one permit
            assertThat(60_000 / slice + 1).as("requests in sixty seconds at %d a minute", perMinute).isLessThanOrEqualTo(perMinute);
        }
    }

    @Test
    void aFasterPaceOrASiteThatIsNoWebAddressStopsTheStart() {
        assertThatThrownBy(() -> new AlbumOfTheYearProperties("https://www.albumoftheyear.org", 31, Duration.ofSeconds(5)))
                .hasMessageContaining("requests-per-minute must be 1..30");
        assertThatThrownBy(() -> new AlbumOfTheYearProperties("file:///etc/passwd", 30, Duration.ofSeconds(5)))
                .hasMessageContaining("must be an http(s) URL");
        assertThatThrownBy(() -> new AlbumOfTheYearProperties("https://user:pw@www.albumoftheyear.org", 30, Duration.ofSeconds(5)))
                .hasMessageContaining("no user info");
    }
}
