package io.tunemeld.cache.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side's queries: Redis first and, on a miss, PostgreSQL, refilling Redis ({@link ReadModelProjection}
 * writes both as events come, {@link ReadModelWarmer} refills Redis when it lost its keys).
 */
@Service
public class ReadModel {

    private final ReadModelRepository repository;
    private final RedisReadCache cache;
    private final CacheTtls ttls;
    private final JsonMapper json = JsonMapper.shared();

    ReadModel(ReadModelRepository repository, RedisReadCache cache, CacheTtls ttls) {
        this.repository = repository;
        this.cache = cache;
        this.ttls = ttls;
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
            Map<String, String> documents = repository.viewDocuments(missing);
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

    public Optional<TrackView> trackByKey(String trackKey) {
        return Optional.ofNullable(tracks(List.of(trackKey)).get(trackKey));
    }

    public Optional<TrackView> trackByIsrc(String isrc) {
        return repository.trackKeyOfIsrc(isrc).map(key -> tracks(List.of(key)).get(key));
    }

}
