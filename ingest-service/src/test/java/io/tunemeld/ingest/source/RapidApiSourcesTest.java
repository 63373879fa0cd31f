package io.tunemeld.ingest.source;

import io.tunemeld.platform.http.ApiInstrumentation;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import io.tunemeld.schemas.MusicService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The real Apple Music and SoundCloud sources against a local stub of the RapidAPI scrapers. */
class RapidApiSourcesTest {

    private static final String KEY = "rapid-key-never-shown";
    private static final String SC_PLAYLIST = "https://soundcloud.com/soundcloud-the-peak/sets/on-the-up-new-edm-hits";
    private static final String AM_PLAYLIST = "https://music.apple.com/us/playlist/dancexl/pl.6bf4415b83ce4f3789614ac4c3675740";

    @RegisterExtension
    static WireMockExtension rapid = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static RapidApiProperties properties(Duration timeout) {
        return new RapidApiProperties(KEY, rapid.baseUrl(), "apple-music24.p.rapidapi.com", rapid.baseUrl(),
                "soundcloud-scraper.p.rapidapi.com", timeout, 3, Duration.ofSeconds(5), 50, 20);
    }

    private static PlaylistRef playlist(MusicService service, String ref) {
        return new PlaylistRef("dance", service, ref);
    }

    @Test
    void appleMusicSendsTheKeyAndHostAndReturnsThePayload() throws Exception {
        String payload = Files.readString(Path.of("../samples/apple_music/dance.json"));
        rapid.stubFor(get(urlPathEqualTo("/playlist1/")).withQueryParam("url", equalTo(AM_PLAYLIST))
                .withHeader("X-RapidAPI-Key", equalTo(KEY)).withHeader("X-RapidAPI-Host", equalTo("apple-music24.p.rapidapi.com"))
                .willReturn(okJson(payload)));

        String fetched = new AppleMusicSource(properties(Duration.ofSeconds(5)), ApiInstrumentation.none()).fetch(playlist(MusicService.APPLE_MUSIC, AM_PLAYLIST));

        assertThat(JsonMapper.shared().readTree(fetched)).isEqualTo(JsonMapper.shared().readTree(payload));
    }

    @Test
    void soundCloudFollowsNextOffsetToTheEndAndCombinesThePages() throws Exception {
        var json = JsonMapper.shared();
        ObjectNode full = (ObjectNode) json.readTree(Files.readString(Path.of("../samples/soundcloud/dance.json")));
        var items = full.path("tracks").path("items");
        ObjectNode first = full.deepCopy();
        ObjectNode second = full.deepCopy();
        ((ObjectNode) first.path("tracks")).set("items", json.createArrayNode().addAll(java.util.stream.IntStream.range(0, 30)
                .mapToObj(items::get).toList()));
        ((ObjectNode) first.path("tracks")).put("nextOffset", 30);
        ((ObjectNode) second.path("tracks")).set("items", json.createArrayNode().addAll(java.util.stream.IntStream.range(30, items.size())
                .mapToObj(items::get).toList()));
        ((ObjectNode) second.path("tracks")).putNull("nextOffset");
        rapid.stubFor(get(urlPathEqualTo("/v1/playlist/tracks")).withQueryParam("playlist", equalTo(SC_PLAYLIST))
                .withQueryParam("offset", absent()).willReturn(okJson(json.writeValueAsString(first))));
        rapid.stubFor(get(urlPathEqualTo("/v1/playlist/tracks")).withQueryParam("offset", equalTo("30"))
                .willReturn(okJson(json.writeValueAsString(second))));

        var fetched = json.readTree(new SoundCloudSource(properties(Duration.ofSeconds(5)), ApiInstrumentation.none()).fetch(playlist(MusicService.SOUNDCLOUD, SC_PLAYLIST)));

        assertThat(fetched.path("tracks").path("items").size()).isEqualTo(items.size());
        assertThat(fetched.path("tracks").path("items").get(30)).isEqualTo(items.get(30));
        assertThat(fetched.path("tracks").path("nextOffset").isNull()).isTrue();
        rapid.verify(2, getRequestedFor(urlPathEqualTo("/v1/playlist/tracks")).withHeader("X-RapidAPI-Host",
                equalTo("soundcloud-scraper.p.rapidapi.com")));
    }

    @Test
    void a429WithRetryAfterAndA5xxAreRetriedUntilTheAnswerComes() {
        rapid.stubFor(get(urlPathEqualTo("/playlist1/")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("down"));
        rapid.stubFor(get(urlPathEqualTo("/playlist1/")).inScenario("busy").whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        rapid.stubFor(get(urlPathEqualTo("/playlist1/")).inScenario("busy").whenScenarioStateIs("up")
                .willReturn(okJson("{\"album_details\": {}}")));

        assertThat(new AppleMusicSource(properties(Duration.ofSeconds(5)), ApiInstrumentation.none()).fetch(playlist(MusicService.APPLE_MUSIC, AM_PLAYLIST)))
                .isEqualTo("{\"album_details\":{}}");
        rapid.verify(3, getRequestedFor(urlPathEqualTo("/playlist1/")));
    }

    @Test
    void aRejectedKeyMalformedJsonAndATimeoutAreClearErrorsWithoutTheKey() {
        var source = new AppleMusicSource(properties(Duration.ofSeconds(1)), ApiInstrumentation.none());
        rapid.stubFor(get(urlPathEqualTo("/playlist1/")).withQueryParam("url", equalTo("unauthorized"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\": \"Invalid API key " + KEY + "\"}")));
        rapid.stubFor(get(urlPathEqualTo("/playlist1/")).withQueryParam("url", equalTo("garbled"))
                .willReturn(aResponse().withStatus(200).withBody("{\"album_details\": {\"0\": ")));
        rapid.stubFor(get(urlPathEqualTo("/playlist1/")).withQueryParam("url", equalTo("slow"))
                .willReturn(okJson("{}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> source.fetch(playlist(MusicService.APPLE_MUSIC, "unauthorized")))
                .isInstanceOf(ApiException.class).hasMessageContaining("HTTP 401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThatThrownBy(() -> source.fetch(playlist(MusicService.APPLE_MUSIC, "garbled")))
                .isInstanceOf(ApiException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> source.fetch(playlist(MusicService.APPLE_MUSIC, "slow")))
                .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).isTransient()).isTrue());
    }

    @Test
    void withoutAKeyTheSourcesSayWhatIsMissing() {
        var unset = new RapidApiProperties(null, rapid.baseUrl(), "h", rapid.baseUrl(), "h", Duration.ofSeconds(1), 0,
                Duration.ofSeconds(1), 1, 1);
        assertThat(new AppleMusicSource(unset, ApiInstrumentation.none()).missingConfiguration()).contains("RAPIDAPI_KEY is not set");
        assertThat(new SoundCloudSource(unset, ApiInstrumentation.none()).missingConfiguration()).contains("RAPIDAPI_KEY is not set");
    }
}
