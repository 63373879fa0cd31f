package io.tunemeld.ingest.run;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tunemeld.ingest.fetch.CachePolicy;
import io.tunemeld.ingest.fetch.FetchCacheRepository;
import io.tunemeld.ingest.history.ListeningHistory;
import io.tunemeld.ingest.history.SpotifyHistoryProperties;
import io.tunemeld.ingest.profiles.SpotifyProfiles;
import io.tunemeld.ingest.profiles.SpotifyUserPublisher;
import io.tunemeld.ingest.lastfm.LastFmSource;
import io.tunemeld.ingest.raw.RawPayloadRepository;
import io.tunemeld.ingest.raw.RawPlaylistPublisher;
import io.tunemeld.ingest.raw.StoredPayload;
import io.tunemeld.ingest.source.ApiSource;
import io.tunemeld.ingest.source.DirectoryPlaylistSource;
import io.tunemeld.ingest.source.FetchedPlaylist;
import io.tunemeld.ingest.source.PlaylistRef;
import io.tunemeld.ingest.source.SourceResult;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an ingest, from a payload directory or from the services' APIs. Every playlist is stored raw
 * before it is published, identical content is not published again, a playlist fetched recently
 * enough is reused, and a playlist that fails is recorded with its reason (secrets masked) while the
 * others go on; after an authentication or quota failure the rest of that service is skipped.
 */
public class IngestRunService {

    private static final Logger log = LoggerFactory.getLogger(IngestRunService.class);
    private static final String API_SOURCE = "api";
    /** The genre slot of a listener's history in run outcomes, and of a playlist discovered from plays. */
    private static final String HISTORY_PREFIX = "history-";
    private static final String DISCOVERED_PREFIX = "discovered-";
    /** The genre slot of a listener's profile read in run outcomes. */
    private static final String PROFILES_PREFIX = "profiles-";

    private final DirectoryPlaylistSource directorySource;
    private final Map<MusicService, ApiSource> apiSources = new EnumMap<>(MusicService.class);
    private final LastFmSource lastFm;
    private final ListeningHistories histories;
    private final Supplier<List<PlaylistRef>> playlists;
    private final RawPayloadRepository rawPayloads;
    private final RawPlaylistPublisher publisher;
    private final IngestRunPublisher runPublisher;
    private final IngestRunRepository runs;
    private final FetchCacheRepository fetchCache;
    private final CachePolicy cachePolicy;
    private final SecretRedactor redactor;
    private final ExecutorService background;
    private final ObservationRegistry observations;
    private final Clock clock;

    /**
     * The Spotify listeners: who, how to read their histories and profiles, and how often a playlist
     * discovered from plays is fetched again.
     */
    public record ListeningHistories(List<SpotifyHistoryProperties.Listener> listeners, ListeningHistory history, SpotifyProfiles profiles,
            SpotifyUserPublisher users, CachePolicy playlistRefresh) {
    }

    public IngestRunService(DirectoryPlaylistSource directorySource, List<ApiSource> apiSources, LastFmSource lastFm, ListeningHistories histories, Supplier<List<PlaylistRef>> playlists,
            RawPayloadRepository rawPayloads, RawPlaylistPublisher publisher, EventSender sender, IngestRunRepository runs, FetchCacheRepository fetchCache,
            CachePolicy cachePolicy, SecretRedactor redactor, ExecutorService background, ObservationRegistry observations, Clock clock) {
        this.directorySource = directorySource;
        apiSources.forEach(source -> this.apiSources.put(source.service(), source));
        this.lastFm = lastFm;
        this.histories = histories;
        this.playlists = playlists;
        this.rawPayloads = rawPayloads;
        this.publisher = publisher;
        this.runPublisher = new IngestRunPublisher(sender);
        this.runs = runs;
        this.fetchCache = fetchCache;
        this.cachePolicy = cachePolicy;
        this.redactor = redactor;
        this.background = background;
        this.observations = observations;
        this.clock = clock;
    }

    /** Runs to the end and returns the finished run. */
    public IngestRun run(RunRequest request) {
        UUID runId = begin(request);
        execute(runId, request);
        return runs.find(runId).orElseThrow();
    }

    /** Starts a run in the background and returns it at once; its outcomes appear as they are made. */
    public IngestRun start(RunRequest request) {
        UUID runId = begin(request);
        background.submit(() -> execute(runId, request));
        return runs.find(runId).orElseThrow();
    }

