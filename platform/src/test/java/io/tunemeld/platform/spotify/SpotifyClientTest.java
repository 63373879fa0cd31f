package io.tunemeld.platform.spotify;

import io.tunemeld.platform.http.ApiInstrumentation;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunemeld.platform.http.ApiException;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real client against a local HTTP stub of the Spotify Web API (only the base URLs differ). */
class SpotifyClientTest {

    private static final String SECRET = "s3cr3t-never-shown";
    private static final String SEARCH_RESULT = """
            {"tracks": {"items": [{"id": "29Cv", "name": "Magic In The Air",
              "artists": [{"name": "Francis Mercier"}, {"name": "Magic System"}],
              "external_ids": {"isrc": "FRZ042500196"}}]}}""";

    @RegisterExtension
    static WireMockExtension spotify = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private SpotifyClient client(Duration timeout) {
        String url = spotify.baseUrl();
        return new SpotifyClient(new SpotifyProperties("client-id", SECRET, url, url, timeout, 3, Duration.ofSeconds(5), 50),
                Clock.systemUTC(), ApiInstrumentation.of(meters));
    }

    private double calls(String api, String outcome) {
        return meters.get("tunemeld.external.calls").tag("api", api).tag("outcome", outcome).counter().count();
    }

    private void tokenIsGranted() {
        spotify.stubFor(post("/api/token")
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(("client-id:" + SECRET).getBytes())))
                .withRequestBody(equalTo("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\": \"tok-1\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
    }

    @Test
    void searchesWithABearerTokenThatIsFetchedOnce() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(okJson(SEARCH_RESULT)));
        var client = client(Duration.ofSeconds(5));

        var tracks = client.searchTracks("track:\"magic in the air\" artist:\"francis mercier\"");
        client.searchTracks("isrc:FRZ042500196");

