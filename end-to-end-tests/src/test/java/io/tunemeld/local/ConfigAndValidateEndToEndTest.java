package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.tunemeld.local.cli.ConfigCommand;
import io.tunemeld.local.cli.ValidateCommand;
import io.tunemeld.local.ops.EffectiveConfig;
import io.tunemeld.local.ops.Validation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tunemeld config} and {@code ./tunemeld validate}: the configuration as the services' own files
 * resolve it, secrets never shown; every endpoint and credential checked against the real test stack and
 * stand-ins of the external APIs.
 */
class ConfigAndValidateEndToEndTest {

    private static final String LASTFM_SECRET = "lastfm-secret-never-shown";
    private static final String YOUTUBE_WRONG_KEY = "youtube-key-that-is-wrong";
    private static final String RAPIDAPI_KEY = "rapidapi-key-never-shown";
    private static final String FIRST_APPLE_PLAYLIST = "https://music.apple.com/us/playlist/todays-country/pl.87bb5b36a9bd49db8c975607452bfa2b";

    @Test
    void configShowsEachServicesSettingsWhereTheyComeFromAndNoSecret() {
        var config = new EffectiveConfig(Map.of("LASTFM_API_KEY", LASTFM_SECRET, "INGEST_PORT", "9191"));

        var ingest = settings(config, "ingest-service");
        assertThat(ingest.get("server.port").value()).isEqualTo("9191");
        assertThat(ingest.get("server.port").fromEnvironment()).isTrue();
        assertThat(ingest.get("tunemeld.lastfm.api-key").shown()).isEqualTo("*** (set)");
        assertThat(ingest.get("tunemeld.rapidapi.key").shown()).isEqualTo("(unset)");
        var normalizer = settings(config, "normalizer-service");
        assertThat(normalizer.get("server.port").value()).as("the file's default").isEqualTo("8092");
        assertThat(normalizer.get("server.port").fromEnvironment()).isFalse();
        assertThat(settings(config, EffectiveConfig.SHARED).get("spring.datasource.url").value())
                .isEqualTo("jdbc:postgresql://localhost:5432/tunemeld");

        String shown = printed(() -> ConfigCommand.print(config));
        assertThat(shown).contains("LASTFM_API_KEY", "INGEST_PORT", "9191", "cache-service (cache-service.yml)")
                .doesNotContain(LASTFM_SECRET);
    }

