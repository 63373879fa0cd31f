package io.tunemeld.cache.readmodel;

import io.tunemeld.events.AggregateComputed;
import io.tunemeld.events.PlaylistSnapshotResolved;
import io.tunemeld.events.TrackCanonicalized;
import io.tunemeld.events.TrackEnriched;
import io.tunemeld.events.ViewsCounted;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side: events update PostgreSQL first, then exactly the Redis keys they affect (so Redis is
 * warm before anyone asks); reads go to Redis and, on a miss, to PostgreSQL, refilling Redis.
 */
@Service
public class ReadModel {

    private static final Logger log = LoggerFactory.getLogger(ReadModel.class);
    /** Tracks (and tracks whose view counts) are warmed this many per pipeline (per query) when Redis is refilled. */
    private static final int WARM_BATCH = 500;

    private final ReadModelRepository repository;
    private final RedisReadCache cache;
    private final CacheTtls ttls;
    private final JsonMapper json = JsonMapper.shared();

    ReadModel(ReadModelRepository repository, RedisReadCache cache, CacheTtls ttls) {
        this.repository = repository;
        this.cache = cache;
        this.ttls = ttls;
    }

    public void apply(AggregateComputed event) {
        var view = new AggregateView(event.getGenre(), event.getComputedAt().toString(), event.getStrategy(),
                event.getEntries().stream().map(e -> new AggregateView.Entry(e.getRank(), e.getScore(), e.getTrackKey(),
                        e.getIsrc(), e.getTitle(), e.getArtist(), e.getServiceCount(),
                        e.getPositions().stream().map(p -> new AggregateView.Position(p.getService(), p.getPosition(),
                                p.getMatchMethod(), p.getMatchConfidence())).toList(),
                        e.getPreviousRank(), e.getPeakRank(), e.getDaysOnList(), e.getMovement()))
                        .toList());
        String body = json.writeValueAsString(view);
        // the rank history may change even when a newer aggregate is held
        boolean ranksChanged = repository.saveRanks(event.getGenre(), event.getComputedAt(), view.entries()) > 0;
        boolean newer = repository.saveAggregate(event.getGenre(), event.getComputedAt(), body);
        if (newer) {
            cache.putAggregate(event.getGenre(), body);
        }
        if (newer || ranksChanged) {
            cache.newVersion();
        }
    }

    public void apply(PlaylistSnapshotResolved event) {
        var view = new PlaylistView(event.getGenre(), event.getService(), event.getPlaylistName(), event.getPlaylistUrl(),
                event.getFetchedAt().toString(), event.getPlaylistLength(),
                event.getEntries().stream().map(e -> new PlaylistView.Entry(e.getPosition(), e.getTrackKey(), e.getIsrc(),
                        e.getTitle(), String.join(", ", e.getArtists()), e.getUrl(), e.getArtworkUrl(), e.getMatchMethod(),
                        e.getMatchConfidence(), e.getPlayCount())).toList());
        String body = json.writeValueAsString(view);
        if (repository.savePlaylist(event.getGenre(), event.getService(), event.getFetchedAt(), event.getResolvedAt(), body)) {
            cache.putPlaylist(event.getGenre(), event.getService(), body);
            cache.newVersion();
        }
    }

    public void apply(TrackCanonicalized event) {
        apply(List.of(event));
    }