    /**
     * Publishes stored raw payloads again, a run's or those fetched since a time, without calling any
     * API; downstream services process them idempotently (to reprocess after a logic change).
     */
    public IngestRun republish(Optional<UUID> ofRun, Optional<Instant> since) {
        UUID runId = UUID.randomUUID();
        String source = ofRun.map(id -> "raw store: run " + id).orElseGet(() -> "raw store: since " + since.orElseThrow());
        runs.start(runId, "republish", source, clock.instant());
        List<StoredPayload> payloads = ofRun.map(rawPayloads::ofRun).orElseGet(() -> rawPayloads.since(since.orElseThrow()));
        for (StoredPayload stored : payloads) {
            record(runId, stored.genre(), MusicService.of(stored.service()), () -> {
                publisher.publish(stored, runId);
                rawPayloads.markPublished(stored.id(), clock.instant());
                return new Stored(new PlaylistOutcome(stored.genre(), stored.service(), PlaylistOutcome.Status.PUBLISHED,
                        "republished from the raw store"), stored.id());
            });
        }
        runs.finish(runId, clock.instant());
        IngestRun run = runs.find(runId).orElseThrow();
        runPublisher.publish(run, "republish");
        return run;
    }

    private UUID begin(RunRequest request) {
        UUID runId = UUID.randomUUID();
        runs.start(runId, request.trigger(), request.source(), clock.instant());
        return runId;
    }

    /** A run is a trace of its own, each playlist a span in it whose event carries the trace on through the pipeline. */
    private void execute(UUID runId, RunRequest request) {
        Observation.createNotStarted("tunemeld.ingest.run", observations).contextualName("ingest run")
                .highCardinalityKeyValue("tunemeld.run.id", runId.toString())
                .highCardinalityKeyValue("tunemeld.run.trigger", request.trigger())
                .observe(() -> executeObserved(runId, request));
    }

    private void executeObserved(UUID runId, RunRequest request) {
        try {
            if (request.listening().isPresent()) {
                if (request.listening().get() instanceof RunRequest.LastFmChart chart) {
                    fromLastFm(runId, chart, request.dryRun());
                } else if (request.listening().get() instanceof RunRequest.ListenerProfiles profiles) {
                    fromSpotifyProfiles(runId, profiles, request.dryRun());
                } else {
                    fromSpotifyHistory(runId, (RunRequest.SpotifyHistory) request.listening().get(), request);
                }
            } else if (request.directory().isPresent()) {
                fromDirectory(runId, request);
            } else {
                fromApis(runId, request);
            }
        } catch (RuntimeException e) {
            log.error("ingest run {} stopped: {}", runId, redactor.redact(e.getMessage()));
            runs.record(runId, new PlaylistOutcome("*", "*", PlaylistOutcome.Status.FAILED, redactor.redact(e.getMessage())), null);
        } finally {
            runs.finish(runId, clock.instant());
        }
        IngestRun run = runs.find(runId).orElseThrow();
        log.info("ingest run {} ({}): {}", runId, request.trigger(), run.playlists());
        runPublisher.publish(run, request.dryRun() ? "dry-run" : "ingest");
    }

    private void fromDirectory(UUID runId, RunRequest request) {
        SourceResult result = directorySource.read(request.directory().orElseThrow());
        result.failures().forEach(failure -> runs.record(runId, new PlaylistOutcome(failure.genre(), failure.service(),
                PlaylistOutcome.Status.FAILED, failure.reason()), null));
        result.playlists().stream()
                .filter(p -> request.includes(p.genre(), p.service()))
                .sorted(isrcsFirst(FetchedPlaylist::service))
                .forEach(playlist -> record(runId, playlist.genre(), playlist.service(), () -> store(runId, playlist, request.dryRun())));
    }

    /** A listener's chart: always fetched (asked for by name), never reused from the playlist cache. */
    private void fromLastFm(UUID runId, RunRequest.LastFmChart wanted, boolean dryRun) {
        PlaylistRef chart = LastFmSource.chart(wanted.user());
        Optional<String> missing = lastFm.missingConfiguration();
        if (missing.isPresent()) {
            runs.record(runId, failed(chart, "not configured: " + missing.get()), null);
            return;
        }
        record(runId, chart.genre(), chart.service(), () -> {
            String payload = lastFm.fetch(chart, wanted.maxSongs());
            return store(runId, new FetchedPlaylist(chart.genre(), chart.service(), API_SOURCE, chart.ref(), payload, clock.instant()),
                    dryRun, LastFmSource.summary(payload));
        });
    }