    @Test
    void validateChecksEveryEndpointAndCredentialAndSaysWhichFailsAndWhy() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.youtube().stubFor(WireMock.get(WireMock.urlPathEqualTo("/youtube/v3/videos")).atPriority(1)
                .withHeader("X-Goog-Api-Key", WireMock.equalTo(YOUTUBE_WRONG_KEY))
                .willReturn(WireMock.aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": 400, \"message\": \"API key not valid.\"}}")));
        SharedStack.musicApis().stubFor(WireMock.get(WireMock.urlPathEqualTo("/2.0/"))
                .withQueryParam("method", WireMock.equalTo("chart.gettoptracks")).withQueryParam("api_key", WireMock.equalTo(LASTFM_SECRET))
                .willReturn(WireMock.okJson("{\"tracks\": {\"track\": []}}")));
        // listener alice's history is empty
        SharedStack.musicApis().stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/me/player/recently-played")).atPriority(10)
                .withHeader("Authorization", WireMock.equalTo("Bearer " + SharedStack.LISTENER_ACCESS_TOKEN))
                .willReturn(WireMock.okJson("{\"items\": [], \"next\": null}")));
        // the Apple Music scraper is checked with the first playlist configured (the bundled playlists.yml's)
        SharedStack.musicApis().stubFor(WireMock.get(WireMock.urlPathEqualTo("/playlist1/"))
                .withQueryParam("url", WireMock.equalTo(FIRST_APPLE_PLAYLIST)).withHeader("X-RapidAPI-Key", WireMock.equalTo(RAPIDAPI_KEY))
                .willReturn(WireMock.okJson("{\"album_details\": {}}")));
        Map<String, String> env = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
                "REGISTRY_URL", stack.registryUrl(),
                "DB_URL", stack.databaseUrl(),
                "REDIS_HOST", stack.redisHost(),
                "REDIS_PORT", String.valueOf(stack.redisPort()),
                "SPOTIFY_CLIENT_ID", "test-client",
                "SPOTIFY_CLIENT_SECRET", SharedStack.SPOTIFY_SECRET,
                "SPOTIFY_API_URL", SharedStack.musicApis().baseUrl(),
                "SPOTIFY_ACCOUNTS_URL", SharedStack.musicApis().baseUrl()));
        env.putAll(Map.of(
                "YOUTUBE_API_KEY", YOUTUBE_WRONG_KEY,
                "YOUTUBE_API_URL", SharedStack.youtube().baseUrl(),
                "LASTFM_API_KEY", LASTFM_SECRET,
                "LASTFM_URL", SharedStack.musicApis().baseUrl(),
                "SPOTIFY_LISTENER_TOKENS", "alice=" + SharedStack.LISTENER_REFRESH_TOKEN,
                "RAPIDAPI_KEY", RAPIDAPI_KEY,
                "RAPIDAPI_SOUNDCLOUD_URL", SharedStack.musicApis().baseUrl(),
                "RAPIDAPI_APPLE_MUSIC_URL", SharedStack.musicApis().baseUrl(),
                "REDIS_PASSWORD", stack.redisPassword()));

        Map<String, Validation.Check> checks = byWhat(new Validation(new EffectiveConfig(env)).run());

        assertThat(checks).as("Kafka, registry, 5 database roles, Redis, Spotify, its listener, 2 RapidAPI scrapers, YouTube, Last.fm")
                .hasSize(14);
        assertThat(checks).allSatisfy((what, check) -> assertThat(check.detail()).as(what)
                .doesNotContain(YOUTUBE_WRONG_KEY, LASTFM_SECRET, SharedStack.SPOTIFY_SECRET, SharedStack.LISTENER_REFRESH_TOKEN,
                        RAPIDAPI_KEY));
        assertThat(status(checks, "Kafka at")).isEqualTo(Validation.Status.OK);
        assertThat(status(checks, "Schema registry")).isEqualTo(Validation.Status.OK);
        assertThat(checks.values()).filteredOn(c -> c.what().startsWith("PostgreSQL")).hasSize(5)
                .allMatch(c -> c.status() == Validation.Status.OK && c.detail().contains("there"));
        assertThat(checks.get(first(checks, "Redis")).detail()).isEqualTo("PING PONG");
        assertThat(status(checks, "Spotify credentials")).isEqualTo(Validation.Status.OK);
        assertThat(status(checks, "Spotify listener alice")).isEqualTo(Validation.Status.OK);
        assertThat(checks.values()).filteredOn(c -> c.what().startsWith("RapidAPI"))
                .hasSize(2).allMatch(c -> c.status() == Validation.Status.OK);
        assertThat(checks.get(first(checks, "YouTube"))).satisfies(c -> {
            assertThat(c.status()).isEqualTo(Validation.Status.FAILED);
            assertThat(c.detail()).contains("HTTP 400");
        });
        assertThat(status(checks, "Last.fm")).isEqualTo(Validation.Status.OK);
        assertThat(printed(() -> assertThat(ValidateCommand.print(List.copyOf(checks.values()))).isEqualTo(1)))
                .contains("FAILED   YouTube API key", "1 check(s) failed.");

        // the embedded PostgreSQL asks every connection for its password, as production does
        env.put("TRACK_DB_PASSWORD", "not-the-password");
        env.put("YOUTUBE_API_KEY", "");
        Map<String, Validation.Check> wrongPassword = byWhat(new Validation(new EffectiveConfig(env)).run());
        assertThat(wrongPassword.get(first(wrongPassword, "PostgreSQL " + stack.databaseUrl() + " as track")))
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(Validation.Status.FAILED);
                    assertThat(c.detail()).contains("password authentication failed for user \"track\"").doesNotContain("not-the-password");
                });
        assertThat(status(wrongPassword, "YouTube")).as("an empty key is no key").isEqualTo(Validation.Status.SKIPPED);
    }

    private static Map<String, EffectiveConfig.Setting> settings(EffectiveConfig config, String file) {
        Map<String, EffectiveConfig.Setting> byProperty = new LinkedHashMap<>();
        config.byFile().get(file).forEach(s -> byProperty.put(s.property(), s));
        return byProperty;
    }

    private static Map<String, Validation.Check> byWhat(List<Validation.Check> checks) {
        Map<String, Validation.Check> byWhat = new LinkedHashMap<>();
        checks.forEach(c -> byWhat.put(c.what(), c));
        return byWhat;
    }

    private static String first(Map<String, Validation.Check> checks, String prefix) {
        return checks.keySet().stream().filter(w -> w.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no check " + prefix));
    }

    private static Validation.Status status(Map<String, Validation.Check> checks, String prefix) {
        return checks.get(first(checks, prefix)).status();
    }

    private static String printed(Runnable print) {
        PrintStream original = System.out;
        var out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            print.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