    /**
     * Tracks in order: one statement and one Redis pipeline for all. Of a key's events the greatest version
     * wins (between equals the last), here and against what is stored: two track-service replicas may
     * publish one key's states out of order.
     */
    public void apply(List<TrackCanonicalized> events) {
        Map<String, TrackCanonicalized> latest = new LinkedHashMap<>();
        events.forEach(event -> latest.merge(event.getTrackKey(), event,
                (kept, next) -> next.getVersion() >= kept.getVersion() ? next : kept));
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, String> isrcs = new LinkedHashMap<>();
        Map<String, Long> versions = new LinkedHashMap<>();
        Map<String, Long> gone = new LinkedHashMap<>();
        latest.forEach((key, event) -> {
            if (event.getReplacedBy() != null) {
                // the track is gone under this key (re-keyed): playlists and aggregates now name the new one
                gone.put(key, event.getVersion());
                return;
            }
            bodies.put(key, json.writeValueAsString(new TrackView(key, event.getIsrc(), event.getTitle(), event.getArtist(),
                    event.getAlbum(), event.getArtworkUrl(), event.getSpotifyUrl(), event.getAppleMusicUrl(),
                    event.getSoundcloudUrl(), event.getYoutubeUrl())));
            isrcs.put(key, event.getIsrc());
            versions.put(key, event.getVersion());
        });
        bodies.keySet().retainAll(repository.saveTracks(bodies, isrcs, versions));
        Set<String> removed = repository.replaceTracks(gone);
        cache.putTracks(bodies);
        cache.delete(removed.stream().flatMap(key -> Stream.of(RedisReadCache.trackKey(key),
                RedisReadCache.trackDetailsKey(key))).toList());
        cache.newVersion();
    }

    public void apply(TrackEnriched event) {
        String body = json.writeValueAsString(new TrackDetailsView(event.getTrackKey(), event.getSpotifyId(), event.getAlbum(),
                event.getReleaseDate(), event.getDurationMs(), event.getPopularity(), event.getExplicit(), event.getGenres(),
                event.getArtists().stream().map(artist -> new TrackDetailsView.Artist(artist.getId(), artist.getName(),
                        artist.getGenres(), artist.getPopularity(), artist.getFollowers())).toList(),
                Optional.ofNullable(event.getAlbumRating()).map(rating -> new TrackDetailsView.AlbumRating(rating.getUrl(),
                        rating.getCriticScore(), rating.getCriticReviews(), rating.getUserScore(), rating.getUserRatings(),
                        rating.getGenres(), rating.getRatedAt().toString())).orElse(null)));
        if (repository.saveTrackDetails(event.getTrackKey(), body, event.getOccurredAt())) {
            cache.put(RedisReadCache.trackDetailsKey(event.getTrackKey()), body, ttls.track());
            cache.newVersion();
        }
    }

    public void apply(ViewsCounted event) {
        repository.saveViewCount(event.getIsrc(), event.getService(), event.getDate(), event.getCount(), event.getDelta(),
                event.getAlert() == null ? null : new ViewCountsView.Alert(event.getAlert().getKind(), event.getAlert().getTrailingAverage()),
                event.getOccurredAt());
        viewDocuments(List.of(event.getIsrc())).forEach((isrc, body) -> cache.putViewCounts(isrc, body));
        cache.newVersion();
    }

    /** Another feature's write that answers may depend on: the read model's version moves on. */
    public void changed() {
        cache.newVersion();
    }

    /**
     * The read model's current version: it changes after every write, so an answer derived from one
     * version may be reused while it is current. Empty when Redis is down or lost it.
     */
    public Optional<String> version() {
        return cache.version();
    }

    public List<String> genres() {
        return cache.genres().map(genres -> List.copyOf(new TreeSet<>(genres))).orElseGet(() -> {
            List<String> genres = repository.genres();
            cache.putGenres(genres);
            return genres;
        });
    }

    public Optional<AggregateView> aggregate(String genre) {
        return aggregateDocument(genre).map(body -> json.readValue(body, AggregateView.class));
    }

    /** The aggregate as the JSON document Redis holds, unparsed. */
    public Optional<String> aggregateDocument(String genre) {
        return cacheAside(RedisReadCache.aggregateKey(genre), ttls.aggregate(), () -> repository.aggregate(genre));
    }