        assertThat(tracks).containsExactly(new SpotifyTrack("29Cv", "FRZ042500196", "Magic In The Air",
                java.util.List.of("Francis Mercier", "Magic System")));
        spotify.verify(1, postRequestedFor(urlPathEqualTo("/api/token")));
        spotify.verify(getRequestedFor(urlPathEqualTo("/v1/search"))
                .withQueryParam("q", equalTo("track:\"magic in the air\" artist:\"francis mercier\""))
                .withQueryParam("type", equalTo("track")));
    }

    @Test
    void aPlaylistIsReadPageByPageIntoOnePayload() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/playlists/pl1/items")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"total\": 3, \"next\": \"more\", \"items\": [{\"track\": {\"name\": \"A\"}},"
                        + " {\"track\": {\"name\": \"B\"}}]}")));
        spotify.stubFor(get(urlPathEqualTo("/v1/playlists/pl1/items")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"total\": 3, \"next\": null, \"items\": [{\"track\": {\"name\": \"C\"}}]}")));

        String payload = client(Duration.ofSeconds(5)).playlistItems("pl1");

        assertThat(payload).contains("\"total\":3").contains("\"name\":\"A\"").contains("\"name\":\"C\"")
                .contains("\"next\":null");
    }

    @Test
    void anEditorialPlaylistsNotFoundSaysWhy() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/playlists/37i9dQZF1DX4dyzvuaRJ0n/items")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).playlistItems("37i9dQZF1DX4dyzvuaRJ0n"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("editorial playlists");
    }

    @Test
    void waitsOutA429RetryAfterThenSucceeds() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).inScenario("rate").whenScenarioStateIs("open")
                .willReturn(okJson(SEARCH_RESULT)));

        long started = System.nanoTime();
        var tracks = client(Duration.ofSeconds(5)).searchTracks("isrc:FRZ042500196");

        assertThat(tracks).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("honoured Retry-After").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(calls("Spotify", "ok")).as("a 429 waited out counts as the answer it led to").isEqualTo(1);
        assertThat(calls("Spotify", "limited")).isZero();
    }

    @Test
    void retriesAServerErrorAndRenewsAnExpiredToken() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("expired"));
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).inScenario("flaky").whenScenarioStateIs("expired")
                .willReturn(aResponse().withStatus(401)).willSetStateTo("fine"));
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).inScenario("flaky").whenScenarioStateIs("fine")
                .willReturn(okJson(SEARCH_RESULT)));

        assertThat(client(Duration.ofSeconds(5)).searchTracks("isrc:FRZ042500196")).hasSize(1);
        spotify.verify(2, postRequestedFor(urlPathEqualTo("/api/token")));
    }

    @Test
    void rejectedCredentialsGiveAClearErrorWithoutTheSecret() {
        spotify.stubFor(post("/api/token").willReturn(aResponse().withStatus(401).withBody("{\"error\": \"invalid_client\"}")));

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).searchTracks("isrc:X"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("SPOTIFY_CLIENT_SECRET")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        spotify.verify(1, postRequestedFor(urlPathEqualTo("/api/token")));
    }

    @Test
    void malformedJsonAndTimeoutsAreErrorsNotHangs() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).withQueryParam("q", equalTo("bad"))
                .willReturn(aResponse().withStatus(200).withBody("{\"tracks\": [trunc")));
        spotify.stubFor(get(urlPathEqualTo("/v1/search")).withQueryParam("q", equalTo("slow"))
                .willReturn(okJson(SEARCH_RESULT).withFixedDelay(3_000)));
        var client = client(Duration.ofSeconds(1));

        assertThatThrownBy(() -> client.searchTracks("bad")).isInstanceOf(ApiException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> client.searchTracks("slow")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).isTransient()).isTrue());
        assertThat(calls("Spotify", "failed")).as("the malformed answer").isEqualTo(1);
        assertThat(calls("Spotify", "unreachable")).as("the answer that never came").isEqualTo(1);
        assertThat(calls("Spotify accounts", "ok")).as("the token").isEqualTo(1);
    }

    @Test
    void aTracksDetailsAreReadAndWhatSpotifyLeavesOutIsUnknownNotZero() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks/29Cv")).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(okJson("""
                        {"id": "29Cv", "name": "Magic In The Air", "duration_ms": 201000, "explicit": false,
                         "external_ids": {"isrc": "FRZ042500196"},
                         "album": {"name": "Magic In The Air", "release_date": "2025-03"},
                         "artists": [{"id": "a1", "name": "Francis Mercier"}, {"id": "a2", "name": "Magic System"}]}""")));
        spotify.stubFor(get(urlPathEqualTo("/v1/artists/a1")).willReturn(okJson("""
                {"id": "a1", "name": "Francis Mercier", "genres": ["afro house", "deep house"], "popularity": 61,
                 "followers": {"href": null, "total": 123456}}""")));
        spotify.stubFor(get(urlPathEqualTo("/v1/artists/a2")).willReturn(okJson("{\"id\": \"a2\", \"name\": \"Magic System\"}")));
        var client = client(Duration.ofSeconds(5));

        assertThat(client.track("29Cv")).isEqualTo(new SpotifyTrackDetails("29Cv", "FRZ042500196", "Magic In The Air",
                "Magic In The Air", "2025-03", 201000L, null, false, java.util.List.of(
                        new SpotifyTrackDetails.Artist("a1", "Francis Mercier"), new SpotifyTrackDetails.Artist("a2", "Magic System"))));
        assertThat(client.artist("a1")).isEqualTo(new SpotifyArtist("a1", "Francis Mercier", java.util.List.of("afro house", "deep house"),
                61, 123456L));
        assertThat(client.artist("a2")).isEqualTo(new SpotifyArtist("a2", "Magic System", java.util.List.of(), null, null));
    }

    @Test
    void anUnknownTrackIsANotFoundThatIsNotRetried() {
        tokenIsGranted();
        spotify.stubFor(get(urlPathEqualTo("/v1/tracks/gone")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\": {\"status\": 404, \"message\": \"Resource not found\"}}")));

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).track("gone"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.isTransient()).isFalse();
                });
        spotify.verify(1, getRequestedFor(urlPathEqualTo("/v1/tracks/gone")));
    }
}
