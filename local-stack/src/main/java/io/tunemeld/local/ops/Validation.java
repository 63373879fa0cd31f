package io.tunemeld.local.ops;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.tunemeld.ingest.history.SpotifyHistoryProperties;
import io.tunemeld.ingest.lastfm.LastFmProperties;
import io.tunemeld.ingest.lastfm.LastFmSource;
import io.tunemeld.ingest.run.SecretRedactor;
import io.tunemeld.ingest.source.PlaylistCatalog;
import io.tunemeld.ingest.source.PlaylistRef;
import io.tunemeld.platform.http.JsonApiClient;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyProperties;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.MusicService;
import io.tunemeld.track.youtube.YoutubeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Checks every endpoint and credential the configuration names, each with one cheap call: the
 * infrastructure (Kafka, the registry, PostgreSQL as each service's role, Redis) and the external APIs
 * whose credentials are set (Spotify and its listeners' tokens, the RapidAPI scrapers, YouTube, Last.fm). An API without
 * credentials is skipped, not failed: the services run without it.
 */
public final class Validation {

    public enum Status { OK, FAILED, SKIPPED }

    public record Check(String what, Status status, String detail) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A check's calls are not metrics: nothing scrapes the CLI. */
    private static final ApiInstrumentation UNCOUNTED = ApiInstrumentation.none();
    private static final String[] ROLES = {"INGEST", "NORMALIZER", "TRACK", "AGGREGATE", "CACHE"};

    @FunctionalInterface
    private interface Probe {
        String run() throws Exception;
    }

    private final EffectiveConfig config;
    private final SecretRedactor redactor;
    private final List<Check> checks = new ArrayList<>();

    public Validation(EffectiveConfig config) {
        this.config = config;
        List<String> secrets = new ArrayList<>(config.secrets());
        // each listener's token on its own: a message would carry one token, not the whole list
        try {
            listeners(config.value("SPOTIFY_LISTENER_TOKENS")).forEach(listener -> secrets.add(listener.refreshToken()));
        } catch (IllegalArgumentException e) {
            // reported by the listeners' check
        }
        this.redactor = new SecretRedactor(secrets);
    }

    public List<Check> run() {
        String kafka = config.value("KAFKA_BOOTSTRAP_SERVERS");
        check("Kafka at " + kafka, () -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
                int brokers = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
                return brokers + " broker(s)";
            }
        });
        String registry = config.value("REGISTRY_URL");
        check("Schema registry at " + registry, () -> {
            var response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(HttpRequest.newBuilder(
                    URI.create(registry.replaceAll("/$", "") + AvroSerdes.REGISTRY_API_PATH + "/system/info")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return "answers";
        });
        String database = config.value("DB_URL");
        for (String role : ROLES) {
            String user = config.value(role + "_DB_USER");
            String schema = role.toLowerCase(Locale.ROOT);
            check("PostgreSQL " + database + " as " + user, () -> {
                DriverManager.setLoginTimeout((int) TIMEOUT.toSeconds());
                try (var connection = DriverManager.getConnection(database, user, config.value(role + "_DB_PASSWORD"));
                        var query = connection.prepareStatement("select count(*) from information_schema.schemata where schema_name = ?")) {
                    query.setString(1, schema);
                    var rows = query.executeQuery();
                    rows.next();
                    return rows.getInt(1) == 1 ? "connects, schema " + schema + " there"
                            : "connects; schema " + schema + " not made yet (the service makes it)";
                }
            });
        }
        String redisHost = config.value("REDIS_HOST");
        String redisPort = config.value("REDIS_PORT");
        check("Redis at " + redisHost + ":" + redisPort, () -> {
            RedisURI.Builder uri = RedisURI.builder().withHost(redisHost).withPort(Integer.parseInt(redisPort)).withTimeout(TIMEOUT);
            String password = config.value("REDIS_PASSWORD");
            if (password != null) {
                uri.withPassword(password.toCharArray());
            }
            RedisClient client = RedisClient.create(uri.build());
            try (var connection = client.connect()) {
                return "PING " + connection.sync().ping();
            } finally {
                client.shutdown();
            }
        });
        externalApis();
        return checks;
    }

    private void externalApis() {
        String spotifyId = config.value("SPOTIFY_CLIENT_ID");
        String spotifySecret = config.value("SPOTIFY_CLIENT_SECRET");
        checkIf(spotifyId != null && spotifySecret != null, "Spotify credentials", "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are not both set",
                () -> "token granted, a search answered (" + spotify(spotifyId, spotifySecret).searchTracks("tunemeld").size() + " results)");
        String listenerTokens = config.value("SPOTIFY_LISTENER_TOKENS");
        if (listenerTokens != null && (spotifyId == null || spotifySecret == null)) {
            checks.add(new Check("Spotify listeners", Status.FAILED,
                    "SPOTIFY_LISTENER_TOKENS needs SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (the app the listeners granted)"));
        } else if (listenerTokens != null) {
            SpotifyClient spotify = spotify(spotifyId, spotifySecret);
            List<SpotifyHistoryProperties.Listener> listeners;
            try {
                listeners = listeners(listenerTokens);
            } catch (IllegalArgumentException e) {
                checks.add(new Check("Spotify listeners", Status.FAILED, redactor.redact(e.getMessage())));
                listeners = List.of();
            }
            for (SpotifyHistoryProperties.Listener listener : listeners) {
                check("Spotify listener " + listener.user(), () -> {
                    spotify.recentlyPlayed(spotify.listenerToken(listener.refreshToken()), Instant.now());
                    return "refresh token accepted, recently played answered";
                });
            }
        }
        String rapidKey = config.value("RAPIDAPI_KEY");
        String soundcloudUrl = config.value("RAPIDAPI_SOUNDCLOUD_URL");
        checkIf(rapidKey != null, "RapidAPI key, SoundCloud scraper at " + soundcloudUrl, "RAPIDAPI_KEY is not set", () -> {
            client("RapidAPI", soundcloudUrl).get("a check of the key", "/v1/search/tracks?term=tunemeld&limit=1",
                    rapidApiHeaders(rapidKey, soundcloudUrl));
            return "key accepted";
        });
        String appleMusicUrl = config.value("RAPIDAPI_APPLE_MUSIC_URL");
        checkIf(rapidKey != null, "RapidAPI key, Apple Music scraper at " + appleMusicUrl, "RAPIDAPI_KEY is not set", () -> {
            // its cheapest call is a playlist: the first one configured
            PlaylistRef playlist = PlaylistCatalog.load(new DefaultResourceLoader().getResource(config.value("TUNEMELD_PLAYLISTS_FILE")))
                    .stream().filter(p -> p.service() == MusicService.APPLE_MUSIC).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Apple Music playlist configured to check the key with"));
            client("RapidAPI", appleMusicUrl).get("a check of the key", "/playlist1/?url={url}",
                    rapidApiHeaders(rapidKey, appleMusicUrl), playlist.ref());
            return "key accepted";
        });
        String youtubeKey = config.value("YOUTUBE_API_KEY");
        checkIf(youtubeKey != null, "YouTube API key", "YOUTUBE_API_KEY is not set", () -> {
            // videos.list costs 1 unit of the daily quota; search.list, which has its own small quota, is spared
            client("YouTube", config.value("YOUTUBE_API_URL")).get("a check of the key",
                    "/youtube/v3/videos?part=id&id=dQw4w9WgXcQ", Map.of(YoutubeClient.API_KEY_HEADER, youtubeKey));
            return "key accepted";
        });
        String lastFmKey = config.value("LASTFM_API_KEY");
        checkIf(lastFmKey != null, "Last.fm API key", "LASTFM_API_KEY is not set", () -> {
            new LastFmSource(new LastFmProperties(lastFmKey, config.value("LASTFM_URL"), TIMEOUT, 0, 5, 1, 1, "overall"), UNCOUNTED).verifyKey();
            return "key accepted";
        });
    }

    private static List<SpotifyHistoryProperties.Listener> listeners(String tokens) {
        return new SpotifyHistoryProperties(tokens, "-", "-", Duration.ofDays(7), 1).listeners();
    }

    private SpotifyClient spotify(String clientId, String clientSecret) {
        return new SpotifyClient(new SpotifyProperties(clientId, clientSecret, config.value("SPOTIFY_API_URL"),
                config.value("SPOTIFY_ACCOUNTS_URL"), TIMEOUT, 0, TIMEOUT, 5), Clock.systemUTC(), UNCOUNTED);
    }

    private static Map<String, String> rapidApiHeaders(String key, String url) {
        return Map.of("X-RapidAPI-Key", key, "X-RapidAPI-Host", URI.create(url).getHost());
    }

    private static JsonApiClient client(String name, String url) {
        return new JsonApiClient(new JsonApiClient.Settings(name, url, TIMEOUT, 0, TIMEOUT, 5), UNCOUNTED);
    }

    private void checkIf(boolean configured, String what, String skipped, Probe probe) {
        if (configured) {
            check(what, probe);
        } else {
            checks.add(new Check(what, Status.SKIPPED, skipped));
        }
    }

    private void check(String what, Probe probe) {
        try {
            checks.add(new Check(redactor.redact(what), Status.OK, redactor.redact(probe.run())));
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && e instanceof ExecutionException ? e.getCause() : e;
            checks.add(new Check(redactor.redact(what), Status.FAILED,
                    redactor.redact(cause.getClass().getSimpleName() + ": " + cause.getMessage())));
        }
    }
}
