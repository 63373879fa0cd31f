package io.tunemeld.ingest.run;

import io.tunemeld.ingest.fetch.CachePolicy;
import io.tunemeld.ingest.fetch.FetchCacheRepository;
import io.tunemeld.ingest.run.RunRecorder.Stored;
import io.tunemeld.ingest.source.ApiSource;
import io.tunemeld.ingest.source.FetchedPlaylist;
import io.tunemeld.ingest.source.PlaylistRef;
import io.tunemeld.platform.http.ApiException;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.MusicService;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Playlists from the services' APIs: one fetched recently enough is reused, and after an authentication or
 * quota failure the rest of that service is skipped.
 */
class ApiRunner {

    static final String API_SOURCE = "api";

    private final Map<MusicService, ApiSource> sources = new EnumMap<>(MusicService.class);
    private final Supplier<List<PlaylistRef>> playlists;
    private final FetchCacheRepository fetchCache;
    private final CachePolicy cachePolicy;
    private final RunRecorder recorder;
    private final PlaylistStore store;
    private final SecretRedactor redactor;
    private final Clock clock;

    ApiRunner(List<ApiSource> sources, Supplier<List<PlaylistRef>> playlists, FetchCacheRepository fetchCache, CachePolicy cachePolicy,
            RunRecorder recorder, PlaylistStore store, SecretRedactor redactor, Clock clock) {
        sources.forEach(source -> this.sources.put(source.service(), source));
        this.playlists = playlists;
        this.fetchCache = fetchCache;
        this.cachePolicy = cachePolicy;
        this.recorder = recorder;
        this.store = store;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** The configured playlists the request includes, those of services whose entries carry most ISRCs first. */
    void run(UUID runId, RunRequest request) {
        List<PlaylistRef> included = playlists.get().stream().sorted(isrcsFirst(PlaylistRef::service))
                .filter(playlist -> request.includes(playlist.genre(), playlist.service())).toList();
        fetchAll(runId, included, request, cachePolicy);
    }

    /** What the service still needs to be called; empty when it is configured. */
    Optional<String> missingConfiguration(MusicService service) {
        ApiSource source = sources.get(service);
        return source == null ? Optional.of("no source for this service") : source.missingConfiguration();
    }

    /** Fetches each playlist that is not fresh by {@code reuse}, unless its service is not configured or broke in this run. */
    void fetchAll(UUID runId, List<PlaylistRef> wanted, RunRequest request, CachePolicy reuse) {
        Map<MusicService, String> broken = new EnumMap<>(MusicService.class);
        for (PlaylistRef playlist : wanted) {
            Optional<String> missing = missingConfiguration(playlist.service());
            if (missing.isPresent()) {
                recorder.failed(runId, playlist.genre(), playlist.service().slug(), "not configured: " + missing.get());
            } else if (broken.containsKey(playlist.service())) {
                recorder.failed(runId, playlist.genre(), playlist.service().slug(), "skipped: " + broken.get(playlist.service()));
            } else {
                recorder.record(runId, playlist.genre(), playlist.service(), () -> fetch(runId, playlist, request, broken, reuse));
            }
        }
    }

    private Stored fetch(UUID runId, PlaylistRef playlist, RunRequest request, Map<MusicService, String> broken, CachePolicy reuse) {
        Instant now = clock.instant();
        Optional<Instant> fetched = fetchCache.lastFetched(playlist);
        if (!request.force() && fetched.filter(at -> reuse.isFresh(at, now)).isPresent()) {
            return new Stored(new PlaylistOutcome(playlist.genre(), playlist.service().slug(), PlaylistOutcome.Status.CACHED,
                    "fetched " + fetched.get() + "; reused until it is stale"));
        }
        String payload;
        try {
            payload = sources.get(playlist.service()).fetch(playlist);
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                broken.put(playlist.service(), redactor.redact(e.getMessage()));
            }
            throw e;
        }
        Stored stored = store.store(runId, new FetchedPlaylist(playlist.genre(), playlist.service(), API_SOURCE, playlist.ref(), payload, now),
                request.dryRun());
        if (!request.dryRun()) {
            fetchCache.record(playlist, EventIds.sha256(payload), now);
        }
        return stored;
    }

    /** The playlists of services whose entries carry most ISRCs first (a stable sort: otherwise as listed). */
    static <T> Comparator<T> isrcsFirst(Function<T, MusicService> service) {
        return Comparator.comparing(playlist -> service.apply(playlist).isrcs());
    }
}
