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
import io.tunemeld.ingest.source.PlaylistRef;
import io.tunemeld.platform.kafka.EventSender;
import io.tunemeld.schemas.MusicService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an ingest, from a payload directory, the services' APIs or a listening source, each through its
 * runner. Every playlist is stored raw before it is published, identical content is not published again, a
 * playlist fetched recently enough is reused, and a playlist that fails is recorded with its reason (secrets
 * masked) while the others go on; after an authentication or quota failure the rest of that service is
 * skipped.
 */
public class IngestRunService {

    private static final Logger log = LoggerFactory.getLogger(IngestRunService.class);

    private final DirectoryRunner directories;
    private final ApiRunner apis;
    private final LastFmRunner lastFm;
    private final ListenerRunner listeners;
    private final RunRecorder recorder;
    private final PlaylistStore store;
    private final RawPayloadRepository rawPayloads;
    private final IngestRunPublisher runPublisher;
    private final IngestRunRepository runs;
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
        this.recorder = new RunRecorder(runs, redactor, observations);
        this.store = new PlaylistStore(rawPayloads, publisher, clock);
        this.directories = new DirectoryRunner(directorySource, recorder, store);
        this.apis = new ApiRunner(apiSources, playlists, fetchCache, cachePolicy, recorder, store, redactor, clock);
        this.lastFm = new LastFmRunner(lastFm, recorder, store, clock);
        this.listeners = new ListenerRunner(histories, apis, recorder);
        this.rawPayloads = rawPayloads;
        this.runPublisher = new IngestRunPublisher(sender);
        this.runs = runs;
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
            recorder.record(runId, stored.genre(), MusicService.of(stored.service()),
                    () -> store.publish(runId, stored, "republished from the raw store"));
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
                RunRequest.Listening listening = request.listening().get();
                if (listening instanceof RunRequest.LastFmChart chart) {
                    lastFm.run(runId, chart, request.dryRun());
                } else if (listening instanceof RunRequest.ListenerProfiles profiles) {
                    listeners.profiles(runId, profiles, request.dryRun());
                } else {
                    listeners.history(runId, (RunRequest.SpotifyHistory) listening, request);
                }
            } else if (request.directory().isPresent()) {
                directories.run(runId, request);
            } else {
                apis.run(runId, request);
            }
        } catch (RuntimeException e) {
            log.error("ingest run {} stopped: {}", runId, redactor.redact(e.getMessage()));
            recorder.failed(runId, "*", "*", redactor.redact(e.getMessage()));
        } finally {
            runs.finish(runId, clock.instant());
        }
        IngestRun run = runs.find(runId).orElseThrow();
        log.info("ingest run {} ({}): {}", runId, request.trigger(), run.playlists());
        runPublisher.publish(run, request.dryRun() ? "dry-run" : "ingest");
    }
}
