package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tunemeld.local.ops.DeadLetters;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;

/**
 * One stack per test JVM, shared by every test class: a real broker, registry, PostgreSQL and Redis and
 * the five services, on free ports and in a fresh data directory, so it never meets a running stack. The
 * services talk to local stand-ins of every outside API, with credentials that must never show; what a
 * test class needs beyond that, it declares ({@link StackSetup}).
 */
public final class SharedStack {

    /** The Spotify client secret the test stack is configured with; it must never show. */
    static final String SPOTIFY_SECRET = "spotify-secret-never-shown";

    /** The refresh token listener "alice" granted the test stack; it must never show either. */
    static final String LISTENER_REFRESH_TOKEN = "alice-refresh-token-never-shown";
    /** The access token the Spotify stub grants for it. */
    static final String LISTENER_ACCESS_TOKEN = "alice-access-token";

    /** The Last.fm API key the test stack is configured with; it must never show either. */
    static final String LASTFM_KEY = "lastfm-key-never-shown";

    /** The daily budget of YouTube searches the test stack's track-service gets: fewer than the samples' tracks. */
    static final int YOUTUBE_BUDGET = 20;

    /** The stand-ins' API keys: YouTube's and Last.fm's travel in the query string, RapidAPI's in a header. */
    static final String YOUTUBE_KEY = "youtube-key-never-shown";
    static final String RAPIDAPI_KEY = "rapidapi-key-never-shown";

    static final String SOUNDCLOUD_SEARCH = "/v1/search/tracks";

    /** Where the stack's notifier posts run results: a Slack-compatible webhook on the stand-in. */
    static final String RUNS_WEBHOOK = "/hooks/T0TUNEMELD/B0RUNS/webhook-secret-never-shown";

    /** A server of the stack's infrastructure that an outage test stops and starts again. */
    enum Server { KAFKA, POSTGRES, REDIS }

    private static LocalStack stack;
    private static ContainerInfrastructure containers;
    private static WireMockServer youtube;
    private static WireMockServer musicApis;
    private static TraceCollector traces;
    private static JsonNode samplesRun;
    private static final Setup setup = new Setup();

    private SharedStack() {
    }

    /**
     * Takes the {@link StackSetup}s of these test classes into the stack that is to start; once it runs,
     * {@link #requireSetup} fails a class it did not start with.
     */
    static synchronized void prepare(Collection<Class<?>> testClasses) {
        if (stack == null) {
            testClasses.forEach(setup::add);
        }
    }