    /**
     * Each listener's new plays (genre {@code history-<user>} in the run's outcomes), then every playlist
     * listeners played from that was not fetched within the refresh period, through the playlist source.
     */
    private void fromSpotifyHistory(UUID runId, RunRequest.SpotifyHistory wanted, RunRequest request) {
        ApiSource spotify = apiSources.get(MusicService.SPOTIFY);
        List<SpotifyHistoryProperties.Listener> chosen = listeners(runId, HISTORY_PREFIX, wanted.user());
        if (chosen.isEmpty()) {
            return;
        }
        for (SpotifyHistoryProperties.Listener listener : chosen) {
            String genre = HISTORY_PREFIX + listener.user();
            record(runId, genre, MusicService.SPOTIFY, () -> {
                ListeningHistory.Delta delta = histories.history().read(listener);
                if (request.dryRun()) {
                    return new Stored(new PlaylistOutcome(genre, MusicService.SPOTIFY.slug(),
                            PlaylistOutcome.Status.FETCHED, "dry run: " + delta.describe() + "; nothing stored"), null);
                }
                ListeningHistory.Stored stored = histories.history().store(delta);
                return new Stored(new PlaylistOutcome(genre, MusicService.SPOTIFY.slug(),
                        PlaylistOutcome.Status.RECORDED, stored.newPlays() + " new plays, " + stored.newPlaylists()
                        + " new playlist(s); next read after " + stored.cursor().map(Instant::toString).orElse("the same time")), null);
            });
        }
        if (request.dryRun()) {
            return;
        }
        Map<MusicService, String> broken = new EnumMap<>(MusicService.class);
        for (String playlistId : histories.history().discoveredPlaylists()) {
            PlaylistRef playlist = new PlaylistRef(DISCOVERED_PREFIX + playlistId.toLowerCase(Locale.ROOT), MusicService.SPOTIFY,
                    playlistId);
            fetchUnlessBroken(runId, spotify, playlist, request, broken, histories.playlistRefresh());
        }
    }

    /**
     * The listeners chosen (one, or every one) when Spotify is configured for them; otherwise none, and the
     * run records why (genre {@code <prefix><user>}).
     */
    private List<SpotifyHistoryProperties.Listener> listeners(UUID runId, String prefix, Optional<String> wanted) {
        List<SpotifyHistoryProperties.Listener> chosen = histories.listeners().stream()
                .filter(listener -> wanted.map(listener.user()::equals).orElse(true)).toList();
        Optional<String> missing = apiSources.get(MusicService.SPOTIFY).missingConfiguration();
        if (missing.isEmpty() && chosen.isEmpty()) {
            missing = Optional.of(wanted.map(user -> "no refresh token for " + user).orElse("no listener") + " in SPOTIFY_LISTENER_TOKENS");
        }
        if (missing.isPresent()) {
            runs.record(runId, new PlaylistOutcome(prefix + wanted.orElse("*"), MusicService.SPOTIFY.slug(),
                    PlaylistOutcome.Status.FAILED, "not configured: " + missing.get()), null);
            return List.of();
        }
        return chosen;
    }

    /**
     * Each listener's account first, so that every listener's read checks whether they follow the others;
     * then per listener (genre {@code profiles-<user>} in the run's outcomes) the owners of the playlists
     * they played from and whom they follow, stored, and the users it describes published.
     */
    private void fromSpotifyProfiles(UUID runId, RunRequest.ListenerProfiles wanted, boolean dryRun) {
        Map<SpotifyHistoryProperties.Listener, SpotifyProfiles.Account> accounts = new LinkedHashMap<>();
        for (SpotifyHistoryProperties.Listener listener : listeners(runId, PROFILES_PREFIX, wanted.user())) {
            try {
                accounts.put(listener, histories.profiles().account(listener));
            } catch (RuntimeException e) {
                record(runId, PROFILES_PREFIX + listener.user(), MusicService.SPOTIFY, () -> {
                    throw e;
                });
            }
        }
        accounts.forEach((listener, account) -> record(runId, PROFILES_PREFIX + listener.user(), MusicService.SPOTIFY, () -> {
            SpotifyProfiles.Graph graph = histories.profiles().read(account, accounts.values());
            String read = "account " + account.user().id() + "; " + graph.describe();
            if (dryRun) {
                return new Stored(new PlaylistOutcome(PROFILES_PREFIX + listener.user(), MusicService.SPOTIFY.slug(),
                        PlaylistOutcome.Status.FETCHED, "dry run: " + read + "; nothing stored or published"), null);
            }
            int published = histories.users().publish(histories.profiles().store(graph));
            return new Stored(new PlaylistOutcome(PROFILES_PREFIX + listener.user(), MusicService.SPOTIFY.slug(),
                    PlaylistOutcome.Status.RECORDED, read + "; " + published + " user(s) published"), null);
        }));
    }

    private void fromApis(UUID runId, RunRequest request) {
        Map<MusicService, String> brokenServices = new EnumMap<>(MusicService.class);
        for (PlaylistRef playlist : playlists.get().stream().sorted(isrcsFirst(PlaylistRef::service)).toList()) {
            if (!request.includes(playlist.genre(), playlist.service())) {
                continue;
            }
            ApiSource source = apiSources.get(playlist.service());
            Optional<String> missing = source == null ? Optional.of("no source for this service")
                    : source.missingConfiguration();
            if (missing.isPresent()) {
                runs.record(runId, failed(playlist, "not configured: " + missing.get()), null);
            } else {
                fetchUnlessBroken(runId, source, playlist, request, brokenServices, cachePolicy);
            }
        }
    }

