package io.tunemeld.ingest;

import io.tunemeld.platform.http.ApiInstrumentation;
import io.micrometer.observation.ObservationRegistry;
import io.tunemeld.ingest.fetch.CachePolicy;
import io.tunemeld.ingest.fetch.FetchCacheRepository;
import io.tunemeld.ingest.raw.RawPayloadRepository;
import io.tunemeld.ingest.raw.RawPlaylistPublisher;
import io.tunemeld.ingest.run.IngestRunRepository;
import io.tunemeld.ingest.run.IngestRunService;
import io.tunemeld.ingest.run.SecretRedactor;
import io.tunemeld.ingest.history.ListeningHistory;
import io.tunemeld.ingest.history.PlayHistoryRepository;
import io.tunemeld.ingest.history.SpotifyHistoryProperties;
import io.tunemeld.ingest.profiles.SpotifyProfiles;
import io.tunemeld.ingest.profiles.SpotifyUserPublisher;
import io.tunemeld.ingest.profiles.SpotifyUserRepository;
import io.tunemeld.ingest.lastfm.LastFmProperties;
import io.tunemeld.ingest.lastfm.LastFmSource;
import io.tunemeld.ingest.source.ApiSource;
import io.tunemeld.ingest.source.AppleMusicSource;
import io.tunemeld.ingest.source.DirectoryPlaylistSource;
import io.tunemeld.ingest.source.PlaylistCatalog;
import io.tunemeld.ingest.source.PlaylistRef;
import io.tunemeld.ingest.source.RapidApiProperties;
import io.tunemeld.ingest.source.SoundCloudSource;
import io.tunemeld.ingest.source.SpotifySource;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.platform.kafka.TopicDeclarations;
import io.tunemeld.platform.kafka.TuneMeldKafkaProperties;
import io.tunemeld.platform.spotify.SpotifyClient;
import io.tunemeld.platform.spotify.SpotifyProperties;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Fetches playlists, keeps every raw payload, publishes {@code RawPlaylistFetched}. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({IngestProperties.class, SpotifyProperties.class, RapidApiProperties.class, LastFmProperties.class,
        SpotifyHistoryProperties.class})
public class IngestApplication {

    private static final Logger log = LoggerFactory.getLogger(IngestApplication.class);

    public static final String NAME = "ingest-service";

    /** Each service reads its own {@code <name>.yml}, so all five can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IngestApplication.class).properties("spring.config.name=" + NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }

    @Bean
    IngestRunService ingestRunService(IngestProperties settings, SpotifyProperties spotify, RapidApiProperties rapidApi,
            LastFmProperties lastFm, SpotifyHistoryProperties history, PlayHistoryRepository plays, SpotifyUserRepository users,
            SpotifyUserPublisher userPublisher, TransactionTemplate transaction,
            RawPayloadRepository rawPayloads, RawPlaylistPublisher publisher, EventSender sender, IngestRunRepository runs,
            FetchCacheRepository fetchCache, DirectoryPlaylistSource directories, ExecutorService ingestRuns, Clock clock,
            ApiInstrumentation instrumentation, ObservationRegistry observations) {
        List<PlaylistRef> playlists = PlaylistCatalog.load(settings.playlistsFile());
        List<ApiSource> sources = List.of(new SpotifySource(spotify, clock, instrumentation), new AppleMusicSource(rapidApi, instrumentation),
                new SoundCloudSource(rapidApi, instrumentation));
        sources.forEach(source -> source.missingConfiguration().ifPresent(missing ->
                log.info("{} playlists will not be fetched: {}", source.service().slug(), missing)));
        SpotifyClient listenersSpotify = new SpotifyClient(spotify, clock, instrumentation);
        var histories = new IngestRunService.ListeningHistories(history.listeners(),
                new ListeningHistory(listenersSpotify, plays, transaction, clock, history.maxPages()),
                new SpotifyProfiles(listenersSpotify, users, transaction, clock), userPublisher,
                new CachePolicy(history.playlistRefresh(), Optional.empty()));
        return new IngestRunService(directories, sources, new LastFmSource(lastFm, instrumentation), histories, () -> playlists, rawPayloads, publisher, sender, runs, fetchCache,
                new CachePolicy(settings.playlistTtl(), Optional.ofNullable(settings.refreshDay())),
                new SecretRedactor(Stream.concat(Stream.of(spotify.clientSecret(), rapidApi.key(), lastFm.apiKey()),
                        histories.listeners().stream().map(SpotifyHistoryProperties.Listener::refreshToken)).toList()), ingestRuns, observations,
                clock);
    }

    @Bean
    DirectoryPlaylistSource directoryPlaylistSource(IngestProperties settings, Clock clock) {
        if (settings.payloadRoots().isEmpty()) {
            log.info("no payload roots configured (INGEST_PAYLOAD_ROOTS): runs from a payload directory are refused");
        }
        return new DirectoryPlaylistSource(clock, settings.payloadRoots(), settings.maxPayloadSize().toBytes());
    }

    /** One run at a time in the background: runs never interleave their calls to the same APIs. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService ingestRuns() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ingest-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    KafkaAdmin.NewTopics ingestTopics(TuneMeldKafkaProperties properties) {
        return TopicDeclarations.of(properties, List.of(Topics.RAW_PLAYLISTS, Topics.INGEST_RUNS, Topics.SPOTIFY_USERS), List.of());
    }
}
