package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The album-ratings step, on for one genre of the shared stack, against a stand-in of albumoftheyear.org
 * that answers with pages shaped as the site's: a track's album, once Spotify's metadata named it, is
 * looked up once for all its tracks, GraphQL serves its scores and the web page shows them; an album the
 * site does not list is recorded as not found.
 */
@StackSetup(properties = {
        "tunemeld.enrichment.genres." + AlbumRatingsEndToEndTest.GENRE + ".track-metadata=true",
        "tunemeld.enrichment.genres." + AlbumRatingsEndToEndTest.GENRE + ".album-ratings=true"})
class AlbumRatingsEndToEndTest {

    /** The one genre the shared stack rates albums for. */
    static final String GENRE = "album-ratings-check";
    private static final String FIRST = "QZAR82600001";
    private static final String SECOND = "QZAR82600002";
    private static final String UNLISTED = "QZAR82600003";
    private static final String ALBUM_PAGE = "/album/501-orla-quay-salt-flats.php";
    private static final String RATING = """
            query($isrc: String!) { track(isrc: $isrc) { details { album
              albumRating { url criticScore criticReviews userScore userRatings genres ratedAt } } } }""";

    private static StackClient client;

    @BeforeAll
    static void ingestedInAGenreThatRatesAlbums() throws Exception {
        client = StackClient.of(SharedStack.get());
        var apis = SharedStack.musicApis();
        apis.stubFor(WireMock.get("/v1/tracks/albRated1").willReturn(WireMock.okJson(track("albRated1", FIRST, "Salt Flats (Deluxe)"))));
        apis.stubFor(WireMock.get("/v1/tracks/albRated2").willReturn(WireMock.okJson(track("albRated2", SECOND, "Salt Flats (Deluxe)"))));
        apis.stubFor(WireMock.get("/v1/tracks/albUnlisted3").willReturn(WireMock.okJson(track("albUnlisted3", UNLISTED, "Unlisted Record"))));
        apis.stubFor(WireMock.get(WireMock.urlPathEqualTo("/search/albums/")).withQueryParam("q", WireMock.equalTo("Orla Quay - Salt Flats (Deluxe)"))
                .willReturn(html("""
                        <div class="albumBlock five small">
                          <div class="image"><a href="/album/500-orla-quay-salt-flats-live.php"><img src="/a.jpg" alt=""></a></div>
                          <a href="/artist/77-orla-quay/"><div class="artistTitle">Orla Quay</div></a>
                          <a href="/album/500-orla-quay-salt-flats-live.php"><div class="albumTitle">Salt Flats (Live)</div></a>
                        </div>
                        <div class="albumBlock five small">
                          <div class="image"><a href="%s"><img src="/b.jpg" alt=""></a></div>
                          <a href="/artist/77-orla-quay/"><div class="artistTitle">Orla Quay</div></a>
                          <a href="%s"><div class="albumTitle">Salt Flats</div></a>
                        </div>""".formatted(ALBUM_PAGE, ALBUM_PAGE))));
        apis.stubFor(WireMock.get(WireMock.urlPathEqualTo("/search/albums/")).withQueryParam("q", WireMock.equalTo("Orla Quay - Unlisted Record"))
                .willReturn(html("<h1 class=\"headline\">Album Results</h1><div class=\"noResults\">No albums found.</div>")));
        apis.stubFor(WireMock.get(ALBUM_PAGE).willReturn(html("""
                <div class="albumTopBox albumCriticScoreBox"><div class="heading">Critic Score</div>
                  <div class="albumCriticScore"><span><a href="#critics" title="78.6">79</a></span></div>
                  <div class="text numReviews"><span>Based on <span>14</span> reviews</span></div></div>
                <div class="albumTopBox albumUserScoreBox"><div class="heading">User Score</div>
                  <div class="albumUserScore"><a href="/album/501-orla-quay-salt-flats/user-reviews/" title="74.1">74</a></div>
                  <div class="text numReviews"><strong>1,208</strong>&nbsp;ratings</div></div>
                <div class="albumTopBox info">
                  <div class="detailRow"><a href="/genre/12-dream-pop/">Dream Pop</a>, <a href="/genre/40-shoegaze/"><div class="secondary">Shoegaze</div></a><span>/ Genres</span></div>
                </div>""")));

        Path payloads = PayloadDirectory.create("album-ratings").with("spotify", GENRE, "[" + String.join(",",
                entry(1, "Salt Line", FIRST, "albRated1"), entry(2, "Flat Water", SECOND, "albRated2"),
                entry(3, "Nobody Rated", UNLISTED, "albUnlisted3")) + "]")
                // the same songs on a second service, so that the genre has an aggregate for the page to show
                .with("soundcloud", GENRE, "{\"tracks\": {\"items\": [" + String.join(",", soundCloudItem(11, "Salt Line", FIRST),
                        soundCloudItem(12, "Flat Water", SECOND), soundCloudItem(13, "Nobody Rated", UNLISTED)) + "]}}").path();
        client.ingest(payloads, "test");
        SharedStack.awaitCaughtUp();
    }