    public Optional<PlaylistView> playlist(String genre, String service) {
        return cacheAside(RedisReadCache.playlistKey(genre, service), ttls.playlist(), () -> repository.playlist(genre, service))
                .map(body -> json.readValue(body, PlaylistView.class));
    }

    /** Redis first; on a miss the read model in PostgreSQL, put back into Redis. */
    private Optional<String> cacheAside(String key, Duration ttl, Supplier<Optional<String>> readModel) {
        return cache.get(key).or(() -> readModel.get().map(body -> {
            cache.fill(key, body, ttl);
            return body;
        }));
    }

    /** The canonical tracks known among the given keys, by key, in one Redis call and at most one query. */
    public Map<String, TrackView> tracks(Collection<String> trackKeys) {
        return cacheAsideAll(trackKeys, RedisReadCache::trackKey, ttls.track(), missing -> repository.tracks(missing).stream()
                .collect(Collectors.toMap(body -> json.readValue(body, TrackView.class).trackKey(), body -> body)), TrackView.class);
    }

    /**
     * The view counts of the given tracks, by ISRC, in one Redis call and at most one query. A track without
     * counts is cached as such too, so asking again does not reach PostgreSQL.
     */
    public Map<String, ViewCountsView> viewCounts(Collection<String> isrcs) {
        return cacheAsideAll(isrcs, RedisReadCache::viewCountsKey, ttls.views(), missing -> {
            Map<String, String> documents = viewDocuments(missing);
            missing.forEach(isrc -> documents.computeIfAbsent(isrc, none -> json.writeValueAsString(new ViewCountsView(none, List.of()))));
            return documents;
        }, ViewCountsView.class);
    }

    /** What the enrichment found of the given tracks, by key (not enriched yet: {@link TrackDetailsView#enriched()} false). */
    public Map<String, TrackDetailsView> trackDetails(Collection<String> trackKeys) {
        return cacheAsideAll(trackKeys, RedisReadCache::trackDetailsKey, ttls.track(), missing -> {
            Map<String, String> documents = repository.trackDetails(missing);
            missing.forEach(key -> documents.computeIfAbsent(key, none -> json.writeValueAsString(TrackDetailsView.none(none))));
            return documents;
        }, TrackDetailsView.class);
    }

    public List<RankPoint> rankHistory(String isrc, String genre, Instant since) {
        return repository.ranks(isrc, genre, since);
    }

    private Map<String, String> viewDocuments(Collection<String> isrcs) {
        Map<String, String> documents = new LinkedHashMap<>();
        repository.viewCounts(isrcs).stream().collect(Collectors.groupingBy(ViewCountsView.Row::isrc))
                .forEach((isrc, rows) -> documents.put(isrc, json.writeValueAsString(ViewCountsView.of(isrc, rows))));
        return documents;
    }

    /**
     * Redis first for all ids in one call; the missing ones from PostgreSQL in one query, put back into Redis.
     *
     * @param load the stored documents of the missing ids, by id (ids without one left out)
     */
    private <V> Map<String, V> cacheAsideAll(Collection<String> ids, Function<String, String> cacheKey, Duration ttl,
            Function<List<String>, Map<String, String>> load, Class<V> type) {
        Map<String, String> idsByCacheKey = new LinkedHashMap<>();
        ids.forEach(id -> idsByCacheKey.put(cacheKey.apply(id), id));
        Map<String, String> bodies = new LinkedHashMap<>();
        cache.getAll(idsByCacheKey.keySet()).forEach((key, body) -> bodies.put(idsByCacheKey.get(key), body));
        List<String> missing = idsByCacheKey.values().stream().filter(id -> !bodies.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            load.apply(missing).forEach((id, body) -> {
                bodies.put(id, body);
                cache.fill(cacheKey.apply(id), body, ttl);
            });
        }
        Map<String, V> found = new LinkedHashMap<>();
        bodies.forEach((id, body) -> found.put(id, json.readValue(body, type)));
        return found;
    }