    /** Fails a test class whose setup the running stack did not start with; before the start, adds it. */
    static synchronized void requireSetup(Class<?> testClass) {
        if (stack == null) {
            setup.add(testClass);
        } else if (testClass.isAnnotationPresent(StackSetup.class) && !setup.classes.contains(testClass)) {
            throw new IllegalStateException("the shared stack started without the @StackSetup of " + testClass.getName()
                    + ": it was not in the test plan when the stack started");
        }
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            setup.requireConsistent();
            try {
                // the test stack's infrastructure is embedded, or in containers when the switch says so; never
                // what the environment points at
                StackSettings.Ports ports = StackSettings.Ports.free();
                Map<String, String> infrastructure = Map.of();
                if (ContainerInfrastructure.selected()) {
                    containers = ContainerInfrastructure.start(ports);
                    infrastructure = containers.environment();
                }
                Path data = Files.createTempDirectory("tunemeld-test-");
                Path registryHome = Path.of(System.getProperty("tunemeld.registry.home", "target/apicurio-registry"));
                // a local stand-in for the YouTube Data API, which these machines cannot reach
                youtube = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
                youtube.start();
                // each search finds another video: tunemeld001, tunemeld002, ...
                for (int search = 1; search <= YOUTUBE_BUDGET; search++) {
                    youtube.stubFor(WireMock.get(WireMock.urlPathEqualTo("/youtube/v3/search")).inScenario("searches")
                            .whenScenarioStateIs(search == 1 ? Scenario.STARTED : "search " + search)
                            .willSetStateTo("search " + (search + 1))
                            .willReturn(WireMock.okJson("{\"items\": [{\"id\": {\"videoId\": \"" + video(search) + "\"}}]}")));
                }
                // a local stand-in for the Spotify Web API: tokens for the test credentials, no search hits;
                // tests stub the playlists they fetch
                musicApis = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort());
                musicApis.start();
                musicApis.stubFor(WireMock.post("/api/token").withBasicAuth("test-client", SPOTIFY_SECRET)
                        .willReturn(WireMock.okJson("{\"access_token\": \"test-token\", \"expires_in\": 3600}")));
                musicApis.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/search"))
                        .willReturn(WireMock.okJson("{\"tracks\": {\"items\": []}}")));
                // and for the RapidAPI SoundCloud scraper's search: nothing found, unless a test class's setup
                // stubs an answer
                musicApis.stubFor(WireMock.get(WireMock.urlPathEqualTo(SOUNDCLOUD_SEARCH)).atPriority(10)
                        .willReturn(WireMock.okJson("{\"tracks\": {\"items\": [], \"nextOffset\": null}}")));
                // listener alice's refresh token is good for an access token; tests stub her plays
                musicApis.stubFor(WireMock.post("/api/token").atPriority(1).withBasicAuth("test-client", SPOTIFY_SECRET)
                        .withRequestBody(WireMock.containing("grant_type=refresh_token"))
                        .withRequestBody(WireMock.containing("refresh_token=" + LISTENER_REFRESH_TOKEN))
                        .willReturn(WireMock.okJson("{\"access_token\": \"" + LISTENER_ACCESS_TOKEN + "\", \"expires_in\": 3600}")));
                // and a chat's incoming webhook, as Slack answers it
                musicApis.stubFor(WireMock.post(RUNS_WEBHOOK).willReturn(WireMock.ok("ok")));
                for (Class<? extends StackSetup.Stubs> stubs : setup.stubs) {
                    var constructor = stubs.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    constructor.newInstance().register(musicApis);
                }
                // every service exports its traces, as to a collector
                traces = TraceCollector.start();
                Map<String, String> properties = new LinkedHashMap<>(Map.ofEntries(
                                Map.entry("tunemeld.youtube.api-key", YOUTUBE_KEY),
                                Map.entry("tunemeld.youtube.api-url", youtube.baseUrl()),
                                Map.entry("tunemeld.youtube.daily-budget", String.valueOf(YOUTUBE_BUDGET)),
                                Map.entry("tunemeld.soundcloud.rapidapi-key", RAPIDAPI_KEY),
                                Map.entry("tunemeld.soundcloud.api-url", musicApis.baseUrl()),
                                Map.entry("tunemeld.soundcloud.daily-budget", "1000"),
                                Map.entry("tunemeld.soundcloud.requests-per-second", "200"),
                                Map.entry("tunemeld.spotify.client-id", "test-client"),
                                Map.entry("tunemeld.spotify.client-secret", SPOTIFY_SECRET),
                                Map.entry("tunemeld.spotify.api-url", musicApis.baseUrl()),
                                Map.entry("tunemeld.spotify.accounts-url", musicApis.baseUrl()),
                                // a local stub needs no rate limit: searches for unmatched entries at Spotify's pace slow every test
                                Map.entry("tunemeld.spotify.requests-per-second", "200"),
                                Map.entry("tunemeld.lastfm.api-key", LASTFM_KEY),
                                Map.entry("tunemeld.lastfm.url", musicApis.baseUrl()),
                                Map.entry("tunemeld.spotify-history.listener-tokens", "alice=" + LISTENER_REFRESH_TOKEN),
                                // no enrichment but for the genres a test class turns it on for (StackSetup): every
                                // other test's tracks stay as they were, with no calls to the stand-ins behind them
                                Map.entry("tunemeld.enrichment.defaults.track-metadata", "false"),
                                Map.entry("tunemeld.enrichment.defaults.artist-metadata", "false"),
                                Map.entry("tunemeld.enrichment.defaults.audience", "false"),
                                Map.entry("tunemeld.album-of-the-year.url", musicApis.baseUrl()),
                                Map.entry("tunemeld.enrichment.poll-interval", "500ms"),
                                Map.entry("tunemeld.kafka.lag-interval", "1s"),
                                Map.entry("tunemeld.notifications.webhook-url", musicApis.baseUrl() + RUNS_WEBHOOK),
                                Map.entry("management.opentelemetry.tracing.export.otlp.endpoint", traces.endpoint()),
                                Map.entry("management.opentelemetry.tracing.export.schedule-delay", "500ms"),
                                // a database outage shows within seconds, not after the pool's 30 s default
                                Map.entry("spring.datasource.hikari.connection-timeout", "2000")));
                properties.putAll(setup.properties);
                stack = LocalStack.start(StackSettings.fromEnvironment(data, registryHome, ports, infrastructure)
                        .withServiceProperties(properties));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (TestAbortedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the local stack did not start", e);
            }
            // when the test session did not end (the JVM was interrupted)
            Runtime.getRuntime().addShutdownHook(new Thread(SharedStack::close, "test-stack-shutdown"));
        }
        return stack;
    }

    static WireMockServer musicApis() {
        get();
        return musicApis;
    }

    /** The id of the video the n-th YouTube search finds (YouTube ids have 11 characters). */
    static String video(int search) {
        return "tunemeld%03d".formatted(search);
    }

    static TraceCollector traces() {
        get();
        return traces;
    }

    static WireMockServer youtube() {
        get();
        return youtube;
    }

    /**
     * The run that first ingested the bundled samples into this stack, with the pipeline caught up after
     * it; made once, by whichever test asks first.
     */
    public static synchronized JsonNode samplesRun() throws Exception {
        if (samplesRun == null) {
            LocalStack running = get();
            samplesRun = StackClient.of(running).ingest(samples(), "test");
            awaitCaughtUp();
            // and the first day of view counts: the n-th video found has n thousand views
            Map<String, Long> views = new LinkedHashMap<>();
            IntStream.rangeClosed(1, YOUTUBE_BUDGET).forEach(n -> views.put(video(n), 1000L * n));
            stubViewCounts(views);
            StackClient.of(running).countViews(running.serviceUrl("track-service"));
            awaitCaughtUp();
        }
        return samplesRun;
    }

    /** The stand-in of YouTube's videos.list answers with these view counts, by video id. */
    static void stubViewCounts(Map<String, Long> views) {
        StringBuilder items = new StringBuilder();
        views.forEach((video, count) -> items.append(items.isEmpty() ? "" : ",")
                .append("{\"id\": \"").append(video).append("\", \"statistics\": {\"viewCount\": \"").append(count).append("\"}}"));
        youtube().stubFor(WireMock.get(WireMock.urlPathEqualTo("/youtube/v3/videos"))
                .willReturn(WireMock.okJson("{\"items\": [" + items + "]}")));
    }

    static void awaitCaughtUp() throws Exception {
        PipelineProgress.requireCaughtUp(get().kafkaBootstrapServers(), Duration.ofMinutes(3));
    }

    /** A producer of Avro events to the shared stack, configured as the services' own (it registers no schema). */
    static KafkaProducer<String, Object> avroProducer() {
        Map<String, Object> config = new HashMap<>(AvroSerdes.producerConfig(get().registryUrl()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, get().kafkaBootstrapServers());
        return new KafkaProducer<>(config);
    }

    /** One record sent while something its consumer needs is away: it waits for it, and is not skipped. */
    static void assertOneRecordWaits(String service) throws Exception {
        // longer than a failing record's retries last
        Thread.sleep(Duration.ofSeconds(20).toMillis());
        try (var progress = new PipelineProgress(get().kafkaBootstrapServers())) {
            assertThat(progress.lag().get(service)).as("the record waits, not skipped").isEqualTo(1L);
        }
    }

    /** Once the pipeline caught up, none of the topic's dead letters has a key that matches. */
    static void assertNoDeadLetter(String topic, Predicate<String> key) throws Exception {
        awaitCaughtUp();
        try (var deadLetters = new DeadLetters(get().kafkaBootstrapServers())) {
            assertThat(deadLetters.list(Topics.deadLetter(topic))).noneMatch(letter -> key.test(letter.key()));
        }
    }

    /** Stops the services, then the infrastructure and the stand-ins; once. */
    static synchronized void close() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        if (containers != null) {
            containers.close();
            containers = null;
        }
        for (WireMockServer stub : Arrays.asList(youtube, musicApis)) {
            if (stub != null) {
                stub.stop();
            }
        }
        youtube = null;
        musicApis = null;
        if (traces != null) {
            traces.close();
            traces = null;
        }
    }

    /** Stops a server of the stack's infrastructure, as an outage would: the services keep running. */
    static void stop(Server server) throws IOException {
        if (containers != null) {
            containers.stop(server);
            return;
        }
        switch (server) {
            case KAFKA -> get().stopKafka();
            case POSTGRES -> get().stopPostgres();
            case REDIS -> get().stopRedis();
        }
    }

    /** Starts a stopped server again at the same address (Redis empty). */
    static void start(Server server) throws IOException {
        if (containers != null) {
            containers.start(server);
            return;
        }
        switch (server) {
            case KAFKA -> get().startKafka();
            case POSTGRES -> get().startPostgres();
            case REDIS -> get().startRedis();
        }
    }

    /** A connection as the database's superuser. */
    public static Connection superuser() throws SQLException {
        get();
        return containers != null ? containers.superuser() : stack.superuser();
    }

    static Path samples() {
        return Path.of(System.getProperty("tunemeld.samples", "../samples"));
    }

    /** The test classes' setups merged; two classes giving one property different values is a mistake. */
    private static final class Setup {

        final Set<Class<?>> classes = new HashSet<>();
        final Map<String, String> properties = new TreeMap<>();
        final Set<Class<? extends StackSetup.Stubs>> stubs = new LinkedHashSet<>();
        private final Map<String, Class<?>> givenBy = new HashMap<>();
        private final List<String> mistakes = new ArrayList<>();

        void add(Class<?> testClass) {
            StackSetup annotation = testClass.getAnnotation(StackSetup.class);
            if (annotation == null || !classes.add(testClass)) {
                return;
            }
            for (String property : annotation.properties()) {
                int equals = property.indexOf('=');
                if (equals < 1) {
                    mistakes.add(testClass.getName() + ": \"" + property + "\" is not name=value");
                    continue;
                }
                String name = property.substring(0, equals);
                String value = property.substring(equals + 1);
                String before = properties.putIfAbsent(name, value);
                if (before == null) {
                    givenBy.put(name, testClass);
                } else if (!before.equals(value)) {
                    mistakes.add(name + ": " + before + " (" + givenBy.get(name).getName() + ") against " + value + " ("
                            + testClass.getName() + ")");
                }
            }
            stubs.addAll(Arrays.asList(annotation.stubs()));
        }

        void requireConsistent() {
            if (!mistakes.isEmpty()) {
                throw new IllegalStateException("the test classes' @StackSetups cannot make one stack: " + String.join("; ", mistakes));
            }
        }
    }
}