    @Test
    void everyTrackOfARatedAlbumCarriesItsScoresAndTheAlbumIsReadOnce() throws Exception {
        String url = SharedStack.musicApis().baseUrl() + ALBUM_PAGE;
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String isrc : new String[] {FIRST, SECOND}) {
                JsonNode rating = rating(isrc);
                assertThat(rating.path("url").asString()).as(isrc).isEqualTo(url);
                assertThat(rating.path("criticScore").asDouble()).isEqualTo(78.6);
                assertThat(rating.path("criticReviews").asInt()).isEqualTo(14);
                assertThat(rating.path("userScore").asDouble()).isEqualTo(74.1);
                assertThat(rating.path("userRatings").asInt()).isEqualTo(1208);
                assertThat(rating.path("genres").toString()).isEqualTo("[\"Dream Pop\"]");
                assertThat(Instant.parse(rating.path("ratedAt").asString())).isBefore(Instant.now());
            }
        });
        // one album, one step: the site is asked once whichever of its tracks came first
        SharedStack.musicApis().verify(1, WireMock.getRequestedFor(WireMock.urlPathEqualTo(ALBUM_PAGE)));
        SharedStack.musicApis().verify(1, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/search/albums/"))
                .withQueryParam("q", WireMock.equalTo("Orla Quay - Salt Flats (Deluxe)")));
        SharedStack.musicApis().verify(0, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/album/500-orla-quay-salt-flats-live.php")));
    }

    @Test
    void anAlbumTheSiteDoesNotListIsNotFoundAndItsTrackHasNoRating() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TrackSchema.query(
                "select outcome from track.enrichment_steps where subject = ? and step = 'ALBUM_RATINGS'", "album:orla quay / unlisted record"))
                .isEqualTo("NOT_FOUND"));
        JsonNode details = client.graphql(RATING, Map.of("isrc", UNLISTED)).path("track").path("details");
        assertThat(details.path("album").asString()).isEqualTo("Unlisted Record");
        assertThat(details.path("albumRating").isNull()).isTrue();
    }

    @Test
    void thePageShowsTheRatedAlbumsScoresLinkedToItsPageAndNothingForAnUnratedOne() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rating(SECOND).path("userScore").isNumber()).isTrue());
        WebDriver browser = Browser.open(SharedStack.get().serviceUrl("cache-service") + "/#" + GENRE);
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(By.id("aggregate"), "data-genre", GENRE));
            WebElement rated = browser.findElement(By.cssSelector("#aggregate tr[data-track-key='" + SECOND + "'] .details .rating"));
            assertThat(rated.getText()).isEqualTo("album: critics 79, users 74");
            assertThat(rated.getAttribute("href")).isEqualTo(SharedStack.musicApis().baseUrl() + ALBUM_PAGE);
            assertThat(browser.findElements(By.cssSelector("#aggregate tr[data-track-key='" + UNLISTED + "'] .rating"))).isEmpty();
        } finally {
            browser.quit();
        }
    }

    private static JsonNode rating(String isrc) throws Exception {
        return client.graphql(RATING, Map.of("isrc", isrc)).path("track").path("details").path("albumRating");
    }

    private static ResponseDefinitionBuilder html(String body) {
        return WireMock.aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head><body><div id=\"centerContent\">" + body
                        + "</div></body></html>");
    }

    private static String track(String id, String isrc, String album) {
        return """
                {"id": "%s", "name": "Song %s", "duration_ms": 180000, "explicit": false, "external_ids": {"isrc": "%s"},
                 "album": {"name": "%s", "release_date": "2026-02-06"}, "artists": [{"id": "artOrla", "name": "Orla Quay"}]}"""
                .formatted(id, id, isrc, album);
    }

    private static String soundCloudItem(long id, String title, String isrc) {
        return """
                {"id": %d, "title": "%s", "permalink": "https://soundcloud.com/orla-quay/%d",
                 "publisher": {"artist": "Orla Quay", "isrc": "%s"}, "user": {"name": "Orla Quay"}}"""
                .formatted(id, title, id, isrc);
    }

    private static String entry(int position, String title, String isrc, String spotifyId) {
        return """
                {"name": "%s", "artists": ["Orla Quay"], "isrc": "%s", "list_position": %d, "url": "https://open.spotify.com/track/%s"}"""
                .formatted(title, isrc, position, spotifyId);
    }
}