    /** Fetches the playlist, unless an authentication or quota failure already broke its service in this run. */
    private void fetchUnlessBroken(UUID runId, ApiSource source, PlaylistRef playlist, RunRequest request,
            Map<MusicService, String> broken, CachePolicy reuse) {
        if (broken.containsKey(playlist.service())) {
            runs.record(runId, failed(playlist, "skipped: " + broken.get(playlist.service())), null);
        } else {
            record(runId, playlist.genre(), playlist.service(), () -> fetch(runId, source, playlist, request, broken, reuse));
        }
    }

    private Stored fetch(UUID runId, ApiSource source, PlaylistRef playlist, RunRequest request, Map<MusicService, String> broken,
            CachePolicy reuse) {
        Instant now = clock.instant();
        Optional<Instant> fetched = fetchCache.lastFetched(playlist);
        if (!request.force() && fetched.filter(at -> reuse.isFresh(at, now)).isPresent()) {
            return new Stored(new PlaylistOutcome(playlist.genre(), playlist.service().slug(), PlaylistOutcome.Status.CACHED,
                    "fetched " + fetched.get() + "; reused until it is stale"), null);
        }
        String payload;
        try {
            payload = source.fetch(playlist);
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                broken.put(playlist.service(), redactor.redact(e.getMessage()));
            }
            throw e;
        }
        Stored stored = store(runId, new FetchedPlaylist(playlist.genre(), playlist.service(), API_SOURCE, playlist.ref(), payload, now),
                request.dryRun());
        if (!request.dryRun()) {
            fetchCache.record(playlist, EventIds.sha256(payload), now);
        }
        return stored;
    }

    private record Stored(PlaylistOutcome outcome, Long rawPayloadId) {
    }

    /** A playlist's failure, its secrets masked; without the original, whose message and stack trace may hold them. */
    private static final class PlaylistFailed extends RuntimeException {
        PlaylistFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private Stored store(UUID runId, FetchedPlaylist playlist, boolean dryRun) {
        return store(runId, playlist, dryRun, playlist.payload().length() + " characters");
    }

    /** @param fetched what a dry run reports of the payload */
    private Stored store(UUID runId, FetchedPlaylist playlist, boolean dryRun, String fetched) {
        String service = playlist.service().slug();
        if (dryRun) {
            return new Stored(new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.FETCHED,
                    "dry run: " + fetched + "; nothing stored or published"), null);
        }
        StoredPayload stored = rawPayloads.store(playlist, EventIds.sha256(playlist.payload()), runId);
        if (stored.published()) {
            return new Stored(new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.UNCHANGED,
                    "same content as published on an earlier run"), stored.id());
        }
        publisher.publish(stored, runId);
        rawPayloads.markPublished(stored.id(), clock.instant());
        return new Stored(new PlaylistOutcome(playlist.genre(), service, PlaylistOutcome.Status.PUBLISHED, null), stored.id());
    }

    /** Records what one playlist came to; a failure is recorded and logged, and the run goes on. */
    private void record(UUID runId, String genre, MusicService service, Supplier<Stored> work) {
        long started = System.nanoTime();
        Stored result;
        try {
            // the span records a failure as it is thrown: with its secrets masked, as the run records it
            result = Observation.createNotStarted("tunemeld.ingest.playlist", observations)
                    .contextualName("ingest " + genre + "/" + service.slug())
                    .lowCardinalityKeyValue("tunemeld.service", service.slug())
                    .highCardinalityKeyValue("tunemeld.genre", genre)
                    .observe(() -> {
                        try {
                            return work.get();
                        } catch (RuntimeException e) {
                            throw new PlaylistFailed(redactor.redact(e.getMessage()));
                        }
                    });
        } catch (RuntimeException e) {
            String reason = redactor.redact(e.getMessage());
            log.warn("playlist {}/{} failed: {}", genre, service.slug(), reason);
            result = new Stored(new PlaylistOutcome(genre, service.slug(), PlaylistOutcome.Status.FAILED, reason), null);
        }
        runs.record(runId, result.outcome().took((System.nanoTime() - started) / 1_000_000), result.rawPayloadId());
    }

    private static PlaylistOutcome failed(PlaylistRef playlist, String reason) {
        return new PlaylistOutcome(playlist.genre(), playlist.service().slug(), PlaylistOutcome.Status.FAILED, reason);
    }

    /** The playlists of services whose entries carry most ISRCs first (a stable sort: otherwise as listed). */
    private static <T> Comparator<T> isrcsFirst(Function<T, MusicService> service) {
        return Comparator.comparing(playlist -> service.apply(playlist).isrcs());
    }
}
