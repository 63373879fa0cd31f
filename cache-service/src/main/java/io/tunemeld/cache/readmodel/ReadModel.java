package io.tunemeld.cache.readmodel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * writes both as events come, {@link ReadModelWarmer} refills Redis when it lost its keys). Documents are kept
 * as parsed while the read model's version is unchanged: an executed query would otherwise read and parse the
 * same aggregate and tracks again for every request.
 */
@Service
public class ReadModel {

    /** How many parsed documents are kept (an aggregate, a playlist, a track each): the hot ones, in a few MB of heap. */
    private static final long PARSED_DOCUMENTS = 10_000;

    private final ReadModelRepository repository;
    private final RedisReadCache cache;
    private final CacheTtls ttls;
    private final JsonMapper json = JsonMapper.shared();
    /** Views by Redis key, with the version they were read at: read after the version, so at least as new as it. */
    private final Cache<String, Parsed> parsed = Caffeine.newBuilder().maximumSize(PARSED_DOCUMENTS).build();

    private record Parsed(String version, Object view) {
    }

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
        return view(RedisReadCache.aggregateKey(genre), AggregateView.class, () -> aggregateDocument(genre));
    }

    /** The aggregate as the JSON document Redis holds, unparsed. */
    public Optional<String> aggregateDocument(String genre) {
        return cacheAside(RedisReadCache.aggregateKey(genre), ttls.aggregate(), () -> repository.aggregate(genre));
    }

    public Optional<PlaylistView> playlist(String genre, String service) {
        String key = RedisReadCache.playlistKey(genre, service);
        return view(key, PlaylistView.class, () -> cacheAside(key, ttls.playlist(), () -> repository.playlist(genre, service)));
    }

    /** The view kept for this key if it was read at the current version, else the document read and parsed. */
    private <V> Optional<V> view(String key, Class<V> type, Supplier<Optional<String>> document) {
        Optional<String> version = cache.version();
        V kept = kept(version, key, type);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<V> view = document.get().map(body -> json.readValue(body, type));
        view.ifPresent(read -> keep(version, key, read));
        return view;
    }

    /** The view kept for this key if it was read at this version, else null. */
    private <V> V kept(Optional<String> version, String key, Class<V> type) {
        Parsed kept = version.isPresent() ? parsed.getIfPresent(key) : null;
        return kept != null && kept.version().equals(version.get()) ? type.cast(kept.view()) : null;
    }

    private void keep(Optional<String> version, String key, Object view) {
        version.ifPresent(current -> parsed.put(key, new Parsed(current, view)));
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
        Optional<String> version = cache.version();
        Map<String, V> found = new LinkedHashMap<>();
        Map<String, String> idsByCacheKey = new LinkedHashMap<>();
        ids.forEach(id -> {
            String key = cacheKey.apply(id);
            V kept = kept(version, key, type);
            if (kept != null) {
                found.put(id, kept);
            } else {
                idsByCacheKey.put(key, id);
            }
        });
        Map<String, String> bodies = new LinkedHashMap<>();
        cache.getAll(idsByCacheKey.keySet()).forEach((key, body) -> bodies.put(idsByCacheKey.get(key), body));
        List<String> missing = idsByCacheKey.values().stream().filter(id -> !bodies.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            load.apply(missing).forEach((id, body) -> {
                bodies.put(id, body);
                cache.fill(cacheKey.apply(id), body, ttl);
            });
        }
        bodies.forEach((id, body) -> {
            V view = json.readValue(body, type);
            found.put(id, view);
            keep(version, cacheKey.apply(id), view);
        });
        return found;
    }

    public Optional<TrackView> trackByKey(String trackKey) {
        return Optional.ofNullable(tracks(List.of(trackKey)).get(trackKey));
    }

    public Optional<TrackView> trackByIsrc(String isrc) {
        return repository.trackKeyOfIsrc(isrc).map(key -> tracks(List.of(key)).get(key));
    }

}