    /** At start, a Redis that lost its keys (restarted, or new) is refilled before the first request. */
    @EventListener(ApplicationReadyEvent.class)
    void warmIfEmpty() {
        if (cache.reachableAndEmpty()) {
            warm();
        }
    }

    /**
     * Repairs what writes Redis refused (a blip, a failover) while no event comes to do it: the keys they
     * left stale, or, when there were too many to remember, the whole read model.
     */
    @Scheduled(fixedDelayString = "${tunemeld.cache.repair-interval}")
    void repairRefusedWrites() {
        if (cache.takeTooManyUnwritten()) {
            log.info("Redis refused more writes than are remembered: rewriting the read model");
            warm();
        } else if (cache.hasUnwritten()) {
            cache.newVersion();
        }
    }

    /** Refills Redis from PostgreSQL, for a Redis that restarted empty; events keep it warm from then on. */
    public int warm() {
        int[] keys = {0};
        repository.forEachAggregate((genre, body) -> {
            cache.putAggregate(genre, body);
            keys[0]++;
        });
        repository.forEachPlaylist(playlist -> {
            cache.putPlaylist(playlist.genre(), playlist.service(), playlist.body());
            keys[0]++;
        });
        Map<String, String> tracks = new LinkedHashMap<>();
        repository.forEachTrack((trackKey, body) -> {
            tracks.put(trackKey, body);
            if (tracks.size() == WARM_BATCH) {
                cache.putTracks(tracks);
                keys[0] += tracks.size();
                tracks.clear();
            }
        });
        cache.putTracks(tracks);
        keys[0] += tracks.size();
        List<String> isrcs = repository.viewCountedIsrcs();
        for (int from = 0; from < isrcs.size(); from += WARM_BATCH) {
            viewDocuments(isrcs.subList(from, Math.min(isrcs.size(), from + WARM_BATCH))).forEach((isrc, body) -> {
                cache.putViewCounts(isrc, body);
                keys[0]++;
            });
        }
        cache.newVersion();
        log.info("warmed {} Redis keys from the read model", keys[0]);
        return keys[0];
    }

    /**
     * Rewrites one genre's Redis keys from PostgreSQL (its aggregate, its playlists and the tracks they
     * list) and moves the version on, for a cache an operator knows is wrong; nothing else is touched.
     *
     * @return the keys written; empty when the read model has no such genre
     */
    public OptionalInt refresh(String genre) {
        Optional<String> aggregate = repository.aggregate(genre);
        List<ReadModelRepository.PlaylistDocument> playlists = repository.playlists(genre);
        if (aggregate.isEmpty() && playlists.isEmpty()) {
            return OptionalInt.empty();
        }
        Set<String> trackKeys = new LinkedHashSet<>();
        aggregate.ifPresent(body -> {
            cache.putAggregate(genre, body);
            json.readValue(body, AggregateView.class).entries().forEach(entry -> trackKeys.add(entry.trackKey()));
        });
        for (var playlist : playlists) {
            cache.putPlaylist(genre, playlist.service(), playlist.body());
            json.readValue(playlist.body(), PlaylistView.class).entries().forEach(entry -> trackKeys.add(entry.trackKey()));
        }
        Map<String, String> tracks = repository.trackDocuments(trackKeys);
        cache.putTracks(tracks);
        cache.newVersion();
        int keys = (aggregate.isPresent() ? 1 : 0) + playlists.size() + tracks.size();
        log.info("refreshed {} Redis keys of genre {} from the read model", keys, genre);
        return OptionalInt.of(keys);
    }

    public Optional<TrackView> trackByKey(String trackKey) {
        return Optional.ofNullable(tracks(List.of(trackKey)).get(trackKey));
    }

    public Optional<TrackView> trackByIsrc(String isrc) {
        return repository.trackKeyOfIsrc(isrc).map(key -> tracks(List.of(key)).get(key));
    }

}
